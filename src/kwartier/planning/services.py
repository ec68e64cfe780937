"""Everything that changes a kwartiermaakplan. Each function is one transaction and runs
`full_clean` before it saves, so bad input changes nothing.

Versioning rule: an adopted version is frozen. Every change goes into the plan's draft;
when there is none (the newest version is adopted), `_draft_for_change` first copies the
adopted version, with all its parts and scenarios, into a new draft version.
"""

from __future__ import annotations

import unicodedata
import uuid
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from kwartier.planning import selectors
from kwartier.planning.models import (
    PART_MODELS,
    VERSION_TEXT_FIELDS,
    Commitment,
    Plan,
    PlanVersion,
    ProgressEntry,
    Scenario,
    Target,
    VersionPart,
    VersionStatus,
)
from kwartier.planning.projection import (
    ProjectionInputError,
    parse_projection_input,
    project,
    projection_to_dict,
)

if TYPE_CHECKING:
    from kwartier.accounts.models import Organisation, User

# A part whose rows must differ in one field within a version (a database constraint).
UNIQUE_PER_VERSION: dict[type[VersionPart], str] = {Target: "year"}


class EditConflict(ValidationError):
    """Someone saved this part of the plan after the form was opened: saving now would
    silently undo their change. The view shows both texts and lets the user choose."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "Iemand anders heeft dit onderdeel opgeslagen nadat u het opende. Hieronder "
                "staan uw tekst en de huidige tekst. Kies wat blijft: sla uw tekst opnieuw op, "
                "of ga verder met de huidige tekst."
            ),
            code="edit_conflict",
        )


class StaleAdoption(ValidationError):
    """The bestuurder confirmed another text than the draft has now."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "Het plan is gewijzigd nadat u deze pagina opende, dus u zou een tekst "
                "vaststellen die u niet gezien hebt. Hieronder staat de huidige tekst; lees "
                "die en stel het plan opnieuw vast als u ermee instemt."
            ),
            code="stale_adoption",
        )


def _duplicate_title() -> ValidationError:
    return ValidationError(
        {"title": _("Uw organisatie heeft al een plan met deze titel. Kies een andere titel.")}
    )


def _clean_title(title: str) -> str:
    """Titles that differ only by invisible or direction characters are the same title."""
    visible = "".join(ch for ch in title if unicodedata.category(ch) != "Cf")
    return unicodedata.normalize("NFC", visible).strip()


def _lock(plan: Plan) -> Plan:
    """Lock the plan row for the rest of the transaction: every change of a plan, its
    versions and its progress passes here, so two writers never interleave. Returns the
    plan as it is now (another writer may have changed it since it was read)."""
    return Plan.objects.select_for_update().get(pk=plan.pk)


def plan_create(
    *,
    organisation: Organisation,
    created_by: User,
    title: str,
    ambition: str = "",
    vision: str = "",
    driver: str = "",
    financier_name: str = "",
    financier_commitment: str = Commitment.NONE,
    financier_note: str = "",
) -> Plan:
    """A new plan with its first (draft) version."""
    with transaction.atomic():
        plan = Plan(organisation=organisation, title=_clean_title(title), created_by=created_by)
        plan.full_clean()
        try:
            with transaction.atomic():
                plan.save()
        except IntegrityError as error:  # the same title saved at the same moment
            raise _duplicate_title() from error
        version = PlanVersion(
            plan=plan,
            number=1,
            title=plan.title,
            status=VersionStatus.DRAFT,
            ambition=ambition,
            vision=vision,
            driver=driver,
            financier_name=financier_name,
            financier_commitment=financier_commitment,
            financier_note=financier_note,
            created_by=created_by,
        )
        version.full_clean()
        version.save()
    return plan


def _draft_for_change(*, plan: Plan, user: User) -> PlanVersion:
    """The plan's draft; a copy of the newest version when that one is adopted.

    Called inside the caller's transaction, so a change that fails validation also
    leaves no empty new draft behind. Locks the plan row so two editors cannot both
    start a version with the same number. Rows keep their ``key`` in the copy.
    """
    _lock(plan)
    newest = plan.versions.order_by("-number").first()
    if newest is None:  # cannot happen through plan_create; keeps the invariant anyway
        raise ValidationError(_("Dit plan heeft geen versie."))
    if newest.status == VersionStatus.DRAFT:
        return newest
    draft = PlanVersion(
        plan=plan,
        number=newest.number + 1,
        title=newest.title,
        status=VersionStatus.DRAFT,
        created_by=user,
        **{name: getattr(newest, name) for name in VERSION_TEXT_FIELDS},
    )
    draft.full_clean()
    draft.save()
    for model in PART_MODELS:
        copies = [
            model(
                version=draft,
                key=part.key,
                **{name: getattr(part, name) for name in model.copy_fields},
            )
            for part in model._default_manager.filter(version=newest).order_by("pk")
        ]
        model._default_manager.bulk_create(copies)
    return draft


def plan_update(
    *,
    plan: Plan,
    user: User,
    title: str,
    expected_token: str | None = None,
    **version_fields: Any,
) -> PlanVersion:
    """Change the title and the texts of the plan's draft version.

    ``expected_token`` is `selectors.texts_fingerprint` of the version the form showed;
    when the title or texts changed since, nothing is saved and EditConflict is raised.
    Fields not given keep the draft's value as read under the lock, never a stale copy.
    """
    unknown = set(version_fields) - set(VERSION_TEXT_FIELDS)
    if unknown:
        raise TypeError(f"unknown plan fields: {sorted(unknown)}")
    with transaction.atomic():
        locked = _lock(plan)
        if expected_token is not None and expected_token != selectors.texts_fingerprint(
            version=selectors.version_newest(plan=locked)
        ):
            raise EditConflict()
        draft = _draft_for_change(plan=locked, user=user)
        locked.title = _clean_title(title)
        locked.full_clean()
        try:
            with transaction.atomic():
                locked.save(update_fields=["title"])
        except IntegrityError as error:
            raise _duplicate_title() from error
        plan.title = draft.title = locked.title
        for name, value in version_fields.items():
            setattr(draft, name, value)
        draft.full_clean()
        draft.save()
    return draft


def _part_key(value: Any) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value)) if value else None
    except ValueError:  # a tampered key makes a new row, never touches another
        return None


def version_parts_replace(
    *,
    plan: Plan,
    user: User,
    model: type[VersionPart],
    rows: Sequence[Mapping[str, Any]],
    expected_token: str | None = None,
) -> PlanVersion:
    """Make one part of the draft (its targets, its milestones, …) read as ``rows``.

    The form shows the whole list, so the draft's rows that are not in ``rows`` go. A row
    with the ``key`` of an existing row updates that row in place; other rows are added.
    ``expected_token`` is `selectors.part_fingerprint` of the version the form showed:
    when this part changed since, nothing is saved and EditConflict is raised. A failing
    row rolls back every row.
    """
    if model is Scenario:
        raise TypeError("scenarios are added with scenario_create")
    with transaction.atomic():
        locked = _lock(plan)
        if expected_token is not None and expected_token != selectors.part_fingerprint(
            version=selectors.version_newest(plan=locked), model=model
        ):
            raise EditConflict()
        draft = _draft_for_change(plan=locked, user=user)
        existing = {part.key: part for part in model._default_manager.filter(version=draft)}
        unique_field = UNIQUE_PER_VERSION.get(model)
        parts: list[VersionPart] = []
        moved: list[VersionPart] = []  # kept rows whose unique value changes
        for row in rows:
            values = dict(row)
            key = _part_key(values.pop("key", None))
            part = existing.pop(key, None) if key else None
            part = part or model(version=draft)
            stored = getattr(part, unique_field) if unique_field and part.pk else None
            for name, value in values.items():
                setattr(part, name, value)
            part.full_clean(validate_constraints=False)
            parts.append(part)
            if stored is not None and stored != getattr(part, str(unique_field)):
                moved.append(part)
        _refuse_duplicates(model, parts)
        model._default_manager.filter(pk__in=[part.pk for part in existing.values()]).delete()
        _park_unique_values(model, moved)
        for part in parts:
            part.save()
        draft.save(update_fields=["updated_at"])
    return draft


def _refuse_duplicates(model: type[VersionPart], parts: Sequence[VersionPart]) -> None:
    field = UNIQUE_PER_VERSION.get(model)
    if field is None:
        return
    seen: set[Any] = set()
    for part in parts:
        value = getattr(part, field)
        if value in seen:
            raise ValidationError(
                _("%(value)s staat er twee keer in; elk jaar mag maar één keer voorkomen.")
                % {"value": value}
            )
        seen.add(value)


def _park_unique_values(model: type[VersionPart], parts: Sequence[VersionPart]) -> None:
    """Rows that swap years (2027 <-> 2028) would collide halfway through saving them in
    place; move the stored years of rows whose year changes out of the way first (in this
    transaction only)."""
    field = UNIQUE_PER_VERSION.get(model)
    if field is None or not parts:
        return
    model._default_manager.filter(pk__in=[part.pk for part in parts]).update(
        **{field: F(field) + 1_000_000}
    )


def plan_adopt(*, plan: Plan, user: User, version_id: int, content_hash: str) -> PlanVersion:
    """The bestuurder adopts the draft they read: it is frozen, the previous adopted
    version is marked as replaced.

    ``version_id`` and ``content_hash`` (`selectors.version_fingerprint`) name what the
    confirmation page showed; if the draft is another or reads differently now, nothing
    is adopted and StaleAdoption is raised. The version keeps the hash it was adopted with.
    """
    with transaction.atomic():
        locked = _lock(plan)
        draft = locked.versions.filter(status=VersionStatus.DRAFT).first()
        if draft is None:
            raise ValidationError(_("Er is geen conceptversie om vast te stellen."))
        if draft.pk != version_id or selectors.version_fingerprint(version=draft) != content_hash:
            raise StaleAdoption()
        locked.versions.filter(status=VersionStatus.ADOPTED).update(status=VersionStatus.SUPERSEDED)
        draft.status = VersionStatus.ADOPTED
        draft.adopted_by = user
        draft.adopted_at = timezone.now()
        draft.adopted_hash = content_hash
        draft.full_clean()
        draft.save()
    return draft


# --- scenarios ----------------------------------------------------------------------------


def scenario_create(
    *,
    plan: Plan,
    user: User,
    name: str,
    projection_data: Mapping[str, Any],
    submission_key: uuid.UUID | None = None,
) -> Scenario:
    """Project ``projection_data`` (the API's input shape) and keep input and result.

    ``submission_key`` is the form's one-time token: a second request with the same key
    (a double-click, a resent form) returns the scenario the first one saved.
    """
    try:
        projection_input = parse_projection_input(dict(projection_data))
    except ProjectionInputError as error:
        raise ValidationError(
            {
                "input": _("Invoer %(field)s: %(reason)s")
                % {"field": error.field, "reason": error.message_nl}
            }
        ) from error
    output = projection_to_dict(project(projection_input))
    with transaction.atomic():
        locked = _lock(plan)
        if submission_key is not None:
            earlier = Scenario.objects.filter(
                submission_key=submission_key, version__plan=locked
            ).first()
            if earlier is not None:
                return earlier
        draft = _draft_for_change(plan=locked, user=user)
        scenario = Scenario(
            version=draft,
            name=name.strip(),
            input=dict(projection_data),
            output=output,
            created_by=user,
            submission_key=submission_key,
        )
        scenario.full_clean(validate_constraints=False)
        try:
            with transaction.atomic():
                scenario.save()
        except IntegrityError as error:  # the key of another plan's form
            raise ValidationError(
                _("Dit formulier is al eens verstuurd. Open de pagina opnieuw.")
            ) from error
    return scenario


def scenario_delete(*, scenario: Scenario) -> None:
    """Remove a scenario of the draft. Scenarios of an adopted version stay, as the
    board adopted the plan with them in it."""
    # Read the status fresh: the scenario's version may have been adopted since it was loaded.
    if not PlanVersion.objects.filter(pk=scenario.version_id, status=VersionStatus.DRAFT).exists():
        raise ValidationError(
            _(
                "Dit scenario hoort bij een vastgestelde versie en blijft daarom bewaard. "
                "Wijzig het plan om een nieuwe conceptversie te beginnen; daarin kunt u het "
                "verwijderen."
            )
        )
    with transaction.atomic():
        scenario.delete()


# --- progress -----------------------------------------------------------------------------


def progress_record(
    *, plan: Plan, year: int, headcount: int, fte: Any, note: str = ""
) -> ProgressEntry:
    """Record (or correct) the actual number of paid experience workers in ``year``.

    Not versioned: it is a fact about the organisation, entered whether or not the plan
    is adopted.
    """
    with transaction.atomic():
        # Under the plan's lock, so two saves of the same year at once update one row
        # instead of both inserting it (an IntegrityError, i.e. a 500, before).
        _lock(plan)
        entry = ProgressEntry.objects.filter(plan=plan, year=year).first() or ProgressEntry(
            plan=plan, year=year
        )
        figures = selectors.positions_figures(plan=plan, year=year, today=timezone.localdate())
        if figures is not None and not note.strip():
            # The positions in Inzet already give this year's figure: overriding it by hand
            # needs a reason that readers of the plan see beside it.
            raise ValidationError(
                {
                    "note": _(
                        "Voor %(year)s telt Kwartier al %(headcount)s betaalde "
                        "ervaringswerkers (%(fte)s fte) uit de functies in Inzet. Geef een "
                        "toelichting als u dat met de hand overschrijft."
                    )
                    % {
                        "year": year,
                        "headcount": figures.paid_headcount,
                        "fte": str(figures.paid_fte).replace(".", ","),
                    }
                }
            )
        entry.headcount = headcount
        entry.fte = fte
        entry.note = note
        entry.full_clean()
        entry.save()
    return entry


def progress_delete(*, entry: ProgressEntry) -> None:
    with transaction.atomic():
        entry.delete()
