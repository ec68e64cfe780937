"""Search benchmark: Tantivy vs PostgreSQL full text vs SQLite FTS5, one JSON line out.

    python bench/search.py [--docs 10000] [--queries 200] [--facet-queries 50] [--seed 7]
    python bench/search.py --smoke          # 500 documents, 40 queries: seconds

It generates N synthetic Dutch experience fragments from a social-domain vocabulary, with
about 50 organisations in 5 regional networks and visibility 40 % organisation, 40 %
network, 20 % public. Text is normalised once (``normalise_s``); each backend's
``build_s`` is then its own loading and indexing. Latency is measured on the backends'
real ``search`` path (``with_facets=False``: top 10, count, snippets), for 1-3 word queries
in mixed inflections, each from a random user scope of one organisation and its network.
``*_facets`` repeats a sample of those queries with facets on; for PostgreSQL,
``with_facets_reference`` is the reference search (``PostgresBackend(reference=True)``:
the older two-statement search with the visibility rule as clauses) on the same queries,
the baseline in the same run, checked to answer exactly the same. ``replica`` is each
web node's Tantivy copy of the PostgreSQL index (decision 0123): its build from the text
table, its latency (every search includes the change-log check), totals and facets
checked against PostgreSQL's, and ``after_a_change``: searches right after a story was
removed on another connection (catch-up and Tantivy commit inside the measured time).

PostgreSQL comes from ``DATABASE_URL`` (default: database ``postgres`` on the local server;
point it at a database of your own on a shared server) and gets a scratch schema
(``kw_search_bench_<random>``), bulk loaded with COPY into the text table, then the rest of
``SCHEMA_SQL`` (match table, trigger, backfill, GIN index); the schema is dropped at the end.
When PostgreSQL cannot be reached, stderr says so and the JSON line has ``"postgres":
{"skipped": ...}`` instead of figures.
SQLite FTS5 is a baseline only: the same normalised text and the same visibility rule as
a WHERE clause, not a product backend.
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from _common import add_smoke_flag, emit, say  # noqa: E402

from kwartier.knowledge.search.base import (  # noqa: E402
    PreparedDocument,
    Scope,
    SearchDocument,
    SearchQuery,
    make_hit,
    prepare,
)
from kwartier.knowledge.search.postgres_backend import (  # noqa: E402
    COLUMNS,
    SCHEMA_SQL,
    PostgresBackend,
    row_values,
)
from kwartier.knowledge.search.replica import LOG_SCHEMA_SQL, ReplicatedBackend  # noqa: E402
from kwartier.knowledge.search.tantivy_backend import TantivyBackend  # noqa: E402

ORGANISATIONS = 50
NETWORKS = 5

# Words in several inflections, so queries and stories rarely use the same form.
PEOPLE = [
    "ervaringsdeskundige",
    "ervaringsdeskundigen",
    "hulpverlener",
    "hulpverleners",
    "wijkteam",
    "wijkteams",
    "budgetcoach",
    "bewindvoerder",
    "maatschappelijk werker",
    "buurvrouw",
    "moeder",
    "vader",
    "ouders",
    "kinderen",
    "jongeren",
    "vrijwilliger",
    "vrijwilligers",
    "huisarts",
    "consulent",
    "schuldhulpverlener",
    "cliënt",
    "cliënten",
    "lotgenoten",
    "mantelzorger",
    "mantelzorgers",
    "jongerenwerker",
    "casemanager",
]
PROBLEMS = [
    "schuld",
    "schulden",
    "huurachterstand",
    "huurachterstanden",
    "verslaving",
    "verslavingen",
    "eenzaamheid",
    "armoede",
    "dakloosheid",
    "uithuiszetting",
    "uithuiszettingen",
    "depressie",
    "angst",
    "psychische klachten",
    "stress",
    "werkloosheid",
    "uitkering",
    "boetes",
    "betalingsachterstand",
    "zorgen",
    "financiële problemen",
    "schaamte",
    "wantrouwen",
    "ziekte",
    "rouw",
    "scheiding",
]
PLACES = [
    "gemeente",
    "gemeenten",
    "buurthuis",
    "buurthuizen",
    "wijk",
    "wijken",
    "woning",
    "woningen",
    "opvang",
    "keukentafel",
    "spreekuur",
    "inloop",
    "café",
    "bibliotheek",
    "werkplaats",
    "kliniek",
    "school",
    "voedselbank",
    "loket",
    "moskee",
    "kerk",
]
VERBS_PAST = [
    "liep",
    "liepen",
    "zocht",
    "vond",
    "kreeg",
    "hielp",
    "hielpen",
    "sprak",
    "vertelde",
    "luisterde",
    "werkte",
    "belde",
    "schreef",
    "begreep",
    "voelde",
    "herstelde",
    "durfde",
    "leerde",
    "ging",
    "gingen",
    "deelde",
    "wachtte",
    "vroeg",
    "stopte",
    "begon",
]
VERBS_PRESENT = [
    "lopen",
    "zoeken",
    "vinden",
    "krijgen",
    "helpen",
    "spreken",
    "vertellen",
    "luisteren",
    "werken",
    "bellen",
    "schrijven",
    "begrijpen",
    "voelen",
    "herstellen",
    "durven",
    "leren",
    "gaan",
    "delen",
    "wachten",
    "vragen",
    "stoppen",
    "beginnen",
    "steunt",
]
THINGS = [
    "brief",
    "brieven",
    "afspraak",
    "afspraken",
    "gesprek",
    "gesprekken",
    "formulier",
    "formulieren",
    "aanvraag",
    "toeslag",
    "toeslagen",
    "rekening",
    "rekeningen",
    "plan",
    "plannen",
    "ervaring",
    "ervaringen",
    "vertrouwen",
    "steun",
    "regie",
    "herstel",
    "netwerk",
    "dagbesteding",
    "baan",
    "opleiding",
    "traject",
    "budget",
    "inkomen",
]
ADJECTIVES = [
    "moeilijke",
    "lange",
    "eerste",
    "nieuwe",
    "kleine",
    "grote",
    "eerlijke",
    "zware",
    "financiële",
    "praktische",
    "warme",
    "echte",
    "onverwachte",
    "ideeën vol",
]
TEMPLATES = [
    "Ik {vp} met mijn {pr} naar de {pl}.",
    "De {pe} {vp} naar mijn verhaal over {pr}.",
    "Na een {adj} tijd {vp} ik eindelijk hulp bij de {pl}.",
    "Het {th} met de {pe} gaf me weer {th2}.",
    "Door {pr} en {pr2} verloor ik mijn {th}.",
    "Samen met {pe} {vpr} we aan een {adj} {th}.",
    "In de {pl} {vp} ik andere {pe} met dezelfde {pr}.",
    "Mijn {pe} wist niets van mijn {pr}, tot ik het {vp}.",
    "Elke week {vpr} de {pe} mij bij het {th}.",
    "Wat hielp was een {adj} {th} zonder oordeel.",
    "Ik wil andere {pe} {vpr} om over {pr} te praten.",
    "De {pl} stuurde een {th} over mijn {pr}.",
    "Sinds het {th} in de {pl} gaat het beter met mijn {pr}.",
]  # fmt: skip
TITLES = [
    "{PR} en de {pl}",
    "Hoe ik mijn {pr} {vp}",
    "Een {adj} {th}",
    "Over {pr} en {th}",
    "De {pe} die {vp}",
]
DOMAINS = ["financiën", "wonen", "zorg", "werk", "jeugd", "veiligheid", "participatie"]
LIFE_PHASES = ["kind", "jongere", "volwassene", "oudere"]
TAGS = [
    "schulden", "huisvesting", "verslaving", "ggz", "mantelzorg", "armoede",
    "eenzaamheid", "onderwijs", "re-integratie", "lotgenotencontact", "herstel",
]  # fmt: skip
QUERY_WORDS = PROBLEMS + PLACES + PEOPLE + THINGS + VERBS_PAST + VERBS_PRESENT


def network_of(org: int) -> int:
    return org % NETWORKS + 1


def _fill(template: str, rng: random.Random) -> str:
    return template.format(
        vp=rng.choice(VERBS_PAST),
        vpr=rng.choice(VERBS_PRESENT),
        pr=rng.choice(PROBLEMS),
        pr2=rng.choice(PROBLEMS),
        PR=rng.choice(PROBLEMS).capitalize(),
        pl=rng.choice(PLACES),
        pe=rng.choice(PEOPLE),
        th=rng.choice(THINGS),
        th2=rng.choice(THINGS),
        adj=rng.choice(ADJECTIVES),
    )


def generate(count: int, seed: int) -> list[SearchDocument]:
    """Synthetic, de-identified-looking fragments with a realistic visibility spread."""
    rng = random.Random(seed)
    docs = []
    for number in range(count):
        org = rng.randint(1, ORGANISATIONS)
        roll = rng.random()
        visibility = "organisation" if roll < 0.4 else "network" if roll < 0.8 else "public"
        sentences = [_fill(rng.choice(TEMPLATES), rng) for _ in range(rng.randint(3, 6))]
        docs.append(
            SearchDocument(
                id=f"story-{number}",
                title=_fill(rng.choice(TITLES), rng),
                body=" ".join(sentences),
                organisation_id=org,
                network_ids=(network_of(org),),
                visibility=visibility,  # type: ignore[arg-type]
                domains=tuple(rng.sample(DOMAINS, rng.randint(1, 2))),
                life_phase=rng.choice(LIFE_PHASES),
                tags=tuple(rng.sample(TAGS, rng.randint(0, 3))),
                year=rng.randint(2015, 2025),
            )
        )
    return docs


def make_queries(count: int, seed: int) -> list[SearchQuery]:
    rng = random.Random(seed + 1)
    queries = []
    for _ in range(count):
        org = rng.randint(1, ORGANISATIONS)
        scope = Scope(frozenset({org}), frozenset({network_of(org)}))
        words = [rng.choice(QUERY_WORDS) for _ in range(rng.randint(1, 3))]
        queries.append(SearchQuery(text=" ".join(words), scope=scope, with_facets=False))
    return queries


def latency(search: Callable[[SearchQuery], Any], queries: Sequence[SearchQuery]) -> dict:
    for q in queries[:20]:  # warm caches; not measured
        search(q)
    times = []
    for q in queries:
        start = time.perf_counter()
        search(q)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return {
        "p50_ms": round(statistics.median(times), 2),
        "p95_ms": round(times[max(0, int(len(times) * 0.95) - 1)], 2),
    }


def with_facets(queries: Sequence[SearchQuery], count: int) -> list[SearchQuery]:
    return [SearchQuery(text=q.text, scope=q.scope, with_facets=True) for q in queries[:count]]


# -- Tantivy -------------------------------------------------------------------------------


def bench_tantivy(
    prepared: list[PreparedDocument], queries: list[SearchQuery], facet_count: int, tmp: Path
) -> dict:
    start = time.perf_counter()
    backend = TantivyBackend(tmp / "tantivy", writer_heap_bytes=1_000_000_000)
    backend.index_prepared(prepared)
    result: dict[str, Any] = {"build_s": round(time.perf_counter() - start, 2)}
    assert backend.count() == len(prepared)
    result.update(latency(backend.search, queries))
    result["with_facets"] = latency(backend.search, with_facets(queries, facet_count))
    return result


# -- PostgreSQL ----------------------------------------------------------------------------


def bench_postgres(
    prepared: list[PreparedDocument], queries: list[SearchQuery], facet_count: int, tmp: Path
) -> dict:
    import psycopg

    dsn = os.environ.get("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
    schema = f"kw_search_bench_{uuid.uuid4().hex[:10]}"
    try:
        admin = psycopg.connect(dsn, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as error:
        reason = str(error).strip().splitlines()[0]
        say(f"PostgreSQL not reachable ({reason}); postgres skipped. Set DATABASE_URL.")
        return {"skipped": f"PostgreSQL not reachable: {reason}"}
    admin.execute(f'CREATE SCHEMA "{schema}"')
    try:
        conn = psycopg.connect(dsn, options=f"-c search_path={schema}")
        start = time.perf_counter()
        with conn.cursor() as cur:
            cur.execute(SCHEMA_SQL[0])
            columns = ", ".join(COLUMNS)
            with cur.copy(f"COPY knowledge_searchentry ({columns}) FROM STDIN") as copy:
                for item in prepared:
                    copy.write_row(row_values(item))
            cur.execute("SET maintenance_work_mem = '1GB'")
            for statement in SCHEMA_SQL[1:]:
                cur.execute(statement)
        conn.commit()
        conn.autocommit = True
        conn.execute("VACUUM ANALYZE knowledge_searchentry")
        result: dict[str, Any] = {"build_s": round(time.perf_counter() - start, 2)}
        backend = PostgresBackend(lambda: conn)
        assert backend.count() == len(prepared)
        result.update(latency(backend.search, queries))
        faceted = with_facets(queries, facet_count)
        result["with_facets"] = latency(backend.search, faceted)
        # Baseline in the same run: the reference (two statements, the rule as clauses).
        reference = PostgresBackend(lambda: conn, reference=True)
        result["with_facets_reference"] = latency(reference.search, faceted)
        for q in [*faceted[:5], *queries[:5]]:  # the search answers exactly as the reference
            assert backend.search(q) == reference.search(q)
        result["replica"] = bench_replica(conn, dsn, schema, backend, queries, faceted, tmp)
        conn.close()
        return result
    finally:
        admin.execute(f'DROP SCHEMA "{schema}" CASCADE')
        admin.close()


def bench_replica(
    conn: Any,
    dsn: str,
    schema: str,
    backend: PostgresBackend,
    queries: list[SearchQuery],
    faceted: list[SearchQuery],
    tmp: Path,
) -> dict:
    """The node's Tantivy copy of the PostgreSQL index (decision 0123): built from the
    text table, then searched after the one-statement check of the change log; the same
    matches as PostgreSQL (totals and facets) on a sample; and the search right after a
    change committed on another connection (the catch-up inside the measured time)."""
    import psycopg

    for statement in LOG_SCHEMA_SQL:
        conn.execute(statement)
    start = time.perf_counter()
    replica = ReplicatedBackend(
        backend, lambda: conn, tmp / "replica", rebuild_heap_bytes=1_000_000_000
    )
    replica.rebuild()
    result: dict[str, Any] = {"build_s": round(time.perf_counter() - start, 2)}
    result.update(latency(replica.search, queries))
    result["with_facets"] = latency(replica.search, faceted)
    for q in [*faceted[:10], *queries[:10]]:
        mine, theirs = replica.search(q), backend.search(q)
        assert (mine.total, mine.facets) == (theirs.total, theirs.facets), q
    writer_conn = psycopg.connect(dsn, autocommit=True, options=f"-c search_path={schema}")
    writer = PostgresBackend(lambda: writer_conn)
    times = []
    for q in faceted[:20]:
        first = replica.search(q).hits[:1]
        writer.remove([hit.id for hit in first])  # committed on another connection
        started = time.perf_counter()
        page = replica.search(q)
        times.append((time.perf_counter() - started) * 1000)
        assert not {hit.id for hit in first} & {hit.id for hit in page.hits}
    writer_conn.close()
    times.sort()
    result["after_a_change"] = {
        "searches": len(times),
        "p50_ms": round(statistics.median(times), 2),
        "max_ms": round(times[-1], 2),
    }
    assert replica.answered_by_primary == 0
    return result


# -- SQLite FTS5 baseline --------------------------------------------------------------------


def bench_sqlite(prepared: list[PreparedDocument], queries: list[SearchQuery], tmp: Path) -> dict:
    start = time.perf_counter()
    db = sqlite3.connect(tmp / "fts.sqlite3")
    db.executescript(
        """
        PRAGMA journal_mode = WAL;
        CREATE TABLE doc (rowid INTEGER PRIMARY KEY, id TEXT, title TEXT, body TEXT,
            visibility TEXT, organisation_id INTEGER, network_ids TEXT);
        CREATE VIRTUAL TABLE fts USING fts5(title_norm, body_norm, content='',
            tokenize='unicode61 remove_diacritics 0');
        """
    )
    rows = (
        (n, p.doc.id, p.doc.title, p.doc.body, p.doc.visibility, p.doc.organisation_id,
         "," + ",".join(map(str, p.doc.network_ids)) + ",")
        for n, p in enumerate(prepared, 1)
    )  # fmt: skip
    db.executemany("INSERT INTO doc VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
    db.executemany(
        "INSERT INTO fts (rowid, title_norm, body_norm) VALUES (?, ?, ?)",
        ((n, p.title_norm, p.body_norm) for n, p in enumerate(prepared, 1)),
    )
    db.execute("INSERT INTO fts (fts) VALUES ('optimize')")
    db.commit()
    result: dict[str, Any] = {"build_s": round(time.perf_counter() - start, 2)}

    def search(q: SearchQuery) -> Any:
        terms = q.terms
        match = " ".join('"' + t.replace('"', '""') + '"' for t in terms)
        orgs = sorted(q.scope.organisation_ids) or [-1]
        nets = sorted(q.scope.network_ids)
        org_marks = ",".join("?" * len(orgs))
        net_test = " OR ".join(["instr(d.network_ids, ?) > 0"] * len(nets)) or "0"
        where = (
            "fts MATCH ? AND (d.visibility = 'public'"
            " OR (d.visibility IN ('organisation', 'network')"
            f" AND d.organisation_id IN ({org_marks}))"
            f" OR (d.visibility = 'network' AND ({net_test})))"
        )
        params = [match, *orgs, *(f",{n}," for n in nets)]
        join = "FROM fts JOIN doc AS d ON d.rowid = fts.rowid WHERE "
        rows = db.execute(
            "SELECT d.id, d.title, d.body, bm25(fts, 2.0, 1.0) AS rank "
            + join + where + " ORDER BY rank LIMIT ? OFFSET ?",
            [*params, q.per_page, q.offset],
        ).fetchall()  # fmt: skip
        total = db.execute("SELECT count(*) " + join + where, params).fetchone()[0]
        return total, [make_hit(i, -r, t, b, terms) for i, t, b, r in rows]

    result.update(latency(search, queries))
    db.close()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--facet-queries", type=int, default=50)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--skip", nargs="*", default=[], choices=["postgres", "sqlite_fts5"])
    add_smoke_flag(parser)
    args = parser.parse_args()
    if args.smoke:
        args.docs, args.queries, args.facet_queries = 500, 40, 10

    started = time.perf_counter()
    docs = generate(args.docs, args.seed)
    generate_s = time.perf_counter() - started
    started = time.perf_counter()
    prepared = [prepare(doc) for doc in docs]
    normalise_s = time.perf_counter() - started
    del docs
    queries = make_queries(args.queries, args.seed)

    out: dict[str, Any] = {
        "docs": args.docs,
        "queries": args.queries,
        "generate_s": round(generate_s, 2),
        "normalise_s": round(normalise_s, 2),
    }
    with tempfile.TemporaryDirectory(prefix="kw-search-bench-") as tmp:
        out["tantivy"] = bench_tantivy(prepared, queries, args.facet_queries, Path(tmp))
        say(f"tantivy done: {out['tantivy']}")
        if "postgres" not in args.skip:
            out["postgres"] = bench_postgres(prepared, queries, args.facet_queries, Path(tmp))
            say(f"postgres done: {out['postgres']}")
        if "sqlite_fts5" not in args.skip:
            out["sqlite_fts5"] = bench_sqlite(prepared, queries, Path(tmp))
    if "p95_ms" in out.get("postgres", {}):
        pg = out["postgres"]
        out["ratio_p95_postgres_over_tantivy"] = round(
            pg["p95_ms"] / max(out["tantivy"]["p95_ms"], 1e-6), 1
        )
        out["ratio_p95_with_facets_postgres_over_replica"] = round(
            pg["with_facets"]["p95_ms"] / max(pg["replica"]["with_facets"]["p95_ms"], 1e-6), 1
        )
    emit("search", out, smoke=args.smoke)


if __name__ == "__main__":
    main()
