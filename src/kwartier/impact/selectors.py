"""Every read of Resultaten, scoped to the organisation the request acts for.

The visibility rule of a signal lives here, in one place (:func:`signal_visible_q`):

* the one who raised it;
* its owner: the named person, or any member of the owner team;
* the kwartiermaker and the organisatiebeheerder (who oversee every signal: escalations).

Anything else, and anything of another organisation, is simply not found (404).
Who raised an anonymous signal is shown to nobody but the raiser (:func:`raiser_shown`).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.db.models import Q, QuerySet, Sum
from django.utils import timezone

from kwartier.accounts.models import Membership, Organisation, Role, Team, User
from kwartier.impact.figures import Outcome, Responsiveness, SignalFacts, responsiveness
from kwartier.impact.figures import responsiveness_by_month as _by_month
from kwartier.impact.models import (
    Contribution,
    ImpactSettings,
    Signal,
    SignalState,
)
from kwartier.impact.rules import OVERSEEING_ROLES, RESPONDING_ROLES

# --- settings -------------------------------------------------------------------------------


def settings_for(*, organisation: Organisation) -> ImpactSettings:
    """The organisation's settings; the defaults (unsaved) when it never changed them."""
    found = ImpactSettings.objects.filter(organisation=organisation).first()
    return found or ImpactSettings(organisation=organisation)


def organisation_published(*, slug: str) -> Organisation | None:
    """The organisation whose responsiveness page is public, by its slug."""
    return Organisation.objects.filter(
        slug=slug, impact_settings__publish_responsiveness=True
    ).first()


def team_list(*, organisation: Organisation) -> QuerySet[Team]:
    return Team.objects.filter(organisation=organisation).order_by("name")


def owner_person_list(*, organisation: Organisation) -> QuerySet[User]:
    """People who can own a signal: members with a role that answers for the organisation."""
    return (
        User.objects.filter(
            is_active=True,
            memberships__organisation=organisation,
            memberships__role__in=RESPONDING_ROLES,
        )
        .distinct()
        .order_by("full_name", "email")
    )


# --- contributions --------------------------------------------------------------------------


def contribution_list_own(*, user: User, organisation: Organisation) -> QuerySet[Contribution]:
    return Contribution.objects.filter(organisation=organisation, author=user).select_related(
        "team"
    )


def contribution_list_organisation(*, organisation: Organisation) -> QuerySet[Contribution]:
    return Contribution.objects.filter(organisation=organisation).select_related("team", "author")


def contribution_list_visible(
    *, user: User, organisation: Organisation, everyone: bool = False
) -> QuerySet[Contribution]:
    """Own contributions; with ``everyone``, the organisation's (for the kwartiermaker)."""
    if everyone and user.has_perm("impact.view_organisation_contributions", organisation):
        return contribution_list_organisation(organisation=organisation)
    return contribution_list_own(user=user, organisation=organisation)


def contribution_get_visible(
    *, user: User, organisation: Organisation, contribution_id: Any
) -> Contribution | None:
    return (
        contribution_list_visible(user=user, organisation=organisation, everyone=True)
        .filter(pk=contribution_id)
        .first()
    )


def month_bounds(day: datetime.date) -> tuple[datetime.date, datetime.date]:
    first = day.replace(day=1)
    following = (first + datetime.timedelta(days=32)).replace(day=1)
    return first, following - datetime.timedelta(days=1)


def contribution_month_total(
    contributions: QuerySet[Contribution], *, day: datetime.date
) -> dict[str, int]:
    """How many contributions and minutes in ``day``'s month."""
    first, last = month_bounds(day)
    in_month = contributions.filter(date__gte=first, date__lte=last)
    minutes = in_month.aggregate(total=Sum("minutes"))["total"] or 0
    return {"count": in_month.count(), "minutes": minutes}


# --- signals --------------------------------------------------------------------------------


def _membership(user: User, organisation: Organisation) -> Membership | None:
    if not user.is_authenticated:
        return None
    return Membership.objects.filter(user=user, organisation=organisation).first()


def signal_visible_q(*, user: User, organisation: Organisation) -> Q | None:
    """The condition for the signals of ``organisation`` that ``user`` may see; None: none."""
    membership = _membership(user, organisation)
    if membership is None or not user.is_active:
        return None
    if membership.role in OVERSEEING_ROLES:
        return Q(organisation=organisation)
    condition = Q(raised_by=user) | Q(owner=user)
    if membership.team_id is not None:
        condition |= Q(owner_team_id=membership.team_id)
    return Q(organisation=organisation) & condition


def signal_list_visible(*, user: User, organisation: Organisation) -> QuerySet[Signal]:
    condition = signal_visible_q(user=user, organisation=organisation)
    if condition is None:
        return Signal.objects.none()
    return Signal.objects.filter(condition).select_related("owner_team", "owner", "raised_by")


def signal_get_visible(*, user: User, organisation: Organisation, signal_id: Any) -> Signal | None:
    return signal_list_visible(user=user, organisation=organisation).filter(pk=signal_id).first()


def signal_list_raised(*, user: User, organisation: Organisation) -> QuerySet[Signal]:
    return signal_list_visible(user=user, organisation=organisation).filter(raised_by=user)


def signal_list_to_answer(*, user: User, organisation: Organisation) -> QuerySet[Signal]:
    """Signals ``user`` owns (as the person, or as a responder of the owner team) that are
    not closed: the oldest deadline first."""
    membership = _membership(user, organisation)
    if membership is None:
        return Signal.objects.none()
    condition = Q(owner=user)
    if membership.team_id is not None and membership.role in RESPONDING_ROLES:
        condition |= Q(owner_team_id=membership.team_id)
    return (
        Signal.objects.filter(organisation=organisation)
        .filter(condition)
        .exclude(raised_by=user)
        .filter(state__in=[SignalState.OPEN, SignalState.ANSWERED, SignalState.CHANGE_PLANNED])
        .select_related("owner_team", "owner")
        .order_by("due_at", "pk")
    )


def signal_list_overdue(
    *, organisation: Organisation, now: datetime.datetime | None = None
) -> QuerySet[Signal]:
    moment = now or timezone.now()
    return Signal.objects.filter(
        organisation=organisation, state=SignalState.OPEN, due_at__lt=moment
    ).order_by("due_at", "pk")


def raiser_shown(signal: Signal, *, viewer: User) -> User | None:
    """Who raised the signal, as ``viewer`` may know it: nobody but the raiser learns who
    raised an anonymous signal (decision 0091)."""
    if signal.raised_by_id is None:
        return None
    if signal.anonymous and signal.raised_by_id != viewer.pk:
        return None
    return signal.raised_by


def signal_responders(signal: Signal) -> list[User]:
    """Whom a reminder goes to: the owner person, or the owner team's responders."""
    if signal.owner_id is not None:
        return [u for u in [signal.owner] if u is not None and u.is_active]
    if signal.owner_team_id is None:
        return []
    return list(
        User.objects.filter(
            is_active=True,
            memberships__organisation_id=signal.organisation_id,
            memberships__team_id=signal.owner_team_id,
            memberships__role__in=RESPONDING_ROLES,
        )
        .exclude(pk__in=[signal.raised_by_id] if signal.raised_by_id else [])
        .distinct()
    )


def kwartiermakers(*, organisation_id: int) -> list[User]:
    return list(
        User.objects.filter(
            is_active=True,
            memberships__organisation_id=organisation_id,
            memberships__role=Role.KWARTIERMAKER,
        ).distinct()
    )


# --- figures --------------------------------------------------------------------------------


def _local_day(moment: datetime.datetime | None) -> datetime.date | None:
    return timezone.localdate(moment) if moment is not None else None


def signal_facts(
    *, organisation_ids: Iterable[int], team_id: int | None = None
) -> list[SignalFacts]:
    """The dates of the signals of these organisations (one team's, when given): what
    the figures kernel needs, never a text or a person."""
    signals = Signal.objects.filter(organisation_id__in=list(organisation_ids))
    if team_id is not None:
        signals = signals.filter(owner_team_id=team_id)
    facts = []
    outcomes: dict[str, Outcome] = {
        "change_planned": "change_planned",
        "change_made": "change_made",
        "no_change": "no_change",
    }
    for raised_at, due_at, answered_at, state, owner_team_id in signals.values_list(
        "raised_at", "due_at", "answered_at", "state", "owner_team_id"
    ):
        facts.append(
            SignalFacts(
                raised_on=timezone.localdate(raised_at),
                due_on=timezone.localdate(due_at),
                answered_on=_local_day(answered_at),
                outcome=outcomes.get(state),
                team_id=owner_team_id,
            )
        )
    return facts


def responsiveness_for(
    *,
    organisation: Organisation,
    start: datetime.date,
    end: datetime.date,
    today: datetime.date | None = None,
    team_id: int | None = None,
) -> Responsiveness:
    return responsiveness(
        signal_facts(organisation_ids=[organisation.pk], team_id=team_id),
        start=start,
        end=end,
        today=today or timezone.localdate(),
    )


def responsiveness_by_month(
    *,
    organisation: Organisation,
    start: datetime.date,
    end: datetime.date,
    today: datetime.date | None = None,
    team_id: int | None = None,
) -> list[tuple[datetime.date, Responsiveness]]:
    return _by_month(
        signal_facts(organisation_ids=[organisation.pk], team_id=team_id),
        start=start,
        end=end,
        today=today or timezone.localdate(),
    )


def contribution_minutes_by_month_and_level(
    *, organisation: Organisation, start: datetime.date, end: datetime.date
) -> dict[tuple[int, int, str], int]:
    """(year, month, level) -> minutes of the organisation's contributions."""
    totals: dict[tuple[int, int, str], int] = {}
    for day, level, minutes in Contribution.objects.filter(
        organisation=organisation, date__gte=start, date__lte=end
    ).values_list("date", "level", "minutes"):
        key = (day.year, day.month, level)
        totals[key] = totals.get(key, 0) + minutes
    return totals
