"""The pure kernels of wij-kennis: agreement (literature examples and properties),
the publish rule, re-anchoring and the ranking of ask."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kwartier.collective import agreement, anchoring, publish_rule, ranking

# --- agreement: worked examples from the literature ------------------------------------


def test_cohen_kappa_wikipedia_worked_example():
    """Wikipedia "Cohen's kappa", worked example: yes/yes 20, yes/no 5, no/yes 10,
    no/no 15 → p_o = 0.7, p_e = 0.5, κ = 0.4."""
    assert agreement.cohen_kappa_from_table([[20, 5], [10, 15]]) == pytest.approx(0.4)


def test_krippendorff_two_observers_nominal():
    """Krippendorff (2011), Computing Krippendorff's Alpha-Reliability, B: nominal data,
    two observers, no missing data (12 units, values a–e): α = 0.692."""
    a = ["a", "a", "b", "b", "d", "c", "c", "c", "e", "d", "d", "a"]
    b = ["b", "a", "b", "b", "b", "c", "c", "c", "e", "d", "d", "d"]
    assert agreement.krippendorff_alpha_nominal(list(zip(a, b, strict=True))) == pytest.approx(
        0.692, abs=5e-4
    )


def test_krippendorff_four_observers_missing_data():
    """Krippendorff (2011), C: nominal data, four observers, missing data: α = 0.743."""
    n = None
    units = [
        [1, 1, n, 1], [2, 2, 3, 2], [3, 3, 3, 3], [3, 3, 3, 3], [2, 2, 2, 2], [1, 2, 3, 4],
        [4, 4, 4, 4], [1, 1, 2, 1], [2, 2, 2, 2], [n, 5, 5, 5], [n, n, 1, 1], [n, 3, n, n],
    ]  # fmt: skip
    assert agreement.krippendorff_alpha_nominal(units) == pytest.approx(0.743, abs=5e-4)


binary = st.lists(st.integers(0, 1), min_size=2, max_size=40)


@given(binary)
def test_perfect_agreement_is_one(values):
    kappa = agreement.cohen_kappa(values, values)
    alpha = agreement.krippendorff_alpha_nominal([[v, v] for v in values])
    if len(set(values)) > 1:
        assert kappa == pytest.approx(1.0)
        assert alpha == pytest.approx(1.0)
    else:  # no variation: nothing to agree on
        assert kappa is None and alpha is None


@given(st.lists(st.tuples(st.integers(0, 2), st.integers(0, 2)), min_size=1, max_size=40))
def test_symmetric_in_coders_and_bounded(pairs):
    first = [a for a, _ in pairs]
    second = [b for _, b in pairs]
    kappa = agreement.cohen_kappa(first, second)
    assert kappa == agreement.cohen_kappa(second, first)
    if kappa is not None:
        assert -1.0 - 1e-9 <= kappa <= 1.0 + 1e-9
    alpha = agreement.krippendorff_alpha_nominal(pairs)
    swapped = agreement.krippendorff_alpha_nominal([(b, a) for a, b in pairs])
    assert alpha == swapped or alpha == pytest.approx(swapped)
    if alpha is not None:
        assert alpha <= 1.0 + 1e-9


def test_code_agreement_on_stories_both_coded():
    coded = {
        "sam": {1: frozenset({"geld"}), 2: frozenset({"geld"}), 3: frozenset(), 9: frozenset()},
        "lotte": {1: frozenset({"geld"}), 2: frozenset(), 3: frozenset()},
    }
    result = agreement.code_agreement(coded, "geld")
    assert result.units == 3  # story 9 was coded by one coder only
    assert result.observed == pytest.approx(2 / 3)
    assert result.kappa == pytest.approx(0.4)


# --- the publish rule ---------------------------------------------------------------------


def test_publish_rule_counts_distinct_tellers_of_supporting_valid_fragments():
    fragments = [
        publish_rule.Fragment(1, "a"),
        publish_rule.Fragment(2, "a"),
        publish_rule.Fragment(3, "b"),
        publish_rule.Fragment(4, "c", supports=False),
        publish_rule.Fragment(5, "d", valid=False),
    ]
    result = publish_rule.check(fragments, min_fragments=3, min_tellers=3, reviewed=True)
    assert (result.fragments, result.tellers) == (3, 2)
    assert not result.ok and result.missing_tellers == 1
    more = [*fragments, publish_rule.Fragment(6, "e")]
    assert publish_rule.check(more, reviewed=True).ok
    assert not publish_rule.check(more, reviewed=False).ok


@given(st.lists(st.tuples(st.integers(1, 30), st.sampled_from("abcdef")), max_size=30))
def test_publish_rule_monotone(items):
    """Adding a supporting fragment never turns a passing rule into a failing one, and
    tellers never exceed fragments."""
    fragments = [publish_rule.Fragment(i, t) for i, t in items]
    result = publish_rule.check(fragments, reviewed=True)
    assert result.tellers <= result.fragments
    grown = publish_rule.check([*fragments, publish_rule.Fragment(999, "z")], reviewed=True)
    assert grown.ok or not result.ok


# --- re-anchoring -------------------------------------------------------------------------


def test_reanchor_exact_then_fuzzy_then_none():
    old = "Ik opende de brieven niet meer. Toen kwam de deurwaarder."
    new = "Eerst dit. Ik opende de brieven niet meer. Toen kwam de deurwaarder."
    anchor = anchoring.reanchor(new, "Ik opende de brieven niet meer.", 0)
    assert anchor and anchor.exact and new[anchor.start : anchor.end] == anchor.quote
    changed = "Eerst dit. Ik opende de brieven helemaal niet meer. Toen kwam hij."
    fuzzy = anchoring.reanchor(changed, "Ik opende de brieven niet meer.", 0)
    assert fuzzy and not fuzzy.exact and "brieven" in fuzzy.quote
    assert anchoring.reanchor("Iets heel anders.", old, 0) is None


@given(st.text(min_size=1, max_size=80), st.integers(0, 79), st.integers(1, 20))
def test_reanchor_finds_every_exact_span(text, start, length):
    start = min(start, len(text) - 1)
    quote = text[start : start + length]
    anchor = anchoring.reanchor(text, quote, start)
    assert anchor is not None and text[anchor.start : anchor.end] == quote


def test_sentences_cover_the_text():
    text = "Eén. Twee! Drie?\nVier"
    assert [text[s:e] for s, e in anchoring.sentences(text)] == ["Eén.", "Twee!", "Drie?", "Vier"]


# --- ranking ------------------------------------------------------------------------------


def _doc(doc_id, tokens, codes=(), kind="fragment", tellers=1):
    return ranking.AskDocument(doc_id, kind, tuple(tokens), tuple(codes), tellers)


def test_codes_find_fragments_without_the_word_and_say_why():
    docs = [
        _doc("f1", ["brief", "open", "niet"], codes=[("Geldzorgen", ("geldzorg", "schuld"))]),
        _doc("f2", ["fiets", "kapot"]),
    ]
    insights, fragments = ranking.ask(["schuld"], docs)
    assert [r.doc_id for r in fragments] == ["f1"]
    assert fragments[0].matched_codes == ("Geldzorgen",) and fragments[0].matched_words == ()
    assert ranking.baseline(["schuld"], docs) == []


documents = st.lists(
    st.tuples(
        st.lists(
            st.sampled_from(["schuld", "schuldhulp", "huis", "werk", "hulp", "angst"]), max_size=8
        ),
        st.sampled_from(["insight", "fragment"]),
        st.integers(0, 9),
    ),
    max_size=12,
)


@given(documents, st.lists(st.sampled_from(["schuld", "huis", "werk", "x"]), max_size=3))
def test_ranking_properties(raw, query):
    docs = [_doc(f"d{i}", t, kind=k, tellers=n) for i, (t, k, n) in enumerate(raw)]
    ranked = ranking.rank(query, docs)
    # only documents that share a word with the question, each once, best first
    assert len({r.doc_id for r in ranked}) == len(ranked)

    def related(word):
        return any(
            word == q
            or (
                len(min(word, q, key=len)) >= 4
                and (
                    word.startswith(q) or q.startswith(word) or word.endswith(q) or q.endswith(word)
                )
            )
            for q in query
        )

    assert all(r.matched_words and all(related(w) for w in r.matched_words) for r in ranked)
    assert [r.score for r in ranked] == sorted((r.score for r in ranked), reverse=True)
    # the order of the documents does not change the answer
    assert [r.doc_id for r in ranking.rank(query, list(reversed(docs)))] == [
        r.doc_id for r in ranked
    ]
    insights, fragments = ranking.ask(query, docs)
    assert all(r.kind == "insight" for r in insights) and len(insights) + len(fragments) == len(
        ranked
    )


def test_compound_parts_meet_at_half_weight():
    docs = [_doc("f1", ["overzicht", "geld"]), _doc("f2", ["geldprobleem"])]
    ranked = ranking.rank(["geldprobleem"], docs)
    assert [r.doc_id for r in ranked] == ["f2", "f1"]
    assert ranked[1].matched_words == ("geld",)
