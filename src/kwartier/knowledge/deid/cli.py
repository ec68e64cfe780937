"""JSON-lines batch de-identification, used by the ``kwartier deidentify`` command.

Input, one object a line: ``{"id": ..., "text": ...}``. Output, one line per input
line: ``{"id": ..., "text": <tags mode>, "spans": [{"start", "end", "label", "text"}]}``,
or ``{"id": <id or null>, "error": "<Dutch message>"}`` for a line that cannot be
processed: bad JSON, a missing text, or an engine error on that one story. The run
always goes on with the next line, so no story after a bad one is lost; the exit code
of :func:`main` (and of the management command) is 1 when any line got an error.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, TextIO

from kwartier.knowledge.deid.engine import Result


class SupportsDeidentify(Protocol):
    def deidentify(self, text: str, mode: Any = "tags", seed: int = 0) -> Result: ...


@dataclass(frozen=True, slots=True)
class RunSummary:
    processed: int
    errors: int


class _BadLine(Exception):
    def __init__(self, message: str, record_id: Any = None) -> None:
        super().__init__(message)
        self.message = message
        self.record_id = record_id


def _parse_line(line: str, line_number: int) -> tuple[Any, str]:
    """The id and text of one input line, or _BadLine with a Dutch message."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError:
        raise _BadLine(f"Regel {line_number} is geen geldige JSON.") from None
    if not isinstance(record, dict):
        raise _BadLine(f"Regel {line_number} is geen JSON-object.")
    record_id = record.get("id")
    if not isinstance(record_id, (str, int, float, bool, type(None))):
        record_id = None  # echo only plain ids; anything else would not round-trip
    if "text" not in record:
        raise _BadLine(f"Regel {line_number} mist het veld 'text'.", record_id)
    text = record["text"]
    if not isinstance(text, str):
        raise _BadLine(f"Het veld 'text' op regel {line_number} is geen tekst.", record_id)
    return record_id, text


def _write(out: TextIO, record: dict[str, Any]) -> None:
    out.write(json.dumps(record, ensure_ascii=False) + "\n")


def _result_line(record_id: Any, text: str, deidentifier: SupportsDeidentify) -> str:
    """The output line for one story; raises whatever the engine raises.

    The line is serialised completely before anything is written, so a failure leaves
    no half line in the output. A lone surrogate ("\\ud800" is valid JSON input) cannot
    be written as UTF-8, so such a line is written with ASCII escapes instead.
    """
    result = deidentifier.deidentify(text, mode="tags")
    spans = [span.as_dict() for span in result.spans]
    record = {"id": record_id, "text": result.text, "spans": spans}
    line = json.dumps(record, ensure_ascii=False)
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:
        line = json.dumps(record)
    return line + "\n"


def run_jsonl(inp: TextIO, out: TextIO, deidentifier: SupportsDeidentify) -> RunSummary:
    """De-identify every JSON line of ``inp`` into ``out`` (tags mode)."""
    processed = errors = 0
    for line_number, line in enumerate(inp, start=1):
        if not line.strip():
            continue  # blank lines (a trailing newline) are no records
        try:
            record_id, text = _parse_line(line, line_number)
        except _BadLine as bad:
            _write(out, {"id": bad.record_id, "error": bad.message})
            errors += 1
            continue
        try:
            line_out = _result_line(record_id, text, deidentifier)
        except Exception as error:  # noqa: BLE001 - one story must not stop the run
            message = (
                f"Regel {line_number} kon niet worden geanonimiseerd "
                f"({type(error).__name__}); de andere regels gaan door."
            )
            _write(out, {"id": record_id, "error": message})
            errors += 1
            continue
        out.write(line_out)
        processed += 1
    out.flush()
    return RunSummary(processed=processed, errors=errors)


def main(argv: list[str] | None = None) -> int:
    """``python -m kwartier.knowledge.deid.cli < in.jsonl > out.jsonl`` (without Django)."""
    from kwartier.knowledge.deid.engine import get_deidentifier

    parser = argparse.ArgumentParser(description="De-identificeer JSON-regels.")
    parser.add_argument(
        "--cache-dir",
        type=Path,
        default=Path(os.environ.get("KWARTIER_DEID_CACHE", "var/deid-cache")),
    )
    args = parser.parse_args(argv)
    summary = run_jsonl(sys.stdin, sys.stdout, get_deidentifier(args.cache_dir))
    print(f"{summary.processed} verwerkt, {summary.errors} met een fout", file=sys.stderr)
    return 1 if summary.errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
