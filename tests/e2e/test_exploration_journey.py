"""A kwartiermaker runs a verkenning in the browser: starts a round, three respondents
answer through their links (one on a phone stops and continues later), the round is
closed, the open answers are de-identified by the worker, and the kwartiermaker reads
the results, downloads the PDF and sees that a group below five shows no breakdown.

Figures of this journey: werkvloer 7 respondents (5 seeded + 2 through e-mail
invitations), bestuur 1 respondent (through the anonymous link). The board is hidden,
and so is werkvloer: total minus werkvloer would be the one board member (issue 16).
Only the totals are shown.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import timedelta

from django.core import mail
from django.db.models import Count
from django.utils import timezone

from kwartier.accounts.models import Role
from kwartier.exploration.default_template import TEMPLATE_VERSION
from kwartier.exploration.models import Response, Round, RoundGroup
from tests.e2e.conftest import SCREENSHOTS
from tests.exploration.factories import add_responses
from tests.factories import PASSWORD, MembershipFactory, OrganisationFactory, UserFactory

OPEN_ANSWER = "Mijn teamleider Piet Jansen in Utrecht vindt ervaringswerk onzin."


def _log_in(visitor, email: str) -> None:
    visitor.goto("/accounts/login/")
    visitor.page.fill("#id_login", email)
    visitor.page.fill("#id_password", PASSWORD)
    visitor.page.get_by_role("button", name="Inloggen").click()
    visitor.page.wait_for_url(visitor.base_url + "/")


def _answer_page(visitor, choice: str) -> None:
    """Pick the same answer for every statement on the current theme page."""
    for fieldset in visitor.page.locator("fieldset.kwartier-scan-item").all():
        fieldset.get_by_label(choice, exact=True).check()


def _answer_everything(visitor, choice: str, *, open_answer: str = "") -> None:
    while True:
        heading = visitor.page.locator("h1").inner_text()
        if heading.startswith("Tot slot"):
            break
        _answer_page(visitor, choice)
        visitor.page.get_by_role("button", name="Opslaan en verder").click()
        visitor.page.wait_for_load_state("load")
    visitor.check()
    if open_answer:
        visitor.page.get_by_label(re.compile("Welke zorgen of bezwaren")).fill(open_answer)
    visitor.page.get_by_role("button", name="Antwoorden versturen").click()
    visitor.page.wait_for_load_state("load")
    visitor.check()
    assert "Bedankt voor het invullen" in visitor.page.content()


def test_kwartiermaker_runs_a_verkenning(
    visitor_factory, transactional_db, monkeypatch, run_worker
):
    organisation = OrganisationFactory(name="Welzijn De Brug", slug="debrug")
    noor = UserFactory(email="noor@debrug.example.nl", full_name="Noor Bakker")
    MembershipFactory(user=noor, organisation=organisation, role=Role.KWARTIERMAKER)

    # --- The kwartiermaker starts a round.
    kwartiermaker = visitor_factory("verkenning-kwartiermaker")
    page = kwartiermaker.page
    _log_in(kwartiermaker, noor.email)
    kwartiermaker.goto("/verkenning/")
    page.get_by_role("link", name="Eerste ronde starten").click()
    kwartiermaker.check()
    page.get_by_label("Titel").fill("Verkenning voorjaar")
    page.get_by_label("Einddatum").fill((timezone.localdate() + timedelta(days=14)).isoformat())
    page.get_by_role("button", name="Ronde starten").click()
    page.wait_for_load_state("load")
    kwartiermaker.check()
    assert "Ronde Verkenning voorjaar is gestart." in page.content()
    round_ = Round.objects.get()
    assert round_.groups == ["werkvloer", "middenkader", "bestuur", "beleid", "ervaringswerkers"]

    # Five colleagues of the work floor answered earlier (so that group is shown).
    add_responses(round_, "werkvloer", 5, value=4)

    # Invite two people of the work floor by e-mail.
    page.get_by_role("link", name="Mensen uitnodigen per e-mail").click()
    kwartiermaker.check()
    page.get_by_label("Groep").select_option("werkvloer")
    page.get_by_label("E-mailadressen").fill("anna@debrug.example.nl\nbram@debrug.example.nl")
    page.get_by_role("button", name="Uitnodigingen versturen").click()
    page.wait_for_load_state("load")
    kwartiermaker.check()
    assert "2 uitnodigingen verstuurd" in page.content()
    links = [
        re.search(r"https?://\S+/verkenning/uitnodiging/\S+/", message.body).group(0)
        for message in mail.outbox
    ]
    board_token = RoundGroup.objects.get(round=round_, key="bestuur").link_token
    board_link = f"{kwartiermaker.base_url}/verkenning/groep/{board_token}/"
    assert board_link.split("/groep/")[1] in page.content()

    # --- Respondent 1, on a phone: starts, stops, and continues later via the resume link.
    anna = visitor_factory("verkenning-respondent-telefoon")
    anna.page.set_viewport_size({"width": 375, "height": 812})
    anna.page.goto(links[0])
    anna.check()
    anna.page.get_by_role("button", name="Beginnen").click()
    anna.page.wait_for_load_state("load")
    anna.check()
    assert anna.page.locator("h1").inner_text() == "Motief en visie"
    # Nothing on the phone page is wider than the screen.
    assert anna.page.evaluate("document.documentElement.scrollWidth") <= 375
    _answer_page(anna, "Oneens")
    anna.page.get_by_role("button", name="Opslaan en verder").click()
    anna.page.wait_for_load_state("load")
    anna.check()
    anna.page.get_by_role("button", name="Opslaan en later verdergaan").click()
    anna.page.wait_for_load_state("load")
    anna.check()
    assert "Uw antwoorden zijn bewaard" in anna.page.content()
    resume_link = anna.page.locator("a.kwartier-link-text").get_attribute("href")
    # Her single-use invitation cannot be used by anyone else now.
    stranger = visitor_factory("verkenning-vreemde")
    stranger.page.goto(links[0])
    stranger.check()
    assert "Deze link is al gebruikt" in stranger.page.content()
    # Later, in a fresh browser: the resume link brings her back where she was.
    anna_later = visitor_factory("verkenning-respondent-later")
    anna_later.page.set_viewport_size({"width": 375, "height": 812})
    anna_later.page.goto(resume_link)
    anna_later.check()
    assert anna_later.page.locator("h1").inner_text() == "Draagvlak in alle lagen"
    anna_later.page.get_by_role("button", name="Vorige").click()
    anna_later.page.wait_for_load_state("load")
    assert anna_later.page.locator("fieldset").first.get_by_label("Oneens", exact=True).is_checked()
    _answer_everything(anna_later, "Oneens", open_answer=OPEN_ANSWER)

    # --- Respondent 2 through the other invitation, respondent 3 through the board's link.
    bram = visitor_factory("verkenning-respondent-2")
    bram.page.goto(links[1])
    bram.check()
    bram.page.get_by_role("button", name="Beginnen").click()
    bram.page.wait_for_load_state("load")
    _answer_everything(bram, "Eens")
    board = visitor_factory("verkenning-respondent-bestuur")
    board.page.goto(board_link)
    board.check()
    assert "Bestuur en directie" in board.page.content()
    board.page.get_by_role("button", name="Beginnen").click()
    board.page.wait_for_load_state("load")
    _answer_everything(board, "Helemaal eens")

    submitted = dict(
        Response.objects.filter(round=round_, submitted=True)
        .values_list("group")
        .annotate(n=Count("pk"))
    )
    assert submitted == {"werkvloer": 7, "bestuur": 1}

    # --- The kwartiermaker closes the round; the worker de-identifies the open answers.
    kwartiermaker.goto(f"/verkenning/rondes/{round_.pk}/")
    page.get_by_role("link", name="Ronde afsluiten").click()
    kwartiermaker.check()
    page.get_by_role("button", name="Afsluiten").click()
    page.wait_for_load_state("load")
    kwartiermaker.check()
    assert "De ronde is afgesloten." in page.content()
    # The real worker with the real engine (it builds its lookup cache on a new machine).
    run_worker()

    # --- Results: figures, the hidden small group, and only de-identified open answers.
    kwartiermaker.goto(f"/verkenning/rondes/{round_.pk}/resultaten/")
    content = page.content()
    assert "8 respondenten hebben de lijst ingevuld en verstuurd." in content
    heat = page.locator("#caption-heatmap").locator("xpath=..")
    board_column = heat.locator("thead th").nth(4)
    assert board_column.inner_text() == "Bestuur en directie*"
    rows = heat.locator("tbody tr").all()
    board_cells = [row.locator("td").nth(3).inner_text() for row in rows]
    assert board_cells == ["–"] * 10
    # Werkvloer is hidden too: total − werkvloer would give the board member's answers.
    work_floor_cells = [row.locator("td").nth(1).inner_text() for row in rows]
    assert work_floor_cells == ["–"] * 10
    total_motive = rows[0].locator("td").first.inner_text()
    assert total_motive.isdigit()
    assert "Piet Jansen" not in content and "[PERSOON 1]" in content
    # Also after closing, a respondent's links say the round is closed.
    stranger.page.goto(board_link)
    assert "Deze verkenning is gesloten" in stranger.page.content()

    # --- The PDF, downloaded and looked at as an image.
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Rapport downloaden (PDF)").click()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    pdf_path = SCREENSHOTS / "verkenning-rapport.pdf"
    download_info.value.save_as(str(pdf_path))
    pdf = pdf_path.read_bytes()
    assert pdf.startswith(b"%PDF") and len(pdf) > 20_000
    if shutil.which("pdftoppm"):
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "60",
                "-f",
                "1",
                "-l",
                "2",
                str(pdf_path),
                str(SCREENSHOTS / "verkenning-rapport"),
            ],
            check=True,
        )
        assert list(SCREENSHOTS.glob("verkenning-rapport-*.png"))

    assert len(kwartiermaker.checked) >= 8


def test_concerns_register_and_template_pages_pass_axe(visitor_factory, transactional_db):
    """The other verkenning pages a person reaches, checked by axe and for CSP errors."""
    organisation = OrganisationFactory(name="Stichting Op Weg", slug="opweg")
    ruben = UserFactory(email="ruben@opweg.example.nl", full_name="Ruben Jansen")
    MembershipFactory(user=ruben, organisation=organisation, role=Role.KWARTIERMAKER)
    kwartiermaker = visitor_factory("verkenning-zorgen")
    page = kwartiermaker.page
    _log_in(kwartiermaker, ruben.email)
    kwartiermaker.goto("/verkenning/zorgen/")
    page.get_by_role("link", name="Eerste zorg toevoegen").click()
    kwartiermaker.check()
    page.get_by_role("button", name="Opslaan").click()
    kwartiermaker.check()
    assert "Dit veld is vereist." in page.content()
    page.get_by_label("Zorg of bezwaar").fill("Collega's vrezen voor hun taken")
    page.get_by_label("Groep of laag").select_option("werkvloer")
    page.get_by_label("Eigenaar").select_option(label="Ruben Jansen")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_load_state("load")
    kwartiermaker.check()
    assert "Collega's vrezen voor hun taken" in page.content()

    admin = UserFactory(email="beheer@example.nl", is_superuser=True, is_staff=True)
    platform = visitor_factory("verkenning-sjablonen")
    _log_in(platform, admin.email)
    platform.goto("/verkenning/sjablonen/")
    platform.page.get_by_role("link", name="Verkenning ervaringsdeskundigheid").click()
    platform.check()
    platform.page.get_by_role("link", name="Nieuwe versie maken").click()
    platform.check()
    platform.page.get_by_label("Wat is er veranderd").fill("Thema hernoemd")
    platform.page.get_by_label("Naam van het thema").first.fill("Waarom ervaringswerk")
    platform.page.get_by_role("button", name="Opslaan als nieuwe versie").click()
    platform.page.wait_for_load_state("load")
    platform.check()
    assert f"Versie {TEMPLATE_VERSION + 1} is opgeslagen." in platform.page.content()
    assert "Waarom ervaringswerk" in platform.page.content()
