"""Load: journeys per role against gunicorn + PostgreSQL, with a bare view as baseline.

    python bench/load.py                       # 50 users, 300 s, 200,000 stories, 50 orgs
    python bench/load.py --users 10 --seconds 30 --stories 20000
    python bench/load.py --smoke               # seconds: every journey once or twice
    python bench/load.py --profile 5 --stories 20000   # no server: CPU, queries per journey

Data (idempotent, kept between runs in the database ``kwartier_load_faults_bench`` or
``--database-url``): the demo organisations with their exploration rounds and plans
(``kwartier demo``), ``--orgs`` extra organisations, and ``--stories`` stories written
directly in bulk as already shared, de-identified text (the product's own path, with
de-identification per story, would take hours at this size). The search index is the
PostgreSQL backend, rebuilt when it does not hold every shared story.

Users (closed loop, no think time) take a role in turn and pick weighted journeys:
reader (search page, search API, items API, a story page), kwartiermaker (exploration
results, plan page, now and then the plan PDF), writer (a new contribution through the
API, and a search). A second phase sends the same number of users to ``/health/bare/``
(no database) on the same gunicorn: ``bare_p95_ms`` and ``bare_rps``.

Why not Locust (decision 0118): its gevent monkey-patching has to run before Django,
psycopg and threading are imported, and this script builds its data with Django in the
same process; the journeys need only a closed loop of users on keep-alive connections,
which ``http.client`` in threads gives without a new dependency tree. Latencies are per
request, percentiles by nearest rank over every request of the run.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import _common  # noqa: E402

REPO = _common.REPO_ROOT
BIN = Path(sys.executable).parent
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/kwartier_load_faults_bench"
WORDS = ["schulden", "wijkteam", "herstel", "wonen", "werk", "eenzaam", "opvang", "geld"]
BENCH_SLUG = "bench-org-"


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (share in 0..1) of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, -(-int(share * len(ordered) * 1000) // 1000))
    return ordered[min(len(ordered), rank) - 1]


# -- data ----------------------------------------------------------------------------------


def ensure_database(url: str) -> str | None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    try:
        with psycopg.connect(admin, autocommit=True, connect_timeout=3) as conn:
            if not conn.execute("SELECT 1 FROM pg_database WHERE datname=%s", [name]).fetchone():
                conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError as error:
        return f"PostgreSQL not reachable at {admin}: {error}"
    return None


def generate(env: dict[str, str], *, orgs: int, stories: int) -> dict[str, object]:
    """Migrate, load the demo, add organisations and stories in bulk, index. Returns the
    credentials and ids the journeys need."""
    subprocess.run([str(BIN / "kwartier"), "migrate", "--no-input"], env=env, check=True,
                   capture_output=True)  # fmt: skip
    subprocess.run([str(BIN / "kwartier"), "createcachetable"], env=env, check=True,
                   capture_output=True)  # fmt: skip
    os.environ.update(env)
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from kwartier.accounts.models import Network, Organisation, User
    from kwartier.api.tokens import api_token_create
    from kwartier.exploration.models import Round
    from kwartier.knowledge import index
    from kwartier.knowledge.models import Experience
    from kwartier.knowledge.selectors import shared_experience_ids
    from kwartier.planning.models import Plan

    if not Organisation.objects.filter(slug="debrug").exists():
        _common.say("loading the demo data (once)")
        call_command("demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    network = Network.objects.order_by("pk").first()
    have = Organisation.objects.filter(slug__startswith=BENCH_SLUG).count()
    Organisation.objects.bulk_create(
        Organisation(name=f"Bench organisatie {i}", slug=f"{BENCH_SLUG}{i}", city="Hofstad")
        for i in range(have, orgs)
    )
    all_orgs = list(Organisation.objects.order_by("pk").values_list("pk", flat=True))
    if network is not None:
        network.organisations.add(*all_orgs) if hasattr(network, "organisations") else None
    existing = Experience.objects.filter(shared_title__startswith="Bench verhaal ").count()
    author = User.objects.get(email="ervaringswerker@debrug.demo.kwartier.nl").pk
    texts, _source = _common.deid_texts(generated=400)
    rng = random.Random(12)
    now = timezone.now()
    batch: list[Experience] = []
    for n in range(existing, stories):
        text = texts[n % len(texts)][:1800] + " " + " ".join(rng.sample(WORDS, 3))
        shared_at = now - timezone.timedelta(days=rng.randrange(365))
        batch.append(Experience(
            organisation_id=all_orgs[n % len(all_orgs)], title_original=f"Bench {n}",
            text_original=text, shared_title=f"Bench verhaal {n} over {rng.choice(WORDS)}",
            shared_text=text,
            shared_at=shared_at, published_at=shared_at, state="published",
            visibility=rng.choice(["organisation", "network", "public"]),
            life_phase="volwassene", author_id=author,
        ))  # fmt: skip
        if len(batch) == 5000:
            Experience.objects.bulk_create(batch)
            batch.clear()
            _common.say(f"stories: {n + 1}/{stories}")
    Experience.objects.bulk_create(batch)
    # Fresh statistics and visibility map after a bulk load (autovacuum would get there
    # later): without statistics the planner guesses a handful of shared stories and picks
    # nested loops over 200,000; without the visibility map no index-only scan (the
    # count of visible stories, knowledge_exp_reach) skips the table.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    backend = index.search_backend()
    shared = shared_experience_ids().count()
    if backend.count() != shared:
        _common.say(f"indexing {shared} stories (PostgreSQL backend)")
        index.rebuild()
    prepare = getattr(backend, "prepare", None)
    if prepare is not None:  # the node's Tantivy copy (decision 0123), as at node start
        started = time.monotonic()
        prepare()
        _common.say(f"search copy of the node current in {time.monotonic() - started:.0f} s")

    def session(email: str) -> str:
        user = User.objects.get(email=email)
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        return f"{settings.SESSION_COOKIE_NAME}={store.session_key}"

    def token(email: str) -> str:
        return api_token_create(user=User.objects.get(email=email))

    debrug = Organisation.objects.get(slug="debrug")
    visible = list(
        Experience.objects.filter(pk__in=shared_experience_ids(), visibility="public")
        .order_by("-pk").values_list("pk", flat=True)[:500]
    )  # fmt: skip
    rounds = list(Round.objects.filter(organisation=debrug).values_list("pk", flat=True))
    plans = list(Plan.objects.filter(organisation=debrug).values_list("pk", flat=True))
    people = {
        "reader": "bestuurder@debrug.demo.kwartier.nl",
        "kwartiermaker": "kwartiermaker@debrug.demo.kwartier.nl",
        "writer": "ervaringswerker@debrug.demo.kwartier.nl",
    }
    data = {
        "cookies": {role: session(email) for role, email in people.items()},
        "tokens": {role: token(email) for role, email in people.items()},
        "stories": visible,
        "rounds": rounds,
        "plans": plans,
        "indexed": backend.count(),
        "organisations": len(all_orgs),
    }
    connection.close()
    return data


# -- load ----------------------------------------------------------------------------------


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    by_journey: dict[str, list[float]] = field(default_factory=dict)
    error_samples: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, journey: str, ms: float, ok: bool, note: str) -> None:
        with self.lock:
            self.latencies.append(ms)
            self.by_journey.setdefault(journey, []).append(ms)
            if not ok:
                self.errors += 1
                if len(self.error_samples) < 5:
                    self.error_samples.append(f"{journey}: {note}")


def journeys(role: str, data: dict, rng: random.Random) -> tuple[str, str, str, dict | None]:
    """(name, method, path, json body) of the next request of a user with ``role``."""
    word = rng.choice(WORDS)
    if role == "kwartiermaker":
        pick = rng.choices(["results", "plan", "pdf", "search"], [4, 4, 1, 2])[0]
        if pick == "results" and data["rounds"]:
            return (
                "exploration results",
                "GET",
                f"/verkenning/rondes/{rng.choice(data['rounds'])}/resultaten/",
                None,
            )
        if pick in ("plan", "pdf") and data["plans"]:
            plan = rng.choice(data["plans"])
            if pick == "pdf":
                return "plan pdf", "GET", f"/plan/{plan}/pdf/", None
            return "plan page", "GET", f"/plan/{plan}/", None
        return "search page", "GET", f"/kennisbank/?q={quote(word)}", None
    if role == "writer":
        if rng.random() < 0.5:
            body = {"title": f"Bijdrage {uuid.uuid4().hex[:8]}", "text": f"Over {word} en herstel."}
            return "write contribution", "POST", "/api/knowledge/experiences/", body
        return "search api", "GET", f"/api/knowledge/search/?q={quote(word)}", None
    pick = rng.choices(["page", "api", "items", "story"], [3, 3, 2, 3])[0]
    if pick == "story" and data["stories"]:
        return "story page", "GET", f"/kennisbank/ervaringen/{rng.choice(data['stories'])}/", None
    if pick == "items":
        return "items api", "GET", "/api/knowledge/items/", None
    if pick == "api":
        return "search api", "GET", f"/api/knowledge/search/?q={quote(word)}", None
    return "search page", "GET", f"/kennisbank/?q={quote(word)}", None


def run_users(port: int, users: int, seconds: float, data: dict | None, tally: Tally) -> float:
    """Closed loop: each user sends its next request when the last one is answered."""
    roles = ["reader", "kwartiermaker", "writer", "reader"]
    stop_at = time.monotonic() + seconds

    def user(number: int) -> None:
        rng = random.Random(number)
        role = roles[number % len(roles)]
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while time.monotonic() < stop_at:
            if data is None:
                name, method, path, body = "bare", "GET", "/health/bare/", None
                headers: dict[str, str] = {}
            else:
                name, method, path, body = journeys(role, data, rng)
                headers = {"Cookie": data["cookies"][role]}
                if path.startswith("/api/"):
                    headers = {"Authorization": f"Token {data['tokens'][role]}"}
                if body is not None:
                    headers["Content-Type"] = "application/json"
            started = time.perf_counter()
            try:
                conn.request(method, path, body=json.dumps(body) if body else None, headers=headers)
                response = conn.getresponse()
                response.read()
                ok = response.status in (200, 201)
                note = f"{response.status} {path}"
            except (OSError, http.client.HTTPException) as error:
                ok, note = False, f"{type(error).__name__} {path}"
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            tally.add(name, (time.perf_counter() - started) * 1000, ok, note)
        conn.close()

    threads = [threading.Thread(target=user, args=(n,), daemon=True) for n in range(users)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.monotonic() - began


def profile(data: dict, repeat: int) -> dict[str, dict[str, float]]:
    """Every journey ``repeat`` times in this process (Django's test client, no gunicorn):
    median CPU time of this process, wall time, queries and time in the database per
    request. CPU time is the robust figure on a shared machine: it does not count waiting.
    """
    from django.db import connection
    from django.test import Client

    names = {}
    rng = random.Random(5)
    for role in ("reader", "kwartiermaker", "writer"):
        for _ in range(400):
            name, method, path, body = journeys(role, data, rng)
            names.setdefault(name, (role, method, path, body))
    result: dict[str, dict[str, float]] = {}
    for name, (role, method, path, body) in sorted(names.items()):
        client = Client(HTTP_HOST="127.0.0.1")
        cookie_name, _, value = data["cookies"][role].partition("=")
        client.cookies[cookie_name] = value
        extra = {}
        if path.startswith("/api/"):
            extra = {"HTTP_AUTHORIZATION": f"Token {data['tokens'][role]}"}
        samples: list[tuple[float, float, int, float]] = []
        for attempt in range(repeat + 1):  # the first warms caches and is not counted
            queries = [0, 0.0]

            def counting(execute, sql, params, many, context, queries=queries):
                began = time.perf_counter()
                try:
                    return execute(sql, params, many, context)
                finally:
                    queries[0] += 1
                    queries[1] += time.perf_counter() - began

            cpu, wall = time.process_time(), time.perf_counter()
            with connection.execute_wrapper(counting):
                if method == "POST":
                    response = client.post(
                        path, json.dumps(body), content_type="application/json", **extra
                    )
                else:
                    response = client.get(path, **extra)
            cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
            assert response.status_code in (200, 201), (name, response.status_code)
            if attempt:
                samples.append((cpu, wall, queries[0], queries[1]))

        def median(i: int, samples: list[tuple[float, float, int, float]] = samples) -> float:
            return sorted(s[i] for s in samples)[len(samples) // 2]

        result[name] = {
            "cpu_ms": round(median(0) * 1000, 1),
            "wall_ms": round(median(1) * 1000, 1),
            "queries": median(2),
            "db_ms": round(median(3) * 1000, 1),
        }
        _common.say(f"{name}: {result[name]}")
    return result


def _cpu_by_process(pids: list[str]) -> dict[str, float]:
    """User + system CPU seconds of each of these processes so far (Linux ``/proc``)."""
    ticks = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    seconds = {}
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        seconds[pid] = (int(fields[11]) + int(fields[12])) / ticks  # utime, stime
    return seconds


def cpu_spent(before: dict[str, float], after: dict[str, float]) -> float:
    """CPU seconds spent between two readings by the processes alive at the second (one
    started in between counts from zero; one that ended in between is not counted)."""
    return sum(max(0.0, spent - before.get(pid, 0.0)) for pid, spent in after.items())


def server_cpu(master: int) -> dict[str, float]:
    """CPU seconds of gunicorn's workers so far (empty without ``/proc``). Per request it
    is the robust figure on a shared machine: waiting is not in it."""
    try:
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    except OSError:
        return {}
    return _cpu_by_process(children)


def machine_cpu() -> tuple[float, float]:
    """(busy, all) CPU seconds of the whole machine so far, over every core (Linux
    ``/proc/stat``; zeros elsewhere). Busy is everything but idle and waiting for disk:
    it counts processes that start and end in between, as PostgreSQL's backends do when
    a connection reaches its maximum age."""
    ticks = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    try:
        fields = [int(value) for value in Path("/proc/stat").read_text().split()[1:11]]
    except (OSError, ValueError):
        return 0.0, 0.0
    idle = fields[3] + fields[4]
    return (sum(fields[:8]) - idle) / ticks, sum(fields[:8]) / ticks


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def serve(env: dict[str, str], workers: int) -> tuple[subprocess.Popen[bytes], int]:
    port = free_port()
    process = subprocess.Popen(  # noqa: S603
        [str(BIN / "gunicorn"), "kwartier.wsgi", "--bind", f"127.0.0.1:{port}",
         "--workers", str(workers), "--timeout", "120"],
        env=env, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/health/bare/")
            if conn.getresponse().status == 200:
                return process, port
        except OSError:
            time.sleep(0.2)
    os.killpg(process.pid, signal.SIGKILL)
    raise RuntimeError("gunicorn did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=300)
    parser.add_argument(
        "--bare-seconds", type=float, default=None, help="bare-view phase (default: a fifth, ≥ 5 s)"
    )
    parser.add_argument("--stories", type=int, default=200_000)
    parser.add_argument("--orgs", type=int, default=50)
    parser.add_argument(
        "--workers",
        type=int,
        default=3,
        help="gunicorn sync worker processes (default: docs/deploy.md's production unit)",
    )
    parser.add_argument(
        "--profile",
        type=int,
        default=0,
        metavar="N",
        help="no load: run every journey N times in-process, CPU ms, queries, DB ms each",
    )
    parser.add_argument(
        "--database-url", default=os.environ.get("KWARTIER_BENCH_DATABASE_URL", DEFAULT_DB)
    )
    _common.add_smoke_flag(parser)
    args = parser.parse_args()
    if args.smoke:
        args.users, args.seconds, args.stories, args.orgs, args.workers = 3, 3, 300, 3, 2
    bare_seconds = args.bare_seconds or max(5.0, args.seconds / 5)
    if args.smoke:
        bare_seconds = 2
    sizes = {"users": args.users, "seconds": args.seconds, "stories": args.stories,
             "orgs": args.orgs, "workers": args.workers}  # fmt: skip

    problem = ensure_database(args.database_url)
    if problem:
        _common.say(problem)
        _common.emit("load", {**sizes, "skipped": problem}, smoke=args.smoke)
        return
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "kwartier.settings",
        "DATABASE_URL": args.database_url,
        "KWARTIER_SEARCH_BACKEND": "postgres",
        "KWARTIER_DATA_DIR": str(REPO / "var" / "bench-load"),
        "KWARTIER_TASKS_BACKEND": "django_tasks.backends.dummy.DummyBackend",
        # The simulated users share three accounts, so the member search limit (60/min
        # per person) would count 50 people as three and answer 429 from 20 users on.
        # The limit is still checked on every search, so its cost stays in the figures.
        "KWARTIER_RATE_LIMIT_SEARCH": os.environ.get("KWARTIER_RATE_LIMIT_SEARCH", "100000/min"),
    }
    Path(env["KWARTIER_DATA_DIR"]).mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    data = generate(env, orgs=args.orgs, stories=args.stories)
    _common.say(
        f"data ready in {time.monotonic() - started:.0f} s: {data['indexed']} stories indexed"
    )
    if args.profile:
        profiled = profile(data, args.profile)
        _common.emit("load", {**sizes, "profile": profiled}, smoke=args.smoke)
        return
    server, port = serve(env, args.workers)
    try:
        load, bare = Tally(), Tally()
        # Warm-up, not counted: imports, template and connection caches of every worker.
        run_users(
            port, args.users, 2 if args.smoke else min(15.0, args.seconds / 10), data, Tally()
        )
        server_before, machine_before = server_cpu(server.pid), machine_cpu()
        generator_before = time.process_time()
        took = run_users(port, args.users, args.seconds, data, load)
        server_after, machine_after = server_cpu(server.pid), machine_cpu()
        cpu_load = cpu_spent(server_before, server_after)
        machine_busy = machine_after[0] - machine_before[0]
        machine_all = machine_after[1] - machine_before[1]
        generator_load = time.process_time() - generator_before
        bare_took = run_users(port, args.users, bare_seconds, None, bare)
        cpu_bare = cpu_spent(server_after, server_cpu(server.pid))
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    assert load.latencies and bare.latencies, "no request was answered"
    for sample in load.error_samples + bare.error_samples:
        _common.say(f"error: {sample}")
    rps, bare_rps = len(load.latencies) / took, len(bare.latencies) / bare_took
    result = {
        **sizes,
        "data": "generated",
        "indexed": data["indexed"],
        "requests": len(load.latencies),
        "errors": load.errors,
        "p50_ms": round(percentile(load.latencies, 0.50), 1),
        "p95_ms": round(percentile(load.latencies, 0.95), 1),
        "rps": round(rps, 1),
        "bare_requests": len(bare.latencies),
        "bare_errors": bare.errors,
        "bare_p95_ms": round(percentile(bare.latencies, 0.95), 1),
        "bare_rps": round(bare_rps, 1),
        "share_of_bare": round(rps / bare_rps, 3),
        "p95_over_bare_p95": round(
            percentile(load.latencies, 0.95) / percentile(bare.latencies, 0.95), 1
        ),
        # gunicorn workers' CPU per answered request (the server, not the load generator).
        "server_cpu_ms_per_request": round(cpu_load * 1000 / len(load.latencies), 1),
        "bare_server_cpu_ms_per_request": round(cpu_bare * 1000 / len(bare.latencies), 2),
        # What the whole machine spent per request during the journeys (gunicorn, this
        # process's simulated users, PostgreSQL and anything else running), how busy its
        # cores were, and this process's part: on N cores the throughput cannot pass
        # N × 1000 / machine_cpu_ms_per_request while the machine is busy.
        "machine_cpu_ms_per_request": round(machine_busy * 1000 / len(load.latencies), 1),
        "machine_busy_share": round(machine_busy / machine_all, 3) if machine_all else None,
        "generator_cpu_ms_per_request": round(generator_load * 1000 / len(load.latencies), 1),
        "journeys": {
            name: {
                "n": len(v),
                "p50_ms": round(percentile(v, 0.5), 1),
                "p95_ms": round(percentile(v, 0.95), 1),
            }
            for name, v in sorted(load.by_journey.items())
        },  # fmt: skip
    }
    _common.emit("load", result, smoke=args.smoke)


if __name__ == "__main__":
    main()
