"""Tenant-scoped reads of the results part: reports, impact stories, goals per indicator."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import QuerySet

from kwartier.impact import measures
from kwartier.impact.models import (
    Indicator,
    IndicatorTarget,
    Level,
    Report,
    Signal,
    SignalState,
    StoryLink,
)
from kwartier.knowledge.public import AccountabilityStory, accountability_stories_by_id
from kwartier.planning.public import PlanGoals, plan_goals

if TYPE_CHECKING:
    from kwartier.accounts.models import Network, Organisation


# --- reports -------------------------------------------------------------------------------


def report_list(*, organisation: Organisation) -> QuerySet[Report]:
    return Report.objects.filter(organisation=organisation).select_related("job", "network")


def report_get(*, organisation: Organisation, report_id: int) -> Report:
    return report_list(organisation=organisation).get(pk=report_id)


def networks_of(*, organisation: Organisation) -> QuerySet[Network]:
    return organisation.networks.order_by("name")


# --- impact stories ------------------------------------------------------------------------


@dataclass(frozen=True)
class LinkedStory:
    link: StoryLink
    story: AccountabilityStory


def story_links(*, organisation: Organisation) -> list[LinkedStory]:
    """The linked stories that may be shown now; a withdrawn one is left out at once."""
    links = list(StoryLink.objects.filter(organisation=organisation).select_related("signal"))
    shown = accountability_stories_by_id(
        organisation=organisation, ids=[link.experience_id for link in links]
    )
    return [
        LinkedStory(link=link, story=shown[link.experience_id])
        for link in links
        if link.experience_id in shown
    ]


def story_link_get(*, organisation: Organisation, link_id: int) -> StoryLink:
    return StoryLink.objects.get(organisation=organisation, pk=link_id)


def result_signals(*, organisation: Organisation) -> QuerySet[Signal]:
    """Signals with an outcome a story can illustrate (titles only, for the link form)."""
    return Signal.objects.filter(
        organisation=organisation,
        state__in=[SignalState.CHANGE_PLANNED, SignalState.CHANGE_MADE],
    ).order_by("-raised_at")


# --- goals per indicator -------------------------------------------------------------------


@dataclass(frozen=True)
class IndicatorRow:
    indicator: str
    label: str
    target: int | None
    measured: int


@dataclass(frozen=True)
class GoalYear:
    year: int
    paid_fte: Decimal
    realised_fte: Decimal | None
    indicators: list[IndicatorRow]

    @property
    def caption_id(self) -> str:
        return f"goals-{self.year}"


@dataclass(frozen=True)
class GoalsOverview:
    plan: PlanGoals
    years: list[GoalYear]


def _measured(figures: measures.Figures) -> dict[str, int]:
    return {
        Indicator.CONTRIBUTIONS_CLIENT: figures.contributions[Level.CLIENT],
        Indicator.CONTRIBUTIONS_ORGANISATION: figures.contributions[Level.ORGANISATION],
        Indicator.CONTRIBUTIONS_POLICY: figures.contributions[Level.POLICY],
        Indicator.SIGNALS_ANSWERED: figures.signals.answered,
        Indicator.CHANGES_MADE: figures.signals.change_made,
    }


def goals_overview(*, organisation: Organisation, today: date) -> GoalsOverview | None:
    """The plan's goals per year (read through planning's public module) beside what was
    measured in that year; None without a plan."""
    plan = plan_goals(organisation=organisation)
    if plan is None:
        return None
    targets = {
        (row.year, row.indicator): row.target
        for row in IndicatorTarget.objects.filter(organisation=organisation, plan_id=plan.plan_id)
    }
    years = sorted({goal.year for goal in plan.years} | {year for year, _ in targets})
    goals = {goal.year: goal for goal in plan.years}
    ids = [organisation.pk]
    facts = measures.signal_facts(organisation_ids=ids).get(organisation.pk, [])
    rows = []
    for year in years:
        period = measures.period_of("year", year)
        contributions = measures.contributions_by_level(
            organisation_ids=ids, start=period.start, end=period.end
        ).get(organisation.pk)
        figures = measures.Figures(
            contributions={
                level: (contributions[0] if contributions else {}).get(level, 0)
                for level in measures.LEVELS
            },
            minutes=contributions[1] if contributions else 0,
            signals=measures.responsiveness(facts, start=period.start, end=period.end, today=today),
        )
        measured = _measured(figures)
        goal = goals.get(year)
        rows.append(
            GoalYear(
                year=year,
                paid_fte=goal.paid_fte if goal else Decimal(0),
                realised_fte=goal.realised_fte if goal else None,
                indicators=[
                    IndicatorRow(
                        indicator=value,
                        label=str(label),
                        target=targets.get((year, value)),
                        measured=measured[value],
                    )
                    for value, label in Indicator.choices
                ],
            )
        )
    return GoalsOverview(plan=plan, years=rows)
