"""Shared fixtures for the de-identification tests.

Loading deduce costs 6-10 s with its lookup cache and about 100 s the first time, when
the cache is built. One session-scoped engine is shared by every test that needs it,
and the cache lives outside the temporary test folders (``KWARTIER_DEID_CACHE``, or
``<repo>/var/deid-cache``) so it is built once per machine, not once per run.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kwartier.knowledge.deid import Deidentifier, get_deidentifier

REPO_ROOT = Path(__file__).resolve().parents[2]


def deid_cache_dir() -> Path:
    configured = os.environ.get("KWARTIER_DEID_CACHE")
    return Path(configured) if configured else REPO_ROOT / "var" / "deid-cache"


@pytest.fixture(scope="session")
def deidentifier() -> Deidentifier:
    return get_deidentifier(deid_cache_dir())


# Fixtures of the knowledge-bank (Django) tests live in fixtures.py; registered here so
# every test module in this folder can ask for them by name.
from tests.knowledge.fixtures import engine, immediate_tasks, search_index  # noqa: E402, F401
