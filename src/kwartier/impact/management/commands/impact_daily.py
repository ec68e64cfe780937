"""`kwartier impact_daily`: enqueue today's reminders and escalations of open signals.

Run it once a day (cron: ``0 7 * * * kwartier impact_daily``); the worker
(`kwartier db_worker`) sends them. Idempotent: enqueued twice on one day, the second run
sends nothing (see `impact/reminders.py`). ``--date`` runs it for another day (tests,
catching up); ``--now`` runs it here instead of in the worker.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from kwartier.impact import reminders, services


class Command(BaseCommand):
    help = "Zet de dagelijkse herinneringen en escalaties van signalen in de wachtrij."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="De dag (JJJJ-MM-DD); standaard vandaag.")
        parser.add_argument("--now", action="store_true", help="Nu uitvoeren, niet via de worker.")

    def handle(self, *args: Any, **options: Any) -> None:
        day = None
        if options.get("date"):
            try:
                day = datetime.date.fromisoformat(options["date"])
            except ValueError as error:
                raise CommandError("Geef de datum als JJJJ-MM-DD.") from error
        if options.get("now"):
            result = reminders.signals_remind(today=day)
            self.stdout.write(
                f"{result.reminders} herinnering(en), {result.escalations} escalatie(s)."
            )
            return
        with transaction.atomic():
            when = services.impact_daily_enqueue(day=day)
        self.stdout.write(f"Dagelijkse ronde voor {when} staat in de wachtrij.")
