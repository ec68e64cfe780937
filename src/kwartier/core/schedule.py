"""Periodic work: what runs every day or every quarter without anyone asking.

django-tasks queues and runs tasks but has no schedule of its own (decision 0097), so
the core keeps a small registry: an app registers a starter in its ``AppConfig.ready()``
(``register_periodic("impact.reminders", every=timedelta(days=1), start=...)``), and
``kwartier scheduler`` (started by ``make demo`` beside ``db_worker``) calls
:func:`run_due` every minute. A starter only *enqueues* work (a django-tasks task); the
worker does it. Each start is recorded in ``ScheduledRun`` under a row lock, so a
restart or a second scheduler never starts the same period twice, and a scheduler that
was down catches up once, not once per missed period.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction

from kwartier.core.models import ScheduledRun


@dataclass(frozen=True)
class Periodic:
    name: str
    every: timedelta
    start: Callable[[datetime], object]


logger = logging.getLogger(__name__)

_periodic: dict[str, Periodic] = {}


def register_periodic(name: str, *, every: timedelta, start: Callable[[datetime], object]) -> None:
    """Register (or replace) a periodic starter; ``start(now)`` enqueues the work."""
    _periodic[name] = Periodic(name=name, every=every, start=start)


def registered() -> list[Periodic]:
    return sorted(_periodic.values(), key=lambda periodic: periodic.name)


def run_due(now: datetime) -> list[str]:
    """Start every registered task whose period has passed; the names started. A starter
    that fails is logged and tried again at the next check; the others still start."""
    started = []
    for periodic in registered():
        try:
            with transaction.atomic():
                run, _ = ScheduledRun.objects.select_for_update().get_or_create(name=periodic.name)
                if run.last_run_at is not None and now - run.last_run_at < periodic.every:
                    continue
                periodic.start(now)
                run.last_run_at = now
                run.save(update_fields=["last_run_at"])
        except Exception:
            logger.exception("Periodic task %s could not be started", periodic.name)
            continue
        started.append(periodic.name)
    return started
