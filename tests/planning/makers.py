"""Objects of one tenant for the generic tenant-isolation test (tests/core)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from kwartier.planning import services
from tests.planning.factories import make_plan, make_scenario


def _plan_with_count(tenant: Any) -> Any:
    # Several URLs of one test need their own plan; titles are unique per organisation.
    count = tenant.organisation.plans.count()
    return make_plan(tenant.organisation, tenant.manager, title=f"Plan {count + 1}")


def _progress_entry(tenant: Any) -> int:
    plan = _plan_with_count(tenant)
    return services.progress_record(plan=plan, year=2026, headcount=2, fte=Decimal("1.5")).pk


OBJECT_MAKERS: dict[str, Callable[[Any], Any]] = {
    "plan_id": lambda tenant: _plan_with_count(tenant).pk,
    "scenario_id": lambda tenant: make_scenario(_plan_with_count(tenant), tenant.manager).pk,
    "progress_entry_id": _progress_entry,
}
API_OBJECT_MAKERS: dict[str, Callable[[Any], Any]] = {}
