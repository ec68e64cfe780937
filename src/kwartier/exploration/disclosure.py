"""Which figures of a verkenning may be published without revealing fewer than five people.

A results table publishes sums: per statement the answer counts of everyone (the total)
and of each shown group. Anyone can add and subtract published figures, so hiding a
small group is not enough: "total minus every shown group" gives the hidden group back,
and two publications of the same round (a tussenstand and the final results) give back
whoever answered in between. This module decides per statement what may be shown and
checks the decision against everything published before.

The model. Respondents fall into *atoms*: one group, one publication period (the people
who handed in their list between two publications). Every published figure is the sum
over a set of atoms: the total at publication ``j`` covers every atom of periods
``<= j``, a group's figure covers that group's atoms of periods ``<= j``. A reader can
compute every linear combination of published figures, so what they can learn is the
row space of these 0/1 vectors. A set of atoms is *revealed* when its indicator vector
lies in that row space. The rule: no revealed set may hold the answers of fewer than
``MIN_GROUP_SIZE`` people, counted twice over:

* ``answerers``: people who answered the statement at all (1..5 or "weet niet"); and
* ``opinions``: people who gave a 1..5 answer. A group of eight where six said "weet
  niet" holds the opinions of two: it is small for that statement.

Zero is safe (a set of nobody reveals nothing). Respondent counts per group are treated
as known to the reader (they are published); the check never relies on hiding them.

Pure Python, no Django.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from itertools import combinations
from typing import Final

MIN_GROUP_SIZE: Final = 5


@dataclass(frozen=True)
class Size:
    """How many people of a set answered one statement, and how many with an opinion."""

    answerers: int = 0
    opinions: int = 0

    def __add__(self, other: Size) -> Size:
        return Size(self.answerers + other.answerers, self.opinions + other.opinions)

    @property
    def unsafe(self) -> bool:
        """Publishing this set alone would describe 1 to 4 people."""
        return 0 < self.answerers < MIN_GROUP_SIZE or 0 < self.opinions < MIN_GROUP_SIZE

    @property
    def empty(self) -> bool:
        return self.answerers == 0


def total_size(sizes: Iterable[Size]) -> Size:
    result = Size()
    for size in sizes:
        result = result + size
    return result


@dataclass(frozen=True)
class Release:
    """What one publication shows of one statement: the total, and which groups."""

    total: bool
    groups: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True)
class Publication:
    """One publication of one statement: the cumulative size of every group at that
    moment, and what was shown."""

    sizes: Mapping[str, Size]
    release: Release


def release_statement(
    sizes: Mapping[str, Size],
    *,
    order: Sequence[str],
    history: Sequence[Publication] = (),
    breakdown: bool = True,
    hide: Collection[str] = (),
) -> Release:
    """What may be shown of one statement now.

    ``sizes``: per group, cumulative. ``order``: the groups, smallest first (the order in
    which further groups are hidden). ``history``: earlier publications of this statement,
    oldest first. ``breakdown=False`` shows no group at all (a tussenstand); ``hide``
    names groups never to show (a group under five respondents in the whole round).

    1. Every group that is small for this statement is hidden.
    2. Complementary suppression: while the hidden groups together hold 1 to 4 people,
       the smallest shown group (with anyone in it) is hidden as well.
    3. The total is left out when everyone together is 1 to 4 people.
    4. The proposal is checked with :func:`reveals_small_set` against the history; while
       it fails, the smallest shown group is hidden, and at last the total.
    """
    shown = [
        g for g in order if breakdown and g not in hide and not sizes.get(g, Size()).unsafe
    ]
    hidden_size = total_size(sizes.get(g, Size()) for g in order if g not in shown)
    while hidden_size.unsafe:
        candidates = [g for g in shown if not sizes.get(g, Size()).empty]
        if not candidates:
            break
        shown.remove(candidates[0])
        hidden_size = hidden_size + sizes.get(candidates[0], Size())
    everyone = total_size(sizes.get(g, Size()) for g in order)
    if hidden_size.unsafe:  # nothing left to hide but the total itself
        shown = []
    release = Release(total=not everyone.unsafe, groups=frozenset(shown))
    while reveals_small_set([*history, Publication(sizes, release)]):
        if shown:
            shown.pop(0)
            release = Release(total=release.total, groups=frozenset(shown))
        elif release.total:
            release = Release(total=False)
        else:
            break  # this publication shows nothing; what remains came before it
    return release


# --- The check ----------------------------------------------------------------------------


def reveals_small_set(publications: Sequence[Publication]) -> bool:
    """Whether any combination of the published figures describes 1 to 4 people.

    Exact (rational arithmetic). A revealed set holds at most four atoms, since every
    non-empty atom holds at least one person; the search uses the null space of the
    published vectors: a set is revealed exactly when its null-space coordinates sum to
    zero.
    """
    if not publications:
        return False
    groups = sorted({g for p in publications for g in p.sizes} | _released(publications))
    for weight in (_answerers, _opinions):
        atoms: list[tuple[str, int, int]] = []  # (group, period, people)
        for g in groups:
            before = 0
            for k, publication in enumerate(publications):
                now = weight(publication.sizes.get(g, Size()))
                if now > before:
                    atoms.append((g, k, now - before))
                before = max(before, now)
        if not atoms:
            continue
        rows = []
        for j, publication in enumerate(publications):
            release = publication.release
            if release.total:
                rows.append([1 if k <= j else 0 for _g, k, _n in atoms])
            for group in sorted(release.groups):
                rows.append([1 if g == group and k <= j else 0 for g, k, _n in atoms])
        if rows and _small_vector_in_row_space(rows, [n for _g, _k, n in atoms]):
            return True
    return False


def _released(publications: Sequence[Publication]) -> set[str]:
    return {g for p in publications for g in p.release.groups}


def _answerers(size: Size) -> int:
    return size.answerers


def _opinions(size: Size) -> int:
    return size.opinions


def _null_space_coordinates(rows: Sequence[Sequence[int]], columns: int) -> list[tuple[Fraction, ...]]:
    """Per column, its coordinates in a basis of the null space of ``rows``."""
    matrix = [[Fraction(value) for value in row] for row in rows]
    pivots: list[int] = []
    r = 0
    for c in range(columns):
        pivot = next((i for i in range(r, len(matrix)) if matrix[i][c] != 0), None)
        if pivot is None:
            continue
        matrix[r], matrix[pivot] = matrix[pivot], matrix[r]
        lead = matrix[r][c]
        matrix[r] = [value / lead for value in matrix[r]]
        for i in range(len(matrix)):
            if i != r and matrix[i][c] != 0:
                factor = matrix[i][c]
                matrix[i] = [a - factor * b for a, b in zip(matrix[i], matrix[r], strict=True)]
        pivots.append(c)
        r += 1
        if r == len(matrix):
            break
    free = [c for c in range(columns) if c not in pivots]
    coordinates: list[tuple[Fraction, ...]] = [()] * columns
    for row, c in enumerate(pivots):
        coordinates[c] = tuple(-matrix[row][f] for f in free)
    for i, f in enumerate(free):
        coordinates[f] = tuple(Fraction(1 if j == i else 0) for j in range(len(free)))
    return coordinates


def _small_vector_in_row_space(rows: Sequence[Sequence[int]], people: Sequence[int]) -> bool:
    """Whether a set of columns holding 1..4 people has its indicator in the row space."""
    coordinates = _null_space_coordinates(rows, len(people))
    small = [i for i, n in enumerate(people) if n < MIN_GROUP_SIZE]
    zero = tuple(Fraction(0) for _ in coordinates[0]) if coordinates else ()

    def vector_sum(indexes: Iterable[int]) -> tuple[Fraction, ...]:
        total = list(zero)
        for i in indexes:
            total = [a + b for a, b in zip(total, coordinates[i], strict=True)]
        return tuple(total)

    if any(coordinates[i] == zero for i in small):
        return True
    pairs: dict[tuple[Fraction, ...], list[tuple[int, int]]] = {}
    for a, b in combinations(small, 2):
        if people[a] + people[b] < MIN_GROUP_SIZE:
            pairs.setdefault(vector_sum((a, b)), []).append((a, b))
    if zero in pairs:
        return True
    for key, found in pairs.items():
        negated = tuple(-x for x in key)
        for c in small:  # three atoms: one plus a pair
            if coordinates[c] == negated and any(
                c not in pair and people[c] + people[pair[0]] + people[pair[1]] < MIN_GROUP_SIZE
                for pair in found
            ):
                return True
        for pair in found:  # four atoms: two disjoint pairs
            for other in pairs.get(negated, ()):
                if (
                    not set(pair) & set(other)
                    and sum(people[i] for i in (*pair, *other)) < MIN_GROUP_SIZE
                ):
                    return True
    return False
