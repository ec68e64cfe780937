"""Readiness-scan scoring: from many anonymous answers to a profile per theme and layer.

A scan (verkenning) asks respondents from every layer to rate statements from 1 (helemaal
oneens) to 5 (helemaal eens), or to answer "weet niet". This module turns one round of
answers into the numbers the report shows: a 0-100 score per theme, overall and per
respondent group, answer counts per statement, red flags, gaps between groups, weak
themes and the change since the previous round.

Rules, and why:

* **Answers.** ``1``..``5``, or ``None`` for "weet niet". A statement missing from a
  response's answers was skipped; it is not counted at all. "Weet niet" is counted (so
  the report can show how much is unknown) but never moves a score.
* **Reversed statements** are worded so that agreeing signals *less* readiness; they
  score ``6 - x``.
* **Theme score** = the mean of every scored answer to the theme's statements, pooled
  over respondents, mapped from 1..5 to 0..100 as ``(mean - 1) / 4 * 100``; ``None`` when
  nobody answered. Pooling (rather than averaging per-statement means) keeps a statement
  few people could judge from weighing as much as one everybody answered.
* **Small groups.** Per statement, a group whose answers (or whose 1..5 opinions) come
  from fewer than ``MIN_GROUP_SIZE`` people gets no breakdown (``None``) but still counts
  in the total. Because the totals include them, the smallest shown groups are hidden as
  well until the hidden groups together hold at least ``MIN_GROUP_SIZE`` people, or the
  total is left out; every decision is checked against earlier publications of the same
  round (see :mod:`kwartier.exploration.disclosure`). A theme's score for a group is shown
  only when every statement of the theme shows that group, and its total only when every
  statement shows its total: a theme figure is then a sum of shown statement figures and
  cannot be used to subtract.
* **Red flags** are statements worded as a wrong motive ("because it is cheap", "for our
  image", "because the financier asks for it"). Agreeing with one (a raw 4 or 5) is the
  warning sign, so red-flag statements must be reversed for the theme score; the flag is
  raised when the share of agreeing respondents, among those who gave a 1..5 answer, is
  at least ``RED_FLAG_SHARE``.

The work is one pass over the answers, counting per group, statement and answer; every
figure is derived from those counts. 1,000 respondents × 50 statements take ~10 ms.
No Django import: the same kernel serves the web page, the PDF and the API.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final, Protocol

from kwartier.exploration.disclosure import (
    MIN_GROUP_SIZE,
    Publication,
    Release,
    Size,
    release_statement,
)

RED_FLAG_SHARE: Final = 0.30  # 30 % of those with an opinion agreeing is a signal to act on
WEAK_THEME_SCORE: Final = 50.0  # below the midpoint: more disagreement than agreement
AGREE_ANSWERS: Final = (4, 5)

DONT_KNOW: Final = None  # "weet niet"
Answer = int | None
ANSWER_KEYS: Final = ("1", "2", "3", "4", "5", "dont_know")
_SLOTS: Final = len(ANSWER_KEYS)  # counts per statement: answers 1..5 at 0..4, dont_know at 5
_SLOT_OF_ANSWER: Final[dict[Answer, int]] = {1: 0, 2: 1, 3: 2, 4: 3, 5: 4, None: 5}


class ScoringError(ValueError):
    """Answers or a template the scoring cannot interpret."""


@dataclass(frozen=True)
class Theme:
    key: str
    name: str


@dataclass(frozen=True)
class Statement:
    key: str
    theme: str
    text: str
    reversed: bool = False
    red_flag: bool = False


@dataclass(frozen=True)
class Template:
    """The part of a scan template that scoring needs: themes and their statements."""

    themes: tuple[Theme, ...]
    statements: tuple[Statement, ...]

    def __post_init__(self) -> None:
        theme_keys = [theme.key for theme in self.themes]
        _require_unique(theme_keys, "theme")
        _require_unique([statement.key for statement in self.statements], "statement")
        known = set(theme_keys)
        for statement in self.statements:
            if statement.theme not in known:
                raise ScoringError(
                    f"statement {statement.key!r}: unknown theme {statement.theme!r}"
                )
            if statement.red_flag and not statement.reversed:
                raise ScoringError(
                    f"statement {statement.key!r}: a red flag is worded as a wrong motive, "
                    "so agreeing must lower the score; mark it reversed"
                )


def _require_unique(keys: Sequence[str], what: str) -> None:
    seen: set[str] = set()
    for key in keys:
        if key in seen:
            raise ScoringError(f"duplicate {what} key {key!r}")
        seen.add(key)


class ResponseLike(Protocol):
    """What scoring reads of a response; a model instance with these attributes will do."""

    @property
    def group(self) -> str: ...

    @property
    def answers(self) -> Mapping[str, Answer]: ...


@dataclass(frozen=True)
class Response:
    """One respondent: their group (layer) and answers by statement key."""

    group: str
    answers: Mapping[str, Answer]


@dataclass(frozen=True)
class Counts:
    """How often each answer was given to one statement."""

    by_answer: tuple[int, int, int, int, int]  # answers 1..5
    dont_know: int

    @property
    def answered(self) -> int:
        """Respondents with an opinion (1..5); "weet niet" excluded."""
        return sum(self.by_answer)

    @property
    def agree(self) -> int:
        return self.by_answer[3] + self.by_answer[4]

    def as_dict(self) -> dict[str, int]:
        counts = {str(answer): n for answer, n in enumerate(self.by_answer, start=1)}
        counts["dont_know"] = self.dont_know
        return counts


@dataclass(frozen=True)
class ThemeScore:
    key: str
    name: str
    score: float | None
    groups: dict[str, float | None]


@dataclass(frozen=True)
class ItemResult:
    key: str
    theme: str
    reversed: bool
    red_flag: bool
    counts: Counts | None  # None: the total is left out (it would describe 1 to 4 people)
    groups: dict[str, Counts | None]


@dataclass(frozen=True)
class RedFlag:
    key: str
    theme: str
    text: str
    agree: int
    answered: int
    share: float


@dataclass(frozen=True)
class GroupGap:
    """The largest difference between two shown groups on one theme."""

    theme: str
    gap: float
    high_group: str
    high_score: float
    low_group: str
    low_score: float


@dataclass(frozen=True)
class ThemeChange:
    theme: str
    previous: float | None
    current: float | None
    change: float | None  # current - previous; None unless both rounds have a score


@dataclass(frozen=True)
class ScanResults:
    respondents: int
    groups: dict[str, int]
    suppressed: frozenset[str]
    themes: tuple[ThemeScore, ...]
    items: tuple[ItemResult, ...]
    red_flags: tuple[RedFlag, ...]
    gaps: tuple[GroupGap, ...]
    weak_themes: tuple[str, ...]
    changes: tuple[ThemeChange, ...]
    # Per statement what this publication showed and the sizes behind it: the history
    # the next publication of the same round is checked against (never shown).
    publications: dict[str, Publication] = field(default_factory=dict)


def to_score(mean: float) -> float:
    """Map a mean answer on 1..5 to 0..100."""
    return (mean - 1.0) / 4.0 * 100.0


def suppressed_groups(
    group_sizes: Mapping[str, int], *, protect_remainder: bool = True
) -> frozenset[str]:
    """Groups whose breakdown must not be shown.

    Every group under ``MIN_GROUP_SIZE`` respondents. With ``protect_remainder`` (the
    default) also the smallest other groups, until the people hidden together are either
    none or at least ``MIN_GROUP_SIZE``: otherwise "total minus the shown groups" would
    give the answers of, say, the two board members who took part.
    """
    hidden = {group for group, size in group_sizes.items() if size < MIN_GROUP_SIZE}
    if not protect_remainder:
        return frozenset(hidden)
    hidden_people = sum(group_sizes[group] for group in hidden)
    shown = sorted((size, group) for group, size in group_sizes.items() if group not in hidden)
    while 0 < hidden_people < MIN_GROUP_SIZE and shown:
        size, group = shown.pop(0)
        hidden.add(group)
        hidden_people += size
    return frozenset(hidden)


def _count_answers(
    template: Template, responses: Iterable[ResponseLike], group_order: Sequence[str]
) -> tuple[list[str], list[int], list[int]]:
    """One pass: counts per (group, statement, answer slot) in a flat list.

    Returns the group keys in output order, respondents per group, and the counts, where
    the count of answer slot ``a`` for statement ``s`` in group ``g`` sits at
    ``(g * n_statements + s) * 6 + a``.
    """
    statement_index = {statement.key: i for i, statement in enumerate(template.statements)}
    block = len(template.statements) * _SLOTS
    group_index: dict[str, int] = {}
    groups: list[str] = []
    sizes: list[int] = []
    counts: list[int] = []

    def add_group(group: str) -> int:
        group_index[group] = len(groups)
        groups.append(group)
        sizes.append(0)
        counts.extend([0] * block)
        return group_index[group]

    for group in group_order:
        if group not in group_index:
            add_group(group)
    slot_of_answer = _SLOT_OF_ANSWER
    for response in responses:
        g = group_index.get(response.group)
        if g is None:
            g = add_group(response.group)
        sizes[g] += 1
        base = g * block
        for key, answer in response.answers.items():
            try:
                offset = base + statement_index[key] * _SLOTS
                slot = slot_of_answer[answer]
            except (KeyError, TypeError):
                raise ScoringError(f"answer {answer!r} to statement {key!r} is not valid") from None
            if answer is True or answer is False:  # True == 1 in Python; refuse it
                raise ScoringError(f"answer {answer!r} to statement {key!r} is not valid")
            counts[offset + slot] += 1
    return groups, sizes, counts


def _counts_at(counts: Sequence[int], offset: int) -> Counts:
    return Counts(
        by_answer=(
            counts[offset],
            counts[offset + 1],
            counts[offset + 2],
            counts[offset + 3],
            counts[offset + 4],
        ),
        dont_know=counts[offset + 5],
    )


def _sum_counts(parts: Iterable[Counts]) -> Counts:
    by_answer = [0, 0, 0, 0, 0]
    dont_know = 0
    for part in parts:
        for i, n in enumerate(part.by_answer):
            by_answer[i] += n
        dont_know += part.dont_know
    return Counts(
        by_answer=(by_answer[0], by_answer[1], by_answer[2], by_answer[3], by_answer[4]),
        dont_know=dont_know,
    )


def _theme_score(statements: Sequence[Statement], counts: Sequence[Counts]) -> float | None:
    """Pooled mean of the scored answers (reversed as 6 - x), mapped to 0..100."""
    total = 0
    answered = 0
    for statement, item in zip(statements, counts, strict=True):
        for answer, n in enumerate(item.by_answer, start=1):
            value = 6 - answer if statement.reversed else answer
            total += value * n
            answered += n
    if answered == 0:
        return None
    return to_score(total / answered)


def _largest_gaps(themes: Sequence[ThemeScore]) -> tuple[GroupGap, ...]:
    gaps: list[GroupGap] = []
    for theme in themes:
        scored = [(score, group) for group, score in theme.groups.items() if score is not None]
        if len(scored) < 2:
            continue
        low_score, low_group = min(scored)
        high_score, high_group = max(scored)
        gaps.append(
            GroupGap(
                theme=theme.key,
                gap=high_score - low_score,
                high_group=high_group,
                high_score=high_score,
                low_group=low_group,
                low_score=low_score,
            )
        )
    gaps.sort(key=lambda gap: (-gap.gap, gap.theme))
    return tuple(gaps)


def theme_changes(
    themes: Sequence[ThemeScore], previous: Mapping[str, float | None] | None
) -> tuple[ThemeChange, ...]:
    """The change per theme against the previous round's published scores."""
    if previous is None:
        return ()
    changes = []
    for theme in themes:
        before = previous.get(theme.key)
        change = None if before is None or theme.score is None else theme.score - before
        changes.append(
            ThemeChange(theme=theme.key, previous=before, current=theme.score, change=change)
        )
    return tuple(changes)


def score_round(
    template: Template,
    responses: Iterable[ResponseLike],
    *,
    groups: Sequence[str] = (),
    previous: Mapping[str, float | None] | None = None,
    protect_remainder: bool = True,
    history: Mapping[str, Sequence[Publication]] | None = None,
    breakdown: bool = True,
) -> ScanResults:
    """Score one round of a scan, showing only what may be published.

    ``groups`` lists the respondent groups to report in that order, even when nobody of
    a group answered (it then shows 0 respondents and no breakdown); groups found only in
    the responses follow in order of appearance. ``previous`` holds the previous round's
    published theme scores by theme key, for the change per theme. ``history``: per
    statement the earlier publications of this round (a tussenstand), which the figures
    must not be subtracted from. ``breakdown=False`` shows totals only.
    ``protect_remainder=False`` applies only the old rule "groups under five are hidden"
    and no subtraction check; it exists for benchmarks, the product never uses it.
    """
    group_keys, sizes, flat = _count_answers(template, responses, groups)
    group_sizes = dict(zip(group_keys, sizes, strict=True))
    block = len(template.statements) * _SLOTS
    history = history or {}

    per_group: dict[str, list[Counts]] = {
        group: [_counts_at(flat, g * block + s * _SLOTS) for s in range(len(template.statements))]
        for g, group in enumerate(group_keys)
    }
    overall = [
        _sum_counts(per_group[group][s] for group in group_keys)
        for s in range(len(template.statements))
    ]
    index = {group: i for i, group in enumerate(group_keys)}
    smallest_first = sorted(group_keys, key=lambda g: (group_sizes[g], index[g]))
    small = {group for group, size in group_sizes.items() if size < MIN_GROUP_SIZE}

    publications: dict[str, Publication] = {}
    for s, statement in enumerate(template.statements):
        cell_sizes = {
            group: Size(
                answerers=per_group[group][s].answered + per_group[group][s].dont_know,
                opinions=per_group[group][s].answered,
            )
            for group in group_keys
        }
        if protect_remainder:
            release = release_statement(
                cell_sizes,
                order=smallest_first,
                history=history.get(statement.key, ()),
                breakdown=breakdown,
                hide=small,
            )
        else:
            release = Release(
                total=True,
                groups=frozenset(g for g in group_keys if breakdown and g not in small),
            )
        publications[statement.key] = Publication(sizes=cell_sizes, release=release)

    items = tuple(
        ItemResult(
            key=statement.key,
            theme=statement.theme,
            reversed=statement.reversed,
            red_flag=statement.red_flag,
            counts=overall[s] if publications[statement.key].release.total else None,
            groups={
                group: per_group[group][s]
                if group in publications[statement.key].release.groups
                else None
                for group in group_keys
            },
        )
        for s, statement in enumerate(template.statements)
    )

    themes = []
    for theme in template.themes:
        indexes = [s for s, st in enumerate(template.statements) if st.theme == theme.key]
        statements = [template.statements[s] for s in indexes]
        releases = [publications[template.statements[s].key].release for s in indexes]
        total_shown = all(release.total for release in releases)
        themes.append(
            ThemeScore(
                key=theme.key,
                name=theme.name,
                score=_theme_score(statements, [overall[s] for s in indexes])
                if total_shown
                else None,
                groups={
                    group: _theme_score(statements, [per_group[group][s] for s in indexes])
                    if all(group in release.groups for release in releases)
                    else None
                    for group in group_keys
                },
            )
        )

    hidden = frozenset(
        group
        for group in group_keys
        if group_sizes[group] > 0
        and any(group not in p.release.groups for p in publications.values())
    )
    red_flags = tuple(
        RedFlag(
            key=statement.key,
            theme=statement.theme,
            text=statement.text,
            agree=item.counts.agree,
            answered=item.counts.answered,
            share=item.counts.agree / item.counts.answered,
        )
        for statement, item in zip(template.statements, items, strict=True)
        if statement.red_flag
        and item.counts is not None
        and item.counts.answered > 0
        and item.counts.agree / item.counts.answered >= RED_FLAG_SHARE
    )
    weak = tuple(
        theme.key
        for theme in sorted(
            (t for t in themes if t.score is not None and t.score < WEAK_THEME_SCORE),
            key=lambda t: (t.score, t.key),
        )
    )
    return ScanResults(
        respondents=sum(sizes),
        groups=group_sizes,
        suppressed=hidden,
        themes=tuple(themes),
        items=items,
        red_flags=red_flags,
        gaps=_largest_gaps(themes),
        weak_themes=weak,
        changes=theme_changes(themes, previous),
        publications=publications,
    )


def results_to_dict(results: ScanResults) -> dict[str, Any]:
    """The API and report shape of one round's results, with plain JSON types."""
    return {
        "respondents": results.respondents,
        "groups": dict(results.groups),
        "themes": [
            {"key": t.key, "name": t.name, "score": t.score, "groups": dict(t.groups)}
            for t in results.themes
        ],
        "items": [
            {
                "key": item.key,
                "theme": item.theme,
                "reversed": item.reversed,
                "red_flag": item.red_flag,
                "counts": None if item.counts is None else item.counts.as_dict(),
                "groups": {
                    group: None if counts is None else counts.as_dict()
                    for group, counts in item.groups.items()
                },
            }
            for item in results.items
        ],
        "red_flags": [
            {
                "key": flag.key,
                "theme": flag.theme,
                "text": flag.text,
                "agree": flag.agree,
                "answered": flag.answered,
                "share": flag.share,
            }
            for flag in results.red_flags
        ],
    }


def findings_to_dict(results: ScanResults) -> dict[str, Any]:
    """Gaps, weak themes and changes: the analysis kept out of :func:`results_to_dict`."""
    return {
        "gaps": [
            {
                "theme": gap.theme,
                "gap": gap.gap,
                "high_group": gap.high_group,
                "high_score": gap.high_score,
                "low_group": gap.low_group,
                "low_score": gap.low_score,
            }
            for gap in results.gaps
        ],
        "weak_themes": list(results.weak_themes),
        "changes": [
            {
                "theme": change.theme,
                "previous": change.previous,
                "current": change.current,
                "change": change.change,
            }
            for change in results.changes
        ],
    }


def _counts_from(data: Mapping[str, int] | None) -> Counts | None:
    if data is None:
        return None
    return Counts(
        by_answer=(data["1"], data["2"], data["3"], data["4"], data["5"]),
        dont_know=data["dont_know"],
    )


def results_to_state(results: ScanResults) -> dict[str, Any]:
    """Everything a publication shows, as JSON, so a tussenstand can be shown again
    exactly as it was published (see :func:`results_from_state`)."""
    return {
        **results_to_dict(results),
        **findings_to_dict(results),
        "suppressed": sorted(results.suppressed),
        # PostgreSQL's jsonb keeps object keys in its own order (shortest first), not in
        # the order written: the groups' order (the template's) is kept as a list.
        "group_order": list(results.groups),
    }


def _in_order(mapping: Mapping[str, Any], order: list[str]) -> dict[str, Any]:
    ordered = {key: mapping[key] for key in order if key in mapping}
    ordered.update({key: value for key, value in mapping.items() if key not in ordered})
    return ordered


def results_from_state(data: Mapping[str, Any]) -> ScanResults:
    order: list[str] = list(data.get("group_order") or data["groups"])
    items = tuple(
        ItemResult(
            key=item["key"],
            theme=item["theme"],
            reversed=item["reversed"],
            red_flag=item["red_flag"],
            counts=_counts_from(item["counts"]),
            groups={
                group: _counts_from(counts)
                for group, counts in _in_order(item["groups"], order).items()
            },
        )
        for item in data["items"]
    )
    return ScanResults(
        respondents=data["respondents"],
        groups=_in_order(data["groups"], order),
        suppressed=frozenset(data["suppressed"]),
        themes=tuple(
            ThemeScore(
                key=t["key"],
                name=t["name"],
                score=t["score"],
                groups=_in_order(t["groups"], order),
            )
            for t in data["themes"]
        ),
        items=items,
        red_flags=tuple(RedFlag(**flag) for flag in data["red_flags"]),
        gaps=tuple(GroupGap(**gap) for gap in data["gaps"]),
        weak_themes=tuple(data["weak_themes"]),
        changes=tuple(ThemeChange(**change) for change in data["changes"]),
    )
