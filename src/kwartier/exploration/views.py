"""Pages of the verkenning: rounds, results and report, concerns register, templates,
and the public pages where respondents answer without an account."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from kwartier.core.decorators import organisation_view
from kwartier.core.forms import add_validation_errors
from kwartier.core.http import AuthedRequest, SignedInRequest
from kwartier.core.models import AccessAction
from kwartier.core.pagination import paginate
from kwartier.core.ratelimit import rate_limit
from kwartier.core.services import access_read_record
from kwartier.core.shortcuts import confirm_then, get_or_404
from kwartier.exploration import reports, selectors, services
from kwartier.exploration.default_template import GROUP_LABELS
from kwartier.exploration.disclosure import MIN_GROUP_SIZE
from kwartier.exploration.forms import (
    ConcernForm,
    InvitationForm,
    OpenAnswersForm,
    RoundForm,
    TemplateEditForm,
    ThemeAnswersForm,
)
from kwartier.exploration.models import (
    Concern,
    ConcernStatus,
    OpenAnswersState,
    Response,
    Round,
    RoundStatus,
    TemplateVersion,
)

View = Callable[..., HttpResponse]


def _organisation(request: AuthedRequest) -> Any:
    return request.membership.organisation


def _round_or_404(request: AuthedRequest, round_id: int) -> Round:
    return get_or_404(selectors.round_get, organisation=_organisation(request), round_id=round_id)


def _concern_or_404(request: AuthedRequest, concern_id: int) -> Concern:
    return get_or_404(
        selectors.concern_get, organisation=_organisation(request), concern_id=concern_id
    )


# --- Rounds -------------------------------------------------------------------------------


@organisation_view("exploration.view_rounds")
def round_list(request: AuthedRequest) -> HttpResponse:
    organisation = _organisation(request)
    return render(
        request,
        "exploration/round_list.html",
        {
            "page": paginate(request, selectors.round_list(organisation=organisation)),
            "can_manage": request.user.has_perm("exploration.manage_rounds", organisation),
        },
    )


@organisation_view("exploration.manage_rounds")
def round_create(request: AuthedRequest) -> HttpResponse:
    services.template_ensure_default()
    templates = selectors.template_latest_list()
    form = RoundForm(request.POST or None, templates=templates)
    if request.method == "POST" and form.is_valid():
        try:
            round_ = services.round_create(
                organisation=_organisation(request),
                created_by=request.user,
                **form.cleaned_data,
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("Ronde %(title)s is gestart.") % {"title": round_.title})
            return redirect("exploration:round_detail", round_id=round_.pk)
    return render(request, "exploration/round_form.html", {"form": form})


def _absolute(request: HttpRequest, name: str, token: str) -> str:
    return request.build_absolute_uri(reverse(name, kwargs={"token": token}))


@organisation_view("exploration.view_rounds")
def round_detail(request: AuthedRequest, round_id: int) -> HttpResponse:
    round_ = _round_or_404(request, round_id)
    groups = [
        {
            "key": group.key,
            "label": round_.group_label(group.key),
            "link": _absolute(request, "exploration:group_start", group.link_token)
            if group.link_token
            else "",
        }
        for group in selectors.round_groups(round=round_)
    ]
    return render(
        request,
        "exploration/round_detail.html",
        {
            "round": round_,
            "groups": groups,
            "overview": selectors.round_response_overview(round=round_),
            "can_manage": request.user.has_perm("exploration.manage_rounds", round_.organisation),
        },
    )


@organisation_view("exploration.manage_rounds")
def round_invite(request: AuthedRequest, round_id: int) -> HttpResponse:
    round_ = _round_or_404(request, round_id)
    form = InvitationForm(request.POST or None, round=round_)
    if request.method == "POST" and form.is_valid():
        start_url = _absolute(request, "exploration:invitation_start", "TOKEN").replace(
            "TOKEN", "{token}"
        )
        try:
            sent = services.round_invitations_send(
                round=round_,
                group=form.cleaned_data["group"],
                emails=form.cleaned_data["emails"],
                start_url_template=start_url,
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "%(count)s uitnodigingen verstuurd. "
                    "Adressen die al waren uitgenodigd zijn overgeslagen."
                )
                % {"count": sent},
            )
            return redirect("exploration:round_detail", round_id=round_.pk)
    return render(request, "exploration/round_invite.html", {"round": round_, "form": form})


@organisation_view("exploration.manage_rounds")
def round_close(request: AuthedRequest, round_id: int) -> HttpResponse:
    round_ = _round_or_404(request, round_id)
    return confirm_then(
        request,
        action=lambda: services.round_close(round=round_, closed_by=request.user),
        done_message=_("De ronde is afgesloten. De open antwoorden worden nu geanonimiseerd."),
        done_url=reverse("exploration:round_results", kwargs={"round_id": round_.pk}),
        cancel_url=reverse("exploration:round_detail", kwargs={"round_id": round_.pk}),
        title=_("Ronde %(title)s afsluiten?") % {"title": round_.title},
        explanation=_(
            "Daarna kan niemand meer antwoorden. Lijsten die wel begonnen maar niet "
            "verstuurd zijn, worden gewist, net als de e-mailadressen van de uitnodigingen."
        )
        + _close_warning(round_),
        confirm_label=_("Afsluiten"),
    )


def _close_warning(round_: Round) -> str:
    """Closing now with one to four lists after the last tussenstand keeps the figures of
    that tussenstand (decision 0012); say so before it happens."""
    states = selectors.published_states(round=round_)
    if not round_.is_open or selectors.step_is_safe(round=round_, states=states):
        return ""
    waiting = selectors.round_results(round=round_, with_previous=False).waiting
    return " " + _(
        "Let op: sinds de laatste tussenstand zijn %(waiting)s lijsten verstuurd; bij "
        "minstens één stelling gaven minder dan %(min)s van hen een antwoord. Sluit u nu af, "
        "dan tellen die lijsten niet mee in de cijfers (het verschil met de tussenstand zou "
        "laten zien wat zij antwoordden). Wacht met afsluiten tot er meer lijsten bij zijn "
        "als u ze wilt meetellen."
    ) % {"waiting": waiting, "min": MIN_GROUP_SIZE}


@organisation_view("exploration.manage_rounds")
def round_delete(request: AuthedRequest, round_id: int) -> HttpResponse:
    round_ = _round_or_404(request, round_id)
    return confirm_then(
        request,
        action=lambda: services.round_delete(round=round_),
        done_message=_("Ronde %(title)s is verwijderd.") % {"title": round_.title},
        done_url=reverse("exploration:round_list"),
        cancel_url=reverse("exploration:round_detail", kwargs={"round_id": round_.pk}),
        title=_("Ronde %(title)s verwijderen?") % {"title": round_.title},
        explanation=_(
            "Alle antwoorden en resultaten van deze ronde verdwijnen. Dit kan niet "
            "ongedaan worden gemaakt."
        ),
    )


@organisation_view("exploration.manage_rounds")
def round_open_answers_retry(request: AuthedRequest, round_id: int) -> HttpResponse:
    """Start the de-identification job again, e.g. once the engine is installed."""
    round_ = _round_or_404(request, round_id)  # first: another organisation's id is a 404
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if round_.status == RoundStatus.CLOSED and round_.open_answers_state != OpenAnswersState.DONE:
        services.open_answers_deidentify_start(round=round_, user=request.user)
        messages.success(request, _("De open antwoorden worden opnieuw verwerkt."))
    return redirect("exploration:round_results", round_id=round_.pk)


# --- Results, report and exports ----------------------------------------------------------


def _log(request: AuthedRequest, round_: Round, action: str, what: str) -> None:
    access_read_record(
        reader=request.user,
        action=action,
        organisation=round_.organisation,
        object_type="exploration_round",
        object_id=round_.pk,
        detail=what,
    )


@organisation_view("exploration.view_rounds")
def round_results(request: AuthedRequest, round_id: int) -> HttpResponse:
    round_ = _round_or_404(request, round_id)
    services.round_publish_due(round=round_)
    context = reports.report_context(round=round_)
    context["can_manage"] = request.user.has_perm("exploration.manage_rounds", round_.organisation)
    _log(request, round_, AccessAction.READ, "results")
    return render(request, "exploration/round_results.html", context)


@organisation_view("exploration.view_rounds")
def round_report_pdf(request: AuthedRequest, round_id: int) -> HttpResponse:
    round_ = _round_or_404(request, round_id)
    services.round_publish_due(round=round_)
    pdf = reports.report_pdf(round=round_)
    _log(request, round_, AccessAction.EXPORT, "pdf")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="verkenning-{round_.pk}.pdf"'
    return response


@organisation_view("exploration.view_rounds")
def round_export_csv(request: AuthedRequest, round_id: int) -> HttpResponse:
    round_ = _round_or_404(request, round_id)
    services.round_publish_due(round=round_)
    _log(request, round_, AccessAction.EXPORT, "csv")
    response = HttpResponse(
        reports.export_csv(round=round_), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="verkenning-{round_.pk}.csv"'
    return response


@organisation_view("exploration.view_rounds")
def round_export_xlsx(request: AuthedRequest, round_id: int) -> HttpResponse:
    round_ = _round_or_404(request, round_id)
    services.round_publish_due(round=round_)
    _log(request, round_, AccessAction.EXPORT, "xlsx")
    response = HttpResponse(
        reports.export_xlsx(round=round_),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="verkenning-{round_.pk}.xlsx"'
    return response


# --- Concerns register --------------------------------------------------------------------


@organisation_view("exploration.view_concerns")
def concern_list(request: AuthedRequest) -> HttpResponse:
    organisation = _organisation(request)
    concerns = selectors.concern_list(organisation=organisation)
    status = request.GET.get("status", "")
    if status in ConcernStatus.values:
        concerns = concerns.filter(status=status)
    return render(
        request,
        "exploration/concern_list.html",
        {
            "page": paginate(request, concerns),
            "status": status,
            "statuses": ConcernStatus.choices,
            "group_labels": GROUP_LABELS,
            "can_manage": request.user.has_perm("exploration.manage_concerns", organisation),
        },
    )


def _concern_form(request: AuthedRequest, initial: dict[str, Any]) -> ConcernForm:
    return ConcernForm(
        request.POST or None,
        initial=initial,
        organisation=_organisation(request),
        group_labels=dict(GROUP_LABELS),
    )


@organisation_view("exploration.manage_concerns")
def concern_create(request: AuthedRequest) -> HttpResponse:
    initial: dict[str, Any] = {}
    round_id = request.GET.get("ronde", "")
    if round_id.isdigit():
        initial.update(round=round_id, source="answer")
    form = _concern_form(request, initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.concern_create(organisation=_organisation(request), **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("De zorg staat in het register."))
            return redirect("exploration:concern_list")
    return render(request, "exploration/concern_form.html", {"form": form, "concern": None})


@organisation_view("exploration.manage_concerns")
def concern_edit(request: AuthedRequest, concern_id: int) -> HttpResponse:
    concern = _concern_or_404(request, concern_id)
    initial = {
        "title": concern.title,
        "description": concern.description,
        "source": concern.source,
        "layer": concern.layer,
        "round": concern.round_id,
        "owner": concern.owner_id,
        "response": concern.response,
        "status": concern.status,
    }
    form = _concern_form(request, initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.concern_update(concern=concern, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("De zorg is bijgewerkt."))
            return redirect("exploration:concern_list")
    return render(request, "exploration/concern_form.html", {"form": form, "concern": concern})


@organisation_view("exploration.manage_concerns")
def concern_delete(request: AuthedRequest, concern_id: int) -> HttpResponse:
    concern = _concern_or_404(request, concern_id)
    return confirm_then(
        request,
        action=lambda: services.concern_delete(concern=concern),
        done_message=_("De zorg is uit het register verwijderd."),
        done_url=reverse("exploration:concern_list"),
        cancel_url=reverse("exploration:concern_list"),
        title=_("Zorg %(title)s verwijderen?") % {"title": concern.title},
        explanation=_(
            "Verwijder alleen wat per ongeluk is ingevoerd; een opgevolgde zorg kunt u "
            "beter op gesloten zetten, zodat zichtbaar blijft wat ermee gebeurd is."
        ),
    )


# --- Templates (platform administrators) --------------------------------------------------


def template_admin_required(view: View) -> View:
    """Only platform administrators; anyone else gets 404, as for the platform pages."""

    @login_required
    @wraps(view)
    def wrapped(request: SignedInRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.has_perm("exploration.manage_templates"):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped


def _template_or_404(key: str, version: int | None = None) -> TemplateVersion:
    return get_or_404(selectors.template_get, key=key, version=version)


@template_admin_required
def template_list(request: SignedInRequest) -> HttpResponse:
    services.template_ensure_default()
    return render(
        request, "exploration/template_list.html", {"templates": selectors.template_latest_list()}
    )


@template_admin_required
def template_detail(request: SignedInRequest, key: str) -> HttpResponse:
    version = request.GET.get("versie", "")
    template = _template_or_404(key, int(version) if version.isdigit() else None)
    scan = template.scan
    themes = [
        {
            "name": theme.name,
            "statements": [s for s in scan.statements if s.theme == theme.key],
            "advice": scan.advice.get(theme.key, ()),
        }
        for theme in scan.themes
    ]
    return render(
        request,
        "exploration/template_detail.html",
        {
            "template": template,
            "themes": themes,
            "versions": selectors.template_versions(key=key).order_by("-version"),
        },
    )


@template_admin_required
def template_edit(request: SignedInRequest, key: str) -> HttpResponse:
    template = _template_or_404(key)
    used_keys = {
        statement["key"]
        for version in selectors.template_versions(key=key)
        for statement in version.content["statements"]
    }
    form = TemplateEditForm(request.POST or None, template=template, used_keys=used_keys)
    if request.method == "POST" and form.is_valid():
        try:
            new = services.template_version_create(
                base=template,
                name=form.cleaned_data["name"],
                content=form.content(),
                change_note=form.cleaned_data["change_note"],
                created_by=request.user,
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(
                request,
                _("Versie %(version)s is opgeslagen. Lopende rondes houden hun eigen versie.")
                % {"version": new.version},
            )
            return redirect("exploration:template_detail", key=new.key)
    return render(request, "exploration/template_form.html", {"form": form, "template": template})


# --- Respondents (no account) -------------------------------------------------------------


def _cookie_name(round_: Round) -> str:
    return f"kwartier_verkenning_{round_.pk}"


def _remembered_response(request: HttpRequest, round_: Round) -> tuple[Response, str] | None:
    """The unfinished response this browser started in this round, with its token."""
    token = request.COOKIES.get(_cookie_name(round_), "")
    response = selectors.response_by_resume_token(token=token) if token else None
    if response is None or response.round_id != round_.pk or response.submitted:
        return None
    return response, token


def _remember(http: HttpResponse, round_: Round, token: str) -> HttpResponse:
    http.set_cookie(
        _cookie_name(round_),
        token,
        max_age=60 * 60 * 24 * 120,
        path="/verkenning/",
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return http


def _closed(request: HttpRequest, round_: Round) -> HttpResponse:
    return render(request, "exploration/respond/closed.html", {"round": round_}, status=410)


def _start(request: HttpRequest, round_: Round, group: str, invitation: Any = None) -> HttpResponse:
    """The start page of a link; POST begins a new response (never a GET: mail scanners
    open links too, and must not use up a single-use invitation)."""
    remembered = _remembered_response(request, round_)
    if request.method == "POST":
        if request.POST.get("action") == "continue" and remembered is not None:
            return redirect("exploration:respond", token=remembered[1])
        try:
            _response, token = services.response_start(
                round=round_, group=group, invitation=invitation
            )
        except ValidationError:
            return render(request, "exploration/respond/used.html", {"round": round_}, status=410)
        return _remember(redirect("exploration:respond", token=token), round_, token)
    return render(
        request,
        "exploration/respond/start.html",
        {
            "round": round_,
            "group_label": round_.group_label(group),
            "remembered": remembered is not None,
            "themes": len(round_.template.scan.themes),
        },
    )


@never_cache
@rate_limit("respondent", link_argument="token")
def invitation_start(request: HttpRequest, token: str) -> HttpResponse:
    invitation = selectors.invitation_by_token(token=token)
    if invitation is None:
        raise Http404
    round_ = invitation.round
    if not round_.is_accepting:
        return _closed(request, round_)
    if invitation.used:
        remembered = _remembered_response(request, round_)
        if remembered is not None:
            return redirect("exploration:respond", token=remembered[1])
        return render(request, "exploration/respond/used.html", {"round": round_}, status=410)
    return _start(request, round_, invitation.group, invitation)


@never_cache
@rate_limit("respondent", link_argument="token")
def group_start(request: HttpRequest, token: str) -> HttpResponse:
    group = selectors.round_group_by_link(token=token)
    if group is None:
        raise Http404
    if not group.round.is_accepting:
        return _closed(request, group.round)
    return _start(request, group.round, group.key)


def _step_number(raw: str | None, default: int, last: int) -> int:
    number = int(raw) if raw and raw.isdigit() else default
    return min(max(number, 1), last)


@never_cache
@rate_limit("respondent", link_argument="token")
def respond(request: HttpRequest, token: str) -> HttpResponse:
    """One page of the scan: a theme's statements, or at the end the open questions."""
    response = selectors.response_by_resume_token(token=token)
    if response is None:
        raise Http404
    round_ = response.round
    if response.submitted:
        return render(request, "exploration/respond/done.html", {"round": round_})
    if not round_.is_accepting:
        return _closed(request, round_)
    scan = round_.template.scan
    last = len(scan.themes) + 1
    step = _step_number(request.GET.get("stap"), response.step, last)
    resume_url = _absolute(request, "exploration:respond", token)
    action = request.POST.get("action", "next")
    next_step = {"previous": max(step - 1, 1), "later": step}.get(action, min(step + 1, last))
    context: dict[str, Any] = {
        "round": round_,
        "step": step,
        "last": last,
        "resume_url": resume_url,
        "percent": round(100 * (step - 1) / last),
    }
    if step == last:
        form: ThemeAnswersForm | OpenAnswersForm = OpenAnswersForm(
            request.POST or None, questions=scan.open_questions, initial=response.open_answers
        )
        if request.method == "POST" and form.is_valid():
            try:
                services.response_save_open_answers(
                    response=response, open_answers=form.cleaned_data, next_step=next_step
                )
                if action == "submit":
                    services.response_submit(response=response)
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                return _after_save(request, round_, token, action, next_step)
        context.update(form=form, open_questions=True)
        return render(request, "exploration/respond/page.html", context)
    theme = scan.themes[step - 1]
    statements = [s for s in scan.statements if s.theme == theme.key]
    form = ThemeAnswersForm(
        request.POST or None,
        statements=statements,
        scale_labels=dict(scan.scale_labels),
        initial=ThemeAnswersForm.initial_from(response.answers, [s.key for s in statements]),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.response_save_answers(
                response=response, theme=theme.key, answers=form.answers(), next_step=next_step
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            return _after_save(request, round_, token, action, next_step)
    context.update(form=form, theme=theme, open_questions=False)
    return render(request, "exploration/respond/page.html", context)


def _after_save(
    request: HttpRequest, round_: Round, token: str, action: str, next_step: int
) -> HttpResponse:
    url = reverse("exploration:respond", kwargs={"token": token})
    if action == "submit":
        http = redirect(url)
        http.delete_cookie(_cookie_name(round_), path="/verkenning/")
        return http
    if action == "later":
        return redirect("exploration:respond_saved", token=token)
    return redirect(f"{url}?stap={next_step}")


@never_cache
@rate_limit("respondent", link_argument="token")
def respond_saved(request: HttpRequest, token: str) -> HttpResponse:
    """After "stop and continue later": the personal link to come back with."""
    response = selectors.response_by_resume_token(token=token)
    if response is None:
        raise Http404
    return render(
        request,
        "exploration/respond/saved.html",
        {
            "round": response.round,
            "resume_url": _absolute(request, "exploration:respond", token),
        },
    )
