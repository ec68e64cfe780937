"""Spans, labels and overlap resolution: the data every part of the engine shares."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

PERSON = "PERSON"
LOCATION = "LOCATION"
ADDRESS = "ADDRESS"
ORGANISATION = "ORGANISATION"
DATE = "DATE"
AGE = "AGE"
BSN = "BSN"
IBAN = "IBAN"
PHONE = "PHONE"
EMAIL = "EMAIL"
URL = "URL"
LICENSE_PLATE = "LICENSE_PLATE"
ID_NUMBER = "ID_NUMBER"

# When spans overlap, the longest decides the label; on equal length the more specific
# label wins (a checksum-validated BSN over a bare number, an e-mail over the domain
# inside it).
LABEL_SPECIFICITY: dict[str, int] = {
    EMAIL: 13,
    URL: 12,
    IBAN: 11,
    BSN: 10,
    PHONE: 9,
    LICENSE_PLATE: 8,
    ID_NUMBER: 7,
    ADDRESS: 6,
    DATE: 5,
    AGE: 4,
    ORGANISATION: 3,
    PERSON: 2,
    LOCATION: 1,
}
LABELS: frozenset[str] = frozenset(LABEL_SPECIFICITY)

# (start, end, label): the light-weight form the rules produce before resolution.
RawSpan = tuple[int, int, str]


@dataclass(frozen=True, slots=True)
class Span:
    """An identifier in a text: ``text == original[start:end]``."""

    start: int
    end: int
    label: str
    text: str

    def as_dict(self) -> dict[str, int | str]:
        return {"start": self.start, "end": self.end, "label": self.label, "text": self.text}


def resolve_overlaps(text: str, raw_spans: Iterable[RawSpan]) -> list[Span]:
    """Merge overlapping spans into one span each, sorted by start.

    Overlapping spans become their union rather than the single best one: a partial
    redaction leaks the rest of the identifier, so every character that any rule marked
    stays marked. The label is that of the longest member (ties: most specific label).
    Empty and out-of-range spans are dropped.
    """
    ordered = sorted(
        (start, end, label)
        for start, end, label in raw_spans
        if 0 <= start < end <= len(text) and label in LABEL_SPECIFICITY
    )
    merged: list[Span] = []
    cluster_start = cluster_end = -1
    best_key: tuple[int, int] = (-1, -1)
    best_label = ""
    for start, end, label in ordered:
        key = (end - start, LABEL_SPECIFICITY[label])
        if start < cluster_end:
            cluster_end = max(cluster_end, end)
            if key > best_key:
                best_key, best_label = key, label
            continue
        if cluster_end > 0:
            merged.append(
                Span(cluster_start, cluster_end, best_label, text[cluster_start:cluster_end])
            )
        cluster_start, cluster_end, best_key, best_label = start, end, key, label
    if cluster_end > 0:
        merged.append(Span(cluster_start, cluster_end, best_label, text[cluster_start:cluster_end]))
    return merged
