"""Toegankelijkheid en privacy in the browser: a visitor reads the accessibility
statement and the privacy notices without logging in; the organisatiebeheerder of De
Brug fills in the controller details (first wrongly), reads the DPIA starter and
downloads it as PDF and as Word document. Every page passes axe; after a clean run the
date and the number of pages go to the data folder, where the statement shows them."""

from __future__ import annotations

import io
import json
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from kwartier.accounts.models import Role
from kwartier.trust import demo
from kwartier.trust.selectors import LAST_RUN_FILE
from tests.factories import PASSWORD, MembershipFactory, OrganisationFactory, UserFactory


def test_statement_notices_details_and_dpia(visitor_factory, transactional_db):
    brug = OrganisationFactory(name="Welzijn De Brug", slug="debrug")
    alfa = OrganisationFactory(name="Welzijn Alfa", slug="alfa")
    demo.load(io.StringIO())
    admin = UserFactory(email="beheer@alfa.example.nl", full_name="Beheerder Alfa")
    MembershipFactory(user=admin, organisation=alfa, role=Role.ORGANISATION_ADMIN)
    brug_admin = UserFactory(email="beheer@debrug.example.nl", full_name="Beheerder Brug")
    MembershipFactory(user=brug_admin, organisation=brug, role=Role.ORGANISATION_ADMIN)

    visitor = visitor_factory("privacy-bezoeker")
    page = visitor.page
    visitor.goto("/kennisbank/openbaar/")
    page.get_by_role("link", name="Toegankelijkheid", exact=True).click()
    visitor.check()
    assert "Eerste maatregelen genomen" in page.content()
    page.get_by_role("link", name="Welzijn De Brug").click()
    visitor.check()
    assert "toegankelijkheid@debrug.demo.kwartier.nl" in page.content()
    page.get_by_role("link", name="Privacy", exact=True).click()
    visitor.check()
    page.get_by_role("link", name="Welzijn De Brug").click()
    visitor.check()
    assert "Stichting Welzijn De Brug" in page.content()

    # Alfa's admin fills in the details; a wrong address first.
    beheer = visitor_factory("privacy-beheerder")
    beheer.goto("/accounts/login/")
    beheer.page.fill("#id_login", admin.email)
    beheer.page.fill("#id_password", PASSWORD)
    beheer.page.get_by_role("button", name="Inloggen").click()
    beheer.page.wait_for_url(beheer.base_url + "/")
    beheer.page.get_by_role("link", name="Privacy en DPIA").click()
    beheer.check()
    assert "Zelf invullen" in beheer.page.content()
    beheer.page.get_by_role("link", name="Gegevens van de verantwoordelijke bewerken").click()
    beheer.check()
    beheer.page.get_by_label("Postadres").fill("Alfastraat 1\n1234 AB Hofstad")
    beheer.page.get_by_label("E-mailadres voor privacyvragen").fill("privacy@alfa")
    beheer.page.get_by_label("E-mailadres voor toegankelijkheid").fill("a11y@alfa.example.nl")
    beheer.page.get_by_role("button", name="Opslaan").click()
    beheer.check()
    assert "Voer een geldig e-mailadres in" in beheer.page.content()
    beheer.page.get_by_label("E-mailadres voor privacyvragen").fill("privacy@alfa.example.nl")
    beheer.page.get_by_role("button", name="Opslaan").click()
    beheer.check()
    assert "De gegevens zijn opgeslagen." in beheer.page.content()
    assert "privacy@alfa.example.nl" in beheer.page.content()

    # De Brug's admin downloads the DPIA starter in both forms.
    brug_visitor = visitor_factory("privacy-dpia")
    brug_visitor.goto("/accounts/login/")
    brug_visitor.page.fill("#id_login", brug_admin.email)
    brug_visitor.page.fill("#id_password", PASSWORD)
    brug_visitor.page.get_by_role("button", name="Inloggen").click()
    brug_visitor.page.wait_for_url(brug_visitor.base_url + "/")
    brug_visitor.goto("/privacybeheer/")
    for name, suffix in (
        ("Download als PDF", ".pdf"),
        ("Download als Word-bestand (om aan te vullen)", ".docx"),
    ):
        with brug_visitor.page.expect_download() as download:
            brug_visitor.page.get_by_role("link", name=name).click()
        assert download.value.suggested_filename == f"dpia-debrug{suffix}"

    pages = len(visitor.checked) + len(beheer.checked) + len(brug_visitor.checked)
    assert pages >= 9
    record = Path(settings.DATA_DIR) / LAST_RUN_FILE
    record.parent.mkdir(parents=True, exist_ok=True)
    record.write_text(
        json.dumps({"date": timezone.localdate().isoformat(), "pages": pages}), encoding="utf-8"
    )
