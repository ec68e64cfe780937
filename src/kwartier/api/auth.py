"""`POST /api/auth/token/`: exchange e-mail and password for an API token.

Accounts with two-step verification cannot get a token with a password alone: they
are told so (403) and use the web interface instead.
"""

from __future__ import annotations

from django.contrib.auth import authenticate
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.authtoken.models import Token
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from kwartier.accounts.selectors import user_has_mfa


class TokenRequestSerializer(serializers.Serializer):
    email = serializers.EmailField()
    password = serializers.CharField(trim_whitespace=False, style={"input_type": "password"})


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
        user = authenticate(
            request._request,
            email=data.validated_data["email"].lower(),
            password=data.validated_data["password"],
        )
        if user is None or not user.is_active:
            return Response(
                {"detail": _("E-mailadres of wachtwoord klopt niet.")},
                status=status.HTTP_400_BAD_REQUEST,
            )
        if user_has_mfa(user=user):  # type: ignore[arg-type]
            return Response(
                {
                    "detail": _(
                        "Dit account gebruikt tweestapsverificatie. Een API-token kan niet met "
                        "alleen een wachtwoord worden opgehaald; maak het aan in de webinterface."
                    )
                },
                status=status.HTTP_403_FORBIDDEN,
            )
        token, _created = Token.objects.get_or_create(user=user)
        return Response({"token": token.key})
