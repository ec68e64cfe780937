"""The kwartiermaakplan in the browser: the kwartiermaker builds a plan, runs two scenarios
and compares them, sees a warning disappear after fixing its cause; the bestuurder adopts
it (a confirmation page opened before the kwartiermaker's last change is refused and shows
the new text); the financier of the municipality in the same regional network reads it and
its PDF.

Test figures (De Brug-like formation: hbo 30 fte, mbo 12, 1 experience worker; 2 % growth;
targets 3 fte in 2027 and 8 fte in 2030):
  "Voorzichtig" (share 10 %, job carving 0,5): 2,96 fte experience workers in 2027 and
  5,9 fte in 2030, so neither target is met; the smallest share meeting both is 19,1 %.
  "Met job carving" (share 25 %, job carving 1,0): 5,1 fte in 2027 and 11,1 fte in 2030,
  both met; with this much carving a share of 9,5 % would already do.
"""

from __future__ import annotations

from kwartier.accounts.models import Layer, Role
from kwartier.planning.models import Plan, Scenario, VersionStatus
from tests.factories import (
    PASSWORD,
    MembershipFactory,
    NetworkFactory,
    OrganisationFactory,
    TeamFactory,
    UserFactory,
)


def log_in(visitor, email: str) -> None:
    page = visitor.page
    visitor.goto("/accounts/login/")
    page.fill("#id_login", email)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(visitor.base_url + "/")


def warnings_on(page) -> list[str]:
    return page.locator("[data-warning]").evaluate_all("nodes => nodes.map(n => n.dataset.warning)")


def test_plan_from_draft_to_financier(visitor_factory, transactional_db):
    network = NetworkFactory(name="Regio Oost", slug="regio-oost")
    brug = OrganisationFactory(name="Welzijn De Brug", slug="debrug")
    hofstad = OrganisationFactory(name="Gemeente Hofstad", slug="hofstad")
    elsewhere = OrganisationFactory(name="Stichting Elders", slug="elders")
    brug.networks.add(network)
    hofstad.networks.add(network)
    wijkteam = TeamFactory(organisation=brug, name="Wijkteam Noord", layer=Layer.FRONTLINE)
    TeamFactory(organisation=brug, name="Teamleiders", layer=Layer.MIDDLE_MANAGEMENT)
    noor = UserFactory(email="noor@debrug.example.nl", full_name="Noor Bakker")
    ingrid = UserFactory(email="ingrid@debrug.example.nl", full_name="Ingrid Hoekstra")
    karim = UserFactory(email="karim@hofstad.example.nl", full_name="Karim Bouzid")
    MembershipFactory(user=noor, organisation=brug, role=Role.KWARTIERMAKER)
    MembershipFactory(user=ingrid, organisation=brug, role=Role.BOARD_MEMBER)
    MembershipFactory(user=karim, organisation=hofstad, role=Role.FINANCIER)
    other_kwartiermaker = UserFactory(email="kim@elders.example.nl")
    MembershipFactory(user=other_kwartiermaker, organisation=elsewhere, role=Role.KWARTIERMAKER)

    # --- the kwartiermaker writes the plan ------------------------------------------------
    noor_browser = visitor_factory("planning-kwartiermaker")
    page = noor_browser.page
    log_in(noor_browser, noor.email)
    noor_browser.goto("/plan/")
    page.get_by_role("link", name="Plan opstellen").click()
    noor_browser.check()
    page.get_by_role("button", name="Opslaan").click()  # empty title first
    noor_browser.check()
    assert "Dit veld is vereist." in page.content()
    page.get_by_label("Titel").fill("Kwartiermaakplan 2026-2030")
    page.get_by_label("Ambitie").fill("3 fte ervaringswerkers in 2027, 8 fte in 2030.")
    page.get_by_label("Visie").fill("Ervaringskennis telt mee in elk team.")
    page.get_by_label("Trekker").fill("Noor Bakker")
    page.fill("#id_financier_name", "Gemeente Hofstad")
    page.get_by_label("Toezegging van de financier").select_option("toegezegd")
    page.get_by_role("button", name="Opslaan").click()
    noor_browser.check()
    assert "Het plan is aangemaakt als concept." in page.content()
    plan = Plan.objects.get(organisation=brug)
    plan_url = f"/plan/{plan.pk}/"
    assert "no_support_budget" in warnings_on(page)
    assert "no_exploration" in warnings_on(page)
    assert "no_financier_commitment" not in warnings_on(page)

    # Targets per year.
    page.get_by_role("link", name="Doelen bewerken").click()
    noor_browser.check()
    for index, (year, people, fte) in enumerate([("2027", "4", "3"), ("2030", "10", "8")]):
        page.fill(f"#id_doelen-{index}-year", year)
        page.fill(f"#id_doelen-{index}-paid_headcount", people)
        page.fill(f"#id_doelen-{index}-paid_fte", fte)
        page.fill(f"#id_doelen-{index}-volunteers", "6")
    page.get_by_role("button", name="Opslaan").click()
    noor_browser.check()
    assert "Doelen per jaar opgeslagen." in page.content()

    # Deployment: one experience worker in the wijkteam is spread thin.
    page.get_by_role("link", name="Inzet bewerken").click()
    noor_browser.check()
    page.select_option("#id_inzet-0-team_choice", str(wijkteam.pk))
    page.select_option("#id_inzet-0-role", "bruggenbouwer")
    page.fill("#id_inzet-0-headcount", "1")
    page.get_by_role("button", name="Opslaan").click()
    noor_browser.check()
    assert "spread_thin" in warnings_on(page)

    # --- two scenarios, compared side by side ---------------------------------------------
    noor_browser.goto(f"/plan/{plan.pk}/scenarios/")
    page.get_by_role("link", name="Eerste scenario doorrekenen").click()
    noor_browser.check()
    page.get_by_label("Naam van het scenario").fill("Voorzichtig")
    page.get_by_label("Eerste jaar").fill("2026")
    page.get_by_label("Fte hbo nu").fill("30")
    page.get_by_label("Fte mbo nu").fill("12")
    page.get_by_label("Fte ervaringswerkers nu").fill("1")
    page.get_by_label("Deel van de gewone openingen voor ervaringswerkers (%)").fill("10")
    page.get_by_role("button", name="Doorrekenen en bewaren").click()
    noor_browser.check()
    assert "Scenario Voorzichtig is doorgerekend." in page.content()
    assert (
        page.locator("figure img")
        .first.get_attribute("alt")
        .startswith("Ervaringswerkers in scenario")
    )

    page.get_by_role("link", name="Variant op dit scenario").click()
    noor_browser.check()
    page.get_by_label("Naam van het scenario").fill("Met job carving")
    page.get_by_label("Job carving (fte per jaar)").fill("1")
    page.get_by_label("Deel van de gewone openingen voor ervaringswerkers (%)").fill("25")
    page.get_by_role("button", name="Doorrekenen en bewaren").click()
    noor_browser.check()

    careful, carving = Scenario.objects.order_by("pk")
    assert careful.output["min_share"] == 0.191
    assert [t["met"] for t in careful.output["targets"]] == [False, False]
    assert carving.output["min_share"] == 0.095
    assert [t["met"] for t in carving.output["targets"]] == [True, True]
    assert round(careful.output["years"][-1]["fte"]["ervaringswerker"], 1) == 5.9
    assert round(carving.output["years"][-1]["fte"]["ervaringswerker"], 1) == 11.1

    noor_browser.goto(f"/plan/{plan.pk}/scenarios/")
    page.get_by_role("button", name="Vergelijken").click()
    noor_browser.check()
    assert page.locator("h1").inner_text() == "Scenario's vergelijken"
    chart = page.locator("figure img")
    assert chart.get_attribute("src").startswith("data:image/svg+xml;base64,")
    assert chart.evaluate("img => img.naturalWidth") > 300  # the SVG really renders
    assert "Voorzichtig: ervaringswerkers (fte)" in page.content()
    assert "Met job carving: kosten" in page.content()

    # --- a warning disappears after fixing its cause --------------------------------------
    noor_browser.goto(plan_url)
    assert "no_support_budget" in warnings_on(page)
    page.locator("[data-warning=no_support_budget]").get_by_role("link").click()
    noor_browser.check()
    assert page.locator("h1").inner_text() == "Ondersteuning"
    page.select_option("#id_ondersteuning-0-kind", "intervisie")
    page.fill("#id_ondersteuning-0-description", "Maandelijkse intervisie in de regio")
    page.fill("#id_ondersteuning-0-budget_per_year", "6000")
    page.get_by_role("button", name="Opslaan").click()
    noor_browser.check()
    assert "no_support_budget" not in warnings_on(page)
    assert "spread_thin" in warnings_on(page)  # the other warnings stay

    # The kwartiermaker cannot adopt.
    noor_browser.goto(f"/plan/{plan.pk}/vaststellen/")
    assert "Alleen een bestuurder" in page.content()

    # --- the bestuurder adopts ------------------------------------------------------------
    ingrid_browser = visitor_factory("planning-bestuurder")
    board_page = ingrid_browser.page
    log_in(ingrid_browser, ingrid.email)
    ingrid_browser.goto(plan_url)
    board_page.get_by_role("link", name="Plan vaststellen").click()
    ingrid_browser.check()
    assert "Let op, het plan heeft nog deze waarschuwingen" in board_page.content()
    assert "Ervaringskennis telt mee in elk team." in board_page.content()  # the text itself

    # Meanwhile the kwartiermaker changes the vision: the open confirmation page is stale.
    noor_browser.goto(f"/plan/{plan.pk}/bewerken/")
    page.get_by_label("Visie").fill("Ervaringskennis telt mee in elk team en in het bestuur.")
    page.get_by_role("button", name="Opslaan").click()
    noor_browser.check()
    assert "Het plan is opgeslagen." in page.content()

    board_page.get_by_role("button", name="Vaststellen").click()
    ingrid_browser.check()
    assert "Het plan is gewijzigd nadat u deze pagina opende" in board_page.content()
    assert "in elk team en in het bestuur." in board_page.content()
    assert plan.versions.get().status == VersionStatus.DRAFT
    board_page.get_by_role("button", name="Vaststellen").click()
    ingrid_browser.check()
    assert "Versie 1 van het plan is vastgesteld." in board_page.content()
    assert plan.versions.get().status == VersionStatus.ADOPTED

    # --- the financier of Gemeente Hofstad reads it and its PDF ----------------------------
    karim_browser = visitor_factory("planning-financier")
    fin_page = karim_browser.page
    log_in(karim_browser, karim.email)
    karim_browser.goto("/plan/")
    assert "Vastgestelde plannen in uw netwerk" in fin_page.content()
    fin_page.get_by_role("link", name="Kwartiermaakplan 2026-2030").click()
    karim_browser.check()
    assert "als financier in hetzelfde regionale netwerk" in fin_page.content()
    assert fin_page.locator("[data-warning]").count() == 0
    assert fin_page.get_by_role("link", name="Doelen bewerken").count() == 0
    assert fin_page.locator("section[aria-labelledby=scenarios] figure img").count() == 1
    pdf_link = fin_page.get_by_role("link", name="Plan als PDF").get_attribute("href")
    pdf = fin_page.request.get(karim_browser.base_url + pdf_link)
    assert pdf.status == 200 and pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF") and len(pdf.body()) > 10_000

    # A kwartiermaker outside the network, and the scenario pages, stay closed.
    assert (
        fin_page.request.get(karim_browser.base_url + f"/plan/{plan.pk}/scenarios/").status == 404
    )
    outsider = visitor_factory("planning-buitenstaander")
    log_in(outsider, other_kwartiermaker.email)
    assert outsider.page.request.get(outsider.base_url + plan_url).status == 404

    visited = len(noor_browser.checked) + len(ingrid_browser.checked) + len(karim_browser.checked)
    assert visited >= 20
