"""Each node's Tantivy copy of the PostgreSQL index (``search/replica.py``, decision 0123).

Two "nodes" are two ``ReplicatedBackend`` objects with folders of their own over one
scratch schema, each with its own connection, as two gunicorn processes on two machines
would be. Transactions are real: a change is written on one connection and committed or
rolled back while the other node searches.
"""

from __future__ import annotations

import contextlib
import json
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kwartier.knowledge.search.base import Scope, SearchDocument, SearchQuery, fingerprint
from kwartier.knowledge.search.postgres_backend import SCHEMA_SQL, PostgresBackend
from kwartier.knowledge.search.replica import (
    DROP_LOG_SQL,
    LOG_SCHEMA_SQL,
    ReplicatedBackend,
    prune_log,
)
from tests.knowledge.pg_scratch import PG_DSN, scratch_schema

EVERYONE = Scope(organisation_ids=frozenset({1, 2}), network_ids=frozenset({100}))
WORD = "schuldhulpmaatje"


def story(doc_id: str, body: str = f"Het {WORD} hielp mij.", **kwargs: Any) -> SearchDocument:
    fields: dict[str, Any] = {
        "title": "Ervaringsverhaal",
        "organisation_id": 1,
        "network_ids": (100,),
        "visibility": "organisation",
        "domains": ("financiën",),
        "year": 2025,
    }
    fields.update(kwargs)
    return SearchDocument(id=doc_id, body=body, **fields)


def found(backend: Any, text: str = WORD) -> set[str]:
    page = backend.search(SearchQuery(text=text, scope=EVERYONE, per_page=100))
    return {hit.id for hit in page.hits}


@pytest.fixture(scope="module")
def schema() -> Iterator[str]:
    with scratch_schema("kw_replica_test") as name:
        yield name


@pytest.fixture
def connect(schema: str) -> Iterator[Callable[..., Any]]:
    """Opens connections into a freshly created schema; all are closed afterwards."""
    import psycopg

    opened: list[Any] = []

    def open_connection(autocommit: bool = True) -> Any:
        # A writer waiting on another's row lock gives up at once instead of hanging a
        # test that interleaves two transactions in one thread.
        options = f"-c search_path={schema} -c lock_timeout=200ms"
        conn = psycopg.connect(PG_DSN, autocommit=autocommit, options=options)
        opened.append(conn)
        return conn

    setup = open_connection()
    for statement in ["DROP TABLE IF EXISTS knowledge_searchentry CASCADE", *DROP_LOG_SQL]:
        setup.execute(statement)
    setup.execute("DROP TABLE IF EXISTS knowledge_searchmatch")
    for statement in SCHEMA_SQL + LOG_SCHEMA_SQL:
        setup.execute(statement)
    yield open_connection
    for conn in opened:
        conn.close()


def node(connect: Callable[..., Any], folder: Path, **kwargs: Any) -> ReplicatedBackend:
    conn = connect()
    return ReplicatedBackend(PostgresBackend(lambda: conn), lambda: conn, folder, **kwargs)


def test_a_change_through_one_node_is_in_the_other_nodes_next_search(
    connect: Callable[..., Any], tmp_path: Path
) -> None:
    a, b = node(connect, tmp_path / "a"), node(connect, tmp_path / "b")
    a.index([story("1"), story("2", visibility="public")])
    assert found(b) == {"1", "2"}
    a.remove(["1"])
    assert found(b) == {"2"}  # the withdrawal, in node B's very next search
    a.index([story("2", body="Nu over iets anders.")])
    assert found(b) == set()
    assert found(b, "iets anders") == {"2"}
    assert b.answered_by_replica == 4 and b.answered_by_primary == 0
    assert b.fingerprints() == {"2": fingerprint("Ervaringsverhaal", "Nu over iets anders.")}
    assert b.rebuilds == 1  # built once, then only caught up


def test_only_committed_changes_reach_a_copy_and_a_writer_sees_its_own(
    connect: Callable[..., Any], tmp_path: Path
) -> None:
    reader = node(connect, tmp_path / "reader")
    writer_conn = connect(autocommit=False)
    writer = ReplicatedBackend(
        PostgresBackend(lambda: writer_conn), lambda: writer_conn, tmp_path / "writer"
    )
    assert found(writer) == set() and writer.answered_by_replica == 1  # copy built
    writer_conn.commit()
    writer.index([story("1")])
    assert found(reader) == set()  # not committed: invisible to the other node
    assert found(writer) == {"1"}  # its own transaction: PostgreSQL answers
    assert writer.answered_by_primary == 1
    writer_conn.rollback()
    assert found(writer) == set() and found(reader) == set()  # the copy never took it

    writer.index([story("2")])
    writer_conn.commit()
    assert found(reader) == {"2"}
    assert found(writer) == {"2"}
    writer_conn.commit()
    assert reader.fingerprints().keys() == {"2"}  # the rolled-back story never arrived


def test_transactions_committing_out_of_order_are_all_caught_up(
    connect: Callable[..., Any], tmp_path: Path
) -> None:
    """Snapshots, not sequence numbers: an earlier-numbered change committed after a
    later one is still applied."""
    reader = node(connect, tmp_path / "reader")
    assert found(reader) == set()
    first, second = connect(autocommit=False), connect(autocommit=False)
    PostgresBackend(lambda: first).index([story("early")])  # lower xid and log id
    PostgresBackend(lambda: second).index([story("late")])
    second.commit()
    assert found(reader) == {"late"}
    first.commit()
    assert found(reader) == {"early", "late"}
    assert reader.rebuilds == 1


def test_a_new_epoch_a_pruned_log_or_a_lost_state_file_rebuild_the_copy(
    connect: Callable[..., Any], tmp_path: Path
) -> None:
    conn = connect()
    reader = node(connect, tmp_path / "reader")
    writer = PostgresBackend(lambda: conn)
    writer.index([story("1")])
    assert found(reader) == {"1"} and reader.rebuilds == 1

    conn.execute("TRUNCATE knowledge_searchentry")  # the epoch goes with the rows
    assert found(reader) == set() and reader.rebuilds == 2

    writer.index([story("2")])
    assert found(reader) == {"2"} and reader.rebuilds == 2  # caught up, not rebuilt
    writer.index([story("3")])  # reader has not seen this one yet
    conn.execute("UPDATE knowledge_searchlog SET created_at = now() - interval '30 days'")
    assert prune_log(conn) == 3
    assert found(reader) == {"2", "3"} and reader.rebuilds == 3

    writer.index([story("4")])
    assert found(reader) == {"2", "3", "4"}
    conn.execute("UPDATE knowledge_searchlog SET created_at = now() - interval '30 days'")
    assert prune_log(conn) == 1  # all seen already: no rebuild needed
    assert found(reader) == {"2", "3", "4"} and reader.rebuilds == 3

    (tmp_path / "reader" / "state.json").unlink()
    assert found(reader) == {"2", "3", "4"} and reader.rebuilds == 4


def test_a_crash_before_the_state_file_only_repeats_idempotent_changes(
    connect: Callable[..., Any], tmp_path: Path
) -> None:
    conn = connect()
    writer = PostgresBackend(lambda: conn)
    writer.index([story("1"), story("2")])
    reader = node(connect, tmp_path / "reader")
    assert found(reader) == {"1", "2"}
    state_file = tmp_path / "reader" / "state.json"
    before = state_file.read_text()
    writer.remove(["1"])
    writer.index([story("3")])
    assert found(reader) == {"2", "3"}
    # As if the process died after Tantivy's commit, before the state file was replaced.
    state_file.write_text(before)
    fresh = node(connect, tmp_path / "reader")
    assert found(fresh) == {"2", "3"}
    assert fresh.fingerprints() == writer.fingerprints()
    assert fresh.rebuilds == 0
    assert json.loads(state_file.read_text())["snapshot"] != json.loads(before)["snapshot"]


def test_a_large_table_is_rebuilt_in_the_background_while_postgres_answers(
    connect: Callable[..., Any], tmp_path: Path
) -> None:
    PostgresBackend(lambda: connect()).index([story(str(n)) for n in range(30)])
    released = threading.Event()
    background_conn = connect()
    reader_conn = connect()

    def connection_of_this_thread() -> Any:
        in_background = threading.current_thread().name.startswith("kwartier")
        return background_conn if in_background else reader_conn

    reader = ReplicatedBackend(
        PostgresBackend(lambda: reader_conn),
        connection_of_this_thread,
        tmp_path / "reader",
        release=released.set,
        inline_rebuild_limit=10,
    )
    assert len(found(reader)) == 30
    assert reader.answered_by_primary == 1
    reader.wait_for_rebuild(60)
    assert released.is_set()  # the thread closed its connection
    assert len(found(reader)) == 30
    assert reader.answered_by_replica == 1 and reader.rebuilds == 1


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    steps=st.lists(
        st.tuples(
            st.sampled_from(["index", "remove", "commit", "rollback", "search"]),
            st.integers(0, 1),  # which writer
            st.integers(0, 5),  # which story
            st.sampled_from(["organisation", "network", "public"]),
        ),
        max_size=25,
    )
)
def test_a_copy_always_answers_what_postgres_answers(
    connect: Callable[..., Any], tmp_path_factory: pytest.TempPathFactory, steps: list[Any]
) -> None:
    """Two writers interleave uncommitted changes, commits and rollbacks; after every
    step the node's copy finds exactly what PostgreSQL finds for committed data."""
    import psycopg

    with _opened(connect) as (setup, reader_conn, truth_conn, *writers):
        setup.execute("DELETE FROM knowledge_searchentry")
        reader = ReplicatedBackend(
            PostgresBackend(lambda: reader_conn),
            lambda: reader_conn,
            tmp_path_factory.mktemp("reader"),
        )
        truth = PostgresBackend(lambda: truth_conn)
        for action, who, number, visibility in steps:
            conn = writers[who]
            backend = PostgresBackend(lambda conn=conn: conn)
            try:
                if action == "index":
                    backend.index([story(str(number), visibility=visibility)])
                elif action == "remove":
                    backend.remove([str(number)])
            except psycopg.errors.LockNotAvailable:  # the other writer holds that row
                conn.rollback()
            if action == "commit":
                conn.commit()
            elif action == "rollback":
                conn.rollback()
            assert found(reader) == found(truth)
        for conn in writers:
            conn.rollback()
        assert found(reader) == found(truth)


@contextlib.contextmanager
def _opened(connect: Callable[..., Any]) -> Iterator[list[Any]]:
    """Three autocommit connections and two transactional writers, closed after use."""
    conns = [connect(), connect(), connect(), connect(autocommit=False), connect(autocommit=False)]
    try:
        yield conns
    finally:
        for conn in conns:
            conn.close()
