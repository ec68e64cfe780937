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


def test_trimmed_deduce_annotations_give_plain_int_offsets(deidentifier: Deidentifier) -> None:
    """deduce trims overlapping annotations with numpy offsets; ours stay plain ints."""
    text = "Maria van Haag 45"
    raw = deidentifier._deduce.deidentify(text).annotations
    assert any(type(a.start_char) is not int for a in raw), "precondition: deduce trims here"
    spans = deidentifier.find_spans(text)
    assert spans and all(type(s.start) is int and type(s.end) is int for s in spans)
    [record] = run([json.dumps({"id": "t", "text": text})], deidentifier)
    assert "error" not in record and record["spans"]


class FailsOnOneStory:
    """The real engine, except that one story makes it raise (as an engine bug would)."""

    def __init__(self, engine: Deidentifier) -> None:
        self.engine = engine

    def deidentify(self, text: str, mode: str = "tags", seed: int = 0) -> Result:
        if "ONTPLOFT" in text:
            raise RuntimeError("engine bug")
        return self.engine.deidentify(text, mode=mode, seed=seed)


def test_engine_error_on_one_story_gives_error_line_and_the_run_goes_on(
    deidentifier: Deidentifier,
) -> None:
    lines = [
        json.dumps({"id": "a", "text": "Ik belde Jan de Vries."}),
        json.dumps({"id": "boem", "text": "Dit verhaal ONTPLOFT."}),
        json.dumps({"id": "c", "text": "Maria van Haag 45 woont in Utrecht."}),
    ]
    out = io.StringIO()
    summary = run_jsonl(io.StringIO("\n".join(lines)), out, FailsOnOneStory(deidentifier))
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [r["id"] for r in records] == ["a", "boem", "c"]
    assert "error" in records[1] and "Regel 2" in records[1]["error"]
    assert "Utrecht" not in records[2]["text"]
    assert (summary.processed, summary.errors) == (2, 1)


def test_lone_surrogate_is_written_escaped_not_lost(deidentifier: Deidentifier) -> None:
    out = io.StringIO()
    run_jsonl(io.StringIO('{"id": 1, "text": "Jan \\ud800 belde."}\n'), out, deidentifier)
    out.getvalue().encode("utf-8")  # the output is valid UTF-8
    [record] = [json.loads(line) for line in out.getvalue().splitlines()]
    assert "error" not in record and "\ud800" in record["text"]


def test_main_exit_code_says_whether_a_line_failed(monkeypatch, deidentifier) -> None:
    from kwartier.knowledge.deid import cli, engine

    monkeypatch.setattr(engine, "get_deidentifier", lambda cache_dir: deidentifier)
    monkeypatch.setattr("sys.stdin", io.StringIO('{"id": 1, "text": "Niets."}\n'))
    monkeypatch.setattr("sys.stdout", io.StringIO())
    assert cli.main([]) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO('{"id": 1, "text": "Niets."}\nkapot\n'))
    assert cli.main([]) == 1
