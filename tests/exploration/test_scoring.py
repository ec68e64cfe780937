"""Readiness-scan scoring: a hand-computed round, privacy of small groups, invariants."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kwartier.exploration.scoring import (
    ANSWER_KEYS,
    MIN_GROUP_SIZE,
    Answer,
    Response,
    ScanResults,
    ScoringError,
    Statement,
    Template,
    Theme,
    findings_to_dict,
    results_to_dict,
    score_round,
    suppressed_groups,
)

TEMPLATE = Template(
    themes=(Theme("a", "Thema A"), Theme("b", "Thema B")),
    statements=(
        Statement("a1", "a", "Gewone stelling"),
        Statement("a2", "a", "Omgekeerde stelling", reversed=True),
        Statement("b1", "b", "Verkeerd motief", reversed=True, red_flag=True),
    ),
)


def responses(
    group: str, a1: Sequence[Answer], a2: Sequence[Answer] | None, b1: Sequence[Answer]
) -> list[Response]:
    """One response per position; ``a2=None`` means everyone skipped a2."""
    out = []
    for i, (x, z) in enumerate(zip(a1, b1, strict=True)):
        answers: dict[str, Answer] = {"a1": x, "b1": z}
        if a2 is not None:
            answers["a2"] = a2[i]
        out.append(Response(group, answers))
    return out


ROUND = (
    responses("werkvloer", [5, 4, 4, 3, None], [1, 2, 2, None, None], [4, 5, 1, 2, 2])
    + responses("bestuur", [2, 1], [5, 4], [5, 5])
    + responses("beleid", [3, 3, 3, 3, 3], None, [1, 1, 1, 1, 1])
)


def test_round_by_hand() -> None:
    # Theme a, scored answers (a2 reversed: 6 − x, "weet niet" and skipped left out):
    #   a1: 5+4+4+3 (werkvloer) + 2+1 (bestuur) + 3×5 (beleid) = 34 over 11 answers
    #   a2: 5+4+4 (werkvloer)   + 1+2 (bestuur)                = 16 over 5 answers
    #   mean 50 / 16 = 3.125 → (3.125 − 1) / 4 × 100 = 53.125
    # Theme b (reversed): 2+1+5+4+4 + 1+1 + 5×5 = 43 over 12 → (43/12 − 1) / 4 × 100 = 64.58…
    # bestuur has 2 respondents (< 5): hidden everywhere. werkvloer has 5 respondents but
    # only 4 opinions on a1 (one "weet niet") and 3 on a2: small for those statements.
    #   a1: hidden werkvloer + bestuur = 7 answerers, 6 opinions ≥ 5: beleid is shown.
    #   a2: hidden 7 answerers, 5 opinions: beleid (all skipped a2) is shown with zeros.
    #   b1: werkvloer has 5 opinions, but hidden bestuur alone would be total − shown, so
    #       the smallest shown group goes too (werkvloer and beleid have 5; werkvloer is
    #       listed first). beleid is shown.
    # A theme shows a group only when all its statements do: werkvloer is hidden in both.
    #   beleid: a = 15/5 = 3 → 50.0;  b = 25/5 (reversed 1 → 5) → 100.0
    # Red flag b1: raw 4 or 5 from 4, 5 (werkvloer) and 5, 5 (bestuur) = 4 of 12 = 33 % ≥ 30 %
    results = score_round(TEMPLATE, ROUND, previous={"a": 50.0, "b": None})
    assert results.respondents == 12
    assert results.groups == {"werkvloer": 5, "bestuur": 2, "beleid": 5}
    assert results.suppressed == {"bestuur", "werkvloer"}
    a, b = results.themes
    assert a.score == pytest.approx(53.125)
    assert b.score == pytest.approx(3100 / 48)
    assert a.groups == {"werkvloer": None, "bestuur": None, "beleid": pytest.approx(50.0)}
    assert b.groups == {"werkvloer": None, "bestuur": None, "beleid": pytest.approx(100.0)}

    a1 = results.items[0]
    assert a1.counts is not None
    assert a1.counts.as_dict() == {"1": 1, "2": 1, "3": 6, "4": 2, "5": 1, "dont_know": 1}
    assert a1.groups["beleid"] is not None
    assert a1.groups["beleid"].as_dict() == {
        "1": 0,
        "2": 0,
        "3": 5,
        "4": 0,
        "5": 0,
        "dont_know": 0,
    }
    assert a1.groups["bestuur"] is None and a1.groups["werkvloer"] is None
    # total − shown groups = the hidden werkvloer and bestuur together: 7 people.
    assert a1.counts.answered + a1.counts.dont_know - 5 == 7

    [flag] = results.red_flags
    assert (flag.key, flag.agree, flag.answered) == ("b1", 4, 12)
    assert flag.share == pytest.approx(1 / 3)
    assert results.weak_themes == ()
    assert [(c.theme, c.change) for c in results.changes] == [
        ("a", pytest.approx(3.125)),
        ("b", None),
    ]


def test_without_remainder_protection_only_small_groups_are_hidden() -> None:
    # werkvloer as above; beleid: a = 15/5 = 3 → 50.0, b = 25/5 = 5 → 100.0
    # gaps: b 100 − 55 = 45 (beleid over werkvloer), a 78.57 − 50 = 28.57
    results = score_round(TEMPLATE, ROUND, protect_remainder=False)
    assert results.suppressed == {"bestuur"}
    assert results.themes[0].groups["beleid"] == pytest.approx(50.0)
    assert results.themes[1].groups["beleid"] == pytest.approx(100.0)
    assert [(g.theme, g.high_group, g.low_group) for g in results.gaps] == [
        ("b", "beleid", "werkvloer"),
        ("a", "werkvloer", "beleid"),
    ]
    assert results.gaps[0].gap == pytest.approx(45.0)
    assert results.gaps[1].gap == pytest.approx(2200 / 28 - 50)


def test_weak_themes_sorted_weakest_first() -> None:
    # five people: a1 = 2 → 25.0; a2 reversed, raw 3 → 50.0 ... theme a = (2+3)/2 = 2.5 → 37.5
    # b1 reversed, raw 4 → 2 → 25.0
    answers: dict[str, Answer] = {"a1": 2, "a2": 3, "b1": 4}
    results = score_round(TEMPLATE, [Response("werkvloer", answers)] * 5)
    assert [t.score for t in results.themes] == [pytest.approx(37.5), pytest.approx(25.0)]
    assert results.weak_themes == ("b", "a")


def test_nothing_answered_gives_no_score() -> None:
    results = score_round(TEMPLATE, [Response("werkvloer", {"a1": None})] * 6)
    assert [t.score for t in results.themes] == [None, None]
    assert results.red_flags == ()
    assert results.respondents == 6


def test_listed_groups_without_respondents_are_reported_and_hidden() -> None:
    results = score_round(TEMPLATE, ROUND[7:], groups=("bestuur", "beleid"))
    assert list(results.groups) == ["bestuur", "beleid"]
    assert results.groups["bestuur"] == 0
    assert results.themes[0].groups["bestuur"] is None
    assert results.themes[0].groups["beleid"] is not None  # hidden remainder is 0 people


@pytest.mark.parametrize("answer", [0, 6, "3", True, 2.5, [1]])
def test_invalid_answers_are_refused(answer: object) -> None:
    with pytest.raises(ScoringError):
        score_round(TEMPLATE, [Response("werkvloer", {"a1": answer})])  # type: ignore[dict-item]


def test_unknown_statement_is_refused() -> None:
    with pytest.raises(ScoringError):
        score_round(TEMPLATE, [Response("werkvloer", {"zz": 3})])


def test_template_requires_red_flags_to_be_reversed() -> None:
    with pytest.raises(ScoringError):
        Template(themes=(Theme("a", "A"),), statements=(Statement("x", "a", "t", red_flag=True),))


def test_template_refuses_duplicates_and_unknown_themes() -> None:
    with pytest.raises(ScoringError):
        Template(themes=(Theme("a", "A"), Theme("a", "B")), statements=())
    with pytest.raises(ScoringError):
        Template(themes=(Theme("a", "A"),), statements=(Statement("x", "b", "t"),))


def test_suppressed_groups_protect_the_remainder() -> None:
    assert suppressed_groups({"x": 4, "y": 9, "z": 6}) == {"x", "z"}  # 4 + 6 ≥ 5
    assert suppressed_groups({"x": 4, "y": 9, "z": 6}, protect_remainder=False) == {"x"}
    assert suppressed_groups({"x": 1, "y": 2, "z": 5}) == {"x", "y", "z"}  # 3 < 5: z too
    assert suppressed_groups({"x": 0, "y": 5}) == {"x"}  # nobody hidden, nothing to protect
    assert suppressed_groups({"x": 3}) == {"x"}


def test_results_to_dict_shape() -> None:
    data = results_to_dict(score_round(TEMPLATE, ROUND))
    assert set(data) == {"respondents", "groups", "themes", "items", "red_flags"}
    assert data["respondents"] == 12
    assert set(data["themes"][0]) == {"key", "name", "score", "groups"}
    item = data["items"][0]
    assert set(item) == {"key", "theme", "reversed", "red_flag", "counts", "groups"}
    assert list(item["counts"]) == list(ANSWER_KEYS)
    assert item["groups"]["bestuur"] is None
    assert list(item["groups"]["beleid"]) == list(ANSWER_KEYS)
    assert data["red_flags"][0]["key"] == "b1"
    findings = findings_to_dict(score_round(TEMPLATE, ROUND, previous={"a": 40.0}))
    assert set(findings) == {"gaps", "weak_themes", "changes"}
    assert findings["changes"][0]["change"] == pytest.approx(13.125)


# --- properties ----------------------------------------------------------------------

GROUPS = ("werkvloer", "middenkader", "bestuur")
_answer = st.sampled_from([1, 2, 3, 4, 5, None])


@st.composite
def templates(draw: st.DrawFn, red_flags: bool = True) -> Template:
    themes = tuple(Theme(f"t{i}", f"Thema {i}") for i in range(draw(st.integers(1, 3))))
    statements = []
    for theme in themes:
        for j in range(draw(st.integers(1, 4))):
            reversed_ = draw(st.booleans())
            red_flag = red_flags and reversed_ and draw(st.booleans())
            statements.append(
                Statement(f"{theme.key}_{j}", theme.key, "tekst", reversed_, red_flag)
            )
    return Template(themes, tuple(statements))


@st.composite
def rounds(draw: st.DrawFn, red_flags: bool = True) -> tuple[Template, list[Response]]:
    template = draw(templates(red_flags=red_flags))
    keys = [s.key for s in template.statements]
    people = draw(
        st.lists(
            st.tuples(
                st.sampled_from(GROUPS),
                st.dictionaries(st.sampled_from(keys), _answer),
            ),
            max_size=40,
        )
    )
    return template, [Response(group, answers) for group, answers in people]


def _scores(results: ScanResults) -> list[tuple[float | None, dict[str, float | None]]]:
    return [(t.score, t.groups) for t in results.themes]


def _approx_equal(left: float | None, right: float | None) -> bool:
    if left is None or right is None:
        return left is right
    return left == pytest.approx(right, abs=1e-9)


def _same_scores(left: ScanResults, right: ScanResults) -> bool:
    return all(
        _approx_equal(a.score, b.score)
        and a.groups.keys() == b.groups.keys()
        and all(_approx_equal(a.groups[g], b.groups[g]) for g in a.groups)
        for a, b in zip(left.themes, right.themes, strict=True)
    )


@settings(deadline=None)
@given(rounds())
def test_scores_stay_within_0_and_100(round_: tuple[Template, list[Response]]) -> None:
    results = score_round(*round_)
    for theme in results.themes:
        for score in (theme.score, *theme.groups.values()):
            assert score is None or 0 <= score <= 100


@settings(deadline=None)
@given(rounds(red_flags=False), st.data())
def test_reversing_a_statement_and_mirroring_answers_keeps_scores(
    round_: tuple[Template, list[Response]], data: st.DataObject
) -> None:
    template, people = round_
    flip = data.draw(st.sets(st.sampled_from([s.key for s in template.statements])))
    mirrored_template = Template(
        template.themes,
        tuple(
            Statement(s.key, s.theme, s.text, not s.reversed) if s.key in flip else s
            for s in template.statements
        ),
    )
    mirrored = [
        Response(
            r.group,
            {key: (6 - a if key in flip and a is not None else a) for key, a in r.answers.items()},
        )
        for r in people
    ]
    assert _same_scores(score_round(template, people), score_round(mirrored_template, mirrored))


@settings(deadline=None)
@given(rounds(), st.booleans())
def test_small_groups_never_leak(round_: tuple[Template, list[Response]], protect: bool) -> None:
    template, people = round_
    results = score_round(template, people, protect_remainder=protect)
    small = {g for g, n in results.groups.items() if 0 < n < MIN_GROUP_SIZE}
    assert small <= results.suppressed
    for group in small:
        assert all(theme.groups[group] is None for theme in results.themes)
        assert all(item.groups[group] is None for item in results.items)
    if not protect:
        return
    for item in results.items:
        in_item = [r for r in people if item.key in r.answers]
        answerers = sum(1 for r in in_item if item.groups[r.group] is None)
        opinions = sum(
            1 for r in in_item if item.groups[r.group] is None and r.answers[item.key] is not None
        )
        if item.counts is not None:  # total − shown groups describes nobody or 5 and more
            assert answerers in (0,) or answerers >= MIN_GROUP_SIZE
            assert opinions == 0 or opinions >= MIN_GROUP_SIZE


@settings(deadline=None)
@given(rounds())
def test_totals_count_everyone(round_: tuple[Template, list[Response]]) -> None:
    template, people = round_
    results = score_round(template, people)
    assert results.respondents == len(people)
    assert sum(results.groups.values()) == len(people)
    for item in results.items:
        given_answers = sum(1 for r in people if item.key in r.answers)
        opinions = sum(1 for r in people if r.answers.get(item.key) is not None)
        small = 0 < given_answers < MIN_GROUP_SIZE or 0 < opinions < MIN_GROUP_SIZE
        assert (item.counts is None) == small  # left out only when it describes 1 to 4
        if item.counts is not None:
            assert item.counts.answered + item.counts.dont_know == given_answers


@settings(deadline=None)
@given(rounds(), st.data())
def test_dont_know_never_moves_a_score(
    round_: tuple[Template, list[Response]], data: st.DataObject
) -> None:
    template, people = round_
    keys = [s.key for s in template.statements]
    padded = [
        Response(
            r.group,
            {**{k: None for k in data.draw(st.sets(st.sampled_from(keys)))}, **r.answers},
        )
        for r in people
    ]
    assert _same_scores(score_round(template, people), score_round(template, padded))
