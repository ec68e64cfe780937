"""The volunteer-allowance check in the browser: an experience worker of De Brug checks
their 2024 allowance (over the monthly maximum in March) and sees it flagged with the
Belastingdienst as the source; a year without figures is refused; the kwartiermaker adds
paid hours on top of a benefit and sees the indication with its honest limits.

Test figures (Belastingdienst 2024: € 5,50 an hour for 21+, € 210 a month, € 2.100 a
year): January 20 hours for € 110 (€ 5,50 an hour, within); March 40 hours for € 220
(€ 5,50 an hour, but € 10 above the monthly maximum), so the whole € 330 counts as
income. Paid work of € 100 a month on top of a benefit: 25 % is € 25 (Uithoorn, 2024).
A registered volunteer with € 250 a month, checked from the profile: every month and the
year (€ 3.000 against € 2.100) are above the maxima.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from kwartier.accounts.models import Role
from tests.factories import PASSWORD, MembershipFactory, OrganisationFactory, UserFactory
from tests.workforce.factories import make_profile

BELASTINGDIENST_2024 = (
    "https://www.belastingdienst.nl/wps/wcm/connect/bldcontentnl/belastingdienst/prive/"
    "werk_en_inkomen/werken/werken-als-vrijwilliger/vrijwilligersvergoedingen"
)


def log_in(visitor, email: str) -> None:
    page = visitor.page
    visitor.goto("/accounts/login/")
    page.fill("#id_login", email)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(visitor.base_url + "/")


def test_allowance_over_the_limit_is_flagged_with_the_source(visitor_factory, transactional_db):
    brug = OrganisationFactory(name="Welzijn De Brug", slug="debrug")
    sanne = UserFactory(email="sanne@debrug.example.nl", full_name="Sanne de Vries")
    noor = UserFactory(email="noor@debrug.example.nl", full_name="Noor Bakker")
    MembershipFactory(user=sanne, organisation=brug, role=Role.EXPERIENCE_WORKER)
    MembershipFactory(user=noor, organisation=brug, role=Role.KWARTIERMAKER)

    # --- the experience worker checks their allowance ---------------------------------------
    worker = visitor_factory("allowance-worker")
    page = worker.page
    log_in(worker, sanne.email)
    worker.goto("/inzet/vergoeding/")
    page.get_by_role("button", name="Controleren").click()  # nothing filled in first
    worker.check()
    assert "Dit veld is vereist." in page.content()

    page.get_by_label("Jaar").fill("2024")
    page.get_by_label("Leeftijd van de vrijwilliger").fill("34")
    page.get_by_label("Ja, een bedrag per uur").check()
    page.get_by_label("Uren in januari").fill("20")
    page.get_by_label("Vergoeding in januari (euro)").fill("110")
    page.get_by_label("Uren in maart").fill("40")
    page.get_by_label("Vergoeding in maart (euro)").fill("220")
    page.get_by_role("button", name="Controleren").click()
    worker.check()
    verdict = page.get_by_test_id("allowance-verdict")
    assert "Boven de grens: de hele vergoeding telt als inkomen." in verdict.inner_text()
    assert "telt de hele vergoeding van € 330,00 als inkomen" in verdict.inner_text()
    march = page.get_by_role("row", name="Maart")
    assert "nee, erboven" in march.inner_text()
    assert "€ 220,00 is meer dan het maximum van € 210,00 per maand in 2024." in march.inner_text()
    assert "ja" in page.get_by_role("row", name="Januari").inner_text()
    source = page.get_by_test_id("allowance-sources").get_by_role("link")
    assert source.get_attribute("href") == BELASTINGDIENST_2024

    # A year without sourced figures is refused, never filled in from another year.
    page.get_by_label("Jaar").fill("2026")
    page.get_by_role("button", name="Controleren").click()
    worker.check()
    assert "Voor 2026 zijn geen bevestigde bedragen" in page.content()
    assert page.get_by_test_id("allowance-verdict").count() == 0

    # --- the kwartiermaker looks at paid hours on top of a benefit --------------------------
    maker = visitor_factory("allowance-kwartiermaker")
    page = maker.page
    log_in(maker, noor.email)
    maker.goto("/inzet/vergoeding/")
    page.get_by_label("Leeftijd van de vrijwilliger").fill("45")
    page.get_by_label("Nee, een vast bedrag (per maand, dagdeel of keer)").check()
    page.get_by_label("Vergoeding in februari (euro)").fill("150")
    page.get_by_label("Netto verdiend met betaald werk, per maand").fill("100")
    page.get_by_role("button", name="Controleren").click()
    maker.check()
    assert "Binnen de grenzen." in page.get_by_test_id("allowance-verdict").inner_text()
    assert "Dit is een indicatie, geen advies." in page.content()
    assert "€ 25,00 per maand" in page.content()
    assert "huurtoeslag" in page.get_by_test_id("allowance-cannot").inner_text()
    assert page.get_by_role("link", name="Proefberekening toeslagen (Belastingdienst)").count() == 1

    # --- a registered volunteer's agreed allowance, checked from the profile ---------------
    henk = make_profile(
        brug,
        name="Henk Smit",
        employment="volunteer",
        allowance_per_month=Decimal("250"),
        available_hours=Decimal("8"),
        date_of_birth=datetime.date(1969, 5, 2),
    )
    maker.goto(f"/inzet/{henk.pk}/")
    page.get_by_role("link", name="Controleer de fiscale grenzen").click()
    maker.check()
    verdict = page.get_by_test_id("allowance-verdict").inner_text()
    assert "Boven de grens: de hele vergoeding telt als inkomen." in verdict
    assert "Het totaal over 2024 (€ 3.000,00) is meer dan het jaarmaximum" in verdict
    source = page.get_by_test_id("allowance-sources").get_by_role("link")
    assert source.get_attribute("href") == BELASTINGDIENST_2024
