"""Test data for Inzet: plain builders with fixed, explicit values (no random names in
assertions: the names here are fixed on purpose)."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from kwartier.accounts.models import ExperienceRole, Layer, Organisation, Team
from kwartier.workforce import services
from kwartier.workforce.models import (
    Employment,
    HoursEntry,
    HoursKind,
    IntervisieGroup,
    IntervisieMethod,
    IntervisieSession,
    Position,
    Profile,
)

START = datetime.date(2025, 1, 1)


def make_profile(organisation: Organisation, name: str = "Sam de Vries", **fields: Any) -> Profile:
    fields.setdefault("employment", Employment.PAID)
    fields.setdefault("available_hours", Decimal("8"))
    return services.profile_create(organisation=organisation, created_by=None, name=name, **fields)


def make_position(
    profile: Profile,
    *,
    team: Team | None = None,
    layer: str = Layer.FRONTLINE,
    roles: list[str] | None = None,
    fte: str = "0.5",
    employment: str = Employment.PAID,
    starts: datetime.date = START,
    ends: datetime.date | None = None,
) -> Position:
    return services.position_create(
        profile=profile,
        team=team,
        layer=layer,
        roles=roles or [ExperienceRole.BRIDGE_BUILDER],
        fte=Decimal(fte),
        employment=employment,
        starts=starts,
        ends=ends,
    )


def make_group(organisation: Organisation, name: str = "Intervisie", **kw: Any) -> IntervisieGroup:
    return services.group_create(organisation=organisation, name=name, **kw)


def make_session(
    group: IntervisieGroup, date: datetime.date = datetime.date(2026, 3, 2)
) -> IntervisieSession:
    return services.session_create(
        group=group,
        organisation=group.organisation,
        date=date,
        method=IntervisieMethod.INCIDENT,
        topics=["Rolduidelijkheid"],
    )


def make_hours(profile: Profile, **fields: Any) -> HoursEntry:
    fields.setdefault("kind", HoursKind.PRACTICE)
    fields.setdefault("role", ExperienceRole.HOPE_GIVER)
    fields.setdefault("period_start", datetime.date(2026, 1, 1))
    fields.setdefault("period_end", datetime.date(2026, 1, 31))
    fields.setdefault("hours", Decimal("12"))
    fields.setdefault("supervisor_name", "Petra Begeleider")
    fields.setdefault("supervisor_email", "petra@begeleiding.example.nl")
    return services.hours_create(profile=profile, **fields)
