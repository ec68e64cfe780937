"""bench/_common.py: the benchmarks' fallback data when the development set, which lives
outside the repository, is absent (a fresh clone, CI)."""

from __future__ import annotations

import importlib.util
import json
import re
from collections import Counter
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"


@pytest.fixture(scope="module")
def common():
    spec = importlib.util.spec_from_file_location("bench_common", BENCH / "_common.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_absent_development_set_says_so_and_falls_back_to_generated_stories(
    common, tmp_path, capsys
):
    absent = tmp_path / "shared" / "data" / "deid-dev.jsonl"

    texts, source = common.deid_texts(absent, generated=25)

    assert source == "generated"
    assert len(texts) == 25 and all(len(text) > 100 for text in texts)
    captured = capsys.readouterr()
    assert captured.out == ""  # stdout stays the one JSON line
    assert str(absent) in captured.err and "outside the repository" in captured.err


def test_present_development_set_is_read(common, tmp_path, capsys):
    dev_set = tmp_path / "deid-dev.jsonl"
    rows = [{"id": "a", "text": "Ik woon in Utrecht.", "spans": []}, {"id": "b", "text": "Hoi."}]
    dev_set.write_text("\n".join(json.dumps(row) for row in rows) + "\n\n", encoding="utf-8")

    assert common.deid_texts(dev_set) == (["Ik woon in Utrecht.", "Hoi."], "dev-set")
    assert capsys.readouterr().err == ""


def test_generated_stories_are_the_same_for_a_seed(common):
    assert common.generate_stories(30, seed=3) == common.generate_stories(30, seed=3)
    assert common.generate_stories(30, seed=3) != common.generate_stories(30, seed=4)


def test_generated_stories_give_the_engine_identifiers_of_every_kind(common, deidentifier):
    """The fallback must exercise the engine like the development set does: several
    identifiers a story, including checksummed numbers (IBAN, BSN) that only count when
    their checksum is right."""
    stories = common.generate_stories(200, seed=7)
    labels: Counter[str] = Counter()
    for story in stories:
        labels.update(span.label for span in deidentifier.find_spans(story))

    assert labels.total() >= 2 * len(stories)
    for label in ("PERSON", "LOCATION", "ADDRESS", "ORGANISATION", "DATE", "PHONE"):
        assert labels[label] > 0, label
    for label in ("EMAIL", "URL", "IBAN", "BSN", "LICENSE_PLATE", "AGE", "ID_NUMBER"):
        assert labels[label] > 0, label


def test_generated_ibans_and_bsns_pass_their_checksums(common):
    text = " ".join(common.generate_stories(400, seed=11))
    ibans = re.findall(r"NL\d\d RABO \d{4} \d{4} \d\d", text)
    bsns = re.findall(r"BSN (\d{9})", text)
    assert ibans and bsns
    for iban in ibans:
        compact = iban.replace(" ", "")
        digits = "".join(str(int(c, 36)) for c in compact[4:] + compact[:4])
        assert int(digits) % 97 == 1, iban
    for bsn in bsns:
        weights = (9, 8, 7, 6, 5, 4, 3, 2, -1)
        assert sum(int(d) * w for d, w in zip(bsn, weights, strict=True)) % 11 == 0, bsn
