"""Verkenning benchmark: results page and PDF for one round of N respondents × 50
statements, against the goals (results < 0.5 s, PDF < 3 s). One JSON line out.

    python bench/exploration.py [--respondents 1000] [--runs 7] [--pdf-runs 3] [--seed 7]
    python bench/exploration.py --smoke     # 60 respondents, one run each: seconds

It builds a throw-away database in a temporary data folder (SQLite; set DATABASE_URL to
measure PostgreSQL), stores a synthetic template of 10 themes × 5 statements and a
closed round whose respondents spread over the six groups, skip about 5 % of the
statements and answer "weet niet" to about 10 %. Timings are medians:

* ``scoring_s`` – the baseline: the pure kernel on answers already in memory;
* ``results_s`` – the whole results page as a signed-in kwartiermaker gets it (HTTP
  request through the middleware, reading the answers, scoring this and the previous
  round, two SVG charts, template rendering);
* ``api_results_s`` – ``GET /api/exploration/rounds/{id}/results/``;
* ``pdf_s`` – the report PDF (everything above plus WeasyPrint).
"""

from __future__ import annotations

import argparse
import logging
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from _common import add_smoke_flag, emit  # noqa: E402

GROUPS = ("werkvloer", "middenkader", "bestuur", "beleid", "ervaringswerkers", "clienten_partners")
GROUP_WEIGHTS = (50, 15, 3, 8, 14, 10)
RESULTS_TARGET_S = 0.5
PDF_TARGET_S = 3.0


def median_seconds(run: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def synthetic_content(themes: int, per_theme: int) -> dict:
    from kwartier.exploration.default_template import GROUP_LABELS, SCALE_LABELS

    statements = []
    for t in range(themes):
        for s in range(per_theme):
            red_flag = s == per_theme - 1
            statements.append(
                {
                    "key": f"t{t}_{s + 1}",
                    "theme": f"t{t}",
                    "text": f"Stelling {s + 1} van thema {t + 1}, zo lang als een echte stelling.",
                    "reversed": red_flag or s % 5 == 2,
                    "red_flag": red_flag,
                }
            )
    return {
        "themes": [{"key": f"t{t}", "name": f"Thema {t + 1}"} for t in range(themes)],
        "statements": statements,
        "advice": {
            f"t{t}": [f"Advies {n} bij thema {t + 1}." for n in (1, 2, 3)] for t in range(themes)
        },
        "open_questions": [{"key": "open_reason", "text": "Waarom?"}],
        "scale_labels": [[key, label] for key, label in SCALE_LABELS.items()],
        "group_labels": [[key, label] for key, label in GROUP_LABELS.items()],
    }


def build_round(organisation, template, title: str, respondents: int, rng: random.Random):
    from django.utils import timezone

    from kwartier.core.tokens import new_token
    from kwartier.exploration.models import Response, Round

    round_ = Round.objects.create(
        organisation=organisation,
        template=template,
        title=title,
        deadline=timezone.localdate(),
        groups=list(GROUPS),
        status="closed",
        closed_at=timezone.now(),
        open_answers_state="done",
    )
    keys = [s.key for s in template.scan.statements]
    responses = []
    for _ in range(respondents):
        answers = {}
        for key in keys:
            roll = rng.random()
            if roll < 0.05:
                continue
            answers[key] = None if roll < 0.15 else rng.randint(1, 5)
        responses.append(
            Response(
                round=round_,
                group=rng.choices(GROUPS, GROUP_WEIGHTS)[0],
                answers=answers,
                open_answers_clean={"open_reason": "Omdat het werkt."}
                if rng.random() < 0.05
                else {},
                resume_token_hash=new_token()[1],
                submitted=True,
            )
        )
    Response.objects.bulk_create(responses, batch_size=500)
    return round_


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--respondents", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--pdf-runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    add_smoke_flag(parser)
    args = parser.parse_args()
    if args.smoke:
        args.respondents, args.runs, args.pdf_runs = 60, 1, 1

    data_dir = tempfile.mkdtemp(prefix="kwartier-bench-exploration-")
    os.environ["KWARTIER_DATA_DIR"] = data_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kwartier.settings")
    import django

    django.setup()
    # Keep stdout to the one JSON line: no access-log or static-folder chatter.
    logging.getLogger("kwartier.security").setLevel(logging.WARNING)
    warnings.filterwarnings("ignore", message="No directory at")
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse

    setup_test_environment()  # locmem e-mail, no real side effects
    database = os.environ.get("DATABASE_URL", "")
    if database:
        from django.db import connection

        # A fresh database of our own next to the one DATABASE_URL names.
        connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)

    from kwartier.accounts.models import Membership, Organisation, Role, User
    from kwartier.exploration import reports, selectors
    from kwartier.exploration.models import Response as StoredResponse
    from kwartier.exploration.models import TemplateVersion
    from kwartier.exploration.scoring import Response, score_round

    organisation = Organisation.objects.create(name="Bench", slug="bench")
    user = User.objects.create_user(email="bench@example.nl", password=None)
    Membership.objects.create(user=user, organisation=organisation, role=Role.KWARTIERMAKER)
    template = TemplateVersion.objects.create(
        key="bench", version=1, name="Bench", content=synthetic_content(10, 5)
    )
    rng = random.Random(args.seed)
    build_round(organisation, template, "Vorige ronde", args.respondents, rng)
    round_ = build_round(organisation, template, "Ronde", args.respondents, rng)

    in_memory = [
        Response(group, answers)
        for group, answers in StoredResponse.objects.filter(round=round_).values_list(
            "group", "answers"
        )
    ]
    scan = template.scan
    client = Client(SERVER_NAME="localhost")
    client.force_login(user)
    results_url = reverse("exploration:round_results", kwargs={"round_id": round_.pk})
    api_url = reverse("exploration-round-results", kwargs={"pk": round_.pk})
    page = client.get(results_url)
    assert page.status_code == 200 and b"<svg" in page.content, page.status_code
    assert client.get(api_url).status_code == 200
    if not args.smoke:  # warm-up: fonts, V8 (a smoke run only checks that it all still works)
        reports.report_pdf(round=round_)

    from django.core.cache import caches

    from kwartier.core import vega

    def cold(action):
        """Forget the drawn charts and rendered PDFs first (decision 0118): the figures
        stay those of a first view, comparable with the runs before those memories."""

        def run():
            vega.forget()
            selectors._scored_memory.clear()  # and the remembered scoring
            caches["pdf"].clear()
            return action()

        return run

    def fresh_round():
        return selectors.round_get(organisation=organisation, round_id=round_.pk)

    scoring = median_seconds(
        lambda: score_round(scan, in_memory, groups=GROUPS, protect_remainder=False), args.runs
    )
    results = median_seconds(cold(lambda: client.get(results_url)), args.runs)
    api_results = median_seconds(lambda: client.get(api_url), args.runs)
    pdf = median_seconds(cold(lambda: reports.report_pdf(round=fresh_round())), args.pdf_runs)
    emit(
        "exploration",
        {
            "database": "postgresql" if database else "sqlite",
            "respondents": args.respondents,
            "statements": len(scan.statements),
            "answers": sum(len(r.answers) for r in in_memory),
            "runs": args.runs,
            "pdf_runs": args.pdf_runs,
            "baseline_scoring_s": round(scoring, 4),
            "results_s": round(results, 4),
            "api_results_s": round(api_results, 4),
            "pdf_s": round(pdf, 4),
            "results_target_s": RESULTS_TARGET_S,
            "pdf_target_s": PDF_TARGET_S,
            "results_within_target": results < RESULTS_TARGET_S,
            "pdf_within_target": pdf < PDF_TARGET_S,
        },
        smoke=args.smoke,
    )
    if database:
        from django.db import connection

        connection.creation.destroy_test_db(connection.settings_dict["NAME"], verbosity=0)
    shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
