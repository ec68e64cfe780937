"""Pages of Toegankelijkheid en privacy.

Public (no login): the accessibility statement and the privacy notice of the platform
and of each organisation; the law wants them readable before anyone signs in. Members:
the controller details form (organisatiebeheerder) and the DPIA starter (beheerder and
kwartiermaker) as page, PDF and DOCX.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _

from kwartier.accounts.models import Organisation
from kwartier.core.decorators import organisation_view
from kwartier.core.http import AuthedRequest
from kwartier.core.models import AccessAction
from kwartier.core.services import access_read_record
from kwartier.trust import document, selectors, services
from kwartier.trust.forms import DetailsForm
from kwartier.trust.models import OrganisationDetails

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "trust/accessibility.html",
        {
            "a11y": selectors.accessibility_facts(),
            "organisations": selectors.organisation_list_public(),
        },
    )


def accessibility_organisation(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    organisation = selectors.organisation_by_slug(organisation_slug)
    return render(
        request,
        "trust/accessibility.html",
        {
            "a11y": selectors.accessibility_facts(),
            "organisation": organisation,
            "details": selectors.details_of(organisation),
        },
    )


def accessibility_json(request: HttpRequest) -> JsonResponse:
    """The statement's facts as data, for a register or a dashboard that reads them."""
    a11y = selectors.accessibility_facts()
    facts = a11y.facts
    return JsonResponse(
        {
            "statement_url": request.build_absolute_uri(reverse("trust:accessibility")),
            "standard": facts["standard"],
            "law": facts["law"],
            "status": facts["status"],
            "status_label": facts["status_label"],
            "last_reviewed": facts["last_reviewed"],
            "last_automated_test": a11y.last_run.isoformat() if a11y.last_run else None,
            "limitations": [item["what"] for item in facts["limitations"]],
            "organisations": [
                {
                    "name": o.name,
                    "statement_url": request.build_absolute_uri(
                        reverse("trust:accessibility_organisation", args=[o.slug])
                    ),
                    "register_url": getattr(_details(o), "register_url", "") or None,
                }
                for o in selectors.organisation_list_public()
            ],
        },
        json_dumps_params={"ensure_ascii": False},
    )


def _details(organisation: Organisation) -> OrganisationDetails | None:
    try:
        return organisation.trust_details
    except OrganisationDetails.DoesNotExist:
        return None


def privacy(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "trust/privacy.html",
        {
            "register": selectors.processing_register(),
            "organisations": selectors.organisation_list_public(),
        },
    )


def privacy_organisation(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    organisation = selectors.organisation_by_slug(organisation_slug)
    return render(
        request,
        "trust/privacy.html",
        {
            "register": selectors.processing_register(),
            "organisation": organisation,
            "details": selectors.details_of(organisation),
        },
    )


@organisation_view("trust.change_details")
def details_edit(request: AuthedRequest) -> HttpResponse:
    organisation = request.membership.organisation
    instance = selectors.details_of(organisation) or OrganisationDetails(
        organisation=organisation, controller_name=organisation.name
    )
    form = DetailsForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        services.details_save(organisation=organisation, user=request.user, data=form.cleaned_data)
        messages.success(request, _("De gegevens zijn opgeslagen."))
        return redirect("trust:dpia")
    return render(request, "trust/details_form.html", {"form": form})


@organisation_view("trust.view_dpia")
def dpia(request: AuthedRequest) -> HttpResponse:
    organisation = request.membership.organisation
    return render(
        request,
        "trust/dpia.html",
        {
            "dpia": document.build(organisation),
            "may_edit": request.user.has_perm("trust.change_details", organisation),
        },
    )


def _download(request: AuthedRequest, content: bytes, content_type: str, ext: str) -> HttpResponse:
    organisation = request.membership.organisation
    access_read_record(
        reader=request.user,
        organisation=organisation,
        object_type="dpia",
        object_id=organisation.pk,
        action=AccessAction.EXPORT,
        detail=ext,
    )
    response = HttpResponse(content, content_type=content_type)
    filename = f"dpia-{slugify(organisation.slug)}.{ext}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@organisation_view("trust.view_dpia")
def dpia_pdf(request: AuthedRequest) -> HttpResponse:
    built = document.build(request.membership.organisation)
    return _download(request, document.render_pdf(built, request=request), "application/pdf", "pdf")


@organisation_view("trust.view_dpia")
def dpia_docx(request: AuthedRequest) -> HttpResponse:
    built = document.build(request.membership.organisation)
    return _download(request, document.render_docx(built), DOCX, "docx")
