"""Pages of the results part: goals per indicator, impact stories, the network
dashboard, reports and the figures as CSV/XLSX."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kwartier.core.decorators import organisation_view
from kwartier.core.exports import csv_bytes, xlsx_bytes
from kwartier.core.http import AuthedRequest
from kwartier.impact import measures, reporting
from kwartier.impact import results_selectors as selectors
from kwartier.impact import results_services as services
from kwartier.impact.models import Indicator, Report, ReportPeriod, Signal, StoryLink
from kwartier.knowledge.public import accountability_stories

PERIOD_CHOICES = [
    ("year", gettext_lazy("Jaar")),
    ("1", gettext_lazy("1e kwartaal")),
    ("2", gettext_lazy("2e kwartaal")),
    ("3", gettext_lazy("3e kwartaal")),
    ("4", gettext_lazy("4e kwartaal")),
]


class PeriodForm(forms.Form):
    jaar = forms.IntegerField(
        label=gettext_lazy("Jaar"),
        min_value=2000,
        max_value=2100,
        error_messages={"invalid": gettext_lazy("Vul een jaartal in, bijvoorbeeld 2026.")},
    )
    periode = forms.ChoiceField(label=gettext_lazy("Periode"), choices=PERIOD_CHOICES)

    def period(self) -> measures.Period:
        data = self.cleaned_data
        if data["periode"] == "year":
            return measures.period_of(ReportPeriod.YEAR, data["jaar"])
        return measures.period_of(ReportPeriod.QUARTER, data["jaar"], int(data["periode"]))


def _period_form(request: AuthedRequest, data: Any = None) -> PeriodForm:
    today = timezone.localdate()
    return PeriodForm(data, initial={"jaar": today.year, "periode": "year"})


def _period(request: AuthedRequest) -> tuple[PeriodForm, measures.Period]:
    """The period asked for in the query string; this year when none or invalid."""
    today = timezone.localdate()
    if "jaar" in request.GET:
        form = _period_form(request, request.GET)
        if form.is_valid():
            return form, form.period()
        return form, measures.period_of(ReportPeriod.YEAR, today.year)
    return _period_form(request), measures.period_of(ReportPeriod.YEAR, today.year)


# --- goals per indicator -------------------------------------------------------------------


class TargetForm(forms.Form):
    year = forms.IntegerField(label=gettext_lazy("Jaar"), min_value=2000, max_value=2100)
    indicator = forms.ChoiceField(label=gettext_lazy("Indicator"), choices=Indicator.choices)
    target = forms.IntegerField(
        label=gettext_lazy("Doel"),
        min_value=0,
        max_value=1_000_000,
        required=False,
        help_text=gettext_lazy("Leeg laten haalt het doel weg."),
    )


@organisation_view("impact.read_results")
def goals(request: AuthedRequest) -> HttpResponse:
    organisation = request.membership.organisation
    overview = selectors.goals_overview(organisation=organisation, today=timezone.localdate())
    can_manage = request.user.has_perm("impact.manage_results", organisation)
    form = TargetForm(initial={"year": timezone.localdate().year})
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        if overview is None:
            raise Http404
        form = TargetForm(request.POST)
        if form.is_valid():
            services.indicator_target_set(
                organisation=organisation,
                plan_id=overview.plan.plan_id,
                year=form.cleaned_data["year"],
                indicator=form.cleaned_data["indicator"],
                target=form.cleaned_data["target"],
            )
            messages.success(request, _("Het doel is opgeslagen."))
            return redirect("impact:goals")
    return render(
        request,
        "impact/goals.html",
        {"overview": overview, "form": form, "can_manage": can_manage},
    )


# --- impact stories ------------------------------------------------------------------------


class StoryLinkForm(forms.Form):
    experience = forms.TypedChoiceField(label=gettext_lazy("Verhaal"), coerce=int, choices=())
    signal = forms.ModelChoiceField(
        label=gettext_lazy("Bij het resultaat (niet verplicht)"),
        queryset=Signal.objects.none(),
        required=False,
        help_text=gettext_lazy("Het signaal waarvan dit verhaal de verandering laat zien."),
    )

    def __init__(self, *args: Any, organisation: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        stories = accountability_stories(organisation=organisation)
        experience = self.fields["experience"]
        assert isinstance(experience, forms.TypedChoiceField)
        experience.choices = [(story.id, story.title) for story in stories]
        signal = self.fields["signal"]
        assert isinstance(signal, forms.ModelChoiceField)
        signal.queryset = selectors.result_signals(organisation=organisation)


@organisation_view("impact.read_results")
def stories(request: AuthedRequest) -> HttpResponse:
    organisation = request.membership.organisation
    can_manage = request.user.has_perm("impact.manage_results", organisation)
    form = StoryLinkForm(organisation=organisation) if can_manage else None
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        form = StoryLinkForm(request.POST, organisation=organisation)
        if form.is_valid():
            try:
                services.story_link(
                    organisation=organisation,
                    user=request.user,
                    experience_id=form.cleaned_data["experience"],
                    signal=form.cleaned_data["signal"],
                )
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                messages.success(request, _("Het verhaal staat nu bij de resultaten."))
                return redirect("impact:stories")
    return render(
        request,
        "impact/stories.html",
        {
            "linked": selectors.story_links(organisation=organisation),
            "form": form,
            "can_manage": can_manage,
        },
    )


@organisation_view("impact.manage_results")
def story_unlink(request: AuthedRequest, link_id: int) -> HttpResponse:
    try:
        link = selectors.story_link_get(
            organisation=request.membership.organisation, link_id=link_id
        )
    except StoryLink.DoesNotExist as error:
        raise Http404 from error
    if request.method == "POST":
        services.story_unlink(link=link)
        messages.success(request, _("Het verhaal staat niet meer bij de resultaten."))
        return redirect("impact:stories")
    return render(request, "impact/story_unlink.html", {"link": link})


# --- the network dashboard -----------------------------------------------------------------


def _network(request: AuthedRequest) -> Any:
    network = selectors.networks_of(organisation=request.membership.organisation).first()
    if network is None:
        raise Http404
    return network


def _network_table(request: AuthedRequest, period: measures.Period) -> measures.NetworkTable:
    return measures.network_table(
        network=_network(request),
        period=period,
        today=timezone.localdate(),
        excluding=request.membership.organisation,
    )


@organisation_view("impact.view_network")
def network(request: AuthedRequest) -> HttpResponse:
    organisation = request.membership.organisation
    form, period = _period(request)
    network = selectors.networks_of(organisation=organisation).first()
    table = _network_table(request, period) if network is not None else None
    header, rows = reporting.network_rows(table) if table is not None else ([], [])
    return render(
        request,
        "impact/network.html",
        {
            "form": form,
            "period": period,
            "network": network,
            "table": table,
            "header": header,
            "rows": rows,
            "report_form": _period_form(request),
        },
    )


def _export(
    request: AuthedRequest, header: list[Any], rows: list[list[Any]], name: str, kind: str
) -> HttpResponse:
    if kind == "xlsx":
        response = HttpResponse(
            xlsx_bytes(_("Cijfers"), header, rows),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        response = HttpResponse(csv_bytes(header, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.{kind}"'
    return response


@organisation_view("impact.view_network")
def network_export(request: AuthedRequest, kind: str) -> HttpResponse:
    _form, period = _period(request)
    header, rows = reporting.network_rows(_network_table(request, period))
    return _export(request, header, rows, f"netwerk-{period.label.replace(' ', '-')}", kind)


@organisation_view("impact.read_results")
def figures_export(request: AuthedRequest, kind: str) -> HttpResponse:
    _form, period = _period(request)
    figures = measures.organisation_figures(
        organisation=request.membership.organisation, period=period, today=timezone.localdate()
    )
    rows = [[label, value] for label, value in reporting.figure_rows(figures)]
    name = f"resultaten-{period.label.replace(' ', '-')}"
    return _export(request, [_("Cijfer"), _("Waarde")], rows, name, kind)


# --- reports -------------------------------------------------------------------------------


@organisation_view("impact.make_reports")
def reports(request: AuthedRequest) -> HttpResponse:
    organisation = request.membership.organisation
    is_network = request.user.has_perm("impact.view_network", organisation)
    form = _period_form(request)
    if request.method == "POST":
        form = _period_form(request, request.POST)
        if form.is_valid():
            report = services.report_start(
                organisation=organisation,
                user=request.user,
                period=form.period(),
                network=_network(request) if is_network else None,
            )
            return redirect("impact:report_detail", report_id=report.pk)
    return render(
        request,
        "impact/reports.html",
        {
            "form": form,
            "reports": selectors.report_list(organisation=organisation)[:50],
            "is_network": is_network,
        },
    )


def _report(request: AuthedRequest, report_id: int) -> Report:
    try:
        return selectors.report_get(
            organisation=request.membership.organisation, report_id=report_id
        )
    except Report.DoesNotExist as error:
        raise Http404 from error


@organisation_view("impact.make_reports")
def report_detail(request: AuthedRequest, report_id: int) -> HttpResponse:
    report = _report(request, report_id)
    return render(
        request,
        "impact/report_detail.html",
        {"report": report, "available": services.report_file(report=report) is not None},
    )


@organisation_view("impact.make_reports")
def report_status(request: AuthedRequest, report_id: int) -> HttpResponse:
    """The report's progress and download link alone, for htmx to swap in while it builds
    (core's job progress is the creator's only; a report is the organisation's)."""
    report = _report(request, report_id)
    return render(
        request,
        "impact/_report_status.html",
        {"report": report, "available": services.report_file(report=report) is not None},
    )


@organisation_view("impact.make_reports")
def report_pdf(request: AuthedRequest, report_id: int) -> FileResponse:
    report = _report(request, report_id)
    path = services.report_file(report=report)
    if path is None:
        raise Http404
    filename = f"resultaten-{report.label.replace(' ', '-')}.pdf"
    return FileResponse(path.open("rb"), as_attachment=True, filename=filename)
