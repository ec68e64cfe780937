"""API errors in Dutch, with the field and the reason, and never a 500 for bad input.

DRF's own messages are mostly translated; the ones that are not (or that repeat
Python's English parser message) are replaced here by their error code.
"""

from __future__ import annotations

import math
from typing import Any

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from rest_framework import exceptions
from rest_framework.exceptions import ErrorDetail
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from kwartier.api.parsers import INVALID_JSON
from kwartier.core.errors import request_error_message


def _dutch_by_code() -> dict[str, str]:
    return {
        "surrogate_characters_not_allowed": _(
            "Deze tekst bevat ongeldige tekens (losse surrogaattekens, U+D800–U+DFFF); "
            "stuur geldige UTF-8."
        ),
        "null_characters_not_allowed": _("Deze tekst bevat een ongeldig nulteken (U+0000)."),
        "parse_error": _("De inhoud van het verzoek kon niet worden gelezen."),
        "unsupported_media_type": _("Stuur de inhoud als JSON (Content-Type: application/json)."),
    }


def throttled_message(seconds: int) -> str:
    return ngettext(
        "Te veel verzoeken in korte tijd. Probeer het over %(seconds)s seconde opnieuw.",
        "Te veel verzoeken in korte tijd. Probeer het over %(seconds)s seconden opnieuw.",
        seconds,
    ) % {"seconds": seconds}


class DutchThrottled(exceptions.Throttled):
    """429 with a Dutch detail. Built without `wait`, so that DRF adds no English
    "Expected available in…"; `wait` is set afterwards for the Retry-After header."""

    def __init__(self, seconds: int) -> None:
        super().__init__(detail=throttled_message(seconds))
        self.wait = seconds


def _translate(detail: Any, messages: dict[str, str]) -> Any:
    if isinstance(detail, list):
        return [_translate(item, messages) for item in detail]
    if isinstance(detail, dict):
        return {key: _translate(value, messages) for key, value in detail.items()}
    if isinstance(detail, ErrorDetail) and detail.code in messages:
        return ErrorDetail(messages[detail.code], code=detail.code)
    return detail


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
        exc = exceptions.ValidationError(detail=detail)
    elif isinstance(exc, (RequestDataTooBig, TooManyFieldsSent)):
        too_big = isinstance(exc, RequestDataTooBig)
        return Response({"detail": str(request_error_message(too_big=too_big))}, status=400)
    if isinstance(exc, exceptions.ParseError) and exc.get_codes() != INVALID_JSON:
        exc = exceptions.ParseError(_dutch_by_code()["parse_error"])
    elif isinstance(exc, exceptions.ValidationError):
        exc.detail = _translate(exc.detail, _dutch_by_code())
    elif isinstance(exc, exceptions.Throttled):
        seconds = max(1, math.ceil(getattr(exc, "wait", None) or 60))
        exc = DutchThrottled(seconds)
    elif isinstance(exc, exceptions.UnsupportedMediaType):
        exc = exceptions.UnsupportedMediaType(
            getattr(exc, "media_type", ""), detail=_dutch_by_code()["unsupported_media_type"]
        )
    return drf_exception_handler(exc, context)
