"""Tenant-scoped reads of the workforce capability. Every function takes the acting
organisation (and, where the answer depends on who asks, the acting user) first.

Visibility of a profile inside its organisation (:func:`profile_access`):

- ``full``: the worker themselves and the organisation's kwartiermaker or beheerder;
- ``details``: other members, when the worker consented to matching (organisation or
  network): domains, training, available hours and region, never pay, allowance, birth
  date, e-mail or portfolio;
- ``name``: other members otherwise: name and role only.

Another organisation's profiles are never found here (404); the network scope of the
consent is for matching vacancies (the vacancies part), not for browsing profiles.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar

from django.db.models import Max, Model, Q, QuerySet
from django.utils.translation import gettext

from kwartier.accounts.models import ExperienceRole, Role
from kwartier.accounts.tenancy import network_ids_of
from kwartier.workforce.figures import PositionSpan
from kwartier.workforce.models import (
    CareerStep,
    CoachingTrajectory,
    ConfirmationStatus,
    DevelopmentGoal,
    HoursEntry,
    HoursKind,
    IntervisieGroup,
    IntervisieMember,
    IntervisieSession,
    MatchingConsent,
    Position,
    Profile,
    Registration,
    Training,
)
from kwartier.workforce.support import (
    INTERVISIE_WEEKS,
    SupportFacts,
    SupportStatus,
    support_status,
)

if TYPE_CHECKING:
    from kwartier.accounts.models import Organisation, User

M = TypeVar("M", bound=Model)

FULL, DETAILS, NAME = "full", "details", "name"
MANAGER_ROLES = (Role.KWARTIERMAKER, Role.ORGANISATION_ADMIN)


# --- profiles ------------------------------------------------------------------------------


def profile_list(*, organisation: Organisation) -> QuerySet[Profile]:
    return (
        Profile.objects.filter(organisation=organisation)
        .select_related("membership__user")
        .prefetch_related("positions", "domains")
    )


def profile_get(*, organisation: Organisation, profile_id: int) -> Profile:
    return profile_list(organisation=organisation).get(pk=profile_id)


def profile_of_user(*, organisation: Organisation, user: User | Any) -> Profile | None:
    if not user.is_authenticated:
        return None
    return (
        Profile.objects.filter(organisation=organisation, membership__user=user)
        .select_related("membership")
        .first()
    )


def is_manager(*, organisation: Organisation, user: User | Any) -> bool:
    return bool(
        user.is_authenticated
        and user.memberships.filter(organisation=organisation, role__in=MANAGER_ROLES).exists()
    )


def profile_access(*, organisation: Organisation, user: User | Any, profile: Profile) -> str:
    if profile.organisation_id != organisation.pk:
        return NAME  # never reached through the selectors above; kept strict
    if is_manager(organisation=organisation, user=user):
        return FULL
    if profile.membership_id and profile.membership and profile.membership.user_id == user.pk:
        return FULL
    if profile.matching_consent in (MatchingConsent.ORGANISATION, MatchingConsent.NETWORK):
        return DETAILS
    return NAME


def may_edit_profile(*, organisation: Organisation, user: User | Any, profile: Profile) -> bool:
    return profile_access(organisation=organisation, user=user, profile=profile) == FULL


def is_own_profile(*, user: User | Any, profile: Profile) -> bool:
    return bool(profile.membership and profile.membership.user_id == user.pk)


def current_positions(profile: Profile, today: datetime.date) -> list[Position]:
    return [
        p
        for p in profile.positions.all()
        if p.starts <= today and (p.ends is None or p.ends >= today)
    ]


def current_roles(profile: Profile, today: datetime.date) -> list[str]:
    """The labels of the roles of the profile's running positions, in the roles' order."""
    values = {role for p in current_positions(profile, today) for role in p.roles}
    return [str(label) for value, label in ExperienceRole.choices if value in values]


def _get(model: type[M], organisation: Organisation, pk: int, **related: Any) -> M:
    return model._default_manager.select_related(*related.get("select", ())).get(
        organisation=organisation, pk=pk
    )


def position_get(*, organisation: Organisation, position_id: int) -> Position:
    return _get(Position, organisation, position_id, select=("profile", "team"))


def training_get(*, organisation: Organisation, training_id: int) -> Training:
    return _get(Training, organisation, training_id, select=("profile",))


def registration_get(*, organisation: Organisation, registration_id: int) -> Registration:
    return _get(Registration, organisation, registration_id, select=("profile",))


def coaching_get(*, organisation: Organisation, coaching_id: int) -> CoachingTrajectory:
    return _get(CoachingTrajectory, organisation, coaching_id, select=("profile",))


def hours_get(*, organisation: Organisation, hours_id: int) -> HoursEntry:
    return _get(HoursEntry, organisation, hours_id, select=("profile",))


def goal_get(*, organisation: Organisation, goal_id: int) -> DevelopmentGoal:
    return _get(DevelopmentGoal, organisation, goal_id, select=("profile",))


def career_step_get(*, organisation: Organisation, step_id: int) -> CareerStep:
    return _get(CareerStep, organisation, step_id, select=("profile",))


def position_spans(*, organisation: Organisation) -> list[PositionSpan]:
    return [
        PositionSpan(
            profile_id=p.profile_id,
            starts=p.starts,
            ends=p.ends,
            fte=p.fte,
            employment=p.employment,
        )
        for p in Position.objects.filter(organisation=organisation)
    ]


# --- intervisie ----------------------------------------------------------------------------


def _visible_groups(organisation: Organisation) -> Q:
    return Q(organisation=organisation) | Q(network_id__in=network_ids_of([organisation.pk]))


def group_list(*, organisation: Organisation) -> QuerySet[IntervisieGroup]:
    return (
        IntervisieGroup.objects.filter(_visible_groups(organisation))
        .select_related("organisation", "network")
        .distinct()
    )


def group_get(*, organisation: Organisation, group_id: int) -> IntervisieGroup:
    return group_list(organisation=organisation).get(pk=group_id)


def member_get(*, organisation: Organisation, member_id: int) -> IntervisieMember:
    # Only one's own organisation's members are reachable by id.
    return IntervisieMember.objects.select_related("group", "profile").get(
        organisation=organisation, pk=member_id
    )


def session_get(*, organisation: Organisation, session_id: int) -> IntervisieSession:
    return IntervisieSession.objects.select_related("group").get(
        group__in=group_list(organisation=organisation), pk=session_id
    )


@dataclass(frozen=True)
class GroupMembers:
    own: list[IntervisieMember]
    others: int  # members of other organisations: a count, never names


def group_members(*, organisation: Organisation, group: IntervisieGroup) -> GroupMembers:
    members = list(group.members.select_related("profile").order_by("profile__name"))
    own = [m for m in members if m.organisation_id == organisation.pk]
    return GroupMembers(own=own, others=len(members) - len(own))


@dataclass(frozen=True)
class SessionAttendance:
    own_present: list[Profile]
    others_present: int


def session_attendance(
    *, organisation: Organisation, session: IntervisieSession
) -> SessionAttendance:
    present = list(session.attendees.all())
    own = [p for p in present if p.organisation_id == organisation.pk]
    return SessionAttendance(own_present=own, others_present=len(present) - len(own))


def session_list(*, group: IntervisieGroup) -> QuerySet[IntervisieSession]:
    return group.sessions.all()


def addable_profiles(*, organisation: Organisation, group: IntervisieGroup) -> QuerySet[Profile]:
    """Own profiles that are not yet in the group."""
    return Profile.objects.filter(organisation=organisation).exclude(
        intervisie_memberships__group=group
    )


# --- support -------------------------------------------------------------------------------


def support_weeks() -> int:
    return INTERVISIE_WEEKS


def last_intervisie_by_profile(*, profile_ids: list[int]) -> dict[int, datetime.date]:
    rows = (
        IntervisieSession.attendees.through.objects.filter(profile_id__in=profile_ids)
        .values("profile_id")
        .annotate(last=Max("intervisiesession__date"))
    )
    return {row["profile_id"]: row["last"] for row in rows}


@dataclass(frozen=True)
class SupportRow:
    profile: Profile
    status: SupportStatus
    last_intervisie: datetime.date | None
    coach: str

    @property
    def missing(self) -> list[str]:
        """What is missing, in the reader's language."""
        return [gettext(text) % {"weeks": INTERVISIE_WEEKS} for text in self.status.missing]


def support_rows(
    *, organisation: Organisation, today: datetime.date, profiles: list[Profile] | None = None
) -> list[SupportRow]:
    if profiles is None:
        profiles = list(profile_list(organisation=organisation))
    ids = [p.pk for p in profiles]
    last = last_intervisie_by_profile(profile_ids=ids)
    coaches: dict[int, str] = {}
    for c in CoachingTrajectory.objects.filter(organisation=organisation, profile_id__in=ids):
        if c.starts <= today and (c.ends is None or c.ends >= today):
            coaches[c.profile_id] = c.coach
    trained = set(
        Training.objects.filter(organisation=organisation, profile_id__in=ids)
        .filter(Q(started__lte=today) | Q(completed__lte=today))
        .values_list("profile_id", flat=True)
    )
    rows = []
    for profile in profiles:
        facts = SupportFacts(
            last_intervisie=last.get(profile.pk),
            coach_now=profile.pk in coaches,
            training_now_or_done=profile.pk in trained,
        )
        rows.append(
            SupportRow(
                profile=profile,
                status=support_status(facts, today),
                last_intervisie=last.get(profile.pk),
                coach=coaches.get(profile.pk, ""),
            )
        )
    return rows


# --- portfolio -----------------------------------------------------------------------------


def hours_list(*, profile: Profile) -> QuerySet[HoursEntry]:
    return profile.hours_entries.all()


@dataclass(frozen=True)
class HoursTotal:
    label: str
    confirmed: Decimal
    total: Decimal


def hours_totals(*, profile: Profile) -> list[HoursTotal]:
    """Practice hours per role, then supervision hours: confirmed and in all."""
    buckets: dict[str, list[Decimal]] = defaultdict(lambda: [Decimal("0"), Decimal("0")])
    for entry in hours_list(profile=profile):
        if entry.status == ConfirmationStatus.DECLINED:
            continue
        key = entry.role if entry.kind == HoursKind.PRACTICE else HoursKind.SUPERVISION
        buckets[key][1] += entry.hours
        if entry.status == ConfirmationStatus.CONFIRMED:
            buckets[key][0] += entry.hours
    labels = [(v, str(label)) for v, label in ExperienceRole.choices]
    labels.append((HoursKind.SUPERVISION.value, str(HoursKind.SUPERVISION.label)))
    return [
        HoursTotal(label=label, confirmed=buckets[key][0], total=buckets[key][1])
        for key, label in labels
        if key in buckets
    ]


def practice_hours_by_role(*, profile: Profile) -> dict[str, Decimal]:
    """Confirmed practice hours per role value (for matching)."""
    result: dict[str, Decimal] = {}
    for entry in hours_list(profile=profile).filter(
        kind=HoursKind.PRACTICE, status=ConfirmationStatus.CONFIRMED
    ):
        result[entry.role] = result.get(entry.role, Decimal("0")) + entry.hours
    return result


def hours_by_token(*, token: str) -> HoursEntry | None:
    return (
        HoursEntry.objects.select_related("profile", "organisation")
        .filter(token_hash=HoursEntry.hash_token(token))
        .first()
    )


def _day(value: datetime.date | None) -> str | None:
    return value.isoformat() if value else None


def portfolio_document(*, profile: Profile, today: datetime.date) -> dict[str, Any]:
    """The portfolio as plain data: the JSON export, and the PDF's context."""
    return {
        "format": "kwartier-portfolio/1",
        "generated_on": today.isoformat(),
        "worker": {
            "name": profile.name,
            "organisation": profile.organisation.name,
            "domains": [d.name for d in profile.domains.all()],
            "roles_now": current_roles(profile, today),
        },
        "trainings": [
            {
                "kind": t.kind,
                "kind_label": str(t.get_kind_display()),
                "name": t.name,
                "started": _day(t.started),
                "completed": _day(t.completed),
            }
            for t in profile.trainings.all()
        ],
        "registrations": [
            {
                "register": r.register,
                "status": r.status,
                "number": r.number,
                "valid_until": _day(r.valid_until),
            }
            for r in profile.registrations.all()
        ],
        "positions": [
            {
                "team": p.team.name if p.team else "",
                "layer": p.layer,
                "roles": list(p.roles),
                "fte": str(p.fte),
                "employment": p.employment,
                "starts": _day(p.starts),
                "ends": _day(p.ends),
            }
            for p in profile.positions.select_related("team")
        ],
        "hours": [
            {
                "kind": h.kind,
                "role": h.role,
                "period_start": _day(h.period_start),
                "period_end": _day(h.period_end),
                "hours": str(h.hours),
                "description": h.description,
                "supervisor": h.supervisor_name,
                "status": h.status,
                "decided_at": h.decided_at.isoformat() if h.decided_at else None,
                "decided_by": h.decided_by_name,
            }
            for h in hours_list(profile=profile)
        ],
        "hours_totals": [
            {"label": t.label, "confirmed": str(t.confirmed), "total": str(t.total)}
            for t in hours_totals(profile=profile)
        ],
        "goals": [
            {
                "title": g.title,
                "description": g.description,
                "target_date": _day(g.target_date),
                "status": g.status,
            }
            for g in profile.goals.all()
        ],
        "career_steps": [
            {
                "title": c.title,
                "layer": c.layer,
                "status": c.status,
                "target_date": _day(c.target_date),
                "note": c.note,
            }
            for c in profile.career_steps.all()
        ],
    }
