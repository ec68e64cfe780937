"""Knowledge-bank search: one interface, two backends (Tantivy default, PostgreSQL).

Import the value types from here and a backend from its own module
(``tantivy_backend.TantivyBackend`` or ``postgres_backend.PostgresBackend``), so a
deployment that uses one engine never loads the other's library.
"""

from kwartier.knowledge.search.base import (
    FACET_FIELDS,
    Scope,
    SearchBackend,
    SearchDocument,
    SearchHit,
    SearchPage,
    SearchQuery,
)

__all__ = [
    "FACET_FIELDS",
    "Scope",
    "SearchBackend",
    "SearchDocument",
    "SearchHit",
    "SearchPage",
    "SearchQuery",
]
