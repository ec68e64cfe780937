"""Reads of kwartiermaakplannen. Every function takes the acting organisation (and, where
the answer depends on the role, the acting user) first.

The one rule that crosses organisations lives here, in `plan_get_for_reading` and
`network_plan_list`: a financier reads the *adopted* plans of the organisations that
share a regional network with the financier's own organisation. Drafts and plans outside
those networks stay invisible to them (404, like any other organisation's data).
"""

from __future__ import annotations

import datetime
import hashlib
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from django.db.models import Exists, Field, OuterRef, QuerySet, Subquery
from django.utils import timezone

from kwartier.exploration import public as exploration
from kwartier.planning.models import (
    PART_MODELS,
    VERSION_TEXT_FIELDS,
    Action,
    CareerStep,
    Deployment,
    Plan,
    PlanVersion,
    ProgressEntry,
    Scenario,
    Support,
    Target,
    VersionPart,
    VersionStatus,
)
from kwartier.planning.projection import (
    ProjectionInput,
    ProjectionInputError,
    parse_projection_input,
)
from kwartier.planning.warnings import (
    DeploymentFact,
    PlanFacts,
    PlanWarning,
    StaffingFact,
    SupportFact,
    WeakTheme,
    plan_warnings,
)
from kwartier.workforce import public as workforce

if TYPE_CHECKING:
    from kwartier.accounts.models import Organisation, User


# --- plans of the own organisation ---------------------------------------------------------


def plan_list(*, organisation: Organisation) -> QuerySet[Plan]:
    return Plan.objects.filter(organisation=organisation).prefetch_related("versions")


def plan_get(*, organisation: Organisation, plan_id: int) -> Plan:
    """A plan of the acting organisation, or Plan.DoesNotExist."""
    return Plan.objects.select_related("organisation").get(organisation=organisation, pk=plan_id)


def version_current(*, plan: Plan) -> PlanVersion:
    """The version people work on: the draft if there is one, else the newest version."""
    versions = list(plan.versions.all())  # ordered by -number; prefetched in lists
    for version in versions:
        if version.status == VersionStatus.DRAFT:
            return version
    return versions[0]


def version_adopted(*, plan: Plan) -> PlanVersion | None:
    for version in plan.versions.all():
        if version.status == VersionStatus.ADOPTED:
            return version
    return None


def version_list(*, plan: Plan) -> QuerySet[PlanVersion]:
    return plan.versions.select_related("adopted_by", "created_by").order_by("-number")


# --- the financier's view of its networks --------------------------------------------------


def _network_plans(*, user: User, organisation: Organisation) -> QuerySet[Plan]:
    """Adopted plans of other organisations in the acting organisation's networks, if the
    user is a financier of the acting organisation; otherwise nothing."""
    if not user.has_perm("planning.read_network_plans", organisation):
        return Plan.objects.none()
    adopted = PlanVersion.objects.filter(plan=OuterRef("pk"), status=VersionStatus.ADOPTED)
    return (
        Plan.objects.filter(organisation__networks__organisations=organisation)
        .exclude(organisation=organisation)
        .filter(Exists(adopted))
        .distinct()
    )


def network_plan_list(*, user: User, organisation: Organisation) -> QuerySet[Plan]:
    """The financier's list. Each plan carries ``adopted_title`` and ``adopted_at`` of its
    adopted version: ``Plan.title`` is the working title and may already be a draft's."""
    adopted = PlanVersion.objects.filter(plan=OuterRef("pk"), status=VersionStatus.ADOPTED)
    return (
        _network_plans(user=user, organisation=organisation)
        .select_related("organisation")
        .annotate(
            adopted_title=Subquery(adopted.values("title")[:1]),
            adopted_on=Subquery(adopted.values("adopted_at")[:1]),
        )
        .order_by("organisation__name", "adopted_title")
    )


@dataclass(frozen=True)
class PlanReading:
    """A plan as the acting user may read it, and which version they see."""

    plan: Plan
    version: PlanVersion
    own: bool  # False: a financier reading another organisation's adopted plan


def plan_get_for_reading(*, user: User, organisation: Organisation, plan_id: int) -> PlanReading:
    """The plan page and PDF: the own organisation's plan (its current version), or, for a
    financier, another network organisation's plan (its adopted version only).

    Raises Plan.DoesNotExist for everything else, so the view answers 404.
    """
    own = Plan.objects.filter(organisation=organisation, pk=plan_id).first()
    if own is not None:
        return PlanReading(plan=own, version=version_current(plan=own), own=True)
    plan = _network_plans(user=user, organisation=organisation).filter(pk=plan_id).first()
    if plan is None:
        raise Plan.DoesNotExist
    version = version_adopted(plan=plan)
    assert version is not None  # _network_plans only holds plans with an adopted version
    return PlanReading(plan=plan, version=version, own=False)


# --- fingerprints: what a form or a confirmation page showed ----------------------------------


def _digest(value: Any) -> str:
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def _part_values(part: VersionPart, *, with_key: bool) -> dict[str, Any]:
    model = type(part)
    fields = [cast(Field, model._meta.get_field(name)) for name in model.copy_fields]
    values = {field.name: getattr(part, field.attname) for field in fields}
    if with_key:
        values["key"] = str(part.key)
    return values


def _part_rows(version: PlanVersion, model: type[VersionPart], *, with_key: bool) -> list[Any]:
    parts = model._default_manager.filter(version=version).order_by("pk")
    return [_part_values(part, with_key=with_key) for part in parts]


def _texts(version: PlanVersion) -> dict[str, Any]:
    return {
        "title": version.title,
        **{name: getattr(version, name) for name in VERSION_TEXT_FIELDS},
    }


def texts_fingerprint(*, version: PlanVersion) -> str:
    """The edit token of the plan's title and texts as they stand in ``version``."""
    return _digest(_texts(version))


def part_fingerprint(*, version: PlanVersion, model: type[VersionPart]) -> str:
    """The edit token of one part (the targets, the milestones, …) of ``version``.

    The rows' keys are in it: a row replaced by an identical new one is still a change.
    A new draft copies keys and values, so it has the same token as the version it copies.
    """
    return _digest(_part_rows(version, model, with_key=True))


def version_fingerprint(*, version: PlanVersion) -> str:
    """The content hash of everything a version says: title, texts, every part and every
    scenario. The bestuurder's confirmation names it; adoption refuses any other."""
    return _digest(
        {
            "texts": _texts(version),
            "parts": {
                model.__name__: _part_rows(version, model, with_key=False) for model in PART_MODELS
            },
        }
    )


def version_newest(*, plan: Plan) -> PlanVersion:
    """The newest version, read fresh from the database (the draft if there is one)."""
    return PlanVersion.objects.filter(plan=plan).order_by("-number").first() or _no_version()


def _no_version() -> PlanVersion:
    raise PlanVersion.DoesNotExist


# --- parts of a version --------------------------------------------------------------------


def target_list(*, version: PlanVersion) -> QuerySet[Target]:
    return version.targets.all()


def deployment_list(*, version: PlanVersion) -> QuerySet[Deployment]:
    return version.deployments.all()


def support_list(*, version: PlanVersion) -> QuerySet[Support]:
    return version.supports.all()


def career_step_list(*, version: PlanVersion) -> QuerySet[CareerStep]:
    return version.career_steps.all()


def action_list(*, version: PlanVersion) -> QuerySet[Action]:
    return version.actions.all()


def scenario_list(*, version: PlanVersion) -> QuerySet[Scenario]:
    return version.scenarios.all()


def scenario_get(*, organisation: Organisation, scenario_id: int) -> Scenario:
    return Scenario.objects.select_related("version__plan").get(
        version__plan__organisation=organisation, pk=scenario_id
    )


def progress_list(*, plan: Plan) -> QuerySet[ProgressEntry]:
    return plan.progress.all()


def progress_get(*, organisation: Organisation, entry_id: int) -> ProgressEntry:
    return ProgressEntry.objects.select_related("plan").get(
        plan__organisation=organisation, pk=entry_id
    )


# --- the exploration (its public module) --------------------------------------------------


@dataclass(frozen=True)
class ExplorationStatus:
    done: bool
    weak_themes: tuple[WeakTheme, ...]


def exploration_status(*, organisation: Organisation) -> ExplorationStatus:
    """Whether the organisation did an exploration, and the weak themes of its latest round
    (read through the exploration's public module)."""
    done = exploration.has_exploration(organisation=organisation)
    weak = exploration.weak_themes_latest(organisation=organisation) if done else []
    return ExplorationStatus(
        done=done,
        weak_themes=tuple(WeakTheme(key=k, name=n, score=float(s)) for k, n, s in weak),
    )


# --- warnings -----------------------------------------------------------------------------


def _latest_projection_input(version: PlanVersion) -> ProjectionInput | None:
    scenario = version.scenarios.order_by("-created_at", "-id").first()
    if scenario is None:
        return None
    try:
        return parse_projection_input(scenario.input)
    except ProjectionInputError:  # saved input is validated; this guards old rows
        return None


# --- the real positions (Inzet's public module) ---------------------------------------------


@dataclass(frozen=True)
class ActualYear:
    """Actual paid experience workers in a year and where the figure comes from."""

    year: int
    headcount: int
    fte: float
    source: str  # "functies" (Inzet's positions) or "handmatig" (entered by hand)
    note: str = ""
    positions_headcount: int | None = None  # the positions' figure beside a hand override
    positions_fte: float | None = None


def actual_by_year(*, plan: Plan, years: list[int], today: datetime.date) -> dict[int, ActualYear]:
    """Per year: the figure entered by hand (an override, with its note) where there is
    one, else the positions' figure from Inzet where there are positions."""
    from_positions = workforce.positions_by_year(
        organisation=plan.organisation, years=years, today=today
    )
    entries = {e.year: e for e in progress_list(plan=plan)}
    result: dict[int, ActualYear] = {}
    for year in sorted(set(from_positions) | set(entries)):
        figures = from_positions.get(year)
        entry = entries.get(year)
        if entry is not None:
            result[year] = ActualYear(
                year=year,
                headcount=entry.headcount,
                fte=float(entry.fte),
                source="handmatig",
                note=entry.note,
                positions_headcount=figures.paid_headcount if figures else None,
                positions_fte=float(figures.paid_fte) if figures else None,
            )
        elif figures is not None:
            result[year] = ActualYear(
                year=year,
                headcount=figures.paid_headcount,
                fte=float(figures.paid_fte),
                source="functies",
            )
    return result


def positions_figures(
    *, plan: Plan, year: int, today: datetime.date
) -> workforce.YearFigures | None:
    return workforce.positions_by_year(
        organisation=plan.organisation, years=[year], today=today
    ).get(year)


def staffing_fact(*, organisation: Organisation, today: datetime.date) -> StaffingFact | None:
    facts = workforce.staffing_facts(organisation=organisation, today=today)
    if facts is None:
        return None
    return StaffingFact(
        workers=facts.workers,
        teams_alone=facts.teams_alone,
        middle_management=facts.middle_management,
        without_intervisie=facts.without_intervisie,
        intervisie_weeks=facts.intervisie_weeks,
    )


def plan_facts(*, version: PlanVersion, today: datetime.date | None = None) -> PlanFacts:
    organisation = version.plan.organisation
    exploration = exploration_status(organisation=organisation)
    today = today or timezone.localdate()
    return PlanFacts(
        deployments=[
            DeploymentFact(team=d.team_name, layer=d.layer, headcount=d.headcount)
            for d in deployment_list(version=version)
        ],
        supports=[
            SupportFact(kind=s.kind, budget_per_year=float(s.budget_per_year))
            for s in support_list(version=version)
        ],
        career_layers=[c.layer for c in career_step_list(version=version)],
        financier_commitment=version.financier_commitment,
        targets_fte={t.year: float(t.paid_fte) for t in target_list(version=version)},
        projection=_latest_projection_input(version),
        exploration_done=exploration.done,
        weak_themes=exploration.weak_themes,
        action_theme_keys=frozenset(
            a.theme_key for a in action_list(version=version) if a.theme_key
        ),
        staffing=staffing_fact(organisation=organisation, today=today),
    )


def version_warnings(
    *, version: PlanVersion, today: datetime.date | None = None
) -> list[PlanWarning]:
    return plan_warnings(plan_facts(version=version, today=today))
