from __future__ import annotations

import uuid
from pathlib import Path

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from kwartier.core import selectors
from kwartier.core.decorators import organisation_view
from kwartier.core.errors import limit_megabytes, request_error_message
from kwartier.core.home import home_panels
from kwartier.core.http import AuthedRequest
from kwartier.core.models import Job
from kwartier.core.services import export_path


def home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect("account_login")
    # Set (possibly to a lazy None) by the accounts floor's middleware on every request.
    membership = getattr(request, "membership", None)
    panels = home_panels(request, membership) if membership else []
    return render(request, "core/home.html", {"membership": membership, "panels": panels})


def health_bare(request: HttpRequest) -> HttpResponse:
    """No database, no template: the baseline of `bench/load.py` and the liveness probe of
    the fault drill (the same gunicorn serves it)."""
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


def _job_or_404(request: AuthedRequest, job_id: str) -> Job:
    try:
        uuid.UUID(str(job_id))
        return selectors.job_get(
            user=request.user,
            organisation=request.membership.organisation,
            job_id=job_id,
        )
    except (ValueError, Job.DoesNotExist) as error:
        raise Http404 from error


@organisation_view()
def job_detail(request: AuthedRequest, job_id: str) -> HttpResponse:
    return render(request, "core/job_detail.html", {"job": _job_or_404(request, job_id)})


@organisation_view()
def job_progress(request: AuthedRequest, job_id: str) -> HttpResponse:
    """The progress component alone, for htmx to swap in while the job runs."""
    return render(request, "components/job_progress.html", {"job": _job_or_404(request, job_id)})


@organisation_view()
def job_download(request: AuthedRequest, job_id: str) -> FileResponse:
    job = _job_or_404(request, job_id)
    path = export_path(job)
    # A job may write another kind of file next to it (.zip, .qdpx): same name, its suffix.
    suffix = Path(job.result_file).suffix
    if suffix and suffix != path.suffix and suffix.lstrip(".").isalnum():
        path = path.with_suffix(suffix)
    if not job.result_file or not path.exists():
        raise Http404
    return FileResponse(path.open("rb"), as_attachment=True, filename=f"{job.kind}{path.suffix}")


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/404.html", status=404)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """Django's 400 (a request too large, a malformed form) in Dutch; JSON in the API.

    Rendered without the request context: the request itself is what is broken."""
    too_big = isinstance(exception, (RequestDataTooBig, TooManyFieldsSent))
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": str(request_error_message(too_big=too_big))}, status=400)
    context = {"too_big": too_big, "limit_mb": limit_megabytes()}
    return render(None, "errors/400.html", context, status=400)


def server_error(request: HttpRequest) -> HttpResponse:
    # Rendered without the request context: whatever broke must not break this too.
    return render(None, "errors/500.html", {"title": _("Er ging iets mis")}, status=500)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/403.html", status=403)


def raise_error(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("Deliberate error to check the 500 page")
