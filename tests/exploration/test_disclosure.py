"""Anonymity that survives subtraction (issue 16): no published figure, and no sum or
difference of published figures, describes the answers of 1 to 4 people.

The property test is independent of the kernel's own check: it reads only what a round
*publishes* (:func:`results_to_dict`, as the API and every export do), over one or more
publications of the same round (a tussenstand, then the final results), and searches the
space of every linear combination of those figures with floating-point linear algebra
(numpy), where the kernel uses exact null-space arithmetic.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from kwartier.exploration.disclosure import (
    MIN_GROUP_SIZE,
    Publication,
    Release,
    Size,
    release_statement,
    reveals_small_set,
)
from kwartier.exploration.scoring import (
    Answer,
    Response,
    Statement,
    Template,
    Theme,
    results_to_dict,
    score_round,
)

SKIP = "skip"


@dataclass(frozen=True)
class Person:
    group: str
    period: int
    answers: dict[str, Answer]


def published_figures(
    template: Template, groups: Sequence[str], periods: int, publications: Sequence[dict[str, Any]]
) -> tuple[list[tuple[str, str, int]], np.ndarray]:
    """Every published figure as a 0/1 vector over atoms (statement, group, period)."""
    atoms = [(s.key, g, k) for s in template.statements for g in groups for k in range(periods)]
    column = {atom: i for i, atom in enumerate(atoms)}
    theme_statements = {
        t.key: [s.key for s in template.statements if s.theme == t.key] for t in template.themes
    }
    rows: list[np.ndarray] = []

    def vector(statements: Sequence[str], group: str | None, upto: int) -> np.ndarray:
        row = np.zeros(len(atoms))
        for key in statements:
            for g in groups:
                for k in range(upto + 1):
                    if group is None or g == group:
                        row[column[(key, g, k)]] = 1
        return row

    for j, data in enumerate(publications):
        for item in data["items"]:
            if item["counts"] is not None:
                rows.append(vector([item["key"]], None, j))
            for g, counts in item["groups"].items():
                if counts is not None:
                    rows.append(vector([item["key"]], g, j))
        for theme in data["themes"]:
            keys = theme_statements[theme["key"]]
            if theme["score"] is not None:
                rows.append(vector(keys, None, j))
            for g, score in theme["groups"].items():
                if score is not None:
                    rows.append(vector(keys, g, j))
        for flag in data["red_flags"]:
            rows.append(vector([flag["key"]], None, j))
    matrix = np.array(rows) if rows else np.zeros((0, len(atoms)))
    return atoms, matrix


def revealed_small_sets(
    template: Template,
    groups: Sequence[str],
    people: Sequence[Person],
    publications: Sequence[dict[str, Any]],
) -> list[tuple[str, str, tuple[tuple[str, int], ...]]]:
    """Sets of 1 to 4 people whose answers to one statement follow from the figures."""
    periods = len(publications)
    atoms, matrix = published_figures(template, groups, periods, publications)
    found = []
    for statement in template.statements:
        for weight_name in ("answerers", "opinions"):
            weight: dict[tuple[str, str, int], int] = {}
            for person in people:
                answer = person.answers.get(statement.key, SKIP)
                counts = (
                    answer != SKIP if weight_name == "answerers" else answer not in (SKIP, None)
                )
                if counts:
                    key = (statement.key, person.group, person.period)
                    weight[key] = weight.get(key, 0) + 1
            # Atoms of this statement holding nobody (for this weight) add nothing to the
            # revealed figure: they may take any coefficient, so their columns go.
            keep = [
                i
                for i, atom in enumerate(atoms)
                if atom[0] != statement.key or weight.get(atom, 0) > 0
            ]
            sub = matrix[:, keep] if len(matrix) else np.zeros((0, len(keep)))
            projector = np.linalg.pinv(sub) @ sub if len(sub) else np.zeros((len(keep), len(keep)))
            positive = [i for i in keep if weight.get(atoms[i], 0) > 0]
            position = {i: n for n, i in enumerate(keep)}
            for size in range(1, MIN_GROUP_SIZE):
                for subset in combinations(positive, size):
                    people_in = sum(weight[atoms[i]] for i in subset)
                    if people_in >= MIN_GROUP_SIZE:
                        continue
                    x = np.zeros(len(keep))
                    for i in subset:
                        x[position[i]] = 1
                    if np.linalg.norm(projector @ x - x) < 1e-7:
                        found.append(
                            (
                                statement.key,
                                weight_name,
                                tuple((atoms[i][1], atoms[i][2]) for i in subset),
                            )
                        )
    return found


def publish(
    template: Template,
    groups: Sequence[str],
    people: Sequence[Person],
    breakdowns: Sequence[bool],
    *,
    protect: bool = True,
) -> list[dict[str, Any]]:
    """Publish the round once per period, each time with what came in so far."""
    history: dict[str, list[Publication]] = {s.key: [] for s in template.statements}
    published = []
    for period, breakdown in enumerate(breakdowns):
        responses = [Response(p.group, p.answers) for p in people if p.period <= period]
        results = score_round(
            template,
            responses,
            groups=groups,
            history=history,
            breakdown=breakdown,
            protect_remainder=protect,
        )
        for key, publication in results.publications.items():
            history[key].append(publication)
        published.append(results_to_dict(results))
    return published


TEMPLATE = Template(
    themes=(Theme("a", "A"), Theme("b", "B")),
    statements=(
        Statement("a1", "a", "een"),
        Statement("a2", "a", "twee", reversed=True),
        Statement("b1", "b", "drie", reversed=True, red_flag=True),
    ),
)
GROUPS = ("werkvloer", "middenkader", "bestuur", "beleid")
_answer = st.sampled_from([1, 2, 3, 4, 5, None, None, SKIP])


@st.composite
def staged_rounds(draw: st.DrawFn) -> tuple[list[Person], list[bool]]:
    periods = draw(st.integers(1, 3))
    groups = draw(st.lists(st.sampled_from(GROUPS), min_size=1, max_size=4, unique=True))
    people = []
    for group in groups:
        for _ in range(draw(st.integers(0, 9))):
            answers = {}
            for statement in TEMPLATE.statements:
                answer = draw(_answer)
                if answer != SKIP:
                    answers[statement.key] = answer
            people.append(Person(group, draw(st.integers(0, periods - 1)), answers))
    # Tussenstanden: totals only, as the product publishes them; the check must hold for
    # breakdowns too, so sometimes one is drawn with a breakdown.
    breakdowns = [draw(st.booleans()) for _ in range(periods - 1)] + [True]
    return people, breakdowns


@settings(deadline=None, max_examples=120)
@given(staged_rounds())
def test_no_published_figure_or_difference_reveals_fewer_than_five(
    staged: tuple[list[Person], list[bool]],
) -> None:
    people, breakdowns = staged
    published = publish(TEMPLATE, GROUPS, people, breakdowns)
    assert revealed_small_sets(TEMPLATE, GROUPS, people, published) == []


def _demo_like_round() -> list[Person]:
    """Three board members among 17 respondents, answers as in the issue's example."""
    people = [Person("werkvloer", 0, {"a1": 3, "a2": 2, "b1": 1}) for _ in range(8)]
    people += [Person("beleid", 0, {"a1": 4, "a2": 4, "b1": 2}) for _ in range(6)]
    people += [
        Person("bestuur", 0, {"a1": 4, "a2": 1, "b1": 5}),
        Person("bestuur", 0, {"a1": 4, "a2": 1, "b1": 5}),
        Person("bestuur", 0, {"a1": None, "a2": 1, "b1": 5}),
    ]
    return people


def test_old_rule_is_caught_by_the_check() -> None:
    """The check can fail: hiding only the small group lets total − shown reveal it."""
    people = _demo_like_round()
    old = publish(TEMPLATE, GROUPS, people, [True], protect=False)
    assert revealed_small_sets(TEMPLATE, GROUPS, people, old)
    new = publish(TEMPLATE, GROUPS, people, [True])
    assert revealed_small_sets(TEMPLATE, GROUPS, people, new) == []
    # The board is hidden together with the smallest other group: total − shown = 9.
    item = new[0]["items"][0]
    assert item["groups"]["bestuur"] is None and item["groups"]["beleid"] is None
    assert item["groups"]["werkvloer"] is not None


def test_a_tussenstand_and_the_final_results_cannot_be_subtracted() -> None:
    """Two publications: the second differs from the first by one board member and
    four werkvloer people. The board member's answer must not follow."""
    people = [Person("werkvloer", 0, {"a1": 3, "a2": 3, "b1": 3}) for _ in range(10)]
    people += [Person("beleid", 0, {"a1": 2, "a2": 2, "b1": 2}) for _ in range(6)]
    people += [Person("werkvloer", 1, {"a1": 4, "a2": 4, "b1": 4}) for _ in range(4)]
    people += [Person("bestuur", 1, {"a1": 5, "a2": 5, "b1": 5})]
    published = publish(TEMPLATE, GROUPS, people, [True, True])
    assert revealed_small_sets(TEMPLATE, GROUPS, people, published) == []
    naive = [
        publish(TEMPLATE, GROUPS, people[:16], [True])[0],
        publish(TEMPLATE, GROUPS, people, [True])[0],
    ]
    assert revealed_small_sets(TEMPLATE, GROUPS, people, naive)  # each alone looks safe


# --- the kernel's pieces --------------------------------------------------------------


def test_release_hides_further_groups_smallest_first() -> None:
    sizes = {"x": Size(4, 4), "y": Size(9, 9), "z": Size(6, 6)}
    release = release_statement(sizes, order=["x", "z", "y"])
    assert release == Release(total=True, groups=frozenset({"y"}))


def test_release_leaves_the_total_out_when_everyone_is_few() -> None:
    sizes = {"x": Size(1, 1), "y": Size(2, 2)}
    assert release_statement(sizes, order=["x", "y"]) == Release(total=False)


def test_a_group_small_only_for_one_statement_is_hidden_there() -> None:
    # Eight answered, six of them "weet niet": the opinions of two people.
    sizes = {"x": Size(8, 2), "y": Size(10, 10), "z": Size(12, 12)}
    release = release_statement(sizes, order=["x", "y", "z"])
    assert release.total and release.groups == frozenset({"z"})


def test_everyone_saying_dont_know_is_not_small() -> None:
    sizes = {"x": Size(6, 0), "y": Size(10, 10)}
    assert release_statement(sizes, order=["x", "y"]).groups == frozenset({"x", "y"})


@settings(deadline=None)
@given(
    st.dictionaries(
        st.sampled_from("pqrstu"),
        st.tuples(st.integers(0, 12), st.integers(0, 12)).map(lambda t: Size(max(t), min(t))),
        min_size=1,
    )
)
def test_a_single_release_never_reveals_a_small_set(sizes: dict[str, Size]) -> None:
    order = sorted(sizes, key=lambda g: (sizes[g].answerers, g))
    release = release_statement(sizes, order=order)
    assert not reveals_small_set([Publication(sizes, release)])
    hidden = [g for g in sizes if g not in release.groups]
    if release.total and release.groups:
        remainder = Size(
            sum(sizes[g].answerers for g in hidden), sum(sizes[g].opinions for g in hidden)
        )
        assert not remainder.unsafe
    for g in release.groups:
        assert not sizes[g].unsafe
