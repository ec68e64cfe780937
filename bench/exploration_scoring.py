"""Scan scoring benchmark: one round of N respondents × M statements, one JSON line out.

    python bench/exploration_scoring.py [--respondents 1000] [--themes 10] [--per-theme 5]
                                        [--runs 15] [--seed 7]
    python bench/exploration_scoring.py --smoke    # 100 respondents, 3 runs: instant

It builds a synthetic template (every fifth statement reversed, one red flag per theme)
and a round where respondents spread over the six layers, skip about 5 % of the
statements and answer "weet niet" to about 10 %. ``median_s`` is the product kernel
(``score_round``, single pass over the answers); ``baseline_median_s`` is a
straightforward implementation that re-scans every response for every theme and group,
the way one would first write it. Both must give the same theme scores, checked once.
The target is well under 0.1 s for 1,000 × 50.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from _common import add_smoke_flag, emit  # noqa: E402

from kwartier.exploration.scoring import (  # noqa: E402
    MIN_GROUP_SIZE,
    Answer,
    Response,
    Statement,
    Template,
    Theme,
    score_round,
    to_score,
)

GROUPS = (
    "werkvloer",
    "middenkader",
    "bestuur",
    "beleid",
    "ervaringswerkers",
    "clienten_partners",
)
GROUP_WEIGHTS = (50, 15, 3, 8, 14, 10)


def synthetic_template(themes: int, per_theme: int) -> Template:
    statements = []
    for t in range(themes):
        for s in range(per_theme):
            red_flag = s == per_theme - 1
            statements.append(
                Statement(
                    key=f"t{t}_{s}",
                    theme=f"t{t}",
                    text="stelling",
                    reversed=red_flag or s % 5 == 2,
                    red_flag=red_flag,
                )
            )
    return Template(
        themes=tuple(Theme(f"t{t}", f"Thema {t}") for t in range(themes)),
        statements=tuple(statements),
    )


def synthetic_round(template: Template, respondents: int, rng: random.Random) -> list[Response]:
    people = []
    for _ in range(respondents):
        group = rng.choices(GROUPS, GROUP_WEIGHTS)[0]
        answers: dict[str, Answer] = {}
        for statement in template.statements:
            roll = rng.random()
            if roll < 0.05:
                continue  # skipped
            answers[statement.key] = None if roll < 0.15 else rng.randint(1, 5)
        people.append(Response(group, answers))
    return people


def naive_theme_scores(
    template: Template, responses: Sequence[Response]
) -> dict[str, dict[str, float | None]]:
    """Per theme, per group (and overall): loop over every response again."""
    sizes = {group: sum(1 for r in responses if r.group == group) for group in GROUPS}
    scores: dict[str, dict[str, float | None]] = {}
    for theme in template.themes:
        statements = [s for s in template.statements if s.theme == theme.key]
        scores[theme.key] = {}
        for group in (None, *GROUPS):
            if group is not None and sizes[group] < MIN_GROUP_SIZE:
                scores[theme.key][group] = None
                continue
            values = []
            for response in responses:
                if group is not None and response.group != group:
                    continue
                for statement in statements:
                    answer = response.answers.get(statement.key)
                    if answer is None:
                        continue
                    values.append(6 - answer if statement.reversed else answer)
            mean = sum(values) / len(values) if values else None
            scores[theme.key][group or "overall"] = None if mean is None else to_score(mean)
    return scores


def median_seconds(run: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--respondents", type=int, default=1000)
    parser.add_argument("--themes", type=int, default=10)
    parser.add_argument("--per-theme", type=int, default=5)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--seed", type=int, default=7)
    add_smoke_flag(parser)
    args = parser.parse_args()
    if args.smoke:
        args.respondents, args.runs = 100, 3

    template = synthetic_template(args.themes, args.per_theme)
    responses = synthetic_round(template, args.respondents, random.Random(args.seed))

    product = score_round(template, responses, groups=GROUPS, protect_remainder=False)
    naive = naive_theme_scores(template, responses)
    for theme in product.themes:
        expected = naive[theme.key]
        assert theme.score == expected["overall"], theme.key
        for group, score in theme.groups.items():
            assert score == expected[group], (theme.key, group)

    kernel = median_seconds(lambda: score_round(template, responses, groups=GROUPS), args.runs)
    baseline = median_seconds(lambda: naive_theme_scores(template, responses), args.runs)
    emit(
        "exploration_scoring",
        {
            "respondents": args.respondents,
            "statements": len(template.statements),
            "answers": sum(len(r.answers) for r in responses),
            "runs": args.runs,
            "median_s": round(kernel, 5),
            "baseline_median_s": round(baseline, 5),
            "speedup": round(baseline / kernel, 2),
            "target_s": 0.1,
            "within_target": kernel < 0.1,
        },
        smoke=args.smoke,
    )


if __name__ == "__main__":
    main()
