"""Toegankelijkheid en privacy: the public statement and notices, the controller details
form, and the DPIA starter as page, PDF and Word document."""

from __future__ import annotations

import io
import json
import re

import pytest
from django.conf import settings as django_settings
from django.test import Client

from kwartier.accounts.models import Role
from kwartier.core.processing import processing_list
from kwartier.trust import demo
from kwartier.trust.models import OrganisationDetails
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory


@pytest.fixture
def brug(db):
    organisation = OrganisationFactory(name="Welzijn De Brug", slug="debrug")
    demo.load(io.StringIO())
    return organisation


def _admin_client(organisation) -> Client:
    admin = UserFactory(email="beheer@debrug.example.nl")
    MembershipFactory(user=admin, organisation=organisation, role=Role.ORGANISATION_ADMIN)
    client = Client()
    client.force_login(admin)
    return client


def _text(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def test_every_kwartier_app_with_personal_data_declares_it():
    apps = {item.app for item in processing_list()}
    assert {"core", "accounts", "exploration", "knowledge", "planning"} <= apps
    for item in processing_list():
        assert item.retention(), item.key
        assert item.legal_basis and item.purpose and item.subjects, item.key


def test_accessibility_statement_answers_anyone_with_status_tests_and_contacts(brug):
    response = Client().get("/toegankelijkheid/")
    assert response.status_code == 200
    text = _text(response)
    assert "WCAG 2.1" in text and "Besluit digitale toegankelijkheid overheid" in text
    assert "Eerste maatregelen genomen" in text
    assert "axe-core" in text and "toetsenbord" in text
    assert "/toegankelijkheid/debrug/" in response.content.decode()

    own = _text(Client().get("/toegankelijkheid/debrug/"))
    assert "toegankelijkheid@debrug.demo.kwartier.nl" in own


def test_accessibility_statement_as_data(brug):
    data = json.loads(Client().get("/toegankelijkheid/verklaring.json").content)
    assert data["status"] == "C"
    assert data["organisations"][0]["statement_url"].endswith("/toegankelijkheid/debrug/")


def test_privacy_notice_of_an_organisation_has_controller_retention_and_rights(brug, settings):
    settings.ACCESS_LOG_RETENTION_DAYS = 400
    response = Client().get("/privacy/debrug/")
    assert response.status_code == 200
    text = _text(response)
    assert "Stichting Welzijn De Brug" in text and "fg@debrug.demo.kwartier.nl" in text
    # The retention comes from the setting that the retention command enforces.
    assert "400 dagen" in text
    assert "Voorbeeld Hosting B.V." in text
    body = response.content.decode()
    for url in ("/kennisbank/mijn/", "/kennisbank/mijn/inzage/", "/kennisbank/export/"):
        assert f'href="{url}"' in body
    assert "Autoriteit Persoonsgegevens" in text


def test_unknown_organisation_gives_404(db):
    assert Client().get("/privacy/bestaat-niet/").status_code == 404
    assert Client().get("/toegankelijkheid/bestaat-niet/").status_code == 404


def test_footer_links_to_both_pages_for_everyone(db):
    body = Client().get("/accounts/login/").content.decode()
    assert 'href="/toegankelijkheid/"' in body and 'href="/privacy/"' in body


def test_details_form_refuses_bad_input_in_dutch_and_saves_good_input(db):
    organisation = OrganisationFactory(name="Welzijn Alfa", slug="alfa")
    client = _admin_client(organisation)
    bad = {
        "controller_name": "Stichting Alfa",
        "address": "Straat 1\n1234 AB Plaats",
        "contact_email": "geen-adres",
        "contact_phone": "bel me",
        "dpo_name": "De FG",
        "dpo_email": "",
        "accessibility_email": "a11y@alfa.example.nl",
        "register_url": "https://example.com/verklaring",
        "processors": "",
    }
    response = client.post("/privacybeheer/gegevens/", bad)
    assert response.status_code == 200
    text = _text(response)
    assert "Vul een telefoonnummer in" in text
    assert "Vul ook het e-mailadres van de FG in." in text
    assert "toegankelijkheidsverklaring.nl/register/1234" in text
    assert not OrganisationDetails.objects.exists()

    good = bad | {
        "contact_email": "privacy@alfa.example.nl",
        "contact_phone": "+31 10 123 45 67",
        "dpo_email": "fg@alfa.example.nl",
        "register_url": "https://www.toegankelijkheidsverklaring.nl/register/1234",
    }
    response = client.post("/privacybeheer/gegevens/", good)
    assert response.status_code == 302
    details = OrganisationDetails.objects.get(organisation=organisation)
    assert details.dpo_email == "fg@alfa.example.nl"
    assert "register/1234" in Client().get("/toegankelijkheid/alfa/").content.decode()


def test_dpia_page_follows_the_rijksmodel_and_marks_open_questions(brug):
    response = _admin_client(brug).get("/privacybeheer/")
    assert response.status_code == 200
    text = _text(response)
    assert "Model DPIA Rijksdienst" in text
    for number, title in ((1, "Voorstel"), (10, "Bewaartermijnen"), (17, "Maatregelen")):
        assert f"{number}. {title}" in text
    assert text.count("Zelf invullen") >= 10
    # De-identification figures come from the benchmark's data file.
    assert "recall" in text and "bench/deid.py" in text
    assert "Verwerkingsregister" in text


def test_dpia_of_de_brug_downloads_as_pdf_and_as_editable_word(brug):
    from docx import Document

    client = _admin_client(brug)
    pdf = client.get("/privacybeheer/dpia.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert "dpia-debrug.pdf" in pdf["Content-Disposition"]

    docx = client.get("/privacybeheer/dpia.docx")
    assert docx.status_code == 200
    assert docx["Content-Type"].endswith("wordprocessingml.document")
    document = Document(io.BytesIO(docx.content))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading 2")]
    assert len(headings) == 17 and headings[0] == "1. Voorstel"
    paragraphs = "\n".join(p.text for p in document.paragraphs)
    assert "Zelf invullen" in paragraphs and "Stichting Welzijn De Brug" in paragraphs
    cells = " ".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    assert f"{django_settings.ACCESS_LOG_RETENTION_DAYS} dagen" in cells


def test_survey_start_links_to_the_organisations_notice(brug):
    from kwartier.exploration.models import RoundGroup
    from tests.exploration.factories import make_round

    round_ = make_round(brug, groups=["werkvloer"])
    token = RoundGroup.objects.get(round=round_, key="werkvloer").link_token
    body = Client().get(f"/verkenning/groep/{token}/").content.decode()
    assert 'href="/privacy/debrug/"' in body
    assert "Wat we met uw antwoorden doen" in body


def test_consent_step_links_to_the_organisations_notice():
    """The share page needs a reviewed story; the keyboard journey opens it and Tabs to
    this link (tests/e2e/test_keyboard_journeys.py). Here: the template asks for it."""
    from pathlib import Path

    templates = Path(__file__).resolve().parents[2] / "src" / "kwartier" / "templates"
    source = (templates / "knowledge/publish.html").read_text(encoding="utf-8")
    assert "trust:privacy_organisation' experience.organisation.slug" in source


def test_statement_shows_the_last_clean_run_from_the_data_folder(db, settings, tmp_path):
    from kwartier.trust.selectors import LAST_RUN_FILE

    settings.DATA_DIR = tmp_path
    (tmp_path / LAST_RUN_FILE).write_text('{"date": "2030-01-02", "pages": 12}', "utf-8")
    text = _text(Client().get("/toegankelijkheid/"))
    assert "2 januari 2030" in text and "12 pagina's zonder fouten" in text

    (tmp_path / LAST_RUN_FILE).write_text("kapot", "utf-8")
    response = Client().get("/toegankelijkheid/")
    assert response.status_code == 200 and "2 januari 2030" not in _text(response)
