"""A signed-in user who belongs to no organisation (e.g. their last membership was
removed) gets 404 on organisation pages and the API, never a server error."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.factories import UserFactory, api_auth

PAGES = [
    "/organisatie/",
    "/organisatie/teams/",
    "/organisatie/leden/",
    "/verkenning/",
    "/plan/",
    "/kennisbank/",
    "/kennisbank/mijn/",
    "/kennisbank/export/",
]


@pytest.mark.django_db
def test_a_user_without_a_membership_gets_404_not_500():
    user = UserFactory()
    client = Client()
    client.force_login(user)
    assert client.get("/").status_code == 200
    for url in PAGES:
        assert client.get(url).status_code == 404, url
    for url in ("/api/teams/", "/api/knowledge/experiences/", "/api/exploration/rounds/"):
        assert client.get(url, **api_auth(user)).status_code < 500, url
