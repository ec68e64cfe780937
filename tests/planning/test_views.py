"""The plan pages as people use them: write, warn, fix, adopt, read as financier."""

from __future__ import annotations

import re
import uuid
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from kwartier.accounts.models import Layer, Role
from kwartier.core.models import AccessLog
from kwartier.planning import selectors
from kwartier.planning.forms import SECTIONS
from kwartier.planning.models import Plan, ProgressEntry, Scenario, Target
from tests.conftest import login
from tests.factories import (
    MembershipFactory,
    TeamFactory,
    UserFactory,
    network_financier,
)
from tests.planning.factories import add_targets, make_plan, make_scenario


@pytest.fixture
def plan(tenant_a, alice) -> Plan:
    return make_plan(tenant_a.organisation, alice, title="Plan Alfa")


@pytest.fixture
def board_client(tenant_a) -> Client:
    user = UserFactory(email="bestuur@alfa.example.nl", full_name="Bea Bestuur")
    MembershipFactory(user=user, organisation=tenant_a.organisation, role=Role.BOARD_MEMBER)
    return login(Client(), user)


def formset_data(prefix: str, rows: list[dict[str, Any]], initial: int = 0) -> dict[str, Any]:
    data: dict[str, Any] = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "60",
    }
    for index, row in enumerate(rows):
        for name, value in row.items():
            data[f"{prefix}-{index}-{name}"] = value
    return data


def hidden_fields(page: str) -> dict[str, str]:
    """The hidden inputs of a page, as a browser would send them back."""
    fields = {}
    for tag in re.findall(r"<input[^>]*type=\"hidden\"[^>]*>", page):
        name = re.search(r'name="([^"]+)"', tag)
        value = re.search(r'value="([^"]*)"', tag)
        if name and name.group(1) != "csrfmiddlewaretoken":
            fields[name.group(1)] = value.group(1) if value else ""
    return fields


def section_data(
    plan: Plan, prefix: str, rows: list[dict[str, Any]], initial: int = 0
) -> dict[str, Any]:
    """A section form as the page sends it, with the token of the rows it showed."""
    version = selectors.version_newest(plan=plan)
    token = selectors.part_fingerprint(version=version, model=SECTIONS[prefix].model)
    return {**formset_data(prefix, rows, initial), "token": token}


def adopt_data(plan: Plan) -> dict[str, Any]:
    """The confirmation as the page sends it: this version, reading as it does now."""
    version = selectors.version_newest(plan=plan)
    return {"version": version.pk, "content_hash": selectors.version_fingerprint(version=version)}


def warning_codes(response) -> list[str]:
    import re

    return re.findall(r'data-warning="([a-z_]+)"', response.content.decode())


def test_empty_list_invites_to_write_a_plan(alice_client):
    response = alice_client.get(reverse("planning:list"))
    assert "Nog geen kwartiermaakplan" in response.content.decode()
    assert reverse("planning:create") in response.content.decode()


def test_kwartiermaker_creates_a_plan(alice_client, tenant_a):
    response = alice_client.post(
        reverse("planning:create"),
        {"title": "Plan 2026", "ambition": "5 fte in 2028", "financier_commitment": "geen"},
    )
    plan = Plan.objects.get(organisation=tenant_a.organisation)
    assert response.status_code == 302 and response["Location"] == reverse(
        "planning:detail", args=[plan.pk]
    )
    page = alice_client.get(response["Location"]).content.decode()
    assert "5 fte in 2028" in page and "Versie 1 · concept" in page


def test_a_plan_without_title_is_refused_in_dutch(alice_client):
    response = alice_client.post(
        reverse("planning:create"), {"title": "", "financier_commitment": "geen"}
    )
    assert response.status_code == 200
    assert "Dit veld is vereist." in response.content.decode()
    assert not Plan.objects.exists()


def test_warning_disappears_after_adding_intervisie_budget(alice_client, plan):
    detail = reverse("planning:detail", args=[plan.pk])
    assert "no_support_budget" in warning_codes(alice_client.get(detail))
    response = alice_client.post(
        reverse("planning:section_ondersteuning", args=[plan.pk]),
        section_data(
            plan,
            "ondersteuning",
            [{"kind": "intervisie", "description": "Maandelijks", "budget_per_year": "6000"}],
        ),
    )
    assert response.status_code == 302
    assert "no_support_budget" not in warning_codes(alice_client.get(detail))


def test_duplicate_target_years_change_nothing(alice_client, alice, plan):
    add_targets(plan, alice, {2027: "3.0"})
    row = {"year": "2028", "paid_headcount": "2", "paid_fte": "1.5", "volunteers": "0"}
    response = alice_client.post(
        reverse("planning:section_doelen", args=[plan.pk]), section_data(plan, "doelen", [row, row])
    )
    assert response.status_code == 200
    assert "2028 staat er twee keer in" in response.content.decode()
    assert list(Target.objects.values_list("year", flat=True)) == [2027]


def test_rows_can_be_deleted_and_empty_rows_are_skipped(alice_client, alice, plan):
    add_targets(plan, alice, {2027: "3.0", 2030: "8.0"})
    rows = [
        {
            "year": "2027",
            "paid_headcount": "1",
            "paid_fte": "3.0",
            "volunteers": "0",
            "DELETE": "on",
        },
        {"year": "2030", "paid_headcount": "1", "paid_fte": "9.0", "volunteers": "0"},
        {},  # an empty extra row
    ]
    response = alice_client.post(
        reverse("planning:section_doelen", args=[plan.pk]),
        section_data(plan, "doelen", rows, initial=2),
    )
    assert response.status_code == 302
    assert list(Target.objects.values_list("year", "paid_fte")) == [(2030, Decimal("9.00"))]


def test_deployment_takes_team_and_layer(alice_client, tenant_a, plan):
    team = TeamFactory(
        organisation=tenant_a.organisation, name="Teamleiders", layer=Layer.MIDDLE_MANAGEMENT
    )
    response = alice_client.post(
        reverse("planning:section_inzet", args=[plan.pk]),
        section_data(
            plan,
            "inzet",
            [{"team_choice": str(team.pk), "role": "bruggenbouwer", "headcount": "1"}],
        ),
    )
    assert response.status_code == 302
    page = alice_client.get(reverse("planning:detail", args=[plan.pk]))
    assert "spread_thin" in warning_codes(page)
    assert "frontline_only" not in warning_codes(page)


def test_another_organisations_team_cannot_be_chosen(alice_client, tenant_b, plan):
    foreign = TeamFactory(organisation=tenant_b.organisation)
    response = alice_client.post(
        reverse("planning:section_inzet", args=[plan.pk]),
        section_data(
            plan, "inzet", [{"team_choice": str(foreign.pk), "role": "gids", "headcount": "2"}]
        ),
    )
    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in response.content.decode()


def scenario_form(name: str, share: str, **overrides: str) -> dict[str, str]:
    data = {
        "submission": str(uuid.uuid4()),
        "name": name,
        "start_year": "2026",
        "years": "5",
        "growth": "2",
        "job_carving": "0.5",
        "share": share,
        "budget": "",
        "hbo_fte": "30",
        "hbo_attrition": "10",
        "hbo_cost": "75000",
        "mbo_fte": "12",
        "mbo_attrition": "12",
        "mbo_cost": "60000",
        "ervaringswerker_fte": "1",
        "ervaringswerker_attrition": "10",
        "ervaringswerker_cost": "58000",
    }
    data.update(overrides)
    return data


def test_two_scenarios_are_compared_side_by_side(alice_client, alice, plan):
    add_targets(plan, alice, {2027: "3.0", 2030: "7.0"})
    url = reverse("planning:scenario_create", args=[plan.pk])
    first = alice_client.post(url, scenario_form("Voorzichtig", "10"))
    second = alice_client.post(url, scenario_form("Ambitieus", "30", budget="4000000"))
    assert first.status_code == second.status_code == 302
    a, b = Scenario.objects.order_by("pk")
    # Percentages in the form become fractions; the plan's targets come along.
    assert a.input["share"] == 0.1 and a.input["targets"] == {"2027": 3.0, "2030": 7.0}
    assert b.input["budget"]["2030"] == 4000000.0
    page = alice_client.get(
        reverse("planning:scenario_compare", args=[plan.pk]), {"a": a.pk, "b": b.pk}
    )
    content = page.content.decode()
    assert page.status_code == 200
    assert "Voorzichtig: ervaringswerkers (fte)" in content and "Ambitieus: kosten" in content
    assert (
        'src="data:image/svg+xml;base64,' in content
        and 'alt="Ervaringswerkers: Voorzichtig en Ambitieus.' in content
    )


def test_comparing_a_scenario_with_itself_is_explained(alice_client, alice, plan):
    scenario = make_scenario(plan, alice)
    page = alice_client.get(
        reverse("planning:scenario_compare", args=[plan.pk]), {"a": scenario.pk, "b": scenario.pk}
    )
    assert "Kies twee verschillende scenario&#x27;s." in page.content.decode()


def test_scenario_form_refuses_shrinking(alice_client, plan):
    response = alice_client.post(
        reverse("planning:scenario_create", args=[plan.pk]),
        scenario_form("Krimp", "10", growth="-5"),
    )
    assert response.status_code == 200
    assert "minstens 0" in response.content.decode()
    assert not Scenario.objects.exists()


def test_scenario_page_shows_every_year(alice_client, alice, plan):
    scenario = make_scenario(plan, alice, name="Basis")
    content = alice_client.get(
        reverse("planning:scenario_detail", args=[scenario.pk])
    ).content.decode()
    for year in range(2026, 2031):
        assert f">{year}</th>" in content


def test_progress_against_targets(alice_client, alice, plan):
    add_targets(plan, alice, {2026: "2.0"})
    url = reverse("planning:progress", args=[plan.pk])
    response = alice_client.post(url, {"year": "2026", "headcount": "3", "fte": "2.5", "note": ""})
    assert response.status_code == 302
    content = alice_client.get(url).content.decode()
    assert "+0,5" in content  # 2,5 actual against 2,0 target
    assert "Voortgang: betaalde ervaringswerkers tegenover de doelen" in content
    entry = ProgressEntry.objects.get()
    delete = reverse("planning:progress_delete", args=[entry.pk])
    assert "verwijderen?" in alice_client.get(delete).content.decode()
    alice_client.post(delete)
    assert not ProgressEntry.objects.exists()


def test_only_a_bestuurder_adopts(alice_client, board_client, plan):
    url = reverse("planning:adopt", args=[plan.pk])
    assert "Alleen een bestuurder" in alice_client.get(url).content.decode()
    assert alice_client.post(url).status_code == 403
    assert board_client.post(url, adopt_data(plan)).status_code == 302
    assert plan.versions.get().status == "vastgesteld"


def test_editing_an_adopted_plan_says_a_new_version_starts(alice_client, board_client, plan):
    board_client.post(reverse("planning:adopt", args=[plan.pk]), adopt_data(plan))
    edit = reverse("planning:edit", args=[plan.pk])
    assert "versie 2 als concept" in alice_client.get(edit).content.decode()
    token = selectors.texts_fingerprint(version=selectors.version_newest(plan=plan))
    alice_client.post(
        edit,
        {"title": plan.title, "vision": "Nieuw", "financier_commitment": "geen", "token": token},
    )
    assert list(plan.versions.values_list("number", "status")) == [
        (2, "concept"),
        (1, "vastgesteld"),
    ]


def test_employee_reads_but_does_not_edit(tenant_a, plan):
    client = login(Client(), tenant_a.member)
    assert client.get(reverse("planning:detail", args=[plan.pk])).status_code == 200
    assert client.get(reverse("planning:edit", args=[plan.pk])).status_code == 403
    assert (
        client.post(reverse("planning:progress", args=[plan.pk]), {"year": "2026"}).status_code
        == 404
    )


def test_pdf_of_the_own_plan(alice_client, alice, plan):
    make_scenario(plan, alice)
    response = alice_client.get(reverse("planning:pdf", args=[plan.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_financier_reads_adopted_network_plan_and_pdf(tenant_a, alice, board_client, plan):
    financier = network_financier(tenant_a.organisation)
    client = login(Client(), financier)
    detail = reverse("planning:detail", args=[plan.pk])

    assert client.get(detail).status_code == 404  # still a draft
    board_client.post(reverse("planning:adopt", args=[plan.pk]), adopt_data(plan))
    listing = client.get(reverse("planning:list")).content.decode()
    assert "Plan Alfa" in listing and "Welzijn Alfa" in listing
    page = client.get(detail).content.decode()
    assert "als financier in hetzelfde regionale netwerk" in page
    assert "Waarschuwingen" not in page and reverse("planning:edit", args=[plan.pk]) not in page
    assert client.get(reverse("planning:pdf", args=[plan.pk])).content.startswith(b"%PDF")
    # The scenario and edit pages stay the own organisation's.
    assert client.get(reverse("planning:scenarios", args=[plan.pk])).status_code == 404
    logged = AccessLog.objects.filter(organisation=tenant_a.organisation, actor=financier)
    assert set(logged.values_list("action", flat=True)) == {"read", "export"}


def test_financier_sees_only_the_adopted_title_never_a_drafts(
    tenant_a, alice, alice_client, board_client, plan
):
    financier = network_financier(tenant_a.organisation)
    client = login(Client(), financier)
    adopt = reverse("planning:adopt", args=[plan.pk])
    board_client.post(adopt, hidden_fields(board_client.get(adopt).content.decode()))
    # The kwartiermaker starts a new draft with a new (not yet adopted) title and vision.
    edit = reverse("planning:edit", args=[plan.pk])
    alice_client.post(
        edit,
        {
            **hidden_fields(alice_client.get(edit).content.decode()),
            "title": "Reorganisatie concept",
            "vision": "Geheime conceptvisie",
            "financier_commitment": "geen",
        },
    )
    assert plan.versions.count() == 2

    listing = client.get(reverse("planning:list")).content.decode()
    page = client.get(reverse("planning:detail", args=[plan.pk])).content.decode()
    for content in (listing, page):
        assert "Plan Alfa" in content
        assert "Reorganisatie concept" not in content and "Geheime conceptvisie" not in content
    pdf = client.get(reverse("planning:pdf", args=[plan.pk])).content
    assert "Reorganisatie".encode("utf-16-be") not in pdf and b"Reorganisatie" not in pdf
    # The own organisation works on the draft, under its new title.
    own = alice_client.get(reverse("planning:detail", args=[plan.pk])).content.decode()
    assert "Reorganisatie concept" in own


def test_page_has_no_inline_styles_or_scripts(alice_client, alice, plan):
    make_scenario(plan, alice)
    content = alice_client.get(reverse("planning:detail", args=[plan.pk])).content.decode()
    assert " style=" not in content and "<style" not in content and "<script>" not in content


def test_no_exploration_done_is_a_warning(alice_client, plan):
    assert "no_exploration" in warning_codes(
        alice_client.get(reverse("planning:detail", args=[plan.pk]))
    )


def test_weak_themes_of_the_latest_exploration_need_an_action(alice_client, tenant_a, plan):
    from tests.exploration.factories import add_responses, close, make_round

    round_ = make_round(tenant_a.organisation)
    add_responses(round_, "werkvloer", 6, value=1)
    close(round_)
    detail = reverse("planning:detail", args=[plan.pk])
    page = alice_client.get(detail)
    assert "weak_themes_without_action" in warning_codes(page)

    from kwartier.exploration.selectors import weak_themes_latest

    weak = weak_themes_latest(organisation=tenant_a.organisation)
    assert weak
    rows = [
        {"description": f"Actie voor {name}", "owner": "Alice", "theme": key}
        for key, name, _ in weak
    ]
    response = alice_client.post(
        reverse("planning:section_acties", args=[plan.pk]), section_data(plan, "acties", rows)
    )
    assert response.status_code == 302
    assert "weak_themes_without_action" not in warning_codes(alice_client.get(detail))
