"""What other capability apps may read of Inzet (declared edges in pyproject.toml).

Planning reads the actual experience workers per year and the facts its warnings need
(``kwartier.planning.selectors -> kwartier.workforce.public``). Plain data out: dates,
numbers and team names, never a worker's name, so a plan page shown to a bestuurder or
a financier tells nothing about a person.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kwartier.accounts.models import Layer
from kwartier.workforce import selectors
from kwartier.workforce.figures import YearFigures, figures_by_year
from kwartier.workforce.models import Position
from kwartier.workforce.support import INTERVISIE_WEEKS, intervisie_recent

if TYPE_CHECKING:
    from kwartier.accounts.models import Organisation

__all__ = ["StaffingFacts", "YearFigures", "positions_by_year", "staffing_facts"]


def positions_by_year(
    *, organisation: Organisation, years: Iterable[int], today: datetime.date
) -> dict[int, YearFigures]:
    """Paid headcount and FTE (and volunteers) per year from the organisation's positions:
    each year that has begun by `today` and has positions by its reference date (31
    December, or `today` for the running year). Years without positions are left out, so
    the caller falls back on figures entered by hand."""
    return figures_by_year(selectors.position_spans(organisation=organisation), years, today)


@dataclass(frozen=True)
class StaffingFacts:
    """The positions running on a day, as the plan's warnings need them."""

    workers: int  # people with a running position
    teams_alone: tuple[str, ...]  # teams where exactly one experience worker works
    middle_management: int  # people with a running position in middle management
    without_intervisie: int  # people with a running position and no recent intervisie
    intervisie_weeks: int


def staffing_facts(*, organisation: Organisation, today: datetime.date) -> StaffingFacts | None:
    """None when the organisation has no running positions (then the plan's own figures
    are all there is)."""
    running = [
        p
        for p in Position.objects.filter(organisation=organisation).select_related("team")
        if p.starts <= today and (p.ends is None or p.ends >= today)
    ]
    if not running:
        return None
    people = {p.profile_id for p in running}
    per_team: dict[str, set[int]] = defaultdict(set)
    for p in running:
        if p.team is not None:
            per_team[p.team.name].add(p.profile_id)
    last = selectors.last_intervisie_by_profile(profile_ids=sorted(people))
    return StaffingFacts(
        workers=len(people),
        teams_alone=tuple(sorted(team for team, ids in per_team.items() if len(ids) == 1)),
        middle_management=len(
            {p.profile_id for p in running if p.layer == Layer.MIDDLE_MANAGEMENT}
        ),
        without_intervisie=sum(1 for pid in people if not intervisie_recent(last.get(pid), today)),
        intervisie_weeks=INTERVISIE_WEEKS,
    )
