"""Consent, publication, withdrawal and erasure: the steps that change who may read a story."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kwartier.knowledge.crypto import text_hash
from kwartier.knowledge.models import (
    SHAREABLE_VISIBILITIES,
    VISIBILITY_REACH,
    ConsentKind,
    ConsentRecord,
    Decision,
    Experience,
    State,
    Visibility,
)
from kwartier.knowledge.selectors import (
    SharePreview,
    experience_share_preview,
    recording_consent,
)
from kwartier.knowledge.services.steps import (
    check_purposes,
    consent_record,
    index_later,
    index_remove_now,
)
from kwartier.knowledge.signals import story_shared, story_unshared

if TYPE_CHECKING:
    from kwartier.accounts.models import User


# --- consent, publication, withdrawal ----------------------------------------------------------


def _narrator_name(experience: Experience) -> str:
    recording = recording_consent(experience=experience)
    return (recording.given_by_name or "") if recording else ""


def shareable_visibilities(experience: Experience) -> list[str]:
    """Reaches the author may choose: never beyond a recording consent's scope, and the
    network only when the organisation belongs to one."""
    allowed = list(SHAREABLE_VISIBILITIES)
    if not experience.organisation.networks.exists():
        allowed.remove(Visibility.NETWORK)
    recording = recording_consent(experience=experience)
    if recording is not None:
        cap = VISIBILITY_REACH[Visibility(recording.scope)]
        allowed = [v for v in allowed if VISIBILITY_REACH[Visibility(v)] <= cap]
    return [str(v) for v in allowed]


class StalePreview(ValidationError):
    """The text, reach or consent changed after the share page was opened: the author
    never saw what would be published. Carries the fresh preview to show instead."""

    def __init__(self, fresh: SharePreview) -> None:
        super().__init__(
            _(
                "De tekst die gedeeld zou worden is veranderd sinds u het voorbeeld opende "
                "(bijvoorbeeld in een ander venster). Er is niets gedeeld. Lees het nieuwe "
                "voorbeeld en geef opnieuw toestemming als u dit wilt delen."
            ),
            code="stale_preview",
        )
        self.fresh = fresh


def _same_consent(record: ConsentRecord, visibility: str, purposes: Sequence[str]) -> bool:
    return record.scope == visibility and sorted(record.purposes) == sorted(purposes)


@transaction.atomic
def experience_publish(
    *,
    experience: Experience,
    user: User,
    visibility: str,
    purposes: Sequence[str],
    consent_given: bool,
    preview_hash: str,
) -> Experience:
    """Share exactly the de-identified text the author has just seen, with explicit
    consent.

    `preview_hash` is the fingerprint of the preview the author saw
    (`selectors.experience_share_preview`). The story is locked, the preview computed
    again, and any difference refuses the request with `StalePreview` (nothing is
    shared). The same preview sent twice (a double click, two parallel requests) shares
    once and writes one consent record; the second call returns the shared story.

    From review this approves the new text; on a shared story it changes the reach (a
    new consent for the new scope). Only the approved de-identified text is stored for
    sharing; the index is updated by a job.
    """
    experience = Experience.objects.select_for_update().get(pk=experience.pk)
    errors: dict[str, list[str]] = {}
    if experience.state not in (State.REVIEW, State.PUBLISHED):
        raise ValidationError(
            _("Loop eerst de gevonden herkenbare gegevens na voordat u het verhaal deelt.")
        )
    if visibility not in shareable_visibilities(experience):
        errors["visibility"] = [_("Kies met wie u het verhaal deelt.")]
    purpose_errors = check_purposes(purposes)
    if purpose_errors:
        errors["purposes"] = purpose_errors
    if not consent_given:
        errors["consent"] = [_("Geef toestemming door het vakje aan te vinken.")]
    if errors:
        raise ValidationError(errors)
    done = experience.consents.filter(
        kind=ConsentKind.PUBLICATION, preview_hash=preview_hash
    ).first()
    if preview_hash and done is not None and _same_consent(done, visibility, purposes):
        return experience  # this very consent was given a moment ago
    fresh = experience_share_preview(experience=experience)
    if preview_hash != fresh.hash:
        raise StalePreview(fresh)

    now = timezone.now()
    if experience.state == State.REVIEW:
        for suggestion in experience.suggestions.filter(decision=Decision.PENDING):
            suggestion.decision = Decision.ACCEPTED
            suggestion.decided_at = now
            suggestion.save(update_fields=["decision", "decided_at"])
        experience.shared_title = fresh.title
        experience.shared_text = fresh.text
        experience.shared_tags = list(fresh.tags)
        experience.shared_hash = text_hash(
            experience.shared_title, experience.shared_text, *experience.shared_tags
        )
    experience.visibility = visibility
    experience.state = State.PUBLISHED
    experience.shared_at = now
    experience.published_at = experience.published_at or now
    experience.withdrawn_at = None
    experience.full_clean()
    experience.save()
    latest = experience.versions.order_by("-number").first()
    consent_record(
        experience,
        kind=ConsentKind.PUBLICATION,
        given_by=user,
        given_by_name=_narrator_name(experience),
        scope=visibility,
        purposes=list(purposes),
        text_hash_value=experience.shared_hash,
        preview_hash=fresh.hash,
        text_version=latest.number if latest else None,
    )
    story_shared.send(
        sender=Experience,
        experience_id=experience.pk,
        organisation_id=experience.organisation_id,
        shared_hash=experience.shared_hash,
    )
    index_later(experience.pk)
    return experience


def experience_withdraw(*, experience: Experience, user: User, reason: str = "") -> Experience:
    """Stop sharing, at once and everywhere. The consent records and audit trail stay;
    the shared text is erased (its purpose has ended); the author keeps the original."""
    with transaction.atomic():
        experience = Experience.objects.select_for_update().get(pk=experience.pk)
        if experience.state == State.WITHDRAWN:
            raise ValidationError(_("Dit verhaal is al ingetrokken."))
        was_shared = experience.is_shared
        previous_scope = experience.visibility
        previous_hash = experience.shared_hash
        experience.state = State.WITHDRAWN
        experience.withdrawn_at = timezone.now()
        experience.visibility = Visibility.PRIVATE
        experience.shared_at = None
        experience.shared_title = ""
        experience.shared_text = ""
        experience.shared_tags = []
        experience.full_clean()
        experience.save()
        if was_shared or experience.consents.filter(kind=ConsentKind.PUBLICATION).exists():
            consent_record(
                experience,
                kind=ConsentKind.WITHDRAWAL,
                given_by=user,
                given_by_name=_narrator_name(experience),
                scope=previous_scope if previous_scope in SHAREABLE_VISIBILITIES else "private",
                purposes=[],
                text_hash_value=previous_hash,
            )
        story_unshared.send(
            sender=Experience,
            experience_id=experience.pk,
            organisation_id=experience.organisation_id,
        )
    index_remove_now(experience.pk)
    return experience


def experience_delete(*, experience: Experience, user: User) -> None:
    """Erase a story (GDPR art. 17). The consent records remain, without the story."""
    with transaction.atomic():
        experience = Experience.objects.select_for_update().get(pk=experience.pk)
        if experience.is_shared:
            consent_record(
                experience,
                kind=ConsentKind.WITHDRAWAL,
                given_by=user,
                given_by_name=_narrator_name(experience),
                scope=experience.visibility,
                purposes=[],
                text_hash_value=experience.shared_hash,
            )
        experience_id = experience.pk
        story_unshared.send(
            sender=Experience,
            experience_id=experience_id,
            organisation_id=experience.organisation_id,
        )
        experience.delete()
    index_remove_now(experience_id)
