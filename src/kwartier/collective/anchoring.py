"""Finding a coded fragment again in a changed text (pure Python, no Django).

When an author shares an edited story, each coding of the old text is re-anchored:
first the exact quote, nearest to its old position; else the most similar passage of the
same length (difflib ratio ≥ `MIN_RATIO`, searched around word boundaries); else the
coding is flagged for the coder to look at again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

MIN_RATIO = 0.8
_BOUNDARY = re.compile(r"\b")


@dataclass(frozen=True)
class Anchor:
    start: int
    end: int
    quote: str
    exact: bool


def reanchor(text: str, quote: str, old_start: int) -> Anchor | None:
    """Where `quote` (once at `old_start`) is in `text` now, or None when not found."""
    if not quote:
        return None
    positions = [m.start() for m in re.finditer(re.escape(quote), text)]
    if positions:
        start = min(positions, key=lambda p: (abs(p - old_start), p))
        return Anchor(start=start, end=start + len(quote), quote=quote, exact=True)
    return _fuzzy(text, quote, old_start)


def _fuzzy(text: str, quote: str, old_start: int) -> Anchor | None:
    if not text.strip():
        return None
    length = len(quote)
    starts = sorted({m.start() for m in _BOUNDARY.finditer(text)} | {0})
    best: tuple[float, int, int, int] | None = None
    matcher = SequenceMatcher(autojunk=False)
    matcher.set_seq2(quote)
    for start in starts:
        for span in {int(length * f) for f in (0.8, 0.9, 1.0, 1.1, 1.2, 1.3)}:
            end = min(len(text), start + max(1, span))
            matcher.set_seq1(text[start:end])
            if matcher.real_quick_ratio() < MIN_RATIO or matcher.quick_ratio() < MIN_RATIO:
                continue
            ratio = matcher.ratio()
            if ratio < MIN_RATIO:
                continue
            key = (ratio, -abs(start - old_start), start, end)
            if best is None or key > best:
                best = key
    if best is None:
        return None
    _ratio, _distance, start, end = best
    stripped = text[start:end].strip()
    if not stripped:
        return None
    offset = text[start:end].index(stripped)
    start += offset
    return Anchor(start=start, end=start + len(stripped), quote=stripped, exact=False)


def sentences(text: str) -> list[tuple[int, int]]:
    """Character spans [start, end) of the sentences of `text`, for the coding form that
    numbers them (no JavaScript needed to pick a fragment)."""
    spans: list[tuple[int, int]] = []
    for match in re.finditer(r"[^.!?\n]+[.!?]*", text):
        start, end = match.start(), match.end()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans
