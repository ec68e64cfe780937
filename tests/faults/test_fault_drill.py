"""Fault drill (issue 12, point 4; decision 0119): kill -9 the web process, the worker
and PostgreSQL while stories are written, de-identified and indexed, restart them, and
check that nothing was lost or duplicated, that every job finished exactly once and
that the search index agrees with the database (`kwartier reindex --check`).

It runs its own throw-away PostgreSQL cluster (initdb in a temporary folder, its own
port, loopback only): the machine's cluster is never touched. It needs PostgreSQL's
server binaries and the de-identification cache; without them it skips, except in CI
(``CI`` set), where it fails instead of skipping silently; CI runs it in the suite's
PostgreSQL pass (``DATABASE_URL=postgres…``), not again in the SQLite pass. Outside CI
it only runs with ``KWARTIER_FAULT_DRILL=1`` (it takes one to two minutes). The counts go to stdout:
``pytest -s tests/faults`` shows them.
"""

from __future__ import annotations

import json
import os
import subprocess
import time
from collections import Counter
from pathlib import Path

import pytest

from tests.faults.drill import Api, Drill, postgres_bindir, wait_for

STORIES = 16
TEXT = (
    "Mijn schulden liepen op tot 8000 euro. Jan de Vries van het wijkteam in Beekdal "
    "belde me elke week op 06-12345678. Verhaal nummer {n} van de storingsoefening."
)
SETUP = """
from kwartier.accounts.models import Membership, Organisation, Role, User
from kwartier.api.tokens import api_token_create
organisation = Organisation.objects.create(name="Oefening", slug="oefening", city="Hofstad")
user = User.objects.create_user(email="oefening@example.nl", password=None, full_name="Oefen")
Membership.objects.create(user=user, organisation=organisation, role=Role.EXPERIENCE_WORKER)
print(api_token_create(user=user))
"""

# The title is stored encrypted: read it back through the model.
DUMP = """
import json
from kwartier.knowledge.models import Experience
print(json.dumps([[e.title_original, e.pk, e.state] for e in Experience.objects.order_by("pk")]))
"""


def _requirements() -> tuple[Path, str] | str:
    bindir = postgres_bindir()
    if bindir is None:
        return "PostgreSQL server binaries (initdb) not found under /usr/lib/postgresql"
    cache = Path(os.environ.get("KWARTIER_DEID_CACHE") or Path("var") / "deid-cache")
    if not cache.exists():
        return f"de-identification cache {cache} missing (the knowledge tests build it)"
    return bindir, str(cache)


@pytest.fixture
def drill():
    found = _requirements()
    if isinstance(found, str):
        if os.environ.get("CI"):
            pytest.fail(f"fault drill cannot run in CI: {found}")
        pytest.skip(found)
    if not (os.environ.get("CI") or os.environ.get("KWARTIER_FAULT_DRILL")):
        pytest.skip("fault drill: set KWARTIER_FAULT_DRILL=1 (CI runs it)")
    if os.environ.get("CI") and not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        pytest.skip("fault drill: CI runs it once, in the PostgreSQL pass of the suite")
    drill = Drill(found[0])
    try:
        yield drill
    except BaseException:
        print(drill.logs())
        raise
    finally:
        drill.close()


class Author:
    """Writes stories through the API and walks them to publication, retrying what a
    fault interrupted; remembers which writes the server acknowledged."""

    def __init__(self, api: Api) -> None:
        self.api = api
        self.attempted = 0
        self.acknowledged: dict[str, int] = {}  # title -> id
        self.stage: dict[int, str] = {}  # id -> "written" | "deid" | "published"
        self.retries = 0

    def write(self, n: int) -> None:
        title = f"Oefenverhaal {n}"
        self.attempted += 1
        answer = self.api.call(
            "POST", "/api/knowledge/experiences/", {"title": title, "text": TEXT.format(n=n)}
        )
        # Never retried blindly: an unacknowledged create may or may not exist (checked later).
        if answer and answer[0] == 201:
            self.acknowledged[title] = answer[1]["id"]
            self.stage[answer[1]["id"]] = "written"

    def advance(self, pk: int) -> None:
        """One step further along write -> de-identify -> publish, idempotently."""
        base = f"/api/knowledge/experiences/{pk}"
        stage = self.stage[pk]
        if stage == "written":
            status = self.api.call("GET", f"{base}/deidentify/")
            if status is None:
                return
            if status[1]["state"] == "draft":
                answer = self.api.call("POST", f"{base}/deidentify/")
                if answer is None or answer[0] != 202:
                    self.retries += 1
                    return
            self.stage[pk] = "deid"
        elif stage == "deid":
            status = self.api.call("GET", f"{base}/deidentify/")
            if status is None or status[1]["state"] != "review":
                return
            preview = self.api.call("GET", f"{base}/publish/")
            if preview is None or preview[0] != 200:
                return
            answer = self.api.call("POST", f"{base}/publish/", {
                "visibility": "organisation", "purposes": ["kennis"], "consent": True,
                "preview_hash": preview[1]["preview_hash"],
            })  # fmt: skip
            if answer is not None and answer[0] == 200:
                self.stage[pk] = "published"
            else:
                self.retries += 1

    def pending(self) -> list[int]:
        return [pk for pk, stage in self.stage.items() if stage != "published"]


def test_kill_minus_nine_of_web_worker_and_postgres_loses_and_repeats_nothing(drill: Drill):
    try:
        _drill(drill)
    except BaseException:
        print(drill.logs())  # the three processes' last output, for the CI log
        raise


def _open_tasks(drill: Drill, statuses: str) -> int | None:
    """Tasks in these states, or None while PostgreSQL is still recovering."""
    try:
        rows = drill.psql(
            f"SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status IN ({statuses})"  # noqa: S608 (constants of this module)
        )
    except subprocess.CalledProcessError:
        return None
    return int(rows[0][0])


def _drill(drill: Drill) -> None:
    started = time.monotonic()
    drill.init_cluster()
    drill.kwartier("migrate", "--no-input")
    drill.kwartier("createcachetable")
    token = drill.kwartier("shell", "-c", SETUP).stdout.strip().splitlines()[-1]
    drill.start_web()
    drill.worker.start()
    author = Author(Api(drill, token))

    kills = {
        STORIES // 4: drill.web,
        STORIES // 2: drill.worker,
        3 * STORIES // 4: drill.postgres,
    }
    killed: Counter[str] = Counter()
    for n in range(STORIES):
        if n in kills:
            kills[n].kill9()
            killed[kills[n].name] += 1
            author.write(n)  # a write during the outage: refused or acknowledged
            drill.supervise()
        else:
            author.write(n)
        for pk in author.pending():
            author.advance(pk)
        if n == STORIES // 2 + 2:
            # Kill the worker again while it is busy with de-identification jobs.
            wait_for(
                lambda: _open_tasks(drill, "'RUNNING'") or not author.pending(),
                timeout=60,
                what="a running job",
            )
            drill.worker.kill9()
            killed["worker"] += 1
            drill.supervise()

    def caught_up() -> bool:
        drill.supervise()
        for pk in author.pending():
            author.advance(pk)
        return not author.pending() and _open_tasks(drill, "'READY', 'RUNNING'") == 0

    wait_for(caught_up, timeout=150, what="every story published and every job finished", step=0.5)

    # -- records: every acknowledged write exactly once, nothing duplicated ------------------
    rows = json.loads(drill.kwartier("shell", "-c", DUMP).stdout.strip().splitlines()[-1])
    per_title = Counter(title for title, _id, _state in rows)
    duplicated = sorted(title for title, count in per_title.items() if count > 1)
    lost = sorted(title for title in author.acknowledged if per_title[title] == 0)
    unacknowledged_present = sorted(set(per_title) - set(author.acknowledged))

    # -- jobs: each finished once, none failed, none left behind ----------------------------
    tasks = drill.psql(
        "SELECT task_path, status, args_kwargs::text, jsonb_array_length(worker_ids) "
        "FROM django_tasks_database_dbtaskresult"
    )
    statuses = Counter(status for _path, status, _args, _workers in tasks)
    rerun = sum(1 for *_rest, workers in tasks if int(workers) > 1)
    jobs = Counter(state for (state,) in drill.psql("SELECT state FROM core_job"))
    deid_per_story = Counter(
        pk for path, _s, args, _w in tasks if path.endswith("deidentify_experiences")
        for pk in json.loads(args)["args"][1]
    )  # fmt: skip
    published = [int(pk) for _title, pk, state in rows if state == "published"]

    # -- the index agrees with the database --------------------------------------------------
    check = drill.kwartier("reindex", "--check", check=False)

    report = {
        "written": author.attempted,
        "acknowledged": len(author.acknowledged),
        "unacknowledged_but_stored": len(unacknowledged_present),
        "lost": len(lost),
        "duplicated": len(duplicated),
        "published": len(published),
        "tasks": dict(statuses),
        "tasks_run_again_after_a_kill": rerun,
        "jobs": dict(jobs),
        "kills": dict(killed),
        "restarts": {p.name: p.starts for p in drill.processes},
        "reindex_check_exit": check.returncode,
        "seconds": round(time.monotonic() - started, 1),
    }
    print("FAULT DRILL " + json.dumps(report))

    assert lost == [] and duplicated == [], report
    assert killed == {"web": 1, "worker": 2, "postgres": 1}
    assert set(statuses) == {"SUCCESSFUL"}, report
    assert set(jobs) == {"done"}, report
    assert all(deid_per_story[author.acknowledged[t]] >= 1 for t in author.acknowledged)
    assert sorted(published) == sorted(author.acknowledged.values()) or set(
        author.acknowledged.values()
    ) <= set(published), report
    assert check.returncode == 0, check.stdout + check.stderr
    assert "De zoekindex klopt met de database." in check.stdout
