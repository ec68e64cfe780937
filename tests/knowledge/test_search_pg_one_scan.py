"""The PostgreSQL backend's one-scan search (page, total and facets from one read of the
matches) returns exactly what the two-statement path returns, on a generated corpus with
many ties in rank, every visibility and several pages."""

from __future__ import annotations

import os
import random
import uuid
from collections.abc import Iterator
from typing import Any

import pytest

from kwartier.knowledge.search.base import Scope, SearchDocument, SearchQuery
from kwartier.knowledge.search.postgres_backend import SCHEMA_SQL, PostgresBackend

PG_DSN = os.environ.get("KWARTIER_TEST_PG_DSN", "postgresql://postgres@127.0.0.1:5432/postgres")
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


@pytest.fixture(scope="module")
def connection() -> Iterator[Any]:
    psycopg = pytest.importorskip("psycopg")
    try:
        admin = psycopg.connect(PG_DSN, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as error:
        if os.environ.get("CI"):
            raise
        pytest.skip(f"PostgreSQL not reachable at KWARTIER_TEST_PG_DSN={PG_DSN}: {error}")
    schema = f"kw_one_scan_{uuid.uuid4().hex[:12]}"
    admin.execute(f'CREATE SCHEMA "{schema}"')
    conn = psycopg.connect(PG_DSN, autocommit=True, options=f"-c search_path={schema}")
    try:
        for statement in SCHEMA_SQL:
            conn.execute(statement)
        PostgresBackend(lambda: conn).index(corpus(600, seed=12))
        yield conn
    finally:
        conn.close()
        admin.execute(f'DROP SCHEMA "{schema}" CASCADE')
        admin.close()


def test_one_scan_equals_two_statements(connection: Any) -> None:
    one_scan = PostgresBackend(lambda: connection)
    old = PostgresBackend(lambda: connection, one_scan=False)
    rng = random.Random(5)
    scopes = [Scope.anonymous()] + [
        Scope(frozenset({org}), frozenset({org % 3 + 1})) for org in range(1, 9)
    ]
    compared = 0
    for _ in range(60):
        text = " ".join(rng.sample(WORDS, rng.randint(1, 2)))
        filters: dict[str, Any] = rng.choice(
            [{}, {}, {"domain": "wonen"}, {"tag": "armoede"}, {"year": 2022}]
        )
        for page in (1, 2, 9):
            q = SearchQuery(text=text, scope=rng.choice(scopes), page=page, per_page=7, **filters)
            new_page, old_page = one_scan.search(q), old.search(q)
            assert [(h.id, h.score) for h in new_page.hits] == [
                (h.id, h.score) for h in old_page.hits
            ]
            assert new_page.hits == old_page.hits
            assert new_page.total == old_page.total
            assert new_page.facets == old_page.facets
            compared += bool(old_page.hits)
    assert compared > 60  # the corpus gives most queries real pages to compare
