"""The plain-Python kernels of Inzet: figures per year from positions, and whether
support is in place. Worked examples and properties."""

from __future__ import annotations

import datetime
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from kwartier.workforce.figures import PositionSpan, figures_by_year, figures_on, reference_date
from kwartier.workforce.support import SupportFacts, intervisie_recent, support_status

TODAY = datetime.date(2026, 6, 15)


def span(pid: int, starts: str, ends: str | None = None, fte: str = "0.5", paid: bool = True):
    return PositionSpan(
        profile_id=pid,
        starts=datetime.date.fromisoformat(starts),
        ends=datetime.date.fromisoformat(ends) if ends else None,
        fte=Decimal(fte),
        employment="paid" if paid else "volunteer",
    )


def test_reference_dates():
    assert reference_date(2025, TODAY) == datetime.date(2025, 12, 31)
    assert reference_date(2026, TODAY) == TODAY
    assert reference_date(2027, TODAY) is None


def test_worked_example_per_year():
    spans = [
        span(1, "2024-03-01", fte="0.6"),
        span(1, "2025-01-01", fte="0.2"),  # a second position of the same person
        span(2, "2025-02-01", "2025-11-30", fte="0.8"),  # ended before 31 December 2025
        span(3, "2026-01-01", fte="0.5"),
        span(4, "2025-05-01", paid=False, fte="0"),
    ]
    figures = figures_by_year(spans, [2023, 2024, 2025, 2026, 2027], TODAY)
    assert set(figures) == {2024, 2025, 2026}  # 2023 before any position, 2027 to come
    assert (figures[2024].paid_headcount, figures[2024].paid_fte) == (1, Decimal("0.6"))
    assert (figures[2025].paid_headcount, figures[2025].paid_fte) == (1, Decimal("0.8"))
    assert figures[2025].volunteers == 1
    assert (figures[2026].paid_headcount, figures[2026].paid_fte) == (2, Decimal("1.3"))


_day = st.dates(min_value=datetime.date(2020, 1, 1), max_value=datetime.date(2030, 12, 31))
_spans = st.lists(
    st.builds(
        lambda pid, a, b, fte, paid: PositionSpan(
            profile_id=pid,
            starts=min(a, b) if b else a,
            ends=max(a, b) if b else None,
            fte=Decimal(fte) / 100,
            employment="paid" if paid else "volunteer",
        ),
        st.integers(1, 6),
        _day,
        st.none() | _day,
        st.integers(0, 150),
        st.booleans(),
    ),
    max_size=12,
)


@settings(max_examples=150, deadline=None)
@given(_spans, _day)
def test_headcount_never_exceeds_people_and_fte_is_the_paid_sum(spans, day):
    figures = figures_on(spans, day.year, day)
    running_paid = [s for s in spans if s.runs_on(day) and s.employment == "paid"]
    assert figures.paid_headcount == len({s.profile_id for s in running_paid})
    assert figures.paid_fte == sum((s.fte for s in running_paid), Decimal("0"))
    assert figures.paid_headcount + figures.volunteers <= len({s.profile_id for s in spans})


@settings(max_examples=100, deadline=None)
@given(_spans, _day)
def test_no_figures_for_years_to_come(spans, today):
    figures = figures_by_year(spans, range(2018, 2033), today)
    assert all(year <= today.year for year in figures)


@settings(max_examples=100, deadline=None)
@given(_spans, _spans, _day)
def test_adding_a_paid_position_never_lowers_the_figures(spans, more, day):
    before = figures_on(spans, day.year, day)
    after = figures_on(spans + [s for s in more if s.employment == "paid"], day.year, day)
    assert after.paid_fte >= before.paid_fte
    assert after.paid_headcount >= before.paid_headcount


def test_support_worked_examples():
    recent = SupportFacts(TODAY - datetime.timedelta(weeks=8), False, False)
    old = SupportFacts(TODAY - datetime.timedelta(weeks=8, days=1), False, True)
    assert support_status(recent, TODAY).in_place
    status = support_status(old, TODAY)
    assert not status.in_place and not status.intervisie_recent and status.training
    assert support_status(SupportFacts(None, True, False), TODAY).in_place
    # A meeting that is still to come is no support yet.
    assert not intervisie_recent(TODAY + datetime.timedelta(days=1), TODAY)


@settings(max_examples=150, deadline=None)
@given(st.none() | _day, st.booleans(), st.booleans(), _day)
def test_support_in_place_exactly_with_recent_intervisie_or_a_coach(last, coach, training, today):
    status = support_status(SupportFacts(last, coach, training), today)
    assert status.in_place == (status.intervisie_recent or coach)
    assert status.training == training
    assert (len(status.missing) == 0) == (status.intervisie_recent and coach and training)
