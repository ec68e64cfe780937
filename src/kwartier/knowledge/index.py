"""The search index as the Django side sees it: the mapping from an experience to a
`SearchDocument`, and the writes (index, remove, rebuild). The backend itself comes
from :func:`kwartier.knowledge.backend.search_backend` (re-exported here).

Only a shared story's approved, de-identified title and text ever become a document;
private stories and drafts are never indexed. The database stays the source of truth:
pages cross-check search hits against the visibility rule (see selectors.py).

Tantivy allows one writer at a time, so index writes run in jobs (tasks.py). The one
exception is removal on withdrawal or erasure, which must be done before the response
returns; the Tantivy backend takes the writer lock for that one short commit.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import cast

from kwartier.knowledge.backend import search_backend
from kwartier.knowledge.models import Experience
from kwartier.knowledge.search.base import SearchDocument, Visibility, fingerprint
from kwartier.knowledge.selectors import shared_experience_ids

#: Documents per backend call during a rebuild: one commit per batch.
REBUILD_BATCH = 500


def document_id(experience_id: int) -> str:
    return str(experience_id)


def search_document(experience: Experience) -> SearchDocument:
    """The index's view of a shared story: approved text and facet values only."""
    if not experience.is_shared:
        # A guard, not a type hint: it must hold under `python -O` too (bandit B101).
        raise ValueError("only shared stories are indexed")
    first_shared = experience.published_at or experience.shared_at
    return SearchDocument(
        id=document_id(experience.pk),
        title=experience.shared_title,
        body=experience.shared_text,
        organisation_id=experience.organisation_id,
        network_ids=tuple(sorted(experience.organisation.networks.values_list("pk", flat=True))),
        visibility=cast(Visibility, experience.visibility),  # the field's choices
        domains=tuple(sorted(domain.slug for domain in experience.domains.all())),
        life_phase=experience.life_phase,
        tags=tuple(experience.shared_tags),
        year=first_shared.year if first_shared else 0,
        author_id=experience.author_id,
    )


def _indexable(ids: Iterable[int]) -> list[Experience]:
    return [
        experience
        for experience in Experience.objects.filter(pk__in=list(ids))
        .select_related("organisation")
        .prefetch_related("domains", "organisation__networks")
        if experience.is_shared
    ]


def index_experiences(ids: Iterable[int]) -> tuple[int, int]:
    """Bring the index in line with the database for these ids: shared stories are
    (re)indexed, every other id is removed. Idempotent. Returns (indexed, removed)."""
    wanted = list(dict.fromkeys(ids))
    shared = _indexable(wanted)
    shared_ids = {experience.pk for experience in shared}
    backend = search_backend()
    if shared:
        backend.index(search_document(experience) for experience in shared)
    gone = [document_id(pk) for pk in wanted if pk not in shared_ids]
    if gone:
        backend.remove(gone)
    return len(shared), len(gone)


def remove_experiences(ids: Iterable[int]) -> None:
    """Remove from the index now (withdrawal, erasure): never deferred to a job."""
    search_backend().remove([document_id(pk) for pk in ids])


def rebuild(progress: Callable[[int, int], None] | None = None) -> int:
    """Empty the index and index every shared story again, in batches.

    `progress(done, total)` is called after each batch. Returns the number indexed.
    """
    ids = list(shared_experience_ids())
    backend = search_backend()
    backend.clear()
    done = 0
    if progress:
        progress(0, len(ids))
    for start in range(0, len(ids), REBUILD_BATCH):
        batch = _indexable(ids[start : start + REBUILD_BATCH])
        backend.index(search_document(experience) for experience in batch)
        done += len(ids[start : start + REBUILD_BATCH])
        if progress:
            progress(done, len(ids))
    return len(ids)


def rebuild_replica(progress: Callable[[int, int], None] | None = None) -> bool:
    """Rebuild this web node's own copy of the PostgreSQL index (decision 0123) now.

    False when the configured backend keeps no copy (Tantivy, or the replica off)."""
    from kwartier.knowledge.search.replica import ReplicatedBackend

    backend = search_backend()
    if not isinstance(backend, ReplicatedBackend):
        return False
    return backend.rebuild(progress)


def prune_change_log() -> int:
    """Drop change-log rows older than a week (PostgreSQL only); returns how many."""
    from django.db import connection

    from kwartier.knowledge.search.replica import prune_log

    if connection.vendor != "postgresql":
        return 0
    return prune_log(connection)


@dataclass(frozen=True)
class Drift:
    """How the index differs from the database (``kwartier reindex --check``)."""

    missing: tuple[str, ...]  # shared in the database, absent from the index
    extra: tuple[str, ...]  # in the index, but not (or no longer) a shared story
    stale: tuple[str, ...]  # in both, but the index holds other text (by hash)

    @property
    def clean(self) -> bool:
        return not (self.missing or self.extra or self.stale)


def drift(chunk: int = 2000) -> Drift:
    """Compare every shared story's approved title and text with the index, by hash.

    Reads the database in chunks (id, title, text only), so it runs at full size."""
    expected: dict[str, str] = {}
    rows = (
        Experience.objects.filter(pk__in=shared_experience_ids())
        .order_by("pk")
        .values_list("pk", "shared_title", "shared_text")
    )
    for pk, title, text in rows.iterator(chunk_size=chunk):
        expected[document_id(pk)] = fingerprint(title, text)
    actual = search_backend().fingerprints()
    return Drift(
        missing=tuple(sorted(set(expected) - set(actual), key=_by_number)),
        extra=tuple(sorted(set(actual) - set(expected), key=_by_number)),
        stale=tuple(
            sorted(
                (
                    doc
                    for doc, digest in expected.items()
                    if doc in actual and actual[doc] != digest
                ),
                key=_by_number,
            )
        ),
    )


def _by_number(doc_id: str) -> tuple[int, str]:
    return (int(doc_id), "") if doc_id.isdigit() else (0, doc_id)
