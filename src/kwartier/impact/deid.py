"""The de-identification check of impact's free texts (contribution notes, signal titles
and descriptions), with the knowledge bank's engine (kernel `knowledge.deid`).

The engine is loaded once per process (:func:`kwartier.knowledge.deid.get_deidentifier`
keeps it) the first time a text is checked; after that a short text takes milliseconds.
"""

from __future__ import annotations

from django.conf import settings

from kwartier.knowledge.deid import Span, get_deidentifier

__all__ = ["Span", "find_identifying"]


def find_identifying(text: str) -> list[Span]:
    """The spans in ``text`` that look identifying (names, places, dates, numbers...)."""
    if not text or not text.strip():
        return []
    return get_deidentifier(settings.DEID_CACHE_DIR).find_spans(text)
