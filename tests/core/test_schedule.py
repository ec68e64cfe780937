"""The scheduler of periodic work (core.schedule and `kwartier scheduler --once`)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
from django.core.management import call_command

from kwartier.core import schedule
from kwartier.core.models import ScheduledRun

START = datetime(2026, 3, 2, 6, 0, tzinfo=UTC)


@pytest.fixture
def started(monkeypatch) -> list[datetime]:
    monkeypatch.setattr(schedule, "_periodic", {})
    calls: list[datetime] = []
    schedule.register_periodic("test.daily", every=timedelta(days=1), start=calls.append)
    return calls


@pytest.mark.django_db
def test_a_periodic_task_starts_once_per_period(started):
    assert schedule.run_due(START) == ["test.daily"]
    assert schedule.run_due(START + timedelta(hours=23)) == []
    assert schedule.run_due(START + timedelta(days=1)) == ["test.daily"]
    assert started == [START, START + timedelta(days=1)]
    assert ScheduledRun.objects.get(name="test.daily").last_run_at == START + timedelta(days=1)


@pytest.mark.django_db
def test_a_scheduler_that_was_down_catches_up_once(started):
    schedule.run_due(START)
    assert schedule.run_due(START + timedelta(days=10)) == ["test.daily"]
    assert schedule.run_due(START + timedelta(days=10, minutes=1)) == []
    assert len(started) == 2


@pytest.mark.django_db
def test_a_failing_starter_is_retried_next_time_and_does_not_stop_the_others(started):
    def broken(now):
        raise RuntimeError("queue unavailable")

    schedule.register_periodic("test.broken", every=timedelta(days=1), start=broken)
    assert schedule.run_due(START) == ["test.daily"]
    assert not ScheduledRun.objects.filter(name="test.broken", last_run_at__isnull=False).exists()


@pytest.mark.django_db
def test_the_command_checks_once(started):
    out = StringIO()
    call_command("scheduler", "--once", stdout=out)
    assert "test.daily" in out.getvalue()
    assert len(started) == 1
