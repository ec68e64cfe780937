"""Resultaten (issue 10, points 4–8) in the browser: the home overview per role, goals
per indicator, an impact story attached and withdrawn, the financier's network dashboard
with a suppressed cell, and the report built by the worker and downloaded as PDF.

Test figures (this year, Regio Oost): De Brug 12 client / 8 organisation / 6 policy
contributions and 6 signals (5 answered, 2 changes made), plus the policy contribution Sam
logs in the journey (policy: 7); Op Weg 7 / 5 / 2 contributions
and 6 signals (5 answered). Op Weg's 2 policy contributions are under five: that cell
shows "<5", and so does the network total of that column (9 - 7 would give it back).
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from kwartier.accounts.models import Layer, Role
from kwartier.impact.models import (
    Contribution,
    ContributionKind,
    Level,
    Report,
    Signal,
    SignalState,
)
from kwartier.knowledge import services as knowledge_services
from kwartier.knowledge.models import ConsentKind, ConsentPurpose, ConsentRecord
from tests.factories import (
    PASSWORD,
    MembershipFactory,
    NetworkFactory,
    OrganisationFactory,
    TeamFactory,
    UserFactory,
)
from tests.knowledge.factories import ExperienceFactory
from tests.planning.factories import add_targets, make_plan


def log_in(visitor, email: str) -> None:
    page = visitor.page
    visitor.goto("/accounts/login/")
    page.fill("#id_login", email)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(visitor.base_url + "/")
    visitor.check()


def _contributions(organisation, author, level, count, day):
    Contribution.objects.bulk_create(
        Contribution(
            organisation=organisation,
            author=author,
            date=day,
            role="ervaringswerker",
            level=level,
            kind=ContributionKind.CONVERSATION,
            minutes=45,
        )
        for _ in range(count)
    )


def _signals(organisation, raiser, owner, *, answered, changed, raised):
    for index in range(6):
        done = index < answered
        Signal.objects.create(
            organisation=organisation,
            raised_by=raiser,
            owner=owner,
            title=f"Signaal {index}",
            description="Omschrijving zonder namen",
            level=Level.ORGANISATION,
            raised_at=raised,
            due_at=raised + timedelta(days=14),
            answered_at=raised + timedelta(days=4) if done else None,
            state=SignalState.CHANGE_MADE
            if index < changed
            else (SignalState.ANSWERED if done else SignalState.OPEN),
        )


def test_results_from_home_overview_to_network_report(
    visitor_factory, transactional_db, run_worker
):
    today = timezone.localdate()
    year_start = today.replace(month=1, day=1)
    network = NetworkFactory(name="Regio Oost", slug="regio-oost")
    brug = OrganisationFactory(name="Welzijn De Brug", slug="debrug")
    opweg = OrganisationFactory(name="Stichting Op Weg", slug="opweg")
    hofstad = OrganisationFactory(name="Gemeente Hofstad", slug="hofstad")
    for organisation in (brug, opweg, hofstad):
        organisation.networks.add(network)
    wijkteam = TeamFactory(organisation=brug, name="Wijkteam Noord", layer=Layer.FRONTLINE)
    noor = UserFactory(email="noor@debrug.example.nl", full_name="Noor Bakker")
    sam = UserFactory(email="sam@debrug.example.nl", full_name="Sam de Vries")
    ingrid = UserFactory(email="ingrid@debrug.example.nl", full_name="Ingrid Hoekstra")
    lotte = UserFactory(email="lotte@opweg.example.nl", full_name="Lotte Visser")
    karim = UserFactory(email="karim@hofstad.example.nl", full_name="Karim Bouzid")
    MembershipFactory(user=noor, organisation=brug, role=Role.KWARTIERMAKER)
    MembershipFactory(user=sam, organisation=brug, role=Role.EXPERIENCE_WORKER, team=wijkteam)
    MembershipFactory(user=ingrid, organisation=brug, role=Role.BOARD_MEMBER)
    MembershipFactory(user=lotte, organisation=opweg, role=Role.EXPERIENCE_WORKER)
    MembershipFactory(user=karim, organisation=hofstad, role=Role.FINANCIER)
    for level, count in ((Level.CLIENT, 12), (Level.ORGANISATION, 8), (Level.POLICY, 6)):
        _contributions(brug, noor, level, count, year_start)
    for level, count in ((Level.CLIENT, 7), (Level.ORGANISATION, 5), (Level.POLICY, 2)):
        _contributions(opweg, lotte, level, count, year_start)
    raised = timezone.make_aware(timezone.datetime(today.year, 1, 2, 10))
    _signals(brug, sam, noor, answered=5, changed=2, raised=raised)
    _signals(opweg, lotte, lotte, answered=5, changed=0, raised=raised)
    story = ExperienceFactory(organisation=brug, author=sam, shared=True)
    ConsentRecord.objects.create(
        experience=story,
        experience_ref=story.public_id,
        organisation=brug,
        kind=ConsentKind.PUBLICATION,
        given_by=sam,
        consent_date=today,
        scope=story.visibility,
        purposes=[ConsentPurpose.KNOWLEDGE, ConsentPurpose.ACCOUNTABILITY],
    )

    # --- the experience worker: the home overview counts the contribution -----------------
    sam_browser = visitor_factory("results-worker")
    page = sam_browser.page
    log_in(sam_browser, sam.email)
    figure = page.locator(".kwartier-figure", has_text="Mijn bijdragen deze maand")
    assert figure.locator("dd").inner_text().strip() == "0"
    sam_browser.goto("/resultaten/bijdragen/nieuw/")
    page.get_by_label("Minuten").fill("40")
    page.get_by_label("Niveau").select_option("policy")
    page.get_by_role("button", name="Vastleggen").click()
    page.wait_for_load_state("load")
    sam_browser.goto("/")
    figure = page.locator(".kwartier-figure", has_text="Mijn bijdragen deze maand")
    assert figure.locator("dd").inner_text().strip() == "1"

    # --- the kwartiermaker: overview, goals, the impact story ---------------------------------
    noor_browser = visitor_factory("results-kwartiermaker")
    page = noor_browser.page
    log_in(noor_browser, noor.email)
    assert "Open signalen" in page.content()
    noor_browser.goto("/resultaten/doelen/")
    assert "Er is nog geen kwartiermaakplan" in page.content()
    plan = make_plan(brug, noor)
    add_targets(plan, noor, {today.year: "2.5"})
    noor_browser.goto("/resultaten/doelen/")
    page.get_by_label("Indicator").select_option("contributions_policy")
    page.fill("#id_target", "10")
    page.get_by_role("button", name="Opslaan").click()
    noor_browser.check()
    goals = page.get_by_role("table", name=f"Doelen {today.year}")
    policy = goals.get_by_role("row", name="Bijdragen op het niveau van beleid")
    assert policy.get_by_role("cell").nth(0).inner_text().strip() == "10"
    assert policy.get_by_role("cell").nth(1).inner_text().strip() == "7"
    noor_browser.goto("/resultaten/verhalen/")
    page.get_by_label("Verhaal").select_option(str(story.pk))
    page.get_by_role("button", name="Koppelen").click()
    noor_browser.check()
    assert story.shared_title in page.content()
    noor_browser.goto("/resultaten/rapporten/")
    page.get_by_label("Periode").select_option("year")
    page.get_by_role("button", name="Rapport maken").click()
    noor_browser.check()
    run_worker()
    report = Report.objects.get(organisation=brug)
    assert report.story_ids == [story.pk]
    noor_browser.goto(f"/resultaten/rapporten/{report.pk}/")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download het rapport (PDF)").click()
    assert download.value.suggested_filename.endswith(".pdf")

    # The author withdraws the story: it leaves the results and the PDF at once.
    knowledge_services.experience_withdraw(experience=story, user=sam)
    noor_browser.goto("/resultaten/verhalen/")
    assert story.shared_title not in page.content()
    noor_browser.goto(f"/resultaten/rapporten/{report.pk}/")
    assert "niet meer te downloaden" in page.content()

    # --- the bestuurder: responsiveness on the home page ------------------------------------
    ingrid_browser = visitor_factory("results-bestuurder")
    log_in(ingrid_browser, ingrid.email)
    assert "Responsiviteit" in ingrid_browser.page.content()

    # --- the financier: the network dashboard with a suppressed cell, and its PDF ------------
    karim_browser = visitor_factory("results-financier")
    page = karim_browser.page
    log_in(karim_browser, karim.email)
    assert "Resultaten in Regio Oost" in page.content()
    karim_browser.goto("/resultaten/netwerk/")
    table = page.get_by_role("table")
    opweg_row = table.get_by_role("row", name="Stichting Op Weg")
    assert "<5" in opweg_row.inner_text()
    # The figures count Sam's policy contribution: 6 + 1.
    brug_row = table.get_by_role("row", name="Welzijn De Brug")
    assert brug_row.get_by_role("cell").nth(2).inner_text().strip() == "7"
    assert "Signaal 0" not in page.content()
    assert "Sam de Vries" not in page.content()
    karim_browser.goto("/resultaten/rapporten/")
    page.get_by_role("button", name="Rapport maken").click()
    karim_browser.check()
    report_path = page.url.replace(karim_browser.base_url, "")
    run_worker()
    karim_browser.goto(report_path)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download het rapport (PDF)").click()
    assert download.value.suggested_filename.endswith(".pdf")
