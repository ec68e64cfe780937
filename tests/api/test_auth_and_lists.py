"""The API as an integrating system uses it: token, tenant-scoped lists, errors."""

from __future__ import annotations

import pytest
from allauth.mfa.models import Authenticator
from django.test import Client
from django.urls import reverse

from kwartier.accounts.models import Team
from kwartier.api.models import ApiToken
from tests.factories import PASSWORD, TeamFactory, api_auth


@pytest.fixture
def api():
    return Client()


def token_for(user) -> dict[str, str]:
    return api_auth(user)


def test_token_for_email_and_password(api, alice):
    response = api.post(
        reverse("api_token"),
        {"email": alice.email.upper(), "password": PASSWORD},
        content_type="application/json",
    )
    assert response.status_code == 200
    token = response.json()["token"]
    listing = api.get(reverse("organisation-list"), HTTP_AUTHORIZATION=f"Token {token}")
    assert [o["slug"] for o in listing.json()["results"]] == ["alfa"]


def test_wrong_password_is_400_in_dutch(api, alice):
    response = api.post(
        reverse("api_token"),
        {"email": alice.email, "password": "fout"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["detail"] == "E-mailadres of wachtwoord klopt niet."


@pytest.mark.parametrize("body", [{}, {"email": "geen-adres", "password": "x"}, "niet-json"])
def test_malformed_token_requests_are_400(api, db, body):
    if isinstance(body, str):
        response = api.post(reverse("api_token"), body, content_type="application/json")
    else:
        response = api.post(reverse("api_token"), body, content_type="application/json")
    assert response.status_code == 400


def test_account_with_mfa_gets_no_token_and_an_explanation(api, alice):
    Authenticator.objects.create(user=alice, type=Authenticator.Type.TOTP, data={"secret": "x"})
    response = api.post(
        reverse("api_token"),
        {"email": alice.email, "password": PASSWORD},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert "tweestapsverificatie" in response.json()["detail"]
    assert "code" in response.json()["detail"]
    assert not ApiToken.objects.filter(user=alice).exists()


def test_lists_are_tenant_scoped(api, tenant_a, tenant_b):
    TeamFactory(organisation=tenant_a.organisation, name="Alfa-team")
    TeamFactory(organisation=tenant_b.organisation, name="Beta-team")
    auth = token_for(tenant_b.manager)
    teams = api.get(reverse("team-list"), **auth).json()["results"]
    assert [t["name"] for t in teams] == ["Beta-team"]
    members = api.get(reverse("membership-list"), **auth).json()["results"]
    assert {m["email"] for m in members} == {"bob@beta.example.nl", "bart@beta.example.nl"}


def test_team_cannot_be_created_in_another_organisation(api, tenant_a, tenant_b):
    auth = token_for(tenant_b.manager)
    response = api.post(
        reverse("team-list"),
        {"organisation": tenant_a.organisation.pk, "name": "Inbraak", "layer": "werkvloer"},
        content_type="application/json",
        **auth,
    )
    assert response.status_code == 400
    assert "organisation" in response.json()
    assert not Team.objects.filter(name="Inbraak").exists()


def test_team_created_and_validated_through_the_api(api, tenant_a):
    auth = token_for(tenant_a.manager)
    url = reverse("team-list")
    ok = api.post(
        url,
        {"organisation": tenant_a.organisation.pk, "name": "API-team", "layer": "beleid"},
        content_type="application/json",
        **auth,
    )
    assert ok.status_code == 201
    bad = api.post(
        url,
        {"organisation": tenant_a.organisation.pk, "name": "API-team", "layer": "zolder"},
        content_type="application/json",
        **auth,
    )
    assert bad.status_code == 400
    assert "layer" in bad.json()
    duplicate = api.post(
        url,
        {"organisation": tenant_a.organisation.pk, "name": "api-team", "layer": "beleid"},
        content_type="application/json",
        **auth,
    )
    assert duplicate.status_code == 400
    assert duplicate.json()["name"] == ["Er is al een team met deze naam."]


def test_employee_cannot_change_teams_through_the_api(api, tenant_a):
    team = TeamFactory(organisation=tenant_a.organisation)
    response = api.patch(
        reverse("team-detail", kwargs={"pk": team.pk}),
        {"name": "Anders"},
        content_type="application/json",
        **token_for(tenant_a.member),
    )
    assert response.status_code == 403


def test_without_token_the_api_answers_401(api, db):
    assert api.get(reverse("organisation-list")).status_code == 401


def test_openapi_schema_and_docs_are_served_locally(api, db):
    schema = api.get(reverse("api_schema"), HTTP_ACCEPT="application/json")
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    for path in ["/api/auth/token/", "/api/organisations/", "/api/teams/", "/api/memberships/"]:
        assert path in paths
    docs = api.get(reverse("api_docs")).content.decode()
    assert "/static/drf_spectacular_sidecar/" in docs
    assert "cdn" not in docs.lower()
