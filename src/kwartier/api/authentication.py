"""How the API knows who is calling: a hashed token or the web session, and in both
cases the organisation's two-step-login policy holds (issue 17.3).

A member of an organisation that requires two-step verification who has not set it up
is refused (403) with the same explanation the web pages give, until they have MFA;
tokens made before the policy was switched on stop working until then.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.authentication import SessionScheme
from rest_framework import authentication, exceptions
from rest_framework.request import Request

from kwartier.accounts.models import User
from kwartier.accounts.selectors import user_needs_mfa_setup
from kwartier.accounts.tenancy import user_memberships
from kwartier.api.tokens import api_token_user


def mfa_policy_message() -> str:
    return _(
        "Uw organisatie vraagt om tweestapsverificatie. Stel eerst een authenticator-app "
        "in via de webinterface (Account, Tweestapsverificatie); daarna werkt de API weer."
    )


def enforce_mfa_policy(user: User) -> None:
    if user_needs_mfa_setup(user=user, memberships=user_memberships(user)):
        raise exceptions.PermissionDenied(mfa_policy_message())


class HashedTokenAuthentication(authentication.TokenAuthentication):
    """`Authorization: Token <key>`, looked up by the key's hash."""

    def authenticate_credentials(self, key: str) -> tuple[User, None]:
        user = api_token_user(key=key)
        if user is None:
            raise exceptions.AuthenticationFailed(_("Dit API-token is ongeldig of ingetrokken."))
        enforce_mfa_policy(user)
        return user, None


class PolicySessionAuthentication(authentication.SessionAuthentication):
    """The web session, for the browsable API and htmx calls, under the same policy."""

    def authenticate(self, request: Request) -> Any:
        result = super().authenticate(request)
        if result is not None:
            enforce_mfa_policy(result[0])
        return result


class PolicySessionScheme(SessionScheme):
    """The OpenAPI schema describes the policy-checked session like DRF's own."""

    target_class = "kwartier.api.authentication.PolicySessionAuthentication"
