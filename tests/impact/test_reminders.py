"""The daily round: reminders to the owner, escalation to the kwartiermaker, idempotent."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from kwartier.impact import reminders, tasks
from kwartier.impact.models import SignalState, SignalStep, StepKind
from tests.impact.factories import SignalFactory

pytestmark = pytest.mark.django_db

RAISED = datetime.date(2026, 3, 2)


def make_signal(cast, **overrides):
    raised_at = timezone.make_aware(datetime.datetime(2026, 3, 2, 10, 0))
    values = {
        "organisation": cast.organisation,
        "raised_by": cast.worker,
        "owner_team": cast.team,
        "raised_at": raised_at,
        "due_at": raised_at + datetime.timedelta(days=14),  # due 16 March
    }
    values.update(overrides)
    return SignalFactory(**values)


def run(day, capture):
    with capture(execute=True):
        return reminders.signals_remind(today=day)


def test_reminder_before_the_deadline_then_escalation_after(
    cast, django_capture_on_commit_callbacks
):
    signal = make_signal(cast)
    assert run(datetime.date(2026, 3, 10), django_capture_on_commit_callbacks).reminders == 0
    result = run(datetime.date(2026, 3, 13), django_capture_on_commit_callbacks)
    assert (result.reminders, result.escalations) == (1, 0)
    assert mail.outbox[-1].to == [cast.responder.email]
    # the same day again: nothing twice
    result = run(datetime.date(2026, 3, 13), django_capture_on_commit_callbacks)
    assert (result.reminders, result.escalations) == (0, 0)
    # the next days: no new reminder within the week
    assert run(datetime.date(2026, 3, 16), django_capture_on_commit_callbacks).reminders == 0
    mail.outbox.clear()
    result = run(datetime.date(2026, 3, 17), django_capture_on_commit_callbacks)
    assert (result.reminders, result.escalations) == (0, 1)
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == sorted([cast.kwartiermaker.email, cast.worker.email])
    assert run(datetime.date(2026, 3, 17), django_capture_on_commit_callbacks).escalations == 0
    # a week later both again
    result = run(datetime.date(2026, 3, 20), django_capture_on_commit_callbacks)
    assert (result.reminders, result.escalations) == (1, 0)
    result = run(datetime.date(2026, 3, 24), django_capture_on_commit_callbacks)
    assert (result.reminders, result.escalations) == (0, 1)
    kinds = list(
        SignalStep.objects.filter(signal=signal, for_day__isnull=False)
        .order_by("for_day")
        .values_list("kind", "for_day")
    )
    assert kinds == [
        (StepKind.REMINDER, datetime.date(2026, 3, 13)),
        (StepKind.ESCALATION, datetime.date(2026, 3, 17)),
        (StepKind.REMINDER, datetime.date(2026, 3, 20)),
        (StepKind.ESCALATION, datetime.date(2026, 3, 24)),
    ]


def test_answered_signals_get_nothing(cast, django_capture_on_commit_callbacks):
    make_signal(cast, state=SignalState.ANSWERED, answered_at=timezone.now())
    result = run(datetime.date(2026, 4, 30), django_capture_on_commit_callbacks)
    assert (result.reminders, result.escalations) == (0, 0)
    assert mail.outbox == []


def test_command_enqueues_the_job_and_the_job_is_idempotent(
    cast, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    make_signal(cast)
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            call_command("impact_daily", "--date", "2026-03-17")
    assert SignalStep.objects.filter(kind=StepKind.ESCALATION).count() == 1
    assert SignalStep.objects.filter(kind=StepKind.REMINDER).count() == 1
    assert tasks.impact_daily.call("2026-03-17") == {"reminders": 0, "escalations": 0}
