"""De-identification of stories (a job) and the author's review of its suggestions."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kwartier.core.models import Job
from kwartier.core.services import job_create
from kwartier.knowledge import tasks
from kwartier.knowledge.deid import LABELS
from kwartier.knowledge.models import (
    Decision,
    Experience,
    RedactionSuggestion,
    ReplacementMode,
    State,
    SuggestionField,
    SuggestionOrigin,
)
from kwartier.knowledge.suggestions import content_hash

if TYPE_CHECKING:
    from kwartier.accounts.models import Organisation, User


PHRASE_MAX = 200
PHRASES_MAX = 50

# --- de-identification -----------------------------------------------------------------------


def _start_deidentification(experiences: list[Experience], *, job: Job) -> None:
    for experience in experiences:
        experience.state = State.DEIDENTIFYING
        experience.source_hash = content_hash(experience)
        experience.deid_job = job
        experience.save(update_fields=["state", "source_hash", "deid_job", "updated_at"])
    ids = [experience.pk for experience in experiences]
    job_id = str(job.pk)

    transaction.on_commit(lambda: tasks.deidentify_experiences.enqueue(job_id, ids))


def _check_can_deidentify(experience: Experience) -> None:
    if experience.state == State.DEIDENTIFYING:
        raise ValidationError(
            _("Kwartier zoekt al naar wat iemand in dit verhaal herkenbaar maakt.")
        )
    if experience.state not in (State.DRAFT, State.REVIEW):
        raise ValidationError(_("Er is niets nieuws om te controleren: pas het verhaal eerst aan."))
    if not (experience.text_original or "").strip():
        raise ValidationError(
            _("Schrijf eerst uw verhaal; een leeg verhaal valt niet te controleren.")
        )


@transaction.atomic
def experience_deidentify_request(*, experience: Experience, user: User) -> Job:
    """Queue the automatic search for names, places, numbers and other identifiers."""
    experience = Experience.objects.select_for_update().get(pk=experience.pk)
    _check_can_deidentify(experience)
    job = job_create(
        kind="deidentify",
        label=_("Herkenbare gegevens zoeken"),
        organisation=experience.organisation,
        created_by=user,
    )
    _start_deidentification([experience], job=job)
    return job


@transaction.atomic
def experience_deidentify_bulk_request(
    *, user: User, organisation: Organisation, experiences: Sequence[Experience]
) -> Job:
    """One job for many drafts (e.g. every story a kwartiermaker recorded), with progress."""
    locked = list(
        Experience.objects.select_for_update()
        .filter(pk__in=[e.pk for e in experiences], organisation=organisation)
        .order_by("pk")
    )
    ready = [e for e in locked if e.state == State.DRAFT and (e.text_original or "").strip()]
    if not ready:
        raise ValidationError(_("Er zijn geen concepten met tekst om te controleren."))
    job = job_create(
        kind="deidentify",
        label=_("Kwartier zoekt in %(count)s verhalen naar wat iemand herkenbaar maakt")
        % {"count": len(ready)},
        organisation=organisation,
        created_by=user,
    )
    _start_deidentification(ready, job=job)
    return job


# --- review ----------------------------------------------------------------------------------


def find_phrase(text: str, phrase: str) -> list[tuple[int, int]]:
    """Every occurrence of `phrase` in `text`, ignoring case, as (start, end)."""
    pattern = re.compile(re.escape(phrase), re.IGNORECASE)
    return [match.span() for match in pattern.finditer(text)]


@transaction.atomic
def experience_review_save(
    *,
    experience: Experience,
    user: User,
    decisions: dict[int, bool],
    extra_phrases: Sequence[str] = (),
    extra_label: str = "PERSON",
    mode: str | None = None,
) -> Experience:
    """Record the author's review: accept (replace) or reject (keep) each suggestion,
    mark extra text to leave out, and choose tags or made-up replacements."""
    experience = Experience.objects.select_for_update().get(pk=experience.pk)
    if experience.state != State.REVIEW:
        raise ValidationError(_("Dit verhaal is nu niet in de controlefase."))
    suggestions = {s.pk: s for s in experience.suggestions.all()}
    errors: dict[str, list[str]] = {}
    unknown = set(decisions) - set(suggestions)
    if unknown:
        errors["decisions"] = [_("Een of meer suggesties horen niet bij dit verhaal.")]
    if extra_label not in LABELS:
        errors["extra_label"] = [_("Kies een soort gegeven uit de lijst.")]
    if mode is not None and mode not in ReplacementMode.values:
        errors["mode"] = [_("Kies hoe weggelaten tekst vervangen wordt.")]
    phrases = [" ".join(p.split()) for p in extra_phrases if p.strip()]
    if len(phrases) > PHRASES_MAX:
        errors["extra"] = [
            _("Geef hoogstens %(max)s woorden of zinnen tegelijk op.") % {"max": PHRASES_MAX}
        ]
        raise ValidationError(errors)
    if any(len(p) > PHRASE_MAX for p in phrases):
        errors["extra"] = [
            _("Eén stuk tekst om weg te laten is hoogstens %(max)s tekens.") % {"max": PHRASE_MAX}
        ]
        raise ValidationError(errors)
    title = experience.title_original or ""
    text = experience.text_original or ""
    missing = [p for p in phrases if not find_phrase(title, p) and not find_phrase(text, p)]
    if missing:
        errors["extra"] = [
            _("„%(phrase)s” staat niet letterlijk in uw titel of verhaal.") % {"phrase": p}
            for p in missing
        ]
    if any(len(p) < 2 for p in phrases):
        errors.setdefault("extra", []).append(_("Geef minstens twee tekens op."))
    if errors:
        raise ValidationError(errors)

    now = timezone.now()
    for pk, accepted in decisions.items():
        suggestion = suggestions[pk]
        wanted = Decision.ACCEPTED if accepted else Decision.REJECTED
        if suggestion.decision != wanted:
            suggestion.decision = wanted
            suggestion.decided_at = now
            suggestion.save(update_fields=["decision", "decided_at"])
    existing = {(s.field, s.start, s.end) for s in suggestions.values()}
    for phrase in phrases:
        for field, source in ((SuggestionField.TITLE, title), (SuggestionField.TEXT, text)):
            for start, end in find_phrase(source, phrase):
                if (field, start, end) in existing:
                    RedactionSuggestion.objects.filter(
                        experience=experience, field=field, start=start, end=end
                    ).update(decision=Decision.ACCEPTED, decided_at=now)
                    continue
                existing.add((field, start, end))
                RedactionSuggestion.objects.create(
                    experience=experience,
                    field=field,
                    start=start,
                    end=end,
                    label=extra_label,
                    original=source[start:end],
                    origin=SuggestionOrigin.AUTHOR,
                    decision=Decision.ACCEPTED,
                    decided_at=now,
                )
    if mode is not None and mode != experience.replacement_mode:
        experience.replacement_mode = mode
        experience.save(update_fields=["replacement_mode", "updated_at"])
    return experience
