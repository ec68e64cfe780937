"""The periodic report (issue 10, point 8): the figures of an organisation or a network
for a quarter or a year, as a PDF (WeasyPrint, SVG charts) and as CSV/XLSX rows.

What a report shows is read when it is built: the figures from ``measures``, and for an
organisation the impact stories through ``kwartier.knowledge.public`` (only those whose
author's consent includes "verantwoording" at that moment). The ids of those stories are
kept with the report, and a download checks them again (``services``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from kwartier.impact import measures
from kwartier.impact.models import Level, Report, StoryLink
from kwartier.impact.report_charts import Chart, bar_chart
from kwartier.knowledge.public import AccountabilityStory, accountability_stories_by_id

if TYPE_CHECKING:
    from kwartier.accounts.models import Organisation


def linked_stories(*, organisation: Organisation) -> list[AccountabilityStory]:
    """The organisation's impact stories that may be shown now, newest link first."""
    ids = list(
        StoryLink.objects.filter(organisation=organisation).values_list("experience_id", flat=True)
    )
    shown = accountability_stories_by_id(organisation=organisation, ids=ids)
    return [shown[story_id] for story_id in ids if story_id in shown]


def _level_labels() -> dict[str, str]:
    return {value: str(label) for value, label in Level.choices}


def figure_rows(figures: measures.Figures) -> list[tuple[str, Any]]:
    """(label, value) of the figures, for the report table and the CSV/XLSX."""
    signals = figures.signals
    labels = _level_labels()
    rows: list[tuple[str, Any]] = [
        (_("Bijdragen: %(level)s") % {"level": labels[level]}, figures.contributions[level])
        for level in measures.LEVELS
    ]
    rows += [
        (_("Bijdragen: totaal"), figures.contributions_total),
        (_("Uren ervaringswerk"), round(figures.minutes / 60, 1)),
        (_("Signalen"), signals.signals),
        (_("Beantwoord"), signals.answered),
        (
            _("Reactiegraad (%)"),
            "" if signals.response_rate is None else round(100 * signals.response_rate),
        ),
        (
            _("Mediaan dagen tot reactie"),
            "" if signals.median_days_to_response is None else signals.median_days_to_response,
        ),
        (_("Verandering gepland"), signals.change_planned),
        (_("Verandering doorgevoerd"), signals.change_made),
        (_("Geen verandering"), signals.no_change),
        (_("Over de termijn (nu)"), signals.overdue),
    ]
    return rows


def network_rows(table: measures.NetworkTable) -> tuple[list[str], list[list[Any]]]:
    """Header and rows of the network table; a suppressed cell reads "<5"."""
    header = [
        _("Organisatie"),
        _("Bijdragen cliënt"),
        _("Bijdragen organisatie"),
        _("Bijdragen beleid"),
        _("Signalen"),
        _("Beantwoord"),
        _("Reactiegraad (%)"),
        _("Verandering doorgevoerd"),
    ]

    def cell(value: int | None) -> Any:
        return _("<5") if value is None else value

    def line(row: measures.NetworkRow) -> list[Any]:
        rate = (
            _("<5")
            if row.rate_suppressed
            else ("" if row.response_rate is None else round(100 * row.response_rate))
        )
        cells = [cell(row.cells[column].value) for column in measures.NETWORK_COLUMNS]
        return [row.name, *cells[:5], rate, cells[5]]

    rows = [line(row) for row in table.rows]
    rows.append([_("Netwerk totaal"), *line(table.total)[1:]])
    return header, rows


@dataclass(frozen=True)
class ReportContent:
    title: str
    subject: str
    period: measures.Period
    figures: list[tuple[str, Any]]
    charts: list[Chart]
    stories: list[AccountabilityStory]
    network_header: list[str]
    network_rows: list[list[Any]]


def _charts(figures: measures.Figures) -> list[Chart]:
    labels = _level_labels()
    signals = figures.signals
    return [
        bar_chart(
            _("Bijdragen per niveau"),
            [(labels[level], figures.contributions[level]) for level in measures.LEVELS],
            axis_title=_("aantal bijdragen"),
        ),
        bar_chart(
            _("Wat er met signalen gebeurde"),
            [
                (_("Ingediend"), signals.signals),
                (_("Beantwoord"), signals.answered),
                (_("Verandering gepland"), signals.change_planned),
                (_("Verandering doorgevoerd"), signals.change_made),
                (_("Geen verandering"), signals.no_change),
            ],
            axis_title=_("aantal signalen"),
        ),
    ]


def report_content(*, report: Report, today: date) -> ReportContent:
    period = measures.period_of(report.period, report.year, report.quarter)
    if report.network is not None:
        table = measures.network_table(
            network=report.network, period=period, today=today, excluding=report.organisation
        )
        header, rows = network_rows(table)
        return ReportContent(
            title=_("Resultaten van het netwerk %(name)s") % {"name": report.network.name},
            subject=report.network.name,
            period=period,
            figures=[],
            charts=[],
            stories=[],
            network_header=header,
            network_rows=rows,
        )
    figures = measures.organisation_figures(
        organisation=report.organisation, period=period, today=today
    )
    return ReportContent(
        title=_("Resultaten van %(name)s") % {"name": report.organisation.name},
        subject=report.organisation.name,
        period=period,
        figures=figure_rows(figures),
        charts=_charts(figures),
        stories=linked_stories(organisation=report.organisation),
        network_header=[],
        network_rows=[],
    )


def render_pdf(content: ReportContent) -> bytes:
    from weasyprint import CSS, HTML
    from weasyprint.urls import URLFetcher

    html = render_to_string("impact/report_print.html", {"content": content})
    stylesheet = finders.find("planning/print.css")
    document = HTML(string=html, url_fetcher=URLFetcher(allowed_protocols={"data"}))
    return document.write_pdf(stylesheets=[CSS(filename=stylesheet)] if stylesheet else None)
