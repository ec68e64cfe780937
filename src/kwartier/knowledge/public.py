"""What other capability apps may use of the knowledge bank (declared edges in the
independence contract, pyproject.toml). Nothing here hands out an original text: only
what is shared, and only to whom it is shared with.

Signals (sent inside the transaction that changes the story, see `knowledge.signals`):
`story_shared(experience_id, organisation_id, shared_hash)` and
`story_unshared(experience_id, organisation_id)` — a receiver that keeps a reference to
a shared story must drop it on `story_unshared`, so withdrawal holds everywhere at once.
"""

from __future__ import annotations

from kwartier.knowledge.signals import story_shared, story_unshared

__all__ = ["story_shared", "story_unshared"]


# --- collective (wij-kennis): shared, de-identified stories to code and to ask -------------
# Only the shared text (`shared_title`, `shared_text`) ever leaves here, never an original,
# and only stories the reader may see under the kennisbank's own visibility rule.

import hashlib  # noqa: E402
from collections.abc import Iterable  # noqa: E402
from dataclasses import dataclass  # noqa: E402
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
