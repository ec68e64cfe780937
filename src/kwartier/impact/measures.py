"""The figures of the results part (issue 10, points 5, 7, 8): what an organisation or a
network did in a period. Tenant-scoped reads; the responsiveness figures come from the
pure kernel ``figures.py``, the small-number rule from the verkenning's public module.

Only counts leave this module: never a signal's text, a contribution's note or a name.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Sum
from django.utils import timezone

from kwartier.exploration.public import MIN_GROUP_SIZE, suppressed_groups
from kwartier.impact.figures import OUTCOMES, Responsiveness, SignalFacts, responsiveness
from kwartier.impact.models import Contribution, Level, ReportPeriod, Signal

if TYPE_CHECKING:
    from kwartier.accounts.models import Network, Organisation

LEVELS: tuple[str, ...] = tuple(Level.values)


# --- periods -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    kind: str
    year: int
    quarter: int | None
    start: date
    end: date

    @property
    def label(self) -> str:
        return (
            f"Q{self.quarter} {self.year}" if self.kind == ReportPeriod.QUARTER else str(self.year)
        )


def period_of(kind: str, year: int, quarter: int | None = None) -> Period:
    """A calendar quarter (1-4) or year; ValueError for anything else."""
    if not 2000 <= year <= 2100:
        raise ValueError("year out of range")
    if kind == ReportPeriod.YEAR:
        return Period(kind, year, None, date(year, 1, 1), date(year, 12, 31))
    if kind == ReportPeriod.QUARTER and quarter in (1, 2, 3, 4):
        assert quarter is not None
        first_month = 3 * (quarter - 1) + 1
        start = date(year, first_month, 1)
        end = date(year + 1, 1, 1) if quarter == 4 else date(year, first_month + 3, 1)
        return Period(kind, year, quarter, start, date.fromordinal(end.toordinal() - 1))
    raise ValueError("unknown period")


def previous_quarter(today: date) -> Period:
    quarter = (today.month - 1) // 3 + 1
    if quarter == 1:
        return period_of(ReportPeriod.QUARTER, today.year - 1, 4)
    return period_of(ReportPeriod.QUARTER, today.year, quarter - 1)


# --- one organisation ---------------------------------------------------------------------


@dataclass(frozen=True)
class Figures:
    """What one organisation (or a whole network) did in a period."""

    contributions: dict[str, int]
    minutes: int
    signals: Responsiveness

    @property
    def contributions_total(self) -> int:
        return sum(self.contributions.values())


def _local(moment: Any) -> date | None:
    return timezone.localdate(moment) if moment is not None else None


def signal_facts(*, organisation_ids: Iterable[int]) -> dict[int, list[SignalFacts]]:
    """Dates and outcome of every signal of the organisations, by organisation (one query)."""
    facts: dict[int, list[SignalFacts]] = {}
    rows = Signal.objects.filter(organisation_id__in=list(organisation_ids)).values_list(
        "organisation_id", "raised_at", "due_at", "answered_at", "state", "owner_team_id"
    )
    for organisation_id, raised_at, due_at, answered_at, state, team_id in rows:
        facts.setdefault(organisation_id, []).append(
            SignalFacts(
                raised_on=timezone.localdate(raised_at),
                due_on=timezone.localdate(due_at),
                answered_on=_local(answered_at),
                outcome=state if state in OUTCOMES else None,
                team_id=team_id,
            )
        )
    return facts


def contributions_by_level(
    *, organisation_ids: Iterable[int], start: date, end: date
) -> dict[int, tuple[dict[str, int], int]]:
    """Per organisation: the count of contributions per level and the minutes (one query)."""
    result: dict[int, tuple[dict[str, int], int]] = {}
    rows = (
        Contribution.objects.filter(
            organisation_id__in=list(organisation_ids), date__gte=start, date__lte=end
        )
        .values("organisation_id", "level")
        .annotate(count=Count("pk"), minutes=Sum("minutes"))
        .order_by()
    )
    for row in rows:
        counts, minutes = result.setdefault(row["organisation_id"], ({}, 0))
        counts[row["level"]] = row["count"]
        result[row["organisation_id"]] = (counts, minutes + (row["minutes"] or 0))
    return result


def _figures(
    contributions: tuple[dict[str, int], int] | None,
    facts: Sequence[SignalFacts],
    period: Period,
    today: date,
) -> Figures:
    counts, minutes = contributions or ({}, 0)
    return Figures(
        contributions={level: counts.get(level, 0) for level in LEVELS},
        minutes=minutes,
        signals=responsiveness(facts, start=period.start, end=period.end, today=today),
    )


def organisation_figures(*, organisation: Organisation, period: Period, today: date) -> Figures:
    ids = [organisation.pk]
    contributions = contributions_by_level(organisation_ids=ids, start=period.start, end=period.end)
    facts = signal_facts(organisation_ids=ids)
    return _figures(
        contributions.get(organisation.pk), facts.get(organisation.pk, []), period, today
    )


def contributions_of_user(*, user: Any, organisation: Organisation, start: date, end: date) -> int:
    return Contribution.objects.filter(
        organisation=organisation, author=user, date__gte=start, date__lte=end
    ).count()


# --- a network, with small numbers suppressed --------------------------------------------------

#: The columns of the network table: (key, how to read it from Figures).
NETWORK_COLUMNS: tuple[str, ...] = (
    "contributions_client",
    "contributions_organisation",
    "contributions_policy",
    "signals",
    "answered",
    "change_made",
)


def _column_values(figures: Figures) -> dict[str, int]:
    return {
        "contributions_client": figures.contributions[Level.CLIENT],
        "contributions_organisation": figures.contributions[Level.ORGANISATION],
        "contributions_policy": figures.contributions[Level.POLICY],
        "signals": figures.signals.signals,
        "answered": figures.signals.answered,
        "change_made": figures.signals.change_made,
    }


@dataclass(frozen=True)
class Cell:
    value: int | None  # None: not shown (fewer than five, or it would give one back)

    @property
    def suppressed(self) -> bool:
        return self.value is None


@dataclass(frozen=True)
class NetworkRow:
    name: str
    cells: dict[str, Cell]
    response_rate: float | None  # None when not shown or without signals
    rate_suppressed: bool = False


@dataclass(frozen=True)
class NetworkTable:
    network_name: str
    period: Period
    rows: list[NetworkRow]
    total: NetworkRow
    suppressed_cells: int = field(default=0)


def _rate(cells: dict[str, Cell]) -> tuple[float | None, bool]:
    signals, answered = cells["signals"], cells["answered"]
    if signals.suppressed or answered.suppressed:
        return None, True
    if not signals.value:
        return None, False
    return (answered.value or 0) / signals.value, False


def network_organisations(*, network: Network, excluding: Organisation | None) -> list[Any]:
    organisations = network.organisations.order_by("name")
    if excluding is not None:
        organisations = organisations.exclude(pk=excluding.pk)
    return list(organisations)


def network_table(
    *, network: Network, period: Period, today: date, excluding: Organisation | None = None
) -> NetworkTable:
    """The network's figures per organisation. Per column, a count under five is not
    shown (the verkenning's rule, ``suppressed_groups``); when a network total would give
    a hidden count back by subtraction, the total of that column is not shown either."""
    organisations = network_organisations(network=network, excluding=excluding)
    ids = [organisation.pk for organisation in organisations]
    contributions = contributions_by_level(organisation_ids=ids, start=period.start, end=period.end)
    facts = signal_facts(organisation_ids=ids)
    values = {
        organisation.pk: _column_values(
            _figures(
                contributions.get(organisation.pk), facts.get(organisation.pk, []), period, today
            )
        )
        for organisation in organisations
    }
    cells: dict[int, dict[str, Cell]] = {pk: {} for pk in ids}
    total: dict[str, Cell] = {}
    suppressed = 0
    for column in NETWORK_COLUMNS:
        sizes = {str(pk): values[pk][column] for pk in ids}
        hidden = suppressed_groups(sizes, protect_remainder=False)
        # Hiding more to protect the remainder means a total would give a cell back.
        total_gives_back = suppressed_groups(sizes) != hidden
        for pk in ids:
            shown = str(pk) not in hidden
            cells[pk][column] = Cell(values[pk][column] if shown else None)
            suppressed += 0 if shown else 1
        column_total = sum(values[pk][column] for pk in ids)
        small_total = 0 < column_total < MIN_GROUP_SIZE
        total[column] = Cell(None if total_gives_back or small_total else column_total)
    rows = []
    for organisation in organisations:
        rate, rate_hidden = _rate(cells[organisation.pk])
        rows.append(NetworkRow(organisation.name, cells[organisation.pk], rate, rate_hidden))
    total_rate, total_rate_hidden = _rate(total)
    return NetworkTable(
        network_name=network.name,
        period=period,
        rows=rows,
        total=NetworkRow(str(network.name), total, total_rate, total_rate_hidden),
        suppressed_cells=suppressed,
    )
