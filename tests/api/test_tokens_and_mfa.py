"""API tokens: stored hashed and shown once; two-step verification asked for and
checked at the token endpoint; an organisation's MFA policy holds for the API too;
changes through the API name their user in the audit log (issue 17.3, 17.6, 17.9)."""

from __future__ import annotations

import hashlib

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from auditlog.models import LogEntry
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from kwartier.accounts.models import Team
from kwartier.api.models import ApiToken
from tests.conftest import login
from tests.factories import PASSWORD, TeamFactory, api_auth, api_token_for

TOKEN_URL = "/api/auth/token/"


@pytest.fixture(autouse=True)
def _fresh_cache(db):
    # Throttling and used-TOTP-code memory live in the cache.
    cache.clear()
    yield
    cache.clear()


def with_totp(user) -> str:
    """Set up a real allauth TOTP authenticator for `user`; returns its secret."""
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def current_code(secret: str) -> str:
    counter = next(iter(yield_hotp_counters_from_time()))
    return format_hotp_value(hotp_value(secret, counter))


def ask_token(client: Client, user, **extra) -> object:
    body = {"email": user.email, "password": PASSWORD, **extra}
    return client.post(TOKEN_URL, body, content_type="application/json")


def require_mfa(organisation) -> None:
    organisation.require_mfa = True
    organisation.save()


# --- Hashed tokens ----------------------------------------------------------------------


def test_token_is_stored_as_a_hash_and_shown_once(client, alice):
    response = ask_token(client, alice)
    assert response.status_code == 200
    key = response.json()["token"]
    stored = ApiToken.objects.get(user=alice)
    assert stored.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert key not in stored.key_hash
    # A second request makes a second token; the first is never shown again.
    second = ask_token(client, alice).json()["token"]
    assert second != key and ApiToken.objects.filter(user=alice).count() == 2
    for token in (key, second):
        assert client.get("/api/teams/", HTTP_AUTHORIZATION=f"Token {token}").status_code == 200


def test_unknown_token_is_401_in_dutch(client, db):
    response = client.get("/api/teams/", HTTP_AUTHORIZATION="Token niet-bestaand")
    assert response.status_code == 401
    assert response.json()["detail"] == "Dit API-token is ongeldig of ingetrokken."


# --- Two-step verification at the token endpoint ---------------------------------------


def test_account_with_mfa_gets_a_token_with_a_valid_code(client, alice):
    secret = with_totp(alice)
    assert ask_token(client, alice).status_code == 403
    response = ask_token(client, alice, code=current_code(secret))
    assert response.status_code == 200, response.json()
    token = response.json()["token"]
    assert client.get("/api/teams/", HTTP_AUTHORIZATION=f"Token {token}").status_code == 200


def test_wrong_or_reused_code_is_refused_in_dutch(client, alice):
    secret = with_totp(alice)
    wrong = ask_token(client, alice, code="000000" if current_code(secret) != "000000" else "1")
    assert wrong.status_code == 400
    assert wrong.json()["detail"] == (
        "De code uit de authenticator-app klopt niet of is al gebruikt."
    )
    code = current_code(secret)
    assert ask_token(client, alice, code=code).status_code == 200
    reused = ask_token(client, alice, code=code)
    assert reused.status_code == 400
    assert ApiToken.objects.filter(user=alice).count() == 1


def test_wrong_password_with_a_code_is_still_the_password_error(client, alice):
    secret = with_totp(alice)
    response = client.post(
        TOKEN_URL,
        {"email": alice.email, "password": "fout", "code": current_code(secret)},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["detail"] == "E-mailadres of wachtwoord klopt niet."


# --- The organisation's MFA policy holds for the API -----------------------------------


def test_policy_refuses_a_new_token_until_mfa_is_set_up(client, tenant_a):
    require_mfa(tenant_a.organisation)
    response = ask_token(client, tenant_a.manager)
    assert response.status_code == 403
    assert "Uw organisatie vraagt om tweestapsverificatie" in response.json()["detail"]
    assert not ApiToken.objects.filter(user=tenant_a.manager).exists()
    secret = with_totp(tenant_a.manager)
    assert ask_token(client, tenant_a.manager, code=current_code(secret)).status_code == 200


def test_policy_stops_existing_tokens_until_mfa_is_set_up(client, tenant_a):
    auth = api_auth(tenant_a.manager)
    assert client.get("/api/teams/", **auth).status_code == 200
    require_mfa(tenant_a.organisation)
    refused = client.get("/api/teams/", **auth)
    assert refused.status_code == 403
    assert "tweestapsverificatie" in refused.json()["detail"]
    with_totp(tenant_a.manager)
    assert client.get("/api/teams/", **auth).status_code == 200


def test_policy_holds_for_the_api_with_a_web_session(tenant_a):
    client = login(Client(), tenant_a.manager)
    assert client.get("/api/teams/").status_code == 200
    require_mfa(tenant_a.organisation)
    assert client.get("/api/teams/").status_code == 403


def test_policy_of_another_organisation_does_not_apply(client, tenant_a, tenant_b):
    require_mfa(tenant_b.organisation)
    assert client.get("/api/teams/", **api_auth(tenant_a.manager)).status_code == 200


# --- Audit log names the API user --------------------------------------------------------


def test_api_changes_are_attributed_to_the_tokens_user(client, tenant_a):
    team = TeamFactory(organisation=tenant_a.organisation, name="Oud")
    response = client.patch(
        reverse("team-detail", kwargs={"pk": team.pk}),
        {"name": "Nieuw"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {api_token_for(tenant_a.manager)}",
    )
    assert response.status_code == 200
    entry = LogEntry.objects.get_for_object(Team.objects.get(pk=team.pk)).latest("timestamp")
    assert entry.changes_dict["name"] == ["Oud", "Nieuw"]
    assert entry.actor == tenant_a.manager


def test_web_changes_are_still_attributed(alice_client, tenant_a):
    alice_client.post(reverse("accounts:team_create"), {"name": "Web", "layer": "werkvloer"})
    team = Team.objects.get(name="Web")
    assert LogEntry.objects.get_for_object(team).get().actor == tenant_a.manager


def test_authenticator_secret_is_real(alice):
    """The helper above sets up allauth's own authenticator, not a stand-in."""
    with_totp(alice)
    assert Authenticator.objects.get(user=alice).type == Authenticator.Type.TOTP


@pytest.mark.django_db(transaction=True)
def test_migration_hashes_plain_tokens_and_drops_their_table(alice):
    """Tokens of the former authtoken table keep working, and the plain keys are gone."""
    from importlib import import_module

    from django.apps import apps
    from django.db import connection
    from django.utils import timezone

    created_type = connection.data_types["DateTimeField"]
    with connection.schema_editor() as editor:
        editor.execute(
            f"CREATE TABLE authtoken_token (key varchar(40) PRIMARY KEY, "
            f"created {created_type} NOT NULL, user_id bigint NOT NULL)"
        )
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO authtoken_token (key, created, user_id) VALUES (%s, %s, %s)",
            ["oud-plat-token", timezone.now(), alice.pk],
        )
    migration = import_module("kwartier.api.migrations.0002_hash_existing_tokens")
    with connection.schema_editor() as editor:
        migration.move_plain_tokens(apps, editor)
    assert "authtoken_token" not in connection.introspection.table_names()
    client = Client()
    response = client.get("/api/teams/", HTTP_AUTHORIZATION="Token oud-plat-token")
    assert response.status_code == 200
