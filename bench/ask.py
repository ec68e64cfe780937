"""Ask the bank: relevance of wij-kennis answers (nDCG@10) against plain BM25.

The demo data (accounts, kennisbank, wij-kennis) is loaded into a fresh database; a
professional of De Brug asks each question of `bench/data/ask-questions.jsonl`, whose
relevant insights (by code) and stories (by demo key) were judged by hand (grade 2 for
the insight that answers, 1 for a story that carries it). The product's answer (insights
first, then fragments, `kwartier.collective.ranking.ask`) and plain BM25 on the same
documents and tokens (`ranking.baseline`: text only, no codes, no framing weights, no
insights-first) are turned into the same ranked list of ids (a story counts once, at
its best fragment) and scored with nDCG@10. `--smoke` asks the first five questions.
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import os
import shutil
import sys
import tempfile
import time
import uuid
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import add_smoke_flag, emit, say  # noqa: E402

QUESTIONS = Path(__file__).resolve().parent / "data" / "ask-questions.jsonl"
K = 10


def ndcg(ranked: list[str], relevant: dict[str, int], k: int = K) -> float:
    gains = [relevant.get(doc, 0) for doc in ranked[:k]]
    dcg = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(gains))
    ideal = sorted(relevant.values(), reverse=True)[:k]
    idcg = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def _dedupe(ids: list[str]) -> list[str]:
    return list(dict.fromkeys(ids))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=Path, default=QUESTIONS)
    add_smoke_flag(parser)
    args = parser.parse_args()
    questions = [json.loads(line) for line in args.questions.open(encoding="utf-8") if line.strip()]
    if args.smoke:
        questions = questions[:5]

    data_dir = tempfile.mkdtemp(prefix="kwartier-bench-ask-")
    os.environ["KWARTIER_DATA_DIR"] = data_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kwartier.settings")
    import django

    django.setup()
    logging.getLogger("kwartier.security").setLevel(logging.WARNING)
    warnings.filterwarnings("ignore", message="No directory at")
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    setup_test_environment()
    database = os.environ.get("DATABASE_URL", "")
    if database:
        from django.db import connection

        connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)

    import io

    from kwartier.accounts import demo as accounts_demo
    from kwartier.accounts.models import User
    from kwartier.collective import ask, ranking
    from kwartier.collective import demo as collective_demo
    from kwartier.collective.models import Coding, Insight
    from kwartier.knowledge import demo as knowledge_demo
    from kwartier.knowledge.models import Experience

    started = time.perf_counter()
    quiet = io.StringIO()
    for module in (accounts_demo, knowledge_demo, collective_demo):
        module.load(quiet)
    say(f"demo data loaded in {time.perf_counter() - started:.1f}s")

    keys = {uuid.uuid5(knowledge_demo.NAMESPACE, s.key): s.key for s in knowledge_demo.STORIES}
    story_key = {
        pk: keys.get(public_id, str(pk))
        for pk, public_id in Experience.objects.values_list("pk", "public_id")
    }
    insight_key = {
        i.pk: f"insight:{i.code.name if i.code else i.pk}"
        for i in Insight.objects.select_related("code")
    }
    coding_story = dict(Coding.objects.values_list("pk", "experience_id"))

    def label(doc_id: str) -> str:
        kind, pk = doc_id.split(":")
        if kind == "insight":
            return insight_key[int(pk)]
        return f"story:{story_key[coding_story[int(pk)]]}"

    professional = User.objects.get(email="medewerker@debrug.demo.kwartier.nl")
    organisation = professional.memberships.get().organisation
    docs, _objects = ask.build_documents(user=professional, organisation=organisation)
    assert docs, "the demo gave no documents to ask"
    from kwartier.knowledge.public import search_tokens

    product_scores, baseline_scores, per_question = [], [], []
    timings = []
    for item in questions:
        tokens = search_tokens(item["q"])
        t0 = time.perf_counter()
        insights, fragments = ranking.ask(tokens, docs)
        timings.append(time.perf_counter() - t0)
        product = _dedupe([label(r.doc_id) for r in insights + fragments])
        baseline = _dedupe([label(d) for d in ranking.baseline(tokens, docs)])
        p, b = ndcg(product, item["relevant"]), ndcg(baseline, item["relevant"])
        product_scores.append(p)
        baseline_scores.append(b)
        per_question.append({"q": item["q"], "product": round(p, 3), "bm25": round(b, 3)})
        say(f"{p:.2f} vs {b:.2f}  {item['q']}")

    def mean(values: list[float]) -> float:
        return round(sum(values) / len(values), 4) if values else 0.0

    emit(
        "ask",
        {
            "data": "demo",
            "questions": len(questions),
            "documents": len(docs),
            "k": K,
            "ndcg_at_10": mean(product_scores),
            "baseline_bm25_ndcg_at_10": mean(baseline_scores),
            "better": sum(p > b for p, b in zip(product_scores, baseline_scores, strict=True)),
            "worse": sum(p < b for p, b in zip(product_scores, baseline_scores, strict=True)),
            "rank_ms_mean": round(1000 * mean(timings), 3),
            "per_question": per_question,
        },
        smoke=args.smoke,
    )
    if database:
        from django.db import connection

        connection.creation.destroy_test_db(connection.settings_dict["NAME"], verbosity=0)
    shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
