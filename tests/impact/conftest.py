"""Fixtures of the Resultaten tests.

The de-identification engine takes seconds to load; most tests use a small stand-in that
flags a few known words (:data:`FLAGGED`); a test that asks for ``real_deid`` gets the
real engine, loaded once per session (tests/knowledge/conftest.py).
"""

from __future__ import annotations

import pytest

from kwartier.impact import deid
from kwartier.knowledge.deid import Span
from tests.knowledge.conftest import deid_cache_dir, deidentifier  # noqa: F401

FLAGGED = {"Jansen": "PERSON", "Utrecht": "LOCATION", "06-12345678": "PHONE"}


def fake_find(text: str) -> list[Span]:
    spans = []
    for word, label in FLAGGED.items():
        start = text.find(word)
        if start >= 0:
            spans.append(Span(start, start + len(word), label, word))
    return sorted(spans, key=lambda span: span.start)


@pytest.fixture(autouse=True)
def _fake_deid(monkeypatch):
    monkeypatch.setattr(deid, "find_identifying", fake_find)


@pytest.fixture
def real_deid(monkeypatch, deidentifier):  # noqa: F811
    monkeypatch.setattr(deid, "find_identifying", deidentifier.find_spans)
    return deidentifier


from tests.impact.fixtures import cast  # noqa: E402, F401
