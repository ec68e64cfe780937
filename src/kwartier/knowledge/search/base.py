"""The search-backend interface: value types, the visibility rule and the backend Protocol.

Nothing here imports Django. The Django side turns approved, de-identified experience
stories into ``SearchDocument`` values and a user's memberships into a ``Scope``; a
backend answers a ``SearchQuery`` with a ``SearchPage``. Private items (author only) and
items whose author has not approved the de-identified text are never indexed at all, so
the three visibilities below are the only ones a backend knows.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal, Protocol, get_args, runtime_checkable

from kwartier.knowledge.search.normalise import Segment, highlight, normalise, query_terms

Visibility = Literal["organisation", "network", "public"]
VISIBILITIES: frozenset[str] = frozenset(get_args(Visibility))

#: Facet names, in the order a search page shows them.
FACET_FIELDS: tuple[str, ...] = ("domain", "life_phase", "tag", "organisation_id", "year")

FacetValue = str | int

MAX_PER_PAGE = 100
SNIPPET_WORDS = 30


@dataclass(frozen=True, slots=True)
class SearchDocument:
    """One de-identified story as the index sees it; ``id`` is unique per backend."""

    id: str
    title: str
    body: str
    organisation_id: int
    network_ids: tuple[int, ...]
    visibility: Visibility
    domains: tuple[str, ...] = ()
    life_phase: str = ""
    tags: tuple[str, ...] = ()
    year: int = 0
    author_id: int | None = None

    def __post_init__(self) -> None:
        if not self.id:
            raise ValueError("a search document needs an id")
        if self.visibility not in VISIBILITIES:
            raise ValueError(f"visibility must be one of {sorted(VISIBILITIES)}")


@dataclass(frozen=True, slots=True)
class Scope:
    """What one searching user may see: their organisations and their regional networks.

    ``Scope()`` (no memberships) is the anonymous visitor, who sees public items only.
    """

    organisation_ids: frozenset[int] = frozenset()
    network_ids: frozenset[int] = frozenset()

    @classmethod
    def anonymous(cls) -> Scope:
        return cls()

    def can_see(self, doc: SearchDocument) -> bool:
        """The visibility rule in plain Python; backends apply the same rule in the query."""
        if doc.visibility == "public":
            return True
        if doc.organisation_id in self.organisation_ids:
            return True
        return doc.visibility == "network" and not self.network_ids.isdisjoint(doc.network_ids)

    def access_keys(self) -> tuple[str, ...]:
        """Keys this scope holds; an item is visible iff it shares one (see ``access_keys``)."""
        keys = ["public"]
        keys += [f"o:{org}" for org in sorted(self.organisation_ids)]
        keys += [f"n:{net}" for net in sorted(self.network_ids)]
        return tuple(keys)


def access_keys(doc: SearchDocument) -> tuple[str, ...]:
    """Keys that unlock ``doc``: the visibility rule rewritten as one set intersection.

    public -> {"public"}; organisation -> {"o:<org>"}; network -> {"o:<org>", "n:<net>"...}.
    With ``Scope.access_keys`` this gives ``Scope.can_see`` exactly, as one term-set filter
    an index can evaluate inside the query instead of three nested clauses.
    """
    if doc.visibility == "public":
        return ("public",)
    keys = [f"o:{doc.organisation_id}"]
    if doc.visibility == "network":
        keys += [f"n:{net}" for net in sorted(set(doc.network_ids))]
    return tuple(keys)


@dataclass(frozen=True, slots=True)
class SearchQuery:
    """A search request. Blank ``text`` browses every visible item (newest year first)."""

    text: str
    scope: Scope
    domain: str | None = None
    life_phase: str | None = None
    tag: str | None = None
    organisation_id: int | None = None
    year: int | None = None
    page: int = 1
    per_page: int = 10
    with_facets: bool = True

    def __post_init__(self) -> None:
        if self.page < 1:
            raise ValueError("page is 1-based")
        if not 1 <= self.per_page <= MAX_PER_PAGE:
            raise ValueError(f"per_page must be between 1 and {MAX_PER_PAGE}")

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page

    @property
    def is_browse(self) -> bool:
        return not self.text.strip()

    @property
    def terms(self) -> tuple[str, ...]:
        """Normalised query words; empty for a query of stop words only (no results)."""
        return query_terms(self.text)


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One result; snippets are ``(text, is_match)`` pairs for the template to escape."""

    id: str
    score: float
    title_snippet: tuple[Segment, ...]
    body_snippet: tuple[Segment, ...]


@dataclass(frozen=True, slots=True)
class SearchPage:
    """One page of hits, the total over all visible matches, and facets over that total."""

    hits: tuple[SearchHit, ...]
    total: int
    page: int
    per_page: int
    facets: dict[str, list[tuple[FacetValue, int]]] = field(default_factory=dict)

    @property
    def num_pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


@runtime_checkable
class SearchBackend(Protocol):
    """What the knowledge bank needs from a search engine.

    ``index`` upserts by id; ``remove`` is immediate (a removed id is never returned by a
    later ``search``); visibility is always part of the query itself, never a filter over
    a top-k, so totals, pages and facet counts only ever count visible items.
    """

    def index(self, docs: Iterable[SearchDocument]) -> None: ...

    def remove(self, ids: Iterable[str]) -> None: ...

    def search(self, q: SearchQuery) -> SearchPage: ...

    def clear(self) -> None: ...

    def count(self) -> int: ...

    def fingerprints(self) -> dict[str, str]: ...


def fingerprint(title: str, body: str) -> str:
    """A hash of what a reader of a hit sees: title and body (NUL-free, as stored).

    ``reindex --check`` compares it between the database and the index; the PostgreSQL
    backend computes the same value in SQL (``md5`` over the same joined text).
    """
    joined = "\x1f".join(part.replace("\x00", "") for part in (title, body))
    return hashlib.md5(joined.encode("utf-8"), usedforsecurity=False).hexdigest()


@dataclass(frozen=True, slots=True)
class PreparedDocument:
    """A document with its normalised title and body, computed once per index call."""

    doc: SearchDocument
    title_norm: str
    body_norm: str


def prepare(doc: SearchDocument) -> PreparedDocument:
    return PreparedDocument(doc, normalise(doc.title), normalise(doc.body))


def clean_values(values: Iterable[str]) -> tuple[str, ...]:
    """Facet values once each and without blanks, so a count is a count of documents."""
    return tuple(dict.fromkeys(v for v in values if v))


def make_hit(doc_id: str, score: float, title: str, body: str, terms: tuple[str, ...]) -> SearchHit:
    """Build a hit with the shared snippet builder, so every backend marks the same words."""
    return SearchHit(
        id=doc_id,
        score=float(score),
        title_snippet=highlight(title, terms, window=None),
        body_snippet=highlight(body, terms, window=SNIPPET_WORDS),
    )


def empty_page(q: SearchQuery) -> SearchPage:
    """The answer to a query with no searchable words (only stop words or punctuation)."""
    facets: dict[str, list[tuple[FacetValue, int]]] = (
        {name: [] for name in FACET_FIELDS} if q.with_facets else {}
    )
    return SearchPage(hits=(), total=0, page=q.page, per_page=q.per_page, facets=facets)


def sort_facet(counts: Iterable[tuple[FacetValue, int]]) -> list[tuple[FacetValue, int]]:
    """Most frequent first, then by value, so both backends list facets identically."""
    return sorted(counts, key=lambda item: (-item[1], str(item[0])))
