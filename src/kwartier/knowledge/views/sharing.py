"""The path to sharing: de-identification, review of its suggestions, publication with
consent, withdrawal and erasure."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import (
    HttpResponse,
    HttpResponseNotAllowed,
)
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from kwartier.core.decorators import organisation_view
from kwartier.core.forms import add_validation_errors
from kwartier.core.http import AuthedRequest
from kwartier.core.shortcuts import confirm_then
from kwartier.knowledge import selectors, services
from kwartier.knowledge.exposure import experience_risk_by_reach
from kwartier.knowledge.forms import (
    LABEL_NAMES,
    PublishForm,
    ReviewExtraForm,
)
from kwartier.knowledge.models import (
    Decision,
    State,
    Visibility,
)
from kwartier.knowledge.views.common import (
    membership,
    own_or_404,
    record_read_of_original,
)


@organisation_view()
def deidentify(request: AuthedRequest, experience_id: int) -> HttpResponse:
    experience = own_or_404(request, experience_id)
    if request.method == "POST":
        try:
            services.experience_deidentify_request(experience=experience, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("Kwartier zoekt nu naar herkenbare gegevens. Dat duurt meestal even."),
            )
    return redirect("knowledge:my_detail", experience_id=experience.pk)


@organisation_view()
def deidentify_bulk(request: AuthedRequest) -> HttpResponse:
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    organisation = membership(request).organisation
    experiences = list(
        selectors.experience_list_own(user=request.user, organisation=organisation).filter(
            state=State.DRAFT
        )
    )
    try:
        job = services.experience_deidentify_bulk_request(
            user=request.user,
            organisation=organisation,
            experiences=experiences,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("knowledge:mine")
    return redirect("core:job", job_id=job.pk)


def _decisions_from_post(request: AuthedRequest, suggestions: list[Any]) -> dict[int, bool]:
    decisions = {}
    for suggestion in suggestions:
        value = request.POST.get(f"s{suggestion.pk}")
        if value in {"weglaten", "laten"}:
            decisions[suggestion.pk] = value == "weglaten"
    return decisions


@organisation_view()
def review(request: AuthedRequest, experience_id: int) -> HttpResponse:
    experience = own_or_404(request, experience_id)
    if experience.state != State.REVIEW:
        if experience.state == State.DEIDENTIFYING:
            messages.info(request, _("Kwartier is nog bezig met zoeken. Probeer het zo weer."))
        return redirect("knowledge:my_detail", experience_id=experience.pk)
    suggestions = selectors.suggestion_list(experience=experience)
    form = ReviewExtraForm(
        request.POST or None,
        initial={"mode": experience.replacement_mode, "extra_label": "PERSON"},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.experience_review_save(
                experience=experience,
                user=request.user,
                decisions=_decisions_from_post(request, suggestions),
                extra_phrases=form.cleaned_data["extra"].splitlines(),
                extra_label=form.cleaned_data["extra_label"],
                mode=form.cleaned_data["mode"],
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            if request.POST.get("action") == "approve":
                return redirect("knowledge:publish", experience_id=experience.pk)
            messages.success(
                request, _("Uw keuzes zijn opgeslagen. Bekijk het voorbeeld hieronder.")
            )
            return redirect(reverse("knowledge:review", args=[experience.pk]) + "#voorbeeld")
    record_read_of_original(request, experience)
    return render(
        request,
        "knowledge/review.html",
        {
            "experience": experience,
            "form": form,
            "suggestions": suggestions,
            "title_suggestions": [s for s in suggestions if s.field == "title"],
            "text_suggestions": [s for s in suggestions if s.field == "text"],
            "preview": selectors.experience_preview(experience=experience, suggestions=suggestions),
            "label_names": LABEL_NAMES,
            "Decision": Decision,
        },
    )


@organisation_view()
def publish(request: AuthedRequest, experience_id: int) -> HttpResponse:
    experience = own_or_404(request, experience_id)
    if experience.state not in (State.REVIEW, State.PUBLISHED):
        messages.info(request, _("Loop eerst de gevonden herkenbare gegevens na."))
        return redirect("knowledge:my_detail", experience_id=experience.pk)
    allowed = services.shareable_visibilities(experience)
    initial_visibility = (
        experience.visibility if experience.visibility in allowed else Visibility.ORGANISATION
    )
    preview = selectors.experience_share_preview(experience=experience)
    form = PublishForm(
        request.POST or None,
        allowed=allowed,
        initial={"visibility": initial_visibility, "preview_hash": preview.hash},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.experience_publish(
                experience=experience,
                user=request.user,
                visibility=form.cleaned_data["visibility"],
                purposes=form.cleaned_data["purposes"],
                consent_given=form.cleaned_data["consent"],
                preview_hash=form.cleaned_data["preview_hash"],
            )
        except services.StalePreview as error:
            # Show what would be shared now; consent has to be given again.
            messages.error(request, " ".join(error.messages))
            experience = own_or_404(request, experience_id)
            preview = error.fresh
            form = PublishForm(
                allowed=allowed,
                initial={
                    "visibility": form.cleaned_data["visibility"],
                    "purposes": form.cleaned_data["purposes"],
                    "preview_hash": preview.hash,
                },
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            label = dict(Visibility.choices)[form.cleaned_data["visibility"]]
            messages.success(
                request,
                _(
                    "Uw verhaal is gedeeld (zichtbaar voor: %(reach)s). U kunt het altijd "
                    "weer intrekken."
                )
                % {"reach": label},
            )
            return redirect("knowledge:my_detail", experience_id=experience.pk)
    return render(
        request,
        "knowledge/publish.html",
        {
            "experience": experience,
            "form": form,
            "preview_title": preview.title,
            "preview_text": preview.text,
            "preview_tags": preview.tags,
            "audience": selectors.experience_audience(experience=experience),
            "network_allowed": Visibility.NETWORK in allowed,
            "recording": selectors.recording_consent(experience=experience),
            # Re-identification risk per reach (decision 0105): a warning, not a block.
            "risks": experience_risk_by_reach(experience=experience, visibilities=allowed),
        },
    )


@organisation_view()
def withdraw(request: AuthedRequest, experience_id: int) -> HttpResponse:
    experience = own_or_404(request, experience_id)
    if experience.state == State.WITHDRAWN:
        messages.info(request, _("Dit verhaal is al ingetrokken."))
        return redirect("knowledge:my_detail", experience_id=experience.pk)
    if request.method == "POST":
        services.experience_withdraw(experience=experience, user=request.user)
        messages.success(
            request,
            _("Uw verhaal is ingetrokken. Niemand anders kan het nog lezen of vinden."),
        )
        return redirect("knowledge:my_detail", experience_id=experience.pk)
    return render(request, "knowledge/withdraw.html", {"experience": experience})


@organisation_view()
def delete(request: AuthedRequest, experience_id: int) -> HttpResponse:
    experience = own_or_404(request, experience_id)
    return confirm_then(
        request,
        action=lambda: services.experience_delete(experience=experience, user=request.user),
        done_message=_("Het verhaal is verwijderd."),
        done_url=reverse("knowledge:mine"),
        cancel_url=reverse("knowledge:my_detail", args=[experience.pk]),
        title=_("Dit verhaal definitief verwijderen?"),
        explanation=_(
            "Het verhaal en al zijn versies verdwijnen. Wat u eerder deelde, is meteen "
            "voor niemand meer te zien. Het bewijs van uw toestemmingen blijft bewaard, "
            "zonder het verhaal."
        ),
    )
