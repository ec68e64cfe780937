"""The PostgreSQL backend's search (one statement over the narrow match table, visibility
as access-key lexemes in the GIN index) returns exactly what the reference returns (the
older two-statement search with the visibility rule written out as clauses), on a
generated corpus with many ties in rank, every visibility and several pages; ranks equal
``ts_rank_cd`` over the words alone; and a database with the older one-table schema is
converted by ``SCHEMA_SQL`` and searches the same afterwards."""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from kwartier.knowledge.search.base import Scope, SearchDocument, SearchQuery, access_keys
from kwartier.knowledge.search.normalise import query_terms
from kwartier.knowledge.search.postgres_backend import (
    ACCESS_PREFIX,
    SCHEMA_SQL,
    UNDO_SCHEMA_SQL,
    PostgresBackend,
    access_query,
)
from tests.knowledge.pg_scratch import PG_DSN, admin_connection

WORDS = ["schuld", "schulden", "wijkteam", "gemeente", "huur", "steun", "moeder", "baan",
         "armoede", "herstel", "buurvrouw", "formulier", "stress", "vertrouwen"]  # fmt: skip
DOMAINS = ["financiën", "wonen", "zorg", "werk"]
TAGS = ["schulden", "armoede", "ggz", "herstel", "mantelzorg"]
VISIBILITIES = ["organisation", "network", "public"]


def corpus(count: int, seed: int) -> list[SearchDocument]:
    rng = random.Random(seed)
    docs = []
    for number in range(count):
        org = rng.randint(1, 8)
        docs.append(
            SearchDocument(
                id=f"d{number}",
                title=" ".join(rng.choices(WORDS, k=rng.randint(1, 3))),
                body=" ".join(rng.choices(WORDS, k=rng.randint(3, 12))),
                organisation_id=org,
                network_ids=(org % 3 + 1,),
                visibility=rng.choice(VISIBILITIES),  # type: ignore[arg-type]
                domains=tuple(rng.sample(DOMAINS, rng.randint(0, 2))),
                life_phase=rng.choice(["", "jongere", "volwassene"]),
                tags=tuple(rng.sample(TAGS, rng.randint(0, 2))),
                year=rng.randint(2019, 2025),
            )
        )
    return docs


# The schema before the match table (decision 0115): one table, a generated vector.
OLD_SCHEMA_SQL = [
    """
    CREATE TABLE knowledge_searchentry (
        id text PRIMARY KEY, title text NOT NULL, body text NOT NULL,
        title_norm text NOT NULL, body_norm text NOT NULL, organisation_id integer NOT NULL,
        network_ids integer[] NOT NULL DEFAULT '{}',
        visibility text NOT NULL CHECK (visibility IN ('organisation', 'network', 'public')),
        domains text[] NOT NULL DEFAULT '{}', life_phase text NOT NULL DEFAULT '',
        tags text[] NOT NULL DEFAULT '{}', year integer NOT NULL, author_id integer NULL,
        search_vector tsvector GENERATED ALWAYS AS (
            setweight(to_tsvector('simple'::regconfig, title_norm), 'A')
            || setweight(to_tsvector('simple'::regconfig, body_norm), 'B')
        ) STORED
    )
    """,
    "CREATE INDEX knowledge_searchentry_vector_gin "
    "ON knowledge_searchentry USING gin (search_vector)",
    "CREATE INDEX knowledge_searchentry_network_ids_gin "
    "ON knowledge_searchentry USING gin (network_ids)",
    "CREATE INDEX knowledge_searchentry_org_visibility "
    "ON knowledge_searchentry (organisation_id, visibility)",
]


@pytest.fixture(scope="module")
def scratch() -> Iterator[Callable[[], Any]]:
    """Makes psycopg connections, each on its own fresh schema, dropped at the end."""
    import psycopg

    admin = admin_connection()
    made: list[tuple[str, Any]] = []

    def make() -> Any:
        schema = f"kw_one_scan_{uuid.uuid4().hex[:12]}"
        admin.execute(f'CREATE SCHEMA "{schema}"')
        conn = psycopg.connect(PG_DSN, autocommit=True, options=f"-c search_path={schema}")
        made.append((schema, conn))
        return conn

    try:
        yield make
    finally:
        for schema, conn in made:
            conn.close()
            admin.execute(f'DROP SCHEMA "{schema}" CASCADE')
        admin.close()


@pytest.fixture(scope="module")
def connection(scratch: Callable[[], Any]) -> Any:
    conn = scratch()
    for statement in SCHEMA_SQL:
        conn.execute(statement)
    PostgresBackend(lambda: conn).index(corpus(600, seed=12))
    return conn


def assert_same_answers(new: PostgresBackend, old: PostgresBackend, seed: int) -> int:
    """Word searches (with and without facets) and browsing, over scopes, filters, pages."""
    rng = random.Random(seed)
    scopes = [Scope.anonymous()] + [
        Scope(frozenset({org}), frozenset({org % 3 + 1})) for org in range(1, 9)
    ]
    scopes.append(Scope(frozenset({1, 2}), frozenset({1, 2, 3})))
    compared = 0
    for number in range(60):
        text = "" if number % 10 == 0 else " ".join(rng.sample(WORDS, rng.randint(1, 2)))
        filters: dict[str, Any] = rng.choice(
            [{}, {}, {"domain": "wonen"}, {"tag": "armoede"}, {"year": 2022},
             {"organisation_id": 3}, {"life_phase": "jongere"}]
        )  # fmt: skip
        for page in (1, 2, 9):
            q = SearchQuery(
                text=text,
                scope=rng.choice(scopes),
                page=page,
                per_page=7,
                with_facets=number % 3 != 1,
                **filters,
            )
            new_page, old_page = new.search(q), old.search(q)
            assert [(h.id, h.score) for h in new_page.hits] == [
                (h.id, h.score) for h in old_page.hits
            ]
            assert new_page.hits == old_page.hits
            assert new_page.total == old_page.total
            assert new_page.facets == old_page.facets
            compared += bool(old_page.hits)
    return compared


def test_search_equals_reference(connection: Any) -> None:
    new = PostgresBackend(lambda: connection)
    old = PostgresBackend(lambda: connection, reference=True)
    compared = assert_same_answers(new, old, seed=5)
    assert compared > 60  # the corpus gives most queries real pages to compare


# Per story: rank and match over the words alone (the older generated column), then over
# the match table's vector (words and access keys).
RANKS_SQL = """
SELECT e.id, ts_rank_cd(w.vector, q), ts_rank_cd(m.search_vector, q), w.vector @@ q,
    m.search_vector @@ q
FROM knowledge_searchentry AS e JOIN knowledge_searchmatch AS m USING (id),
    LATERAL (SELECT setweight(to_tsvector('simple'::regconfig, e.title_norm), 'A')
        || setweight(to_tsvector('simple'::regconfig, e.body_norm), 'B') AS vector) AS w,
    plainto_tsquery('simple', %s) AS q
"""


def test_ranks_are_those_of_the_words_alone(connection: Any) -> None:
    """The access keys in the vector change no rank: every match's score equals
    ``ts_rank_cd`` over a vector built from the words only (the older generated column)."""
    for text in ("schuld", "schuld huur", "moeder steun", "armoede"):
        rows = connection.execute(RANKS_SQL, [" ".join(query_terms(text))]).fetchall()
        assert len(rows) == 600
        assert any(row[3] for row in rows)
        for _id, old_rank, new_rank, old_match, new_match in rows:
            assert (old_rank, old_match) == (new_rank, new_match)


def test_access_lexemes_are_the_access_keys(connection: Any) -> None:
    """The SQL that writes the keys agrees with ``base.access_keys`` for every story."""
    stored = dict(
        connection.execute(
            "SELECT id, ARRAY(SELECT lexeme FROM unnest(search_vector)"
            " WHERE lexeme LIKE 'access:%%' ORDER BY lexeme) FROM knowledge_searchmatch"
        ).fetchall()
    )
    for doc in corpus(600, seed=12):
        assert stored[doc.id] == sorted(ACCESS_PREFIX + key for key in access_keys(doc))
    with pytest.raises(ValueError):
        access_query(["public' | 'o:1"])


def test_schema_converts_an_older_database(scratch: Callable[[], Any]) -> None:
    """An index written under the one-table schema keeps every story after SCHEMA_SQL; the
    trigger then keeps the match table in step (upsert, removal); the undo goes back."""
    conn = scratch()
    for statement in OLD_SCHEMA_SQL:
        conn.execute(statement)
    docs = corpus(300, seed=3)
    PostgresBackend(lambda: conn).index(docs)  # no trigger yet: the text table only
    for statement in SCHEMA_SQL:
        conn.execute(statement)
    new = PostgresBackend(lambda: conn)
    old = PostgresBackend(lambda: conn, reference=True)
    assert conn.execute("SELECT count(*) FROM knowledge_searchmatch").fetchone()[0] == 300
    assert assert_same_answers(new, old, seed=8) > 30
    q = SearchQuery(text="schuld", scope=Scope.anonymous(), per_page=100)
    first = new.search(q).hits[0].id
    new.remove([first])
    assert first not in {hit.id for hit in new.search(q).hits}
    assert conn.execute("SELECT count(*) FROM knowledge_searchmatch").fetchone()[0] == 299
    changed = [d for d in docs if d.visibility == "public"][:5]
    new.index(
        SearchDocument(id=d.id, title=d.title, body="steun", organisation_id=d.organisation_id,
                       network_ids=d.network_ids, visibility="organisation", year=d.year)
        for d in changed
    )  # fmt: skip
    anonymous = new.search(SearchQuery(text="", scope=Scope.anonymous(), per_page=100))
    assert not {d.id for d in changed} & {hit.id for hit in anonymous.hits}
    assert assert_same_answers(new, old, seed=9) > 30
    for statement in UNDO_SCHEMA_SQL:
        conn.execute(statement)
    assert conn.execute("SELECT to_regclass('knowledge_searchmatch')").fetchone()[0] is None
    for statement in SCHEMA_SQL:
        conn.execute(statement)
    assert assert_same_answers(new, old, seed=10) > 30
