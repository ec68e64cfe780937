"""What other capability apps may read from the kwartiermaakplan: this module only (the
import contract in pyproject.toml lists each reader). The results app reads a plan's
goals per year, to measure them against what happened; planning never reads back."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.utils import timezone

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
    # What was realised that year: counted from Inzet's positions, or the figure the
    # organisation entered by hand on the plan's progress page (which then wins).
    realised_fte: Decimal | None
    realised_headcount: int | None
    realised_source: str = ""  # "functies" (positions) or "handmatig" (entered by hand)


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
    targets = list(selectors.target_list(version=version))
    realised = selectors.actual_by_year(
        plan=plan, years=[target.year for target in targets], today=timezone.localdate()
    )
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
                realised_fte=(
                    Decimal(str(realised[target.year].fte)).quantize(Decimal("0.01"))
                    if target.year in realised
                    else None
                ),
                realised_headcount=(
                    realised[target.year].headcount if target.year in realised else None
                ),
                realised_source=realised[target.year].source if target.year in realised else "",
            )
            for target in targets
        ),
    )
