"""The daily round over open signals: reminders to the owner and escalations to the
kwartiermaker (the service the background job `tasks.impact_daily` calls).

* A *reminder* goes to the owner from :data:`REMIND_DAYS_BEFORE` days before the due date
  on, then again every :data:`REPEAT_DAYS` days while the signal is unanswered.
* An *escalation* goes to the kwartiermakers from the first day past the due date on,
  then again every :data:`REPEAT_DAYS` days while it is unanswered.

Each is a :class:`~kwartier.impact.models.SignalStep` carrying the day it was for; a
unique constraint (signal, kind, day) makes the round idempotent: run twice on one day,
or by two workers at once, it sends each message once. The raiser sees the steps on the
signal's page; the escalation is also mailed to them.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kwartier.impact import mail, selectors
from kwartier.impact.models import Signal, SignalState, SignalStep, StepKind

REMIND_DAYS_BEFORE = 3
REPEAT_DAYS = 7


@dataclass
class DailyResult:
    reminders: int = 0
    escalations: int = 0


def _sent_recently(signal: Signal, kind: str, today: datetime.date) -> bool:
    since = today - datetime.timedelta(days=REPEAT_DAYS - 1)
    return SignalStep.objects.filter(signal=signal, kind=kind, for_day__gte=since).exists()


def _record(signal: Signal, kind: str, today: datetime.date, text: str) -> bool:
    """Record the step for ``today``; False when it was already there (sent before)."""
    try:
        with transaction.atomic():
            SignalStep.objects.create(
                signal=signal,
                kind=kind,
                state_after=signal.state,
                text=text,
                for_day=today,
            )
    except IntegrityError:
        return False
    return True


def signals_remind(*, today: datetime.date | None = None) -> DailyResult:
    day = today or timezone.localdate()
    result = DailyResult()
    horizon = day + datetime.timedelta(days=REMIND_DAYS_BEFORE)
    candidates = Signal.objects.filter(state=SignalState.OPEN).select_related(
        "raised_by", "owner", "owner_team"
    )
    for signal in candidates.iterator():
        due = timezone.localdate(signal.due_at)
        if due > horizon:
            continue
        if not _sent_recently(signal, StepKind.REMINDER, day):
            text = _("De eigenaar kreeg een bericht: reageer voor %(due)s.") % {
                "due": due.strftime("%d-%m-%Y")
            }
            if _record(signal, StepKind.REMINDER, day, text):
                result.reminders += 1
                mail.send_signal_mail(
                    recipients=selectors.signal_responders(signal),
                    subject=_("Herinnering: reageer op het signaal „%(title)s”")
                    % {"title": signal.title},
                    template="reminder",
                    signal=signal,
                    due=due,
                )
        if due < day and not _sent_recently(signal, StepKind.ESCALATION, day):
            text = _(
                "Geen reactie binnen de termijn (uiterlijk %(due)s): voorgelegd aan de "
                "kwartiermaker."
            ) % {"due": due.strftime("%d-%m-%Y")}
            if _record(signal, StepKind.ESCALATION, day, text):
                result.escalations += 1
                mail.send_signal_mail(
                    recipients=selectors.kwartiermakers(organisation_id=signal.organisation_id),
                    subject=_("Signaal over de termijn: %(title)s") % {"title": signal.title},
                    template="escalation",
                    signal=signal,
                    due=due,
                )
                if signal.raised_by is not None:
                    mail.send_signal_mail(
                        recipients=[signal.raised_by],
                        subject=_("Uw signaal is voorgelegd aan de kwartiermaker: %(title)s")
                        % {"title": signal.title},
                        template="step",
                        signal=signal,
                    )
    return result
