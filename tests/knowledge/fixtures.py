"""Fixtures and helpers of the knowledge-bank (Django) tests.

The fixtures are registered for tests/knowledge in its conftest.py (which otherwise
belongs to the de-identification tests); a browser test elsewhere imports what it needs.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kwartier.knowledge import backend, index


@pytest.fixture(autouse=False)
def search_index(settings, tmp_path: Path) -> Iterator[Path]:
    """A fresh Tantivy index per test (or the PostgreSQL table when the run uses it)."""
    settings.SEARCH_INDEX_DIR = tmp_path / "search"
    yield settings.SEARCH_INDEX_DIR
    backend._backends.clear()


@pytest.fixture
def immediate_tasks(settings) -> None:
    """Run enqueued tasks at once (index updates after publication)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


STORY = (
    "Mijn schulden liepen op tot 8000 euro. Jan de Vries van het wijkteam in Beekdal "
    "belde me elke week op 06-12345678. Zonder Jan was het niet gelukt."
)


@pytest.fixture
def engine(monkeypatch, deidentifier):
    """The real de-identification engine, loaded once per test session and handed to the
    de-identification job (which otherwise loads it in the worker process)."""
    from kwartier.knowledge import tasks

    monkeypatch.setattr(tasks, "engine", lambda: deidentifier)
    return deidentifier


def share_story(
    *,
    organisation,
    author,
    visibility: str = "organisation",
    title: str = "Hoe Jan mij hielp",
    text: str = STORY,
    domains=(),
    tags=(),
):
    """Walk a story through the whole path (needs `engine`): write, find identifiers,
    accept every suggestion, publish with consent and index it."""
    from kwartier.knowledge import selectors, services
    from kwartier.knowledge.tasks import deidentify_experiences

    experience = services.experience_create(
        organisation=organisation,
        author=author,
        title=title,
        text=text,
        domains=list(domains),
        life_phase="volwassen",
        tags=list(tags),
    )
    job = services.experience_deidentify_request(experience=experience, user=author)
    deidentify_experiences.call(str(job.pk), [experience.pk])
    experience.refresh_from_db()
    experience = services.experience_publish(
        experience=experience,
        user=author,
        visibility=visibility,
        purposes=["kennis"],
        consent_given=True,
        preview_hash=selectors.experience_share_preview(experience=experience).hash,
    )
    index.index_experiences([experience.pk])
    return experience
