"""Which organisation a request acts for: the one entry point that pages and API use.

A user may belong to several organisations. Pages act for the one chosen in the session
(`ActiveOrganisationMiddleware` sets `request.membership`); API clients have no chosen
organisation and act for the first fitting membership by organisation name, which is
also what pages use when nothing was chosen. Both come from :func:`acting_membership`;
nothing tenant-scoped reads a user-supplied organisation id.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from django.http import HttpRequest

from kwartier.accounts.models import Membership, Organisation
from kwartier.accounts.rules import member_roles, remember_roles, remembered
from kwartier.accounts.selectors import membership_list_for_user
from kwartier.core.http import acting_user

if TYPE_CHECKING:
    from kwartier.accounts.models import User

SESSION_KEY = "kwartier_active_organisation"


def user_memberships(user: User) -> list[Membership]:
    """Every membership of an active user, with organisation and team, read once per user
    object (one request); the role checks of the same request use them too."""

    def read() -> list[Membership]:
        memberships = list(membership_list_for_user(user=user))
        if user.is_active:  # then these are all of them
            remember_roles(user, memberships)
        return memberships

    return remembered(user, "memberships", read)


def memberships_of(request: HttpRequest) -> list[Membership]:
    """All memberships of the signed-in user, read once per request."""
    if not request.user.is_authenticated:
        return []
    return user_memberships(acting_user(request))


def choose_membership(memberships: Sequence[Membership], chosen: Any = None) -> Membership | None:
    """The membership of the chosen organisation, else the first (by organisation name)."""
    for membership in memberships:
        if membership.organisation_id == chosen:
            return membership
    return memberships[0] if memberships else None


def active_membership(request: HttpRequest) -> Membership | None:
    """The membership a page acts for (the session's choice)."""
    memberships: list[Membership] = getattr(request, "memberships", None) or []
    return choose_membership(memberships, request.session.get(SESSION_KEY))


def acting_membership(*, user: User | Any, roles: Iterable[str] | None = None) -> Membership | None:
    """The membership an API call acts for: no session, so the first by organisation name,
    among the memberships with one of `roles` when given."""
    if not user.is_authenticated:
        return None
    memberships = user_memberships(user)
    if roles is not None:
        wanted = set(roles)
        memberships = [membership for membership in memberships if membership.role in wanted]
    return choose_membership(memberships)


def acting_organisation(
    *, user: User | Any, roles: Iterable[str] | None = None
) -> Organisation | None:
    membership = acting_membership(user=user, roles=roles)
    return membership.organisation if membership else None


def set_active_organisation(request: HttpRequest, organisation: Organisation) -> None:
    request.session[SESSION_KEY] = organisation.pk


def reading_organisation_ids(*, user: User | Any, excluding: Iterable[str] = ()) -> frozenset[int]:
    """Organisations whose shared records the user reads as a member: every membership of
    an active user, except those with a role in `excluding`."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    excluded = set(excluding)
    return frozenset(
        organisation_id
        for organisation_id, role in member_roles(user).items()
        if role not in excluded
    )


def network_ids_of(organisation_ids: Iterable[int]) -> frozenset[int]:
    """The regional networks these organisations take part in."""
    return frozenset(
        Organisation.networks.through.objects.filter(
            organisation_id__in=list(organisation_ids)
        ).values_list("network_id", flat=True)
    )
