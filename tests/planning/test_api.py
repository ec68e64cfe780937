"""POST /api/planning/projection/: exactly the JSON of the issue in and out, 400 with the
field and a Dutch reason for bad input, and never a 500."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import api_token_for
from tests.planning.factories import projection_data

URL = "/api/planning/projection/"


@pytest.fixture
def api(alice) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Token {api_token_for(alice)}")


def post(api: Client, body: Any, content_type: str = "application/json") -> Any:
    raw = body if isinstance(body, str | bytes) else json.dumps(body)
    return api.post(URL, raw, content_type=content_type)


def test_the_url_is_named():
    assert reverse("planning_projection") == URL


def test_projection_by_hand(api):
    """Numbers of tests/planning/test_projection.py::test_first_year_by_hand."""
    body = {
        "start_year": 2025,
        "years": 2,
        "levels": {
            "hbo": {"fte": 10, "attrition": 0.1, "cost_per_fte": 70000},
            "mbo": {"fte": 10, "attrition": 0.2, "cost_per_fte": 55000},
            "ervaringswerker": {"fte": 0, "attrition": 0.1, "cost_per_fte": 50000},
        },
        "growth": 0.1,
        "job_carving": 0.5,
        "share": 0.5,
        "targets": {"2026": 5},
        "budget": {"2025": 1400000},
    }
    response = post(api, body)
    assert response.status_code == 200
    data = response.json()
    assert set(data) == {"years", "targets", "min_share"}
    first = data["years"][0]
    assert set(first) == {
        "year",
        "fte",
        "leavers",
        "openings",
        "hires_ervaringswerker",
        "cost",
        "budget",
        "within_budget",
    }
    assert first["year"] == 2025
    assert first["fte"] == pytest.approx({"hbo": 9.75, "mbo": 9.5, "ervaringswerker": 2.75})
    assert first["leavers"] == {"hbo": 1.0, "mbo": 2.0, "ervaringswerker": 0.0}
    assert first["openings"] == pytest.approx(4.5)
    assert first["hires_ervaringswerker"] == pytest.approx(2.75)
    assert first["cost"]["total"] == pytest.approx(1_342_500)
    assert (first["budget"], first["within_budget"]) == (1400000, True)
    assert data["years"][1]["budget"] is None and data["years"][1]["within_budget"] is None
    assert data["targets"] == [
        {"year": 2026, "fte": 5.0, "projected": pytest.approx(5.5375), "met": True}
    ]
    assert 0 <= data["min_share"] <= 0.5


def test_unreachable_targets_give_min_share_null(api):
    response = post(api, projection_data(targets={"2030": 1000}))
    assert response.status_code == 200
    assert response.json()["min_share"] is None
    assert response.json()["targets"][0]["met"] is False


@pytest.mark.parametrize(
    ("body", "field", "reason"),
    [
        ("dit is geen json", "", "geen geldige JSON"),
        ("", "", "geen geldige JSON"),
        ("[" * 100_000, "", "geen geldige JSON"),
        ('{"start_year": 1' + "0" * 5000 + "}", "", "geen geldige JSON"),
        ([], "", "object"),
        ({}, "start_year", "verplicht"),
        (projection_data(years="5"), "years", "geheel getal"),
        (projection_data(share=True), "share", "getal"),
        (
            projection_data(levels={"hbo": {"fte": 1, "attrition": 0, "cost_per_fte": 1}}),
            "levels.mbo",
            "ontbreekt",
        ),
        (projection_data(levels=None), "levels", "object"),
        (projection_data(targets={"2040": 3}), "targets.2040", "buiten de projectie"),
        (projection_data(targets={"9" * 5000: 3}), "targets." + "9" * 5000, "buiten de projectie"),
        (projection_data(growth=-0.01), "growth", "tussen 0 en 0,5"),
    ],
)
def test_bad_input_is_400_with_field_and_dutch_reason(api, body, field, reason):
    response = post(api, body)
    assert response.status_code == 400
    assert response.json()["field"] == field
    assert reason in response.json()["detail"]


def test_huge_integer_is_refused_not_a_crash(api):
    body = projection_data()
    raw = json.dumps(body).replace('"fte": 30.0', '"fte": ' + "9" * 400, 1)
    response = post(api, raw)
    assert response.status_code == 400
    assert response.json()["field"] == "levels.hbo.fte"


def test_form_and_multipart_bodies_are_400(alice):
    client = Client()
    client.force_login(alice)
    form = client.post(URL, {"start_year": "2026"})  # multipart by default
    urlencoded = client.post(
        URL, "start_year=2026", content_type="application/x-www-form-urlencoded"
    )
    assert form.status_code == 400 and urlencoded.status_code == 400


def test_anonymous_is_401(db):
    assert Client().post(URL, "{}", content_type="application/json").status_code == 401


def test_schema_documents_the_projection(api):
    schema = api.get("/api/schema/?format=json").json()
    operation = schema["paths"][URL]["post"]
    assert operation["operationId"] == "planning_projection"
    assert set(operation["responses"]) >= {"200", "400"}


# --- fuzzing -------------------------------------------------------------------------------

_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)
_number = st.one_of(
    st.integers(min_value=-10, max_value=10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.text(max_size=4),
    st.none(),
)
_level = st.fixed_dictionaries(
    {"fte": _number, "attrition": _number, "cost_per_fte": _number},
    optional={"extra": _json},
)
_years = st.dictionaries(
    st.text(max_size=6) | st.integers(1990, 2110).map(str), _number, max_size=3
)
_near_valid = st.fixed_dictionaries(
    {},
    optional={
        "start_year": st.integers(1990, 2110) | _number,
        "years": st.integers(-1, 60) | _number,
        "levels": st.fixed_dictionaries(
            {}, optional={"hbo": _level, "mbo": _level, "ervaringswerker": _level, "vmbo": _level}
        )
        | _json,
        "growth": _number,
        "job_carving": _number,
        "share": _number,
        "targets": _years | _json,
        "budget": _years | _json,
    },
)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(body=st.one_of(_json, _near_valid, _near_valid.map(lambda b: {**projection_data(), **b})))
def test_random_json_gets_200_or_400(api, body):
    response = post(api, json.dumps(body, allow_nan=True))
    assert response.status_code in {200, 400}, response.content[:300]
    data = response.json()
    if response.status_code == 400:
        assert isinstance(data["field"], str) and data["detail"]
    else:
        assert set(data) == {"years", "targets", "min_share"}
