"""Listening to the knowledge bank: both signals arrive inside the sharing transaction,
so codings of a withdrawn story are gone in the same commit that withdraws it."""

from __future__ import annotations

from typing import Any

from kwartier.collective import personal
from kwartier.collective.services import story_reshared, story_withdrawn
from kwartier.knowledge.public import (
    personal_data_eraser_register,
    personal_data_provider_register,
    shared_story_by_id,
    story_shared,
    story_unshared,
)


def on_story_shared(sender: Any, *, experience_id: int, shared_hash: str, **kwargs: Any) -> None:
    story_reshared(
        experience_id=experience_id,
        shared_hash=shared_hash,
        story=shared_story_by_id(experience_id=experience_id),
    )


def on_story_unshared(sender: Any, *, experience_id: int, **kwargs: Any) -> None:
    story_withdrawn(experience_id=experience_id)


def connect() -> None:
    story_shared.connect(on_story_shared, dispatch_uid="collective-story-shared")
    story_unshared.connect(on_story_unshared, dispatch_uid="collective-story-unshared")
    # privacy hook (decision 0107): the author's data download and erasure.
    personal_data_provider_register(personal.personal_data)
    personal_data_eraser_register(personal.erase)
