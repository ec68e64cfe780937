"""What other capability apps may read from the kwartiermaakplan: this module only (the
import contract in pyproject.toml lists each reader). The results app reads a plan's
goals per year, to measure them against what happened; planning never reads back."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from kwartier.planning import selectors

if TYPE_CHECKING:
    from kwartier.accounts.models import Organisation

__all__ = ["PlanGoals", "YearGoal", "plan_goals"]


@dataclass(frozen=True)
class YearGoal:
    year: int
    paid_headcount: int
    paid_fte: Decimal
    volunteers: int
    # What the organisation entered as realised for that year (the plan's progress
    # page), if anything.
    realised_fte: Decimal | None
    realised_headcount: int | None


@dataclass(frozen=True)
class PlanGoals:
    plan_id: int
    title: str
    version_number: int
    adopted: bool
    years: tuple[YearGoal, ...]


def plan_goals(*, organisation: Organisation) -> PlanGoals | None:
    """The goals of the organisation's newest plan: the adopted version's, else the
    draft's; None without a plan."""
    plan = selectors.plan_list(organisation=organisation).order_by("-created_at", "-pk").first()
    if plan is None:
        return None
    version = selectors.version_adopted(plan=plan) or selectors.version_current(plan=plan)
    realised = {entry.year: entry for entry in selectors.progress_list(plan=plan)}
    return PlanGoals(
        plan_id=plan.pk,
        title=version.title or plan.title,
        version_number=version.number,
        adopted=version.is_adopted,
        years=tuple(
            YearGoal(
                year=target.year,
                paid_headcount=target.paid_headcount,
                paid_fte=target.paid_fte,
                volunteers=target.volunteers,
                realised_fte=realised[target.year].fte if target.year in realised else None,
                realised_headcount=(
                    realised[target.year].headcount if target.year in realised else None
                ),
            )
            for target in selectors.target_list(version=version)
        ),
    )
