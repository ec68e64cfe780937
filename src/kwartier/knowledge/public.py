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

if TYPE_CHECKING:
    from kwartier.accounts.models import Organisation

__all__ = [
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
