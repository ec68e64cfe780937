"""`kwartier rotate-key`: re-encrypt every original story text with the current key.

Rotation, step by step (docs/deploy.md, decision 0111):

1. `kwartier rotate-key --new-key` makes a new key. The embedded default puts it first
   in `encryption.key` (old keys stay for reading). With KWARTIER_ENCRYPTION_KEY it only
   prints it: set KWARTIER_ENCRYPTION_KEY to the new key and add the old one to
   KWARTIER_ENCRYPTION_OLD_KEYS, then restart the web server and the worker.
2. `kwartier rotate-key` queues the re-encryption job for the worker (`--now` runs it
   here, with a progress bar). New text is already written with the new key.
3. `kwartier rotate-key --status` counts what is still on an old key; at 0 the old keys
   can be removed.
"""

from __future__ import annotations

from typing import Any

from cryptography.fernet import Fernet
from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from kwartier.knowledge import crypto, key_rotation
from kwartier.knowledge.services import key_rotation_start

BAR_WIDTH = 30


class Command(BaseCommand):
    help = "Versleutelt alle oorspronkelijke verhalen opnieuw met de huidige sleutel."

    def add_arguments(self, parser: Any) -> None:
        group = parser.add_mutually_exclusive_group()
        group.add_argument(
            "--new-key", action="store_true", help="Maak een nieuwe sleutel (zie de uitleg)."
        )
        group.add_argument(
            "--status", action="store_true", help="Toon hoeveel nog met een oude sleutel staat."
        )
        group.add_argument(
            "--now", action="store_true", help="Versleutel nu opnieuw, niet via de worker."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["new_key"]:
            self._new_key()
        elif options["status"]:
            self._status()
        elif options["now"]:
            rotated = key_rotation.rotate_all(progress=self._progress)
            self.stderr.write("")
            self.stdout.write(
                self.style.SUCCESS(f"{rotated} waarden opnieuw versleuteld met de huidige sleutel.")
            )
            self._status()
        else:
            with transaction.atomic():
                job = key_rotation_start()
            self.stdout.write(
                f"Taak {job.pk} staat in de wachtrij ({job.label}). De worker versleutelt in "
                "porties; volg de voortgang met `kwartier rotate-key --status`."
            )

    def _new_key(self) -> None:
        if settings.ENCRYPTION_KEY:
            printed = Fernet.generate_key().decode()
            self.stdout.write(
                "Nieuwe sleutel (bewaar hem apart, net als de huidige):\n\n"
                f"  KWARTIER_ENCRYPTION_KEY={printed}\n"
                "  KWARTIER_ENCRYPTION_OLD_KEYS=<de huidige sleutel>[,<oudere sleutels>]\n\n"
                "Zet deze waarden, herstart de webserver en de worker en voer daarna "
                "`kwartier rotate-key` uit."
            )
            return
        key = crypto.add_key_to_key_file()
        self.stdout.write(
            f"Nieuwe sleutel {crypto.key_fingerprint(key)} staat voorop in "
            f"{crypto.key_file_path()}; de oude sleutels blijven om te lezen. Voer nu "
            "`kwartier rotate-key` uit."
        )

    def _status(self) -> None:
        all_keys = crypto.keys()
        self.stdout.write(
            f"Huidige sleutel: {crypto.key_fingerprint(all_keys[0])}; "
            f"oude sleutels om te lezen: {len(all_keys) - 1}."
        )
        counts = key_rotation.status()
        old = sum(entry["old"] for entry in counts.values())
        for label, entry in counts.items():
            self.stdout.write(f"  {label}: {entry['values']} waarden, {entry['old']} nog oud")
        if old:
            self.stdout.write(self.style.WARNING(f"Nog {old} waarden met een oude sleutel."))
        else:
            self.stdout.write(
                self.style.SUCCESS("Alles staat op de huidige sleutel: oude sleutels mogen weg.")
            )

    def _progress(self, done: int, total: int) -> None:
        filled = BAR_WIDTH if total == 0 else round(BAR_WIDTH * done / total)
        percent = 100 if total == 0 else round(100 * done / total)
        self.stderr.write(
            f"\r[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {done}/{total} ({percent}%)",
            ending="",
        )
        self.stderr.flush()
