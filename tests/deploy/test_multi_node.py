"""Several web nodes: two gunicorn processes behind Debian's nginx, one PostgreSQL
database, search on PostgreSQL, the task worker as its own process (docs/deploy.md,
"Meerdere webnodes"; the proxy is `deploy/nginx-kwartier.conf`).

Real HTTP over loopback, through the proxy: the shipped server block (round robin over
both nodes) plus one proxy port pinned to each node, so a step can be sent "via node A"
or "via node B" deterministically. It proves:

- a login on node A is a valid session on node B (sessions live in the database);
- a story withdrawn via node A is gone from search and from its URL on node B in the
  very next request (the PostgreSQL index is changed in the withdrawal's transaction, and
  node B's own Tantivy copy catches up from the change log before it searches);
- a job enqueued via node A is run exactly once by the separate worker, even when the
  worker is started twice.

Runs only against PostgreSQL with nginx installed; under CI (``CI`` set, as `.ci/run`
does) a missing nginx fails the test instead of skipping it.
"""

from __future__ import annotations

import http.client
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import quote

import pytest
from cryptography.fernet import Fernet
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection

from kwartier.accounts.models import Role
from kwartier.core.models import Job, JobState
from kwartier.knowledge import backend as search_backend_module
from kwartier.knowledge import index
from kwartier.knowledge.models import Experience, State, Visibility
from tests.factories import PASSWORD, MembershipFactory, OrganisationFactory, UserFactory
from tests.knowledge.factories import ExperienceFactory

ROOT = Path(__file__).resolve().parents[2]
NGINX_CONF = ROOT / "deploy" / "nginx-kwartier.conf"
BIN = Path(sys.executable).parent
STARTUP_SECONDS = 60
UNIQUE_WORD = "kwartierproefwoordzeldzaam"

pytestmark = [pytest.mark.multinode, pytest.mark.django_db(transaction=True)]


def _nginx() -> str:
    found = shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx", "/sbin/nginx") if Path(p).exists()), None
    )
    if found:
        return found
    if os.environ.get("CI"):
        pytest.fail("nginx not found: CI must install Debian's nginx (.ci/run)")
    pytest.skip("nginx not found (apt-get install nginx-light)")


def _require_postgres() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("several web nodes need PostgreSQL (DATABASE_URL=postgres://...)")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _database_url() -> str:
    s = connection.settings_dict
    auth = quote(s["USER"] or "", safe="")
    if s.get("PASSWORD"):
        auth += ":" + quote(s["PASSWORD"], safe="")
    host = s.get("HOST") or "127.0.0.1"
    port = s.get("PORT") or "5432"
    return f"postgres://{auth}@{host}:{port}/{s['NAME']}"


@dataclass
class Client:
    """A browser's cookie jar, sending each request to a chosen proxy port."""

    cookies: dict[str, str] = field(default_factory=dict)

    def request(
        self, port: int, method: str, path: str, body: str = "", referer_port: int | None = None
    ) -> tuple[int, dict[str, str], str]:
        headers = {"Host": "127.0.0.1"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        try:
            conn.request(method, path, body=body or None, headers=headers)
            response = conn.getresponse()
            text = response.read().decode("utf-8", "replace")
            for name, value in response.getheaders():
                if name.lower() == "set-cookie":
                    for morsel in SimpleCookie(value).values():
                        self.cookies[morsel.key] = morsel.value
            return response.status, {k.lower(): v for k, v in response.getheaders()}, text
        finally:
            conn.close()

    def csrf(self, port: int, path: str) -> str:
        status, _, page = self.request(port, "GET", path)
        assert status == 200, (path, status)
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert match, f"no CSRF token on {path}"
        return match.group(1)


@dataclass
class Cluster:
    proxy: int  # the shipped server block: round robin over both nodes
    via_a: int  # proxy port pinned to node A
    via_b: int  # proxy port pinned to node B
    node_ports: tuple[int, int]
    env: dict[str, str]
    access_log: Path
    replica_dirs: tuple[Path, Path]  # each node's own copy of the search index


def _stop(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        if process.poll() is None:
            process.terminate()
    for process in processes:
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)


def _wait_until_up(port: int, processes: list[subprocess.Popen], log: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        for process in processes:
            if process.poll() is not None:
                raise AssertionError(f"a process exited early:\n{log.read_text()[-3000:]}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/kennisbank/openbaar/", headers={"Host": "127.0.0.1"})
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        finally:
            conn.close()
        time.sleep(0.2)
    raise AssertionError(f"port {port} not up in {STARTUP_SECONDS}s:\n{log.read_text()[-3000:]}")


def _nginx_conf(tmp: Path, proxy: int, via_a: int, via_b: int, a: int, b: int) -> str:
    shipped = NGINX_CONF.read_text()
    shipped = shipped.replace("127.0.0.1:8001", f"127.0.0.1:{a}")
    shipped = shipped.replace("127.0.0.1:8002", f"127.0.0.1:{b}")
    shipped = shipped.replace("listen 80;", f"listen 127.0.0.1:{proxy};")
    location = re.search(r"location / \{.*?\n    \}", shipped, re.S)
    assert location, "the shipped config has a 'location /' block"

    def pinned(port: int, node: int) -> str:
        body = location.group(0).replace("http://kwartier", f"http://127.0.0.1:{node}")
        body = body.replace('proxy_set_header Connection "";', "")
        return f"server {{\n    listen 127.0.0.1:{port};\n    {body}\n}}\n"

    temp = "\n".join(
        f"    {name}_temp_path {tmp / name};"
        for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return (
        f"worker_processes 1;\npid {tmp / 'nginx.pid'};\nerror_log {tmp / 'error.log'};\n"
        "events { worker_connections 64; }\n"
        "http {\n"
        "    log_format upstream '$server_port $request_method $uri $status $upstream_addr';\n"
        f"    access_log {tmp / 'access.log'} upstream;\n{temp}\n"
        f"{shipped}\n{pinned(via_a, a)}{pinned(via_b, b)}}}\n"
    )


@pytest.fixture
def cluster(tmp_path: Path, settings) -> Iterator[Cluster]:
    nginx = _nginx()
    _require_postgres()
    tmp_path.chmod(0o755)
    nginx_dir = tmp_path / "nginx"
    nginx_dir.mkdir()
    nginx_dir.chmod(0o777)  # nginx's workers may run as nobody when the test runs as root
    a, b, proxy, via_a, via_b = (_free_port() for _ in range(5))
    (nginx_dir / "nginx.conf").write_text(_nginx_conf(nginx_dir, proxy, via_a, via_b, a, b))
    # One key for every process: the nodes decrypt what the test process encrypted.
    key = Fernet.generate_key().decode()
    settings.ENCRYPTION_KEY = key
    env = {
        **os.environ,
        "KWARTIER_ENCRYPTION_KEY": key,
        "DATABASE_URL": _database_url(),
        "KWARTIER_SEARCH_BACKEND": "postgres",
        "KWARTIER_DATA_DIR": str(tmp_path / "data"),
        "KWARTIER_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SETTINGS_MODULE": "kwartier.settings",
    }
    env.pop("KWARTIER_TASKS_BACKEND", None)
    log = tmp_path / "processes.log"
    processes: list[subprocess.Popen] = []
    # The test process indexes and reads the same PostgreSQL table as the nodes.
    settings.SEARCH_BACKEND = "postgres"
    search_backend_module._backends.clear()
    with log.open("w") as out:
        try:
            for port in (a, b):
                # Each node keeps its own copy of the search index (decision 0123).
                replica = {"KWARTIER_SEARCH_REPLICA_DIR": str(tmp_path / f"replica-{port}")}
                processes.append(
                    subprocess.Popen(
                        [str(BIN / "gunicorn"), "kwartier.wsgi", "--bind", f"127.0.0.1:{port}",
                         "--workers", "1", "--timeout", "60", "--no-control-socket"],
                        env={**env, **replica}, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
                    )
                )  # fmt: skip
            processes.append(
                subprocess.Popen(
                    [nginx, "-e", str(nginx_dir / "error.log"), "-p", str(nginx_dir),
                     "-c", str(nginx_dir / "nginx.conf"), "-g", "daemon off;"],
                    cwd=nginx_dir, stdout=out, stderr=subprocess.STDOUT,
                )
            )  # fmt: skip
            for port in (via_a, via_b, proxy):
                _wait_until_up(port, processes, log)
            yield Cluster(
                proxy, via_a, via_b, (a, b), env, nginx_dir / "access.log",
                (tmp_path / f"replica-{a}", tmp_path / f"replica-{b}"),
            )  # fmt: skip
        finally:
            _stop(processes)
            search_backend_module._backends.clear()


def _search(client: Client, port: int) -> str:
    status, _, page = client.request(port, "GET", f"/kennisbank/?q={UNIQUE_WORD}")
    assert status == 200
    return page


def _log_in(client: Client, port: int, email: str) -> None:
    token = client.csrf(port, "/accounts/login/")
    body = f"csrfmiddlewaretoken={quote(token)}&login={quote(email)}&password={quote(PASSWORD)}"
    status, headers, _ = client.request(port, "POST", "/accounts/login/", body)
    assert status == 302, status
    assert headers["location"] == "/"


def _run_worker(env: dict[str, str]) -> None:
    subprocess.run(
        [str(BIN / "kwartier"), "db_worker", "--batch", "--no-startup-delay", "--interval", "0"],
        env=env, cwd=ROOT, check=True, timeout=120, capture_output=True,
    )  # fmt: skip


def test_two_nodes_share_sessions_withdrawal_and_jobs(cluster: Cluster) -> None:
    organisation = OrganisationFactory()
    user = UserFactory(email="ruben@multinode.example.nl")
    # The nodes use production's hashers, not the tests' fast MD5 (tests/conftest.py).
    hasher = PBKDF2PasswordHasher()
    user.password = hasher.encode(PASSWORD, hasher.salt(), iterations=1000)
    user.save(update_fields=["password"])
    MembershipFactory(user=user, organisation=organisation, role=Role.KWARTIERMAKER)
    story = ExperienceFactory(
        organisation=organisation,
        author=user,
        shared=True,
        visibility=Visibility.ORGANISATION,
        shared_text=f"Het {UNIQUE_WORD} hielp mij uit de schulden.",
    )
    index.index_experiences([story.pk])
    detail = f"/kennisbank/ervaringen/{story.pk}/"

    # A login on node A is a valid session on node B and behind the round robin.
    client = Client()
    _log_in(client, cluster.via_a, user.email)
    status, _, _ = client.request(cluster.via_b, "GET", detail)
    assert status == 200
    assert detail in _search(client, cluster.via_b)  # found, with a link to it
    for _ in range(2):  # round robin: one request to each node, both logged in
        status, _, page = client.request(cluster.proxy, "GET", "/kennisbank/mijn/")
        assert status == 200
        assert "accounts/login" not in page
    lines = cluster.access_log.read_text().splitlines()
    served = {line.split()[-1] for line in lines if line.startswith(f"{cluster.proxy} ")}
    assert {f"127.0.0.1:{port}" for port in cluster.node_ports} <= served

    # Withdrawn via node A: gone on node B in the very next requests.
    token = client.csrf(cluster.via_a, f"/kennisbank/mijn/{story.pk}/intrekken/")
    status, _, _ = client.request(
        cluster.via_a, "POST", f"/kennisbank/mijn/{story.pk}/intrekken/",
        f"csrfmiddlewaretoken={quote(token)}",
    )  # fmt: skip
    assert status == 302
    assert detail not in _search(client, cluster.via_b)
    status, _, _ = client.request(cluster.via_b, "GET", detail)
    assert status == 404
    # Node B answered from its own copy, caught up from the log (decision 0123).
    assert (cluster.replica_dirs[1] / "state.json").exists()
    assert Experience.objects.get(pk=story.pk).state == State.WITHDRAWN

    # A job enqueued via node A runs once, in the separate worker, however often it starts.
    token = client.csrf(cluster.via_a, "/organisatie/leden/")
    status, headers, _ = client.request(
        cluster.via_a, "POST", "/organisatie/leden/exporteren/",
        f"csrfmiddlewaretoken={quote(token)}",
    )  # fmt: skip
    assert status == 302, status
    job = Job.objects.get(kind="member_export", organisation=organisation)
    assert job.state != JobState.DONE  # nothing ran it inside the web node
    _run_worker(cluster.env)
    _run_worker(cluster.env)
    job.refresh_from_db()
    assert job.state == JobState.DONE
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*), count(*) FILTER (WHERE status = 'SUCCESSFUL') "
            "FROM django_tasks_database_dbtaskresult WHERE args_kwargs::text LIKE %s",
            [f"%{job.pk}%"],
        )
        runs, succeeded = cursor.fetchone()
    assert (runs, succeeded) == (1, 1)
    # Its result is visible on node B: the job page answers for the same session.
    status, _, page = client.request(cluster.via_b, "GET", headers["location"])
    assert status == 200
