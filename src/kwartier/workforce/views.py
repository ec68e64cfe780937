"""Pages of Inzet (/inzet/). Thin: parse, call a selector or service, render.

Sections: the workforce part (profiles, positions, support, intervisie, portfolio); the
vacancies and allowance parts live in their own modules (vacancy_views.py, …).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kwartier.core.decorators import organisation_view
from kwartier.core.forms import add_validation_errors
from kwartier.core.http import AuthedRequest
from kwartier.core.models import AccessAction
from kwartier.core.pagination import paginate
from kwartier.core.ratelimit import rate_limit
from kwartier.core.services import access_read_record
from kwartier.core.shortcuts import confirm_then, get_or_404
from kwartier.workforce import selectors, services
from kwartier.workforce.document import render_portfolio_pdf
from kwartier.workforce.forms import (
    AttendanceForm,
    CareerStepForm,
    CoachingForm,
    DecisionForm,
    GoalForm,
    GroupForm,
    HoursForm,
    InviteChoiceForm,
    MemberAddForm,
    OwnProfileForm,
    PositionForm,
    ProfileForm,
    RegistrationForm,
    SessionForm,
    TrainingForm,
)
from kwartier.workforce.models import (
    CareerStep,
    CoachingTrajectory,
    DevelopmentGoal,
    Profile,
    Registration,
    Training,
)

VIEW = "workforce.view_profiles"
MANAGE = "workforce.manage_profiles"


def _org(request: AuthedRequest) -> Any:
    return request.membership.organisation


def _profile(request: AuthedRequest, profile_id: int) -> Profile:
    return get_or_404(selectors.profile_get, organisation=_org(request), profile_id=profile_id)


def _require_full(request: AuthedRequest, profile: Profile) -> None:
    """The worker themselves or a manager; anyone else is refused."""
    if not selectors.may_edit_profile(
        organisation=_org(request), user=request.user, profile=profile
    ):
        raise PermissionDenied


def _form_page(
    request: HttpRequest, form: BaseForm, *, title: str, cancel_url: str, intro: str = ""
) -> HttpResponse:
    return render(
        request,
        "workforce/form.html",
        {"form": form, "title": title, "cancel_url": cancel_url, "intro": intro},
    )


# ===== workforce part ======================================================================

# --- profiles ------------------------------------------------------------------------------


@organisation_view(VIEW)
def home(request: AuthedRequest) -> HttpResponse:
    organisation = _org(request)
    today = timezone.localdate()
    page = paginate(request, selectors.profile_list(organisation=organisation))
    rows = [{"profile": p, "roles": selectors.current_roles(p, today)} for p in page.object_list]
    return render(
        request,
        "workforce/profile_list.html",
        {
            "page": page,
            "rows": rows,
            "can_manage": request.user.has_perm(MANAGE, organisation),
            "own_profile": selectors.profile_of_user(organisation=organisation, user=request.user),
        },
    )


@organisation_view(VIEW)
def my_profile(request: AuthedRequest) -> HttpResponse:
    profile = selectors.profile_of_user(organisation=_org(request), user=request.user)
    if profile is None:
        return render(request, "workforce/no_profile.html", status=404)
    return redirect("workforce:profile_detail", profile_id=profile.pk)


def _invite(request: AuthedRequest, profile: Profile) -> bool:
    accept_url = request.build_absolute_uri(
        reverse("accounts:invitation_accept", kwargs={"token": "TOKEN"})  # nosec B105  # a placeholder
    ).replace("TOKEN", "{token}")
    try:
        services.profile_invite(
            profile=profile, invited_by=request.user, accept_url_template=accept_url
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return False
    messages.success(
        request, _("De uitnodiging is verstuurd naar %(email)s.") % {"email": profile.email}
    )
    return True


@organisation_view(MANAGE)
def profile_create(request: AuthedRequest) -> HttpResponse:
    organisation = _org(request)
    form = ProfileForm(request.POST or None)
    invite = InviteChoiceForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and invite.is_valid():
        data = dict(form.cleaned_data)
        domains = data.pop("domains")
        try:
            profile = services.profile_create(
                organisation=organisation, created_by=request.user, domains=domains, **data
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("%(name)s is geregistreerd.") % {"name": profile.name})
            if invite.cleaned_data["invite"]:
                _invite(request, profile)
            return redirect("workforce:profile_detail", profile_id=profile.pk)
    return render(
        request,
        "workforce/profile_form.html",
        {
            "form": form,
            "invite_form": invite,
            "title": _("Ervaringswerker registreren"),
            "cancel_url": reverse("workforce:home"),
        },
    )


@organisation_view(VIEW)
def profile_detail(request: AuthedRequest, profile_id: int) -> HttpResponse:
    organisation = _org(request)
    profile = _profile(request, profile_id)
    access = selectors.profile_access(organisation=organisation, user=request.user, profile=profile)
    today = timezone.localdate()
    own = selectors.is_own_profile(user=request.user, profile=profile)
    context: dict[str, Any] = {
        "profile": profile,
        "access": access,
        "own": own,
        "roles": selectors.current_roles(profile, today),
        "can_manage": request.user.has_perm(MANAGE, organisation),
    }
    if access != selectors.NAME:
        context["domains"] = list(profile.domains.all())
        context["trainings"] = list(profile.trainings.all())
        context["registrations"] = list(profile.registrations.all())
    if access == selectors.FULL:
        context["positions"] = list(profile.positions.select_related("team"))
        context["coachings"] = list(profile.coachings.all())
        context["support"] = selectors.support_rows(
            organisation=organisation, today=today, profiles=[profile]
        )[0]
        if not own:
            access_read_record(
                reader=request.user,
                organisation=organisation,
                object_type="workforce.profile",
                object_id=profile.pk,
                subject=profile.membership.user if profile.membership else None,
            )
    return render(request, "workforce/profile_detail.html", context)


@organisation_view(VIEW)
def profile_edit(request: AuthedRequest, profile_id: int) -> HttpResponse:
    profile = _profile(request, profile_id)
    _require_full(request, profile)
    own = selectors.is_own_profile(user=request.user, profile=profile)
    form_class = OwnProfileForm if own else ProfileForm
    form = form_class(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in services.PROFILE_FIELDS}
        try:
            services.profile_update(
                profile=profile,
                domains=form.cleaned_data["domains"],
                matching_consent=form.cleaned_data["matching_consent"] if own else None,
                **data,
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("Het profiel is opgeslagen."))
            return redirect("workforce:profile_detail", profile_id=profile.pk)
    return _form_page(
        request,
        form,
        title=_("Profiel van %(name)s bewerken") % {"name": profile.name},
        cancel_url=reverse("workforce:profile_detail", args=[profile.pk]),
    )


@organisation_view(MANAGE)
def profile_invite(request: AuthedRequest, profile_id: int) -> HttpResponse:
    profile = _profile(request, profile_id)
    detail = reverse("workforce:profile_detail", args=[profile.pk])
    if request.method == "POST":
        _invite(request, profile)
        return redirect(detail)
    return render(
        request,
        "core/confirm_delete.html",
        {
            "title": _("%(name)s uitnodigen voor een account?") % {"name": profile.name},
            "explanation": _(
                "Er gaat een e-mail met een persoonlijke link naar %(email)s. Met het account "
                "ziet en bewerkt de ervaringswerker het eigen profiel en portfolio."
            )
            % {"email": profile.email or "–"},
            "confirm_label": _("Uitnodiging versturen"),
            "cancel_url": detail,
        },
    )


@organisation_view(MANAGE)
def profile_delete(request: AuthedRequest, profile_id: int) -> HttpResponse:
    profile = _profile(request, profile_id)
    return confirm_then(
        request,
        action=lambda: services.profile_delete(profile=profile),
        done_message=_("Het profiel is verwijderd."),
        done_url=reverse("workforce:home"),
        cancel_url=reverse("workforce:home"),
        title=_("Profiel van %(name)s verwijderen?") % {"name": profile.name},
        explanation=_(
            "Functies, opleidingen, ondersteuning en het portfolio van deze ervaringswerker "
            "verdwijnen mee. Dit kan niet ongedaan worden gemaakt."
        ),
    )


# --- positions -----------------------------------------------------------------------------


@organisation_view(MANAGE)
def position_create(request: AuthedRequest, profile_id: int) -> HttpResponse:
    profile = _profile(request, profile_id)
    form = PositionForm(request.POST or None, organisation=_org(request))
    back = reverse("workforce:profile_detail", args=[profile.pk])
    if request.method == "POST" and form.is_valid():
        try:
            services.position_create(profile=profile, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("De functie is opgeslagen."))
            return redirect(back)
    return _form_page(
        request,
        form,
        title=_("Functie van %(name)s toevoegen") % {"name": profile.name},
        cancel_url=back,
        intro=_(
            "Een functie zet de ervaringswerker in een team en laag, in één of meer rollen. "
            "Betaalde functies tellen mee in de voortgang van het kwartiermaakplan."
        ),
    )


@organisation_view(MANAGE)
def position_edit(request: AuthedRequest, position_id: int) -> HttpResponse:
    position = get_or_404(
        selectors.position_get, organisation=_org(request), position_id=position_id
    )
    form = PositionForm(request.POST or None, instance=position, organisation=_org(request))
    back = reverse("workforce:profile_detail", args=[position.profile_id])
    if request.method == "POST" and form.is_valid():
        try:
            services.position_update(position=position, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("De functie is opgeslagen."))
            return redirect(back)
    return _form_page(request, form, title=_("Functie bewerken"), cancel_url=back)


@organisation_view(MANAGE)
def position_delete(request: AuthedRequest, position_id: int) -> HttpResponse:
    position = get_or_404(
        selectors.position_get, organisation=_org(request), position_id=position_id
    )
    return confirm_then(
        request,
        action=lambda: services.position_delete(position=position),
        done_message=_("De functie is verwijderd."),
        done_url=reverse("workforce:profile_detail", args=[position.profile_id]),
        cancel_url=reverse("workforce:profile_detail", args=[position.profile_id]),
        title=_("Functie van %(name)s verwijderen?") % {"name": position.profile.name},
        explanation=_(
            "Wie een functie beëindigt, vult liever een einddatum in: dan blijft de voortgang "
            "van eerdere jaren kloppen."
        ),
    )


# --- training, registration, coaching (managers); goals and career steps (worker too) ------

PARTS: dict[str, tuple[type[Model], Any, Any, Callable[..., Any], str]] = {
    # key: (model, form, title, getter, id kwarg)
    "training": (
        Training,
        TrainingForm,
        "Opleiding toevoegen",
        selectors.training_get,
        "training_id",
    ),
    "registration": (
        Registration,
        RegistrationForm,
        "Registratie toevoegen",
        selectors.registration_get,
        "registration_id",
    ),
    "coaching": (
        CoachingTrajectory,
        CoachingForm,
        "Coachtraject toevoegen",
        selectors.coaching_get,
        "coaching_id",
    ),
    "goal": (
        DevelopmentGoal,
        GoalForm,
        "Ontwikkeldoel toevoegen",
        selectors.goal_get,
        "goal_id",
    ),
    "step": (
        CareerStep,
        CareerStepForm,
        "Loopbaanstap toevoegen",
        selectors.career_step_get,
        "step_id",
    ),
}
PORTFOLIO_PARTS = {"goal", "step"}


def _part_back(part: str, profile_id: int) -> str:
    name = "workforce:portfolio" if part in PORTFOLIO_PARTS else "workforce:profile_detail"
    return reverse(name, args=[profile_id])


def _part_create(request: AuthedRequest, profile_id: int, part: str) -> HttpResponse:
    model, form_class, title, _getter, _kw = PARTS[part]
    profile = _profile(request, profile_id)
    if part in PORTFOLIO_PARTS:
        _require_full(request, profile)
    elif not request.user.has_perm(MANAGE, _org(request)):
        raise PermissionDenied
    form = form_class(request.POST or None)
    back = _part_back(part, profile.pk)
    if request.method == "POST" and form.is_valid():
        try:
            services.profile_part_create(model, profile=profile, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("Opgeslagen."))
            return redirect(back)
    return _form_page(request, form, title=f"{_(title)}: {profile.name}", cancel_url=back)


def _part_delete(request: AuthedRequest, part: str, object_id: int) -> HttpResponse:
    _model, _form, _title, getter, kw = PARTS[part]
    obj = get_or_404(getter, organisation=_org(request), **{kw: object_id})
    if part in PORTFOLIO_PARTS:
        _require_full(request, obj.profile)
    elif not request.user.has_perm(MANAGE, _org(request)):
        raise PermissionDenied
    return confirm_then(
        request,
        action=lambda: services.profile_part_delete(obj=obj),
        done_message=_("Verwijderd."),
        done_url=_part_back(part, obj.profile_id),
        cancel_url=_part_back(part, obj.profile_id),
        title=_("%(item)s verwijderen?") % {"item": obj},
        explanation=_("Dit kan niet ongedaan worden gemaakt."),
    )


@organisation_view(VIEW)
def training_create(request: AuthedRequest, profile_id: int) -> HttpResponse:
    return _part_create(request, profile_id, "training")


@organisation_view(VIEW)
def training_delete(request: AuthedRequest, training_id: int) -> HttpResponse:
    return _part_delete(request, "training", training_id)


@organisation_view(VIEW)
def registration_create(request: AuthedRequest, profile_id: int) -> HttpResponse:
    return _part_create(request, profile_id, "registration")


@organisation_view(VIEW)
def registration_delete(request: AuthedRequest, registration_id: int) -> HttpResponse:
    return _part_delete(request, "registration", registration_id)


@organisation_view(VIEW)
def coaching_create(request: AuthedRequest, profile_id: int) -> HttpResponse:
    return _part_create(request, profile_id, "coaching")


@organisation_view(VIEW)
def coaching_delete(request: AuthedRequest, coaching_id: int) -> HttpResponse:
    return _part_delete(request, "coaching", coaching_id)


@organisation_view(VIEW)
def goal_create(request: AuthedRequest, profile_id: int) -> HttpResponse:
    return _part_create(request, profile_id, "goal")


@organisation_view(VIEW)
def goal_delete(request: AuthedRequest, goal_id: int) -> HttpResponse:
    return _part_delete(request, "goal", goal_id)


@organisation_view(VIEW)
def step_create(request: AuthedRequest, profile_id: int) -> HttpResponse:
    return _part_create(request, profile_id, "step")


@organisation_view(VIEW)
def step_delete(request: AuthedRequest, step_id: int) -> HttpResponse:
    return _part_delete(request, "step", step_id)


# --- support overview ----------------------------------------------------------------------


@organisation_view(VIEW)
def support(request: AuthedRequest) -> HttpResponse:
    """Per worker, whether support is in place: all workers for a manager, one's own
    row for a worker."""
    organisation = _org(request)
    today = timezone.localdate()
    if request.user.has_perm(MANAGE, organisation):
        profiles = None
    else:
        own = selectors.profile_of_user(organisation=organisation, user=request.user)
        if own is None:
            raise PermissionDenied
        profiles = [own]
    rows = selectors.support_rows(organisation=organisation, today=today, profiles=profiles)
    return render(
        request,
        "workforce/support.html",
        {"rows": rows, "weeks": selectors.support_weeks()},
    )


# --- intervisie ----------------------------------------------------------------------------


@organisation_view(VIEW)
def group_list(request: AuthedRequest) -> HttpResponse:
    organisation = _org(request)
    page = paginate(request, selectors.group_list(organisation=organisation))
    return render(
        request,
        "workforce/group_list.html",
        {"page": page, "can_manage": request.user.has_perm(MANAGE, organisation)},
    )


@organisation_view(MANAGE)
def group_create(request: AuthedRequest) -> HttpResponse:
    organisation = _org(request)
    form = GroupForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            group = services.group_create(organisation=organisation, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("De intervisiegroep is aangemaakt."))
            return redirect("workforce:group_detail", group_id=group.pk)
    return _form_page(
        request,
        form,
        title=_("Nieuwe intervisiegroep"),
        cancel_url=reverse("workforce:group_list"),
        intro=_(
            "De meeste organisaties hebben te weinig ervaringswerkers voor een eigen groep. "
            "Met een netwerk doen ook ervaringswerkers van de andere organisaties mee; elke "
            "organisatie ziet alleen de namen van haar eigen deelnemers."
        ),
    )


@organisation_view(VIEW)
def group_detail(request: AuthedRequest, group_id: int) -> HttpResponse:
    organisation = _org(request)
    group = get_or_404(selectors.group_get, organisation=organisation, group_id=group_id)
    can_manage = request.user.has_perm(MANAGE, organisation)
    form = None
    if can_manage:
        form = MemberAddForm(
            request.POST or None,
            profiles=selectors.addable_profiles(organisation=organisation, group=group),
        )
        if request.method == "POST" and form.is_valid():
            try:
                services.group_member_add(group=group, profile=form.cleaned_data["profile"])
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                messages.success(request, _("De ervaringswerker is toegevoegd."))
                return redirect("workforce:group_detail", group_id=group.pk)
    elif request.method == "POST":
        raise PermissionDenied
    return render(
        request,
        "workforce/group_detail.html",
        {
            "group": group,
            "members": selectors.group_members(organisation=organisation, group=group),
            "sessions": selectors.session_list(group=group),
            "form": form,
            "can_manage": can_manage,
            "keeps_group": group.organisation_id == organisation.pk,
        },
    )


@organisation_view(MANAGE)
def member_remove(request: AuthedRequest, member_id: int) -> HttpResponse:
    member = get_or_404(selectors.member_get, organisation=_org(request), member_id=member_id)
    return confirm_then(
        request,
        action=lambda: services.group_member_remove(member=member),
        done_message=_("De ervaringswerker is uit de groep gehaald."),
        done_url=reverse("workforce:group_detail", args=[member.group_id]),
        cancel_url=reverse("workforce:group_detail", args=[member.group_id]),
        title=_("%(name)s uit %(group)s halen?")
        % {"name": member.profile.name, "group": member.group.name},
        explanation=_("Eerdere aanwezigheid blijft staan."),
        confirm_label=_("Uit de groep halen"),
    )


@organisation_view(MANAGE)
def session_create(request: AuthedRequest, group_id: int) -> HttpResponse:
    organisation = _org(request)
    group = get_or_404(selectors.group_get, organisation=organisation, group_id=group_id)
    if group.organisation_id != organisation.pk:
        raise PermissionDenied
    form = SessionForm(request.POST or None)
    back = reverse("workforce:group_detail", args=[group.pk])
    if request.method == "POST" and form.is_valid():
        try:
            session = services.session_create(
                group=group,
                organisation=organisation,
                date=form.cleaned_data["date"],
                method=form.cleaned_data["method"],
                topics=form.topic_list(),
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("De bijeenkomst is vastgelegd."))
            return redirect("workforce:session_detail", session_id=session.pk)
    return _form_page(request, form, title=_("Bijeenkomst vastleggen"), cancel_url=back)


@organisation_view(VIEW)
def session_detail(request: AuthedRequest, session_id: int) -> HttpResponse:
    organisation = _org(request)
    session = get_or_404(selectors.session_get, organisation=organisation, session_id=session_id)
    can_manage = request.user.has_perm(MANAGE, organisation)
    form = None
    if can_manage:
        own_members = session.group.members.filter(organisation=organisation).values("profile")
        profiles = Profile.objects.filter(pk__in=own_members)
        initial = {"present": list(session.attendees.filter(organisation=organisation))}
        form = AttendanceForm(request.POST or None, profiles=profiles, initial=initial)
        if request.method == "POST" and form.is_valid():
            try:
                services.session_attendance_set(
                    session=session,
                    organisation=organisation,
                    present=form.cleaned_data["present"],
                )
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                messages.success(request, _("De aanwezigheid is opgeslagen."))
                return redirect("workforce:session_detail", session_id=session.pk)
    elif request.method == "POST":
        raise PermissionDenied
    return render(
        request,
        "workforce/session_detail.html",
        {
            "session": session,
            "attendance": selectors.session_attendance(organisation=organisation, session=session),
            "form": form,
        },
    )


# --- development portfolio -----------------------------------------------------------------


@organisation_view(VIEW)
def portfolio(request: AuthedRequest, profile_id: int) -> HttpResponse:
    profile = _profile(request, profile_id)
    _require_full(request, profile)
    return render(
        request,
        "workforce/portfolio.html",
        {
            "profile": profile,
            "hours": selectors.hours_list(profile=profile),
            "totals": selectors.hours_totals(profile=profile),
            "goals": list(profile.goals.all()),
            "steps": list(profile.career_steps.all()),
        },
    )


@organisation_view(VIEW)
def hours_create(request: AuthedRequest, profile_id: int) -> HttpResponse:
    profile = _profile(request, profile_id)
    _require_full(request, profile)
    form = HoursForm(request.POST or None)
    back = reverse("workforce:portfolio", args=[profile.pk])
    if request.method == "POST" and form.is_valid():
        try:
            services.hours_create(profile=profile, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("De uren zijn opgeslagen."))
            return redirect(back)
    return _form_page(
        request,
        form,
        title=_("Uren toevoegen: %(name)s") % {"name": profile.name},
        cancel_url=back,
        intro=_(
            "Praktijkuren in één van de drie rollen, of supervisie-uren. Vul de begeleider in "
            "om de uren daarna per e-mail te laten bevestigen."
        ),
    )


def _hours(request: AuthedRequest, hours_id: int) -> Any:
    entry = get_or_404(selectors.hours_get, organisation=_org(request), hours_id=hours_id)
    _require_full(request, entry.profile)
    return entry


@organisation_view(VIEW)
def hours_request(request: AuthedRequest, hours_id: int) -> HttpResponse:
    entry = _hours(request, hours_id)
    back = reverse("workforce:portfolio", args=[entry.profile_id])

    def send() -> None:
        confirm_url = request.build_absolute_uri(
            reverse("workforce:confirm_hours", kwargs={"token": "TOKEN"})  # nosec B105  # a placeholder
        ).replace("TOKEN", "{token}")
        services.hours_request_confirmation(
            entry=entry, confirm_url_template=confirm_url, requested_by=request.user
        )

    return confirm_then(
        request,
        action=send,
        done_message=_("De vraag om bevestiging is verstuurd naar %(email)s.")
        % {"email": entry.supervisor_email},
        done_url=back,
        cancel_url=back,
        title=_("Bevestiging vragen aan %(name)s?")
        % {"name": entry.supervisor_name or entry.supervisor_email or "–"},
        explanation=_(
            "De begeleider krijgt een e-mail met een link die één keer werkt en 30 dagen "
            "geldig is. Een eerdere link voor deze uren werkt daarna niet meer."
        ),
        confirm_label=_("Vraag versturen"),
    )


@organisation_view(VIEW)
def hours_delete(request: AuthedRequest, hours_id: int) -> HttpResponse:
    entry = _hours(request, hours_id)
    return confirm_then(
        request,
        action=lambda: services.hours_delete(entry=entry),
        done_message=_("De uren zijn verwijderd."),
        done_url=reverse("workforce:portfolio", args=[entry.profile_id]),
        cancel_url=reverse("workforce:portfolio", args=[entry.profile_id]),
        title=_("Deze uren verwijderen?"),
        explanation=_("Bevestigde uren blijven staan; andere uren verdwijnen."),
    )


def _log_export(request: AuthedRequest, profile: Profile, what: str) -> None:
    if not selectors.is_own_profile(user=request.user, profile=profile):
        access_read_record(
            reader=request.user,
            organisation=_org(request),
            object_type="workforce.portfolio",
            object_id=profile.pk,
            subject=profile.membership.user if profile.membership else None,
            action=AccessAction.EXPORT,
            detail=what,
        )


@organisation_view(VIEW)
def portfolio_json(request: AuthedRequest, profile_id: int) -> HttpResponse:
    profile = _profile(request, profile_id)
    _require_full(request, profile)
    _log_export(request, profile, "json")
    document = selectors.portfolio_document(profile=profile, today=timezone.localdate())
    response = HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="portfolio-{profile.pk}.json"'
    return response


@organisation_view(VIEW)
def portfolio_pdf(request: AuthedRequest, profile_id: int) -> HttpResponse:
    profile = _profile(request, profile_id)
    _require_full(request, profile)
    _log_export(request, profile, "pdf")
    document = selectors.portfolio_document(profile=profile, today=timezone.localdate())
    pdf = render_portfolio_pdf(document, request=request)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="portfolio-{profile.pk}.pdf"'
    return response


# --- the supervisor's link (no account) ----------------------------------------------------


@rate_limit("respondent", link_argument="token")
def confirm_hours(request: HttpRequest, token: str) -> HttpResponse:
    entry = selectors.hours_by_token(token=token)
    if entry is None:
        raise Http404
    if not entry.link_is_open:
        return render(request, "workforce/confirm_hours_closed.html", {"entry": entry}, status=410)
    form = DecisionForm(
        request.POST or None,
        initial={"name": entry.supervisor_name, "email": entry.supervisor_email},
    )
    if request.method == "POST" and form.is_valid():
        decision = request.POST.get("decision")
        if decision not in ("confirm", "decline"):
            form.add_error(None, _("Kies bevestigen of niet bevestigen."))
        else:
            try:
                entry = services.hours_decide(
                    token=token,
                    confirm=decision == "confirm",
                    name=form.cleaned_data["name"],
                    email=form.cleaned_data["email"],
                    note=form.cleaned_data["note"],
                )
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                return render(request, "workforce/confirm_hours_done.html", {"entry": entry})
    return render(request, "workforce/confirm_hours.html", {"entry": entry, "form": form})


# ===== end of the workforce part ===========================================================
