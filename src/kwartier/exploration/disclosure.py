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

import random
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
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
       it fails, the smallest shown group is hidden; if even the total alone fails, the
       total goes and groups are tried without it.
    """
    shown = [g for g in order if breakdown and g not in hide and not sizes.get(g, Size()).unsafe]
    hidden_size = total_size(sizes.get(g, Size()) for g in order if g not in shown)
    while hidden_size.unsafe:
        fillers = [g for g in shown if not sizes.get(g, Size()).empty]
        if not fillers:
            break
        shown.remove(fillers[0])
        hidden_size = hidden_size + sizes.get(fillers[0], Size())
    everyone = total_size(sizes.get(g, Size()) for g in order)
    if hidden_size.unsafe:  # nothing left to hide but the total itself
        shown = []
    total = not everyone.unsafe
    # Keep the total if at all possible, then as many groups (largest) as possible.
    candidates = [Release(total=total, groups=frozenset(shown[i:])) for i in range(len(shown) + 1)]
    if total:
        candidates += [Release(total=False, groups=frozenset(shown[i:])) for i in range(len(shown))]
    for release in candidates:
        if not reveals_small_set([*history, Publication(sizes, release)]):
            return release
    return Release(total=False)  # shows nothing; what remains was published before


# --- The check ----------------------------------------------------------------------------


def reveals_small_set(publications: Sequence[Publication]) -> bool:
    """Whether any combination of the published figures describes 1 to 4 people.

    A revealed set holds at most four atoms, since every non-empty atom holds at least
    one person. Atoms that every figure counts together (the same column) are merged
    first: no combination can tell them apart. The search then uses the null space of
    the published vectors: a set is revealed exactly when the null-space coordinates of
    its atoms sum to zero.
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
        # Column of an atom: which figures count it (total of publication j, or group
        # g's figure of publication j, for every j from the atom's period on).
        figures = [
            (j, group)
            for j, publication in enumerate(publications)
            for group in ([None] if publication.release.total else [])
            + sorted(publication.release.groups)
        ]
        if not figures:
            continue
        merged: dict[tuple[int, ...], int] = {}
        for g, k, people in atoms:
            signature = tuple(
                1 if j >= k and (group is None or group == g) else 0 for j, group in figures
            )
            if any(signature):  # an atom no figure counts cannot be revealed
                merged[signature] = merged.get(signature, 0) + people
        rows = [[column[i] for column in merged] for i in range(len(figures))]
        if merged and _small_vector_in_row_space(rows, list(merged.values())):
            return True
    return False


def _released(publications: Sequence[Publication]) -> set[str]:
    return {g for p in publications for g in p.release.groups}


def _answerers(size: Size) -> int:
    return size.answerers


def _opinions(size: Size) -> int:
    return size.opinions


# Arithmetic modulo a large prime instead of fractions: 0/1 matrices of the size a round
# produces keep every minor far below it (Hadamard's bound for 30 rows is about 10^14), so
# ranks and null spaces are those over the rationals, at the speed of plain integers.
_PRIME: Final = (1 << 61) - 1


def _null_space_coordinates(rows: Sequence[Sequence[int]], columns: int) -> list[tuple[int, ...]]:
    """Per column, its coordinates in a basis of the null space of ``rows`` (mod p)."""
    matrix = [[value % _PRIME for value in row] for row in rows]
    pivots: list[int] = []
    r = 0
    for c in range(columns):
        if r == len(matrix):
            break
        pivot = next((i for i in range(r, len(matrix)) if matrix[i][c]), None)
        if pivot is None:
            continue
        matrix[r], matrix[pivot] = matrix[pivot], matrix[r]
        inverse = pow(matrix[r][c], _PRIME - 2, _PRIME)
        matrix[r] = [value * inverse % _PRIME for value in matrix[r]]
        for i in range(len(matrix)):
            if i != r and matrix[i][c]:
                factor = matrix[i][c]
                matrix[i] = [
                    (a - factor * b) % _PRIME for a, b in zip(matrix[i], matrix[r], strict=True)
                ]
        pivots.append(c)
        r += 1
    pivot_set = set(pivots)
    free = [c for c in range(columns) if c not in pivot_set]
    coordinates: list[tuple[int, ...]] = [()] * columns
    for row, c in enumerate(pivots):
        coordinates[c] = tuple(-matrix[row][f] % _PRIME for f in free)
    for i, f in enumerate(free):
        coordinates[f] = tuple(1 if j == i else 0 for j in range(len(free)))
    return coordinates


def _small_vector_in_row_space(rows: Sequence[Sequence[int]], people: Sequence[int]) -> bool:
    """Whether a set of columns holding 1..4 people has its indicator in the row space.

    A set is in the row space exactly when the null-space coordinates of its columns sum
    to zero. Sets are searched on two fixed random projections of those coordinates
    (scalars instead of long vectors; a zero sum always projects to zero) and every hit
    is confirmed on the full vectors, so the answer is exact and repeatable.
    """
    coordinates = _null_space_coordinates(rows, len(people))
    small = [i for i, n in enumerate(people) if n < MIN_GROUP_SIZE]
    if not small:
        return False
    dimension = len(coordinates[0])
    if dimension == 0:
        return True  # every column is determined by the figures
    draw = random.Random(len(people) * 7919 + dimension)
    weights = [[draw.randrange(1, _PRIME) for _ in range(dimension)] for _ in range(2)]
    keys = {
        i: tuple(
            sum(c * w for c, w in zip(coordinates[i], ws, strict=True)) % _PRIME for ws in weights
        )
        for i in small
    }

    def exact_zero(indexes: Sequence[int]) -> bool:
        return all(sum(coordinates[i][d] for i in indexes) % _PRIME == 0 for d in range(dimension))

    def key_sum(indexes: Sequence[int]) -> tuple[int, ...]:
        return tuple(sum(keys[i][j] for i in indexes) % _PRIME for j in range(len(weights)))

    def negated(key: tuple[int, ...]) -> tuple[int, ...]:
        return tuple(-x % _PRIME for x in key)

    def fits(indexes: Sequence[int]) -> bool:
        return (
            len(set(indexes)) == len(indexes) and sum(people[i] for i in indexes) < MIN_GROUP_SIZE
        )

    zero = (0,) * len(weights)
    singles: dict[tuple[int, ...], list[int]] = {}
    for i in small:
        if keys[i] == zero and exact_zero([i]):
            return True
        singles.setdefault(keys[i], []).append(i)
    pairs: dict[tuple[int, ...], list[tuple[int, int]]] = {}
    for a, b in combinations(small, 2):
        if people[a] + people[b] >= MIN_GROUP_SIZE:
            continue
        key = key_sum((a, b))
        if key == zero and exact_zero((a, b)):
            return True
        for c in singles.get(negated(key), ()):  # three: a pair and one more
            if fits((a, b, c)) and exact_zero((a, b, c)):
                return True
        pairs.setdefault(key, []).append((a, b))
    for key, found in pairs.items():  # four: two disjoint pairs
        for first in found:
            for second in pairs.get(negated(key), ()):
                if fits((*first, *second)) and exact_zero((*first, *second)):
                    return True
    return False


def publication_to_state(publication: Publication) -> dict[str, object]:
    """A publication as plain JSON (stored with a tussenstand, never shown)."""
    return {
        "sizes": {g: [size.answerers, size.opinions] for g, size in publication.sizes.items()},
        "total": publication.release.total,
        "groups": sorted(publication.release.groups),
    }


def publication_from_state(data: Mapping[str, object]) -> Publication:
    sizes = data["sizes"]
    groups = data["groups"]
    if not (isinstance(sizes, dict) and isinstance(groups, list)):
        raise TypeError("a stored publication holds a dict of sizes and a list of groups")
    return Publication(
        sizes={g: Size(int(pair[0]), int(pair[1])) for g, pair in sizes.items()},
        release=Release(total=bool(data["total"]), groups=frozenset(str(g) for g in groups)),
    )


def safe_step(before: Mapping[str, Size], now: Mapping[str, Size]) -> bool:
    """Whether the people who answered a statement between two moments, all groups
    together, are nobody or at least five (answerers and opinions): only then may a
    total be published again next to the earlier one."""
    groups = set(before) | set(now)
    step = Size(
        sum(now.get(g, Size()).answerers - before.get(g, Size()).answerers for g in groups),
        sum(now.get(g, Size()).opinions - before.get(g, Size()).opinions for g in groups),
    )
    return not step.unsafe
