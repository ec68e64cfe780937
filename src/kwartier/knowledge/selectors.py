"""Every read of the knowledge bank. The visibility rule lives here, in one place.

Who may see a story beyond its author:

* only a *shared* story: approved de-identified text, not withdrawn, reach beyond the
  author (`_shared`);
* `public`: everyone, also anonymous visitors;
* `organisation`: members of the story's organisation;
* `network`: members of the story's organisation and of every organisation that shares
  a regional network with it.

The author (or the recorder) sees their own stories in any state through the `own`
selectors, which are scoped to the organisation they act for. An id outside a scope is
simply not found, so views answer 404 and nothing betrays that it exists.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from kwartier.accounts.models import Membership, Organisation, User
from kwartier.core.models import AccessAction, AccessLog
from kwartier.knowledge.deid import Span, apply_replacements
from kwartier.knowledge.models import (
    SHAREABLE_VISIBILITIES,
    ConsentKind,
    ConsentRecord,
    Decision,
    Domain,
    Experience,
    ExperienceVersion,
    RedactionSuggestion,
    State,
    SuggestionField,
    Visibility,
)
from kwartier.knowledge.search.base import Scope, SearchHit, SearchPage, SearchQuery

ACCESS_OBJECT_TYPE = "experience"


# --- the visibility rule ------------------------------------------------------------------


def _shared() -> Q:
    return (
        Q(shared_at__isnull=False)
        & ~Q(state=State.WITHDRAWN)
        & Q(visibility__in=list(SHAREABLE_VISIBILITIES))
    )


def _organisation_ids(user: Any) -> frozenset[int]:
    if not user.is_authenticated:
        return frozenset()
    return frozenset(
        Membership.objects.filter(user=user, user__is_active=True).values_list(
            "organisation_id", flat=True
        )
    )


def _network_ids(organisation_ids: Iterable[int]) -> frozenset[int]:
    return frozenset(
        Organisation.networks.through.objects.filter(
            organisation_id__in=list(organisation_ids)
        ).values_list("network_id", flat=True)
    )


def search_scope(*, user: Any) -> Scope:
    """The search backend's form of the same rule: the user's organisations and networks."""
    organisation_ids = _organisation_ids(user)
    return Scope(organisation_ids=organisation_ids, network_ids=_network_ids(organisation_ids))


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
        mode=experience.replacement_mode,  # type: ignore[arg-type]
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
    from kwartier.knowledge.index import search_backend

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
