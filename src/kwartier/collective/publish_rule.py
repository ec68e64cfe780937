"""The rule an insight must meet before it is published (pure Python, no Django).

An insight is published only when at least `min_fragments` coded fragments *support* it,
told by at least `min_tellers` distinct tellers (the network's setting, default 3 and
3), and when another experience expert than its author reviewed it. Contradicting
fragments are kept and shown, but do not count towards the rule. Flagged fragments (the
story's text changed and the quote could not be found again) do not count either.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

DEFAULT_MIN_FRAGMENTS = 3
DEFAULT_MIN_TELLERS = 3


@dataclass(frozen=True)
class Fragment:
    fragment_id: int
    teller: str
    supports: bool = True
    valid: bool = True


@dataclass(frozen=True)
class RuleResult:
    fragments: int
    tellers: int
    min_fragments: int
    min_tellers: int
    reviewed: bool

    @property
    def evidence_ok(self) -> bool:
        return self.fragments >= self.min_fragments and self.tellers >= self.min_tellers

    @property
    def ok(self) -> bool:
        return self.evidence_ok and self.reviewed

    @property
    def missing_fragments(self) -> int:
        return max(0, self.min_fragments - self.fragments)

    @property
    def missing_tellers(self) -> int:
        return max(0, self.min_tellers - self.tellers)


def check(
    fragments: Iterable[Fragment],
    *,
    min_fragments: int = DEFAULT_MIN_FRAGMENTS,
    min_tellers: int = DEFAULT_MIN_TELLERS,
    reviewed: bool = False,
) -> RuleResult:
    """Count the supporting, valid fragments and their distinct tellers."""
    counted = {f.fragment_id: f for f in fragments if f.supports and f.valid}
    tellers = {f.teller for f in counted.values()}
    return RuleResult(
        fragments=len(counted),
        tellers=len(tellers),
        min_fragments=max(1, min_fragments),
        min_tellers=max(1, min_tellers),
        reviewed=reviewed,
    )


def teller_count(fragments: Iterable[Fragment]) -> int:
    """How many distinct tellers stand behind these fragments (supporting and valid)."""
    return len({f.teller for f in fragments if f.supports and f.valid})
