"""Whether support is in place for an experience worker: plain Python (no Django).

Support is in place when the worker took part in intervisie within the last
``INTERVISIE_WEEKS`` weeks, or has a coach now. Training is shown beside it (a worker in
or after an ED training has a place to learn), but does not replace intervisie or a coach:
the field's lesson is that workers without peers or a coach drop out.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Final

INTERVISIE_WEEKS: Final = 8


def gettext_noop(message: str) -> str:
    """Marks a Dutch message id for ``makemessages``; the web layer translates it."""
    return message


@dataclass(frozen=True)
class SupportFacts:
    last_intervisie: datetime.date | None
    coach_now: bool
    training_now_or_done: bool


@dataclass(frozen=True)
class SupportStatus:
    intervisie_recent: bool
    coach: bool
    training: bool
    in_place: bool
    # Dutch message ids: what is missing, for the overview and the plan's warnings.
    missing: tuple[str, ...]


def intervisie_recent(
    last: datetime.date | None, today: datetime.date, weeks: int = INTERVISIE_WEEKS
) -> bool:
    if last is None or last > today:  # a meeting still to come is no support yet
        return False
    return (today - last).days <= weeks * 7


def support_status(
    facts: SupportFacts, today: datetime.date, weeks: int = INTERVISIE_WEEKS
) -> SupportStatus:
    recent = intervisie_recent(facts.last_intervisie, today, weeks)
    missing: list[str] = []
    if not recent:
        missing.append(gettext_noop("geen intervisie in de afgelopen %(weeks)s weken"))
    if not facts.coach_now:
        missing.append(gettext_noop("geen coach"))
    if not facts.training_now_or_done:
        missing.append(gettext_noop("geen opleiding of training"))
    return SupportStatus(
        intervisie_recent=recent,
        coach=facts.coach_now,
        training=facts.training_now_or_done,
        in_place=recent or facts.coach_now,
        missing=tuple(missing),
    )
