"""Ask the bank: a plain Dutch question against published insights and coded fragments.

The documents are built here (Django side) and ranked by the pure kernel `ranking`:
insights first, then fragments, each with why it matched and how many tellers stand
behind it. Text goes through the kennisbank's Dutch normalisation (`knowledge.public`).
Fragments are only of stories the asker may read; a fragment coded by several coders is
one document carrying all their codes.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from kwartier.accounts.models import Organisation
from kwartier.collective import ranking, selectors
from kwartier.collective.models import Coding, CodingStatus, Insight, InsightStatus
from kwartier.knowledge import public as knowledge

MAX_RESULTS = 10


@dataclass(frozen=True)
class InsightAnswer:
    insight: Insight
    tellers: int
    matched_words: tuple[str, ...]
    matched_codes: tuple[str, ...]
    score: float


@dataclass(frozen=True)
class FragmentAnswer:
    experience_id: int
    story_title: str
    quote: str
    codes: tuple[str, ...]
    tellers: int
    matched_words: tuple[str, ...]
    matched_codes: tuple[str, ...]
    score: float


@dataclass(frozen=True)
class Answer:
    question: str
    insights: list[InsightAnswer]
    fragments: list[FragmentAnswer]

    @property
    def tellers(self) -> int:
        return len({f.experience_id for f in self.fragments})


def _code_tokens(name: str, definition: str) -> tuple[str, ...]:
    return tuple(knowledge.search_tokens(f"{name} {name} {definition}"))


def build_documents(
    *, user: Any, organisation: Organisation
) -> tuple[list[ranking.AskDocument], dict[str, Any]]:
    """The documents one asker may find, and what each id stands for."""
    insights = list(
        selectors.insight_list(user=user, organisation=organisation)
        .filter(status=InsightStatus.PUBLISHED)
        .prefetch_related("evidence__coding__code")
    )
    tellers = selectors.teller_counts(insights)
    docs: list[ranking.AskDocument] = []
    objects: dict[str, Any] = {}
    for insight in insights:
        codes = {c.pk: c for c in [insight.code] if c is not None}
        for evidence in insight.evidence.all():
            codes.setdefault(evidence.coding.code_id, evidence.coding.code)
        doc_id = f"insight:{insight.pk}"
        docs.append(
            ranking.AskDocument(
                doc_id=doc_id,
                kind="insight",
                tokens=tuple(knowledge.search_tokens(insight.statement)),
                codes=tuple((c.name, _code_tokens(c.name, c.definition)) for c in codes.values()),
                tellers=tellers.get(insight.pk, 0),
            )
        )
        objects[doc_id] = insight
    fragments: dict[tuple[int, str], list[Coding]] = defaultdict(list)
    for coding in selectors.coding_list(user=user, organisation=organisation).filter(
        status=CodingStatus.VALID
    ):
        fragments[(coding.experience_id, coding.quote)].append(coding)
    titles = {
        s.experience_id: s.title
        for s in knowledge.shared_story_list(user=user, ids={k[0] for k in fragments})
    }
    for (experience_id, quote), codings in fragments.items():
        codes = {c.code_id: c.code for c in codings}
        doc_id = f"fragment:{codings[0].pk}"
        docs.append(
            ranking.AskDocument(
                doc_id=doc_id,
                kind="fragment",
                tokens=tuple(knowledge.search_tokens(quote)),
                codes=tuple(
                    (c.name, _code_tokens(c.name, c.definition))
                    for c in sorted(codes.values(), key=lambda c: c.name)
                ),
                tellers=1,
            )
        )
        objects[doc_id] = (experience_id, titles.get(experience_id, ""), quote, codes)
    return docs, objects


def ask(*, user: Any, organisation: Organisation, question: str) -> Answer:
    """Answer a question. The fragments shown are excerpts of stories: each one of
    someone else's non-public story is logged for its author and counts against the
    reader's daily budget (as kennisbank search excerpts do); past it, it is left out."""
    query = knowledge.search_tokens(question)
    docs, objects = build_documents(user=user, organisation=organisation)
    insights, fragments = ranking.ask(query, docs)
    shown: dict[int, list[str]] = defaultdict(list)
    for r in fragments[:MAX_RESULTS]:
        shown[objects[r.doc_id][0]].append(objects[r.doc_id][2])
    allowed = knowledge.shared_excerpts_release(
        user=user,
        organisation=organisation,
        excerpts=[(pk, " ".join(quotes)) for pk, quotes in shown.items()],
        kind="wij-kennis",
    )
    fragments = [r for r in fragments[:MAX_RESULTS] if objects[r.doc_id][0] in allowed]
    return Answer(
        question=question,
        insights=[
            InsightAnswer(
                insight=objects[r.doc_id],
                tellers=r.tellers,
                matched_words=r.matched_words,
                matched_codes=r.matched_codes,
                score=r.score,
            )
            for r in insights[:MAX_RESULTS]
        ],
        fragments=[
            FragmentAnswer(
                experience_id=objects[r.doc_id][0],
                story_title=objects[r.doc_id][1],
                quote=objects[r.doc_id][2],
                codes=tuple(sorted(c.name for c in objects[r.doc_id][3].values())),
                tellers=1,
                matched_words=r.matched_words,
                matched_codes=r.matched_codes,
                score=r.score,
            )
            for r in fragments[:MAX_RESULTS]
        ],
    )
