"""The Django admin (/beheer/) for platform administration (issue 17.6): Kwartier's own
login with two-step verification, no API tokens to read, no private story text."""

from __future__ import annotations

import pytest
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.contrib import admin
from django.core.cache import cache
from django.test import Client
from django.urls import NoReverseMatch, reverse

from kwartier.knowledge.services import experience_create
from tests.conftest import login
from tests.factories import PASSWORD, UserFactory, api_token_for

SECRET_STORY = "Marieke Geheimsma vertelde over haar schulden bij de Kredietbank Noord"


@pytest.fixture
def staff(db):
    cache.clear()
    return UserFactory(email="beheer@kwartier.example.nl", is_staff=True, is_superuser=True)


def _code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, next(iter(yield_hotp_counters_from_time()))))


def login_with_mfa(user) -> Client:
    """Log in as a person does: password, then the authenticator code (allauth)."""
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    client = Client()
    first = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert first.status_code == 302 and first["Location"] == reverse("mfa_authenticate")
    second = client.post(reverse("mfa_authenticate"), {"code": _code(secret)})
    assert second.status_code == 302, second.content.decode()[:500]
    return client


def test_admin_login_is_kwartiers_own_login(client, db):
    response = client.get("/beheer/")
    assert response.status_code == 302
    follow = client.get(response["Location"])
    assert follow.status_code == 302
    assert follow["Location"].startswith(reverse("account_login"))
    # The admin's own password form is gone.
    assert client.post("/beheer/login/", {"username": "x", "password": "y"}).status_code == 302


def test_staff_without_mfa_cannot_use_the_admin(staff):
    client = login(Client(), staff)
    response = client.get("/beheer/", follow=True)
    assert response.status_code == 403
    assert "Het technisch beheer vraagt om tweestapsverificatie" in response.content.decode()
    assert client.get("/beheer/accounts/").status_code == 302


def test_staff_with_mfa_in_this_session_uses_the_admin(staff):
    client = login_with_mfa(staff)
    assert client.get("/beheer/").status_code == 200


def test_staff_with_mfa_but_a_password_only_session_is_refused(staff):
    TOTP.activate(staff, generate_totp_secret())
    client = Client()
    client.force_login(staff)  # a session that never saw the second factor
    response = client.get("/beheer/", follow=True)
    assert response.status_code == 403
    assert "Log uit en log opnieuw in" in response.content.decode()


def test_non_staff_member_gets_no_admin(alice):
    client = login_with_mfa(alice)
    response = client.get("/beheer/", follow=True)
    assert response.status_code == 403


def test_api_tokens_are_not_in_the_admin(staff, alice):
    token = api_token_for(alice)
    client = login_with_mfa(staff)
    assert client.get("/beheer/authtoken/tokenproxy/").status_code == 404
    assert client.get("/beheer/authtoken/token/").status_code == 404
    index = client.get("/beheer/").content.decode()
    assert "/beheer/authtoken/" not in index and token not in index
    for model in admin.site._registry:
        assert "token" not in model._meta.model_name.lower(), model
    assert client.get("/beheer/socialaccount/socialtoken/").status_code == 404


def test_admin_shows_no_private_story_text(staff, tenant_a):
    experience_create(
        organisation=tenant_a.organisation,
        author=tenant_a.member,
        title="Mijn verhaal over schulden",
        text=SECRET_STORY,
    )
    client = login_with_mfa(staff)
    visited = 0
    for model, model_admin in admin.site._registry.items():
        meta = model._meta
        try:
            changelist = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
        except NoReverseMatch:
            continue
        page = client.get(changelist)
        assert page.status_code == 200, changelist
        assert "Geheimsma" not in page.content.decode(), changelist
        visited += 1
        for obj in model_admin.get_queryset(page.wsgi_request)[:3]:
            change = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])
            detail = client.get(change)
            assert detail.status_code in {200, 302, 403}, change
            assert "Geheimsma" not in detail.content.decode(), change
    assert visited > 0
