"""`kwartier reindex`: rebuild the search index from the database, with a progress bar.

`--achtergrond` queues the same rebuild as a job for the worker instead (one index
writer at a time: use it when a worker is running).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from kwartier.knowledge import index
from kwartier.knowledge.services import reindex_start

BAR_WIDTH = 30
#: Ids shown per kind of drift; the counts are always complete.
CHECK_SHOWN = 20


class Command(BaseCommand):
    help = "Bouwt de zoekindex van de kennisbank opnieuw op uit de database."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--achtergrond",
            action="store_true",
            help="Zet de herbouw als taak in de wachtrij in plaats van hem nu te doen.",
        )
        parser.add_argument(
            "--kopie",
            action="store_true",
            help=(
                "Bouwt alleen de eigen zoekkopie van deze webnode opnieuw op uit PostgreSQL "
                "(KWARTIER_SEARCH_BACKEND=postgres); de database verandert niet."
            ),
        )
        parser.add_argument(
            "--check",
            action="store_true",
            help=(
                "Verandert niets: vergelijkt de zoekindex met de database (ontbrekende, "
                "overbodige en verouderde verhalen) en eindigt met code 1 bij verschillen."
            ),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["check"]:
            self._check()
            return
        if options["kopie"]:
            if not index.rebuild_replica(self._progress):
                raise CommandError(
                    "Geen zoekkopie opnieuw opgebouwd: deze node houdt geen kopie bij "
                    "(dat doet hij alleen met KWARTIER_SEARCH_BACKEND=postgres en "
                    "KWARTIER_SEARCH_REPLICA=tantivy)."
                )
            self.stderr.write("")
            self.stdout.write(self.style.SUCCESS("De zoekkopie van deze node is bijgewerkt."))
            return
        if options["achtergrond"]:
            with transaction.atomic():
                job = reindex_start()
            self.stdout.write(f"Taak {job.pk} staat in de wachtrij.")
            return
        count = index.rebuild(self._progress)
        self.stderr.write("")
        self.stdout.write(self.style.SUCCESS(f"{count} verhalen in de zoekindex."))

    def _check(self) -> None:
        found = index.drift()
        for label, ids in (
            ("ontbreekt in de index", found.missing),
            ("staat in de index maar is niet (meer) gedeeld", found.extra),
            ("verouderde tekst in de index", found.stale),
        ):
            shown = ", ".join(ids[:CHECK_SHOWN]) + (" …" if len(ids) > CHECK_SHOWN else "")
            self.stdout.write(f"{label}: {len(ids)}" + (f" ({shown})" if ids else ""))
        if found.clean:
            self.stdout.write(self.style.SUCCESS("De zoekindex klopt met de database."))
            return
        self.stdout.write("Herstel: kwartier reindex (of --achtergrond).")
        raise SystemExit(1)

    def _progress(self, done: int, total: int) -> None:
        filled = BAR_WIDTH if total == 0 else round(BAR_WIDTH * done / total)
        percent = 100 if total == 0 else round(100 * done / total)
        self.stderr.write(
            f"\r[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {done}/{total} ({percent}%)",
            ending="",
        )
        self.stderr.flush()
