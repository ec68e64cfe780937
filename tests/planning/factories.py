"""Builders for plans in tests. They go through the services, so every test plan obeys
the same invariants (a first draft version, validated parts) as a real one."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from kwartier.accounts.models import Organisation, User
from kwartier.planning import selectors, services
from kwartier.planning.models import Plan, PlanVersion, Scenario, Support, SupportKind, Target


def projection_data(**overrides: Any) -> dict[str, Any]:
    """A five-year projection from 2026 in the API's input shape."""
    data: dict[str, Any] = {
        "start_year": 2026,
        "years": 5,
        "levels": {
            "hbo": {"fte": 30.0, "attrition": 0.1, "cost_per_fte": 75000},
            "mbo": {"fte": 12.0, "attrition": 0.12, "cost_per_fte": 60000},
            "ervaringswerker": {"fte": 1.0, "attrition": 0.1, "cost_per_fte": 58000},
        },
        "growth": 0.02,
        "job_carving": 0.5,
        "share": 0.2,
        "targets": {},
        "budget": {},
    }
    data.update(overrides)
    return data


def make_plan(
    organisation: Organisation, user: User, title: str = "Plan 2026-2030", **fields: Any
) -> Plan:
    return services.plan_create(organisation=organisation, created_by=user, title=title, **fields)


def add_targets(plan: Plan, user: User, targets: dict[int, str]) -> None:
    services.version_parts_replace(
        plan=plan,
        user=user,
        model=Target,
        rows=[
            {"year": year, "paid_headcount": 1, "paid_fte": Decimal(fte), "volunteers": 0}
            for year, fte in targets.items()
        ],
    )


def add_support(
    plan: Plan, user: User, kind: str = SupportKind.INTERVISIE, budget: int = 5000
) -> None:
    services.version_parts_replace(
        plan=plan,
        user=user,
        model=Support,
        rows=[{"kind": kind, "description": "Intervisie", "budget_per_year": budget}],
    )


def make_scenario(plan: Plan, user: User, name: str = "Scenario", **overrides: Any) -> Scenario:
    return services.scenario_create(
        plan=plan, user=user, name=name, projection_data=projection_data(**overrides)
    )


def adopt(plan: Plan, board: User) -> PlanVersion:
    """The bestuurder adopts the draft as it reads now (as the confirmation page shows it)."""
    draft = selectors.version_newest(plan=plan)
    return services.plan_adopt(
        plan=plan,
        user=board,
        version_id=draft.pk,
        content_hash=selectors.version_fingerprint(version=draft),
    )
