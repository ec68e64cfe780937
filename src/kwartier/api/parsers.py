"""Request-body parsers that keep Django's size limit and answer in Dutch.

DRF reads a JSON or form body straight from the request stream, past Django's
`DATA_UPLOAD_MAX_MEMORY_SIZE` check (that check runs only on `request.body`): these
parsers read at most that many bytes and refuse more.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import IO, Any

from django.conf import settings
from django.http import QueryDict
from django.utils.translation import gettext as _
from rest_framework import exceptions, parsers

from kwartier.core.errors import request_error_message

INVALID_JSON = "invalid_json"


class RequestTooLarge(exceptions.APIException):
    status_code = 400
    default_code = "request_too_large"

    def __init__(self) -> None:
        super().__init__(str(request_error_message(too_big=True)))


def _read_limited(stream: IO[bytes] | None) -> bytes:
    if stream is None:
        return b""
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    if limit is None:
        return stream.read()
    raw = stream.read(limit + 1)
    if len(raw) > limit:
        raise RequestTooLarge()
    return raw


def _encoding(parser_context: Mapping[str, Any] | None) -> str:
    return (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)


class JSONParser(parsers.JSONParser):
    def parse(
        self,
        stream: IO[Any],
        media_type: str | None = None,
        parser_context: Mapping[str, Any] | None = None,
    ) -> Any:
        raw = _read_limited(stream)
        try:
            return json.loads(raw.decode(_encoding(parser_context)))
        except (ValueError, UnicodeDecodeError) as error:
            message = _(
                "De inhoud is geen geldige JSON; controleer haakjes, komma's en aanhalingstekens."
            )
            raise exceptions.ParseError(message, code=INVALID_JSON) from error


class FormParser(parsers.FormParser):
    def parse(
        self,
        stream: IO[Any],
        media_type: str | None = None,
        parser_context: Mapping[str, Any] | None = None,
    ) -> Any:
        raw = _read_limited(stream)
        return QueryDict(raw, encoding=_encoding(parser_context))
