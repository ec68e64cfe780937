"""Background jobs of Resultaten.

* `impact_daily`: the daily round of reminders and escalations (`reminders.py`),
  enqueued by `kwartier impact_daily` (cron, or the scheduler of `make demo`). Running
  it twice for one day sends nothing twice.
"""

from __future__ import annotations

import datetime
import logging

from django_tasks import task

from kwartier.impact.reminders import signals_remind

logger = logging.getLogger("kwartier.impact")


@task()
def impact_daily(day: str) -> dict[str, int]:
    result = signals_remind(today=datetime.date.fromisoformat(day))
    logger.info(
        "impact daily %s: %s reminders, %s escalations", day, result.reminders, result.escalations
    )
    return {"reminders": result.reminders, "escalations": result.escalations}
