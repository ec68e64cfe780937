"""The configured search backend: one factory that index writes (index.py) and searches
(selectors.py) both use. It reads settings only; the backends are in `search/`."""

from __future__ import annotations

import threading
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from kwartier.knowledge.search.base import SearchBackend

_backends: dict[tuple[str, str], SearchBackend] = {}
_backends_lock = threading.Lock()


def search_backend() -> SearchBackend:
    """The configured backend (`KWARTIER_SEARCH_BACKEND`), one instance per index.

    A Tantivy instance is cached per index folder, so tests that point
    `SEARCH_INDEX_DIR` at a temporary folder each get their own index.
    """
    name = str(settings.SEARCH_BACKEND)
    if name == "postgres":
        if connection.vendor != "postgresql":
            raise ImproperlyConfigured(
                "KWARTIER_SEARCH_BACKEND=postgres needs DATABASE_URL to point at PostgreSQL"
            )
        key = ("postgres", _replica_key())
    else:
        key = ("tantivy", str(Path(settings.SEARCH_INDEX_DIR).resolve()))
    with _backends_lock:
        backend = _backends.get(key)
        if backend is None:
            backend = _make_backend(name)
            _backends[key] = backend
        return backend


def _replica_key() -> str:
    if settings.SEARCH_REPLICA == "off":
        return "off"
    return str(Path(settings.SEARCH_REPLICA_DIR).resolve())


def _make_backend(name: str) -> SearchBackend:
    if name == "postgres":
        from kwartier.knowledge.search.postgres_backend import PostgresBackend

        # Django's connection of the calling thread: index writes then share the
        # transaction of whatever called them, and removal is visible at once.
        primary = PostgresBackend(lambda: connection)
        if settings.SEARCH_REPLICA == "off":
            return primary
        from kwartier.knowledge.search.replica import ReplicatedBackend

        # This node's Tantivy copy, caught up from the change log before each search
        # (decision 0123); a rebuild in a thread closes that thread's connection.
        return ReplicatedBackend(
            primary,
            lambda: connection,
            Path(settings.SEARCH_REPLICA_DIR),
            release=lambda: connection.close(),
        )
    from kwartier.knowledge.search.tantivy_backend import TantivyBackend

    return TantivyBackend(Path(settings.SEARCH_INDEX_DIR))
