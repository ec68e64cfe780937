"""Run the de-identification engine over a gold JSON-lines file and write predictions.

Score the result with the shared scorer:

    PYTHONPATH=src .venv/bin/python scripts/deid_eval.py /work/shared/data/deid-dev.jsonl \
        --pred var/deid-pred.jsonl
    python /work/shared/tools/deid_score.py /work/shared/data/deid-dev.jsonl var/deid-pred.jsonl

``--half 1`` or ``--half 2`` keeps only the first or second half of the documents and
writes that half of the gold file to ``--gold-out``, so rules developed on one half can
be checked on the other. ``--explain`` prints every missed identifier and every false
positive, for development.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from kwartier.knowledge.deid import Span, get_deidentifier

REPO_ROOT = Path(__file__).resolve().parent.parent


def default_cache_dir() -> Path:
    return Path(os.environ.get("KWARTIER_DEID_CACHE", REPO_ROOT / "var" / "deid-cache"))


def select_half(documents: list[dict], half: int | None) -> list[dict]:
    if half is None:
        return documents
    middle = len(documents) // 2
    return documents[:middle] if half == 1 else documents[middle:]


def explain(document: dict, spans: list[Span]) -> list[str]:
    """Lines describing missed gold identifiers and predicted spans touching no gold."""
    text = document["text"]
    covered = {i for span in spans for i in range(span.start, span.end)}
    gold_chars = {i for gold in document["spans"] for i in range(gold["start"], gold["end"])}
    lines = []
    for gold in document["spans"]:
        needed = [i for i in range(gold["start"], gold["end"]) if text[i].isalnum()]
        if not all(i in covered for i in needed):
            lines.append(f"MISS {document['id']} {gold['label']} {gold['text']!r}")
    for span in spans:
        if not gold_chars & set(range(span.start, span.end)):
            context = text[max(0, span.start - 30) : span.end + 30].replace("\n", " ")
            lines.append(f"FP   {document['id']} {span.label} {span.text!r} in …{context}…")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path)
    parser.add_argument("--pred", type=Path, default=REPO_ROOT / "var" / "deid-pred.jsonl")
    parser.add_argument("--half", type=int, choices=(1, 2))
    parser.add_argument("--gold-out", type=Path)
    parser.add_argument("--cache-dir", type=Path, default=default_cache_dir())
    parser.add_argument("--explain", action="store_true")
    args = parser.parse_args(argv)

    with args.gold.open(encoding="utf-8") as gold_file:
        documents = select_half([json.loads(line) for line in gold_file if line.strip()], args.half)
    engine = get_deidentifier(args.cache_dir)
    args.pred.parent.mkdir(parents=True, exist_ok=True)
    with args.pred.open("w", encoding="utf-8") as pred_file:
        for document in documents:
            spans = engine.find_spans(document["text"])
            record = {"id": document["id"], "spans": [span.as_dict() for span in spans]}
            pred_file.write(json.dumps(record, ensure_ascii=False) + "\n")
            if args.explain:
                for line in explain(document, spans):
                    print(line)
    if args.gold_out:
        with args.gold_out.open("w", encoding="utf-8") as gold_out:
            for document in documents:
                gold_out.write(json.dumps(document, ensure_ascii=False) + "\n")
    print(f"wrote {len(documents)} predictions to {args.pred}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
