"""The security baseline: headers, production settings, login protection, MFA."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys

import pytest
from allauth.mfa.models import Authenticator
from django.test import Client
from django.urls import reverse

from kwartier.core.models import AccessLog
from tests.factories import PASSWORD


def test_csp_has_no_unsafe_inline_and_forbids_framing(client, db):
    response = client.get(reverse("account_login"))
    policy = response["Content-Security-Policy"]
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"


def test_pages_have_no_inline_scripts_or_styles(alice_client):
    body = alice_client.get(reverse("accounts:members")).content.decode()
    assert "<script>" not in body and " style=" not in body and "<style" not in body


def _production_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KWARTIER_")}
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    env.update(
        KWARTIER_ENV="production",
        KWARTIER_SECRET_KEY=secrets.token_urlsafe(50),
        KWARTIER_ENCRYPTION_KEY="x" * 44,
        KWARTIER_ALLOWED_HOSTS="kwartier.example.nl",
        DJANGO_SETTINGS_MODULE="kwartier.settings",
    )
    env.update(extra)
    return env


def test_check_deploy_is_clean_in_production():
    result = subprocess.run(
        [sys.executable, "-m", "kwartier", "check", "--deploy", "--fail-level", "WARNING"],
        env=_production_env(),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    env = _production_env()
    env.pop("KWARTIER_SECRET_KEY")
    result = subprocess.run(
        [sys.executable, "-m", "kwartier", "check"], env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "KWARTIER_SECRET_KEY" in result.stderr


def test_production_cookies_are_host_bound_and_secure():
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_NAME, s.SESSION_COOKIE_SECURE, "
        "s.CSRF_COOKIE_NAME, s.SECURE_HSTS_SECONDS)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env=_production_env(), capture_output=True, text=True
    )
    assert result.stdout.split() == ["__Host-sessionid", "True", "__Host-csrftoken", "63072000"]


def test_failed_and_successful_logins_are_logged(client, alice):
    client.post(reverse("account_login"), {"login": alice.email, "password": "fout-wachtwoord"})
    client.post(reverse("account_login"), {"login": alice.email, "password": PASSWORD})
    actions = list(AccessLog.objects.order_by("at").values_list("action", flat=True))
    assert actions == ["login_failed", "login"]
    assert not AccessLog.objects.filter(detail__contains="fout-wachtwoord").exists()


def test_repeated_failed_logins_are_blocked(client, alice, settings):
    from django.core.cache import cache

    cache.clear()
    for _ in range(5):
        client.post(reverse("account_login"), {"login": alice.email, "password": "fout"})
    blocked = client.post(reverse("account_login"), {"login": alice.email, "password": PASSWORD})
    assert blocked.status_code in {200, 429}
    assert "_auth_user_id" not in client.session
    cache.clear()


def test_access_log_is_append_only(alice_client):
    entry = AccessLog.objects.first()
    assert entry is not None
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        AccessLog.objects.all().delete()
    with pytest.raises(PermissionError):
        AccessLog.objects.update(action="read")


def test_refused_authorisation_is_logged(tenant_a):
    from tests.conftest import login

    client = login(Client(), tenant_a.member)
    assert client.get(reverse("accounts:team_create")).status_code == 403
    assert AccessLog.objects.filter(action="denied", actor=tenant_a.member).exists()


def test_organisation_can_require_mfa(alice_client, tenant_a):
    tenant_a.organisation.require_mfa = True
    tenant_a.organisation.save()
    response = alice_client.get(reverse("accounts:teams"))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
    Authenticator.objects.create(
        user=tenant_a.manager, type=Authenticator.Type.TOTP, data={"secret": "x"}
    )
    assert alice_client.get(reverse("accounts:teams")).status_code == 200


def test_idle_session_ends(alice_client, settings):
    settings.SESSION_IDLE_TIMEOUT = -1
    response = alice_client.get(reverse("accounts:teams"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert "_auth_user_id" not in alice_client.session


def test_the_last_seen_moment_is_written_at_most_once_a_minute(alice_client):
    """Writing it on every request saved the session on every page; it may only lag, so
    the idle limit is never stretched (a session ends up to a minute early, never late)."""
    import time

    from kwartier.core.middleware import SessionTimeoutMiddleware as Timeout

    url = reverse("accounts:teams")
    assert alice_client.get(url).status_code == 200
    session = alice_client.session
    recent = int(time.time()) - 30
    session[Timeout.KEY] = recent
    session.save()
    assert alice_client.get(url).status_code == 200
    assert alice_client.session[Timeout.KEY] == recent  # not written again
    session = alice_client.session
    session[Timeout.KEY] = int(time.time()) - Timeout.RESOLUTION - 1
    session.save()
    assert alice_client.get(url).status_code == 200
    assert alice_client.session[Timeout.KEY] >= int(time.time()) - 5


def test_disabled_user_loses_access(alice_client, alice):
    alice.is_active = False
    alice.save()
    response = alice_client.get(reverse("accounts:teams"))
    assert response.status_code == 302
