"""Races that SQLite hides and PostgreSQL does not (issue 18.5).

Each test runs two changes truly in parallel on two database connections: the first
is made inside a transaction that stays open, the second runs in another thread
meanwhile, and only then does the first commit. Without a database constraint or a
lock the second does not wait and both land; with them the second waits for the
first and is refused with the same Dutch error a single request would get.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction

from kwartier.accounts import services
from kwartier.accounts.models import Invitation, Membership, Role, Team
from tests.factories import MembershipFactory, UserFactory

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite locks the whole database, so nothing runs in parallel",
    ),
    pytest.mark.django_db(transaction=True),
]


def run_while_open(first: Callable[[], object], second: Callable[[], object]) -> list[Exception]:
    """Run `first` in an open transaction, `second` in another thread and connection,
    then commit `first`; returns the errors `second` raised."""
    errors: list[Exception] = []

    def other() -> None:
        try:
            second()
        except Exception as error:  # noqa: BLE001 - handed to the test
            errors.append(error)
        finally:
            connection.close()

    thread = threading.Thread(target=other)
    with transaction.atomic():
        first()
        thread.start()
        thread.join(timeout=1.5)  # with a lock or constraint, `second` waits for us
    thread.join(timeout=30)
    assert not thread.is_alive()
    return errors


def test_team_names_differing_in_case_cannot_both_land(tenant_a):
    organisation = tenant_a.organisation
    errors = run_while_open(
        lambda: services.team_create(organisation=organisation, name="Inloop", layer="werkvloer"),
        lambda: services.team_create(organisation=organisation, name="inloop", layer="werkvloer"),
    )
    assert Team.objects.filter(organisation=organisation).count() == 1
    assert len(errors) == 1 and isinstance(errors[0], ValidationError)
    assert errors[0].message_dict == {"name": ["Er is al een team met deze naam."]}


def test_two_open_invitations_for_one_address_cannot_both_land(tenant_a):
    def invite() -> Invitation:
        return services.invitation_create(
            organisation=tenant_a.organisation,
            email="nieuw@alfa.example.nl",
            role=Role.EMPLOYEE,
            team=None,
            invited_by=tenant_a.manager,
            accept_url_template="http://testserver/{token}/",
        )

    errors = run_while_open(invite, invite)
    assert Invitation.objects.open().filter(email="nieuw@alfa.example.nl").count() == 1
    assert len(errors) == 1 and isinstance(errors[0], ValidationError)
    assert "Er staat al een open uitnodiging voor dit adres." in errors[0].messages


def test_two_parallel_demotions_leave_a_manager(tenant_a):
    organisation = tenant_a.organisation
    first = Membership.objects.get(user=tenant_a.manager)
    second = MembershipFactory(organisation=organisation, role=Role.KWARTIERMAKER)
    platform_admin = UserFactory(is_superuser=True, is_staff=True)

    def demote(membership: Membership) -> Callable[[], object]:
        return lambda: services.membership_update(
            membership=membership, role=Role.EMPLOYEE, team=None, changed_by=platform_admin
        )

    errors = run_while_open(demote(first), demote(second))
    managers = Membership.objects.filter(
        organisation=organisation, role__in=[Role.ORGANISATION_ADMIN, Role.KWARTIERMAKER]
    )
    assert managers.count() == 1
    assert len(errors) == 1 and isinstance(errors[0], ValidationError)
    assert "Er moet minstens één organisatiebeheerder of kwartiermaker overblijven." in (
        errors[0].messages
    )


def test_parallel_removal_and_demotion_leave_a_manager(tenant_a):
    organisation = tenant_a.organisation
    first = Membership.objects.get(user=tenant_a.manager)
    second = MembershipFactory(organisation=organisation, role=Role.ORGANISATION_ADMIN)
    platform_admin = UserFactory(is_superuser=True, is_staff=True)
    errors = run_while_open(
        lambda: services.membership_remove(membership=second, removed_by=platform_admin),
        lambda: services.membership_update(
            membership=first, role=Role.EMPLOYEE, team=None, changed_by=platform_admin
        ),
    )
    assert Membership.objects.filter(
        organisation=organisation, role__in=[Role.ORGANISATION_ADMIN, Role.KWARTIERMAKER]
    ).exists()
    assert len(errors) == 1
