"""Fixtures shared by every test: two organisations, each with people in every role.

Alice manages organisation A, Bob manages organisation B: any test can check that
Bob cannot see Alice's things.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.test import Client
from django.urls import reverse

from kwartier.accounts.models import Organisation, Role, User
from kwartier.knowledge import backend
from tests.factories import PASSWORD, MembershipFactory, OrganisationFactory, UserFactory


@pytest.fixture(autouse=True)
def _files_in_tmp(settings, tmp_path):
    """Uploads and the Tantivy index of a test live in its own folder, never in the
    developer's `var/` (where `make demo` keeps its data) nor in another test's."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SEARCH_INDEX_DIR = tmp_path / "search"
    settings.SEARCH_REPLICA_DIR = tmp_path / "search-replica"
    yield
    backend._backends.clear()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Tests create and log in many accounts; PBKDF2's deliberate slowness (about a
    second each on a shared CI machine) is not what they test. Production keeps it."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@dataclass
class Tenant:
    organisation: Organisation
    manager: User
    member: User


def _tenant(name: str, slug: str, manager_email: str, member_email: str) -> Tenant:
    organisation = OrganisationFactory(name=name, slug=slug)
    manager = UserFactory(email=manager_email, full_name=manager_email.split("@")[0].title())
    member = UserFactory(email=member_email)
    MembershipFactory(user=manager, organisation=organisation, role=Role.KWARTIERMAKER)
    MembershipFactory(user=member, organisation=organisation, role=Role.EMPLOYEE)
    return Tenant(organisation=organisation, manager=manager, member=member)


@pytest.fixture
def tenant_a(db) -> Tenant:
    return _tenant("Welzijn Alfa", "alfa", "alice@alfa.example.nl", "anne@alfa.example.nl")


@pytest.fixture
def tenant_b(db) -> Tenant:
    return _tenant("Stichting Beta", "beta", "bob@beta.example.nl", "bart@beta.example.nl")


@pytest.fixture
def alice(tenant_a) -> User:
    return tenant_a.manager


@pytest.fixture
def bob(tenant_b) -> User:
    return tenant_b.manager


def login(client: Client, user: User) -> Client:
    assert client.login(email=user.email, password=PASSWORD)
    return client


@pytest.fixture
def alice_client(alice) -> Client:
    return login(Client(), alice)


@pytest.fixture
def bob_client(bob) -> Client:
    return login(Client(), bob)


def totp_code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, next(iter(yield_hotp_counters_from_time()))))


def login_with_mfa(user) -> Client:
    """Log in as a person does: password, then the authenticator code (allauth)."""
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    client = Client()
    first = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert first.status_code == 302 and first["Location"] == reverse("mfa_authenticate")
    second = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert second.status_code == 302, second.content.decode()[:500]
    return client


@pytest.fixture
def rendered(monkeypatch) -> list[str]:
    """The HTML of every document WeasyPrint was asked to render, in order."""
    import weasyprint

    seen: list[str] = []
    real = weasyprint.HTML

    def spy(*args, **kwargs):
        seen.append(kwargs["string"])
        return real(*args, **kwargs)

    monkeypatch.setattr(weasyprint, "HTML", spy)
    return seen
