"""The plan document: what the plan page and its PDF show, built once for both.

The page (`plan_detail.html`) and the PDF (`plan_print.html`) include the same
`_document.html` with the same context, and the same SVG charts, so the board and the
financier read the same thing on screen and on paper.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.contrib.staticfiles import finders
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from kwartier.core.pdf import html_to_pdf
from kwartier.planning import selectors
from kwartier.planning.charts import Chart, progress_chart, scenarios_chart
from kwartier.planning.models import Plan, PlanVersion, Scenario
from kwartier.planning.projection import LEVELS
from kwartier.planning.selectors import PlanReading


@dataclass
class ScenarioSummary:
    scenario: Scenario
    input: dict[str, Any]
    years: list[dict[str, Any]]
    targets: list[dict[str, Any]]
    min_share: float | None
    chart: Chart | None = None
    levels: list[tuple[str, dict[str, Any]]] = field(default_factory=list)

    @property
    def last(self) -> dict[str, Any]:
        return self.years[-1]

    @property
    def all_targets_met(self) -> bool:
        return all(target["met"] for target in self.targets)

    @property
    def over_budget_years(self) -> list[int]:
        return [row["year"] for row in self.years if row["within_budget"] is False]

    @property
    def experience_workers_per_year(self) -> dict[int, float]:
        return {row["year"]: row["fte"]["ervaringswerker"] for row in self.years}

    @property
    def budget_per_year(self) -> float | None:
        budgets = [row["budget"] for row in self.years if row["budget"] is not None]
        return budgets[0] if budgets else None


def _level_label(level: str) -> str:
    return {"hbo": _("hbo"), "mbo": _("mbo"), "ervaringswerker": _("ervaringswerkers")}[level]


def scenario_summary(scenario: Scenario, *, with_chart: bool = False) -> ScenarioSummary:
    output = scenario.output
    summary = ScenarioSummary(
        scenario=scenario,
        input=scenario.input,
        years=output["years"],
        targets=output["targets"],
        min_share=output["min_share"],
        levels=[(_level_label(level), scenario.input["levels"][level]) for level in LEVELS],
    )
    if with_chart:
        summary.chart = scenarios_chart(
            title=_("Ervaringswerkers in scenario %(name)s") % {"name": scenario.name},
            targets={t["year"]: t["fte"] for t in summary.targets},
            scenarios=[(scenario.name, summary.experience_workers_per_year)],
        )
    return summary


@dataclass
class ComparisonRow:
    year: int
    a: dict[str, Any] | None
    b: dict[str, Any] | None
    target: float | None


def comparison(a: Scenario, b: Scenario) -> dict[str, Any]:
    """Two scenarios side by side, year by year, with one chart."""
    first, second = scenario_summary(a), scenario_summary(b)
    by_year_a = {row["year"]: row for row in first.years}
    by_year_b = {row["year"]: row for row in second.years}
    targets = {t["year"]: t["fte"] for t in first.targets + second.targets}
    rows = [
        ComparisonRow(
            year=year, a=by_year_a.get(year), b=by_year_b.get(year), target=targets.get(year)
        )
        for year in sorted(set(by_year_a) | set(by_year_b))
    ]
    names = (a.name, b.name) if a.name != b.name else (f"{a.name} (A)", f"{b.name} (B)")
    chart = scenarios_chart(
        title=_("Ervaringswerkers: %(a)s en %(b)s") % {"a": names[0], "b": names[1]},
        targets=targets,
        scenarios=[
            (names[0], first.experience_workers_per_year),
            (names[1], second.experience_workers_per_year),
        ],
    )
    return {"a": first, "b": second, "rows": rows, "chart": chart}


def progress_context(
    plan: Plan, version: PlanVersion, today: datetime.date | None = None
) -> dict[str, Any]:
    """Actual experience workers per year against the version's targets: from Inzet's
    positions where there are any, a figure entered by hand overriding them (with its note)."""
    today = today or timezone.localdate()
    entries = list(selectors.progress_list(plan=plan))
    targets = {t.year: float(t.paid_fte) for t in selectors.target_list(version=version)}
    # The target and entered years, and the last ten years up to now: a year before the
    # first position has no figure from Inzet, so only years with positions are added.
    years = sorted(
        set(targets) | {e.year for e in entries} | set(range(today.year - 10, today.year + 1))
    )
    actual_years = selectors.actual_by_year(plan=plan, years=years, today=today)
    actuals = {year: a.fte for year, a in actual_years.items()}
    rows = [
        {
            "year": year,
            "target": targets.get(year),
            "actual": actuals.get(year),
            "source": actual_years.get(year),
            "entry": next((e for e in entries if e.year == year), None),
            "difference": actuals[year] - targets[year]
            if year in actuals and year in targets
            else None,
        }
        for year in sorted(set(targets) | set(actuals))
    ]
    chart = None
    if rows:
        chart = progress_chart(
            title=_("Voortgang: betaalde ervaringswerkers tegenover de doelen"),
            targets=targets,
            actuals=actuals,
        )
    return {"progress_rows": rows, "progress_entries": entries, "progress_chart": chart}


def document_context(reading: PlanReading) -> dict[str, Any]:
    version = reading.version
    supports = list(selectors.support_list(version=version))
    scenarios = [scenario_summary(s) for s in selectors.scenario_list(version=version)]
    targets = list(selectors.target_list(version=version))
    chart = None
    if scenarios:
        chart = scenarios_chart(
            title=_("Formatieprojectie: ervaringswerkers per scenario"),
            targets={t.year: float(t.paid_fte) for t in targets},
            scenarios=[(s.scenario.name, s.experience_workers_per_year) for s in scenarios],
        )
    context: dict[str, Any] = {
        "plan": reading.plan,
        "organisation": reading.plan.organisation,
        "version": version,
        "own": reading.own,
        "links": reading.own,  # links to the plan's own pages; never in the PDF
        "targets": targets,
        "deployments": list(selectors.deployment_list(version=version)),
        "supports": supports,
        "support_total": sum(s.budget_per_year for s in supports),
        "career_steps": list(selectors.career_step_list(version=version)),
        "partners": list(version.partners.all()),
        "milestones": list(version.milestones.all()),
        "risks": list(version.risks.all()),
        "actions": list(selectors.action_list(version=version)),
        "scenarios": scenarios,
        "scenarios_chart": chart,
        "generated_at": timezone.now(),
    }
    context.update(progress_context(reading.plan, version))
    return context


def render_pdf(reading: PlanReading, *, request: HttpRequest) -> bytes:
    """The plan document as PDF (WeasyPrint), from the same template parts as the page.

    The HTML is rendered from the data on every request; WeasyPrint's step from that HTML
    to PDF is remembered by its input (``kwartier.core.pdf``, decision 0118).
    """
    context = document_context(reading)
    context["links"] = False
    html = render_to_string("planning/plan_print.html", context, request=request)
    return html_to_pdf(html, stylesheets=[finders.find("planning/print.css")])
