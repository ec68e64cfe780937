"""Inzet in the browser: the kwartiermaker of De Brug registers an experience worker and a
position, and the plan's progress moves; the worker's supervision hours are confirmed by
the supervisor through the e-mailed single-use link (no account), and the used link says
so; a network intervisie group gets a member and a meeting; a kwartiermaker of Op Weg sees
none of De Brug's profiles. axe-core checks every page.

Figures: one paid position of 0,8 fte from 1 January 2024, so every year from 2024 up to
the running one counts 1 person and 0,8 fte (2025 is checked: a year that has ended);
6 supervision hours, confirmed.
"""

from __future__ import annotations

import re

from django.core import mail

from kwartier.accounts.models import Layer, Role
from kwartier.workforce.models import ConfirmationStatus, HoursEntry, Profile
from tests.e2e.test_planning_journey import log_in
from tests.factories import (
    MembershipFactory,
    NetworkFactory,
    OrganisationFactory,
    TeamFactory,
    UserFactory,
)
from tests.planning.factories import add_targets, make_plan

WORKER = "Ilse Ervaring"


def test_workforce_journey(visitor_factory, transactional_db):
    network = NetworkFactory(name="Regio Oost", slug="regio-oost")
    brug = OrganisationFactory(name="Welzijn De Brug", slug="debrug")
    opweg = OrganisationFactory(name="Stichting Op Weg", slug="opweg")
    brug.networks.add(network)
    opweg.networks.add(network)
    wijkteam = TeamFactory(organisation=brug, name="Wijkteam Noord", layer=Layer.FRONTLINE)
    noor = UserFactory(email="noor@debrug.example.nl", full_name="Noor Bakker")
    ruben = UserFactory(email="ruben@opweg.example.nl", full_name="Ruben Jansen")
    MembershipFactory(user=noor, organisation=brug, role=Role.KWARTIERMAKER)
    MembershipFactory(user=ruben, organisation=opweg, role=Role.KWARTIERMAKER)
    plan = make_plan(brug, noor, title="Kwartiermaakplan 2026-2030")
    add_targets(plan, noor, {2025: "1", 2027: "3"})

    noor_browser = visitor_factory("workforce-kwartiermaker")
    page = noor_browser.page
    log_in(noor_browser, noor.email)

    # --- before: the plan's progress has no actual figure for 2025 ------------------------
    noor_browser.goto(f"/plan/{plan.pk}/voortgang/")
    assert "Functies in Inzet" not in page.content()

    # --- register an experience worker and a position --------------------------------------
    noor_browser.goto("/inzet/")
    page.get_by_role("link", name="Ervaringswerker registreren").first.click()
    noor_browser.check()
    page.get_by_role("button", name="Registreren").click()  # empty name first
    noor_browser.check()
    assert "Dit veld is vereist." in page.content()
    page.get_by_label("Naam", exact=True).fill(WORKER)
    page.get_by_label("E-mailadres").fill("ilse@debrug.example.nl")
    page.get_by_label("Beschikbare uren per week").fill("4")
    page.get_by_role("button", name="Registreren").click()
    noor_browser.check()
    assert f"{WORKER} is geregistreerd." in page.content()
    profile = Profile.objects.get(organisation=brug, name=WORKER)

    page.get_by_role("link", name="Functie toevoegen").click()
    noor_browser.check()
    page.get_by_label("Team").select_option(str(wijkteam.pk))
    page.get_by_label("Laag").select_option("werkvloer")
    page.get_by_label("Bruggenbouwer").check()
    page.get_by_label("Fte").fill("0,8")
    page.get_by_label("Betaald of vrijwillig").select_option("paid")
    page.get_by_label("Vanaf").fill("2024-01-01")
    page.get_by_role("button", name="Opslaan").click()
    noor_browser.check()
    assert "De functie is opgeslagen." in page.content()
    assert profile.positions.count() == 1

    # --- the plan's progress moved --------------------------------------------------------
    noor_browser.goto(f"/plan/{plan.pk}/voortgang/")
    row_2025 = page.locator("tr", has=page.locator("th", has_text="2025"))
    assert "0,8" in row_2025.inner_text()
    assert "Functies in Inzet (1 persoon)" in row_2025.inner_text()

    # --- portfolio: supervision hours, confirmation asked by e-mail ------------------------
    noor_browser.goto(f"/inzet/{profile.pk}/")
    page.get_by_role("link", name="Ontwikkelportfolio").click()
    noor_browser.check()
    page.get_by_role("link", name="Uren toevoegen").click()
    noor_browser.check()
    page.get_by_label("Soort uren").select_option("supervision")
    page.get_by_label("Periode vanaf").fill("2026-01-01")
    page.get_by_label("Periode tot en met").fill("2026-03-31")
    page.get_by_label("Uren", exact=True).fill("6")
    page.get_by_label("Naam van de begeleider").fill("Petra Begeleider")
    page.get_by_label("E-mailadres van de begeleider").fill("petra@supervisie.example.nl")
    page.get_by_role("button", name="Opslaan").click()
    noor_browser.check()
    page.get_by_role("link", name="Bevestiging vragen").click()
    noor_browser.check()
    page.get_by_role("button", name="Vraag versturen").click()
    noor_browser.check()
    assert "De vraag om bevestiging is verstuurd" in page.content()
    message = next(m for m in mail.outbox if m.to == ["petra@supervisie.example.nl"])
    link = re.search(r"https?://\S+/inzet/bevestigen/\S+/", message.body).group(0)

    # --- the supervisor answers without an account ----------------------------------------
    supervisor = visitor_factory("workforce-supervisor")
    supervisor.page.goto(link)
    supervisor.check()
    assert WORKER in supervisor.page.content()
    supervisor.page.get_by_label("Uw naam").fill("Petra Begeleider")
    supervisor.page.get_by_role("button", name="Bevestigen", exact=True).click()
    supervisor.check()
    assert "U heeft de uren van Ilse Ervaring bevestigd." in supervisor.page.content()
    entry = HoursEntry.objects.get(profile=profile)
    assert entry.status == ConfirmationStatus.CONFIRMED
    assert entry.decided_by_name == "Petra Begeleider" and entry.decided_at is not None
    supervisor.page.goto(link)  # a used link says so
    supervisor.check()
    assert "Deze link is al gebruikt" in supervisor.page.content()

    noor_browser.goto(f"/inzet/{profile.pk}/portfolio/")
    assert "Bevestigd (Petra Begeleider" in page.content()

    # --- support and a network intervisie group --------------------------------------------
    noor_browser.goto("/inzet/ondersteuning/")
    assert "geen coach" in page.content()
    noor_browser.goto("/inzet/intervisie/")
    page.get_by_role("link", name="Nieuwe intervisiegroep").click()
    noor_browser.check()
    page.get_by_label("Naam").fill("Intervisie Regio Oost")
    page.get_by_label("Regionaal netwerk").select_option(str(network.pk))
    page.get_by_role("button", name="Opslaan").click()
    noor_browser.check()
    page.get_by_label("Ervaringswerker").select_option(str(profile.pk))
    page.get_by_role("button", name="Toevoegen").click()
    noor_browser.check()
    page.get_by_role("link", name="Bijeenkomst vastleggen").click()
    noor_browser.check()
    page.get_by_label("Datum").fill("2026-03-02")
    page.get_by_label("Methode").select_option("socratisch")
    page.get_by_label("Onderwerpen (alleen titels)").fill("Rolverwarring in het wijkteam")
    page.get_by_role("button", name="Opslaan").click()
    noor_browser.check()
    page.get_by_label(WORKER).check()
    page.get_by_role("button", name="Opslaan").click()
    noor_browser.check()
    assert "De aanwezigheid is opgeslagen." in page.content()

    # --- the other forms and confirmation pages pass axe too ------------------------------
    position = profile.positions.get()
    for path in [
        f"/inzet/{profile.pk}/bewerken/",
        f"/inzet/{profile.pk}/uitnodigen/",
        f"/inzet/{profile.pk}/verwijderen/",
        f"/inzet/functies/{position.pk}/bewerken/",
        f"/inzet/functies/{position.pk}/verwijderen/",
        f"/inzet/{profile.pk}/opleidingen/nieuw/",
        f"/inzet/{profile.pk}/registraties/nieuw/",
        f"/inzet/{profile.pk}/coaching/nieuw/",
        f"/inzet/{profile.pk}/portfolio/doelen/nieuw/",
        f"/inzet/{profile.pk}/portfolio/loopbaan/nieuw/",
        "/inzet/mijn-profiel/",
    ]:
        noor_browser.goto(path)

    # --- Op Weg sees none of De Brug's profiles --------------------------------------------
    ruben_browser = visitor_factory("workforce-opweg")
    log_in(ruben_browser, ruben.email)
    ruben_browser.goto("/inzet/")
    assert WORKER not in ruben_browser.page.content()
    response = ruben_browser.page.goto(ruben_browser.base_url + f"/inzet/{profile.pk}/")
    assert response is not None and response.status == 404
    ruben_browser.check()
    # The network group: Op Weg sees it, with De Brug's member as a count only.
    ruben_browser.goto("/inzet/intervisie/")
    ruben_browser.page.get_by_role("link", name="Intervisie Regio Oost").click()
    ruben_browser.check()
    assert WORKER not in ruben_browser.page.content()
    assert "1 deelnemer van een andere organisatie" in ruben_browser.page.content()
