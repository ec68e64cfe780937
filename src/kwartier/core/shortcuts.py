"""What every app's views share: a tenant-scoped read that answers 404, and the
confirm-then-act page for destructive actions."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

T = TypeVar("T")


def get_or_404(getter: Callable[..., T], /, **kwargs: object) -> T:
    """Run a tenant-scoped selector; a missing object (or one of another organisation,
    which the selector does not find either) is a 404, so existence does not leak."""
    try:
        return getter(**kwargs)
    except ObjectDoesNotExist as error:
        raise Http404 from error


def confirm_then(
    request: HttpRequest,
    *,
    action: Callable[[], object],
    done_message: str,
    done_url: str,
    cancel_url: str,
    title: str,
    explanation: str,
    confirm_label: str | None = None,
) -> HttpResponse:
    """Ask for confirmation on GET; on POST run `action` and go to `done_url` with
    `done_message`, or show the page again with the Dutch reason of its refusal (a
    `ValidationError` from the service: nothing changed)."""
    error = ""
    if request.method == "POST":
        try:
            action()
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, done_message)
            return redirect(done_url)
    return render(
        request,
        "core/confirm_delete.html",
        {
            "title": title,
            "explanation": explanation,
            "confirm_label": confirm_label,
            "error": error,
            "cancel_url": cancel_url,
        },
    )
