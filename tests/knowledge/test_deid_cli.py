"""Tests for the JSON-lines batch interface."""

from __future__ import annotations

import io
import json

from kwartier.knowledge.deid import Deidentifier, Result, Span
from kwartier.knowledge.deid.cli import run_jsonl


class FakeDeidentifier:
    """Replaces the word "Jan" only: enough to test the line handling quickly."""

    def deidentify(self, text: str, mode: str = "tags", seed: int = 0) -> Result:
        start = text.find("Jan")
        if start < 0:
            return Result(text, [])
        return Result(text.replace("Jan", "[PERSOON 1]"), [Span(start, start + 3, "PERSON", "Jan")])


def run(lines: list[str], deidentifier=None) -> list[dict]:
    out = io.StringIO()
    run_jsonl(io.StringIO("\n".join(lines) + "\n"), out, deidentifier or FakeDeidentifier())
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_good_lines_give_text_and_spans() -> None:
    records = run([json.dumps({"id": "a", "text": "Jan belde."})])
    assert records == [
        {
            "id": "a",
            "text": "[PERSOON 1] belde.",
            "spans": [{"start": 0, "end": 3, "label": "PERSON", "text": "Jan"}],
        }
    ]


def test_bad_lines_give_dutch_errors_and_processing_continues() -> None:
    records = run(
        [
            "{niet json",
            json.dumps({"id": 7}),
            json.dumps({"id": "x", "text": 12}),
            json.dumps(["geen", "object"]),
            "",
            json.dumps({"id": "ok", "text": "Geen namen hier."}),
        ]
    )
    assert [record.get("id") for record in records] == [None, 7, "x", None, "ok"]
    errors = [record["error"] for record in records[:4]]
    assert "geen geldige JSON" in errors[0]
    assert "mist het veld 'text'" in errors[1]
    assert "geen tekst" in errors[2]
    assert "geen JSON-object" in errors[3]
    assert records[4] == {"id": "ok", "text": "Geen namen hier.", "spans": []}


def test_run_with_real_engine(deidentifier: Deidentifier) -> None:
    text = "Mijn BSN is 111222333 en ik woon in Utrecht."
    [record] = run([json.dumps({"id": 1, "text": text})], deidentifier)
    assert "111222333" not in record["text"] and "Utrecht" not in record["text"]
    assert {span["label"] for span in record["spans"]} == {"BSN", "LOCATION"}
    for span in record["spans"]:
        assert text[span["start"] : span["end"]] == span["text"]
