"""The ranking of "ask the bank" (pure Python, no Django).

Documents are insights and coded fragments of shared stories; both query and documents
arrive as normalised tokens (the knowledge bank's Dutch normalisation, through
`knowledge.public`). A document scores

    BM25(text) + CODE_WEIGHT · BM25(codes) + TELLER_WEIGHT · log(1 + tellers)

(words that only frame the question, `FRAMING_WORDS`, count at a quarter; parts of
compounds, `compound_parts`, at a half)

where *codes* are the names and definitions of the codes it carries, so that a question
in plain words ("wat helpt bij geldzorgen") finds fragments that never use the word but
were coded with it; the teller term only breaks near-ties in favour of knowledge more
people stand behind, and only for documents that matched at all. Insights come before
fragments (`ask`). Every result says why it matched: the query words found in its text
and the codes whose words matched.

`bm25` is plain Okapi BM25 (k1 = 1.2, b = 0.75) — also the baseline of `bench/ask.py`.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

K1 = 1.2
B = 0.75
CODE_WEIGHT = 0.8
TELLER_WEIGHT = 0.15

#: Words that frame a question rather than say what it is about ("Wat *helpt mensen*
#: met schulden?"), as normalised tokens. They still count, at `FRAMING_WEIGHT`, so a
#: question of framing words only still finds something.
FRAMING_WORDS = frozenset(
    [
        "helpen",
        "mens",
        "waarom",
        "welk",
        "ervaring",
        "professional",
        "client",
        "ondersteunen",
        "omgaan",
        "merk",
        "vinden",
        "zeggen",
        "weten",
        "leer",
        "goed",
        "belangrijk",
    ]
)
FRAMING_WEIGHT = 0.25

#: A word of the documents that is the head or modifier of a question word, or the other
#: way round ("geldprobleem" — "geld", "schuld" — "schuldhulp"), counts at this weight.
PART_WEIGHT = 0.5
MIN_PART = 4


def compound_parts(terms: set[str], vocabulary: set[str]) -> dict[str, set[str]]:
    """Words of the vocabulary (≥ MIN_PART letters) that begin or end a question word, or
    that a question word begins or ends, with the question words they came from."""
    found: dict[str, set[str]] = {}
    for word in vocabulary - terms:
        for term in terms:
            short, long = sorted((word, term), key=len)
            if (
                len(short) >= MIN_PART
                and long != short
                and (long.startswith(short) or long.endswith(short))
            ):
                found.setdefault(word, set()).add(term)
    return found


@dataclass(frozen=True)
class AskDocument:
    doc_id: str
    kind: str  # "insight" or "fragment"
    tokens: tuple[str, ...]
    codes: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (code name, its tokens)
    tellers: int = 1


@dataclass(frozen=True)
class Ranked:
    doc_id: str
    kind: str
    score: float
    matched_words: tuple[str, ...] = ()
    matched_codes: tuple[str, ...] = field(default=())
    tellers: int = 1


def _idf(n_docs: int, df: int) -> float:
    return math.log(1.0 + (n_docs - df + 0.5) / (df + 0.5))


def bm25(
    query: Sequence[str],
    docs: Sequence[Sequence[str]],
    weights: Mapping[str, float] | None = None,
) -> list[float]:
    """Okapi BM25 score of every document for the query tokens (each term's part
    multiplied by its weight, 1 when not given)."""
    n = len(docs)
    if n == 0:
        return []
    terms = list(dict.fromkeys(query))
    avg = sum(len(d) for d in docs) / n or 1.0
    df = Counter(t for d in docs for t in set(d))
    scores = []
    for doc in docs:
        tf = Counter(doc)
        score = 0.0
        for term in terms:
            f = tf.get(term, 0)
            if f:
                denominator = f + K1 * (1 - B + B * len(doc) / avg)
                weight = weights.get(term, 1.0) if weights else 1.0
                score += weight * _idf(n, df[term]) * f * (K1 + 1) / denominator
        scores.append(score)
    return scores


def rank(query: Sequence[str], docs: Sequence[AskDocument]) -> list[Ranked]:
    """Matching documents, best first (ties: insights first, then by id)."""
    terms = set(query)
    if not terms:
        return []
    weights = {t: FRAMING_WEIGHT for t in terms & FRAMING_WORDS}
    code_docs = [tuple(t for _name, tokens in d.codes for t in tokens) for d in docs]
    vocabulary = {t for d in docs for t in d.tokens} | {t for c in code_docs for t in c}
    for term, part in compound_parts(terms, vocabulary).items():
        weights.setdefault(term, PART_WEIGHT * min(weights.get(q, 1.0) for q in part))
    terms = terms | set(weights)
    expanded = sorted(terms)
    text_scores = bm25(expanded, [d.tokens for d in docs], weights)
    code_scores = bm25(expanded, code_docs, weights)
    ranked = []
    for doc, text_score, code_score in zip(docs, text_scores, code_scores, strict=True):
        if text_score <= 0 and code_score <= 0:
            continue
        score = text_score + CODE_WEIGHT * code_score + TELLER_WEIGHT * math.log1p(doc.tellers)
        words = tuple(sorted(terms & set(doc.tokens)))
        codes = tuple(sorted({name for name, tokens in doc.codes if terms & set(tokens)}))
        ranked.append(
            Ranked(
                doc_id=doc.doc_id,
                kind=doc.kind,
                score=score,
                matched_words=words,
                matched_codes=codes,
                tellers=doc.tellers,
            )
        )
    ranked.sort(key=lambda r: (-r.score, r.kind != "insight", r.doc_id))
    return ranked


def ask(query: Sequence[str], docs: Sequence[AskDocument]) -> tuple[list[Ranked], list[Ranked]]:
    """The answer: matching insights, then matching fragments, each best first."""
    ranked = rank(query, docs)
    return [r for r in ranked if r.kind == "insight"], [r for r in ranked if r.kind != "insight"]


def baseline(query: Sequence[str], docs: Sequence[AskDocument]) -> list[str]:
    """Plain BM25 on the text alone: the yardstick of the benchmark."""
    scores = bm25(query, [d.tokens for d in docs])
    order = sorted(
        (i for i, s in enumerate(scores) if s > 0), key=lambda i: (-scores[i], docs[i].doc_id)
    )
    return [docs[i].doc_id for i in order]
