"""Each web node's own Tantivy copy of the PostgreSQL search index (decision 0123).

With several web nodes the stories live in one PostgreSQL database: ``PostgresBackend``
writes ``knowledge_searchentry`` and can answer every search itself. At a million stories
that costs hundreds of milliseconds a search, because an exact total, exact facets and the
top ten by rank need every visible match read from the heap. Tantivy answers the same
search from compact columns in milliseconds, but its index is a folder on one machine.

``ReplicatedBackend`` keeps a Tantivy copy per node, in step with the database:

- **The change log.** A trigger on ``knowledge_searchentry`` writes the id of every row
  it inserts, updates or deletes to ``knowledge_searchlog``, with the writing transaction's
  id (``pg_current_xact_id()``), in the same transaction: a change and its log row commit
  or vanish together.
- **Catching up before every search.** The copy remembers the database snapshot it is
  current for. One small statement asks whether any log row is visible now that was not
  visible in that snapshot (``pg_visible_in_snapshot``). If so, the node takes its file
  lock, reads those ids with the text table's current rows in one statement (with the new
  snapshot), upserts or deletes them in Tantivy, commits, and only then records the new
  snapshot. Snapshots, not sequence numbers: transactions commit in another order than
  they took their numbers, and a snapshot says exactly which ones had committed. A story
  withdrawn on node A is therefore gone from node B's very next search.
- **The database decides when the copy cannot.** A search in a transaction that has itself
  changed the index (its own log rows, not yet committed) is answered by PostgreSQL, so it
  sees its own writes and the copy never holds anything that may still roll back. So is a
  search while the copy is being built, or while another process holds the lock too long.
- **Rebuild rule.** The copy is rebuilt from the text table when it has none yet, when the
  database's epoch (a random token in ``knowledge_searchlog_epoch``, made anew when the
  table is truncated or the epoch row is gone, e.g. a restore into another database)
  differs from the copy's, when the log was pruned past the copy's snapshot, or when the
  snapshot lies in the database's future. A small table is rebuilt inline; a large one in
  a background thread into a new folder, swapped in when complete (searches meanwhile go
  to PostgreSQL). A crash between Tantivy's commit and the state file only repeats
  idempotent upserts and deletes.

Ranks come from Tantivy (BM25), not ``ts_rank_cd``: both backends pass the same shared
suite (same matches, totals, facets and visibility), not the same order of equal-looking
hits. This module talks DB-API only and imports no Django.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import logging
import os
import shutil
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kwartier.knowledge.search.base import (
    PreparedDocument,
    SearchDocument,
    SearchPage,
    SearchQuery,
)
from kwartier.knowledge.search.postgres_backend import PostgresBackend
from kwartier.knowledge.search.tantivy_backend import TantivyBackend

logger = logging.getLogger("kwartier.knowledge")

#: Idempotent DDL for the change log (a migration runs it after ``SCHEMA_SQL``).
LOG_SCHEMA_SQL: list[str] = [
    """
    CREATE TABLE IF NOT EXISTS knowledge_searchlog (
        id bigserial PRIMARY KEY,
        entry_id text NOT NULL,
        xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
        created_at timestamptz NOT NULL DEFAULT now()
    )
    """,
    "CREATE INDEX IF NOT EXISTS knowledge_searchlog_xid ON knowledge_searchlog (xid)",
    "CREATE INDEX IF NOT EXISTS knowledge_searchlog_created ON knowledge_searchlog (created_at)",
    """
    CREATE TABLE IF NOT EXISTS knowledge_searchlog_epoch (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        token uuid NOT NULL DEFAULT gen_random_uuid(),
        pruned_xid xid8 NOT NULL DEFAULT '0'
    )
    """,
    "INSERT INTO knowledge_searchlog_epoch DEFAULT VALUES ON CONFLICT DO NOTHING",
    """
    CREATE OR REPLACE FUNCTION knowledge_searchentry_log() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'TRUNCATE' THEN
            DELETE FROM knowledge_searchlog_epoch;
            RETURN NULL;
        END IF;
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
            INSERT INTO knowledge_searchlog (entry_id) VALUES (OLD.id);
        END IF;
        IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.id <> OLD.id) THEN
            INSERT INTO knowledge_searchlog (entry_id) VALUES (NEW.id);
        END IF;
        RETURN NULL;
    END
    $$
    """,
    "CREATE OR REPLACE TRIGGER knowledge_searchentry_log "
    "AFTER INSERT OR UPDATE OR DELETE ON knowledge_searchentry "
    "FOR EACH ROW EXECUTE FUNCTION knowledge_searchentry_log()",
    "CREATE OR REPLACE TRIGGER knowledge_searchentry_truncate "
    "AFTER TRUNCATE ON knowledge_searchentry "
    "FOR EACH STATEMENT EXECUTE FUNCTION knowledge_searchentry_log()",
]

#: The reverse of ``LOG_SCHEMA_SQL`` (idempotent).
DROP_LOG_SQL: list[str] = [
    "DROP TRIGGER IF EXISTS knowledge_searchentry_truncate ON knowledge_searchentry",
    "DROP TRIGGER IF EXISTS knowledge_searchentry_log ON knowledge_searchentry",
    "DROP FUNCTION IF EXISTS knowledge_searchentry_log()",
    "DROP TABLE IF EXISTS knowledge_searchlog_epoch",
    "DROP TABLE IF EXISTS knowledge_searchlog",
]

#: Log rows younger than this are kept; a copy that missed more is rebuilt.
KEEP_LOG_DAYS = 7

#: Tables up to this many stories are rebuilt inside the search that needs it.
INLINE_REBUILD_LIMIT = 5_000

#: Rows per read while rebuilding, and changes per catch-up before a rebuild is cheaper.
REBUILD_CHUNK = 5_000
CATCH_UP_LIMIT = 50_000

#: How long a search waits for another process's catch-up before asking PostgreSQL.
LOCK_WAIT_S = 2.0

_ENTRY_COLUMNS = (
    "s.id, s.title, s.body, s.title_norm, s.body_norm, s.organisation_id, s.network_ids, "
    "s.visibility, s.domains, s.life_phase, s.tags, s.year, s.author_id"
)

# Per search: the epoch, whether the log was pruned past the copy's snapshot, whether the
# snapshot lies in the future (another database), whether any change committed since the
# snapshot, and whether this transaction has uncommitted changes of its own.
_CHECK = """
SELECT e.token::text,
    coalesce(e.pruned_xid >= pg_snapshot_xmin(%s::pg_snapshot), false),
    pg_snapshot_xmax(pg_current_snapshot()) < pg_snapshot_xmin(%s::pg_snapshot),
    EXISTS (SELECT 1 FROM knowledge_searchlog AS l
        WHERE l.xid >= pg_snapshot_xmin(%s::pg_snapshot)
        AND NOT pg_visible_in_snapshot(l.xid, %s::pg_snapshot)),
    EXISTS (SELECT 1 FROM knowledge_searchlog AS l WHERE l.xid = pg_current_xact_id_if_assigned())
FROM (SELECT 1) AS one LEFT JOIN knowledge_searchlog_epoch AS e ON true
"""

_OWN_CHANGES = (
    "SELECT EXISTS (SELECT 1 FROM knowledge_searchlog WHERE xid = pg_current_xact_id_if_assigned())"
)

# The ids changed since the snapshot, with their rows as they are now, and the new
# snapshot, all in one statement (one snapshot). A missing row means: delete. Only
# constants of this module are formatted in; every value is a parameter.
_CHANGES = f"""
WITH changed AS (
    SELECT DISTINCT entry_id FROM knowledge_searchlog
    WHERE xid >= pg_snapshot_xmin(%s::pg_snapshot)
    AND NOT pg_visible_in_snapshot(xid, %s::pg_snapshot)
    LIMIT {CATCH_UP_LIMIT + 1}
)
SELECT pg_current_snapshot()::text, c.entry_id, s.id IS NOT NULL, {_ENTRY_COLUMNS}
FROM (SELECT 1) AS one
LEFT JOIN (changed AS c LEFT JOIN knowledge_searchentry AS s ON s.id = c.entry_id) ON true
"""  # noqa: S608  # nosec B608

_EPOCH = "SELECT token::text FROM knowledge_searchlog_epoch"
_NEW_EPOCH = "INSERT INTO knowledge_searchlog_epoch DEFAULT VALUES ON CONFLICT DO NOTHING"
_SNAPSHOT = "SELECT pg_current_snapshot()::text"
_COUNT = "SELECT count(*) FROM knowledge_searchentry"
_CHUNK = (
    f"SELECT {_ENTRY_COLUMNS} FROM knowledge_searchentry AS s "  # noqa: S608  # nosec B608
    "WHERE s.id > %s ORDER BY s.id LIMIT %s"
)
_PRUNE = """
WITH gone AS (
    DELETE FROM knowledge_searchlog WHERE created_at < now() - %s * interval '1 day'
    RETURNING xid
), newest AS (SELECT max(xid) AS xid FROM gone)
UPDATE knowledge_searchlog_epoch SET pruned_xid = greatest(pruned_xid, newest.xid)
FROM newest WHERE newest.xid IS NOT NULL
RETURNING (SELECT count(*) FROM gone)
"""


@dataclass(frozen=True, slots=True)
class ReplicaState:
    """What the copy on disk holds: its folder, the database epoch and snapshot."""

    folder: str
    epoch: str
    snapshot: str


def prepared_from_row(row: tuple[Any, ...]) -> PreparedDocument:
    """A text-table row (``_ENTRY_COLUMNS`` order) as a document, its text normalised."""
    (doc_id, title, body, title_norm, body_norm, org, networks, visibility, domains,
     life_phase, tags, year, author_id) = row  # fmt: skip
    doc = SearchDocument(
        id=doc_id,
        title=title,
        body=body,
        organisation_id=org,
        network_ids=tuple(networks or ()),
        visibility=visibility,
        domains=tuple(domains or ()),
        life_phase=life_phase,
        tags=tuple(tags or ()),
        year=year,
        author_id=author_id,
    )
    return PreparedDocument(doc, title_norm, body_norm)


def prune_log(connection: Any, keep_days: int = KEEP_LOG_DAYS) -> int:
    """Delete log rows older than ``keep_days``; copies that missed them will rebuild."""
    with connection.cursor() as cursor:
        cursor.execute(_PRUNE, [keep_days])
        row = cursor.fetchall() if cursor.description else []
    return int(row[0][0]) if row else 0


class ReplicatedBackend:
    """``primary`` (PostgreSQL) for writes and as the fallback; a Tantivy copy for search.

    ``connection_factory`` is the same DB-API connection the primary uses (Django's
    connection of the calling thread); ``release`` closes it after a background rebuild.
    ``replica_dir`` is this node's folder; the processes of one node share it.
    """

    def __init__(
        self,
        primary: PostgresBackend,
        connection_factory: Callable[[], Any],
        replica_dir: Path,
        *,
        release: Callable[[], None] | None = None,
        inline_rebuild_limit: int = INLINE_REBUILD_LIMIT,
        rebuild_heap_bytes: int = 200_000_000,
    ) -> None:
        self._primary = primary
        self._connect = connection_factory
        self._release = release
        self._dir = Path(replica_dir)
        self._dir.mkdir(parents=True, exist_ok=True)
        self._inline_limit = inline_rebuild_limit
        self._rebuild_heap = rebuild_heap_bytes
        self._lock = threading.RLock()
        self._state: ReplicaState | None = None
        self._state_signature: tuple[int, int, int] | None = None
        self._replica: TantivyBackend | None = None
        self._rebuilding: threading.Thread | None = None
        #: Counters for tests and the benchmark: searches answered by each side, rebuilds.
        self.answered_by_replica = 0
        self.answered_by_primary = 0
        self.rebuilds = 0

    # -- writing: PostgreSQL only; the copies follow through the log -----------------------

    def index(self, docs: Iterable[SearchDocument]) -> None:
        self._primary.index(docs)

    def index_prepared(self, prepared: Iterable[PreparedDocument]) -> None:
        self._primary.index_prepared(prepared)

    def remove(self, ids: Iterable[str]) -> None:
        self._primary.remove(ids)

    def clear(self) -> None:
        self._primary.clear()

    def count(self) -> int:
        return self._primary.count()

    def fingerprints(self) -> dict[str, str]:
        """This node's copy after catching up (what its searches read), else the database's."""
        replica = self._current_replica()
        return replica.fingerprints() if replica else self._primary.fingerprints()

    # -- reading -------------------------------------------------------------------------

    def search(self, q: SearchQuery) -> SearchPage:
        replica = self._current_replica()
        if replica is None:
            self.answered_by_primary += 1
            return self._primary.search(q)
        self.answered_by_replica += 1
        return replica.search(q)

    def rebuild(self, progress: Callable[[int, int], None] | None = None) -> bool:
        """Build this node's copy from the text table now (a deploy step; the benchmark),
        after any build another process of this node is doing. False, and nothing built,
        when this transaction has uncommitted changes of its own."""
        with self._file_lock(wait_s=None) as locked:
            if not locked or self._own_changes():
                return False
            self._rebuild_locked(progress)
            return True

    def prepare(self, progress: Callable[[int, int], None] | None = None) -> None:
        """Make this node's copy current now (node start, the benchmark): caught up when
        it is still valid, rebuilt when it is not."""
        self.wait_for_rebuild()
        with self._lock:
            state = self._load_state()
            current = state is not None and self._still_valid(state) and self._catch_up()
        if not current:
            self.wait_for_rebuild()
            self.rebuild(progress)

    def wait_for_rebuild(self, timeout_s: float | None = None) -> None:
        thread = self._rebuilding
        if thread is not None:
            thread.join(timeout_s)

    # -- keeping the copy current ----------------------------------------------------------

    def _execute(self, sql: str, params: Iterable[Any] = ()) -> list[tuple[Any, ...]]:
        with self._connect().cursor() as cursor:
            cursor.execute(sql, list(params))
            return list(cursor.fetchall()) if cursor.description is not None else []

    def _current_replica(self) -> TantivyBackend | None:
        """The copy, caught up to now; None when PostgreSQL must answer this search."""
        with self._lock:
            state = self._load_state()
            if state is None:
                return self._start_rebuild()
            epoch, pruned, future, changed, own = self._execute(_CHECK, [state.snapshot] * 4)[0]
            if own:
                return None
            if epoch != state.epoch or pruned or future:
                return self._start_rebuild()
            if changed and not self._catch_up():
                return None
            return self._replica

    def _catch_up(self) -> bool:
        """Apply the changes committed since the copy's snapshot; False: ask PostgreSQL."""
        with self._file_lock(wait_s=LOCK_WAIT_S) as locked:
            if not locked:
                return False
            state = self._load_state()  # another process may have caught up meanwhile
            if state is None:
                return False
            rows = self._execute(_CHANGES, [state.snapshot] * 2)
            if len(rows) > CATCH_UP_LIMIT:
                self._write_state(None)
                self._start_rebuild_in_thread()
                return False
            upserts: list[PreparedDocument] = []
            deletes: list[str] = []
            for _snapshot, entry_id, present, *entry in rows:
                if entry_id is None:
                    continue
                if present:
                    upserts.append(prepared_from_row(tuple(entry)))
                else:
                    deletes.append(entry_id)
            if (upserts or deletes) and self._replica is not None:
                self._replica.apply(upserts, deletes)
            self._write_state(ReplicaState(state.folder, state.epoch, rows[0][0]))
            return True

    def _start_rebuild(self) -> TantivyBackend | None:
        """Rebuild now when the table is small, else in a background thread; returns
        the copy when it is ready for this search."""
        if self._rebuilding is not None and self._rebuilding.is_alive():
            return None
        if self._own_changes():
            return None
        if int(self._execute(_COUNT)[0][0]) <= self._inline_limit:
            with self._file_lock(wait_s=LOCK_WAIT_S) as locked:
                if not locked:
                    return None
                state = self._load_state()
                if state is None or not self._still_valid(state):
                    self._rebuild_locked(None)
                return self._replica if self._load_state() else None
        self._start_rebuild_in_thread()
        return None

    def _start_rebuild_in_thread(self) -> None:
        """A rebuild in a thread of its own, with its own database connection."""
        if self._rebuilding is not None and self._rebuilding.is_alive():
            return
        self._rebuilding = threading.Thread(
            target=self._rebuild_in_background, name="kwartier-search-replica", daemon=True
        )
        self._rebuilding.start()

    def _rebuild_in_background(self) -> None:
        try:
            with self._file_lock(wait_s=None) as locked:
                if locked:
                    state = self._load_state()
                    if state is None or not self._still_valid(state):
                        self._rebuild_locked(None)
        except Exception:
            # PostgreSQL keeps answering; the next search that needs the copy tries again.
            logger.exception("The search copy in %s could not be rebuilt", self._dir)
        finally:
            if self._release is not None:
                self._release()

    def _still_valid(self, state: ReplicaState) -> bool:
        epoch, pruned, future, _changed, _own = self._execute(_CHECK, [state.snapshot] * 4)[0]
        return bool(epoch == state.epoch and not pruned and not future)

    def _own_changes(self) -> bool:
        return bool(self._execute(_OWN_CHANGES)[0][0])

    def _rebuild_locked(self, progress: Callable[[int, int], None] | None) -> None:
        """Build a new folder from the text table, then switch the state file to it.

        The snapshot is taken before reading: a change committed after it is read again
        by the next catch-up (upserts and deletes are idempotent), one committed before
        it is in the rows read.
        """
        epoch_rows = self._execute(_EPOCH)
        if not epoch_rows:
            self._execute(_NEW_EPOCH)
            epoch_rows = self._execute(_EPOCH)
        epoch = str(epoch_rows[0][0])
        snapshot = str(self._execute(_SNAPSHOT)[0][0])
        total = int(self._execute(_COUNT)[0][0])
        # Folders older than the one in use go now, not at the switch: another process
        # may still be reading the one in use until its next search sees the new state.
        self._remove_folders_except(self._state.folder if self._state else None)
        folder = f"index-{uuid.uuid4().hex[:12]}"
        replica = TantivyBackend(
            self._dir / folder, writer_heap_bytes=self._rebuild_heap, writer_threads=1
        )
        replica.index_prepared(self._all_rows(total, progress))
        with self._lock:
            self.rebuilds += 1
            self._write_state(ReplicaState(folder, epoch, snapshot))

    def _all_rows(
        self, total: int, progress: Callable[[int, int], None] | None
    ) -> Iterator[PreparedDocument]:
        last, done = "", 0
        if progress:
            progress(0, total)
        while True:
            rows = self._execute(_CHUNK, [last, REBUILD_CHUNK])
            if not rows:
                return
            for row in rows:
                yield prepared_from_row(row)
            last = str(rows[-1][0])
            done += len(rows)
            if progress:
                progress(min(done, max(total, done)), max(total, done))

    # -- the state file and the node's lock ----------------------------------------------------

    @property
    def _state_path(self) -> Path:
        return self._dir / "state.json"

    def _load_state(self) -> ReplicaState | None:
        """The state file, re-read only when it changed (one ``stat`` per search)."""
        try:
            stat = os.stat(self._state_path)
        except FileNotFoundError:
            self._state, self._state_signature, self._replica = None, None, None
            return None
        signature = (stat.st_ino, stat.st_mtime_ns, stat.st_size)
        if signature != self._state_signature:
            try:
                data = json.loads(self._state_path.read_text())
                state: ReplicaState | None = ReplicaState(
                    str(data["folder"]), str(data["epoch"]), str(data["snapshot"])
                )
            except (OSError, ValueError, KeyError, TypeError):
                state = None
            if state is not None and (
                self._state is None or state.folder != self._state.folder or self._replica is None
            ):
                self._replica = TantivyBackend(
                    self._dir / state.folder, writer_heap_bytes=15_000_000, writer_threads=1
                )
            if state is None:
                self._replica = None
            self._state, self._state_signature = state, signature
        return self._state

    def _write_state(self, state: ReplicaState | None) -> None:
        """Replace the state file atomically (write, fsync, rename)."""
        if state is None:
            with contextlib.suppress(FileNotFoundError):
                self._state_path.unlink()
            self._load_state()
            return
        temporary = self._dir / f".state-{uuid.uuid4().hex[:8]}.json"
        with temporary.open("w") as handle:
            json.dump(
                {"folder": state.folder, "epoch": state.epoch, "snapshot": state.snapshot}, handle
            )
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, self._state_path)
        self._load_state()

    def _remove_folders_except(self, keep: str | None) -> None:
        for path in self._dir.iterdir():
            if path.is_dir() and path.name.startswith("index-") and path.name != keep:
                shutil.rmtree(path, ignore_errors=True)

    @contextlib.contextmanager
    def _file_lock(self, wait_s: float | None) -> Iterator[bool]:
        """The node's lock (``flock``): one process catches up or rebuilds at a time.

        ``wait_s=None`` waits as long as it takes; otherwise yields False after ``wait_s``.
        """
        with (self._dir / "lock").open("a") as handle:
            deadline = None if wait_s is None else time.monotonic() + wait_s
            while True:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | (0 if deadline is None else fcntl.LOCK_NB))
                    break
                except OSError as error:
                    if error.errno not in (errno.EAGAIN, errno.EACCES):
                        raise
                    if deadline is not None and time.monotonic() > deadline:
                        yield False
                        return
                    time.sleep(0.01)
            try:
                yield True
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)
