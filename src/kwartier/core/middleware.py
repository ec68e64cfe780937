from __future__ import annotations

import time
from collections.abc import Callable
from typing import cast

from auditlog.middleware import AuditlogMiddleware
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.models import AbstractBaseUser
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

Handler = Callable[[HttpRequest], HttpResponse]


class RequestSizeLimitMiddleware:
    """Refuses a body larger than `MAX_REQUEST_BYTES` (by its Content-Length) with a
    Dutch 413 before anything reads it. Django's DATA_UPLOAD_MAX_MEMORY_SIZE leaves file
    parts of a multipart body out; this limit holds for every body (decision 0112)."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0  # Django treats an unreadable length as no body
        if length > settings.MAX_REQUEST_BYTES:
            return request_too_large(request)
        return self.get_response(request)


def request_too_large(request: HttpRequest) -> HttpResponse:
    limit_mb = round(settings.MAX_REQUEST_BYTES / 1_000_000, 1)
    message = _("Het verzoek is te groot: de grens is %(limit)s MB. Er is niets opgeslagen.") % {
        "limit": limit_mb
    }
    if request.path_info.startswith("/api/"):
        return JsonResponse({"detail": message}, status=413)
    # Standalone like the 400 page: nothing of the request is trusted.
    return render(None, "errors/400.html", {"too_big": True, "limit_mb": limit_mb}, status=413)


class SessionTimeoutMiddleware:
    """Ends a session after `SESSION_IDLE_TIMEOUT` seconds without a request (ASVS 7.3.1).

    The absolute lifetime is Django's own `SESSION_COOKIE_AGE`; sessions of a disabled
    user end because the authentication backend refuses inactive users.
    """

    KEY = "kwartier_last_seen"
    #: The moment is written at most this often (seconds): writing it on every request
    #: saved the session, a transaction of its own, on every page. It only ever lags, so
    #: a session ends at most this much before the idle time is over, never after.
    RESOLUTION = 60

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = int(time.time())
            last_seen = int(request.session.get(self.KEY, now))
            if now - last_seen > settings.SESSION_IDLE_TIMEOUT:
                logout(request)
                messages.info(request, _("U bent uitgelogd omdat u een tijd niet actief was."))
                return redirect(f"{reverse('account_login')}?next={request.path}")
            if self.KEY not in request.session or now - last_seen >= self.RESOLUTION:
                request.session[self.KEY] = now
        return self.get_response(request)


class NoStoreMiddleware:
    """Pages with personal data must not be kept in browser or proxy caches (ASVS 14.3.2)."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.user.is_authenticated and "Cache-Control" not in response:
            response["Cache-Control"] = "no-store"
        return response


class ChosenLanguageMiddleware:
    """Dutch unless the user chose another language with the language switcher.

    Django's LocaleMiddleware would follow the browser's Accept-Language header; the
    product is Dutch first, so only an explicit choice (the language cookie) counts.
    """

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from django.utils import translation

        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        available = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in available else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class AuditlogActorMiddleware(AuditlogMiddleware):
    """django-auditlog's middleware, with the actor read when a change is logged.

    The original reads `request.user` when the request comes in; an API call is
    authenticated later, by DRF inside the view (token), so its changes were logged as
    "systeem". DRF sets the authenticated user on the Django request, and this lazy
    actor finds it there.
    """

    @staticmethod
    def _get_actor(request: HttpRequest) -> AbstractBaseUser | None:
        def actor() -> AbstractBaseUser | None:
            return AuditlogMiddleware._get_actor(request)

        # The lazy object stands in for the user (or None) that `actor` finds.
        return cast("AbstractBaseUser | None", SimpleLazyObject(actor))
