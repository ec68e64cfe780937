"""The read log (inzage-log): reads, searches, exports and excerpts of non-public stories."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from kwartier.core.models import AccessAction, AccessLog
from kwartier.core.services import access_log_record, access_read_record
from kwartier.knowledge.models import (
    Experience,
    Visibility,
)
from kwartier.knowledge.selectors import (
    ACCESS_OBJECT_TYPE,
    EXCERPT_WORDS_PER_DAY,
    Excerpt,
    excerpts_seen_today,
)

if TYPE_CHECKING:
    from kwartier.accounts.models import Organisation


#: `detail` of an inzage-log entry written when the platform administration opened a story.
ADMIN_READ_DETAIL = "beheer"

# --- inzage-log ---------------------------------------------------------------------------------


def experience_read_record(
    *, experience: Experience, reader: Any, organisation: Organisation | None, via: str = "page"
) -> None:
    """Log a read of a non-public story by anyone but its author (NEN 7513)."""
    if not getattr(reader, "is_authenticated", False):
        return
    if experience.author_id == reader.pk or experience.visibility == Visibility.PUBLIC:
        return
    access_read_record(
        reader=reader,
        organisation=organisation,
        object_type=ACCESS_OBJECT_TYPE,
        object_id=experience.pk,
        subject=experience.author,
        detail=via,
    )


def experience_search_record(
    *, user: Any, organisation: Organisation | None, query_text: str, filters: str = ""
) -> None:
    """Log a search: the reader's own words and filters, never any story text."""
    if not getattr(user, "is_authenticated", False):
        return
    detail = " ".join(part for part in (query_text.strip(), filters) if part)
    access_log_record(
        actor=user,
        action=AccessAction.SEARCH,
        organisation=organisation,
        object_type=ACCESS_OBJECT_TYPE,
        detail=detail,
    )


def experience_export_record(
    *, user: Any, organisation: Organisation | None, experiences: Sequence[Experience]
) -> None:
    """Log an export: one entry per non-public story of someone else (so its author sees
    it in their inzage-log) and one for the export as a whole."""
    for experience in experiences:
        if experience.author_id == user.pk or experience.visibility == Visibility.PUBLIC:
            continue
        access_log_record(
            actor=user,
            action=AccessAction.EXPORT,
            organisation=organisation,
            object_type=ACCESS_OBJECT_TYPE,
            object_id=experience.pk,
            subject=experience.author,
            detail="csv",
        )
    access_log_record(
        actor=user,
        action=AccessAction.EXPORT,
        organisation=organisation,
        object_type=ACCESS_OBJECT_TYPE,
        detail=f"{len(experiences)} verhalen",
    )


def experience_excerpts_release(
    *,
    user: Any,
    organisation: Organisation | None,
    excerpts: Sequence[tuple[Experience, str]],
    kind: str,
) -> set[int]:
    """Decide which search excerpts `user` may see, and log each one shown.

    `excerpts` pairs each hit's story with the excerpt text the page would show. An
    excerpt of someone else's non-public story is logged for its author's inzage-log
    (who, when, which query kind, how many characters and words) and counts against the
    reader's daily budget for that story (`selectors.EXCERPT_WORDS_PER_DAY`); the same
    excerpt shown again costs nothing. Returns the ids whose excerpt may be shown; the
    others show title and tags only. One query to read the budget, one bulk insert.
    """
    if not getattr(user, "is_authenticated", False):
        return {experience.pk for experience, _text in excerpts}
    logged = [
        (experience, text)
        for experience, text in excerpts
        if experience.author_id != user.pk and experience.visibility != Visibility.PUBLIC
    ]
    allowed = {experience.pk for experience, _text in excerpts} - {e.pk for e, _t in logged}
    seen = excerpts_seen_today(user=user, experience_ids=[e.pk for e, _t in logged])
    rows = []
    for experience, text in logged:
        if not text.strip():
            allowed.add(experience.pk)
            continue
        excerpt = Excerpt.from_text(text, kind=kind)
        shown = seen.setdefault(experience.pk, {})
        if excerpt.digest not in shown:
            if sum(shown.values()) + excerpt.words > EXCERPT_WORDS_PER_DAY:
                continue
            shown[excerpt.digest] = excerpt.words
        allowed.add(experience.pk)
        rows.append(
            AccessLog(
                actor=user,
                actor_label=getattr(user, "email", "") or "",
                organisation=organisation,
                action=AccessAction.READ,
                object_type=ACCESS_OBJECT_TYPE,
                object_id=str(experience.pk),
                subject_id=experience.author_id,
                detail=excerpt.detail(),
            )
        )
    AccessLog.objects.bulk_create(rows)
    return allowed


def experience_admin_read_record(*, experience: Experience, administrator: Any) -> None:
    """A platform administrator opened a story in the administration: the author sees it
    in their inzage-log, whatever the story's state or reach."""
    access_read_record(
        reader=administrator,
        organisation=None,
        object_type=ACCESS_OBJECT_TYPE,
        object_id=experience.pk,
        subject=experience.author,
        on_behalf_of="platformbeheer",
        detail=ADMIN_READ_DETAIL,
    )
