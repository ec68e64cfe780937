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
