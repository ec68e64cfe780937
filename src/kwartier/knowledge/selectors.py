"""Every read of the knowledge bank. The visibility rule lives here, in one place.

Who may see a story beyond its author:

* only a *shared* story: approved de-identified text, not withdrawn, reach beyond the
  author (`_shared`);
* `public`: everyone, also anonymous visitors;
* `organisation`: members of the story's organisation;
* `network`: members of the story's organisation and of every organisation that shares
  a regional network with it.

A *financier* membership (a municipality or fund that pays for the work) counts for
nothing here: an author who chose "organisation" or "network" meant the peers who do the
work, not the funder, so someone who is only a financier reads public stories only.

The author (or the recorder) sees their own stories in any state through the `own`
selectors, which are scoped to the organisation they act for. An id outside a scope is
simply not found, so views answer 404 and nothing betrays that it exists.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from django.db.models import Q, QuerySet
from django.utils import timezone

from kwartier.accounts.models import Domain, Organisation, Role, User
from kwartier.accounts.rules import remembered
from kwartier.accounts.tenancy import network_ids_of, reading_organisation_ids
from kwartier.core.models import AccessAction, AccessLog
from kwartier.knowledge.backend import search_backend
from kwartier.knowledge.crypto import text_hash
from kwartier.knowledge.deid import Span, apply_replacements
from kwartier.knowledge.models import (
    SHAREABLE_VISIBILITIES,
    ConsentKind,
    ConsentRecord,
    Decision,
    Experience,
    ExperienceVersion,
    RedactionSuggestion,
    State,
    SuggestionField,
    Visibility,
)
from kwartier.knowledge.search.base import Scope, SearchHit, SearchPage, SearchQuery

if TYPE_CHECKING:
    from kwartier.knowledge.deid.replacements import Mode

ACCESS_OBJECT_TYPE = "experience"


# --- the visibility rule ------------------------------------------------------------------


def _shared() -> Q:
    return (
        Q(shared_at__isnull=False)
        & ~Q(state=State.WITHDRAWN)
        & Q(visibility__in=list(SHAREABLE_VISIBILITIES))
    )


def shared_q() -> Q:
    """The condition "currently shared" on its own (counts on the home page)."""
    return _shared()


#: Roles whose membership never widens what someone reads in the kennisbank.
NON_READING_ROLES = (Role.FINANCIER,)


def _organisation_ids(user: Any) -> frozenset[int]:
    """Organisations whose peers' stories the user reads: every membership except a
    financier's."""
    return reading_organisation_ids(user=user, excluding=NON_READING_ROLES)


def search_scope(*, user: Any) -> Scope:
    """The search backend's form of the same rule: the user's organisations and networks
    (read once per request: the search and the check of its hits both ask)."""

    def scope() -> Scope:
        organisation_ids = _organisation_ids(user)
        return Scope(
            organisation_ids=organisation_ids, network_ids=network_ids_of(organisation_ids)
        )

    if not user.is_authenticated:
        return scope()
    return remembered(user, "search_scope", scope)


def shared_filter(*, user: Any) -> Q:
    """Stories `user` may read as a member (or anonymous visitor) of the kennisbank."""
    if not user.is_authenticated:
        return _shared() & Q(visibility=Visibility.PUBLIC)
    scope = search_scope(user=user)
    in_network = Organisation.objects.filter(networks__in=list(scope.network_ids)).values("pk")
    reach = (
        Q(visibility=Visibility.PUBLIC)
        | Q(organisation_id__in=list(scope.organisation_ids))
        | Q(visibility=Visibility.NETWORK, organisation_id__in=in_network)
    )
    return _shared() & reach


@dataclass(frozen=True)
class Audience:
    """Who a reach means, in words for the share page."""

    organisation_name: str
    network_organisation_names: tuple[str, ...]


def experience_audience(*, experience: Experience) -> Audience:
    """The organisations "network" includes for this story: its own and every one that
    shares a regional network with it (financiers excepted, see the module docstring)."""
    network_ids = network_ids_of([experience.organisation_id])
    names = (
        Organisation.objects.filter(networks__in=list(network_ids))
        .exclude(pk=experience.organisation_id)
        .distinct()
        .order_by("name")
        .values_list("name", flat=True)
    )
    return Audience(
        organisation_name=experience.organisation.name,
        network_organisation_names=tuple(names),
    )


def experience_list_shared(*, user: Any) -> QuerySet[Experience]:
    return (
        Experience.objects.filter(shared_filter(user=user))
        .select_related("organisation")
        .prefetch_related("domains")
        .order_by("-shared_at", "-pk")
    )


def experience_get_shared(*, user: Any, experience_id: int) -> Experience:
    return experience_list_shared(user=user).get(pk=experience_id)


def experience_get_public(*, public_id: Any) -> Experience:
    return experience_list_shared(user=AnonymousReader()).get(public_id=public_id)


def shared_experience_ids() -> QuerySet[Experience, int]:
    """Every shared story, for rebuilding the index."""
    return Experience.objects.filter(_shared()).order_by("pk").values_list("pk", flat=True)


class AnonymousReader:
    """A visitor without an account: the rule then yields public stories only."""

    is_authenticated = False


# --- the author's own stories ------------------------------------------------------------


def _own(user: User) -> Q:
    return Q(author=user) | Q(recorded_by=user)


def experience_list_own(*, user: User, organisation: Organisation) -> QuerySet[Experience]:
    """Stories the user wrote or recorded, in the organisation they act for, any state."""
    return (
        Experience.objects.filter(_own(user), organisation=organisation)
        .select_related("organisation", "author", "recorded_by", "deid_job")
        .prefetch_related("domains")
        .order_by("-updated_at", "-pk")
    )


def experience_get_own(*, user: User, organisation: Organisation, experience_id: int) -> Experience:
    return experience_list_own(user=user, organisation=organisation).get(pk=experience_id)


def experience_list_own_everywhere(*, user: User) -> QuerySet[Experience]:
    """The user's own stories in every organisation (the API and the inzage-log)."""
    return (
        Experience.objects.filter(_own(user))
        .select_related("organisation", "author", "recorded_by", "deid_job")
        .prefetch_related("domains")
        .order_by("-updated_at", "-pk")
    )


def version_list(*, experience: Experience) -> QuerySet[ExperienceVersion]:
    return experience.versions.select_related("created_by").order_by("-number")


def consent_list(*, experience: Experience) -> QuerySet[ConsentRecord]:
    return experience.consents.select_related("given_by").order_by("-created_at")


def recording_consent(*, experience: Experience) -> ConsentRecord | None:
    return experience.consents.filter(kind=ConsentKind.RECORDING).order_by("-created_at").first()


def suggestion_list(*, experience: Experience) -> list[RedactionSuggestion]:
    return list(experience.suggestions.order_by("field", "start", "end", "pk"))


# --- preview of the de-identified text ------------------------------------------------------


@dataclass(frozen=True)
class Preview:
    title: str
    text: str
    tags: tuple[str, ...]


@dataclass(frozen=True)
class SharePreview:
    """What the share page shows, and the fingerprint the share form carries back.

    `hash` covers the exact title, text and tags shown, the reach the story had when the
    page was opened and the latest consent given, so a preview is good for one consent:
    any change in between (another tab's review, an autosave, a change of reach, a
    consent already given from this page) makes the service refuse it.
    """

    title: str
    text: str
    tags: tuple[str, ...]
    hash: str


def experience_share_preview(*, experience: Experience) -> SharePreview:
    """The text sharing would publish: the new de-identified text from review, or the
    approved shared text when only the reach changes."""
    if experience.state == State.REVIEW:
        preview = experience_preview(experience=experience)
        title, text, tags = shared_title_from(preview.title), preview.text, preview.tags
    else:
        title, text = experience.shared_title, experience.shared_text
        tags = tuple(experience.shared_tags)
    latest = (
        experience.consents.filter(kind__in=[ConsentKind.PUBLICATION, ConsentKind.WITHDRAWAL])
        .order_by("-pk")
        .values_list("pk", flat=True)
        .first()
    )
    fingerprint = text_hash(
        title, text, *tags, f"reach={experience.visibility}", f"consent={latest or 0}"
    )
    return SharePreview(title=title, text=text, tags=tags, hash=fingerprint)


#: Room for a shared title; longer ones are shortened at a word, never inside a tag.
SHARED_TITLE_MAX = 300


def shared_title_from(title: str, limit: int = SHARED_TITLE_MAX) -> str:
    """The title as shared, at most `limit` characters: cut before a word (or before a
    replacement such as "[ORGANISATIE 2]", never in the middle of one) and end with "…"."""
    if len(title) <= limit:
        return title
    room = title[: limit - 1]
    opening = room.rfind("[")
    if opening != -1 and "]" not in room[opening:]:
        room = room[:opening]
    space = room.rstrip().rfind(" ")
    if space > 0 and not room.endswith(" "):
        room = room[:space]
    return room.rstrip() + "…"


def _spans(suggestions: Iterable[RedactionSuggestion], field: str) -> list[Span]:
    return [
        Span(s.start, s.end, s.label, s.original)
        for s in suggestions
        if s.field == field and s.decision != Decision.REJECTED
    ]


def experience_preview(
    *, experience: Experience, suggestions: list[RedactionSuggestion] | None = None
) -> Preview:
    """The text as it would be shared: every suggestion not rejected is replaced.

    Undecided suggestions count as accepted, so forgetting one never leaks it. Title and
    story share one numbering, so "Jan" is [PERSOON 1] in both.
    """
    if suggestions is None:
        suggestions = suggestion_list(experience=experience)
    title = experience.title_original or ""
    text = experience.text_original or ""
    separator = "\n\n"
    offset = len(title) + len(separator)
    spans = _spans(suggestions, SuggestionField.TITLE) + [
        Span(s.start + offset, s.end + offset, s.label, s.text)
        for s in _spans(suggestions, SuggestionField.TEXT)
    ]
    combined = apply_replacements(
        title + separator + text,
        spans,
        mode=cast("Mode", experience.replacement_mode),  # the field's choices are the modes
        seed=experience.surrogate_seed,
    )
    shared_title, _sep, shared_text = combined.partition(separator)
    return Preview(title=shared_title, text=shared_text, tags=tuple(experience.tags))


# --- search --------------------------------------------------------------------------------


@dataclass(frozen=True)
class SearchResult:
    page: SearchPage
    hits: list[tuple[SearchHit, Experience]]


def experience_search(*, user: Any, query: SearchQuery) -> SearchResult:
    """Search with the user's scope inside the backend query; then load the hits through
    the same rule from the database, so a story withdrawn a moment ago can never be
    shown from a stale index entry (a safety net, not the filter)."""
    page = search_backend().search(query)
    ids = [int(hit.id) for hit in page.hits if hit.id.isdigit()]
    found = {e.pk: e for e in experience_list_shared(user=user).filter(pk__in=ids)}
    hits = [(hit, found[int(hit.id)]) for hit in page.hits if int(hit.id) in found]
    return SearchResult(page=page, hits=hits)


def domain_list() -> QuerySet[Domain]:
    return Domain.objects.filter(is_active=True).order_by("name")


def domain_names() -> dict[str, str]:
    return dict(Domain.objects.values_list("slug", "name"))


def organisation_names(ids: Iterable[int]) -> dict[int, str]:
    return dict(Organisation.objects.filter(pk__in=list(ids)).values_list("pk", "name"))


# --- excerpts in search results -----------------------------------------------------------------

#: Words of search excerpts one reader may see of one story (not their own, not public)
#: per day; past it a hit shows only its title and tags. Three excerpts of about 30
#: words; showing the same excerpt again costs nothing.
EXCERPT_WORDS_PER_DAY = 90
EXCERPT_DETAIL_PREFIX = "fragment;"


@dataclass(frozen=True)
class Excerpt:
    """One excerpt as logged: which query kind showed it and how much text it held."""

    kind: str
    characters: int
    words: int
    digest: str

    def detail(self) -> str:
        return (
            f"{EXCERPT_DETAIL_PREFIX}soort={self.kind};tekens={self.characters};"
            f"woorden={self.words};h={self.digest}"
        )

    @classmethod
    def from_text(cls, text: str, *, kind: str) -> Excerpt:
        return cls(
            kind=kind,
            characters=len(text),
            words=len(text.split()),
            digest=text_hash(text)[:16],
        )

    @classmethod
    def parse(cls, detail: str) -> Excerpt | None:
        if not detail.startswith(EXCERPT_DETAIL_PREFIX):
            return None
        parts = detail[len(EXCERPT_DETAIL_PREFIX) :].split(";")
        values = dict(part.split("=", 1) for part in parts if "=" in part)
        try:
            return cls(
                kind=values.get("soort", ""),
                characters=int(values.get("tekens", "0")),
                words=int(values.get("woorden", "0")),
                digest=values.get("h", ""),
            )
        except ValueError:
            return None


def excerpt_text(hit: SearchHit) -> str:
    """The story text a hit's excerpt shows."""
    return "".join(text for text, _match in hit.body_snippet)


def excerpts_seen_today(*, user: Any, experience_ids: Iterable[int]) -> dict[int, dict[str, int]]:
    """Per story: the distinct excerpts (digest -> words) `user` saw today.

    Every showing is logged, so the same excerpt seen a hundred times today is a hundred
    rows; the database returns each distinct one once (bench/load.py found the rows read
    per search growing with every search of the day)."""
    start = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    rows = (
        AccessLog.objects.filter(
            actor=user,
            object_type=ACCESS_OBJECT_TYPE,
            action=AccessAction.READ,
            object_id__in=[str(pk) for pk in experience_ids],
            detail__startswith=EXCERPT_DETAIL_PREFIX,
            at__gte=start,
        )
        .order_by()
        .values_list("object_id", "detail")
        .distinct()
    )
    seen: dict[int, dict[str, int]] = {}
    for object_id, detail in rows:
        excerpt = Excerpt.parse(detail)
        if excerpt is not None and object_id.isdigit():
            seen.setdefault(int(object_id), {})[excerpt.digest] = excerpt.words
    return seen


# --- inzage-log -------------------------------------------------------------------------------


def reads_of_own_experiences(*, user: User) -> QuerySet[AccessLog]:
    """Who read or exported the user's stories (other than the user), newest first."""
    own_ids = [str(pk) for pk in Experience.objects.filter(_own(user)).values_list("pk", flat=True)]
    return (
        AccessLog.objects.filter(
            object_type=ACCESS_OBJECT_TYPE,
            action__in=[AccessAction.READ, AccessAction.EXPORT],
            object_id__in=own_ids,
        )
        .exclude(actor=user)
        .select_related("actor", "organisation")
        .order_by("-at")
    )
