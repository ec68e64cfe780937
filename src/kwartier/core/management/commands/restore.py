"""`kwartier restore FILE`: put a back-up of `kwartier backup` back, checksums verified.

A fresh data folder or database is migrated first. The load is one transaction; every
table is read back and compared with the back-up's checksums, then the search index is
rebuilt. `--check` only verifies the file."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand, CommandError

from kwartier.core import backup


class Command(BaseCommand):
    help = "Zet een back-up terug en controleert de controlesommen per tabel."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", help="Het back-upbestand van `kwartier backup`.")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Vervang de gegevens van een database die al gebruikt wordt.",
        )
        parser.add_argument(
            "--check", action="store_true", help="Controleer alleen het bestand; verander niets."
        )
        parser.add_argument(
            "--skip-reindex", action="store_true", help="Bouw de zoekindex niet opnieuw op."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        self.verbosity = int(options["verbosity"])
        path = Path(options["file"])
        started = time.monotonic()
        try:
            if options["check"]:
                manifest = backup.verify(path)
                self.stdout.write(
                    self.style.SUCCESS(
                        f"Back-up in orde: {len(manifest['tables'])} tabellen en "
                        f"{len(manifest['files'])} bestanden kloppen met hun controlesommen."
                    )
                )
                return
            Path(settings.DATA_DIR).mkdir(parents=True, exist_ok=True)
            if not backup.applied_migrations():
                self.stdout.write("Lege database: eerst de tabellen aanmaken (migrate).")
                call_command("migrate", interactive=False, verbosity=0)
                call_command("createcachetable", verbosity=0)
            result = backup.restore(path, replace=options["replace"], progress=self._progress)
        except (OSError, backup.BackupError) as error:
            raise CommandError(f"Terugzetten mislukt: {error}") from error
        cache.clear()  # rate-limit counters and cached pages of the old data
        self.stdout.write(
            self.style.SUCCESS(
                f"Teruggezet: {result.tables} tabellen, {result.rows} rijen, "
                f"{result.files} bestanden; alle controlesommen kloppen "
                f"({result.seconds:.1f} s)."
            )
        )
        if not options["skip_reindex"] and "reindex" in get_commands():
            call_command("reindex", stdout=self.stdout, stderr=self.stderr)
        self.stdout.write(f"Hersteltijd: {time.monotonic() - started:.1f} s.")
        self.stdout.write(self.style.WARNING(backup.KEY_REMINDER))

    def _progress(self, line: str) -> None:
        if self.verbosity > 1:
            self.stderr.write(line)
