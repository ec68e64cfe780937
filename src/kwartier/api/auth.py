"""`POST /api/auth/token/`: exchange e-mail and password for an API token.

- Every request makes a new token; it is shown in this answer only (only its hash is
  stored, decision 0009).
- An account with two-step verification also sends the current code of its
  authenticator app in `code`; without it the answer is 403 and says so.
- A member of an organisation that requires two-step verification gets no token
  until they have set it up (403).
"""

from __future__ import annotations

from typing import cast

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth import authenticate
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from kwartier.accounts.models import User
from kwartier.accounts.selectors import user_needs_mfa_setup
from kwartier.api.authentication import mfa_policy_message
from kwartier.api.tokens import api_token_create


class TokenRequestSerializer(serializers.Serializer):
    email = serializers.EmailField()
    password = serializers.CharField(trim_whitespace=False, style={"input_type": "password"})
    code = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=32,
        help_text="De code uit de authenticator-app (alleen voor accounts met "
        "tweestapsverificatie).",
    )


def _totp_code_is_valid(user: User, code: str) -> bool:
    """Checked by allauth's own TOTP, which also refuses a code used before."""
    authenticator = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    return authenticator is not None and TOTP(authenticator).validate_code(code.strip())


def _refusal(message: str, code: int) -> Response:
    return Response({"detail": message}, status=code)


class TokenView(APIView):
    authentication_classes: list[type] = []
    permission_classes = [AllowAny]
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "token"

    @extend_schema(
        request=TokenRequestSerializer,
        responses={200: inline_serializer("TokenResponse", {"token": serializers.CharField()})},
        auth=[],
    )
    def post(self, request: Request) -> Response:
        data = TokenRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        # AUTH_USER_MODEL is accounts.User, so a backend that says yes gives one.
        user = cast(
            "User | None",
            authenticate(
                request._request,
                email=data.validated_data["email"].lower(),
                password=data.validated_data["password"],
            ),
        )
        if user is None or not user.is_active:
            return _refusal(_("E-mailadres of wachtwoord klopt niet."), status.HTTP_400_BAD_REQUEST)
        code = data.validated_data.get("code", "")
        if Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
            if not code:
                return _refusal(
                    _(
                        "Dit account gebruikt tweestapsverificatie. Stuur ook de code uit uw "
                        "authenticator-app mee, in het veld “code”."
                    ),
                    status.HTTP_403_FORBIDDEN,
                )
            if not _totp_code_is_valid(user, code):
                return _refusal(
                    _("De code uit de authenticator-app klopt niet of is al gebruikt."),
                    status.HTTP_400_BAD_REQUEST,
                )
        elif user_needs_mfa_setup(user=user):
            return _refusal(mfa_policy_message(), status.HTTP_403_FORBIDDEN)
        return Response({"token": api_token_create(user=user)})
