"""Everything that changes the knowledge bank.

Each function runs in one transaction, validates before it saves and raises a Dutch
`ValidationError` on bad input, leaving everything as it was. The path to sharing:

    experience_create / experience_record          -> draft
    experience_deidentify_request (job)            -> deidentifying -> review
    experience_review_save                         (decisions, extra text, mode)
    experience_publish (explicit consent)          -> published, index job
    experience_withdraw                            -> withdrawn, removed from the index now

Editing a shared story (`experience_update`) sends the working copy back to draft while
the approved shared version stays visible until the author approves the new one.
"""

from __future__ import annotations

import logging
import random
import re
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kwartier.core.models import AccessAction, AccessLog, Job
from kwartier.core.services import access_log_record, access_read_record, job_create
from kwartier.knowledge import crypto, index, tasks
from kwartier.knowledge.crypto import text_hash
from kwartier.knowledge.deid import LABELS
from kwartier.knowledge.models import (
    SHAREABLE_VISIBILITIES,
    VISIBILITY_REACH,
    ConsentKind,
    ConsentPurpose,
    ConsentRecord,
    Decision,
    Domain,
    Experience,
    ExperienceVersion,
    Language,
    RedactionSuggestion,
    ReplacementMode,
    State,
    SuggestionField,
    SuggestionOrigin,
    Visibility,
)
from kwartier.knowledge.selectors import (
    ACCESS_OBJECT_TYPE,
    EXCERPT_WORDS_PER_DAY,
    Excerpt,
    SharePreview,
    excerpts_seen_today,
    experience_share_preview,
    recording_consent,
)
from kwartier.knowledge.suggestions import content_hash

if TYPE_CHECKING:
    from kwartier.accounts.models import Organisation, User

logger = logging.getLogger("kwartier.knowledge")

TITLE_MAX = 200
TEXT_MAX = 50_000
TAG_MAX = 40
TAGS_MAX = 12
NARRATOR_MAX = 150
PHRASE_MAX = 200
PHRASES_MAX = 50
#: Autosaves of one edit form by the same person within this window fold into one version.
VERSION_FOLD_WINDOW = timedelta(minutes=10)
#: `detail` of an inzage-log entry written when the platform administration opened a story.
ADMIN_READ_DETAIL = "beheer"
#: States in which the working copy is waiting for or in review.
_REVIEW_STATES = {State.DEIDENTIFYING, State.REVIEW}


# --- content -----------------------------------------------------------------------------


def clean_tags(tags: Iterable[str]) -> list[str]:
    """Tags once each, trimmed and lower-case, in the order given."""
    cleaned: list[str] = []
    for raw in tags:
        tag = " ".join(str(raw).split()).lower()
        if tag and tag not in cleaned:
            cleaned.append(tag)
    return cleaned


def _validate_content(title: str, text: str, tags: list[str]) -> None:
    errors: dict[str, list[str]] = {}
    if not title.strip():
        errors["title"] = [_("Geef het verhaal een titel.")]
    elif len(title) > TITLE_MAX:
        errors["title"] = [_("Een titel is hoogstens %(max)s tekens.") % {"max": TITLE_MAX}]
    elif "\n" in title or "\r" in title:
        errors["title"] = [_("Een titel past op één regel.")]
    if len(text) > TEXT_MAX:
        errors["text"] = [_("Een verhaal is hoogstens %(max)s tekens.") % {"max": TEXT_MAX}]
    if len(tags) > TAGS_MAX:
        errors["tags"] = [_("Kies hoogstens %(max)s trefwoorden.") % {"max": TAGS_MAX}]
    elif any(len(tag) > TAG_MAX for tag in tags):
        errors["tags"] = [_("Een trefwoord is hoogstens %(max)s tekens.") % {"max": TAG_MAX}]
    if errors:
        raise ValidationError(errors)


class EditConflict(ValidationError):
    """The story was saved elsewhere (another tab, another person) after the editor's
    form was opened: their save would silently replace that text. Carries the saved
    story so a page can show both texts and let the editor choose."""

    def __init__(self, current: Experience) -> None:
        super().__init__(
            _(
                "Dit verhaal is intussen ergens anders opgeslagen (in een ander venster of "
                "door iemand anders). Uw wijziging is niet opgeslagen: kies hieronder welke "
                "tekst u wilt houden."
            ),
            code="conflict",
        )
        self.current = current


def _record_version(
    experience: Experience, editor: User | None, edit_session: str = ""
) -> ExperienceVersion:
    """Keep the working copy as a version. Successive autosaves of one open edit form
    fold into one version; a save from another form, tab, person or the API never folds
    into it (its text would vanish from the history), and nothing folds into a version
    that was already approved for sharing."""
    latest = experience.versions.order_by("-number").first()
    now = timezone.now()
    approved_after = experience.shared_at or experience.withdrawn_at
    if (
        latest is not None
        and editor is not None
        and edit_session
        and latest.edit_session == edit_session
        and latest.created_by_id == editor.pk
        and now - latest.updated_at < VERSION_FOLD_WINDOW
        and (approved_after is None or latest.updated_at > approved_after)
    ):
        latest.title = experience.title_original
        latest.text = experience.text_original
        latest.save(update_fields=["title", "text", "updated_at"])
        return latest
    return ExperienceVersion.objects.create(
        experience=experience,
        number=(latest.number + 1) if latest else 1,
        title=experience.title_original,
        text=experience.text_original,
        created_by=editor,
        edit_session=edit_session[:64],
    )


def _new_experience(
    *,
    organisation: Organisation,
    author: User | None,
    recorded_by: User | None,
    title: str,
    text: str,
    domains: Sequence[Domain],
    life_phase: str,
    tags: Iterable[str],
    language: str,
) -> Experience:
    tag_list = clean_tags(tags)
    _validate_content(title, text, tag_list)
    experience = Experience(
        organisation=organisation,
        author=author,
        recorded_by=recorded_by,
        title_original=title.strip(),
        text_original=text,
        life_phase=life_phase,
        tags=tag_list,
        language=language,
        surrogate_seed=random.SystemRandom().randrange(1, 2**31),
    )
    experience.full_clean()
    experience.save()
    experience.domains.set(domains)
    _record_version(experience, author or recorded_by)
    return experience


@transaction.atomic
def experience_create(
    *,
    organisation: Organisation,
    author: User,
    title: str,
    text: str = "",
    domains: Sequence[Domain] = (),
    life_phase: str = "",
    tags: Iterable[str] = (),
    language: str = Language.DUTCH,
) -> Experience:
    """A new draft by its author; nobody else sees it."""
    return _new_experience(
        organisation=organisation,
        author=author,
        recorded_by=None,
        title=title,
        text=text,
        domains=domains,
        life_phase=life_phase,
        tags=tags,
        language=language,
    )


@transaction.atomic
def experience_record(
    *,
    organisation: Organisation,
    recorded_by: User,
    narrator_name: str,
    consent_date: date,
    consent_scope: str,
    purposes: Sequence[str],
    consent_signed: bool,
    title: str,
    text: str = "",
    domains: Sequence[Domain] = (),
    life_phase: str = "",
    tags: Iterable[str] = (),
    language: str = Language.DUTCH,
) -> Experience:
    """A kwartiermaker records a story for someone without an account, with the signed
    consent of that person (who, date, reach, purposes)."""
    errors: dict[str, list[str]] = {}
    if not narrator_name.strip():
        errors["narrator_name"] = [_("Vul de naam in van wie het verhaal vertelt.")]
    elif len(narrator_name) > NARRATOR_MAX:
        errors["narrator_name"] = [
            _("Een naam is hoogstens %(max)s tekens.") % {"max": NARRATOR_MAX}
        ]
    if consent_date > timezone.localdate():
        errors["consent_date"] = [_("De datum van de toestemming ligt in de toekomst.")]
    if consent_scope not in SHAREABLE_VISIBILITIES:
        errors["consent_scope"] = [_("Kies voor wie het verhaal gedeeld mag worden.")]
    purpose_errors = _purpose_errors(purposes)
    if purpose_errors:
        errors["purposes"] = purpose_errors
    if not consent_signed:
        errors["consent_signed"] = [
            _("Neem een verhaal alleen op met getekende toestemming van de verteller.")
        ]
    if errors:
        raise ValidationError(errors)
    experience = _new_experience(
        organisation=organisation,
        author=None,
        recorded_by=recorded_by,
        title=title,
        text=text,
        domains=domains,
        life_phase=life_phase,
        tags=tags,
        language=language,
    )
    _consent(
        experience,
        kind=ConsentKind.RECORDING,
        given_by=recorded_by,
        given_by_name=narrator_name.strip(),
        consent_date=consent_date,
        scope=consent_scope,
        purposes=list(purposes),
    )
    return experience


def _purpose_errors(purposes: Sequence[str]) -> list[str]:
    if not purposes:
        return [_("Kies minstens één doel.")]
    if set(purposes) - set(ConsentPurpose.values):
        return [_("Kies een doel uit de lijst.")]
    return []


@transaction.atomic
def experience_update(
    *,
    experience: Experience,
    editor: User,
    title: str,
    text: str,
    revision: int | None,
    edit_session: str = "",
    domains: Sequence[Domain] | None = None,
    life_phase: str | None = None,
    tags: Iterable[str] | None = None,
    language: str | None = None,
) -> Experience:
    """Save the working copy (the form, the autosave and the API all come here).

    `revision` is the story's revision the editor's form or API call started from
    (optimistic concurrency). When the story was saved since by anything but this same
    open form (`edit_session`: its own autosaves), and this save would change it,
    `EditConflict` is raised and nothing changes. `None` skips the check; only
    callers that just read the story in the same request (none of the web or API
    edits) may pass it.

    A change to title, story or tags needs a new review: the working copy goes back to
    draft and its suggestions are dropped. A shared story stays shared, with its approved
    text, until the author approves the new version (or withdraws it).
    """
    experience = Experience.objects.select_for_update().get(pk=experience.pk)
    tag_list = clean_tags(tags) if tags is not None else list(experience.tags)
    _validate_content(title, text, tag_list)
    content_changed = (
        title.strip() != experience.title_original
        or text != experience.text_original
        or tag_list != list(experience.tags)
    )
    life_phase_changed = life_phase is not None and life_phase != experience.life_phase
    language_changed = language is not None and language != experience.language
    old_domains = set(experience.domains.values_list("pk", flat=True))
    facets_changed = domains is not None and old_domains != {d.pk for d in domains}
    changed = content_changed or life_phase_changed or language_changed or facets_changed
    # The form's own earlier saves (its autosaves) are not someone else's work.
    own_save = bool(edit_session) and experience.last_edit_session == edit_session
    if revision is not None and revision != experience.revision and changed and not own_save:
        raise EditConflict(experience)
    if not changed:
        return experience
    experience.title_original = title.strip()
    experience.text_original = text
    experience.tags = tag_list
    if life_phase is not None:
        experience.life_phase = life_phase
    if language is not None:
        experience.language = language
    if content_changed and experience.state != State.DRAFT:
        experience.state = State.DRAFT
        experience.source_hash = ""
        experience.suggestions.all().delete()
    experience.revision += 1
    experience.last_edit_session = edit_session[:64]
    experience.full_clean()
    experience.save()
    if domains is not None:
        experience.domains.set(domains)
    if content_changed:
        _record_version(experience, editor, edit_session)
    if experience.is_shared and (facets_changed or life_phase_changed):
        # Domains and life phase come from managed lists and identify no one; they go to
        # the index straight away. Text and tags wait for the author's approval.
        _enqueue_index(experience.pk)
    return experience


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
        raise ValidationError(_("Dit verhaal wordt al gecontroleerd op herkenbare gegevens."))
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
        label=_("Herkenbare gegevens zoeken in %(count)s verhalen") % {"count": len(ready)},
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


# --- consent, publication, withdrawal ----------------------------------------------------------


def _consent(
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
    purpose_errors = _purpose_errors(purposes)
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
    _consent(
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
    _enqueue_index(experience.pk)
    return experience


def _enqueue_index(experience_id: int) -> None:
    transaction.on_commit(lambda: tasks.index_experience.enqueue(experience_id))


def _remove_from_index_now(experience_id: int) -> None:
    """Remove before the response returns. Should the index be unreachable, the story is
    still gone everywhere (pages and search results read the database's rule) and a job
    retries the removal."""
    try:
        index.remove_experiences([experience_id])
    except Exception:  # noqa: BLE001 - any index failure must not undo a withdrawal
        logger.exception("Removing experience %s from the search index failed", experience_id)
        _enqueue_index(experience_id)


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
            _consent(
                experience,
                kind=ConsentKind.WITHDRAWAL,
                given_by=user,
                given_by_name=_narrator_name(experience),
                scope=previous_scope if previous_scope in SHAREABLE_VISIBILITIES else "private",
                purposes=[],
                text_hash_value=previous_hash,
            )
    _remove_from_index_now(experience.pk)
    return experience


def experience_delete(*, experience: Experience, user: User) -> None:
    """Erase a story (GDPR art. 17). The consent records remain, without the story."""
    with transaction.atomic():
        experience = Experience.objects.select_for_update().get(pk=experience.pk)
        if experience.is_shared:
            _consent(
                experience,
                kind=ConsentKind.WITHDRAWAL,
                given_by=user,
                given_by_name=_narrator_name(experience),
                scope=experience.visibility,
                purposes=[],
                text_hash_value=experience.shared_hash,
            )
        experience_id = experience.pk
        experience.delete()
    _remove_from_index_now(experience_id)


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


# --- search index (a job) -------------------------------------------------------------------


def key_rotation_start(*, user: User | None = None) -> Job:
    """Queue the re-encryption of every original with the current key (decision 0111)."""
    fingerprint = crypto.key_fingerprint(crypto.keys()[0])
    job = job_create(
        kind="rotate_key",
        label=_("Versleuteling vernieuwen (sleutel %(key)s)") % {"key": fingerprint},
        organisation=None,
        created_by=user,
    )
    job_id = str(job.pk)
    transaction.on_commit(lambda: tasks.rotate_encryption_key.enqueue(job_id, fingerprint))
    return job


def reindex_start(*, user: User | None = None) -> Job:
    """Queue a full rebuild as a job (its progress shows on the job page)."""
    job = job_create(
        kind="reindex", label=_("Zoekindex opnieuw opbouwen"), organisation=None, created_by=user
    )
    job_id = str(job.pk)
    transaction.on_commit(lambda: tasks.reindex.enqueue(job_id))
    return job
