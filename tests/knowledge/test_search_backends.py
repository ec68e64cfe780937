"""One test suite, run against every search backend (Tantivy and PostgreSQL).

The PostgreSQL runs use a uniquely named scratch schema in the database at
``KWARTIER_TEST_PG_DSN`` (default: local ``postgres``), dropped at the end of the session;
they are skipped only when that server cannot be reached.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kwartier.knowledge.search.base import (
    FACET_FIELDS,
    Scope,
    SearchBackend,
    SearchDocument,
    SearchPage,
    SearchQuery,
    access_keys,
    fingerprint,
)
from kwartier.knowledge.search.normalise import (
    STOP_WORDS,
    highlight,
    normalise_tokens,
    normalise_word,
    query_terms,
)
from kwartier.knowledge.search.postgres_backend import SCHEMA_SQL, PostgresBackend
from kwartier.knowledge.search.replica import LOG_SCHEMA_SQL, ReplicatedBackend
from kwartier.knowledge.search.tantivy_backend import TantivyBackend
from tests.knowledge.pg_scratch import PG_DSN, scratch_schema

# Organisations 1 and 2 share network 100, organisation 3 is in network 200, 4 in none.
USER_A = Scope(organisation_ids=frozenset({1}), network_ids=frozenset({100}))
USER_B = Scope(organisation_ids=frozenset({2}), network_ids=frozenset({100}))
USER_C = Scope(organisation_ids=frozenset({3}), network_ids=frozenset({200}))
ANONYMOUS = Scope.anonymous()


def doc(
    doc_id: str,
    body: str,
    *,
    org: int = 4,
    visibility: str = "public",
    networks: tuple[int, ...] = (),
    title: str = "Ervaringsverhaal",
    domains: tuple[str, ...] = ("financiën",),
    life_phase: str = "volwassene",
    tags: tuple[str, ...] = (),
    year: int = 2024,
) -> SearchDocument:
    return SearchDocument(
        id=doc_id,
        title=title,
        body=body,
        organisation_id=org,
        network_ids=networks,
        visibility=visibility,  # type: ignore[arg-type]
        domains=domains,
        life_phase=life_phase,
        tags=tags,
        year=year,
    )


TENANT_DOCS = [
    doc("a-org", "Mijn schulden groeiden.", org=1, visibility="organisation", networks=(100,)),
    doc("b-org", "De schuld was te groot.", org=2, visibility="organisation", networks=(100,),
        domains=("wonen",), year=2022),
    doc("b-net", "Schuldhulp en een schuld.", org=2, visibility="network", networks=(100,),
        domains=("wonen", "financiën"), tags=("armoede",), year=2023),
    doc("c-net", "Een schuld in Zwolle.", org=3, visibility="network", networks=(200,),
        domains=("zorg",), life_phase="jongere"),
    doc("d-pub", "Schulden en het wijkteam.", org=4, visibility="public", year=2021),
]  # fmt: skip


def ids(page: SearchPage) -> set[str]:
    return {hit.id for hit in page.hits}


def search(backend: SearchBackend, text: str, scope: Scope, **kwargs: Any) -> SearchPage:
    return backend.search(SearchQuery(text=text, scope=scope, **kwargs))


# -- fixtures ------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def pg_connection() -> Iterator[Any]:
    """A psycopg connection whose search_path is a fresh scratch schema."""
    import psycopg

    with scratch_schema("kw_search_test") as schema:
        conn = psycopg.connect(PG_DSN, autocommit=True, options=f"-c search_path={schema}")
        try:
            statements = SCHEMA_SQL + LOG_SCHEMA_SQL
            for statement in statements + statements:  # twice: the DDL must be idempotent
                conn.execute(statement)
            yield conn
        finally:
            conn.close()


class DbApiOnly:
    """Exposes only ``cursor()`` -> execute/fetchall/description, like Django's wrapper."""

    class Cursor:
        def __init__(self, inner: Any) -> None:
            self._inner = inner

        def __enter__(self) -> DbApiOnly.Cursor:
            return self

        def __exit__(self, *exc: object) -> None:
            self._inner.close()

        @property
        def description(self) -> Any:
            return self._inner.description

        def execute(self, sql: str, params: list[Any]) -> None:
            self._inner.execute(sql, params)

        def fetchall(self) -> list[tuple[Any, ...]]:
            return self._inner.fetchall()

    def __init__(self, conn: Any) -> None:
        self._conn = conn

    def cursor(self) -> DbApiOnly.Cursor:
        return DbApiOnly.Cursor(self._conn.cursor())


def make_backend(kind: str, tmp: Path, request: pytest.FixtureRequest) -> SearchBackend:
    if kind == "tantivy":
        return TantivyBackend(tmp / "index", writer_heap_bytes=15_000_000, writer_threads=1)
    wrapped = DbApiOnly(request.getfixturevalue("pg_connection"))
    backend: SearchBackend = PostgresBackend(lambda: wrapped)
    if kind == "replica":  # PostgreSQL written, this node's Tantivy copy searched
        backend = ReplicatedBackend(backend, lambda: wrapped, tmp / "replica")
    backend.clear()
    return backend


@pytest.fixture(params=["tantivy", "postgres", "replica"])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> SearchBackend:
    return make_backend(request.param, tmp_path, request)


@pytest.fixture
def tenants(backend: SearchBackend) -> SearchBackend:
    backend.index(TENANT_DOCS)
    return backend


# -- normalisation (no backend) ------------------------------------------------------------


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("schulden", "schuld"),
        ("gemeenten", "gemeente"),
        ("wijkteams", "wijkteam"),
        ("liep", "lopen"),
        ("liepen", "loop"),
        ("kinderen", "kind"),
        ("huurachterstanden", "huurachterstand"),
        ("uithuiszettingen", "uithuiszetting"),
        ("ervaringsdeskundigen", "ervaringsdeskundige"),
        ("financiële", "financieel"),
        ("ideeën", "idee"),
        ("café", "cafe"),
        ("verslavingen", "verslaving"),
    ],
)
def test_word_forms_meet(one: str, other: str) -> None:
    assert normalise_word(one) == normalise_word(other)


def test_normalise_drops_stop_words_and_handles_decomposed_accents() -> None:
    assert normalise_tokens("Het is de Schuld van het wijkteam") == ["schuld", "wijkteam"]
    assert normalise_tokens("cafe\u0301") == normalise_tokens("café")
    assert query_terms("de het een") == ()
    assert "zijn" in STOP_WORDS


def test_highlight_marks_inflected_words_in_a_window() -> None:
    body = " ".join(f"woord{i}" for i in range(80)) + " Schulden " + "rest " * 80
    segments = highlight(body, ["schuld"], window=30)
    assert [text for text, is_match in segments if is_match] == ["Schulden"]
    text = "".join(part for part, _ in segments)
    assert text.startswith("… ") and text.endswith(" …")
    assert len(text.split()) <= 33
    assert highlight("Schulden en het Wijkteam", ["schuld", "wijkteam"], window=None) == (
        ("Schulden", True),
        (" en het ", False),
        ("Wijkteam", True),
    )
    assert highlight("", ["schuld"]) == ()


# -- the shared backend suite ----------------------------------------------------------------


def test_backend_satisfies_protocol(backend: SearchBackend) -> None:
    assert isinstance(backend, SearchBackend)
    assert backend.count() == 0


@pytest.mark.parametrize(
    ("query", "story"),
    [
        ("schulden", "Ik had een schuld bij de energieleverancier."),
        ("schuld", "Mijn schulden werden elke maand groter."),
        ("wijkteams", "Het wijkteam kwam langs."),
        ("liep", "Ik bleef lopen tot ik niet meer kon."),
        ("gemeenten", "De gemeente stuurde een brief."),
        ("kinderen", "Mijn kind ging naar de opvang."),
        ("huurachterstand", "Door huurachterstanden dreigde een uithuiszetting."),
    ],
)
def test_other_word_form_finds_the_story(backend: SearchBackend, query: str, story: str) -> None:
    backend.index([doc("s1", story), doc("other", "Een verhaal over werk en vrijwilligers.")])
    page = search(backend, query, ANONYMOUS)
    assert ids(page) == {"s1"}
    assert any(is_match for _, is_match in page.hits[0].body_snippet)


def test_every_query_word_must_match(backend: SearchBackend) -> None:
    backend.index([doc("both", "schulden en het wijkteam"), doc("one", "alleen schulden")])
    assert ids(search(backend, "schuld wijkteams", ANONYMOUS)) == {"both"}


def test_user_never_sees_other_organisations_items(tenants: SearchBackend) -> None:
    assert ids(search(tenants, "schuld", USER_A)) == {"a-org", "b-net", "d-pub"}
    assert ids(search(tenants, "schuld", USER_B)) == {"b-org", "b-net", "d-pub"}
    assert ids(search(tenants, "schuld", USER_C)) == {"c-net", "d-pub"}


def test_network_items_need_a_shared_network_or_own_organisation(tenants: SearchBackend) -> None:
    own_org_without_network = Scope(organisation_ids=frozenset({2}))
    assert ids(search(tenants, "schuld", own_org_without_network)) == {"b-org", "b-net", "d-pub"}
    network_only = Scope(network_ids=frozenset({200}))
    assert ids(search(tenants, "schuld", network_only)) == {"c-net", "d-pub"}


def test_any_shared_network_unlocks_a_multi_network_item(backend: SearchBackend) -> None:
    backend.index([doc("multi", "schuld", org=5, visibility="network", networks=(100, 200))])
    assert ids(search(backend, "schuld", USER_C)) == {"multi"}
    assert ids(search(backend, "schuld", USER_A)) == {"multi"}
    assert ids(search(backend, "schuld", Scope(network_ids=frozenset({300})))) == set()


def test_anonymous_sees_public_only(tenants: SearchBackend) -> None:
    page = search(tenants, "schulden", ANONYMOUS)
    assert ids(page) == {"d-pub"}
    assert page.total == 1
    assert ids(search(tenants, "", ANONYMOUS)) == {"d-pub"}


def test_facets_count_only_visible_matches(tenants: SearchBackend) -> None:
    page = search(tenants, "schuld", USER_A)
    assert page.total == 3
    assert set(page.facets) == set(FACET_FIELDS)
    assert dict(page.facets["organisation_id"]) == {1: 1, 2: 1, 4: 1}
    assert dict(page.facets["domain"]) == {"financiën": 3, "wonen": 1}
    assert dict(page.facets["tag"]) == {"armoede": 1}
    assert dict(page.facets["life_phase"]) == {"volwassene": 3}
    assert dict(page.facets["year"]) == {2021: 1, 2023: 1, 2024: 1}
    assert page.facets["domain"][0] == ("financiën", 3)  # most frequent first


def test_filters_stay_within_visibility(tenants: SearchBackend) -> None:
    page = search(tenants, "schuld", USER_A, organisation_id=2)
    assert ids(page) == {"b-net"}  # b-org is organisation-only
    assert dict(page.facets["organisation_id"]) == {2: 1}
    assert ids(search(tenants, "schuld", USER_A, domain="wonen")) == {"b-net"}
    assert ids(search(tenants, "schuld", USER_C, domain="wonen")) == set()
    assert ids(search(tenants, "schuld", USER_C, life_phase="jongere")) == {"c-net"}
    assert ids(search(tenants, "schuld", USER_A, tag="armoede")) == {"b-net"}
    assert ids(search(tenants, "schuld", USER_A, year=2021)) == {"d-pub"}
    assert ids(search(tenants, "", USER_B, year=2022)) == {"b-org"}


def test_pagination_totals_and_pages(backend: SearchBackend) -> None:
    backend.index(
        doc(f"z{i:02}", f"Verhaal {i} over zorg en ondersteuning.", year=2000 + i % 5)
        for i in range(25)
    )
    backend.index([doc("hidden", "zorg", org=9, visibility="organisation")])
    pages = [search(backend, "zorgen", ANONYMOUS, page=n, per_page=10) for n in (1, 2, 3, 4)]
    assert [p.total for p in pages] == [25, 25, 25, 25]
    assert [len(p.hits) for p in pages] == [10, 10, 5, 0]
    assert pages[0].num_pages == 3
    seen = [hit.id for p in pages for hit in p.hits]
    assert len(seen) == len(set(seen)) == 25
    assert sum(count for _, count in pages[3].facets["year"]) == 25


def test_browse_orders_newest_first(backend: SearchBackend) -> None:
    backend.index([doc("old", "oud", year=2019), doc("new", "nieuw", year=2024)])
    page = search(backend, "   ", ANONYMOUS)
    assert [hit.id for hit in page.hits] == ["new", "old"]
    assert page.total == 2


def test_remove_is_immediate(tenants: SearchBackend) -> None:
    assert "d-pub" in ids(search(tenants, "schuld", ANONYMOUS))
    tenants.remove(["d-pub", "does-not-exist"])
    page = search(tenants, "schuld", ANONYMOUS)
    assert page.total == 0 and page.hits == ()
    assert tenants.count() == len(TENANT_DOCS) - 1
    assert "d-pub" not in ids(search(tenants, "", ANONYMOUS))


def test_upsert_replaces_text_and_visibility(backend: SearchBackend) -> None:
    backend.index([doc("x", "schulden bij de bank")])
    backend.index([doc("x", "een nieuwe woning", org=2, visibility="organisation")])
    assert backend.count() == 1
    assert search(backend, "schuld", USER_B).total == 0
    assert search(backend, "woningen", ANONYMOUS).total == 0
    assert ids(search(backend, "woningen", USER_B)) == {"x"}
    # Within one batch the last version of an id wins.
    backend.index([doc("y", "eerste versie"), doc("y", "tweede versie over armoede")])
    assert backend.count() == 2
    assert ids(search(backend, "armoede", ANONYMOUS)) == {"y"}


def test_empty_query_and_no_results(tenants: SearchBackend) -> None:
    assert search(tenants, "", USER_A).total == 3
    stop_words_only = search(tenants, "de het een", USER_A)
    assert stop_words_only.total == 0 and stop_words_only.hits == ()
    nothing = search(tenants, "xylofoonmuseum", USER_A)
    assert nothing.total == 0 and nothing.hits == ()
    assert all(values == [] for values in nothing.facets.values())
    assert search(tenants, "schuld", USER_A, with_facets=False).facets == {}


def test_dutch_special_characters(backend: SearchBackend) -> None:
    backend.index(
        [
            doc("e", "Financiële zorgen; een reünie in het café met ideeën.", title="Café"),
            doc("plain", "Niets bijzonders."),
        ]
    )
    for query in ("financiële", "financieel", "Café", "cafe", "reünie", "ideeen", "CAFÉ"):
        assert ids(search(backend, query, ANONYMOUS)) == {"e"}, query
    hit = search(backend, "cafe", ANONYMOUS).hits[0]
    assert ("café", True) in hit.body_snippet
    assert hit.title_snippet == (("Café", True),)


def test_snippets_mark_the_inflected_original(backend: SearchBackend) -> None:
    backend.index([doc("s", "Ik liep weg voor mijn schulden.", title="Schulden")])
    hit = search(backend, "schuld lopen", ANONYMOUS).hits[0]
    assert [t for t, m in hit.body_snippet if m] == ["liep", "schulden"]
    assert hit.title_snippet == (("Schulden", True),)
    assert hit.score > 0


def test_documents_are_validated() -> None:
    with pytest.raises(ValueError):
        doc("v", "x", visibility="private")
    with pytest.raises(ValueError):
        SearchQuery(text="x", scope=ANONYMOUS, page=0)


# -- property: the query-time visibility filter equals a brute-force reference ---------------

VOCABULARY = [
    "schuld", "schulden", "wijkteam", "wijkteams", "gemeente", "gemeenten", "liep",
    "lopen", "zorg", "zorgen", "woning", "woningen", "café", "reünie", "kind", "kinderen",
    "werk", "herstel", "de", "het", "een", "en",
]  # fmt: skip

documents = st.builds(
    lambda words, org, vis, nets, dom, year: (words, org, vis, nets, dom, year),
    st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=8),
    st.integers(1, 5),
    st.sampled_from(["organisation", "network", "public"]),
    st.frozensets(st.integers(100, 103), max_size=2),
    st.sampled_from(["financiën", "wonen", "zorg"]),
    st.integers(2020, 2023),
)
scopes = st.builds(
    Scope,
    st.frozensets(st.integers(1, 5), max_size=2),
    st.frozensets(st.integers(100, 103), max_size=2),
)


def _reference(docs: list[SearchDocument], q: SearchQuery) -> list[SearchDocument]:
    """Brute force: visible by the rule in ``Scope.can_see`` and containing every word."""
    terms = set(q.terms)
    if not q.is_browse and not terms:
        return []
    return [
        d
        for d in docs
        if q.scope.can_see(d) and terms <= set(normalise_tokens(d.title + " " + d.body))
    ]


def _check_property(backend: SearchBackend, raw: list[Any], scope: Scope, text: str) -> None:
    docs = [
        doc(f"p{i}", " ".join(words), org=org, visibility=vis, networks=tuple(sorted(nets)),
            domains=(dom,), year=year, title="")
        for i, (words, org, vis, nets, dom, year) in enumerate(raw)
    ]  # fmt: skip
    backend.clear()
    backend.index(docs)
    q = SearchQuery(text=text, scope=scope, per_page=100)
    page = backend.search(q)
    expected = _reference(docs, q)
    assert all(scope.can_see(d) for d in docs if d.id in ids(page)), "invisible hit"
    assert ids(page) == {d.id for d in expected}
    assert page.total == len(expected)
    assert dict(page.facets["organisation_id"]) == dict(
        Counter(d.organisation_id for d in expected)
    )
    assert dict(page.facets["domain"]) == dict(Counter(d.domains[0] for d in expected))
    for d in docs:  # the access-key rewrite of the rule agrees with the rule
        assert scope.can_see(d) == bool(set(access_keys(d)) & set(scope.access_keys()))


@pytest.mark.parametrize("kind", ["tantivy", "postgres", "replica"])
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    raw=st.lists(documents, max_size=15),
    scope=scopes,
    text=st.lists(st.sampled_from(VOCABULARY), max_size=2).map(" ".join),
)
def test_every_hit_visible_and_every_visible_match_found(
    kind: str,
    raw: list[Any],
    scope: Scope,
    text: str,
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    backend = _property_backend(kind, request, tmp_path_factory)
    _check_property(backend, raw, scope, text)


_PROPERTY_BACKENDS: dict[str, SearchBackend] = {}


def _property_backend(
    kind: str, request: pytest.FixtureRequest, factory: pytest.TempPathFactory
) -> SearchBackend:
    """One backend per kind for all examples (each example clears it), to stay fast."""
    if kind not in _PROPERTY_BACKENDS:
        _PROPERTY_BACKENDS[kind] = make_backend(kind, factory.mktemp(kind), request)
    return _PROPERTY_BACKENDS[kind]


# -- fingerprints (kwartier reindex --check) -----------------------------------------------


def test_fingerprints_list_every_document_with_the_hash_of_its_stored_text(
    backend: SearchBackend,
) -> None:
    assert backend.fingerprints() == {}
    backend.index(TENANT_DOCS + [doc("nul", "met\x00nul en é ü", title="Tïtel")])
    expected = {d.id: fingerprint(d.title, d.body) for d in TENANT_DOCS}
    expected["nul"] = fingerprint("Tïtel", "met\x00nul en é ü")
    assert backend.fingerprints() == expected
    backend.index([doc("d-pub", "Andere tekst.")])
    backend.remove(["a-org"])
    changed = backend.fingerprints()
    assert "a-org" not in changed
    assert changed["d-pub"] == fingerprint("Ervaringsverhaal", "Andere tekst.")
