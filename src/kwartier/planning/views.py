"""Pages of the kwartiermaakplan: list, plan document (page and PDF), editing per part,
adoption, scenarios and progress. Thin: parse, call a selector or service, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kwartier.core.decorators import organisation_view
from kwartier.core.forms import add_validation_errors
from kwartier.core.http import AuthedRequest
from kwartier.core.models import AccessAction
from kwartier.core.pagination import paginate
from kwartier.core.services import access_read_record
from kwartier.core.shortcuts import confirm_then, get_or_404
from kwartier.planning import selectors, services
from kwartier.planning.document import (
    comparison,
    document_context,
    progress_context,
    render_pdf,
    scenario_summary,
)
from kwartier.planning.forms import (
    SECTIONS,
    AdoptForm,
    CompareForm,
    EditTokenForm,
    PlanForm,
    ProgressForm,
    ScenarioForm,
    scenario_initial,
    section_formset,
)
from kwartier.planning.models import VERSION_TEXT_FIELDS, Plan, PlanVersion, Scenario
from kwartier.planning.selectors import PlanReading
from kwartier.planning.services import EditConflict, StaleAdoption

CONFLICT = 409  # the page answers with both texts; nothing was saved


def _organisation(request: AuthedRequest) -> Any:
    return request.membership.organisation


def _own_plan(request: AuthedRequest, plan_id: int) -> Plan:
    return get_or_404(selectors.plan_get, organisation=_organisation(request), plan_id=plan_id)


def _reading(request: AuthedRequest, plan_id: int) -> PlanReading:
    return get_or_404(
        selectors.plan_get_for_reading,
        user=request.user,
        organisation=_organisation(request),
        plan_id=plan_id,
    )


def _scenario(request: AuthedRequest, scenario_id: int) -> Scenario:
    return get_or_404(
        selectors.scenario_get, organisation=_organisation(request), scenario_id=scenario_id
    )


def _can(request: AuthedRequest, permission: str) -> bool:
    return bool(request.user.has_perm(permission, _organisation(request)))


def _log_network_read(request: AuthedRequest, reading: PlanReading, action: str) -> None:
    """A financier reading another organisation's plan leaves a trace in that
    organisation's access log."""
    if reading.own:
        return
    access_read_record(
        reader=request.user,
        action=action,
        organisation=reading.plan.organisation,
        object_type="plan_version",
        object_id=reading.version.pk,
        on_behalf_of=_organisation(request).name,
    )


# --- list, create, read -------------------------------------------------------------------


@organisation_view("planning.view_plans")
def plan_list(request: AuthedRequest) -> HttpResponse:
    organisation = _organisation(request)
    plans = selectors.plan_list(organisation=organisation)
    network = selectors.network_plan_list(user=request.user, organisation=organisation)
    return render(
        request,
        "planning/plan_list.html",
        {
            "page": paginate(request, plans),
            "network_page": paginate(request, network)
            if _can(request, "planning.read_network_plans")
            else None,
            "can_edit": _can(request, "planning.edit_plan"),
        },
    )


@organisation_view("planning.edit_plan")
def plan_create(request: AuthedRequest) -> HttpResponse:
    form = PlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.plan_create(
                organisation=_organisation(request),
                created_by=request.user,
                **form.text_data(),
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("Het plan is aangemaakt als concept."))
            return redirect("planning:detail", plan_id=plan.pk)
    return render(request, "planning/plan_form.html", {"form": form, "plan": None})


@organisation_view("planning.view_plans")
def plan_detail(request: AuthedRequest, plan_id: int) -> HttpResponse:
    reading = _reading(request, plan_id)
    _log_network_read(request, reading, AccessAction.READ)
    context = document_context(reading)
    if reading.own:
        context.update(
            can_edit=_can(request, "planning.edit_plan"),
            can_adopt=_can(request, "planning.adopt_plan") and reading.version.is_draft,
            warnings=[
                warning.render(_) for warning in selectors.version_warnings(version=reading.version)
            ],
            versions=selectors.version_list(plan=reading.plan),
            adopted=selectors.version_adopted(plan=reading.plan),
        )
    return render(request, "planning/plan_detail.html", context)


@organisation_view("planning.view_plans")
def plan_pdf(request: AuthedRequest, plan_id: int) -> HttpResponse:
    reading = _reading(request, plan_id)
    _log_network_read(request, reading, AccessAction.EXPORT)
    pdf = render_pdf(reading, request=request)
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"kwartiermaakplan-{reading.plan.pk}-v{reading.version.number}.pdf"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


# --- edit ---------------------------------------------------------------------------------


def _adopted_notice(request: AuthedRequest, plan: Plan) -> str:
    current = selectors.version_current(plan=plan)
    if current.is_draft:
        return ""
    return _(
        "Versie %(number)s is vastgesteld en verandert niet meer. Als u opslaat, begint "
        "versie %(next)s als concept; de bestuurder stelt die daarna opnieuw vast."
    ) % {"number": current.number, "next": current.number + 1}


def _text_conflicts(form: PlanForm, current: PlanVersion) -> list[dict[str, Any]]:
    """Fields where the user's text and the saved text differ, with both texts."""
    saved = {"title": current.title, **{n: getattr(current, n) for n in VERSION_TEXT_FIELDS}}
    rows = []
    for name, theirs in saved.items():
        mine = form.cleaned_data.get(name, "")
        if mine != theirs:
            field = form[name]
            display = dict(field.field.choices) if hasattr(field.field, "choices") else {}
            rows.append(
                {
                    "label": field.label,
                    "mine": display.get(mine, mine),
                    "theirs": display.get(theirs, theirs),
                }
            )
    return rows


@organisation_view("planning.edit_plan")
def plan_edit(request: AuthedRequest, plan_id: int) -> HttpResponse:
    """The plan's title and texts. The form carries the fingerprint of the texts it shows;
    if someone saved in between, both texts are shown and the user chooses."""
    plan = _own_plan(request, plan_id)
    version = selectors.version_current(plan=plan)
    initial = {"title": plan.title, "token": selectors.texts_fingerprint(version=version)}
    form = PlanForm(request.POST or None, instance=version, initial=initial, require_token=True)
    conflicts: list[dict[str, Any]] = []
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_update(
                plan=plan,
                user=request.user,
                expected_token=form.cleaned_data["token"],
                **form.text_data(),
            )
        except EditConflict as conflict:
            current = selectors.version_newest(plan=plan)
            conflicts = _text_conflicts(form, current)
            # The user's text stays in the form; saving it again now overwrites on purpose.
            data = request.POST.copy()
            data["token"] = selectors.texts_fingerprint(version=current)
            form = PlanForm(data, instance=current, initial=initial, require_token=True)
            form.is_valid()
            form.add_error(None, conflict)
            status = CONFLICT
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("Het plan is opgeslagen."))
            return redirect("planning:detail", plan_id=plan.pk)
    return render(
        request,
        "planning/plan_form.html",
        {
            "form": form,
            "plan": plan,
            "conflicts": conflicts,
            "adopted_notice": _adopted_notice(request, plan),
        },
        status=status,
    )


@organisation_view("planning.edit_plan")
def plan_section(request: AuthedRequest, plan_id: int, section: str) -> HttpResponse:
    """One part of the plan as a list of rows. Like the texts, the page carries the
    fingerprint of the rows it shows, and a conflict shows both lists."""
    plan = _own_plan(request, plan_id)
    spec = SECTIONS[section]
    version = selectors.version_current(plan=plan)
    organisation = _organisation(request)
    weak_themes = selectors.exploration_status(organisation=organisation).weak_themes
    formset = section_formset(
        spec,
        version=version,
        organisation=organisation,
        data=request.POST or None,
        weak_themes=weak_themes,
    )
    token_form = EditTokenForm(
        request.POST or None,
        initial={"token": selectors.part_fingerprint(version=version, model=spec.model)},
    )
    error = ""
    current_rows: list[str] | None = None
    status = 200
    if request.method == "POST" and not token_form.is_valid():
        error = " ".join(str(e) for e in token_form.errors.get("token", []))
    elif request.method == "POST" and formset.is_valid():
        try:
            services.version_parts_replace(
                plan=plan,
                user=request.user,
                model=spec.model,
                rows=formset.rows(),
                expected_token=token_form.cleaned_data["token"],
            )
        except EditConflict as conflict:
            current = selectors.version_newest(plan=plan)
            current_rows = spec.describe(current)
            data = request.POST.copy()
            data["token"] = selectors.part_fingerprint(version=current, model=spec.model)
            token_form = EditTokenForm(data)
            error = " ".join(conflict.messages)
            status = CONFLICT
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, _("%(part)s opgeslagen.") % {"part": spec.title})
            return redirect(
                f"{reverse('planning:detail', kwargs={'plan_id': plan.pk})}#{spec.slug}"
            )
    return render(
        request,
        "planning/section_form.html",
        {
            "plan": plan,
            "section": spec,
            "formset": formset,
            "token_form": token_form,
            "error": error,
            "current_rows": current_rows,
            "adopted_notice": _adopted_notice(request, plan),
            "no_teams": spec.slug == "inzet" and not organisation.teams.exists(),
        },
        status=status,
    )


@organisation_view("planning.view_plans")
def plan_adopt(request: AuthedRequest, plan_id: int) -> HttpResponse:
    """Confirmation page and adoption. Others than a bestuurder see why they cannot.

    The page shows the whole draft and carries its version and content hash: adoption
    confirms exactly that text, and a text changed in between is shown again instead.
    """
    plan = _own_plan(request, plan_id)
    can_adopt = _can(request, "planning.adopt_plan")
    error = ""
    status = 200
    if request.method == "POST":
        if not can_adopt:
            raise PermissionDenied
        form = AdoptForm(request.POST)
        if not form.is_valid():
            error = " ".join(str(e) for errors in form.errors.values() for e in errors)
            status = 400
        else:
            try:
                adopted = services.plan_adopt(
                    plan=plan,
                    user=request.user,
                    version_id=form.cleaned_data["version"],
                    content_hash=form.cleaned_data["content_hash"],
                )
            except StaleAdoption as exc:
                error = " ".join(exc.messages)
                status = CONFLICT
            except ValidationError as exc:
                error = " ".join(exc.messages)
            else:
                messages.success(
                    request,
                    _("Versie %(number)s van het plan is vastgesteld.")
                    % {"number": adopted.number},
                )
                return redirect("planning:detail", plan_id=plan.pk)
    version = selectors.version_newest(plan=plan)
    context = document_context(PlanReading(plan=plan, version=version, own=True))
    context.update(
        links=False,
        plan=plan,
        version=version,
        error=error,
        can_adopt=can_adopt,
        adopt_form=AdoptForm(
            initial={
                "version": version.pk,
                "content_hash": selectors.version_fingerprint(version=version),
            }
        ),
        warnings=[w.render(_) for w in selectors.version_warnings(version=version)],
    )
    return render(request, "planning/adopt_confirm.html", context, status=status)


# --- scenarios ----------------------------------------------------------------------------


@organisation_view("planning.view_plans")
def scenario_list(request: AuthedRequest, plan_id: int) -> HttpResponse:
    plan = _own_plan(request, plan_id)
    version = selectors.version_current(plan=plan)
    scenarios = list(selectors.scenario_list(version=version))
    return render(
        request,
        "planning/scenario_list.html",
        {
            "plan": plan,
            "version": version,
            "summaries": [scenario_summary(s) for s in scenarios],
            "compare_form": CompareForm(
                scenarios=scenarios,
                initial={"a": scenarios[0].pk, "b": scenarios[1].pk} if len(scenarios) > 1 else {},
            ),
            "can_edit": _can(request, "planning.edit_plan"),
        },
    )


def _plan_targets(plan: Plan) -> dict[int, float]:
    version = selectors.version_current(plan=plan)
    return {t.year: float(t.paid_fte) for t in selectors.target_list(version=version)}


@organisation_view("planning.edit_plan")
def scenario_create(request: AuthedRequest, plan_id: int) -> HttpResponse:
    plan = _own_plan(request, plan_id)
    version = selectors.version_current(plan=plan)
    base = selectors.scenario_list(version=version).last()
    from_id = request.GET.get("van", "")
    if from_id.isdigit():
        base = selectors.scenario_list(version=version).filter(pk=int(from_id)).first() or base
    initial = scenario_initial(
        base.input if base else None,
        name=_("Scenario %(number)s")
        % {"number": selectors.scenario_list(version=version).count() + 1},
        this_year=timezone.localdate().year,
    )
    form = ScenarioForm(request.POST or None, initial=initial)
    targets = _plan_targets(plan)
    if request.method == "POST" and form.is_valid():
        try:
            scenario = services.scenario_create(
                plan=plan,
                user=request.user,
                name=form.cleaned_data["name"],
                projection_data=form.projection_data(targets),
                submission_key=form.cleaned_data["submission"],
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(
                request, _("Scenario %(name)s is doorgerekend.") % {"name": scenario.name}
            )
            return redirect("planning:scenario_detail", scenario_id=scenario.pk)
    return render(
        request,
        "planning/scenario_form.html",
        {
            "plan": plan,
            "form": form,
            "targets": sorted(targets.items()),
            "adopted_notice": _adopted_notice(request, plan),
        },
    )


@organisation_view("planning.view_plans")
def scenario_detail(request: AuthedRequest, scenario_id: int) -> HttpResponse:
    scenario = _scenario(request, scenario_id)
    return render(
        request,
        "planning/scenario_detail.html",
        {
            "plan": scenario.version.plan,
            "summary": scenario_summary(scenario, with_chart=True),
            "can_edit": _can(request, "planning.edit_plan"),
        },
    )


@organisation_view("planning.edit_plan")
def scenario_delete(request: AuthedRequest, scenario_id: int) -> HttpResponse:
    scenario = _scenario(request, scenario_id)
    plan = scenario.version.plan
    return confirm_then(
        request,
        action=lambda: services.scenario_delete(scenario=scenario),
        done_message=_("Scenario %(name)s is verwijderd.") % {"name": scenario.name},
        done_url=reverse("planning:scenarios", kwargs={"plan_id": plan.pk}),
        cancel_url=reverse("planning:scenario_detail", kwargs={"scenario_id": scenario.pk}),
        title=_("Scenario %(name)s verwijderen?") % {"name": scenario.name},
        explanation=_("De invoer en de uitkomst van dit scenario verdwijnen."),
    )


@organisation_view("planning.view_plans")
def scenario_compare(request: AuthedRequest, plan_id: int) -> HttpResponse:
    plan = _own_plan(request, plan_id)
    version = selectors.version_current(plan=plan)
    scenarios = {s.pk: s for s in selectors.scenario_list(version=version)}
    form = CompareForm(request.GET or None, scenarios=list(scenarios.values()))
    context: dict[str, Any] = {"plan": plan, "form": form}
    if form.is_valid():
        context["comparison"] = comparison(
            scenarios[form.cleaned_data["a"]], scenarios[form.cleaned_data["b"]]
        )
    return render(request, "planning/scenario_compare.html", context)


# --- progress -----------------------------------------------------------------------------


@organisation_view("planning.view_plans")
def progress(request: AuthedRequest, plan_id: int) -> HttpResponse:
    plan = _own_plan(request, plan_id)
    can_edit = _can(request, "planning.edit_plan")
    form = ProgressForm(request.POST or None) if can_edit else None
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            try:
                entry = services.progress_record(plan=plan, **form.cleaned_data)
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                messages.success(
                    request, _("De voortgang over %(year)s is opgeslagen.") % {"year": entry.year}
                )
                return redirect("planning:progress", plan_id=plan.pk)
    context = progress_context(plan, selectors.version_current(plan=plan))
    context.update(plan=plan, form=form, can_edit=can_edit)
    return render(request, "planning/progress.html", context)


@organisation_view("planning.edit_plan")
def progress_delete(request: AuthedRequest, progress_entry_id: int) -> HttpResponse:
    entry = get_or_404(
        selectors.progress_get, organisation=_organisation(request), entry_id=progress_entry_id
    )
    return confirm_then(
        request,
        action=lambda: services.progress_delete(entry=entry),
        done_message=_("De voortgang over %(year)s is verwijderd.") % {"year": entry.year},
        done_url=reverse("planning:progress", kwargs={"plan_id": entry.plan_id}),
        cancel_url=reverse("planning:progress", kwargs={"plan_id": entry.plan_id}),
        title=_("Voortgang over %(year)s verwijderen?") % {"year": entry.year},
        explanation=_("Het aantal ervaringswerkers van dat jaar verdwijnt uit de grafiek."),
    )
