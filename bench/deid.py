"""Benchmark the de-identification engine against deduce alone, in one run.

Quality: recall and precision of the full engine and of deduce alone (deduce 3.0.6 with
all its own annotators, no extensions), scored as /work/shared/tools/deid_score.py
scores (an identifier is caught only when every letter and digit of it is redacted; a
predicted span touching no identifier is a false positive), on

- ``tidy``: the shared development set of tidy prose (../shared/data/deid-dev.jsonl);
- ``styles``: our own stories in five writing styles (bench/data/deid-styles.jsonl,
  made by bench/data/make_deid_stories.py), per style and per label, for the "dev"
  half we tune on and the "heldout" half we only score.

Speed: documents per second of the full engine (deduce + rules + overlap resolution +
tag rendering) and of deduce alone on the same documents (median of the repetitions,
interleaved), their ratio (goal: at least 0.7), and the warm start of the engine.

Prints ONE JSON line on stdout; a readable table goes to stderr. When the shared
development set is absent it says so on stderr and measures on the shipped stories.

Usage: python bench/deid.py [--smoke] [--repeat N] [--cache-dir DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT / "src"))

from _common import add_smoke_flag, emit, say  # noqa: E402

from kwartier.knowledge.deid import Deidentifier  # noqa: E402
from kwartier.knowledge.deid.engine import deduce_label  # noqa: E402

TIDY_SET = REPO_ROOT.parent / "shared" / "data" / "deid-dev.jsonl"
STYLE_SET = REPO_ROOT / "bench" / "data" / "deid-styles.jsonl"
SMOKE_DOCS = 12

Spans = list[tuple[int, int, str]]


def load(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def score(docs: Iterable[dict], predict: Callable[[str], Spans]) -> dict:
    """Recall per label and overall, precision overall (the shared scorer's rules)."""
    caught: Counter[str] = Counter()
    total: Counter[str] = Counter()
    true_predictions = false_predictions = 0
    for doc in docs:
        text, gold = doc["text"], doc["spans"]
        predicted = predict(text)
        covered: set[int] = set()
        for start, end, _ in predicted:
            covered.update(range(start, end))
        gold_chars: set[int] = set()
        for span in gold:
            total[span["label"]] += 1
            needed = [i for i in range(span["start"], span["end"]) if text[i].isalnum()]
            if all(i in covered for i in needed):
                caught[span["label"]] += 1
            gold_chars.update(range(span["start"], span["end"]))
        for start, end, _ in predicted:
            if gold_chars.intersection(range(start, end)):
                true_predictions += 1
            else:
                false_predictions += 1
    all_gold = sum(total.values())
    return {
        "recall": round(sum(caught.values()) / max(1, all_gold), 3),
        "precision": round(true_predictions / max(1, true_predictions + false_predictions), 3),
        "identifiers": all_gold,
        "false_positives": false_predictions,
        "recall_per_label": {
            label: round(caught[label] / total[label], 3) for label in sorted(total)
        },
    }


def engine_spans(engine: Deidentifier) -> Callable[[str], Spans]:
    return lambda text: [(s.start, s.end, s.label) for s in engine.find_spans(text)]


def deduce_alone_spans(engine: Deidentifier) -> Callable[[str], Spans]:
    """deduce's own annotations, every annotator on (as installed, no extensions)."""

    def predict(text: str) -> Spans:
        document = engine._deduce.deidentify(text, disabled={"redactor"})
        return [
            (int(a.start_char), int(a.end_char), deduce_label(a.tag, a.text))
            for a in document.annotations
        ]

    return predict


def documents_per_second(
    process: Callable[[str], object],
    texts: list[str],
    clock: Callable[[], float] = time.perf_counter,
) -> float:
    started = clock()
    for text in texts:
        process(text)
    return len(texts) / (clock() - started)


def quality(engine: Deidentifier, docs: list[dict], by_style: bool) -> dict:
    result = {
        "engine": score(docs, engine_spans(engine)),
        "deduce_alone": score(docs, deduce_alone_spans(engine)),
    }
    if by_style:
        styles = sorted({doc["style"] for doc in docs})
        result["per_style"] = {
            style: {
                "engine": _short(
                    score([d for d in docs if d["style"] == style], engine_spans(engine))
                ),
                "deduce_alone": _short(
                    score([d for d in docs if d["style"] == style], deduce_alone_spans(engine))
                ),
            }
            for style in styles
        }
    return result


def _short(figures: dict) -> dict:
    return {"recall": figures["recall"], "precision": figures["precision"]}


def speed(engine: Deidentifier, texts: list[str], repeat: int) -> dict:
    deduce = engine._deduce  # the very same deduce instance the engine wraps
    # Warm-up pass (regex caches, lazily decoded lookup entries), then interleave the two
    # measurements so that load from other processes hits both alike.
    documents_per_second(engine.deidentify, texts[:200])
    documents_per_second(deduce.deidentify, texts[:200])
    full_rates, deduce_rates, full_cpu, deduce_cpu = [], [], [], []
    for _ in range(repeat):
        deduce_rates.append(documents_per_second(deduce.deidentify, texts))
        full_rates.append(documents_per_second(engine.deidentify, texts))
        # CPU time of this process only: steadier on a machine shared with other work.
        deduce_cpu.append(documents_per_second(deduce.deidentify, texts, time.process_time))
        full_cpu.append(documents_per_second(engine.deidentify, texts, time.process_time))
    full, alone = statistics.median(full_rates), statistics.median(deduce_rates)
    cpu_full, cpu_alone = statistics.median(full_cpu), statistics.median(deduce_cpu)
    return {
        "documents": len(texts),
        "repeat": repeat,
        "full_docs_per_s": round(full, 1),
        "deduce_docs_per_s": round(alone, 1),
        "ratio_full_over_deduce": round(full / alone, 3),
        "ratio_full_over_deduce_cpu": round(cpu_full / cpu_alone, 3),
    }


def report(result: dict) -> None:
    """A readable summary on stderr (stdout carries the JSON line only)."""
    lines = []
    for name in ("tidy", "styles_dev", "styles_heldout"):
        block = result.get(name)
        if not block:
            continue
        for who in ("engine", "deduce_alone"):
            figures = block[who]
            lines.append(
                f"{name:15s} {who:13s} recall={figures['recall']:.3f} "
                f"precision={figures['precision']:.3f} fp={figures['false_positives']}"
            )
        for style, both in block.get("per_style", {}).items():
            lines.append(
                f"  {style:12s} engine {both['engine']['recall']:.3f}/"
                f"{both['engine']['precision']:.3f}  deduce "
                f"{both['deduce_alone']['recall']:.3f}/{both['deduce_alone']['precision']:.3f}"
            )
        labels = block["engine"]["recall_per_label"]
        alone = block["deduce_alone"]["recall_per_label"]
        lines.append(
            "  recall per label (engine/deduce): "
            + ", ".join(f"{k} {v:.2f}/{alone.get(k, 0):.2f}" for k, v in labels.items())
        )
    print("\n".join(lines), file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    add_smoke_flag(parser)
    parser.add_argument("--repeat", type=int, default=5, help="timed repetitions (median)")
    parser.add_argument("--copies", type=int, default=3, help="copies of the set per repetition")
    parser.add_argument("--docs", type=Path, default=TIDY_SET, help="tidy-prose set (JSONL)")
    parser.add_argument("--styles", type=Path, default=STYLE_SET, help="style stories (JSONL)")
    parser.add_argument(
        "--cache-dir",
        type=Path,
        default=Path(os.environ.get("KWARTIER_DEID_CACHE", REPO_ROOT / "var" / "deid-cache")),
    )
    args = parser.parse_args(argv)
    if args.smoke:
        args.repeat, args.copies = 1, 1

    Deidentifier(args.cache_dir)  # make sure the cache exists before timing start-up
    started = time.perf_counter()
    engine = Deidentifier(args.cache_dir)
    warm_start_seconds = time.perf_counter() - started

    style_docs = load(args.styles)
    if args.docs.exists():
        tidy_docs = load(args.docs)
    else:
        say(
            f"{args.docs} is absent (the shared development set lives beside the "
            "repository); tidy-prose figures are skipped and speed is measured on the "
            f"shipped stories {args.styles.name}."
        )
        tidy_docs = []
    if args.smoke:
        tidy_docs = tidy_docs[:SMOKE_DOCS]
        style_docs = style_docs[:: max(1, len(style_docs) // SMOKE_DOCS)]

    result: dict = {"data": "dev-set" if tidy_docs else "shipped-styles"}
    if tidy_docs:
        result["tidy"] = quality(engine, tidy_docs, by_style=False)
    for split in ("dev", "heldout"):
        docs = [doc for doc in style_docs if doc.get("split") == split]
        if docs:
            result[f"styles_{split}"] = quality(engine, docs, by_style=True)
    texts = [doc["text"] for doc in (tidy_docs or style_docs)] * args.copies
    result["speed"] = speed(engine, texts, args.repeat)
    result["speed"]["warm_start_s"] = round(warm_start_seconds, 2)
    report(result)
    emit("deid", result, smoke=args.smoke)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
