"""allauth adapters: accounts come from invitations, not from open sign-up."""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.http import HttpRequest


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        # Kwartier holds special-category data: people join an organisation by invitation.
        return False


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest, sociallogin: Any) -> bool:
        # Organisation login (OpenID Connect) signs in existing, invited accounts only;
        # the e-mail address from the provider is matched to the invited account.
        return False
