"""Values within reason, refused in Dutch and changing nothing: in the forms, in the services
(model validation) and in the API."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from kwartier.planning import services
from kwartier.planning.models import ProgressEntry, Scenario, Support, Target
from tests.planning.factories import make_plan, projection_data
from tests.planning.test_concurrency import texts
from tests.planning.test_views import formset_data, hidden_fields, scenario_form

MEGABYTE_OF_TEXT = "ervaring " * 116_509  # just over 1 MB


@pytest.fixture
def plan(tenant_a, alice):
    return make_plan(tenant_a.organisation, alice, title="Plan Alfa", ambition="Eerste ambitie")


def test_a_megabyte_of_plan_text_is_refused_in_dutch(alice_client, plan):
    edit = reverse("planning:edit", args=[plan.pk])
    form = hidden_fields(alice_client.get(edit).content.decode())
    response = alice_client.post(edit, {**form, **texts(plan, vision=MEGABYTE_OF_TEXT)})
    assert response.status_code == 200
    assert "niet meer dan 10000 tekens" in response.content.decode()
    assert plan.versions.get().vision == ""


def test_the_service_refuses_an_over_long_plan_text(alice, plan):
    with pytest.raises(ValidationError, match="Deze tekst is te lang"):
        services.plan_update(plan=plan, user=alice, title=plan.title, ambition="x" * 10_001)
    assert plan.versions.get().ambition == "Eerste ambitie"


def test_a_headcount_of_ten_to_the_eighteen_is_refused(alice_client, alice, plan):
    doelen = reverse("planning:section_doelen", args=[plan.pk])
    form = hidden_fields(alice_client.get(doelen).content.decode())
    row = {"year": "2027", "paid_headcount": str(10**18), "paid_fte": "3", "volunteers": "0"}
    response = alice_client.post(doelen, {**form, **formset_data("doelen", [row])})
    assert response.status_code == 200
    assert "Vul hoogstens 10.000 personen in." in response.content.decode()
    assert not Target.objects.exists()
    with pytest.raises(ValidationError):
        services.version_parts_replace(
            plan=plan,
            user=alice,
            model=Target,
            rows=[{"year": 2027, "paid_headcount": 10**18, "paid_fte": 3, "volunteers": 0}],
        )


def test_a_budget_of_ten_to_the_thirty_is_refused(alice_client, alice, plan):
    section = reverse("planning:section_ondersteuning", args=[plan.pk])
    form = hidden_fields(alice_client.get(section).content.decode())
    row = {"kind": "intervisie", "description": "Maandelijks", "budget_per_year": str(10**30)}
    response = alice_client.post(section, {**form, **formset_data("ondersteuning", [row])})
    assert response.status_code == 200
    assert not Support.objects.exists()

    url = reverse("planning:scenario_create", args=[plan.pk])
    page = alice_client.get(url).content.decode()
    response = alice_client.post(
        url, {**scenario_form("Rijk", "20", budget=str(10**30)), **hidden_fields(page)}
    )
    assert response.status_code == 200
    assert "Zorg ervoor dat deze waarde hoogstens 1000000000 is." in response.content.decode()
    assert not Scenario.objects.exists()


def test_progress_counts_are_bounded(alice_client, plan):
    response = alice_client.post(
        reverse("planning:progress", args=[plan.pk]),
        {"year": "2026", "headcount": str(10**18), "fte": "1", "note": ""},
    )
    assert response.status_code == 200
    assert "Vul hoogstens 10.000 personen in." in response.content.decode()
    assert not ProgressEntry.objects.exists()


def test_a_milestone_date_in_the_year_9999_is_refused(alice, plan):
    from datetime import date

    from kwartier.planning.models import Milestone

    with pytest.raises(ValidationError, match="Kies een datum tussen 2000 en 2100"):
        services.version_parts_replace(
            plan=plan,
            user=alice,
            model=Milestone,
            rows=[{"title": "Start", "owner": "Alice", "due_date": date(9999, 1, 1)}],
        )


def test_the_projection_api_refuses_an_absurd_budget_in_dutch(alice_client):
    data = projection_data(budget={"2026": 1e30}, targets={"2027": 1e20})
    response = alice_client.post(
        "/api/planning/projection/", json.dumps(data), content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json() == {
        "field": "targets.2027",
        "detail": "moet tussen 0 en 100.000 liggen",
    }
    data = projection_data(budget={"2026": 1e30})
    response = alice_client.post(
        "/api/planning/projection/", json.dumps(data), content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["field"] == "budget.2026"
    assert "1.000.000.000" in response.json()["detail"]


def test_the_projection_api_answers_a_too_large_body_in_dutch(alice_client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    body = json.dumps({**projection_data(), "padding": "x" * 20_000})
    response = alice_client.post("/api/planning/projection/", body, content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {
        "field": "",
        "detail": "De invoer is te groot. Stuur alleen de projectie-invoer.",
    }


def test_a_scenario_whose_input_the_kernel_refuses_is_explained_in_dutch(alice, plan):
    with pytest.raises(ValidationError) as caught:
        services.scenario_create(
            plan=plan,
            user=alice,
            name="Fout",
            projection_data=projection_data(budget={"2026": -1}),
        )
    assert caught.value.messages == ["Invoer budget.2026: moet tussen 0 en 1.000.000.000 liggen"]


def test_fte_is_bounded_in_the_model(alice, plan):
    with pytest.raises(ValidationError, match="Vul hoogstens 10.000 fte in."):
        services.progress_record(plan=plan, year=2026, headcount=1, fte=Decimal("99999"))
