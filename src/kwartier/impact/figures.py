"""Responsiveness in figures: how an organisation answers its mirror signals.

A pure kernel (no Django): the selectors turn signals into :class:`SignalFacts` and
call :func:`responsiveness` for a period, or :func:`responsiveness_by_month` for the
chart. The `results` part reuses the same functions for reports and the network
dashboard, so a figure means the same everywhere.

Definitions (docs/impact.md):

* a signal counts for the period when it was raised in it (``start <= raised_on <= end``);
* it is *answered* when its first response came on or before ``today``;
* the *response rate* is answered / signals, ``None`` for a period without signals;
* the *median days to response* is the median of whole days between raising and the
  first response over the answered signals, ``None`` when none was answered;
* the outcomes count the signals whose current outcome is that kind;
* *overdue* counts the unanswered signals whose due date lies before ``today``.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

Outcome = Literal["change_planned", "change_made", "no_change"]
OUTCOMES: tuple[Outcome, ...] = ("change_planned", "change_made", "no_change")


@dataclass(frozen=True, slots=True)
class SignalFacts:
    """What the figures need of one signal: dates only, never its text or people."""

    raised_on: date
    due_on: date
    answered_on: date | None = None
    outcome: Outcome | None = None
    team_id: int | None = None


@dataclass(frozen=True, slots=True)
class Responsiveness:
    signals: int
    answered: int
    response_rate: float | None
    median_days_to_response: float | None
    change_planned: int
    change_made: int
    no_change: int
    overdue: int

    def as_dict(self) -> dict[str, int | float | None]:
        return {
            "signals": self.signals,
            "answered": self.answered,
            "response_rate": self.response_rate,
            "median_days_to_response": self.median_days_to_response,
            "change_planned": self.change_planned,
            "change_made": self.change_made,
            "no_change": self.no_change,
            "overdue": self.overdue,
        }


def is_answered(facts: SignalFacts, today: date) -> bool:
    return facts.answered_on is not None and facts.answered_on <= today


def is_overdue(facts: SignalFacts, today: date) -> bool:
    """Unanswered and past its due date (the due day itself is still in time)."""
    return not is_answered(facts, today) and facts.due_on < today


def median(values: Sequence[int]) -> float | None:
    if not values:
        return None
    return float(statistics.median(values))


def responsiveness(
    signals: Iterable[SignalFacts], *, start: date, end: date, today: date
) -> Responsiveness:
    """The figures of the signals raised from ``start`` to ``end`` (both included)."""
    if end < start:
        raise ValueError("end lies before start")
    in_period = [facts for facts in signals if start <= facts.raised_on <= end]
    answered = [facts for facts in in_period if is_answered(facts, today)]
    days = [
        (facts.answered_on - facts.raised_on).days
        for facts in answered
        if facts.answered_on is not None
    ]
    outcomes = {kind: 0 for kind in OUTCOMES}
    for facts in answered:
        if facts.outcome is not None:
            outcomes[facts.outcome] += 1
    count = len(in_period)
    return Responsiveness(
        signals=count,
        answered=len(answered),
        response_rate=(len(answered) / count) if count else None,
        median_days_to_response=median([max(day, 0) for day in days]),
        change_planned=outcomes["change_planned"],
        change_made=outcomes["change_made"],
        no_change=outcomes["no_change"],
        overdue=sum(1 for facts in in_period if is_overdue(facts, today)),
    )


def month_starts(start: date, end: date) -> list[date]:
    """The first day of every month from ``start``'s month to ``end``'s month."""
    months = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        months.append(date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def month_end(first: date) -> date:
    following = (
        date(first.year + 1, 1, 1) if first.month == 12 else date(first.year, first.month + 1, 1)
    )
    return date.fromordinal(following.toordinal() - 1)


def responsiveness_by_month(
    signals: Iterable[SignalFacts], *, start: date, end: date, today: date
) -> list[tuple[date, Responsiveness]]:
    """The figures per calendar month, for the chart over time (the first and last
    month are cut to ``start`` and ``end``)."""
    facts = list(signals)
    rows = []
    for first in month_starts(start, end):
        rows.append(
            (
                first,
                responsiveness(
                    facts, start=max(first, start), end=min(month_end(first), end), today=today
                ),
            )
        )
    return rows
