"""`kwartier db_worker` puts back the tasks of a dead worker (decision 0119)."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max

from kwartier.core import worker

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 4, 10, 0, tzinfo=dt.UTC)


def running(worker_id: str, started: dt.datetime = NOW) -> DBTaskResult:
    return DBTaskResult.objects.create(
        args_kwargs={"args": [1], "kwargs": {}},
        task_path="kwartier.knowledge.tasks.index_experience",
        backend_name="default",
        run_after=get_date_max(),
        status=TaskResultStatus.RUNNING,
        started_at=started,
        worker_ids=[worker_id],
    )


@pytest.fixture
def live_worker():
    """A process whose command line says db_worker, standing in for a running worker."""
    process = subprocess.Popen(
        [sys.executable, "-c", "import sys; sys.stdin.read()", "db_worker"],
        stdin=subprocess.PIPE,
    )
    try:
        yield process.pid
    finally:
        process.kill()
        process.wait(timeout=10)


def test_tasks_of_a_dead_worker_on_this_host_go_back_to_the_queue(live_worker):
    finished = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                              capture_output=True, text=True, check=True)  # fmt: skip
    dead_pid = int(finished.stdout)
    dead = running(f"{worker.HOST}:{dead_pid}:abcdefgh")
    alive = running(f"{worker.HOST}:{live_worker}:abcdefgh")
    elsewhere = running("other-machine:123:abcdefgh")
    old_elsewhere = running("other-machine:124:abcdefgh", started=NOW - dt.timedelta(hours=5))

    requeued = worker.requeue_orphaned_tasks(lease_seconds=4 * 3600, now=NOW)

    assert sorted(requeued) == sorted([str(dead.pk), str(old_elsewhere.pk)])
    states = dict(DBTaskResult.objects.values_list("pk", "status"))
    assert states[dead.pk] == TaskResultStatus.READY
    assert states[old_elsewhere.pk] == TaskResultStatus.READY
    assert states[alive.pk] == TaskResultStatus.RUNNING
    assert states[elsewhere.pk] == TaskResultStatus.RUNNING
    assert DBTaskResult.objects.get(pk=dead.pk).started_at is None
    assert DBTaskResult.objects.ready().filter(pk=dead.pk).exists()


def test_the_worker_command_requeues_then_runs_the_task_once(transactional_db, settings, tmp_path):
    # The worker closes its database connections, so this test commits for real.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.SEARCH_INDEX_DIR = tmp_path / "index"
    task = running(f"{worker.HOST}:999999999:abcdefgh", started=timezone.now())

    call_command("db_worker", batch=True, no_startup_delay=True, interval=0, verbosity=0)
    task.refresh_from_db()
    assert task.status == TaskResultStatus.SUCCESSFUL
    assert len(task.worker_ids) == 2 and task.worker_ids[-1].startswith(f"{worker.HOST}:")


def test_worker_ids_name_host_and_process_and_fit_the_column():
    made = worker.worker_id(pid=4242)
    assert made.startswith(f"{worker.HOST}:4242:") and len(made) <= 64
