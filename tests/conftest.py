"""Fixtures shared by every test: two organisations, each with people in every role.

Alice manages organisation A, Bob manages organisation B: any test can check that
Bob cannot see Alice's things.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.test import Client

from kwartier.accounts.models import Organisation, Role, User
from tests.factories import PASSWORD, MembershipFactory, OrganisationFactory, UserFactory


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


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
