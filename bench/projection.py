"""Formation projection benchmark: one JSON line.

    python bench/projection.py [--runs 25]
    python bench/projection.py --smoke      # 3 runs: under a second

Times the kernel the API, the scenario pages and the warnings call:

* ``project()`` (which includes ``min_share``) and ``min_share()`` alone, for a 5-year
  and a 30-year projection with reachable targets;
* ``min_share()`` for a 30-year projection whose target no share reaches: the worst case,
  a scan of all 1001 shares up to the last target year;
* the baseline in the same run: one projection step loop at a fixed share (what
  ``min_share`` repeats per share), so the cost of scanning instead of bisecting shows as
  a ratio. The scan is kept because experience-worker FTE is not monotone in the share
  (see ``projection.min_share``); bisection would need about 10 of these loops.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from _common import add_smoke_flag, emit  # noqa: E402

from kwartier.planning.projection import (  # noqa: E402
    LevelInput,
    ProjectionInput,
    meets_all_targets,
    min_share,
    project,
)
from kwartier.planning.warnings import scan_highest_reachable  # noqa: E402


def formation(years: int, targets: dict[int, float]) -> ProjectionInput:
    return ProjectionInput(
        start_year=2026,
        years=years,
        levels={
            "hbo": LevelInput(fte=120, attrition=0.1, cost_per_fte=76000),
            "mbo": LevelInput(fte=60, attrition=0.12, cost_per_fte=61000),
            "ervaringswerker": LevelInput(fte=3, attrition=0.1, cost_per_fte=58000),
        },
        growth=0.02,
        job_carving=0.8,
        share=0.2,
        targets=targets,
        budget={2026 + i: 15_000_000 for i in range(years)},
    )


def median_seconds(run: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=25)
    add_smoke_flag(parser)
    args = parser.parse_args()
    if args.smoke:
        args.runs = 3

    five = formation(5, {2027: 8.0, 2030: 20.0})
    thirty = formation(30, {2027: 8.0, 2030: 20.0, 2040: 45.0, 2055: 80.0})
    unreachable = replace(thirty, targets={2055: 10_000.0})
    assert min_share(five) is not None and min_share(thirty) is not None
    assert min_share(unreachable) is None

    result: dict[str, object] = {"runs": args.runs}
    for label, inp in (("5y", five), ("30y", thirty)):
        result[f"project_{label}_median_s"] = round(
            median_seconds(lambda i=inp: project(i), args.runs), 6
        )
        result[f"min_share_{label}_median_s"] = round(
            median_seconds(lambda i=inp: min_share(i), args.runs), 6
        )
        # Baseline: one pass over the years at a single share (what the scan repeats).
        result[f"one_share_{label}_median_s"] = round(
            median_seconds(lambda i=inp: meets_all_targets(i, 1.0), args.runs), 6
        )
        result[f"min_share_{label}_found"] = min_share(inp)
    result["min_share_30y_unreachable_median_s"] = round(
        median_seconds(lambda: min_share(unreachable), args.runs), 6
    )
    result["warning_highest_reachable_30y_median_s"] = round(
        median_seconds(lambda: scan_highest_reachable(thirty), args.runs), 6
    )
    result["scan_vs_one_share_30y"] = round(
        result["min_share_30y_unreachable_median_s"] / result["one_share_30y_median_s"], 1
    )
    result["target_s"] = 0.5  # an API answer or a page with warnings stays well under this
    result["within_target"] = result["min_share_30y_unreachable_median_s"] < 0.5
    emit("projection", result, smoke=args.smoke)


if __name__ == "__main__":
    main()
