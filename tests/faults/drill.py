"""The machinery of the fault drill (tests/faults/test_fault_drill.py, decision 0119).

A throw-away PostgreSQL cluster in a temporary folder on its own port (never the
machine's own cluster), gunicorn and ``kwartier db_worker`` as child processes, each in
its own process group so that ``kill -9`` hits the whole of it, and a small API client.
Everything listens on 127.0.0.1 only and is stopped in ``close()``, also after a failure.
"""

from __future__ import annotations

import contextlib
import glob
import json
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
DB_NAME = "kwartier_load_faults_drill"


def postgres_bindir() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for(condition: Callable[[], Any], *, timeout: float, what: str, step: float = 0.1) -> Any:
    """Poll ``condition`` until it returns something truthy; fail after ``timeout``."""
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(step)


class Process:
    """One child process in its own session: ``kill9`` kills its whole group."""

    def __init__(self, name: str, argv: list[str], env: dict[str, str], log: Path, **kw: Any):
        self.name, self.argv, self.env, self.log, self.kw = name, argv, env, log, kw
        self.popen: subprocess.Popen[bytes] | None = None
        self.starts = 0

    def start(self) -> None:
        handle = self.log.open("ab")
        self.popen = subprocess.Popen(  # noqa: S603 (our own argv)
            self.argv,
            env=self.env,
            cwd=REPO_ROOT,
            stdout=handle,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
            **self.kw,
        )
        handle.close()
        self.starts += 1

    def running(self) -> bool:
        return self.popen is not None and self.popen.poll() is None

    def kill9(self) -> None:
        if self.popen is None:
            return
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.popen.pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.popen.wait(timeout=20)

    def stop(self) -> None:
        if self.popen is None or self.popen.poll() is not None:
            self.kill9()
            return
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.popen.pid, signal.SIGTERM)
        try:
            self.popen.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.kill9()


class Drill:
    """A throw-away cluster, the web process and the worker, wired together."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.tmp = Path(tempfile.mkdtemp(prefix="kwartier-drill-"))
        self.tmp.chmod(0o755)
        self.pg_port, self.web_port = free_port(), free_port()
        self.as_root = os.geteuid() == 0
        self.pgdata = self.tmp / "pgdata"
        self.data_dir = self.tmp / "data"
        self.data_dir.mkdir()
        self.processes: list[Process] = []
        deid_cache = os.environ.get("KWARTIER_DEID_CACHE") or str(REPO_ROOT / "var" / "deid-cache")
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))},
            "DJANGO_SETTINGS_MODULE": "kwartier.settings",
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:{self.pg_port}/{DB_NAME}",
            "KWARTIER_DATA_DIR": str(self.data_dir),
            "KWARTIER_DEID_CACHE": deid_cache,
            "KWARTIER_SEARCH_BACKEND": "tantivy",
            "KWARTIER_TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
            "PYTHONUNBUFFERED": "1",
        }
        self.postgres = Process(
            "postgres",
            [str(bindir / "postgres"), "-D", str(self.pgdata), "-p", str(self.pg_port),
             "-k", str(self.tmp), "-c", "listen_addresses=127.0.0.1", "-c", "fsync=on"],
            os.environ.copy(), self.tmp / "postgres.log", **self._pg_user(),
        )  # fmt: skip
        self.web = Process(
            "web",
            [str(BIN / "gunicorn"), "kwartier.wsgi", "--bind", f"127.0.0.1:{self.web_port}",
             "--workers", "2", "--timeout", "60"],
            self.env, self.tmp / "web.log",
        )  # fmt: skip
        self.worker = Process(
            "worker",
            [str(BIN / "kwartier"), "db_worker", "--no-startup-delay", "--interval", "0.2"],
            self.env, self.tmp / "worker.log",
        )  # fmt: skip
        self.processes = [self.worker, self.web, self.postgres]

    def _pg_user(self) -> dict[str, Any]:
        if not self.as_root:
            return {}
        postgres = pwd.getpwnam("postgres")
        return {"user": postgres.pw_uid, "group": postgres.pw_gid}

    # -- PostgreSQL -------------------------------------------------------------------------

    def init_cluster(self) -> None:
        self.pgdata.mkdir()
        if self.as_root:
            shutil.chown(self.pgdata, "postgres", "postgres")
            shutil.chown(self.tmp, "postgres", "postgres")
        subprocess.run(  # noqa: S603
            [str(self.bindir / "initdb"), "-D", str(self.pgdata), "-U", "postgres",
             "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"],
            check=True, capture_output=True, **self._pg_user(),
        )  # fmt: skip
        self.start_postgres()
        self.psql(f"CREATE DATABASE {DB_NAME}", db="postgres")

    def start_postgres(self) -> None:
        # After a kill -9 the old backends may need a moment to notice and exit.
        def started() -> bool:
            if not self.postgres.running():
                self.postgres.start()
                time.sleep(0.3)
            return self.psql_ok()

        wait_for(started, timeout=60, what="PostgreSQL to accept connections", step=0.3)

    def psql_ok(self) -> bool:
        try:
            self.psql("SELECT 1", db="postgres")
        except subprocess.CalledProcessError:
            return False
        return True

    def psql(self, sql: str, *, db: str = DB_NAME) -> list[list[str]]:
        out = subprocess.run(  # noqa: S603
            [str(self.bindir / "psql"), "-h", "127.0.0.1", "-p", str(self.pg_port), "-U",
             "postgres", "-d", db, "-At", "-F", "\t", "-v", "ON_ERROR_STOP=1", "-c", sql],
            check=True, capture_output=True, text=True, timeout=30,
        )  # fmt: skip
        return [line.split("\t") for line in out.stdout.splitlines() if line]

    # -- Kwartier ---------------------------------------------------------------------------

    def kwartier(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return subprocess.run(  # noqa: S603
            [str(BIN / "kwartier"), *args],
            env=self.env, cwd=REPO_ROOT, capture_output=True, text=True, check=check, timeout=120,
        )  # fmt: skip

    def start_web(self) -> None:
        self.web.start()
        wait_for(self.web_ok, timeout=60, what="gunicorn to answer")

    def web_ok(self) -> bool:
        try:
            with urllib.request.urlopen(self.url("/health/bare/"), timeout=2) as response:  # noqa: S310
                return bool(response.status == 200)
        except (OSError, urllib.error.URLError):
            return False

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.web_port}{path}"

    def supervise(self) -> None:
        """What systemd's Restart=always does: start any of the three that is down."""
        if not self.postgres.running():
            self.start_postgres()
        if not self.web.running():
            self.start_web()
        if not self.worker.running():
            self.worker.start()

    def close(self) -> None:
        for process in self.processes:
            process.stop()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def logs(self) -> str:
        parts = []
        for process in self.processes:
            if process.log.exists():
                parts.append(f"--- {process.name} ---\n" + process.log.read_text()[-3000:])
        return "\n".join(parts)


class Api:
    """A tiny JSON client over urllib; a transport error or 5xx is returned as None."""

    def __init__(self, drill: Drill, token: str) -> None:
        self.drill, self.token = drill, token

    def call(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(  # noqa: S310
            self.drill.url(path),
            data=data,
            method=method,
            headers={"Authorization": f"Token {self.token}", "Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=15) as response:  # noqa: S310
                return response.status, json.loads(response.read() or b"null")
        except urllib.error.HTTPError as error:
            if error.code >= 500:
                return None
            return error.code, json.loads(error.read() or b"null")
        except (OSError, ValueError):
            return None
