"""Who may grant which role: one rule (kwartier.accounts.rules), tested as a matrix of
granter role × granted role, for the rule itself, for changing a membership and for
invitations (issue 17.1 and 17.2)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from kwartier.accounts.models import Invitation, Membership, Role
from kwartier.accounts.rules import grantable_roles, may_grant
from tests.conftest import login
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

A, K, E, M, B, F = (
    Role.ORGANISATION_ADMIN,
    Role.KWARTIERMAKER,
    Role.EXPERIENCE_WORKER,
    Role.EMPLOYEE,
    Role.BOARD_MEMBER,
    Role.FINANCIER,
)
PLATFORM = "platformbeheerder"

# The expected table, written out: granter (rows) may give the roles listed.
EXPECTED = {
    A: {A, K, E, M, B},
    K: {K, E, M, B},
    E: set(),
    M: set(),
    B: set(),
    F: set(),
    PLATFORM: {A, K, E, M, B, F},
}
MATRIX = [(granter, granted) for granter in EXPECTED for granted in Role.values]


def granter_in(organisation, role: str):
    if role == PLATFORM:
        return UserFactory(is_superuser=True, is_staff=True)
    user = UserFactory()
    MembershipFactory(user=user, organisation=organisation, role=role)
    return user


@pytest.mark.parametrize("granter_role,granted", MATRIX)
def test_rule_matrix(db, granter_role, granted):
    organisation = OrganisationFactory()
    granter = granter_in(organisation, granter_role)
    assert may_grant(granter, organisation, granted) == (granted in EXPECTED[granter_role])


def test_membership_in_another_organisation_grants_nothing_here(db):
    home, elsewhere = OrganisationFactory(), OrganisationFactory()
    admin = granter_in(home, A)
    assert grantable_roles(admin, elsewhere) == []


def test_nobody_in_an_organisation_may_grant_financier(db):
    organisation = OrganisationFactory()
    for role in Role.values:
        assert not may_grant(granter_in(organisation, role), organisation, F)


# --- The same rule through the pages --------------------------------------------------

MANAGERS = [A, K]  # the roles that reach the member and invitation pages at all


def _setup(tenant_a, granter_role: str):
    """A granter of `granter_role` and a colleague (employee, or a manager so that the
    'an administrator remains' rule never gets in the way)."""
    organisation = tenant_a.organisation
    granter = granter_in(organisation, granter_role)
    colleague = MembershipFactory(organisation=organisation, role=M)
    return login(Client(), granter), granter, colleague


@pytest.mark.parametrize("granter_role", MANAGERS)
@pytest.mark.parametrize("granted", Role.values)
def test_member_edit_obeys_the_rule(tenant_a, granter_role, granted):
    client, _granter, colleague = _setup(tenant_a, granter_role)
    url = reverse("accounts:member_edit", kwargs={"membership_id": colleague.pk})
    response = client.post(url, {"role": granted, "team": ""})
    colleague.refresh_from_db()
    if granted in EXPECTED[granter_role]:
        assert response.status_code == 302
        assert colleague.role == granted
    else:
        assert response.status_code == 200
        assert colleague.role == M
        body = response.content.decode()
        assert "U mag de rol" in body or "alleen de platformbeheerder" in body


@pytest.mark.parametrize("granter_role", MANAGERS)
@pytest.mark.parametrize("granted", Role.values)
def test_invitation_obeys_the_rule(tenant_a, granter_role, granted):
    client, _granter, _colleague = _setup(tenant_a, granter_role)
    response = client.post(
        reverse("accounts:invitations"), {"email": "nieuw@example.nl", "role": granted}
    )
    exists = Invitation.objects.filter(email="nieuw@example.nl", role=granted).exists()
    assert exists == (granted in EXPECTED[granter_role])
    if not exists:
        assert response.status_code == 200


@pytest.mark.parametrize("granter_role", MANAGERS)
def test_forms_offer_only_grantable_roles(tenant_a, granter_role):
    client, _granter, colleague = _setup(tenant_a, granter_role)
    for url in (
        reverse("accounts:invitations"),
        reverse("accounts:member_edit", kwargs={"membership_id": colleague.pk}),
    ):
        body = client.get(url).content.decode()
        for role in Role.values:
            assert (f'value="{role}"' in body) == (role in EXPECTED[granter_role]), (url, role)


# --- The cases from the issue -----------------------------------------------------------


def test_op_weg_kwartiermaker_cannot_make_a_member_financier(db):
    """Issue 17.1: refused with a Dutch reason, nothing changes."""
    op_weg = OrganisationFactory(name="Op Weg", slug="opweg")
    ruben = granter_in(op_weg, K)
    lotte = MembershipFactory(organisation=op_weg, role=E)
    client = login(Client(), ruben)
    response = client.post(
        reverse("accounts:member_edit", kwargs={"membership_id": lotte.pk}),
        {"role": "financier", "team": ""},
    )
    assert response.status_code == 200
    assert "alleen de platformbeheerder kan die toekennen" in response.content.decode()
    lotte.refresh_from_db()
    assert lotte.role == E


def test_kwartiermaker_cannot_promote_themself(tenant_a):
    """Issue 17.2 (with a second manager, so "a manager remains" is no reason)."""
    MembershipFactory(organisation=tenant_a.organisation, role=K)
    client = login(Client(), tenant_a.manager)
    own = Membership.objects.get(user=tenant_a.manager)
    response = client.post(
        reverse("accounts:member_edit", kwargs={"membership_id": own.pk}),
        {"role": "organisatiebeheerder", "team": ""},
    )
    assert response.status_code == 200
    assert "U mag de rol organisatiebeheerder niet toekennen." in response.content.decode()
    own.refresh_from_db()
    assert own.role == K


def test_kwartiermaker_cannot_demote_or_remove_the_organisatiebeheerder(tenant_a):
    admin = MembershipFactory(organisation=tenant_a.organisation, role=A)
    client = login(Client(), tenant_a.manager)
    edit = client.post(
        reverse("accounts:member_edit", kwargs={"membership_id": admin.pk}),
        {"role": "medewerker", "team": ""},
    )
    assert "U mag het lidmaatschap van een organisatiebeheerder niet wijzigen." in (
        edit.content.decode()
    )
    client.post(reverse("accounts:member_remove", kwargs={"membership_id": admin.pk}))
    admin.refresh_from_db()
    assert admin.role == A


def test_only_the_platform_administrator_invites_a_financier(
    db, django_capture_on_commit_callbacks
):
    municipality = OrganisationFactory(name="Gemeente Hofstad", slug="hofstad")
    platform_admin = UserFactory(is_superuser=True, is_staff=True)
    client = login(Client(), platform_admin)
    assert client.get(reverse("platform:financiers")).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("platform:financiers"),
            {"organisation": municipality.pk, "email": "wethouder@hofstad.example.nl"},
        )
    assert response.status_code == 302
    invitation = Invitation.objects.get(email="wethouder@hofstad.example.nl")
    assert invitation.role == F and invitation.organisation == municipality
    # An organisation's own manager does not even see the page.
    manager = granter_in(municipality, A)
    assert login(Client(), manager).get(reverse("platform:financiers")).status_code == 404
