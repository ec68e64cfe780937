"""Middleware of the accounts floor: the organisation a request acts for, and the MFA
requirement of that organisation."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from kwartier.accounts.selectors import user_needs_mfa_setup
from kwartier.accounts.tenancy import active_membership, memberships_of
from kwartier.core.http import TenantRequest, acting_user

if TYPE_CHECKING:
    from kwartier.accounts.models import Membership, Organisation

Handler = Callable[[HttpRequest], HttpResponse]


class ActiveOrganisationMiddleware:
    """Sets `request.membership` and `request.organisation` for the chosen organisation."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # Each lazy object stands for the value its function returns.
        tenant = cast(TenantRequest, request)
        tenant.memberships = cast(
            "list[Membership]", SimpleLazyObject(lambda: memberships_of(request))
        )
        membership = cast("Membership | None", SimpleLazyObject(lambda: active_membership(request)))
        tenant.membership = membership
        tenant.organisation = cast(
            "Organisation | None",
            SimpleLazyObject(lambda: membership.organisation if membership else None),
        )
        return self.get_response(request)


class RequireMfaMiddleware:
    """Sends members of an organisation that requires MFA to set it up first."""

    ALLOWED_PREFIXES = ("/accounts/", "/static/", "/taal/", "/api/")

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            request.user.is_authenticated
            and not request.path.startswith(self.ALLOWED_PREFIXES)
            and user_needs_mfa_setup(
                user=acting_user(request), memberships=cast(TenantRequest, request).memberships
            )
        ):
            messages.warning(
                request,
                _(
                    "Uw organisatie vraagt om tweestapsverificatie. "
                    "Stel eerst een authenticator-app in."
                ),
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)
