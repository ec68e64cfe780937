"""PostgreSQL full-text backend, for several web nodes sharing one database.

It talks DB-API only: ``conn.cursor()``, ``cursor.execute(sql, params)`` with ``%s``
placeholders and ``fetchall()``. That works with a raw psycopg connection and with
Django's ``django.db.connection`` wrapper alike. It never commits: the caller owns the
transaction, so indexing a story can share the transaction that approves it, and
``remove`` is visible to every later search on the same connection at once and to other
connections when the caller commits.

Text is normalised by ``normalise.py`` in Python, exactly as for Tantivy, and stored with
the original text in ``knowledge_searchentry``. A trigger keeps a narrow table,
``knowledge_searchmatch``, in step: its ``search_vector`` holds the normalised words (title
weight A, body weight B) and the story's access keys, and has a GIN index, so one index
lookup applies words and visibility together; a search reads only that narrow table and
fetches title and body for the page's rows (decision 0115).

Text search configuration: ``simple``, not ``dutch``. The text reaching PostgreSQL is
already lemmatised; running it through the Snowball ``dutch`` stemmer again would conflate
lemmas the architecture chose simplemma to keep apart (Snowball stems *gemeente* to
*gemeent*, *meen*-like stems collide) and would make this backend match other documents
than the Tantivy one. ``simple`` only lower-cases, so both backends find exactly the same
set; stop words are already dropped by ``normalise.py`` (its list is the one ``dutch``
uses). Switching is one constant, ``TS_CONFIG``, used by the schema and by every query.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from kwartier.knowledge.search.base import (
    FACET_FIELDS,
    FacetValue,
    PreparedDocument,
    SearchDocument,
    SearchPage,
    SearchQuery,
    clean_values,
    empty_page,
    make_hit,
    prepare,
    sort_facet,
)

TABLE = "knowledge_searchentry"
MATCH_TABLE = "knowledge_searchmatch"
TS_CONFIG = "simple"

#: Prefix of the access-key lexemes in ``knowledge_searchmatch.search_vector``. A ':' never
#: survives ``normalise.py`` (``TOKEN_RE``: letters and digits only), so no word of a story
#: or a query can be or match an access key.
ACCESS_PREFIX = "access:"
_ACCESS_KEY_RE = re.compile(r"[a-z]+(:[0-9]+)?")

#: Idempotent DDL for a Django migration (RunPython, one statement per item), independent
#: of every other table; running it on a database with the older schema (a generated
#: ``search_vector`` on ``knowledge_searchentry``) converts it. The first statement is the
#: stored text (``knowledge_searchentry``, what the backend writes); the rest derive the
#: narrow match table from it (trigger and backfill) and index it, so a bulk load COPYs
#: into the first table and runs the rest afterwards.
#:
#: ``knowledge_searchmatch`` is what a search reads: per story its words (title weight A,
#: body weight B) plus its access keys (``base.access_keys``) as lexemes without positions,
#: and the facet columns; never title or body. A search filters with
#: ``search_vector @@ (words && access)`` so the GIN index applies the visibility rule, and
#: ranks with the words alone (keys are never query words, so ranks do not change).
SCHEMA_SQL: list[str] = [
    """
    CREATE TABLE IF NOT EXISTS knowledge_searchentry (
        id text PRIMARY KEY,
        title text NOT NULL,
        body text NOT NULL,
        title_norm text NOT NULL,
        body_norm text NOT NULL,
        organisation_id integer NOT NULL,
        network_ids integer[] NOT NULL DEFAULT '{}',
        visibility text NOT NULL
            CHECK (visibility IN ('organisation', 'network', 'public')),
        domains text[] NOT NULL DEFAULT '{}',
        life_phase text NOT NULL DEFAULT '',
        tags text[] NOT NULL DEFAULT '{}',
        year integer NOT NULL,
        author_id integer NULL
    )
    """,
    # The older schema searched this wide table: its vector and indexes go.
    "ALTER TABLE knowledge_searchentry DROP COLUMN IF EXISTS search_vector",
    "DROP INDEX IF EXISTS knowledge_searchentry_network_ids_gin",
    "DROP INDEX IF EXISTS knowledge_searchentry_org_visibility",
    """
    CREATE TABLE IF NOT EXISTS knowledge_searchmatch (
        id text PRIMARY KEY,
        search_vector tsvector NOT NULL,
        organisation_id integer NOT NULL,
        domains text[] NOT NULL,
        life_phase text NOT NULL,
        tags text[] NOT NULL,
        year integer NOT NULL
    )
    """,
    # base.access_keys(doc) in SQL, prefixed: public -> {public}; organisation -> {o:<org>};
    # network -> {o:<org>, n:<net>...}. The prefix is ACCESS_PREFIX (a test checks).
    """
    CREATE OR REPLACE FUNCTION knowledge_search_access(
        visibility text, organisation_id integer, network_ids integer[]
    ) RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
        SELECT CASE WHEN visibility = 'public' THEN ARRAY['access:public']
            ELSE ARRAY['access:o:' || organisation_id]
                || CASE WHEN visibility = 'network'
                    THEN ARRAY(SELECT 'access:n:' || n FROM unnest(network_ids) AS n
                        WHERE n IS NOT NULL)
                    ELSE ARRAY[]::text[] END
        END
    $$
    """,
    f"""
    CREATE OR REPLACE FUNCTION knowledge_search_vector(
        title_norm text, body_norm text, visibility text, organisation_id integer,
        network_ids integer[]
    ) RETURNS tsvector LANGUAGE sql IMMUTABLE AS $$
        SELECT setweight(to_tsvector('{TS_CONFIG}'::regconfig, title_norm), 'A')
            || setweight(to_tsvector('{TS_CONFIG}'::regconfig, body_norm), 'B')
            || array_to_tsvector(knowledge_search_access(visibility, organisation_id, network_ids))
    $$
    """,
    """
    CREATE OR REPLACE FUNCTION knowledge_searchentry_sync() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'DELETE' THEN
            DELETE FROM knowledge_searchmatch WHERE id = OLD.id;
            RETURN NULL;
        END IF;
        IF TG_OP = 'UPDATE' THEN
            IF OLD.id <> NEW.id THEN
                DELETE FROM knowledge_searchmatch WHERE id = OLD.id;
            END IF;
        END IF;
        INSERT INTO knowledge_searchmatch (
            id, search_vector, organisation_id, domains, life_phase, tags, year)
        VALUES (
            NEW.id,
            knowledge_search_vector(NEW.title_norm, NEW.body_norm, NEW.visibility,
                NEW.organisation_id, NEW.network_ids),
            NEW.organisation_id, NEW.domains, NEW.life_phase, NEW.tags, NEW.year)
        ON CONFLICT (id) DO UPDATE SET
            search_vector = EXCLUDED.search_vector,
            organisation_id = EXCLUDED.organisation_id, domains = EXCLUDED.domains,
            life_phase = EXCLUDED.life_phase, tags = EXCLUDED.tags, year = EXCLUDED.year;
        RETURN NULL;
    END
    $$
    """,
    "CREATE OR REPLACE TRIGGER knowledge_searchentry_sync "
    "AFTER INSERT OR UPDATE OR DELETE ON knowledge_searchentry "
    "FOR EACH ROW EXECUTE FUNCTION knowledge_searchentry_sync()",
    # Backfill: rows written before the trigger existed (an existing database, a COPY).
    """
    INSERT INTO knowledge_searchmatch (
        id, search_vector, organisation_id, domains, life_phase, tags, year)
    SELECT id, knowledge_search_vector(title_norm, body_norm, visibility, organisation_id,
            network_ids),
        organisation_id, domains, life_phase, tags, year
    FROM knowledge_searchentry
    ON CONFLICT (id) DO NOTHING
    """,
    "CREATE INDEX IF NOT EXISTS knowledge_searchmatch_vector_gin "
    "ON knowledge_searchmatch USING gin (search_vector)",
]

#: Drops the match table, its trigger and its functions (idempotent).
DROP_MATCH_SQL: list[str] = [
    "DROP TRIGGER IF EXISTS knowledge_searchentry_sync ON knowledge_searchentry",
    "DROP FUNCTION IF EXISTS knowledge_searchentry_sync()",
    "DROP TABLE IF EXISTS knowledge_searchmatch",
    "DROP FUNCTION IF EXISTS knowledge_search_vector(text, text, text, integer, integer[])",
    "DROP FUNCTION IF EXISTS knowledge_search_access(text, integer, integer[])",
]

#: Undo of ``SCHEMA_SQL`` back to the older one-table schema (a migration's reverse).
UNDO_SCHEMA_SQL: list[str] = DROP_MATCH_SQL + [
    f"""
    ALTER TABLE knowledge_searchentry ADD COLUMN IF NOT EXISTS search_vector tsvector
        GENERATED ALWAYS AS (
            setweight(to_tsvector('{TS_CONFIG}'::regconfig, title_norm), 'A')
            || setweight(to_tsvector('{TS_CONFIG}'::regconfig, body_norm), 'B')
        ) STORED
    """,
    "CREATE INDEX IF NOT EXISTS knowledge_searchentry_vector_gin "
    "ON knowledge_searchentry USING gin (search_vector)",
    "CREATE INDEX IF NOT EXISTS knowledge_searchentry_network_ids_gin "
    "ON knowledge_searchentry USING gin (network_ids)",
    "CREATE INDEX IF NOT EXISTS knowledge_searchentry_org_visibility "
    "ON knowledge_searchentry (organisation_id, visibility)",
]

#: Columns a caller writes, in COPY / INSERT order.
COLUMNS: tuple[str, ...] = (
    "id",
    "title",
    "body",
    "title_norm",
    "body_norm",
    "organisation_id",
    "network_ids",
    "visibility",
    "domains",
    "life_phase",
    "tags",
    "year",
    "author_id",
)

_UPSERT = """
INSERT INTO knowledge_searchentry (
    id, title, body, title_norm, body_norm, organisation_id, network_ids, visibility,
    domains, life_phase, tags, year, author_id)
SELECT id, title, body, title_norm, body_norm, organisation_id, network_ids, visibility,
    domains, life_phase, tags, year, author_id
FROM jsonb_to_recordset(%s::jsonb) AS r(
    id text, title text, body text, title_norm text, body_norm text,
    organisation_id integer, network_ids integer[], visibility text, domains text[],
    life_phase text, tags text[], year integer, author_id integer)
ON CONFLICT (id) DO UPDATE SET
    title = EXCLUDED.title, body = EXCLUDED.body, title_norm = EXCLUDED.title_norm,
    body_norm = EXCLUDED.body_norm, organisation_id = EXCLUDED.organisation_id,
    network_ids = EXCLUDED.network_ids, visibility = EXCLUDED.visibility,
    domains = EXCLUDED.domains, life_phase = EXCLUDED.life_phase, tags = EXCLUDED.tags,
    year = EXCLUDED.year, author_id = EXCLUDED.author_id
"""

_FILTERS = {
    "domain": "e.domains @> ARRAY[%s::text]",
    "life_phase": "e.life_phase = %s",
    "tag": "e.tags @> ARRAY[%s::text]",
    "organisation_id": "e.organisation_id = %s",
    "year": "e.year = %s",
}

# -- the search (one statement) ------------------------------------------------------------
# The visible matches are read once from the narrow match table (id, rank and the facet
# columns only; the GIN index applies words and visibility together), then the page, the
# total and every facet count come from that one set; title and body are read from the
# text table for the page's rows only. Browsing (no words) filters on the access keys
# alone and orders newest year first.
_SEARCH_WITH = "WITH m AS MATERIALIZED (SELECT e.id, "
_SEARCH_SCORE = "ts_rank_cd(e.search_vector, plainto_tsquery('" + TS_CONFIG + "'::regconfig, %s))"
_SEARCH_FROM = " AS score, e.year{facet_columns} FROM knowledge_searchmatch AS e WHERE "
_SEARCH_WORDS = (
    "e.search_vector @@ (plainto_tsquery('" + TS_CONFIG + "'::regconfig, %s) && %s::tsquery)"
)
_SEARCH_ACCESS = "e.search_vector @@ %s::tsquery"
_FACET_COLUMNS = ", e.domains, e.life_phase, e.tags, e.organisation_id"
_SEARCH_PAGE = """),
top AS (SELECT id, score, year FROM m ORDER BY {order} LIMIT %s OFFSET %s)
SELECT 'hit', t.id, t.score, s.title, s.body, row_number() OVER (ORDER BY {order_t})
    FROM top AS t JOIN knowledge_searchentry AS s ON s.id = t.id
UNION ALL SELECT 'total', NULL, count(*), NULL, NULL, NULL FROM m
"""
# The page is a top-k (a bounded heap sort, not a sort of every match); its rows are then
# numbered in the same order, so ties keep the database's collation order.
_ORDER_WORDS = "score DESC, id"
_ORDER_BROWSE = "year DESC, id"
_SEARCH_FACETS = """UNION ALL SELECT 'domain', v, count(*), NULL, NULL, NULL
    FROM (SELECT unnest(domains) AS v FROM m) AS d GROUP BY v
UNION ALL SELECT 'life_phase', life_phase, count(*), NULL, NULL, NULL FROM m WHERE life_phase <> ''
    GROUP BY life_phase
UNION ALL SELECT 'tag', v, count(*), NULL, NULL, NULL
    FROM (SELECT unnest(tags) AS v FROM m) AS t GROUP BY v
UNION ALL SELECT 'organisation_id', organisation_id::text, count(*), NULL, NULL, NULL FROM m
    GROUP BY organisation_id
UNION ALL SELECT 'year', year::text, count(*), NULL, NULL, NULL FROM m GROUP BY year
"""

# -- the reference (``PostgresBackend(..., reference=True)``) --------------------------------
# The older two-statement search: the visibility rule written out as three clauses on the
# text table's own columns (not the access keys), the words matched and ranked on the
# match table, title and body carried through a window count, facets from a second
# statement over the text table's columns. It is slower; it exists so the tests and the
# benchmark check the search above against an independent statement of the same rule.
_VISIBLE = """(
    e.visibility = 'public'
    OR (e.visibility = 'organisation' AND e.organisation_id = ANY(%s::integer[]))
    OR (e.visibility = 'network'
        AND (e.organisation_id = ANY(%s::integer[]) OR e.network_ids && %s::integer[]))
)"""
_MATCHES = "v.search_vector @@ q.query"
_FROM = (
    "FROM knowledge_searchentry AS e JOIN knowledge_searchmatch AS v ON v.id = e.id, "
    f"plainto_tsquery('{TS_CONFIG}'::regconfig, %s) AS q(query)"
)
_FROM_BROWSE = "FROM knowledge_searchentry AS e"

_PAGE_SELECT = (
    "SELECT e.id, e.title, e.body, ts_rank_cd(v.search_vector, q.query) AS score, "
    "count(*) OVER () AS total "
)
_BROWSE_SELECT = "SELECT e.id, e.title, e.body, 0.0 AS score, count(*) OVER () AS total "
_PAGE_ORDER = " ORDER BY score DESC, e.id LIMIT %s OFFSET %s"
_BROWSE_ORDER = " ORDER BY e.year DESC, e.id LIMIT %s OFFSET %s"
_COUNT_SELECT = "SELECT count(*) "
_FACETS_WITH = "WITH m AS MATERIALIZED (SELECT e.domains, e.life_phase, e.tags, "
_FACETS_WITH_TAIL = "e.organisation_id, e.year "
_FACETS_SELECT = """)
SELECT 'domain', v, count(*) FROM m, unnest(m.domains) AS v GROUP BY v
UNION ALL SELECT 'life_phase', life_phase, count(*) FROM m WHERE life_phase <> ''
    GROUP BY life_phase
UNION ALL SELECT 'tag', v, count(*) FROM m, unnest(m.tags) AS v GROUP BY v
UNION ALL SELECT 'organisation_id', organisation_id::text, count(*) FROM m
    GROUP BY organisation_id
UNION ALL SELECT 'year', year::text, count(*) FROM m GROUP BY year
"""

#: Rows per upsert statement: one JSON parameter, so memory stays bounded.
UPSERT_BATCH = 500


def row_values(item: PreparedDocument) -> tuple[Any, ...]:
    """Column values for one document in ``COLUMNS`` order (used by COPY in the bench)."""
    doc = item.doc
    return (
        doc.id,
        _no_nul(doc.title),
        _no_nul(doc.body),
        item.title_norm,
        item.body_norm,
        doc.organisation_id,
        sorted(set(doc.network_ids)),
        doc.visibility,
        list(clean_values(doc.domains)),
        doc.life_phase,
        list(clean_values(doc.tags)),
        doc.year,
        doc.author_id,
    )


def _no_nul(text: str) -> str:
    """PostgreSQL text cannot hold NUL; it never carries meaning in a story."""
    return text.replace("\x00", "")


def _batches(items: Iterable[PreparedDocument], size: int) -> Iterator[list[PreparedDocument]]:
    batch: dict[str, PreparedDocument] = {}
    for item in items:
        # Within one statement an id may appear once; the last version wins, as in Tantivy.
        batch.pop(item.doc.id, None)
        batch[item.doc.id] = item
        if len(batch) >= size:
            yield list(batch.values())
            batch = {}
    if batch:
        yield list(batch.values())


def access_query(keys: Iterable[str]) -> str:
    """A ``tsquery`` text that matches any of ``keys`` (``Scope.access_keys``) as lexemes."""
    parts = []
    for key in keys:
        if not _ACCESS_KEY_RE.fullmatch(key):
            raise ValueError(f"not an access key: {key!r}")
        parts.append(f"'{ACCESS_PREFIX}{key}'")
    return " | ".join(parts)


class PostgresBackend:
    """Search backend over the ``knowledge_searchentry`` table.

    ``connection_factory`` returns a DB-API connection each time it is called, e.g.
    ``lambda: django.db.connection``; the connection must have ``SCHEMA_SQL`` applied.
    ``reference=True`` answers with the older, slower two-statement search that states the
    visibility rule as clauses instead of access keys (tests and benchmark compare them).
    """

    def __init__(self, connection_factory: Callable[[], Any], *, reference: bool = False) -> None:
        self._connect = connection_factory
        self._reference = reference

    def _execute(self, sql: str, params: Iterable[Any] = ()) -> list[tuple[Any, ...]]:
        with self._connect().cursor() as cursor:
            cursor.execute(sql, list(params))
            if cursor.description is None:
                return []
            return list(cursor.fetchall())

    # -- writing -------------------------------------------------------------------------
    # Only the text table is written; its trigger keeps ``knowledge_searchmatch`` in step
    # in the same statement, so a removal is gone from every later search at once.

    def index(self, docs: Iterable[SearchDocument]) -> None:
        self.index_prepared(prepare(doc) for doc in docs)

    def index_prepared(self, prepared: Iterable[PreparedDocument]) -> None:
        for batch in _batches(prepared, UPSERT_BATCH):
            payload = [dict(zip(COLUMNS, row_values(item), strict=True)) for item in batch]
            self._execute(_UPSERT, [json.dumps(payload)])

    def remove(self, ids: Iterable[str]) -> None:
        self._execute("DELETE FROM knowledge_searchentry WHERE id = ANY(%s::text[])", [list(ids)])

    def clear(self) -> None:
        self._execute("DELETE FROM knowledge_searchentry")

    def count(self) -> int:
        return int(self._execute("SELECT count(*) FROM knowledge_searchentry")[0][0])

    def fingerprints(self) -> dict[str, str]:
        """Every id in the index with :func:`base.fingerprint` of its stored text."""
        rows = self._execute("SELECT id, md5(title || chr(31) || body) FROM knowledge_searchentry")
        return {str(doc_id): str(digest) for doc_id, digest in rows}

    # -- reading -------------------------------------------------------------------------

    def search(self, q: SearchQuery) -> SearchPage:
        terms = q.terms
        if not q.is_browse and not terms:
            return empty_page(q)
        if self._reference:
            return self._search_reference(q, terms)
        access = access_query(q.scope.access_keys())
        if q.is_browse:
            score, where, order = "0.0", _SEARCH_ACCESS, _ORDER_BROWSE
            params: list[Any] = [access]
        else:
            words = " ".join(terms)
            score, where, order = _SEARCH_SCORE, _SEARCH_WORDS, _ORDER_WORDS
            params = [words, words, access]
        clauses = [where]
        for name, fragment in _FILTERS.items():
            value = getattr(q, name)
            if value is not None:
                clauses.append(fragment)
                params.append(value)
        facet_columns = _FACET_COLUMNS if q.with_facets else ""
        sql = (
            _SEARCH_WITH
            + score
            + _SEARCH_FROM.format(facet_columns=facet_columns)
            + " AND ".join(clauses)
            + _SEARCH_PAGE.format(order=order, order_t="t." + order.replace(", ", ", t."))
            + (_SEARCH_FACETS if q.with_facets else "")
        )
        ranked: list[tuple[int, float, str, str, str]] = []
        total = 0
        counts: dict[str, list[tuple[FacetValue, int]]] = {name: [] for name in FACET_FIELDS}
        for kind, value, number, title, body, ordinal in self._execute(
            sql, [*params, q.per_page, q.offset]
        ):
            if kind == "hit":
                ranked.append((int(ordinal), float(number), value, title, body))
            elif kind == "total":
                total = int(number)
            else:
                key: FacetValue = int(value) if kind in ("organisation_id", "year") else value
                counts[kind].append((key, int(number)))
        # UNION ALL keeps no order: the rank the database gave (score, then id) orders them.
        ranked.sort()
        hits = tuple(
            make_hit(doc_id, 0.0 if q.is_browse else score_, title, body, terms)
            for _, score_, doc_id, title, body in ranked
        )
        facets = (
            {name: sort_facet(values) for name, values in counts.items()} if q.with_facets else {}
        )
        return SearchPage(hits=hits, total=total, page=q.page, per_page=q.per_page, facets=facets)

    # -- the reference search --------------------------------------------------------------

    def _where(self, q: SearchQuery) -> tuple[str, list[Any]]:
        """The WHERE clause (visibility, words, filters) and its parameters, after FROM's."""
        orgs = sorted(q.scope.organisation_ids)
        clauses = [_VISIBLE]
        params: list[Any] = [orgs, orgs, sorted(q.scope.network_ids)]
        if not q.is_browse:
            clauses.append(_MATCHES)
        for name, fragment in _FILTERS.items():
            value = getattr(q, name)
            if value is not None:
                clauses.append(fragment)
                params.append(value)
        return " WHERE " + " AND ".join(clauses), params

    def _search_reference(self, q: SearchQuery, terms: tuple[str, ...]) -> SearchPage:
        where, params = self._where(q)
        if q.is_browse:
            select, from_, order = _BROWSE_SELECT, _FROM_BROWSE, _BROWSE_ORDER
        else:
            select, from_, order = _PAGE_SELECT, _FROM, _PAGE_ORDER
            params = [" ".join(terms), *params]
        rows = self._execute(select + from_ + where + order, [*params, q.per_page, q.offset])
        if rows:
            total = int(rows[0][4])
        elif q.page > 1:
            total = int(self._execute(_COUNT_SELECT + from_ + where, params)[0][0])
        else:
            total = 0
        hits = tuple(
            make_hit(doc_id, 0.0 if q.is_browse else score, title, body, terms)
            for doc_id, title, body, score, _ in rows
        )
        facets = self._facets(from_ + where, params) if q.with_facets else {}
        return SearchPage(hits=hits, total=total, page=q.page, per_page=q.per_page, facets=facets)

    def _facets(
        self, from_where: str, params: list[Any]
    ) -> dict[str, list[tuple[FacetValue, int]]]:
        """GROUP BY counts over every visible match (the reference's second statement)."""
        sql = _FACETS_WITH + _FACETS_WITH_TAIL + from_where + _FACETS_SELECT
        counts: dict[str, list[tuple[FacetValue, int]]] = {name: [] for name in FACET_FIELDS}
        for name, value, number in self._execute(sql, params):
            key: FacetValue = int(value) if name in ("organisation_id", "year") else value
            counts[name].append((key, int(number)))
        return {name: sort_facet(values) for name, values in counts.items()}
