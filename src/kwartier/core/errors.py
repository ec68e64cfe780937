"""Dutch messages for requests that cannot be read: too large, too many fields, or not
the JSON they claim to be. Used by the 400 page and by the API's error handler."""

from __future__ import annotations

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


def limit_megabytes() -> float:
    return round((settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 0) / 1_000_000, 1)


def request_error_message(*, too_big: bool) -> Promise | str:
    if too_big:
        return _("Het verzoek is te groot: de grens is %(limit)s MB. Er is niets opgeslagen.") % {
            "limit": limit_megabytes()
        }
    return _("Het verzoek is onvolledig of ongeldig. Er is niets opgeslagen.")
