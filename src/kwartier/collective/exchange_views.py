"""Pages for exchange with other tools (decision 0106): export a codebook as REFI-QDA
`.qdc`, CSV or JSON; the whole coded project as `.qdpx` (a background job); import a
`.qdc` codebook (coders only)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kwartier.collective import exchange, selectors, tasks
from kwartier.collective.models import Codebook
from kwartier.collective.rules import can_code
from kwartier.core import services as core_services
from kwartier.core.decorators import organisation_view
from kwartier.core.forms import add_validation_errors
from kwartier.core.http import AuthedRequest
from kwartier.core.shortcuts import get_or_404

VIEW = "collective.view"


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Codeboek (.qdc)"),
        help_text=gettext_lazy(
            "Een REFI-QDA-codeboek uit bijvoorbeeld QualCoder, ATLAS.ti, MAXQDA of NVivo. "
            "Codes die al in dit codeboek staan (zelfde GUID) blijven zoals ze zijn."
        ),
    )

    def clean_file(self) -> bytes:
        upload = self.cleaned_data["file"]
        if upload.size > exchange.MAX_UPLOAD:
            raise ValidationError(_("Het bestand is te groot (meer dan 2 MB)."))
        data: bytes = upload.read()
        return data


def _codebook(request: AuthedRequest, codebook_id: int) -> Codebook:
    return get_or_404(
        selectors.codebook_get,
        organisation=request.membership.organisation,
        codebook_id=codebook_id,
    )


@organisation_view(VIEW)
def exchange_page(request: AuthedRequest, codebook_id: int) -> HttpResponse:
    codebook = _codebook(request, codebook_id)
    coder = can_code(request.user, request.membership.organisation)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not coder:
            raise Http404
        if form.is_valid():
            try:
                result = exchange.codebook_import(
                    codebook=codebook, by=request.user, data=form.cleaned_data["file"]
                )
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                messages.success(
                    request,
                    _("%(created)s codes toegevoegd, %(skipped)s stonden er al in.")
                    % {"created": result.created, "skipped": result.skipped},
                )
                return redirect("collective:codebook", codebook_id=codebook.pk)
    return render(
        request,
        "collective/exchange.html",
        {"codebook": codebook, "form": form, "can_code": coder, "formats": exchange.FORMATS},
    )


@organisation_view(VIEW)
def export(request: AuthedRequest, codebook_id: int, fmt: str) -> HttpResponse:
    codebook = _codebook(request, codebook_id)
    if fmt not in exchange.FORMATS:
        raise Http404
    content, content_type, name = exchange.export_bytes(
        user=request.user,
        organisation=request.membership.organisation,
        codebook=codebook,
        fmt=fmt,
    )
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@organisation_view(VIEW)
def export_project(request: AuthedRequest, codebook_id: int) -> HttpResponse:
    codebook = _codebook(request, codebook_id)
    if request.method != "POST":
        return redirect("collective:exchange", codebook_id=codebook.pk)
    with transaction.atomic():
        job = core_services.job_create(
            kind="wij-kennis-project",
            label=_("REFI-QDA-project van %(name)s") % {"name": codebook.name},
            organisation=request.membership.organisation,
            created_by=request.user,
        )
        job_id = str(job.pk)
        transaction.on_commit(lambda: tasks.project_export.enqueue(job_id, codebook.pk))
    return redirect(reverse("core:job", kwargs={"job_id": job.pk}))
