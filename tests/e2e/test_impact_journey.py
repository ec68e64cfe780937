"""Resultaten in the browser: a mirror signal that gets answered, and figures that show it.

Sam, ervaringswerker at De Brug, logs a contribution on a phone (375 x 812): the note
first names a client, Kwartier (the real de-identification engine) shows what looks
identifying and saves nothing; the rewritten note is saved. Sam raises a signal for
Wijkteam Noord. Youssef, medewerker in that team (who answers for it), responds, plans a
change and records it as made; Sam follows every step on the signal's page. The
responsiveness figures of De Brug go from 1 signal / 0 answered / rate – to 1 / 1 /
100 %, 1 change made, 0 overdue. Noor (kwartiermaker) publishes the page, a visitor
without an account sees the figures but no signal text, and Lotte of Op Weg sees none of
De Brug's signals (its address answers 404). axe checks every page.
"""

from __future__ import annotations

from django.utils import timezone

from kwartier.accounts.models import Layer, Role
from kwartier.impact import deid
from kwartier.impact.models import Contribution, Signal, SignalState
from tests.factories import (
    PASSWORD,
    MembershipFactory,
    OrganisationFactory,
    TeamFactory,
    UserFactory,
)

PHONE = {"width": 375, "height": 812}


def log_in(visitor, email: str) -> None:
    page = visitor.page
    visitor.goto("/accounts/login/")
    page.fill("#id_login", email)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(visitor.base_url + "/")
    visitor.check()


def figures(page) -> dict[str, str]:
    items = page.locator(".kwartier-figures__item").evaluate_all(
        "nodes => nodes.map(n => [n.children[0].textContent, n.children[1].textContent])"
    )
    return {label.replace("\u00ad", ""): value for label, value in items}


def test_contribution_signal_answered_and_figures(visitor_factory, transactional_db):
    brug = OrganisationFactory(name="Welzijn De Brug", slug="debrug")
    opweg = OrganisationFactory(name="Stichting Op Weg", slug="opweg")
    noord = TeamFactory(organisation=brug, name="Wijkteam Noord", layer=Layer.FRONTLINE)
    TeamFactory(organisation=brug, name="Inloop De Brug", layer=Layer.FRONTLINE)
    sam_user = UserFactory(email="sam@debrug.example.nl", full_name="Sam de Vries")
    youssef_user = UserFactory(email="youssef@debrug.example.nl", full_name="Youssef el Amrani")
    noor_user = UserFactory(email="noor@debrug.example.nl", full_name="Noor Bakker")
    lotte_user = UserFactory(email="lotte@opweg.example.nl", full_name="Lotte Visser")
    MembershipFactory(user=sam_user, organisation=brug, role=Role.EXPERIENCE_WORKER, team=noord)
    MembershipFactory(user=youssef_user, organisation=brug, role=Role.EMPLOYEE, team=noord)
    MembershipFactory(user=noor_user, organisation=brug, role=Role.KWARTIERMAKER)
    MembershipFactory(user=lotte_user, organisation=opweg, role=Role.EXPERIENCE_WORKER)
    # The engine loads once per process (seconds); load it before the browser waits on it.
    deid.find_identifying("Opwarmen.")

    # --- Sam logs a contribution on a phone ------------------------------------------------
    sam = visitor_factory("ervaringswerker-telefoon")
    page = sam.page
    page.set_viewport_size(PHONE)
    log_in(sam, sam_user.email)
    sam.goto("/resultaten/")
    page.get_by_role("link", name="Bijdrage vastleggen").first.click()
    sam.check()
    page.get_by_label("Minuten").fill("45")
    page.get_by_label("Niveau", exact=True).select_option("client")
    page.get_by_label("Soort").select_option("conversation")
    page.get_by_label("Korte notitie").fill("Gesprek met Henriëtte Bakker over haar schulden.")
    page.get_by_role("button", name="Vastleggen").click()
    sam.check()
    assert "Er is nog niets bewaard" in page.content()
    assert page.locator("mark.kwartier-mark").first.inner_text().startswith("Henriëtte")
    assert Contribution.objects.count() == 0
    page.get_by_label("Korte notitie").fill("Gesprek over schulden en schaamte.")
    month = timezone.localdate().replace(day=1)
    page.get_by_role("button", name="Vastleggen").click()
    sam.check()
    assert "Uw bijdrage is vastgelegd" in page.content()
    same_month = timezone.localdate().replace(day=1) == month  # not past a month's end
    if same_month:
        assert "Deze maand: 1 bijdrage, 45 minuten." in page.content()
    contribution = Contribution.objects.get()
    assert (contribution.author, contribution.level, contribution.minutes) == (
        sam_user,
        "client",
        45,
    )
    # nothing sticks out sideways on a phone
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    # removing asks first; cancelling keeps it
    page.get_by_role("link", name="Verwijderen").click()
    sam.check()
    page.get_by_role("link", name="Annuleren").click()
    sam.check()
    assert Contribution.objects.count() == 1

    # --- Sam raises a signal for Wijkteam Noord --------------------------------------------
    sam.goto("/resultaten/signalen/nieuw/")
    page.get_by_label("Titel").fill("Wachttijd voor een eerste gesprek loopt op")
    page.get_by_label("Wat ziet u?").fill(
        "Mensen haken af voordat de hulp begint: ze wachten weken op een eerste gesprek."
    )
    page.get_by_label("Niveau", exact=True).select_option("organisation")
    page.get_by_label("Eigenaar: team").select_option(label="Wijkteam Noord")
    page.get_by_role("button", name="Signaal versturen").click()
    sam.check()
    assert "Uw signaal is verstuurd" in page.content()
    signal = Signal.objects.get()
    assert signal.state == SignalState.OPEN and signal.owner_team == noord
    signal_url = f"/resultaten/signalen/{signal.pk}/"

    # --- the figures before ----------------------------------------------------------------
    noor = visitor_factory("kwartiermaker")
    log_in(noor, noor_user.email)
    noor.goto("/resultaten/responsiviteit/")
    before = figures(noor.page)
    assert (before["Signalen"], before["Beantwoord"], before["Reactiepercentage"]) == (
        "1",
        "0",
        "0%",
    )

    # --- Youssef answers for the team and records the change --------------------------------
    youssef = visitor_factory("medewerker")
    ypage = youssef.page
    log_in(youssef, youssef_user.email)
    youssef.goto("/resultaten/")
    ypage.get_by_role("link", name="Wachttijd voor een eerste gesprek loopt op").click()
    youssef.check()
    assert "Sam de Vries" in ypage.content()  # not anonymous
    ypage.get_by_role("link", name="Reageren").click()
    youssef.check()
    ypage.get_by_label("Uw reactie").fill("Herkenbaar. We bespreken het dinsdag in het team.")
    ypage.get_by_role("button", name="Reactie versturen").click()
    youssef.check()
    ypage.get_by_role("link", name="Uitkomst vastleggen").click()
    youssef.check()
    ypage.get_by_label("Uitkomst").select_option("change_planned")
    ypage.get_by_label("Toelichting").fill("Een vast inloopmoment zonder afspraak.")
    ypage.get_by_label("Gepland uiterlijk").fill("2099-01-31")
    ypage.get_by_role("button", name="Uitkomst vastleggen").click()
    youssef.check()
    ypage.get_by_role("link", name="Uitkomst vastleggen").click()
    youssef.check()
    ypage.get_by_label("Uitkomst").select_option("change_made")
    ypage.get_by_label("Toelichting").fill("Het inloopmoment draait sinds deze week.")
    ypage.get_by_role("button", name="Uitkomst vastleggen").click()
    youssef.check()
    signal.refresh_from_db()
    assert signal.state == SignalState.CHANGE_MADE

    # --- Sam follows every step ------------------------------------------------------------
    sam.goto(signal_url)
    steps = page.locator(".kwartier-steps > li").all_inner_texts()
    assert [s.split(" – ")[0] for s in steps] == ["Ingediend", "Reactie", "Uitkomst", "Uitkomst"]
    assert "Het inloopmoment draait sinds deze week." in page.content()

    # --- the figures after -----------------------------------------------------------------
    noor.goto("/resultaten/responsiviteit/")
    after = figures(noor.page)
    assert after["Signalen"] == "1" and after["Beantwoord"] == "1"
    assert after["Reactiepercentage"] == "100%"
    assert after["Verandering doorgevoerd"] == "1" and after["Nu over de termijn"] == "0"
    assert (
        noor.page.locator("figure.kwartier-chart img")
        .get_attribute("alt")
        .startswith("Signalen per maand")
    )

    # --- Noor's overviews: the organisation's contributions and every signal ---------------
    noor.goto("/resultaten/bijdragen/?alle=1")
    assert "45" in noor.page.locator("table").inner_text()
    noor.goto("/resultaten/signalen/?toon=alle")
    assert "Wachttijd voor een eerste gesprek loopt op" in noor.page.content()

    # --- Noor publishes the page; a visitor sees figures, never the text -------------------
    noor.goto("/resultaten/instellingen/")
    noor.page.get_by_label("Maak onze responsiviteit openbaar").check()
    noor.page.get_by_role("button", name="Bewaren").click()
    noor.check()
    visitor = visitor_factory("bezoeker")
    visitor.goto("/resultaten/openbaar/debrug/")
    assert figures(visitor.page)["Verandering doorgevoerd"] == "1"
    assert "Wachttijd" not in visitor.page.content()

    # --- Op Weg sees nothing of De Brug's signals ------------------------------------------
    lotte = visitor_factory("opweg")
    log_in(lotte, lotte_user.email)
    lotte.goto("/resultaten/signalen/")
    assert "Wachttijd" not in lotte.page.content()
    response = lotte.page.goto(lotte.base_url + signal_url)
    assert response.status == 404
