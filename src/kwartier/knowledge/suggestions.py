"""The de-identification job's services: store the engine's suggestions, or hand the
stories back when the job fails. They sit below `tasks` (which calls them), and
`services` (which starts the job) sits above `tasks`: no module imports one that
imports it back."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction

from kwartier.knowledge.crypto import text_hash
from kwartier.knowledge.deid import Span
from kwartier.knowledge.models import (
    Experience,
    RedactionSuggestion,
    State,
    SuggestionField,
    SuggestionOrigin,
)


def content_hash(experience: Experience) -> str:
    """The fingerprint of the story as its author wrote it (title and text)."""
    return text_hash(experience.title_original or "", experience.text_original or "")


@transaction.atomic
def experience_suggestions_store(
    *, experience_id: int, source_hash: str, title_spans: list[Span], text_spans: list[Span]
) -> bool:
    """Store the engine's suggestions and move the story to review.

    Returns False (and changes nothing) when the story changed since the job was queued:
    its author edited it meanwhile, so these offsets no longer fit. Running twice is
    harmless: the second run finds the story in review already.
    """
    experience = Experience.objects.select_for_update().filter(pk=experience_id).first()
    if experience is None or experience.state != State.DEIDENTIFYING:
        return False
    if experience.source_hash != source_hash or content_hash(experience) != source_hash:
        return False
    experience.suggestions.filter(origin=SuggestionOrigin.ENGINE).delete()
    RedactionSuggestion.objects.bulk_create(
        [
            RedactionSuggestion(
                experience=experience,
                field=field,
                start=span.start,
                end=span.end,
                label=span.label,
                original=span.text,
                origin=SuggestionOrigin.ENGINE,
            )
            for field, spans in (
                (SuggestionField.TITLE, title_spans),
                (SuggestionField.TEXT, text_spans),
            )
            for span in spans
        ]
    )
    experience.state = State.REVIEW
    experience.save(update_fields=["state", "updated_at"])
    return True


@transaction.atomic
def experience_deidentify_failed(*, experience_ids: Sequence[int]) -> None:
    """A failed job hands the stories back to their authors as drafts."""
    Experience.objects.filter(pk__in=list(experience_ids), state=State.DEIDENTIFYING).update(
        state=State.DRAFT, source_hash=""
    )
