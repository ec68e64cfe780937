"""Results of an open round are published in steps of five lists (issue 17, point 7;
decision 0012), and the final figures never differ from a tussenstand by fewer than five
people. Exports neutralise typed text that a spreadsheet would run (issue 17, point 8)."""

from __future__ import annotations

import csv
import io

from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from kwartier.exploration import selectors, services
from kwartier.exploration.models import PublishedState, Round, scan_template_to_content
from kwartier.exploration.scoring import results_to_dict
from tests.exploration.factories import add_responses, close, make_round
from tests.exploration.test_api import auth


def hand_in(round_: Round, group: str, value: int) -> None:
    """One respondent, through the same services as the pages: start, every theme, send."""
    response, _token = services.response_start(round=round_, group=group)
    scan = round_.template.scan
    for theme in scan.themes:
        answers = {s.key: value for s in scan.statements if s.theme == theme.key}
        services.response_save_answers(
            response=response, theme=theme.key, answers=answers, next_step=2
        )
    services.response_submit(response=response)


def _api_results(user, round_: Round) -> dict:
    url = reverse("exploration-round-results", kwargs={"pk": round_.pk})
    return Client().get(url, **auth(user)).json()


def test_two_looks_at_an_open_round_never_differ_by_one_person(tenant_a, alice_client):
    round_ = make_round(tenant_a.organisation)
    for _ in range(4):
        hand_in(round_, "werkvloer", 4)
    assert _api_results(tenant_a.manager, round_)["respondents"] == 0  # nothing yet
    hand_in(round_, "werkvloer", 4)
    first = _api_results(tenant_a.manager, round_)
    assert first["respondents"] == 5
    hand_in(round_, "middenkader", 1)  # one more person: the figures stay as they were
    second = _api_results(tenant_a.manager, round_)
    assert second == first
    page = alice_client.get(
        reverse("exploration:round_results", kwargs={"round_id": round_.pk})
    ).content.decode()
    assert "De volgende tussenstand komt op zijn vroegst na nog 4 verstuurde lijsten." in page
    for _ in range(4):
        hand_in(round_, "middenkader", 1)
    third = _api_results(tenant_a.manager, round_)
    assert third["respondents"] == 10 and third != first
    assert PublishedState.objects.filter(round=round_).count() == 2


def test_a_tussenstand_shows_totals_only(tenant_a):
    round_ = make_round(tenant_a.organisation)
    add_responses(round_, "werkvloer", 6, value=4)
    add_responses(round_, "middenkader", 6, value=2)
    body = _api_results(tenant_a.manager, round_)
    assert body["respondents"] == 12
    assert all(score is None for theme in body["themes"] for score in theme["groups"].values())
    assert all(c is None for item in body["items"] for c in item["groups"].values())
    assert body["items"][0]["counts"]["4"] == 6


def test_closing_with_few_lists_after_the_tussenstand_keeps_its_figures(
    tenant_a, alice_client, django_capture_on_commit_callbacks
):
    round_ = make_round(tenant_a.organisation)
    add_responses(round_, "werkvloer", 6, value=4)
    add_responses(round_, "middenkader", 6, value=2)
    tussenstand = _api_results(tenant_a.manager, round_)
    add_responses(round_, "bestuur", 2, value=5)  # two board members answer late
    close_url = reverse("exploration:round_close", kwargs={"round_id": round_.pk})
    warning = alice_client.get(close_url).content.decode()
    assert "sinds de laatste tussenstand zijn 2 lijsten verstuurd" in warning
    assert "minder dan 5 van hen een antwoord" in warning
    with django_capture_on_commit_callbacks(execute=False):
        services.round_close(round=round_, closed_by=tenant_a.manager)
    round_.refresh_from_db()
    final = _api_results(tenant_a.manager, round_)
    assert final == tussenstand  # final − tussenstand would be the two board members
    page = alice_client.get(
        reverse("exploration:round_results", kwargs={"round_id": round_.pk})
    ).content.decode()
    assert "2 lijsten zijn na de laatste tussenstand verstuurd" in page


def test_closing_after_five_new_lists_shows_the_breakdown_checked_against_history(
    tenant_a, django_capture_on_commit_callbacks
):
    round_ = make_round(tenant_a.organisation)
    add_responses(round_, "werkvloer", 6, value=4)
    add_responses(round_, "middenkader", 6, value=2)
    _api_results(tenant_a.manager, round_)  # tussenstand 1: 12 lists
    add_responses(round_, "werkvloer", 4, value=1)
    add_responses(round_, "bestuur", 1, value=5)
    with django_capture_on_commit_callbacks(execute=False):
        services.round_close(round=round_, closed_by=tenant_a.manager)
    round_.refresh_from_db()
    final = selectors.round_results(round=round_, with_previous=False)
    assert final.final and final.results.respondents == 17 and final.waiting == 0
    item = results_to_dict(final.results)["items"][0]
    # werkvloer is 6 + 4: shown, middenkader 6 would leave total − shown = 1 board member
    # on its own, so it is hidden with the board.
    assert item["counts"] is not None and item["groups"]["werkvloer"] is not None
    assert item["groups"]["bestuur"] is None and item["groups"]["middenkader"] is None


def test_exports_never_run_typed_text_as_a_formula(tenant_a, alice_client):
    base = services.template_ensure_default()
    content = scan_template_to_content(base.scan)
    content["statements"][0]["text"] = '=HYPERLINK("https://evil.example";"Klik hier")'
    content["themes"][0]["name"] = "+SUM(1;2)"
    template = services.template_version_create(
        base=base, name="Met formules", content=content, change_note="test", created_by=None
    )
    round_ = make_round(tenant_a.organisation)
    Round.objects.filter(pk=round_.pk).update(template=template)
    round_.refresh_from_db()
    add_responses(round_, "werkvloer", 6, value=4)
    close(round_)
    raw = alice_client.get(reverse("exploration:round_export_csv", kwargs={"round_id": round_.pk}))
    rows = list(csv.reader(io.StringIO(raw.content.decode("utf-8-sig")), delimiter=";"))
    cells = [cell for row in rows for cell in row]
    assert '\'=HYPERLINK("https://evil.example";"Klik hier")' in cells
    assert "'+SUM(1;2)" in cells
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "@")]
    xlsx = alice_client.get(
        reverse("exploration:round_export_xlsx", kwargs={"round_id": round_.pk})
    ).content
    sheet = load_workbook(io.BytesIO(xlsx)).active
    texts = [cell for row in sheet.iter_rows() for cell in row if isinstance(cell.value, str)]
    assert all(cell.data_type == "s" for cell in texts)
    assert '\'=HYPERLINK("https://evil.example";"Klik hier")' in [c.value for c in texts]


def test_published_figures_keep_the_templates_group_order(tenant_a):
    """PostgreSQL's jsonb stores object keys shortest first; the page, PDF and exports
    must still show the groups in the template's order (werkvloer before bestuur)."""
    round_ = make_round(tenant_a.organisation)
    add_responses(round_, "werkvloer", 6, value=4)
    add_responses(round_, "middenkader", 5, value=2)
    add_responses(round_, "ervaringswerkers", 5, value=3)
    add_responses(round_, "bestuur", 1, value=5)
    _api_results(tenant_a.manager, round_)  # a stored tussenstand
    close(round_)
    round_.refresh_from_db()
    for state in PublishedState.objects.filter(round=round_):
        state.refresh_from_db()  # read back from the database, as a later page does
    results = selectors.round_results(round=round_, with_previous=False).results
    expected = [group for group in round_.groups if group in results.groups]
    assert list(results.groups) == expected
    assert list(results.themes[0].groups) == expected
    assert list(results.items[0].groups) == expected
