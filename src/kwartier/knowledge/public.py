"""What other capability apps may use of the knowledge bank (declared edges in the
independence contract, pyproject.toml). Nothing here hands out an original text: only
what is shared, and only to whom it is shared with.

Signals (sent inside the transaction that changes the story, see `knowledge.signals`):
`story_shared(experience_id, organisation_id, shared_hash)` and
`story_unshared(experience_id, organisation_id)` — a receiver that keeps a reference to
a shared story must drop it on `story_unshared`, so withdrawal holds everywhere at once.

Impact stories (issue 10): a story may be shown with an organisation's results and in
its reports while its author's *current* consent includes the purpose "verantwoording"
and the story is shared. Readers keep only the story's id and read the text through
:func:`accountability_stories_by_id` every time, so a withdrawal (or a new consent
without that purpose) removes the story everywhere at once: nothing is ever copied.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING
from uuid import UUID

from django.db.models import JSONField, OuterRef, Subquery

from kwartier.knowledge.models import ConsentKind, ConsentPurpose, ConsentRecord, Experience
from kwartier.knowledge.selectors import shared_q
from kwartier.knowledge.signals import story_shared, story_unshared

__all__ = ["story_shared", "story_unshared"]


# --- collective (wij-kennis): shared, de-identified stories to code and to ask -------------
# Only the shared text (`shared_title`, `shared_text`) ever leaves here, never an original,
# and only stories the reader may see under the kennisbank's own visibility rule.

import hashlib  # noqa: E402
from typing import Any  # noqa: E402

from kwartier.knowledge import selectors as _selectors  # noqa: E402
from kwartier.knowledge.models import Experience as _Experience  # noqa: E402
from kwartier.knowledge.models import Visibility as _Visibility  # noqa: E402
from kwartier.knowledge.search.normalise import normalise_tokens  # noqa: E402
from kwartier.knowledge.services.reads import experience_excerpts_release as _excerpts_release  # noqa: E402,E501
from kwartier.knowledge.services.reads import experience_read_record  # noqa: E402


@dataclass(frozen=True)
class SharedStory:
    """A shared story as wij-kennis sees it: de-identified text only."""

    experience_id: int
    organisation_id: int
    title: str
    text: str
    shared_hash: str
    teller_key: str
    visibility: str

    @property
    def is_public(self) -> bool:
        return self.visibility == _Visibility.PUBLIC


def teller_key(*, author_id: int | None, experience_id: int) -> str:
    """A pseudonymous key of a story's teller, to count distinct tellers: the author, or
    for a story recorded on someone's behalf (no account) the story itself."""
    source = f"auteur:{author_id}" if author_id else f"verhaal:{experience_id}"
    return hashlib.sha256(source.encode()).hexdigest()[:32]


def _as_shared(experience: _Experience) -> SharedStory:
    return SharedStory(
        experience_id=experience.pk,
        organisation_id=experience.organisation_id,
        title=experience.shared_title,
        text=experience.shared_text,
        shared_hash=experience.shared_hash,
        teller_key=teller_key(author_id=experience.author_id, experience_id=experience.pk),
        visibility=experience.visibility,
    )


def shared_story_list(*, user: Any, ids: Iterable[int] | None = None) -> list[SharedStory]:
    """Shared stories `user` may read (all, or those of `ids`), newest first. No read is
    logged: callers show titles and short coded quotes, and log full reads with
    `shared_story_get`."""
    stories = _selectors.experience_list_shared(user=user)
    if ids is not None:
        stories = stories.filter(pk__in=list(ids))
    return [_as_shared(e) for e in stories]


def shared_story_ids(*, user: Any) -> set[int]:
    """Ids of the shared stories `user` may read (for filtering coded fragments)."""
    return set(_selectors.experience_list_shared(user=user).values_list("pk", flat=True))


def shared_story_get(*, user: Any, organisation: Any, experience_id: int) -> SharedStory:
    """One shared story for reading in full (coding it); the read of a non-public story
    by anyone but its author is logged in the author's inzage-log. Raises
    `DoesNotExist` outside the reader's reach."""
    experience = _selectors.experience_get_shared(user=user, experience_id=experience_id)
    experience_read_record(
        experience=experience, reader=user, organisation=organisation, via="wij-kennis"
    )
    return _as_shared(experience)


def shared_story_by_id(*, experience_id: int) -> SharedStory | None:
    """The shared text of a story for re-anchoring codings inside the sharing
    transaction (the signal's receiver; no reader involved), or None when not shared."""
    experience = _Experience.objects.filter(pk=experience_id).first()
    if experience is None or not experience.is_shared:
        return None
    return _as_shared(experience)


def own_shared_story_list(*, user: Any, organisation: Any) -> list[SharedStory]:
    """The user's own shared stories in the organisation they act for (the teller gives
    meaning to them: self-signification)."""
    return [
        _as_shared(e)
        for e in _selectors.experience_list_own(user=user, organisation=organisation)
        if e.is_shared and e.author_id == user.pk
    ]


def search_tokens(text: str) -> list[str]:
    """The kennisbank's Dutch normalisation (lemmas, compounds, diacritics, stop words),
    so wij-kennis questions meet fragments the way the kennisbank search does."""
    return normalise_tokens(text)


__all__ += [
    "SharedStory",
    "own_shared_story_list",
    "search_tokens",
    "shared_story_by_id",
    "shared_story_get",
    "shared_story_ids",
    "shared_story_list",
    "teller_key",
]


def shared_story_ids_by_public_id(public_ids: Iterable[Any]) -> dict[Any, int]:
    """Ids of shared stories by their public id (demo data and fixtures refer to stories
    by their stable public id)."""
    return dict(
        _Experience.objects.filter(public_id__in=list(public_ids))
        .filter(_selectors._shared())
        .values_list("public_id", "pk")
    )


__all__ += ["shared_story_ids_by_public_id"]


def shared_excerpts_release(
    *, user: Any, organisation: Any, excerpts: Iterable[tuple[int, str]], kind: str
) -> set[int]:
    """Which stories' fragments `user` may see now, logging each excerpt of someone
    else's non-public story in its author's inzage-log and counting it against the
    reader's daily budget, exactly as kennisbank search excerpts are
    (`services.reads.experience_excerpts_release`). `excerpts` pairs story ids with the
    text that would be shown."""
    pairs = list(excerpts)
    stories = _Experience.objects.in_bulk([pk for pk, _text in pairs])
    return _excerpts_release(
        user=user,
        organisation=organisation,
        excerpts=[(stories[pk], text) for pk, text in pairs if pk in stories],
        kind=kind,
    )


__all__ += ["shared_excerpts_release"]
if TYPE_CHECKING:
    from kwartier.accounts.models import Organisation

__all__ += [
    "AccountabilityStory",
    "accountability_stories",
    "accountability_stories_by_id",
    "story_shared",
    "story_unshared",
]


@dataclass(frozen=True)
class AccountabilityStory:
    """The shared (de-identified) version of a story, as the author approved it."""

    id: int
    public_id: UUID
    title: str
    text: str
    shared_at: datetime | None


def _with_accountability(
    organisation: Organisation, ids: set[int] | None = None
) -> list[AccountabilityStory]:
    latest_consent = (
        ConsentRecord.objects.filter(experience=OuterRef("pk"), kind=ConsentKind.PUBLICATION)
        .order_by("-created_at", "-pk")
        .values("purposes")[:1]
    )
    stories = Experience.objects.filter(shared_q(), organisation=organisation)
    if ids is not None:
        stories = stories.filter(pk__in=ids)
    rows = (
        stories.annotate(consented=Subquery(latest_consent, output_field=JSONField()))
        .order_by("-shared_at", "-pk")
        .values_list("pk", "public_id", "shared_title", "shared_text", "shared_at", "consented")
    )
    return [
        AccountabilityStory(id=pk, public_id=public_id, title=title, text=text, shared_at=at)
        for pk, public_id, title, text, at, consented in rows
        if ConsentPurpose.ACCOUNTABILITY.value in (consented or [])
    ]


def accountability_stories(*, organisation: Organisation) -> list[AccountabilityStory]:
    """The organisation's stories that may be shown with its results now, newest first."""
    return _with_accountability(organisation)


def accountability_stories_by_id(
    *, organisation: Organisation, ids: Iterable[int]
) -> dict[int, AccountabilityStory]:
    """Of the given story ids, those that may still be shown now (a withdrawn story, or one
    whose consent no longer covers accountability, is simply absent)."""
    wanted = set(ids)
    if not wanted:
        return {}
    return {story.id: story for story in _with_accountability(organisation, wanted)}


# --- privacy: re-identification risk of stories behind an insight (decision 0105) ---------
# Facts about the stories only (domain, life phase, organisation, region, year, small
# team), never their text. A warning for the coders and the reviewer, not a block.

from kwartier.knowledge.exposure import stories_risk as _stories_risk  # noqa: E402
from kwartier.knowledge.risk import Assessment as RiskAssessment  # noqa: E402


@dataclass(frozen=True)
class EvidenceRisk:
    """A story behind an insight whose facts are rare among what the audience sees."""

    experience_id: int
    k: int
    threshold: int
    explanation: str
    advice: tuple[str, ...]


def evidence_risk(*, experience_ids: Iterable[int], network_wide: bool) -> list[EvidenceRisk]:
    """Flagged stories among `experience_ids`, judged within the audience of an insight of
    a network codebook (`network_wide`) or of an organisation's codebook."""
    visibility = _Visibility.NETWORK if network_wide else _Visibility.ORGANISATION
    found: dict[int, RiskAssessment] = _stories_risk(
        experience_ids=set(experience_ids), visibility=visibility
    )
    return [
        EvidenceRisk(
            experience_id=pk,
            k=a.k,
            threshold=a.threshold,
            explanation=a.explanation,
            advice=tuple(step.advice for step in a.plan),
        )
        for pk, a in sorted(found.items())
        if a.flagged
    ]


# --- privacy: exports of shared stories by wij-kennis (decision 0106) ----------------------

from kwartier.core.models import AccessAction as _AccessAction  # noqa: E402
from kwartier.core.services import access_log_record as _access_log_record  # noqa: E402
from kwartier.knowledge.selectors import ACCESS_OBJECT_TYPE as _ACCESS_OBJECT_TYPE  # noqa: E402


def shared_stories_exported(
    *, user: Any, organisation: Any, experience_ids: Iterable[int], fmt: str
) -> None:
    """Log that `user` took the shared text of these stories away in an export (`fmt`,
    e.g. "qdpx"): one entry per non-public story of someone else, so its author sees it
    in their inzage-log, as the kennisbank's own CSV export does."""
    stories = _selectors.experience_list_shared(user=user).filter(pk__in=list(experience_ids))
    for experience in stories.select_related("author"):
        if experience.author_id == user.pk or experience.visibility == _Visibility.PUBLIC:
            continue
        _access_log_record(
            actor=user,
            action=_AccessAction.EXPORT,
            organisation=organisation,
            object_type=_ACCESS_OBJECT_TYPE,
            object_id=experience.pk,
            subject=experience.author,
            detail=fmt,
        )


# --- privacy: the author's own data (decision 0107) ----------------------------------------
# An app that keeps data about a story registers a provider (what goes into the author's
# ZIP) and, if it keeps anything a withdrawal does not remove, an eraser.

from kwartier.knowledge.personal import eraser_register as personal_data_eraser_register  # noqa: E402
from kwartier.knowledge.personal import (  # noqa: E402
    provider_register as personal_data_provider_register,
)

__all__ += ["personal_data_eraser_register", "personal_data_provider_register"]
