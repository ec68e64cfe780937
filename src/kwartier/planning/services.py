"""Everything that changes a kwartiermaakplan. Each function is one transaction and runs
`full_clean` before it saves, so bad input changes nothing.

Versioning rule: an adopted version is frozen. Every change goes into the plan's draft;
when there is none (the newest version is adopted), `_draft_for_change` first copies the
adopted version, with all its parts and scenarios, into a new draft version.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kwartier.planning.models import (
    PART_MODELS,
    Commitment,
    Plan,
    PlanVersion,
    ProgressEntry,
    Scenario,
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

VERSION_TEXT_FIELDS = (
    "ambition",
    "vision",
    "driver",
    "financier_name",
    "financier_commitment",
    "financier_note",
)


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
        plan = Plan(organisation=organisation, title=title.strip(), created_by=created_by)
        plan.full_clean()
        plan.save()
        version = PlanVersion(
            plan=plan,
            number=1,
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
    start a version with the same number.
    """
    Plan.objects.select_for_update().filter(pk=plan.pk).first()
    newest = plan.versions.order_by("-number").first()
    if newest is None:  # cannot happen through plan_create; keeps the invariant anyway
        raise ValidationError(_("Dit plan heeft geen versie."))
    if newest.status == VersionStatus.DRAFT:
        return newest
    draft = PlanVersion(
        plan=plan,
        number=newest.number + 1,
        status=VersionStatus.DRAFT,
        created_by=user,
        **{name: getattr(newest, name) for name in VERSION_TEXT_FIELDS},
    )
    draft.full_clean()
    draft.save()
    for model in PART_MODELS:
        copies = [
            model(version=draft, **{name: getattr(part, name) for name in model.copy_fields})
            for part in model._default_manager.filter(version=newest).order_by("pk")
        ]
        model._default_manager.bulk_create(copies)
    return draft


def plan_update(*, plan: Plan, user: User, title: str, **version_fields: Any) -> PlanVersion:
    """Change the title (of the plan) and the texts (of its draft version)."""
    unknown = set(version_fields) - set(VERSION_TEXT_FIELDS)
    if unknown:
        raise TypeError(f"unknown plan fields: {sorted(unknown)}")
    with transaction.atomic():
        plan.title = title.strip()
        plan.full_clean()
        plan.save(update_fields=["title"])
        draft = _draft_for_change(plan=plan, user=user)
        for name, value in version_fields.items():
            setattr(draft, name, value)
        draft.full_clean()
        draft.save()
    return draft


def version_parts_replace(
    *,
    plan: Plan,
    user: User,
    model: type[VersionPart],
    rows: Sequence[Mapping[str, Any]],
) -> PlanVersion:
    """Replace one part of the draft (its targets, its milestones, …) by ``rows``.

    A form shows the whole list at once, so saving replaces the whole list: simpler to
    reason about than per-row edits, and a failing row rolls back every row.
    """
    if model is Scenario:
        raise TypeError("scenarios are added with scenario_create")
    with transaction.atomic():
        draft = _draft_for_change(plan=plan, user=user)
        model._default_manager.filter(version=draft).delete()
        for row in rows:
            part = model(version=draft, **row)
            part.full_clean()
            part.save()
        draft.save(update_fields=["updated_at"])
    return draft


def plan_adopt(*, plan: Plan, user: User) -> PlanVersion:
    """The bestuurder adopts the draft: it is frozen, the previous adopted version is
    marked as replaced."""
    with transaction.atomic():
        Plan.objects.select_for_update().filter(pk=plan.pk).first()
        draft = plan.versions.filter(status=VersionStatus.DRAFT).first()
        if draft is None:
            raise ValidationError(_("Er is geen conceptversie om vast te stellen."))
        plan.versions.filter(status=VersionStatus.ADOPTED).update(status=VersionStatus.SUPERSEDED)
        draft.status = VersionStatus.ADOPTED
        draft.adopted_by = user
        draft.adopted_at = timezone.now()
        draft.full_clean()
        draft.save()
    return draft


# --- scenarios ----------------------------------------------------------------------------


def scenario_create(
    *, plan: Plan, user: User, name: str, projection_data: Mapping[str, Any]
) -> Scenario:
    """Project ``projection_data`` (the API's input shape) and keep input and result."""
    try:
        projection_input = parse_projection_input(dict(projection_data))
    except ProjectionInputError as error:
        raise ValidationError({"input": f"{error.field}: {error.message_nl}"}) from error
    output = projection_to_dict(project(projection_input))
    with transaction.atomic():
        draft = _draft_for_change(plan=plan, user=user)
        scenario = Scenario(
            version=draft,
            name=name.strip(),
            input=dict(projection_data),
            output=output,
            created_by=user,
        )
        scenario.full_clean()
        scenario.save()
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
        entry = ProgressEntry.objects.filter(plan=plan, year=year).first() or ProgressEntry(
            plan=plan, year=year
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
