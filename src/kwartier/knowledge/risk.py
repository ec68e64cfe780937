"""Re-identification risk of a story within the audience that would read it (decision 0105).

A pure kernel: no Django. A story is described by its quasi-identifiers — facts that
are harmless alone but can single someone out together (domain, life phase,
organisation, region, year, small team). Each quasi-identifier is given as a ladder of
values from most specific to most general, e.g. year ``("2024", "2020-2024", "*")`` or
place ``("Zwolle", "Regio IJsselland", "*")``. The last rung is always ``"*"`` ("any").

k-anonymity style count: the *equivalence class* of the candidate is the set of
stories in the audience (the candidate itself included) that look the same on every
quasi-identifier at the chosen level of generalisation. Its size ``k`` says among how
many stories a reader who knows these facts could not tell the teller apart. A story
with ``k < threshold`` is flagged, with the rare combinations and what to generalise.

Two stories *match at level i* of an attribute when their ladders agree on rung i and
on every coarser rung. That makes generalising monotone by construction: a match at
level i is a match at level i+1, so generalising never lowers k; and the candidate
always matches itself, so k >= 1; adding stories to the audience only adds matches.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations

ANY = "*"

#: Default threshold: a combination shared by fewer than 3 stories in the audience is
#: flagged (decision 0105: matches the 3-tellers floor of wij-kennis; a warning, not a block).
DEFAULT_THRESHOLD = 3

#: The quasi-identifiers Kwartier knows, in the order shown, with their Dutch names.
ATTRIBUTE_NAMES: dict[str, str] = {
    "domain": "domein",
    "life_phase": "levensfase",
    "organisation": "organisatie",
    "region": "plaats of regio",
    "year": "jaar",
    "team": "teamgrootte",
}

#: What generalising one step means per attribute, in Dutch, by the level reached.
_GENERALISE_WORDS: dict[str, tuple[str, ...]] = {
    "domain": ("", "laat het domein weg of kies een breder onderwerp"),
    "life_phase": ("", "laat de levensfase weg"),
    "organisation": ("", "noem de organisatie niet; deel breder (netwerk of openbaar)"),
    "region": ("", "noem de regio in plaats van de plaats", "laat de plaats en regio weg"),
    "year": (
        "",
        "noem een periode (bijvoorbeeld 2020-2024) in plaats van het jaar",
        "laat het jaar weg",
    ),
    "team": ("", "noem niet dat het om een klein team gaat"),
}

Ladder = tuple[str, ...]
Record = Mapping[str, Ladder]


def ladder(*values: str) -> Ladder:
    """A ladder from specific to general, always ending in a single ``ANY``. An empty
    rung (an unknown fact) takes the next coarser known value: a story whose place is
    unknown but whose region is known is as specific as its region."""
    rungs: list[str] = []
    for index, value in enumerate(values):
        if value == ANY:
            break
        if not value:
            value = next((v for v in values[index + 1 :] if v and v != ANY), "")
            if not value:
                break
        rungs.append(value)
    rungs.append(ANY)
    return tuple(rungs)


def _tail(values: Ladder, level: int) -> Ladder:
    """The rungs from `level` upwards (clamped at the top ``ANY``)."""
    return values[min(level, len(values) - 1) :]


def _matches(
    candidate: Record, other: Record, levels: Mapping[str, int], attributes: Sequence[str]
) -> bool:
    for name in attributes:
        level = levels.get(name, 0)
        mine = _tail(candidate.get(name, (ANY,)), level)
        if mine == (ANY,):
            continue
        if mine != _tail(other.get(name, (ANY,)), level):
            return False
    return True


def _normal(record: Record) -> dict[str, Ladder]:
    return {name: ladder(*values) for name, values in record.items()}


def class_size(
    candidate: Record,
    audience: Sequence[Record],
    *,
    levels: Mapping[str, int] | None = None,
    attributes: Sequence[str] | None = None,
) -> int:
    """k: the candidate plus every story in `audience` that matches it on `attributes`
    (default: all of the candidate's) at `levels` (default: most specific)."""
    return _class_size(
        _normal(candidate), [_normal(o) for o in audience], levels=levels, attributes=attributes
    )


def _class_size(
    candidate: Record,
    audience: Sequence[Record],
    *,
    levels: Mapping[str, int] | None = None,
    attributes: Sequence[str] | None = None,
) -> int:
    """`class_size` on ladders already normalised."""
    chosen = list(attributes) if attributes is not None else sorted(candidate)
    lv = levels or {}
    return 1 + sum(1 for other in audience if _matches(candidate, other, lv, chosen))


@dataclass(frozen=True)
class Generalisation:
    attribute: str
    level: int
    k: int
    advice: str


@dataclass(frozen=True)
class Assessment:
    """The outcome for one story: k, whether it is flagged, and what to do about it."""

    k: int
    threshold: int
    audience_size: int
    rare_combinations: tuple[tuple[str, ...], ...] = ()
    suggestions: tuple[Generalisation, ...] = ()
    explanation: str = ""
    plan: tuple[Generalisation, ...] = field(default=())

    @property
    def flagged(self) -> bool:
        return self.k < self.threshold


def _order(attribute: str) -> int:
    order = list(ATTRIBUTE_NAMES)
    return order.index(attribute) if attribute in order else len(order)


def _names(attributes: Sequence[str]) -> str:
    words = [ATTRIBUTE_NAMES.get(a, a) for a in attributes]
    if len(words) == 1:
        return words[0]
    return ", ".join(words[:-1]) + " en " + words[-1]


def _advice(attribute: str, level: int) -> str:
    words = _GENERALISE_WORDS.get(attribute, ("", f"maak {attribute} algemener"))
    return (
        words[min(level, len(words) - 1)]
        or f"maak {ATTRIBUTE_NAMES.get(attribute, attribute)} algemener"
    )


def assess(
    candidate: Record,
    audience: Sequence[Record],
    *,
    threshold: int = DEFAULT_THRESHOLD,
    max_combination: int = 2,
) -> Assessment:
    """Assess `candidate` against the stories `audience` already sees (not including
    the candidate). Rare combinations are the minimal sets of at most `max_combination`
    known attributes whose class is below `threshold`; suggestions generalise one
    attribute one step each, with the k it would give; `plan` is a greedy sequence of
    steps that reaches the threshold (empty when none does). When the audience holds
    fewer stories than the threshold, only the explanation speaks: no generalisation
    can help there."""
    if threshold < 1:
        raise ValueError("threshold must be at least 1")
    candidate = _normal(candidate)
    audience = [_normal(o) for o in audience]
    known = [a for a in sorted(candidate) if candidate[a] != (ANY,)]
    k = _class_size(candidate, audience)
    rare: list[tuple[str, ...]] = []
    suggestions: list[Generalisation] = []
    plan: list[Generalisation] = []
    # When the audience itself holds fewer stories than the threshold, no generalisation
    # can help: every attribute would be "rare". Say so instead of listing them all.
    if threshold > k and len(audience) + 1 >= threshold:
        for size in range(1, max_combination + 1):
            for combo in combinations(known, size):
                if any(set(r) <= set(combo) for r in rare):
                    continue
                if _class_size(candidate, audience, attributes=combo) < threshold:
                    rare.append(combo)
        for name in known:
            new_k = _class_size(candidate, audience, levels={name: 1})
            suggestions.append(Generalisation(name, 1, new_k, _advice(name, 1)))
        suggestions.sort(key=lambda g: (-g.k, _order(g.attribute)))
        plan = _greedy_plan(candidate, audience, threshold)
    return Assessment(
        k=k,
        threshold=threshold,
        audience_size=len(audience) + 1,
        rare_combinations=tuple(rare),
        suggestions=tuple(suggestions),
        explanation=explain(k, threshold, len(audience) + 1, rare),
        plan=tuple(plan),
    )


def _greedy_plan(
    candidate: Record, audience: Sequence[Record], threshold: int
) -> list[Generalisation]:
    levels: dict[str, int] = {}
    plan: list[Generalisation] = []
    k = _class_size(candidate, audience)
    while k < threshold:
        best: Generalisation | None = None
        for name in sorted(candidate):
            top = len(candidate[name]) - 1
            level = levels.get(name, 0)
            if level >= top:
                continue
            trial = {**levels, name: level + 1}
            new_k = _class_size(candidate, audience, levels=trial)
            if best is None or new_k > best.k:
                best = Generalisation(name, level + 1, new_k, _advice(name, level + 1))
        if best is None:
            return []  # nothing left to generalise and still too rare: no plan
        levels[best.attribute] = best.level
        plan.append(best)
        k = best.k
    return plan


def explain(k: int, threshold: int, audience_size: int, rare: Sequence[Sequence[str]] = ()) -> str:
    """The outcome in plain Dutch."""
    if k >= threshold:
        return (
            f"Uw verhaal lijkt op {k - 1} andere gedeelde verhalen die dezelfde lezers kunnen zien "
            f"(zelfde domein, levensfase, organisatie, plaats, jaar en teamgrootte). "
            f"Dat is genoeg: een lezer kan u niet aan deze gegevens herkennen."
        )
    others = k - 1
    start = (
        "Geen enkel ander gedeeld verhaal"
        if others == 0
        else f"Maar {others} ander gedeeld verhaal"
        if others == 1
        else f"Maar {others} andere gedeelde verhalen"
    )
    text = (
        f"{start} dat dezelfde lezers kunnen zien, heeft dezelfde combinatie van gegevens. "
        f"Wie u kent, kan u daardoor misschien herkennen. We raden minstens {threshold} "
        f"verhalen met dezelfde combinatie aan."
    )
    if rare:
        parts = "; ".join(_names(list(c)) for c in rare)
        text += f" Zeldzaam zijn vooral: {parts}."
    if audience_size < threshold:
        others_seen = audience_size - 1
        seen = (
            "nog geen andere gedeelde verhalen"
            if others_seen == 0
            else "nog maar 1 ander gedeeld verhaal"
            if others_seen == 1
            else f"nog maar {others_seen} andere gedeelde verhalen"
        )
        text += (
            f" Deze lezers zien {seen}: dan valt elk verhaal op, hoe algemeen u de gegevens "
            "ook maakt. Delen met een bredere kring, of later, als er meer verhalen zijn, "
            "helpt wel."
        )
    return text
