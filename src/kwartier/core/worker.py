"""Recovery of background jobs whose worker died (decision 0119).

django-tasks' database backend claims a task by setting it RUNNING with the worker's id
and has no lease: a worker killed with ``kill -9`` (or a power cut) leaves its task
RUNNING for ever, so the job never finishes. ``kwartier db_worker`` therefore names its
worker ``<host>:<pid>:<token>`` and, when it starts, puts back in the queue every RUNNING
task whose worker is gone:

* on this host, a worker process that no longer exists (checked with ``/proc``), or
* on any host, a task RUNNING for longer than ``KWARTIER_TASK_LEASE_SECONDS``.

A requeued task runs again from the start. That is safe because every Kwartier job is
idempotent (a second run changes nothing the first did not), so "at least once" runs
give "exactly once" results: the job's row finishes once, and the task result is
SUCCESSFUL once.
"""

from __future__ import annotations

import datetime as dt
import os
import socket
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

#: The part of a worker id that names the machine (worker ids are at most 64 characters).
HOST = socket.gethostname()[:40]


def worker_id(pid: int | None = None) -> str:
    return f"{HOST}:{os.getpid() if pid is None else pid}:{get_random_string(8)}"


def _process_alive(pid: int) -> bool:
    """Whether ``pid`` is a running worker (not a zombie, not a reused pid of another
    program). Linux only (``/proc``); elsewhere only the lease applies."""
    if pid == os.getpid():
        return False  # this worker is just starting: nothing of it can be running
    proc = Path("/proc") / str(pid)
    try:
        status = (proc / "stat").read_text()
        cmdline = (proc / "cmdline").read_bytes()
    except OSError:
        return False
    state = status.rsplit(")", 1)[-1].split()[0] if ")" in status else ""
    return state not in {"Z", "X"} and b"db_worker" in cmdline


def _worker_gone(worker: str) -> bool:
    host, _, rest = worker.partition(":")
    pid = rest.split(":", 1)[0]
    if host != HOST or not pid.isdigit() or not Path("/proc").is_dir():
        return False
    return not _process_alive(int(pid))


def requeue_orphaned_tasks(*, lease_seconds: int, now: dt.datetime | None = None) -> list[str]:
    """Put RUNNING tasks of dead workers (or past their lease) back to READY.

    Returns the ids of the tasks requeued."""
    cutoff = (now or timezone.now()) - dt.timedelta(seconds=lease_seconds)
    requeued: list[str] = []
    with transaction.atomic():
        running = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).select_for_update(
            skip_locked=True
        )
        for result in running:
            last = result.worker_ids[-1] if result.worker_ids else ""
            expired = result.started_at is None or result.started_at < cutoff
            if expired or _worker_gone(str(last)):
                result.status = TaskResultStatus.READY
                result.started_at = None
                result.save(update_fields=["status", "started_at"])
                requeued.append(str(result.pk))
    return requeued
