"""Actual experience workers per year, from positions: plain Python (no Django).

A position counts in a year when it runs on the year's reference date: 31 December for a
year that has ended, ``today`` for the year in progress. Years after ``today`` have no
actual figures yet. Headcount is the number of distinct people with a paid position on
that date; FTE is the sum of their paid positions' FTE. Volunteers are counted apart.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Final

PAID: Final = "paid"


@dataclass(frozen=True)
class PositionSpan:
    profile_id: int
    starts: datetime.date
    ends: datetime.date | None
    fte: Decimal
    employment: str

    def runs_on(self, day: datetime.date) -> bool:
        return self.starts <= day and (self.ends is None or self.ends >= day)


@dataclass(frozen=True)
class YearFigures:
    year: int
    reference_date: datetime.date
    paid_headcount: int
    paid_fte: Decimal
    volunteers: int


def reference_date(year: int, today: datetime.date) -> datetime.date | None:
    """The day a year is counted on, or None for a year that has not begun."""
    if year > today.year:
        return None
    if year == today.year:
        return today
    return datetime.date(year, 12, 31)


def figures_on(spans: Iterable[PositionSpan], year: int, day: datetime.date) -> YearFigures:
    running = [span for span in spans if span.runs_on(day)]
    paid = [span for span in running if span.employment == PAID]
    paid_people = {span.profile_id for span in paid}
    volunteers = {span.profile_id for span in running if span.employment != PAID} - paid_people
    return YearFigures(
        year=year,
        reference_date=day,
        paid_headcount=len(paid_people),
        paid_fte=sum((span.fte for span in paid), Decimal("0")),
        volunteers=len(volunteers),
    )


def figures_by_year(
    spans: Iterable[PositionSpan], years: Iterable[int], today: datetime.date
) -> dict[int, YearFigures]:
    """Figures for each of `years` that has begun by `today` and has at least one position
    that started on or before its reference date (so a year before the first position is
    not reported as zero: there is nothing to say about it)."""
    spans = list(spans)
    result: dict[int, YearFigures] = {}
    if not spans:
        return result
    first = min(span.starts for span in spans)
    for year in sorted(set(years)):
        day = reference_date(year, today)
        if day is None or day < first:
            continue
        result[year] = figures_on(spans, year, day)
    return result
