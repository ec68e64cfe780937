"""`kwartier backup --output FILE`: the database, the uploads and checksums in one file.

The search index is rebuilt on restore and the encryption key is never included: keep
it apart (docs/deploy.md, decision 0110)."""

from __future__ import annotations

import getpass
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from kwartier.core import backup
from kwartier.core.models import AccessAction
from kwartier.core.services import access_log_record


class Command(BaseCommand):
    help = "Maakt een back-up van de database en de uploads, met controlesommen per tabel."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--output", required=True, help="Het back-upbestand (.zip).")

    def handle(self, *args: Any, **options: Any) -> None:
        self.verbosity = int(options["verbosity"])
        output = Path(options["output"])
        try:
            result = backup.backup(output, progress=self._progress)
        except (OSError, backup.BackupError) as error:
            raise CommandError(f"Back-up mislukt: {error}") from error
        # A back-up takes every story away: it is an export in the access log (NEN 7513).
        access_log_record(
            actor=None,
            action=AccessAction.EXPORT,
            object_type="backup",
            on_behalf_of=f"kwartier backup ({_operator()})",
            detail=f"{result.path.name}: {result.tables} tabellen, {result.rows} rijen",
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Back-up geschreven: {result.path} ({result.size / 1e6:.1f} MB, "
                f"{result.tables} tabellen, {result.rows} rijen, {result.files} bestanden, "
                f"{result.seconds:.1f} s)."
            )
        )
        self.stdout.write("De zoekindex zit er niet in: `kwartier restore` bouwt hem opnieuw op.")
        self.stdout.write(self.style.WARNING(backup.KEY_REMINDER))

    def _progress(self, line: str) -> None:
        if self.verbosity > 1:
            self.stderr.write(line)


def _operator() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name in a container
        return "onbekend"
