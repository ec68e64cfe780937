"""Pages of Resultaten (/resultaten/): the contributions log, mirror signals, the
responsiveness figures (also as an opt-in public page) and the settings."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kwartier.accounts.models import Organisation
from kwartier.core.decorators import organisation_view
from kwartier.core.forms import add_validation_errors
from kwartier.core.http import AuthedRequest
from kwartier.core.pagination import paginate
from kwartier.core.services import access_read_record
from kwartier.core.shortcuts import confirm_then
from kwartier.impact import charts, selectors, services
from kwartier.impact.figures import Responsiveness
from kwartier.impact.forms import (
    ContributionForm,
    OutcomeForm,
    PeriodForm,
    RespondForm,
    SettingsForm,
    SignalForm,
)
from kwartier.impact.models import Signal, SignalState

# --- helpers --------------------------------------------------------------------------------


def today() -> datetime.date:
    """The local date the pages count from (one seam: tests fix it, never the clock)."""
    return timezone.localdate()


def _show_identifying(form: Any, error: services.IdentifyingText) -> list[dict[str, Any]]:
    """Put the findings on the form: per field the spans, and the fingerprint to confirm."""
    data = form.data.copy()
    data["fingerprint"] = error.fingerprint
    data["confirm_not_identifying"] = ""
    form.data = data
    add_validation_errors(form, error)
    return [
        {
            "field": form.fields[field].label if field in form.fields else field,
            "spans": [
                {"text": span.text, "label": services.label_name(span.label)} for span in spans
            ],
        }
        for field, spans in error.findings.items()
    ]


def default_period(day: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The last twelve months, this one included."""
    year, month = day.year, day.month - 11
    if month < 1:
        year, month = year - 1, month + 12
    return datetime.date(year, month, 1), day


def _figures_context(
    organisation: Organisation, *, start: datetime.date, end: datetime.date, team_id: int | None
) -> dict[str, Any]:
    day = today()
    total = selectors.responsiveness_for(
        organisation=organisation, start=start, end=end, today=day, team_id=team_id
    )
    rows = selectors.responsiveness_by_month(
        organisation=organisation, start=start, end=end, today=day, team_id=team_id
    )
    chart = charts.responsiveness_chart(
        title=_("Signalen per maand, %(name)s") % {"name": organisation.name}, rows=rows
    )
    return {
        "figures": total,
        "figure_cards": _cards(total),
        "months": [(charts.month_label(first), figures) for first, figures in rows],
        "chart": chart,
        "start": start,
        "end": end,
    }


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{round(value * 100)}%"


def _days(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:.1f}".replace(".", ",").removesuffix(",0")


def _cards(figures: Responsiveness) -> list[tuple[str, str]]:
    return [
        (_("Signalen"), str(figures.signals)),
        (_("Beantwoord"), str(figures.answered)),
        # A soft hyphen: the word breaks readably in a narrow card on a phone.
        (
            _("Reactiepercentage").replace("percentage", "\u00adpercentage"),
            _percent(figures.response_rate),
        ),
        (_("Mediaan dagen tot reactie"), _days(figures.median_days_to_response)),
        (_("Verandering gepland"), str(figures.change_planned)),
        (_("Verandering doorgevoerd"), str(figures.change_made)),
        (_("Geen verandering"), str(figures.no_change)),
        (_("Nu over de termijn"), str(figures.overdue)),
    ]


# --- overview -------------------------------------------------------------------------------


@organisation_view("impact.view_results")
def home(request: AuthedRequest) -> HttpResponse:
    organisation = request.membership.organisation
    user = request.user
    day = today()
    own = selectors.contribution_list_own(user=user, organisation=organisation)
    start, end = default_period(day)
    context = {
        "month_total": selectors.contribution_month_total(own, day=day),
        "raised": selectors.signal_list_raised(user=user, organisation=organisation)[:5],
        "to_answer": selectors.signal_list_to_answer(user=user, organisation=organisation)[:5],
        "overdue": (
            selectors.signal_list_overdue(organisation=organisation)[:5]
            if user.has_perm("impact.oversee_signals", organisation)
            else []
        ),
        "figure_cards": _cards(
            selectors.responsiveness_for(organisation=organisation, start=start, end=end, today=day)
        ),
        "may_contribute": user.has_perm("impact.log_contribution", organisation),
        "may_manage": user.has_perm("impact.manage_settings", organisation),
        "now": timezone.now(),
    }
    return render(request, "impact/home.html", context)


# --- contributions --------------------------------------------------------------------------


@organisation_view("impact.view_results")
def contribution_list(request: AuthedRequest) -> HttpResponse:
    organisation = request.membership.organisation
    may_see_all = request.user.has_perm("impact.view_organisation_contributions", organisation)
    everyone = may_see_all and request.GET.get("alle") == "1"
    contributions = selectors.contribution_list_visible(
        user=request.user, organisation=organisation, everyone=everyone
    )
    day = today()
    return render(
        request,
        "impact/contribution_list.html",
        {
            "page": paginate(request, contributions),
            "month_total": selectors.contribution_month_total(contributions, day=day),
            "everyone": everyone,
            "may_see_all": may_see_all,
            "may_contribute": request.user.has_perm("impact.log_contribution", organisation),
        },
    )


def _contribution_initial(request: AuthedRequest) -> dict[str, Any]:
    """Start from the worker's last contribution: most are like the one before."""
    last = (
        selectors.contribution_list_own(
            user=request.user, organisation=request.membership.organisation
        )
        .order_by("-created_at", "-pk")
        .first()
    )
    initial: dict[str, Any] = {"date": today()}
    if last is not None:
        initial.update(role=last.role, level=last.level, kind=last.kind, minutes=last.minutes)
    if request.membership.team_id:
        initial["team"] = request.membership.team_id
    return initial


@organisation_view("impact.log_contribution")
def contribution_create(request: AuthedRequest) -> HttpResponse:
    organisation = request.membership.organisation
    teams = selectors.team_list(organisation=organisation)
    findings: list[dict[str, Any]] = []
    if request.method == "POST":
        form = ContributionForm(request.POST, teams=teams)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.contribution_create(
                    organisation=organisation,
                    author=request.user,
                    date=data["date"],
                    role=data["role"],
                    level=data["level"],
                    kind=data["kind"],
                    minutes=data["minutes"],
                    team=data["team"],
                    theme=data["theme"],
                    note=data["note"],
                    confirmed=form.confirmed(),
                )
            except services.IdentifyingText as error:
                findings = _show_identifying(form, error)
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                messages.success(request, _("Uw bijdrage is vastgelegd."))
                return redirect("impact:contributions")
    else:
        form = ContributionForm(initial=_contribution_initial(request), teams=teams)
    return render(request, "impact/contribution_form.html", {"form": form, "findings": findings})


@organisation_view("impact.log_contribution")
def contribution_delete(request: AuthedRequest, contribution_id: int) -> HttpResponse:
    contribution = (
        selectors.contribution_list_own(
            user=request.user, organisation=request.membership.organisation
        )
        .filter(pk=contribution_id)
        .first()
    )
    if contribution is None:
        raise Http404
    url = reverse("impact:contributions")
    return confirm_then(
        request,
        action=lambda: services.contribution_delete(contribution=contribution, user=request.user),
        done_message=_("De bijdrage is verwijderd."),
        done_url=url,
        cancel_url=url,
        title=_("Bijdrage verwijderen?"),
        explanation=_("%(what)s verdwijnt uit uw bijdragen en uit de cijfers.")
        % {"what": contribution},
    )


# --- signals --------------------------------------------------------------------------------


@organisation_view("impact.view_results")
def signal_list(request: AuthedRequest) -> HttpResponse:
    organisation = request.membership.organisation
    user = request.user
    oversees = user.has_perm("impact.oversee_signals", organisation)
    shown = request.GET.get("toon", "")
    if shown == "alle" and oversees:
        signals = selectors.signal_list_visible(user=user, organisation=organisation)
    elif shown == "beantwoorden":
        signals = selectors.signal_list_to_answer(user=user, organisation=organisation)
    elif shown == "termijn" and oversees:
        signals = selectors.signal_list_overdue(organisation=organisation).select_related(
            "owner_team", "owner"
        )
    else:
        shown = "mijn"
        signals = selectors.signal_list_raised(user=user, organisation=organisation)
    return render(
        request,
        "impact/signal_list.html",
        {
            "page": paginate(request, signals),
            "shown": shown,
            "oversees": oversees,
            "may_raise": user.has_perm("impact.raise_signal", organisation),
            "now": timezone.now(),
        },
    )


@organisation_view("impact.raise_signal")
def signal_create(request: AuthedRequest) -> HttpResponse:
    organisation = request.membership.organisation
    teams = selectors.team_list(organisation=organisation)
    people = selectors.owner_person_list(organisation=organisation).exclude(pk=request.user.pk)
    findings: list[dict[str, Any]] = []
    if request.method == "POST":
        form = SignalForm(request.POST, teams=teams, people=people)
        if form.is_valid():
            data = form.cleaned_data
            try:
                signal = services.signal_create(
                    organisation=organisation,
                    raised_by=request.user,
                    title=data["title"],
                    description=data["description"],
                    level=data["level"],
                    theme=data["theme"],
                    owner_team=data["owner_team"],
                    owner=data["owner"],
                    anonymous=data["anonymous"],
                    on_behalf_of_team=data["on_behalf_of_team"],
                    confirmed=form.confirmed(),
                )
            except services.IdentifyingText as error:
                findings = _show_identifying(form, error)
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                messages.success(
                    request, _("Uw signaal is verstuurd. U ziet hier elke stap die volgt.")
                )
                return redirect("impact:signal_detail", signal_id=signal.pk)
    else:
        form = SignalForm(teams=teams, people=people)
    return render(request, "impact/signal_form.html", {"form": form, "findings": findings})


def _visible_signal(request: AuthedRequest, signal_id: int) -> Signal:
    signal = selectors.signal_get_visible(
        user=request.user, organisation=request.membership.organisation, signal_id=signal_id
    )
    if signal is None:
        raise Http404
    return signal


@organisation_view("impact.view_results")
def signal_detail(request: AuthedRequest, signal_id: int) -> HttpResponse:
    signal = _visible_signal(request, signal_id)
    if signal.raised_by_id != request.user.pk:
        access_read_record(
            reader=request.user,
            organisation=request.membership.organisation,
            object_type="impact_signal",
            object_id=signal.pk,
        )
    is_owner = request.user.has_perm("impact.respond_signal", signal)
    steps = list(signal.steps.select_related("by"))
    raiser = selectors.raiser_shown(signal, viewer=request.user)
    return render(
        request,
        "impact/signal_detail.html",
        {
            "signal": signal,
            "steps": steps,
            "raiser": raiser,
            "is_owner": is_owner,
            "may_respond": is_owner and signal.state == SignalState.OPEN,
            "may_record_outcome": is_owner
            and signal.state in (SignalState.ANSWERED, SignalState.CHANGE_PLANNED),
            "overdue": signal.state == SignalState.OPEN and signal.due_at < timezone.now(),
        },
    )


def _owned_signal(request: AuthedRequest, signal_id: int) -> Signal:
    signal = _visible_signal(request, signal_id)
    if not request.user.has_perm("impact.respond_signal", signal):
        raise PermissionDenied
    return signal


@organisation_view("impact.view_results")
@require_http_methods(["GET", "POST"])
def signal_respond(request: AuthedRequest, signal_id: int) -> HttpResponse:
    signal = _owned_signal(request, signal_id)
    form = RespondForm(request.POST or None)
    if signal.state != SignalState.OPEN:
        messages.info(request, _("Op dit signaal is al gereageerd."))
        return redirect("impact:signal_detail", signal_id=signal.pk)
    if request.method == "POST" and form.is_valid():
        try:
            services.signal_respond(
                signal=signal, user=request.user, text=form.cleaned_data["text"]
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("Uw reactie is verstuurd naar de indiener."))
            return redirect("impact:signal_detail", signal_id=signal.pk)
    return render(
        request, "impact/signal_step_form.html", {"signal": signal, "form": form, "step": "respond"}
    )


@organisation_view("impact.view_results")
@require_http_methods(["GET", "POST"])
def signal_outcome(request: AuthedRequest, signal_id: int) -> HttpResponse:
    signal = _owned_signal(request, signal_id)
    allowed = list(services.ALLOWED_OUTCOMES.get(signal.state, ()))
    if not allowed:
        messages.info(
            request,
            _("Reageer eerst op dit signaal.")
            if signal.state == SignalState.OPEN
            else _("Dit signaal is afgesloten."),
        )
        return redirect("impact:signal_detail", signal_id=signal.pk)
    form = OutcomeForm(request.POST or None, allowed=allowed)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.signal_outcome(
                signal=signal,
                user=request.user,
                outcome=data["outcome"],
                text=data["text"],
                planned_by=data["planned_by"],
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("De uitkomst is vastgelegd en de indiener is ingelicht."))
            return redirect("impact:signal_detail", signal_id=signal.pk)
    return render(
        request, "impact/signal_step_form.html", {"signal": signal, "form": form, "step": "outcome"}
    )


# --- figures --------------------------------------------------------------------------------


@organisation_view("impact.view_responsiveness")
def responsiveness(request: AuthedRequest) -> HttpResponse:
    organisation = request.membership.organisation
    teams = selectors.team_list(organisation=organisation)
    form = PeriodForm(request.GET or None, teams=teams)
    start, end = default_period(today())
    team = None
    if form.is_bound and form.is_valid():
        start = form.cleaned_data.get("van") or start
        end = form.cleaned_data.get("tot") or end
        if end < start:
            start = end
        team = form.cleaned_data.get("team")
    context = _figures_context(
        organisation, start=start, end=end, team_id=team.pk if team else None
    )
    context.update(
        form=form,
        team=team,
        published=selectors.settings_for(organisation=organisation).publish_responsiveness,
        organisation=organisation,
    )
    return render(request, "impact/responsiveness.html", context)


def public_responsiveness(request: Any, organisation_slug: str) -> HttpResponse:
    """The opt-in public page: figures only, never a signal's text or a person."""
    organisation = selectors.organisation_published(slug=organisation_slug)
    if organisation is None:
        raise Http404
    start, end = default_period(today())
    context = _figures_context(organisation, start=start, end=end, team_id=None)
    context["organisation"] = organisation
    return render(request, "impact/public_responsiveness.html", context)


@organisation_view("impact.manage_settings")
def settings_edit(request: AuthedRequest) -> HttpResponse:
    organisation = request.membership.organisation
    current = selectors.settings_for(organisation=organisation)
    initial = {
        "response_days": current.response_days,
        "publish_responsiveness": current.publish_responsiveness,
    }
    form = SettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.settings_update(
                organisation=organisation,
                user=request.user,
                response_days=form.cleaned_data["response_days"],
                publish_responsiveness=form.cleaned_data["publish_responsiveness"],
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("De instellingen zijn bewaard."))
            return redirect("impact:settings")
    return render(
        request,
        "impact/settings.html",
        {"form": form, "organisation": organisation, "published": current.publish_responsiveness},
    )
