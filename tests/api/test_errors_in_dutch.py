"""Every error in Dutch, also those of the API's parser and of the request-size limit
(issue 18.7): nothing is saved, and the answer is a 400 that says why."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import reverse

from kwartier.accounts.models import Team
from tests.factories import api_auth


@pytest.fixture
def auth(tenant_a):
    return api_auth(tenant_a.manager)


def post_team(client: Client, raw: str | bytes, auth, content_type="application/json"):
    return client.post(reverse("team-list"), raw, content_type=content_type, **auth)


def test_malformed_json_is_a_dutch_400(client, auth):
    response = post_team(client, '{"name": "Kapot",', auth)
    assert response.status_code == 400
    detail = response.json()["detail"]
    assert "JSON parse error" not in detail
    assert detail.startswith("De inhoud is geen geldige JSON")
    assert not Team.objects.filter(name="Kapot").exists()


def test_surrogate_characters_are_a_dutch_400(client, auth, tenant_a):
    organisation = tenant_a.organisation.pk
    raw = f'{{"organisation": {organisation}, "name": "Team \\ud800", "layer": "werkvloer"}}'
    response = post_team(client, raw, auth)
    assert response.status_code == 400
    message = response.json()["name"][0]
    assert "Surrogate" not in message
    assert "ongeldige tekens" in message
    assert not Team.objects.exists()


def test_unsupported_content_type_is_dutch(client, auth):
    response = post_team(client, "name=x", auth, content_type="text/plain")
    assert response.status_code == 415
    assert response.json()["detail"].startswith("Stuur de inhoud als JSON")


def test_too_large_json_body_is_a_dutch_400(client, auth, tenant_a, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    raw = json.dumps(
        {
            "organisation": tenant_a.organisation.pk,
            "name": "Groot",
            "layer": "werkvloer",
            "description": "x" * 20_000,
        }
    )
    response = post_team(client, raw, auth)
    assert response.status_code == 400
    assert response.json()["detail"].startswith("Het verzoek is te groot")
    assert not Team.objects.filter(name="Groot").exists()


def test_too_large_form_post_gives_a_dutch_400_page(alice_client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    response = alice_client.post(
        reverse("accounts:team_create"),
        {"name": "Groot", "layer": "werkvloer", "description": "x" * 20_000},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Bad Request" not in body
    assert "Wat u verstuurde is te groot" in body
    assert '<html lang="nl">' in body
    assert not Team.objects.filter(name="Groot").exists()


def test_too_large_form_post_to_the_api_is_dutch_json(client, auth, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    response = client.post(
        reverse("team-list"), {"name": "Groot", "description": "x" * 20_000}, **auth
    )
    assert response.status_code == 400
    assert response.json()["detail"].startswith("Het verzoek is te groot")
