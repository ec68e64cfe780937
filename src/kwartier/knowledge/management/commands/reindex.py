"""`kwartier reindex`: rebuild the search index from the database, with a progress bar.

`--achtergrond` queues the same rebuild as a job for the worker instead (one index
writer at a time: use it when a worker is running).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from kwartier.knowledge import index
from kwartier.knowledge.services import reindex_start

BAR_WIDTH = 30


class Command(BaseCommand):
    help = "Bouwt de zoekindex van de kennisbank opnieuw op uit de database."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--achtergrond",
            action="store_true",
            help="Zet de herbouw als taak in de wachtrij in plaats van hem nu te doen.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["achtergrond"]:
            with transaction.atomic():
                job = reindex_start()
            self.stdout.write(f"Taak {job.pk} staat in de wachtrij.")
            return
        count = index.rebuild(self._progress)
        self.stderr.write("")
        self.stdout.write(self.style.SUCCESS(f"{count} verhalen in de zoekindex."))

    def _progress(self, done: int, total: int) -> None:
        filled = BAR_WIDTH if total == 0 else round(BAR_WIDTH * done / total)
        percent = 100 if total == 0 else round(100 * done / total)
        self.stderr.write(
            f"\r[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {done}/{total} ({percent}%)",
            ending="",
        )
        self.stderr.flush()
