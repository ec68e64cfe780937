"""Demo data: a year of contributions and signals for De Brug, fewer for Op Weg; loaded
once, the same every time, and every figure has something to show."""

from __future__ import annotations

import io

import pytest
from django.core import mail
from django.utils import timezone

from kwartier.accounts import demo as accounts_demo
from kwartier.accounts.models import Organisation
from kwartier.impact import demo, reminders, selectors
from kwartier.impact.models import Contribution, Signal, SignalStep
from kwartier.impact.views import default_period

pytestmark = pytest.mark.django_db


def _snapshot():
    return (
        list(Contribution.objects.order_by("pk").values_list("date", "level", "kind", "minutes")),
        list(Signal.objects.order_by("pk").values_list("title", "state", "raised_at")),
    )


def test_demo_loads_once_and_every_figure_shows_something():
    accounts_demo.load(io.StringIO())
    demo.load(io.StringIO())
    first = _snapshot()
    steps = SignalStep.objects.count()
    demo.load(io.StringIO())
    assert _snapshot() == first and SignalStep.objects.count() == steps

    brug = Organisation.objects.get(slug="debrug")
    opweg = Organisation.objects.get(slug="opweg")
    brug_count = Contribution.objects.filter(organisation=brug).count()
    assert brug_count > 150
    assert 0 < Contribution.objects.filter(organisation=opweg).count() < brug_count / 2
    assert set(Contribution.objects.filter(organisation=brug).values_list("level", flat=True)) == {
        "client",
        "organisation",
        "policy",
    }
    today = timezone.localdate()
    start, end = default_period(today)
    figures = selectors.responsiveness_for(organisation=brug, start=start, end=end, today=today)
    assert figures.signals >= 25
    assert 0 < figures.answered < figures.signals
    assert figures.overdue > 0 and figures.change_made > 0 and figures.change_planned > 0
    assert figures.median_days_to_response is not None
    small = selectors.responsiveness_for(organisation=opweg, start=start, end=end, today=today)
    assert 0 < small.signals < 10
    assert selectors.organisation_published(slug="debrug") == brug
    # The overdue signals were escalated today or before: the daily round adds reminders,
    # and a second round on the same day sends nothing more.
    first_round = reminders.signals_remind(today=today)
    sent = len(mail.outbox)
    again = reminders.signals_remind(today=today)
    assert (again.reminders, again.escalations) == (0, 0) and len(mail.outbox) == sent
    assert first_round.reminders >= figures.overdue
