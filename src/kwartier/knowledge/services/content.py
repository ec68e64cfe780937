"""Writing and editing stories: drafts, records, versions, edit conflicts."""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kwartier.accounts.models import Domain
from kwartier.knowledge.models import (
    SHAREABLE_VISIBILITIES,
    ConsentKind,
    Experience,
    ExperienceVersion,
    Language,
    State,
)
from kwartier.knowledge.services.steps import (
    check_purposes,
    consent_record,
    index_later,
)

if TYPE_CHECKING:
    from kwartier.accounts.models import Organisation, User


TITLE_MAX = 200
TEXT_MAX = 50_000
TAG_MAX = 40
TAGS_MAX = 12
NARRATOR_MAX = 150
#: Autosaves of one edit form by the same person within this window fold into one version.
VERSION_FOLD_WINDOW = timedelta(minutes=10)

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
    purpose_errors = check_purposes(purposes)
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
    consent_record(
        experience,
        kind=ConsentKind.RECORDING,
        given_by=recorded_by,
        given_by_name=narrator_name.strip(),
        consent_date=consent_date,
        scope=consent_scope,
        purposes=list(purposes),
    )
    return experience


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
        index_later(experience.pk)
    return experience
