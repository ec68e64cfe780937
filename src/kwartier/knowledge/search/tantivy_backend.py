"""Tantivy backend: an embedded index in the data folder, the single-node default.

Text is normalised in Python (``normalise.py``) and indexed with Tantivy's ``whitespace``
tokenizer, so the index holds exactly the canonical tokens the query is made of. The
original title and body are stored (as bytes, not indexed) for the shared snippet builder.

Visibility is one term-set clause on the ``acl`` field (see ``base.access_keys``), a MUST
clause with score 0 inside the same boolean query as the words and filters: the count,
the page and the facet aggregation all run on that one query.

Tantivy allows one writer per index directory, across processes. The writer is opened
only for the duration of a write call (``index``, ``remove``, ``clear``), committed, and
dropped, so a web process removing a story on consent withdrawal and a job re-indexing
take turns on the lock instead of one holding it forever. Each search first checks
whether ``meta.json`` changed (one ``stat``) and reloads the reader if so, which makes a
commit from another process visible to the next search, not half a second later.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterable
from pathlib import Path

import tantivy

from kwartier.knowledge.search.base import (
    FACET_FIELDS,
    FacetValue,
    PreparedDocument,
    SearchDocument,
    SearchHit,
    SearchPage,
    SearchQuery,
    access_keys,
    clean_values,
    empty_page,
    fingerprint,
    make_hit,
    prepare,
    sort_facet,
)

#: Title words weigh twice as much as body words.
TITLE_BOOST = 2.0

#: Terms aggregation size: far above the number of distinct values of any facet, so the
#: per-segment counts are exact (Tantivy only approximates when it has to cut a list).
FACET_BUCKETS = 65_000

_FACET_SOURCE = {
    "domain": "domain",
    "life_phase": "life_phase",
    "tag": "tag",
    "organisation_id": "organisation_id",
    "year": "year",
}

Q = tantivy.Query
MUST = tantivy.Occur.Must
SHOULD = tantivy.Occur.Should


def build_schema() -> tantivy.Schema:
    """The index schema; changing it means rebuilding the index from the database."""
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("id", stored=True, tokenizer_name="raw", index_option="basic")
    builder.add_text_field("title_norm", tokenizer_name="whitespace", index_option="freq")
    builder.add_text_field("body_norm", tokenizer_name="whitespace", index_option="freq")
    builder.add_bytes_field("title", stored=True)
    builder.add_bytes_field("body", stored=True)
    builder.add_text_field("acl", tokenizer_name="raw", index_option="basic")
    for name in ("domain", "life_phase", "tag"):
        builder.add_text_field(name, tokenizer_name="raw", fast=True, index_option="basic")
    builder.add_integer_field("organisation_id", indexed=True, fast=True)
    builder.add_integer_field("year", indexed=True, fast=True)
    return builder.build()


class TantivyBackend:
    """Search backend over a Tantivy index in ``index_dir`` (created when missing)."""

    def __init__(
        self,
        index_dir: Path,
        *,
        writer_heap_bytes: int = 128_000_000,
        writer_threads: int = 0,
        lock_timeout_s: float = 30.0,
    ) -> None:
        self._dir = Path(index_dir)
        self._dir.mkdir(parents=True, exist_ok=True)
        self._schema = build_schema()
        self._index = tantivy.Index(self._schema, path=str(self._dir), reuse=True)
        self._heap = writer_heap_bytes
        self._threads = writer_threads
        self._lock_timeout_s = lock_timeout_s
        self._write_lock = threading.Lock()
        self._meta_seen: tuple[int, int, int] | None = self._meta_signature()

    # -- writing -------------------------------------------------------------------------

    def index(self, docs: Iterable[SearchDocument]) -> None:
        """Upsert ``docs`` by id and commit once, so a batch appears all at once."""
        self.index_prepared(prepare(doc) for doc in docs)

    def index_prepared(self, prepared: Iterable[PreparedDocument]) -> None:
        """``index`` for documents already normalised (the benchmark normalises once)."""
        with self._writer() as writer:
            for item in prepared:
                writer.delete_documents_by_term("id", item.doc.id)
                writer.add_document(self._to_tantivy(item))

    def apply(self, upserts: Iterable[PreparedDocument], deletes: Iterable[str]) -> None:
        """Upserts and deletes in one commit (a replica catching up, ``replica.py``)."""
        with self._writer() as writer:
            for doc_id in deletes:
                writer.delete_documents_by_term("id", doc_id)
            for item in upserts:
                writer.delete_documents_by_term("id", item.doc.id)
                writer.add_document(self._to_tantivy(item))

    def remove(self, ids: Iterable[str]) -> None:
        """Delete by id and commit; the reader is reloaded before this returns."""
        with self._writer() as writer:
            for doc_id in ids:
                writer.delete_documents_by_term("id", doc_id)

    def clear(self) -> None:
        with self._writer() as writer:
            writer.delete_all_documents()

    def _to_tantivy(self, item: PreparedDocument) -> tantivy.Document:
        doc = item.doc
        out = tantivy.Document()
        out.add_text("id", doc.id)
        out.add_text("title_norm", item.title_norm)
        out.add_text("body_norm", item.body_norm)
        out.add_bytes("title", doc.title.encode())
        out.add_bytes("body", doc.body.encode())
        for key in access_keys(doc):
            out.add_text("acl", key)
        for value in clean_values(doc.domains):
            out.add_text("domain", value)
        if doc.life_phase:
            out.add_text("life_phase", doc.life_phase)
        for value in clean_values(doc.tags):
            out.add_text("tag", value)
        out.add_integer("organisation_id", doc.organisation_id)
        out.add_integer("year", doc.year)
        return out

    def _open_writer(self) -> tantivy.IndexWriter:
        """Take the index writer, waiting while another process holds its lock file."""
        deadline = time.monotonic() + self._lock_timeout_s
        while True:
            try:
                return self._index.writer(self._heap, self._threads)
            except ValueError as error:
                if "lock" not in str(error).lower() or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def _writer(self) -> _WriterSession:
        return _WriterSession(self)

    def _after_commit(self) -> None:
        self._index.reload()
        self._meta_seen = self._meta_signature()

    # -- reading -------------------------------------------------------------------------

    def _meta_signature(self) -> tuple[int, int, int] | None:
        try:
            stat = os.stat(self._dir / "meta.json")
        except FileNotFoundError:
            return None
        return (stat.st_ino, stat.st_mtime_ns, stat.st_size)

    def _searcher(self) -> tantivy.Searcher:
        signature = self._meta_signature()
        if signature != self._meta_seen:
            self._index.reload()
            self._meta_seen = signature
        return self._index.searcher()

    def count(self) -> int:
        return int(self._searcher().num_docs)

    def fingerprints(self) -> dict[str, str]:
        """Every id in the index with :func:`base.fingerprint` of its stored text."""
        searcher = self._searcher()
        total = int(searcher.num_docs)
        if total == 0:
            return {}
        result = searcher.search(tantivy.Query.all_query(), total)
        found: dict[str, str] = {}
        for _score, address in result.hits:
            stored = searcher.doc(address)
            found[str(stored.get_first("id"))] = fingerprint(
                _stored_text(stored, "title"),
                _stored_text(stored, "body"),
            )
        return found

    def search(self, q: SearchQuery) -> SearchPage:
        terms = q.terms
        if not q.is_browse and not terms:
            return empty_page(q)
        searcher = self._searcher()
        query = self._build_query(q, terms)
        if q.is_browse:
            result = searcher.search(
                query, q.per_page, count=True, order_by_field="year", offset=q.offset
            )
        else:
            result = searcher.search(query, q.per_page, count=True, offset=q.offset)
        hits: list[SearchHit] = []
        for score, address in result.hits:
            stored = searcher.doc(address)
            hits.append(
                make_hit(
                    str(stored.get_first("id")),
                    0.0 if q.is_browse else score,
                    _stored_text(stored, "title"),
                    _stored_text(stored, "body"),
                    terms,
                )
            )
        facets = self._facets(searcher, query) if q.with_facets else {}
        return SearchPage(
            hits=tuple(hits),
            total=int(result.count or 0),  # type: ignore[attr-defined]
            page=q.page,
            per_page=q.per_page,
            facets=facets,
        )

    def _build_query(self, q: SearchQuery, terms: tuple[str, ...]) -> tantivy.Query:
        schema = self._schema
        clauses: list[tuple[tantivy.Occur, tantivy.Query]] = []
        for term in terms:
            either_field = Q.boolean_query(
                [
                    (SHOULD, Q.boost_query(Q.term_query(schema, "title_norm", term), TITLE_BOOST)),
                    (SHOULD, Q.term_query(schema, "body_norm", term)),
                ]
            )
            clauses.append((MUST, either_field))
        filters = [Q.term_set_query(schema, "acl", list(q.scope.access_keys()))]
        for name, value in (
            ("domain", q.domain),
            ("life_phase", q.life_phase),
            ("tag", q.tag),
            ("organisation_id", q.organisation_id),
            ("year", q.year),
        ):
            if value is not None:
                filters.append(Q.term_query(schema, name, value))
        clauses += [(MUST, Q.const_score_query(f, 0.0)) for f in filters]
        return Q.boolean_query(clauses)

    def _facets(
        self, searcher: tantivy.Searcher, query: tantivy.Query
    ) -> dict[str, list[tuple[FacetValue, int]]]:
        """Counts per facet value over every visible match, in one aggregation pass."""
        spec = {
            name: {"terms": {"field": source, "size": FACET_BUCKETS}}
            for name, source in _FACET_SOURCE.items()
        }
        result = searcher.aggregate(query, spec)
        facets: dict[str, list[tuple[FacetValue, int]]] = {}
        for name in FACET_FIELDS:
            buckets = result.get(name, {}).get("buckets", [])
            as_int = name in ("organisation_id", "year")
            facets[name] = sort_facet(
                (int(b["key"]) if as_int else str(b["key"]), int(b["doc_count"])) for b in buckets
            )
        return facets


class _WriterSession:
    """Context manager: writer opened lazily, committed and released on success."""

    def __init__(self, backend: TantivyBackend) -> None:
        self._backend = backend
        self._writer: tantivy.IndexWriter | None = None

    def __enter__(self) -> tantivy.IndexWriter:
        self._backend._write_lock.acquire()
        try:
            self._writer = self._backend._open_writer()
        except BaseException:
            self._backend._write_lock.release()
            raise
        return self._writer

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        writer, self._writer = self._writer, None
        try:
            if writer is not None:
                if exc_type is None:
                    writer.commit()
                else:
                    writer.rollback()
                # Ends the writer now (not when Python drops it), releasing the lock file.
                writer.wait_merging_threads()
            if exc_type is None:
                self._backend._after_commit()
        finally:
            self._backend._write_lock.release()


def _stored_text(stored: tantivy.Document, field: str) -> str:
    """The original text kept (as bytes) beside the normalised, indexed field."""
    value = stored.get_first(field)
    return bytes(value).decode() if value is not None else ""
