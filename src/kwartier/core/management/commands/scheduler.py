"""Start periodic work when it is due (see kwartier.core.schedule): `kwartier scheduler`
runs beside `kwartier db_worker`; `--once` checks once and stops (cron, tests)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from kwartier.core.schedule import registered, run_due


class Command(BaseCommand):
    help = "Start the periodic tasks (reminders, reports) that are due."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="Check once, then stop.")
        parser.add_argument(
            "--interval", type=int, default=60, help="Seconds between checks (default 60)."
        )

    def handle(self, *args: Any, once: bool = False, interval: int = 60, **options: Any) -> None:
        names = ", ".join(periodic.name for periodic in registered()) or "-"
        self.stdout.write(f"Periodieke taken: {names}")
        while True:
            for name in run_due(timezone.now()):
                self.stdout.write(f"{timezone.now():%Y-%m-%d %H:%M} gestart: {name}")
            if once:
                return
            time.sleep(max(1, interval))
