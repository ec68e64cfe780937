"""Object permissions on an organisation, as django-rules predicates.

Views ask `user.has_perm("accounts.manage_teams", organisation)`; the predicates look
at the user's membership of that organisation only.

Who may grant which role is one rule, here: :data:`GRANTABLE_ROLES` says which roles a
member of each role may give (in an invitation or by changing a membership), and the
permission ``accounts.grant_role`` checks it for a :class:`RoleGrant`. Forms offer only
the roles :func:`grantable_roles` returns, and the services refuse the rest, so the web
pages, the API and the demo data obey the same table. The financier role reads plans
across the organisations of a network, so no organisation can give it, not even to
itself: only the platform administrator grants it (decision 0008).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar, cast

import rules
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from kwartier.accounts.models import Membership, Network, Organisation, Role, User

T = TypeVar("T")

# Granter's role in the organisation -> the roles they may give there. Managing a
# membership (changing its role or team, removing it) needs the right to grant the role
# it has now, so a kwartiermaker cannot demote or remove the organisatiebeheerder.
GRANTABLE_ROLES: dict[str, frozenset[str]] = {
    Role.ORGANISATION_ADMIN: frozenset(
        {
            Role.ORGANISATION_ADMIN,
            Role.KWARTIERMAKER,
            Role.EXPERIENCE_WORKER,
            Role.EMPLOYEE,
            Role.BOARD_MEMBER,
        }
    ),
    Role.KWARTIERMAKER: frozenset(
        {Role.KWARTIERMAKER, Role.EXPERIENCE_WORKER, Role.EMPLOYEE, Role.BOARD_MEMBER}
    ),
    Role.EXPERIENCE_WORKER: frozenset(),
    Role.EMPLOYEE: frozenset(),
    Role.BOARD_MEMBER: frozenset(),
    Role.FINANCIER: frozenset(),
}
# Roles only the platform administrator grants: they reach beyond one organisation.
PLATFORM_ONLY_ROLES = frozenset({Role.FINANCIER})


@dataclass(frozen=True)
class RoleGrant:
    """Giving `role` in `organisation`; `current_role` is the role of the membership or
    invitation being changed, if any."""

    organisation: Organisation
    role: str
    current_role: str | None = None


#: Bumped whenever a membership, a user, an organisation's networks or a network is saved
#: or deleted in this process, so a user object that outlives a change (a test, a shell)
#: never answers from an old memo.
_GENERATION = [0]


@receiver([post_save, post_delete], sender=Membership)
@receiver([post_save, post_delete], sender=User)
@receiver([post_save, post_delete], sender=Organisation)
@receiver([post_save, post_delete], sender=Network)
@receiver(m2m_changed, sender=Organisation.networks.through)
def _memberships_changed(**kwargs: object) -> None:
    _GENERATION[0] += 1


def remembered(user: User, name: str, compute: Callable[[], T]) -> T:
    """``compute()``, once per user object and generation.

    Every permission check of a page asks for the user's roles, often ten times or more
    (the navigation, the buttons), and a search asks twice for the organisations and
    networks the user reads: the answers are kept on the user object, which lives for one
    request (bench/load.py, decision 0118)."""
    memo: tuple[int, dict[str, Any]] | None = getattr(user, "_kwartier_memo", None)
    if memo is None or memo[0] != _GENERATION[0]:
        memo = (_GENERATION[0], {})
        user._kwartier_memo = memo  # type: ignore[attr-defined]
    if name not in memo[1]:
        memo[1][name] = compute()
    return cast(T, memo[1][name])


def member_roles(user: User) -> dict[int, str]:
    """Organisation id -> the user's role there (one membership per organisation)."""
    return remembered(
        user,
        "roles",
        lambda: dict(Membership.objects.filter(user=user).values_list("organisation_id", "role")),
    )


def remember_roles(user: User, memberships: Iterable[Membership]) -> None:
    """Seed :func:`member_roles` with every membership of an active user, read anyway (the
    request's memberships), so permission checks ask the database nothing more."""
    memo: dict[int, str] = remembered(user, "roles", dict)
    memo.clear()
    memo.update((membership.organisation_id, membership.role) for membership in memberships)


def member_role(user: User, organisation: Organisation | None) -> str | None:
    """The user's role in ``organisation``, or None."""
    if organisation is None or not user.is_authenticated:
        return None
    return member_roles(user).get(organisation.pk)


def _has_role(user: User, organisation: Organisation | None, *roles: str) -> bool:
    return member_role(user, organisation) in roles


def _role_in(user: User, organisation: Organisation) -> str | None:
    return member_role(user, organisation)


@rules.predicate
def is_member(user: User, organisation: Organisation | None) -> bool:
    return member_role(user, organisation) is not None


@rules.predicate
def is_organisation_admin(user: User, organisation: Organisation | None) -> bool:
    return _has_role(user, organisation, Role.ORGANISATION_ADMIN)


@rules.predicate
def is_kwartiermaker(user: User, organisation: Organisation | None) -> bool:
    return _has_role(user, organisation, Role.KWARTIERMAKER)


@rules.predicate
def is_platform_admin(user: User) -> bool:
    return bool(user.is_authenticated and user.is_platform_admin)


@rules.predicate
def role_grantable_by_member(user: User, grant: RoleGrant | None) -> bool:
    if grant is None:
        return False
    allowed = GRANTABLE_ROLES.get(_role_in(user, grant.organisation) or "", frozenset())
    return grant.role in allowed and (grant.current_role is None or grant.current_role in allowed)


rules.add_perm("accounts.view_organisation", is_member | is_platform_admin)
rules.add_perm("accounts.change_organisation", is_organisation_admin | is_platform_admin)
rules.add_perm("accounts.manage_teams", is_organisation_admin | is_kwartiermaker)
rules.add_perm("accounts.manage_members", is_organisation_admin | is_kwartiermaker)
rules.add_perm("accounts.view_audit_log", is_organisation_admin)
rules.add_perm("accounts.manage_networks", is_platform_admin)
rules.add_perm("accounts.grant_role", is_platform_admin | role_grantable_by_member)


def may_grant(
    user: User, organisation: Organisation, role: str, current_role: str | None = None
) -> bool:
    """Whether `user` may give `role` in `organisation` (changing `current_role`)."""
    return user.has_perm(
        "accounts.grant_role",
        # django-rules hands any object to the predicates, not only model instances.
        RoleGrant(organisation=organisation, role=role, current_role=current_role),  # type: ignore[arg-type]
    )


def grantable_roles(user: User, organisation: Organisation) -> list[tuple[str, str]]:
    """The role choices `user` may offer in a form for `organisation`."""
    return [
        (value, str(label)) for value, label in Role.choices if may_grant(user, organisation, value)
    ]
