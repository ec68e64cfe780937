"""The author's own stories: the list, writing, recording someone else's story, editing,
autosave."""

from __future__ import annotations

import secrets
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import (
    HttpResponse,
    HttpResponseNotAllowed,
)
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from kwartier.core.decorators import organisation_view
from kwartier.core.forms import add_validation_errors
from kwartier.core.http import AuthedRequest
from kwartier.core.pagination import paginate
from kwartier.knowledge import selectors, services
from kwartier.knowledge.forms import (
    ExperienceForm,
    RecordingForm,
)
from kwartier.knowledge.models import (
    Experience,
    State,
)
from kwartier.knowledge.views.common import (
    can_write,
    membership,
    own_or_404,
    record_read_of_original,
)

# --- my experiences ------------------------------------------------------------------------


@organisation_view()
def mine(request: AuthedRequest) -> HttpResponse:
    organisation = membership(request).organisation
    experiences = selectors.experience_list_own(user=request.user, organisation=organisation)
    drafts = [e for e in experiences if e.state == State.DRAFT and e.text_original]
    return render(
        request,
        "knowledge/mine.html",
        {
            "page": paginate(request, experiences),
            "can_write": can_write(request),
            "can_record": request.user.has_perm("knowledge.record_experience", organisation),
            "draft_count": len(drafts),
        },
    )


@organisation_view("knowledge.write_experience")
def create(request: AuthedRequest) -> HttpResponse:
    form = ExperienceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            experience = services.experience_create(
                organisation=membership(request).organisation,
                author=request.user,
                **_content(form),
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("Uw concept is opgeslagen. Alleen u kunt het zien."))
            return redirect("knowledge:edit", experience_id=experience.pk)
    return render(request, "knowledge/experience_form.html", {"form": form, "experience": None})


@organisation_view("knowledge.record_experience")
def record(request: AuthedRequest) -> HttpResponse:
    form = RecordingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            experience = services.experience_record(
                organisation=membership(request).organisation,
                recorded_by=request.user,
                narrator_name=data["narrator_name"],
                consent_date=data["consent_date"],
                consent_scope=data["consent_scope"],
                purposes=data["purposes"],
                consent_signed=data["consent_signed"],
                **_content(form),
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("Het verhaal is opgeslagen als concept."))
            return redirect("knowledge:edit", experience_id=experience.pk)
    return render(request, "knowledge/record_form.html", {"form": form})


def _content(form: ExperienceForm) -> dict[str, Any]:
    data = form.cleaned_data
    return {
        "title": data["title"],
        "text": data["text"],
        "domains": list(data["domains"]),
        "life_phase": data["life_phase"],
        "tags": data["tags"],
        "language": data["language"],
    }


def _initial(experience: Experience) -> dict[str, Any]:
    return {
        "title": experience.title_original,
        "text": experience.text_original,
        "domains": list(experience.domains.all()),
        "life_phase": experience.life_phase,
        "tags": ", ".join(experience.tags),
        "language": experience.language,
        "revision": experience.revision,
        "edit_session": secrets.token_hex(16),
    }


def _save(request: AuthedRequest, experience: Experience, form: ExperienceForm) -> Experience:
    """The edit form's and the autosave's save. A form without a revision (opened before
    there was one) counts as stale: the editor then sees both texts."""
    revision = form.cleaned_data.get("revision")
    return services.experience_update(
        experience=experience,
        editor=request.user,
        revision=revision if revision is not None else 0,
        edit_session=form.cleaned_data.get("edit_session") or "",
        **_content(form),
    )


def _conflict_form(request: AuthedRequest, current: Experience) -> ExperienceForm:
    """The editor's own text again, now on the saved revision: saving it is the choice
    "keep my text"; the saved text is shown beside it."""
    data = request.POST.copy()
    data["revision"] = str(current.revision)
    form = ExperienceForm(data)
    form.is_valid()
    return form


@organisation_view()
def my_detail(request: AuthedRequest, experience_id: int) -> HttpResponse:
    experience = own_or_404(request, experience_id)
    record_read_of_original(request, experience)
    return render(
        request,
        "knowledge/my_detail.html",
        {
            "experience": experience,
            "versions": selectors.version_list(experience=experience)[:10],
            "consents": selectors.consent_list(experience=experience),
            "recording": selectors.recording_consent(experience=experience),
        },
    )


@organisation_view()
def edit(request: AuthedRequest, experience_id: int) -> HttpResponse:
    experience = own_or_404(request, experience_id)
    form = ExperienceForm(request.POST or None, initial=_initial(experience))
    conflict: Experience | None = None
    if request.method == "POST" and form.is_valid():
        try:
            _save(request, experience, form)
        except services.EditConflict as error:
            conflict = error.current
            form = _conflict_form(request, conflict)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("Uw verhaal is opgeslagen."))
            return redirect("knowledge:my_detail", experience_id=experience.pk)
    record_read_of_original(request, experience)
    return render(
        request,
        "knowledge/experience_form.html",
        {"form": form, "experience": experience, "conflict": conflict},
    )


@organisation_view()
def autosave(request: AuthedRequest, experience_id: int) -> HttpResponse:
    """htmx: save the form in the background and answer a small status line."""
    experience = own_or_404(request, experience_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = ExperienceForm(request.POST)
    error = ""
    if form.is_valid():
        try:
            _save(request, experience, form)
        except services.EditConflict:
            error = _(
                "dit verhaal is intussen ergens anders opgeslagen. Klik op Opslaan om beide "
                "teksten te zien en te kiezen."
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
    else:
        error = " ".join(str(e) for errors in form.errors.values() for e in errors)
    return render(
        request,
        "knowledge/_autosave_status.html",
        {"saved_at": None if error else timezone.localtime(), "error": error},
    )
