"""The kennisbank tells when a story stops being shared (``knowledge.public.story_unshared``,
inside the withdrawing transaction): its links to the results go with it. The pages and
reports read stories live through ``knowledge.public`` anyway, so this only tidies up;
the withdrawal already holds without it."""

from __future__ import annotations

from typing import Any

from kwartier.impact.models import StoryLink


def drop_links(sender: Any, *, experience_id: int, organisation_id: int, **kwargs: Any) -> None:
    StoryLink.objects.filter(organisation_id=organisation_id, experience_id=experience_id).delete()
