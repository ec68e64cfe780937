"""POST /api/workforce/allowance-check/: the issue's JSON in and out, 400 with `field`
and a Dutch `detail` for bad input and for a year without figures, never a 500."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kwartier.accounts.models import Role
from tests.factories import MembershipFactory, UserFactory, api_token_for

URL = "/api/workforce/allowance-check/"
EXAMPLE = {
    "year": 2024,
    "age": 30,
    "hourly": True,
    "months": [{"month": 1, "hours": 20, "amount": 110.0}],
}
BELASTINGDIENST_2024 = (
    "https://www.belastingdienst.nl/wps/wcm/connect/bldcontentnl/belastingdienst/prive/"
    "werk_en_inkomen/werken/werken-als-vrijwilliger/vrijwilligersvergoedingen"
)


@pytest.fixture
def api(alice) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Token {api_token_for(alice)}")


def post(client: Client, body: Any) -> Any:
    raw = body if isinstance(body, str | bytes) else json.dumps(body)
    return client.post(URL, raw, content_type="application/json")


def test_the_url_is_named():
    assert reverse("workforce_allowance_check") == URL


def test_the_issues_example(api):
    response = post(api, EXAMPLE)
    assert response.status_code == 200
    data = response.json()
    assert {"within_limits", "limits", "months", "year_total", "sources"} <= set(data)
    assert data["within_limits"] is True
    assert data["limits"] == {"hourly": 5.5, "monthly": 210.0, "yearly": 2100.0}
    assert data["year_total"] == 110.0
    assert data["sources"] == [BELASTINGDIENST_2024]
    [month] = data["months"]
    assert {"month", "hourly_rate", "within", "reasons"} <= set(month)
    assert month["month"] == 1 and month["hourly_rate"] == 5.5 and month["within"] is True
    assert month["reasons"] and all(isinstance(r, str) for r in month["reasons"])


def test_over_the_limit_is_flagged_and_said_plainly(api):
    body = {
        "year": 2024,
        "age": 19,
        "hourly": True,
        "months": [
            {"month": 2, "hours": 40, "amount": 150},
            {"month": 3, "hours": 10, "amount": 30},
        ],
    }
    data = post(api, body).json()
    assert data["within_limits"] is False
    assert data["limits"]["hourly"] == 3.25
    february, march = data["months"]
    assert february["within"] is False and february["hourly_rate"] == 3.75
    assert "€ 3,75 per uur is meer dan het maximum van € 3,25" in february["reasons"][0]
    assert march["within"] is True
    assert any("hele vergoeding" in line for line in data["summary"])


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ([], ""),
        ({"age": 30, "hourly": True, "months": []}, "year"),
        ({**EXAMPLE, "year": "2024"}, "year"),
        ({**EXAMPLE, "year": True}, "year"),
        ({**EXAMPLE, "age": 30.5}, "age"),
        ({**EXAMPLE, "age": -3}, "age"),
        ({**EXAMPLE, "hourly": "ja"}, "hourly"),
        ({k: v for k, v in EXAMPLE.items() if k != "hourly"}, "hourly"),
        ({**EXAMPLE, "months": {"1": 20}}, "months"),
        ({**EXAMPLE, "months": []}, "months"),
        (
            {**EXAMPLE, "months": [{"month": i, "amount": 1, "hours": 1} for i in range(1, 14)]},
            "months",
        ),
        ({**EXAMPLE, "months": [5]}, "months[0]"),
        ({**EXAMPLE, "months": [{"month": 0, "hours": 1, "amount": 1}]}, "months[0].month"),
        ({**EXAMPLE, "months": [{"month": 1, "hours": 1}]}, "months[0].amount"),
        ({**EXAMPLE, "months": [{"month": 1, "hours": 1, "amount": "10"}]}, "months[0].amount"),
        ({**EXAMPLE, "months": [{"month": 1, "hours": 1, "amount": -10}]}, "months[0].amount"),
        ({**EXAMPLE, "months": [{"month": 1, "hours": 1, "amount": 1e308}]}, "months[0].amount"),
        ({**EXAMPLE, "months": [{"month": 1, "hours": -1, "amount": 10}]}, "months[0].hours"),
        ({**EXAMPLE, "months": [{"month": 1, "amount": 10}]}, "months[0].hours"),
        (
            {
                **EXAMPLE,
                "months": [
                    {"month": 1, "amount": 1, "hours": 1},
                    {"month": 1, "amount": 1, "hours": 1},
                ],
            },
            "months[1].month",
        ),
    ],
)
def test_bad_input_is_400_with_field_and_dutch_detail(api, body, field):
    response = post(api, body)
    assert response.status_code == 400
    assert response.json()["field"] == field
    assert response.json()["detail"]


@pytest.mark.parametrize("year", [2022, 2026, 2031])
def test_a_year_without_figures_is_refused_with_the_reason(api, year):
    response = post(api, {**EXAMPLE, "year": year})
    assert response.status_code == 400
    assert response.json()["field"] == "year"
    assert f"Voor {year} zijn geen bevestigde bedragen" in response.json()["detail"]


@pytest.mark.parametrize("raw", ["", "{", "nul", b"\xff\xfe", "[" * 100_000])
def test_unreadable_json_is_400(api, raw):
    response = post(api, raw)
    assert response.status_code == 400
    assert response.json()["field"] == ""


def test_unauthenticated_is_refused():
    response = Client().post(URL, json.dumps(EXAMPLE), content_type="application/json")
    assert response.status_code == 401


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.ORGANISATION_ADMIN, 200),
        (Role.KWARTIERMAKER, 200),
        (Role.EXPERIENCE_WORKER, 200),
        (Role.EMPLOYEE, 403),
        (Role.BOARD_MEMBER, 403),
        (Role.FINANCIER, 403),
    ],
)
def test_roles(tenant_a, role, status):
    user = UserFactory()
    MembershipFactory(user=user, organisation=tenant_a.organisation, role=role)
    client = Client(HTTP_AUTHORIZATION=f"Token {api_token_for(user)}")
    response = post(client, EXAMPLE)
    assert response.status_code == status
    if status == 403:
        assert response.json()["detail"]


def test_a_user_without_membership_is_refused(db):
    client = Client(HTTP_AUTHORIZATION=f"Token {api_token_for(UserFactory())}")
    assert post(client, EXAMPLE).status_code == 403


def test_get_is_not_allowed(api):
    assert api.get(URL).status_code == 405


def test_the_schema_documents_the_route(api):
    response = api.get("/api/schema/")
    assert response.status_code == 200
    assert b"/api/workforce/allowance-check/" in response.content
    assert b"workforce_allowance_check" in response.content


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=6), children, max_size=4)
    ),
    max_leaves=12,
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.fixed_dictionaries(
        {},
        optional={
            "year": st.integers(2020, 2027) | json_values,
            "age": st.integers(-5, 130) | json_values,
            "hourly": st.booleans() | json_values,
            "months": st.lists(
                st.fixed_dictionaries(
                    {},
                    optional={
                        "month": st.integers(-1, 14) | json_values,
                        "hours": st.floats(-5, 1000) | json_values,
                        "amount": st.floats(-5, 5000) | json_values,
                    },
                ),
                max_size=14,
            )
            | json_values,
        },
    )
)
def test_never_a_500(api, body):
    response = post(api, body)
    assert response.status_code in {200, 400}
    if response.status_code == 400:
        assert set(response.json()) == {"field", "detail"}


def test_a_member_of_two_organisations_acts_where_the_role_allows_it(tenant_a, tenant_b):
    """An employee of A who is an experience worker at B may use the check (for B)."""
    user = UserFactory()
    MembershipFactory(user=user, organisation=tenant_a.organisation, role=Role.EMPLOYEE)
    MembershipFactory(user=user, organisation=tenant_b.organisation, role=Role.EXPERIENCE_WORKER)
    client = Client(HTTP_AUTHORIZATION=f"Token {api_token_for(user)}")
    assert post(client, EXAMPLE).status_code == 200
