"""`kwartier deidentify`: de-identify JSON lines from standard input.

Input, one object a line: {"id": ..., "text": ...}. Output, one line each:
{"id": ..., "text": <de-identified, tags>, "spans": [{"start", "end", "label", "text"}]}
with offsets into the original text. A bad line, or a story the engine fails on, gets
{"id": ..., "error": "..."} and the run goes on; the exit code is 1 when any line got an
error. The engine loads once (about a second), then handles every line.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, TextIO, cast

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from kwartier.knowledge import deid
from kwartier.knowledge.deid.cli import run_jsonl


class Command(BaseCommand):
    help = "De-identificeert JSON-regels {id, text} van standaardinvoer naar standaarduitvoer."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--input",
            default="-",
            help="Bestand met JSON-regels; '-' (standaard) leest standaardinvoer.",
        )
        parser.add_argument(
            "--cache-dir",
            default=None,
            help="Map met de opzoekcache van deduce (standaard: KWARTIER_DEID_CACHE).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        cache_dir = Path(options["cache_dir"]) if options["cache_dir"] else settings.DEID_CACHE_DIR
        engine = deid.get_deidentifier(cache_dir)
        out = cast(TextIO, self.stdout)
        if options["input"] == "-":
            summary = run_jsonl(sys.stdin, out, engine)
        else:
            with Path(options["input"]).open(encoding="utf-8") as handle:
                summary = run_jsonl(handle, out, engine)
        self.stderr.write(f"{summary.processed} verwerkt, {summary.errors} met een fout")
        if summary.errors:
            # Every line has been written; the exit code tells scripts that some failed.
            raise CommandError(
                f"{summary.errors} regel(s) konden niet worden verwerkt.", returncode=1
            )
