"""Small steps that several services take: checking purposes, recording consent and
queueing work for the search index."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from django.utils import timezone
from django.utils.translation import gettext as _

from kwartier.core.services import enqueue_with_transaction
from kwartier.knowledge import index, tasks
from kwartier.knowledge.models import (
    ConsentPurpose,
    ConsentRecord,
    Experience,
)

if TYPE_CHECKING:
    from kwartier.accounts.models import User

logger = logging.getLogger("kwartier.knowledge")


# --- inzage-log ---------------------------------------------------------------------------------


def check_purposes(purposes: Sequence[str]) -> list[str]:
    if not purposes:
        return [_("Kies minstens één doel.")]
    if set(purposes) - set(ConsentPurpose.values):
        return [_("Kies een doel uit de lijst.")]
    return []


def consent_record(
    experience: Experience,
    *,
    kind: str,
    given_by: User | None,
    scope: str,
    purposes: list[str],
    text_hash_value: str = "",
    preview_hash: str = "",
    text_version: int | None = None,
    given_by_name: str = "",
    consent_date: date | None = None,
) -> ConsentRecord:
    record = ConsentRecord(
        experience=experience,
        experience_ref=experience.public_id,
        organisation=experience.organisation,
        kind=kind,
        given_by=given_by,
        given_by_name=given_by_name,
        consent_date=consent_date or timezone.localdate(),
        scope=scope,
        purposes=purposes,
        text_hash=text_hash_value,
        preview_hash=preview_hash,
        text_version=text_version,
    )
    record.full_clean(validate_constraints=False)
    record.save()
    return record


def index_later(experience_id: int) -> None:
    enqueue_with_transaction(tasks.index_experience, experience_id)


def index_remove_now(experience_id: int) -> None:
    """Remove before the response returns. Should the index be unreachable, the story is
    still gone everywhere (pages and search results read the database's rule) and a job
    retries the removal."""
    try:
        index.remove_experiences([experience_id])
    except Exception:  # noqa: BLE001 - any index failure must not undo a withdrawal
        logger.exception("Removing experience %s from the search index failed", experience_id)
        index_later(experience_id)
