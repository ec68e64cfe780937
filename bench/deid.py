"""Benchmark the de-identification engine against deduce alone, in one run.

Prints ONE JSON line: documents per second of the full engine (deduce + our rules +
overlap resolution + tag rendering) and of deduce alone (its own ``deidentify``) on the
same documents, their ratio full/deduce (goal: at least 0.7), each the median of the
repetitions, and the warm start-up time (constructing the engine with the cache
present).

Usage: PYTHONPATH=src python bench/deid.py [--repeat N] [--docs PATH] [--cache-dir DIR]
       python bench/deid.py --smoke     # 40 stories once, engine loaded once: seconds
Without the development set (../shared/data, outside the repository) it says so on stderr
and uses generated stories (bench/_common.py: deid_texts).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT / "src"))

from _common import add_smoke_flag, deid_texts, emit  # noqa: E402

from kwartier.knowledge.deid import Deidentifier  # noqa: E402

DEFAULT_DOCS = REPO_ROOT.parent / "shared" / "data" / "deid-dev.jsonl"


def documents_per_second(process: Callable[[str], object], texts: list[str]) -> float:
    started = time.perf_counter()
    for text in texts:
        process(text)
    return len(texts) / (time.perf_counter() - started)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="timed repetitions (median)")
    parser.add_argument("--copies", type=int, default=3, help="copies of the set per repetition")
    parser.add_argument("--docs", type=Path, default=DEFAULT_DOCS)
    parser.add_argument(
        "--cache-dir",
        type=Path,
        default=Path(os.environ.get("KWARTIER_DEID_CACHE", REPO_ROOT / "var" / "deid-cache")),
    )
    add_smoke_flag(parser)
    args = parser.parse_args(argv)
    if args.smoke:
        args.repeat, args.copies = 1, 1

    if not args.smoke:  # a smoke run loads once (8-10 s): its warm_start_s is not a figure
        Deidentifier(args.cache_dir)  # make sure the cache exists before timing start-up
    started = time.perf_counter()
    engine = Deidentifier(args.cache_dir)
    warm_start_seconds = time.perf_counter() - started

    texts, data = deid_texts(args.docs)
    texts = texts[:40] if args.smoke else texts * args.copies
    deduce = engine._deduce  # the very same deduce instance the engine wraps

    # Warm-up pass (regex caches, lazy lists), then interleave the two measurements so
    # that load from other processes on this shared machine hits both alike.
    documents_per_second(engine.deidentify, texts[:200])
    documents_per_second(deduce.deidentify, texts[:200])
    full_rates, deduce_rates = [], []
    for _ in range(args.repeat):
        deduce_rates.append(documents_per_second(deduce.deidentify, texts))
        full_rates.append(documents_per_second(engine.deidentify, texts))

    full, alone = statistics.median(full_rates), statistics.median(deduce_rates)
    result = {
        "data": data,
        "documents": len(texts),
        "repeat": args.repeat,
        "full_docs_per_s": round(full, 1),
        "deduce_docs_per_s": round(alone, 1),
        "ratio_full_over_deduce": round(full / alone, 3),
        "warm_start_s": round(warm_start_seconds, 2),
    }
    emit("deid", result, smoke=args.smoke)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
