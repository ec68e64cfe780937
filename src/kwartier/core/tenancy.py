"""Which organisation a request acts for.

A user may belong to several organisations; the session remembers which one they
chose. Everything tenant-scoped reads `request.membership`, set by
`ActiveOrganisationMiddleware`, never a user-supplied organisation id.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import Http404, HttpRequest

if TYPE_CHECKING:
    from kwartier.accounts.models import Membership, Organisation

SESSION_KEY = "kwartier_active_organisation"


def memberships_of(request: HttpRequest) -> list[Membership]:
    """All memberships of the signed-in user, read once per request."""
    from kwartier.accounts.selectors import membership_list_for_user

    if not request.user.is_authenticated:
        return []
    return list(membership_list_for_user(user=request.user))  # type: ignore[arg-type]


def active_membership(request: HttpRequest) -> Membership | None:
    memberships: list[Membership] = getattr(request, "memberships", None) or []
    if not memberships:
        return None
    chosen = request.session.get(SESSION_KEY)
    for membership in memberships:
        if membership.organisation_id == chosen:
            return membership
    return memberships[0]


def set_active_organisation(request: HttpRequest, organisation: Organisation) -> None:
    request.session[SESSION_KEY] = organisation.pk


def require_membership(request: HttpRequest) -> Membership:
    """The acting membership, or 404: a user without one has no tenant data to see."""
    membership = getattr(request, "membership", None)
    if membership is None:
        raise Http404
    return membership
