"""The responsiveness kernel: definitions on known sets, and properties on any set."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kwartier.impact.figures import (
    OUTCOMES,
    SignalFacts,
    is_overdue,
    month_end,
    month_starts,
    responsiveness,
    responsiveness_by_month,
)

START, END, TODAY = date(2026, 1, 1), date(2026, 12, 31), date(2026, 7, 1)


def facts(raised, *, answered=None, outcome=None, due=None):
    return SignalFacts(
        raised_on=raised,
        due_on=due or raised + timedelta(days=14),
        answered_on=answered,
        outcome=outcome,
    )


def test_known_set():
    signals = [
        facts(date(2026, 2, 1), answered=date(2026, 2, 3), outcome="change_made"),
        facts(date(2026, 2, 10), answered=date(2026, 2, 20), outcome="change_planned"),
        facts(date(2026, 3, 1), answered=date(2026, 3, 8), outcome="no_change"),
        facts(date(2026, 3, 5), answered=date(2026, 3, 9)),
        facts(date(2026, 6, 1)),  # unanswered, due 15 June: overdue on 1 July
        facts(date(2026, 6, 25)),  # unanswered, due 9 July: not yet overdue
        facts(date(2025, 12, 31)),  # before the period
    ]
    figures = responsiveness(signals, start=START, end=END, today=TODAY)
    assert figures.signals == 6
    assert figures.answered == 4
    assert figures.response_rate == pytest.approx(4 / 6)
    assert figures.median_days_to_response == 5.5  # days 2, 10, 7, 4 -> (4 + 7) / 2
    assert (figures.change_planned, figures.change_made, figures.no_change) == (1, 1, 1)
    assert figures.overdue == 1


def test_empty_period_has_no_rate_and_no_median():
    figures = responsiveness([], start=START, end=END, today=TODAY)
    assert figures.signals == figures.answered == figures.overdue == 0
    assert figures.response_rate is None and figures.median_days_to_response is None


def test_an_answer_after_today_does_not_count_yet():
    signal = facts(date(2026, 6, 1), answered=date(2026, 7, 10))
    figures = responsiveness([signal], start=START, end=END, today=TODAY)
    assert figures.answered == 0 and figures.overdue == 1


def test_due_day_itself_is_in_time():
    signal = facts(date(2026, 6, 17))  # due 1 July
    assert not is_overdue(signal, TODAY)
    assert is_overdue(signal, TODAY + timedelta(days=1))


def test_end_before_start_is_refused():
    with pytest.raises(ValueError):
        responsiveness([], start=END, end=START, today=TODAY)


def test_months_cover_the_period():
    assert month_starts(date(2025, 11, 15), date(2026, 2, 1)) == [
        date(2025, 11, 1),
        date(2025, 12, 1),
        date(2026, 1, 1),
        date(2026, 2, 1),
    ]
    assert month_end(date(2024, 2, 1)) == date(2024, 2, 29)
    assert month_end(date(2026, 12, 1)) == date(2026, 12, 31)


days = st.dates(min_value=date(2024, 1, 1), max_value=date(2027, 12, 31))


@st.composite
def signal_facts(draw):
    raised = draw(days)
    due = raised + timedelta(days=draw(st.integers(0, 60)))
    answered = draw(st.none() | st.integers(0, 90).map(lambda n: raised + timedelta(days=n)))
    outcome = draw(st.none() | st.sampled_from(OUTCOMES)) if answered else None
    return SignalFacts(raised_on=raised, due_on=due, answered_on=answered, outcome=outcome)


@settings(deadline=None)
@given(st.lists(signal_facts(), max_size=40), days, days, days)
def test_properties(signals, a, b, today):
    start, end = min(a, b), max(a, b)
    figures = responsiveness(signals, start=start, end=end, today=today)
    in_period = [s for s in signals if start <= s.raised_on <= end]
    assert figures.signals == len(in_period)
    assert 0 <= figures.answered <= figures.signals
    if figures.response_rate is not None:
        assert 0.0 <= figures.response_rate <= 1.0
    else:
        assert figures.signals == 0
    assert figures.change_planned + figures.change_made + figures.no_change <= figures.answered
    # overdue only for unanswered signals past their due date
    overdue = [
        s
        for s in in_period
        if (s.answered_on is None or s.answered_on > today) and s.due_on < today
    ]
    assert figures.overdue == len(overdue)
    assert figures.overdue + figures.answered <= figures.signals
    if figures.median_days_to_response is not None:
        assert figures.median_days_to_response >= 0
        assert figures.answered > 0


@settings(deadline=None)
@given(st.lists(signal_facts(), max_size=30), days, days, days)
def test_months_add_up_to_the_period(signals, a, b, today):
    start, end = min(a, b), max(a, b)
    total = responsiveness(signals, start=start, end=end, today=today)
    months = responsiveness_by_month(signals, start=start, end=end, today=today)
    assert sum(m.signals for _first, m in months) == total.signals
    assert sum(m.answered for _first, m in months) == total.answered
    assert sum(m.overdue for _first, m in months) == total.overdue


@settings(deadline=None)
@given(st.lists(st.integers(0, 365), min_size=1, max_size=25))
def test_median_of_known_sets(day_counts):
    raised = date(2026, 1, 1)
    signals = [facts(raised, answered=raised + timedelta(days=n)) for n in day_counts]
    figures = responsiveness(signals, start=raised, end=raised, today=date(2027, 12, 31))
    ordered = sorted(day_counts)
    middle = len(ordered) // 2
    expected = ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2
    assert figures.median_days_to_response == expected
