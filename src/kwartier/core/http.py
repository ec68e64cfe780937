"""Typed requests for views behind the sign-in and organisation decorators.

At run time these are plain `HttpRequest`s; for the type checker they state what the
decorators guarantee: `SignedInRequest` has a signed-in `User` (`login_required`),
`AuthedRequest` also has the acting `Membership` (`organisation_view`, set by the accounts
floor's middleware). The core floor names accounts models only under TYPE_CHECKING.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from django.http import HttpRequest

if TYPE_CHECKING:
    from rest_framework.request import Request

    from kwartier.accounts.models import Membership, Organisation, User

    class TenantRequest(HttpRequest):
        """What the accounts floor's middleware sets on every request (lazily)."""

        memberships: list[Membership]
        membership: Membership | None
        organisation: Organisation | None

    class SignedInRequest(HttpRequest):
        user: User

    class AuthedRequest(SignedInRequest):
        membership: Membership
        memberships: list[Membership]

else:
    TenantRequest = HttpRequest
    SignedInRequest = HttpRequest
    AuthedRequest = HttpRequest


def acting_user(request: HttpRequest | Request) -> User:
    """The signed-in user of a request that passed an authentication check (an API view
    with `IsAuthenticated`, a page behind `login_required`). Only call it there: for an
    anonymous request the answer is an `AnonymousUser`, whatever the type says."""
    return cast("User", request.user)


__all__ = ["AuthedRequest", "SignedInRequest", "TenantRequest", "acting_user"]
