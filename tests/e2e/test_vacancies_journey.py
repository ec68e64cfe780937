"""Vacancies in the browser: the kwartiermaker of De Brug writes a vacancy without a
support plan and is refused (with the reason, per field); adds the support plan and
publishes it publicly; a visitor without an account finds it on /vacatures/ (filtered),
in the Atom feed and with valid JobPosting JSON-LD, and reacts to it (first with a
mistake, answered in Dutch); the matching list explains its ranking; an experience worker
of Op Weg sees it among "vacatures voor mij" and saves a search. axe on every page.

Figures of the matching list (weights: domains 40 %, role 30 %, training 15 %, region
15 %): Lotte (Op Weg, network consent, both domains, was bruggenbouwer, hbo ED, Hofstad)
0,4 + 0,18 + 0,15 + 0,15 = 88 %; Sam (De Brug, one of two domains, no position, no
training, Hofstad) 0,2 + 0 + 0 + 0,15 = 35 %.
"""

from __future__ import annotations

import json
import re
from datetime import date
from decimal import Decimal

from kwartier.accounts.models import Domain, Role
from kwartier.workforce.models import Application, Position, Profile, Training, Vacancy
from tests.e2e.test_planning_journey import log_in
from tests.factories import MembershipFactory, NetworkFactory, OrganisationFactory, UserFactory


def _domain(slug: str, name: str) -> Domain:
    return Domain.objects.get_or_create(slug=slug, defaults={"name": name})[0]


def test_vacancy_refused_published_found_and_matched(visitor_factory, transactional_db):
    network = NetworkFactory(name="Regio Oost", slug="regio-oost")
    brug = OrganisationFactory(name="Welzijn De Brug", slug="debrug", city="Hofstad")
    opweg = OrganisationFactory(name="Stichting Op Weg", slug="opweg", city="Hofstad")
    brug.networks.add(network)
    opweg.networks.add(network)
    schulden, armoede = _domain("schulden", "Schulden"), _domain("armoede", "Armoede")
    noor = UserFactory(email="noor@debrug.example.nl", full_name="Noor Bakker")
    MembershipFactory(user=noor, organisation=brug, role=Role.KWARTIERMAKER)
    lotte_user = UserFactory(email="lotte@opweg.example.nl", full_name="Lotte Visser")
    lotte_membership = MembershipFactory(
        user=lotte_user, organisation=opweg, role=Role.EXPERIENCE_WORKER
    )
    lotte = Profile.objects.create(
        organisation=opweg,
        membership=lotte_membership,
        name="Lotte Visser",
        available_hours=Decimal(20),
        region="Hofstad",
        matching_consent="network",
    )
    lotte.domains.set([schulden, armoede])
    Position.objects.create(
        organisation=opweg,
        profile=lotte,
        layer="werkvloer",
        roles=["bruggenbouwer"],
        fte=Decimal("0.5"),
        employment="paid",
        starts=date(2022, 1, 1),
        ends=date(2024, 12, 31),
    )
    Training.objects.create(
        organisation=opweg, profile=lotte, kind="hbo_ed", completed=date(2023, 6, 30)
    )
    sam = Profile.objects.create(
        organisation=brug,
        name="Sam de Vries",
        available_hours=Decimal(24),
        region="Hofstad",
        matching_consent="organisation",
    )
    sam.domains.set([schulden])
    Profile.objects.create(
        organisation=opweg,
        name="Zonder Toestemming",
        available_hours=Decimal(40),
        matching_consent="none",
    )

    # --- the kwartiermaker writes a vacancy without a support plan ---------------------
    kwartiermaker = visitor_factory("vacatures-kwartiermaker")
    log_in(kwartiermaker, "noor@debrug.example.nl")
    kwartiermaker.goto("/inzet/vacatures/")
    page = kwartiermaker.page
    page.get_by_role("link", name="Nieuwe vacature of opdracht").click()
    kwartiermaker.check()
    page.fill("#id_title", "Bruggenbouwer schuldhulp")
    page.fill("#id_description", "Je bent de brug tussen bewoners met geldzorgen en de hulp.")
    page.select_option("#id_kind", "paid")
    page.select_option("#id_role", "bruggenbouwer")
    page.get_by_label("Schulden").check()
    page.get_by_label("Armoede").check()
    page.fill("#id_hours_per_week", "16")
    page.fill("#id_place", "Hofstad")
    page.fill("#id_region", "Hofstad")
    page.fill("#id_pay_min", "2900")
    page.fill("#id_pay_max", "3500")
    page.select_option("#id_pay_unit", "month")
    page.fill("#id_pay_scale", "FWG 40")
    page.select_option("#id_scope", "public")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url(re.compile(r"/inzet/vacatures/\d+/$"))
    kwartiermaker.check()
    vacancy = Vacancy.objects.get(title="Bruggenbouwer schuldhulp")
    assert vacancy.state == "draft"
    assert "Beschrijf de ondersteuning" in page.locator("#publish-problems").inner_text()

    page.get_by_role("link", name="Publiceren").click()
    kwartiermaker.check()
    problems = page.locator("#publish-problems li")
    assert problems.count() == 1
    assert problems.first.get_attribute("data-field") == "support_plan"
    vacancy.refresh_from_db()
    assert vacancy.state == "draft"

    # --- adds the support plan and publishes it publicly --------------------------------
    page.get_by_role("link", name="Vacature aanvullen").click()
    kwartiermaker.check()
    page.fill("#id_support_plan", "Intervisie elke zes weken in de netwerkgroep; een coach.")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url(re.compile(r"/inzet/vacatures/\d+/$"))
    page.get_by_role("link", name="Publiceren").click()
    kwartiermaker.check()
    page.get_by_role("button", name="Publiceren").click()
    page.wait_for_url(re.compile(r"/inzet/vacatures/\d+/$"))
    kwartiermaker.check()
    vacancy.refresh_from_db()
    assert vacancy.state == "published" and vacancy.valid_through is not None

    # --- the matching list explains its ranking ----------------------------------------
    page.get_by_role("link", name="Passende ervaringswerkers").click()
    kwartiermaker.check()
    cards = page.locator("#matches > li")
    assert cards.count() == 2  # not the worker without consent
    first, second = cards.nth(0).inner_text(), cards.nth(1).inner_text()
    assert "Lotte Visser" in first and "88% passend" in first
    assert "Ervaring in 2 van de 2 gevraagde domeinen: Armoede, Schulden." in first
    assert "Werkt of werkte als bruggenbouwer." in first
    assert "Afgeronde hbo-opleiding ervaringsdeskundigheid." in first
    assert "Sam de Vries" in second and "35% passend" in second
    assert "Nog geen ervaring als bruggenbouwer bekend." in second

    # --- a visitor without an account finds it ------------------------------------------
    visitor = visitor_factory("vacatures-bezoeker")
    visitor.goto("/vacatures/")
    vpage = visitor.page
    vpage.select_option("#id_domain", "schulden")
    vpage.get_by_role("button", name="Toon vacatures").click()
    visitor.check()
    assert "domain=schulden" in vpage.url
    vpage.get_by_role("link", name="Bruggenbouwer schuldhulp").click()
    visitor.check()
    blocks = vpage.locator('script[type="application/ld+json"]').all_inner_texts()
    assert len(blocks) == 1
    posting = json.loads(blocks[0])
    assert posting["@type"] == "JobPosting" and posting["title"] == "Bruggenbouwer schuldhulp"
    assert posting["hiringOrganization"] == {"@type": "Organization", "name": "Welzijn De Brug"}
    assert posting["jobLocation"]["address"]["addressLocality"] == "Hofstad"
    assert posting["employmentType"] == "PART_TIME"
    assert posting["baseSalary"]["value"]["minValue"] == 2900.0
    for key in ("description", "datePosted", "validThrough"):
        assert posting[key]

    feed = vpage.request.get(visitor.base_url + "/vacatures/feed/")
    assert feed.ok and "application/atom+xml" in feed.headers["content-type"]
    assert "<title>Bruggenbouwer schuldhulp – Welzijn De Brug</title>" in feed.text()

    # reacts: first a mistake, answered in Dutch, then properly
    vpage.fill("#id_name", "Jamal")
    vpage.fill("#id_email", "jamal@voorbeeld")
    vpage.fill("#id_motivation", "Ik wil graag.")
    vpage.get_by_role("button", name="Reactie versturen").click()
    visitor.check()
    text = vpage.locator("main").inner_text()
    assert "Vul een geldig e-mailadres in" in text and "Schrijf minstens 20 tekens." in text
    assert not Application.objects.exists()
    vpage.fill("#id_email", "jamal@voorbeeld.nl")
    vpage.fill("#id_motivation", "Ik ken schulden van binnenuit en help graag anderen.")
    vpage.get_by_role("button", name="Reactie versturen").click()
    visitor.check()
    assert "Dank u wel voor uw reactie" in vpage.locator("main").inner_text()
    assert Application.objects.get().email == "jamal@voorbeeld.nl"

    # --- the experience worker of Op Weg: vacancies that fit, and a saved search --------
    worker = visitor_factory("vacatures-ervaringswerker")
    log_in(worker, "lotte@opweg.example.nl")
    worker.goto("/inzet/vacatures/voor-mij/")
    wpage = worker.page
    assert "Bruggenbouwer schuldhulp" in wpage.locator("main").inner_text()
    assert "88% passend" in wpage.locator("main").inner_text()
    worker.goto("/vacatures/?role=bruggenbouwer")
    wpage.fill("#id_name", "Bruggenbouwer in Hofstad")
    wpage.get_by_role("button", name="Bewaar deze zoekopdracht").click()
    wpage.wait_for_url(worker.base_url + "/inzet/vacatures/zoekopdrachten/")
    worker.check()
    assert "Bruggenbouwer in Hofstad" in wpage.locator("main").inner_text()

    # the poster sees the reaction on the vacancy page
    kwartiermaker.goto(f"/inzet/vacatures/{vacancy.pk}/")
    assert "jamal@voorbeeld.nl" in page.locator("main").inner_text()
    kwartiermaker.goto(f"/inzet/vacatures/{vacancy.pk}/plaatsing/")
    kwartiermaker.goto("/inzet/vacatures/")
