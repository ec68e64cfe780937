"""Pages of the kwartiermaker: rounds, results with hidden small groups, report and
exports, the concerns register, and template editing by platform administrators."""

from __future__ import annotations

import csv
import io
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from kwartier.accounts.models import Role
from kwartier.core.models import AccessLog
from kwartier.exploration.models import Concern, Round, TemplateVersion
from tests.conftest import login
from tests.exploration.factories import add_responses, close, make_concern, make_round
from tests.factories import MembershipFactory, UserFactory


def _round_with_small_board(organisation):
    """A closed round: werkvloer 6 × all 4, middenkader 7 × all 2, beleid 5 × all 3,
    bestuur 2 × all 5. The board is hidden, and so is beleid (the smallest other group),
    so that total minus the shown groups describes 7 people, not 2."""
    round_ = make_round(organisation)
    add_responses(round_, "werkvloer", 6, value=4)
    add_responses(round_, "middenkader", 7, value=2)
    add_responses(round_, "beleid", 5, value=3)
    add_responses(round_, "bestuur", 2, value=5)
    return close(round_)


def test_kwartiermaker_starts_a_round(alice_client, tenant_a):
    page = alice_client.get(reverse("exploration:round_create")).content.decode()
    assert "Ronde starten" in page and "Cliënten en partners" in page
    deadline = (timezone.localdate() + timedelta(days=10)).isoformat()
    response = alice_client.post(
        reverse("exploration:round_create"),
        {
            "title": "Verkenning najaar",
            "template": TemplateVersion.objects.get().pk,
            "deadline": deadline,
            "groups": ["werkvloer", "bestuur", "clienten_partners"],
            "anonymous_links": "on",
        },
    )
    round_ = Round.objects.get()
    assert response["Location"] == reverse(
        "exploration:round_detail", kwargs={"round_id": round_.pk}
    )
    assert round_.organisation == tenant_a.organisation and round_.created_by == tenant_a.manager
    detail = alice_client.get(response["Location"]).content.decode()
    assert len(set(re.findall(r'href="([^"]*/verkenning/groep/[^"]+)"', detail))) == 3


def test_round_form_errors_are_dutch_and_store_nothing(alice_client, tenant_a):
    alice_client.get(reverse("exploration:round_create"))
    response = alice_client.post(
        reverse("exploration:round_create"),
        {
            "title": "",
            "template": TemplateVersion.objects.get().pk,
            "deadline": "2001-01-01",
            "groups": [],
        },
    )
    page = response.content.decode()
    assert response.status_code == 200 and "Dit veld is vereist." in page
    assert not Round.objects.exists()
    response = alice_client.post(
        reverse("exploration:round_create"),
        {
            "title": "Oud",
            "template": TemplateVersion.objects.get().pk,
            "deadline": "2001-01-01",
            "groups": ["werkvloer"],
        },
    )
    assert "De einddatum mag niet in het verleden liggen." in response.content.decode()
    assert not Round.objects.exists()


def test_invite_page_sends_mail(alice_client, tenant_a, django_capture_on_commit_callbacks):
    round_ = make_round(tenant_a.organisation)
    url = reverse("exploration:round_invite", kwargs={"round_id": round_.pk})
    with django_capture_on_commit_callbacks(execute=True):
        response = alice_client.post(
            url, {"group": "beleid", "emails": "p@alfa.example.nl\nq@alfa.example.nl"}
        )
    assert response.status_code == 302 and len(mail.outbox) == 2
    assert "/verkenning/uitnodiging/" in mail.outbox[0].body


def test_medewerker_cannot_see_rounds_but_bestuurder_can(tenant_a):
    round_ = make_round(tenant_a.organisation)
    assert (
        login(Client(), tenant_a.member).get(reverse("exploration:round_list")).status_code == 403
    )
    board = UserFactory()
    MembershipFactory(user=board, organisation=tenant_a.organisation, role=Role.BOARD_MEMBER)
    client = login(Client(), board)
    assert (
        client.get(reverse("exploration:round_results", kwargs={"round_id": round_.pk})).status_code
        == 200
    )
    assert client.get(reverse("exploration:round_create")).status_code == 403


def test_results_hide_the_breakdown_of_a_group_below_five(alice_client, tenant_a):
    round_ = _round_with_small_board(tenant_a.organisation)
    page = alice_client.get(
        reverse("exploration:round_results", kwargs={"round_id": round_.pk})
    ).content.decode()
    assert "20 respondenten" in page
    assert "Verborgen: te weinig respondenten" in page
    assert "Deels verborgen, zodat een kleine groep niet uit de totalen is af te leiden" in page
    # Werkvloer all 4 → 75 on ordinary themes; middenkader all 2 → 25; the board's 100s
    # appear nowhere as a group score, only inside the total (beleid is hidden too).
    heat = page.split('id="caption-heatmap"')[1].split("</table>")[0]
    assert ">75<" in heat and ">25<" in heat and ">100<" not in heat
    assert "Bestuur en directie*" in heat and "Beleid*" in heat
    assert AccessLog.objects.filter(action="read", object_type="exploration_round").exists()


def test_results_of_an_empty_round_show_an_empty_state(alice_client, tenant_a):
    round_ = make_round(tenant_a.organisation)
    page = alice_client.get(
        reverse("exploration:round_results", kwargs={"round_id": round_.pk})
    ).content.decode()
    assert "Nog geen tussenstand" in page
    close(round_)
    page = alice_client.get(
        reverse("exploration:round_results", kwargs={"round_id": round_.pk})
    ).content.decode()
    assert "Nog geen verstuurde antwoorden" in page


def test_results_pages_have_no_inline_styles_or_scripts(alice_client, tenant_a):
    round_ = _round_with_small_board(tenant_a.organisation)
    body = alice_client.get(
        reverse("exploration:round_results", kwargs={"round_id": round_.pk})
    ).content.decode()
    assert "<svg" in body
    assert " style=" not in body and "<style" not in body and "<script>" not in body


def test_exports_leave_out_the_small_group(alice_client, tenant_a):
    round_ = _round_with_small_board(tenant_a.organisation)
    raw = alice_client.get(reverse("exploration:round_export_csv", kwargs={"round_id": round_.pk}))
    rows = list(csv.reader(io.StringIO(raw.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:6] == ["soort", "sleutel", "omschrijving", "groep", "respondenten", "score"]
    theme_groups = {row[3] for row in rows if row[0] in {"thema", "stelling"}}
    assert theme_groups == {"totaal", "werkvloer", "middenkader"}
    assert ["respons", "bestuur", "Bestuur en directie", "bestuur", "2"] in [
        row[:5] for row in rows
    ]
    workbook = load_workbook(
        io.BytesIO(
            alice_client.get(
                reverse("exploration:round_export_xlsx", kwargs={"round_id": round_.pk})
            ).content
        )
    )
    sheet_rows = list(workbook.active.iter_rows(values_only=True))
    assert len(sheet_rows) == len(rows)
    assert not [row for row in sheet_rows if row[0] == "thema" and row[3] == "bestuur"]
    assert AccessLog.objects.filter(action="export", detail="csv").exists()


def test_report_pdf_downloads(alice_client, tenant_a):
    round_ = _round_with_small_board(tenant_a.organisation)
    response = alice_client.get(
        reverse("exploration:round_report_pdf", kwargs={"round_id": round_.pk})
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_closing_needs_a_confirmation(alice_client, tenant_a, django_capture_on_commit_callbacks):
    round_ = make_round(tenant_a.organisation)
    url = reverse("exploration:round_close", kwargs={"round_id": round_.pk})
    assert "Afsluiten" in alice_client.get(url).content.decode()
    round_.refresh_from_db()
    assert round_.is_open
    with django_capture_on_commit_callbacks(execute=False):
        alice_client.post(url)
    round_.refresh_from_db()
    assert not round_.is_open


def test_deleting_a_round_needs_a_confirmation(alice_client, tenant_a):
    round_ = make_round(tenant_a.organisation)
    url = reverse("exploration:round_delete", kwargs={"round_id": round_.pk})
    alice_client.get(url)
    assert Round.objects.exists()
    alice_client.post(url)
    assert not Round.objects.exists()


def test_round_list_paginates_and_has_an_empty_state(alice_client, tenant_a):
    assert (
        "Eerste ronde starten"
        in alice_client.get(reverse("exploration:round_list")).content.decode()
    )
    for number in range(27):
        make_round(tenant_a.organisation, title=f"Ronde {number}")
    page = alice_client.get(reverse("exploration:round_list")).content.decode()
    assert "Pagina 1 van 2" in page


# --- Concerns ------------------------------------------------------------------------------


def test_concern_register_lifecycle(alice_client, tenant_a):
    round_ = make_round(tenant_a.organisation)
    form_page = alice_client.get(
        reverse("exploration:concern_create") + f"?ronde={round_.pk}"
    ).content.decode()
    assert f'value="{round_.pk}" selected' in form_page
    response = alice_client.post(
        reverse("exploration:concern_create"),
        {
            "title": "Angst voor baanverlies",
            "source": "answer",
            "layer": "werkvloer",
            "round": round_.pk,
            "owner": tenant_a.member.pk,
            "status": "open",
        },
    )
    assert response.status_code == 302
    concern = Concern.objects.get()
    assert concern.owner == tenant_a.member and concern.round == round_
    alice_client.post(
        reverse("exploration:concern_edit", kwargs={"concern_id": concern.pk}),
        {
            "title": concern.title,
            "source": "answer",
            "status": "addressed",
            "response": "Gesprek gevoerd.",
        },
    )
    concern.refresh_from_db()
    assert concern.status == "addressed" and concern.response == "Gesprek gevoerd."
    listing = alice_client.get(
        reverse("exploration:concern_list") + "?status=open"
    ).content.decode()
    assert "Angst voor baanverlies" not in listing
    alice_client.post(reverse("exploration:concern_delete", kwargs={"concern_id": concern.pk}))
    assert not Concern.objects.exists()


def test_concern_owner_from_another_organisation_is_refused(alice_client, tenant_a, tenant_b):
    response = alice_client.post(
        reverse("exploration:concern_create"),
        {"title": "Zorg", "source": "meeting", "owner": tenant_b.member.pk, "status": "open"},
    )
    assert response.status_code == 200 and not Concern.objects.exists()


def test_bestuurder_reads_concerns_but_cannot_change_them(tenant_a):
    concern = make_concern(tenant_a.organisation, title="Financiering")
    board = UserFactory()
    MembershipFactory(user=board, organisation=tenant_a.organisation, role=Role.BOARD_MEMBER)
    client = login(Client(), board)
    assert "Financiering" in client.get(reverse("exploration:concern_list")).content.decode()
    assert (
        client.get(
            reverse("exploration:concern_edit", kwargs={"concern_id": concern.pk})
        ).status_code
        == 403
    )


# --- Templates -----------------------------------------------------------------------------


@pytest.fixture
def admin_client(db):
    admin = UserFactory(is_superuser=True, is_staff=True)
    return login(Client(), admin)


def test_only_platform_admins_reach_the_template_pages(alice_client, admin_client):
    assert admin_client.get(reverse("exploration:template_list")).status_code == 200
    key = TemplateVersion.objects.get().key
    for name, kwargs in (
        ("template_list", {}),
        ("template_detail", {"key": key}),
        ("template_edit", {"key": key}),
    ):
        assert alice_client.get(reverse(f"exploration:{name}", kwargs=kwargs)).status_code == 404
    assert Client().get(reverse("exploration:template_list")).status_code == 302


def _form_data(page: str) -> dict[str, str]:
    """The current values of the edit form, as a browser would post them."""
    import re
    from html import unescape

    data: dict[str, str] = {}
    for name, value in re.findall(r'<input type="text" name="([^"]+)" value="([^"]*)"', page):
        data[name] = unescape(value)
    for name, value in re.findall(r'<textarea name="([^"]+)"[^>]*>\n?(.*?)</textarea>', page, re.S):
        data[name] = unescape(value)
    for name, body in re.findall(r'<select name="([^"]+)"[^>]*>(.*?)</select>', page, re.S):
        selected = re.search(r'<option value="([^"]*)" selected', body)
        data[name] = selected.group(1) if selected else ""
    return data


def test_editing_a_template_makes_a_new_version_and_running_rounds_keep_theirs(
    admin_client, tenant_a
):
    round_ = make_round(tenant_a.organisation)
    key = round_.template.key
    page = admin_client.get(
        reverse("exploration:template_edit", kwargs={"key": key})
    ).content.decode()
    data = _form_data(page)
    data.update(
        {
            "change_note": "Nieuwe stelling over ondersteuning",
            "theme_support": "Steun en begeleiding",
            "new_text_support": "Er is een vast aanspreekpunt buiten het eigen team.",
            "new_kind_support": "ordinary",
            "remove_motive_1": "on",
        }
    )
    response = admin_client.post(reverse("exploration:template_edit", kwargs={"key": key}), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    started_with = round_.template.version
    new = TemplateVersion.objects.get(key=key, version=started_with + 1)
    keys = [s.key for s in new.scan.statements]
    assert (
        "support_6" in keys
        and new.scan.statements[keys.index("support_6")].text.startswith("Er is")
        and "motive_1" not in keys
    )
    assert new.scan.themes[4].name == "Steun en begeleiding"
    round_.refresh_from_db()
    assert round_.template.version == started_with and "motive_1" in [
        s.key for s in round_.template.scan.statements
    ]


def test_template_edit_with_too_many_statements_is_refused(admin_client, db):
    from kwartier.exploration.services import template_ensure_default

    key = template_ensure_default().key
    page = admin_client.get(
        reverse("exploration:template_edit", kwargs={"key": key})
    ).content.decode()
    data = _form_data(page)
    data.update({"change_note": "Te veel", "new_text_motive": "Een zevende stelling."})
    response = admin_client.post(reverse("exploration:template_edit", kwargs={"key": key}), data)
    assert response.status_code == 200
    assert "7 stellingen" in response.content.decode()
    assert TemplateVersion.objects.count() == 1


def test_values_out_of_reason_get_a_dutch_error_and_store_nothing(alice_client, tenant_a):
    """Issue 18, point 6: free text has a length limit, counts and dates an upper bound."""
    alice_client.get(reverse("exploration:round_create"))
    far = (timezone.localdate() + timedelta(days=3650)).isoformat()
    page = alice_client.post(
        reverse("exploration:round_create"),
        {
            "title": "Tien jaar",
            "template": TemplateVersion.objects.get().pk,
            "deadline": far,
            "groups": ["werkvloer"],
        },
    ).content.decode()
    assert "Kies een einddatum binnen een jaar" in page
    assert not Round.objects.exists()

    response = alice_client.post(
        reverse("exploration:concern_create"),
        {"title": "Te lang", "description": "x" * 100_000, "source": "meeting", "status": "open"},
    )
    assert response.status_code == 200
    assert "niet meer dan 5000 tekens" in response.content.decode()
    assert not Concern.objects.exists()

    round_ = make_round(tenant_a.organisation)
    many = "\n".join(f"p{i}@alfa.example.nl" for i in range(20_000))
    response = alice_client.post(
        reverse("exploration:round_invite", kwargs={"round_id": round_.pk}),
        {"group": "werkvloer", "emails": many},
    )
    assert response.status_code == 200
    assert "niet meer dan 50000 tekens" in response.content.decode()
    assert not round_.invitations.exists()
