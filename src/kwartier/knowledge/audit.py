"""The organisation's audit log sees that a private story changed, never what.

A private story (a draft that was never shared, or a withdrawn one) is its author's
alone: its state going to "review", its life phase or its visibility are already
telling. Auditlog would write those changes for the organisation's administrators to
read, so for such a story its own entry is replaced by one without any field values.
Changes that make a story shared (or end its sharing) stay in full: the organisation
sees the story then anyway.
"""

from __future__ import annotations

from typing import Any

from auditlog.models import LogEntry
from django.utils.translation import gettext

from kwartier.knowledge.models import Experience, State, Visibility

PRIVATE_CHANGE_FIELD = "verhaal"


def _was_shared(experience_id: int | None) -> bool:
    if experience_id is None:
        return False
    return (
        Experience.objects.filter(pk=experience_id, shared_at__isnull=False)
        .exclude(state=State.WITHDRAWN)
        .exclude(visibility=Visibility.PRIVATE)
        .exists()
    )


def mask_private_experience(sender: Any, instance: Any, action: int, **_kwargs: Any) -> bool:
    """auditlog's `pre_log` receiver: returns False (no regular entry) for a private
    story and writes the masked entry instead."""
    if sender is not Experience or not isinstance(instance, Experience):
        return True
    if instance.is_shared or _was_shared(instance.pk):
        return True
    LogEntry.objects.log_create(
        instance,
        action=action,
        changes={PRIVATE_CHANGE_FIELD: ["", gettext("privé verhaal gewijzigd")]},
        force_log=True,
    )
    return False
