"""Objects of one tenant for the generic tenant-isolation test (tests/core).

Sections per part of issue 9; the vacancies and allowance parts append theirs."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from kwartier.workforce import services
from kwartier.workforce.models import (
    CareerStep,
    CoachingTrajectory,
    DevelopmentGoal,
    Registration,
    SavedSearch,
    Training,
)
from tests.workforce.factories import (
    make_group,
    make_hours,
    make_position,
    make_profile,
    make_session,
)
from tests.workforce.vacancy_factories import VacancyFactory, published

# ===== workforce part =====


def _profile(tenant: Any) -> Any:
    return make_profile(tenant.organisation, name="Maker Profiel")


def _part(model: type, **fields: Any) -> Callable[[Any], int]:
    def make(tenant: Any) -> int:
        return services.profile_part_create(model, profile=_profile(tenant), **fields).pk

    return make


def _member(tenant: Any) -> int:
    group = make_group(tenant.organisation, name=f"Groep {tenant.organisation.pk}-m")
    return services.group_member_add(group=group, profile=_profile(tenant)).pk


def _group(tenant: Any) -> int:
    count = tenant.organisation.intervisie_groups.count()
    return make_group(tenant.organisation, name=f"Groep {count + 1}").pk


def _session(tenant: Any) -> int:
    count = tenant.organisation.intervisie_groups.count()
    return make_session(make_group(tenant.organisation, name=f"Groep {count + 1}")).pk


OBJECT_MAKERS: dict[str, Callable[[Any], Any]] = {
    "profile_id": lambda t: _profile(t).pk,
    "position_id": lambda t: make_position(_profile(t)).pk,
    "training_id": _part(Training, kind="ed_mbo4", name="ED mbo-4"),
    "registration_id": _part(Registration, register="Registerplein", number="123"),
    "coaching_id": _part(CoachingTrajectory, coach="Coach", starts=datetime.date(2026, 1, 1)),
    "goal_id": _part(DevelopmentGoal, title="Doel"),
    "step_id": _part(CareerStep, title="Teamleider", layer="middenkader"),
    "hours_id": lambda t: make_hours(_profile(t)).pk,
    "group_id": _group,
    "session_id": _session,
    "member_id": _member,
}
API_OBJECT_MAKERS: dict[str, Callable[[Any], Any]] = {
    "workforce-profile": lambda t: _profile(t).pk,
}
# ===== end of the workforce part =====

# ===== vacancies part =====


def _vacancy(tenant: Any) -> int:
    """A published public vacancy of the tenant, posted by its kwartiermaker."""
    return published(VacancyFactory(organisation=tenant.organisation, created_by=tenant.manager)).pk


def _saved_search(tenant: Any) -> int:
    return SavedSearch.objects.create(user=tenant.manager, name="Bruggenbouwer").pk


OBJECT_MAKERS.update({"vacancy_id": _vacancy, "search_id": _saved_search})
API_OBJECT_MAKERS.update({"workforce-vacancy": _vacancy})
# ===== end of the vacancies part =====
