"""Formation projection: how many FTE per level a kwartiermaakplan leads to, year by year.

An organisation grows its paid experience work without dismissing anyone: room comes from
natural attrition, from growth and from *job carving* (tasks of leaving HBO professionals
re-divided into experience-worker posts). This module turns those levers into a yearly
projection and answers the question a board asks first: "what share of our openings must
go to experience workers to reach our targets?".

The yearly step follows the issue exactly. From the previous year's formation:

* ``L_l = f_l × a_l`` leavers per level;
* ``C = min(c, L_hbo)`` carved HBO posts, only out of HBO leavers (never by dismissal);
* ``G = total × g`` growth of the whole formation;
* ``O = (L_hbo − C) + L_mbo + G`` ordinary openings;
* ``f_ew' = f_ew + C + s × O`` (experience workers who leave are replaced one for one);
* ``f_hbo' = f_hbo − L_hbo + (1 − s) × ((L_hbo − C) + G × f_hbo / (f_hbo + f_mbo))``;
* ``f_mbo' = f_mbo − L_mbo + (1 − s) × (L_mbo + G × f_mbo / (f_hbo + f_mbo))``.

The total therefore grows by exactly ``G`` each year. The row for ``start_year`` is the
formation at the *end* of that year, one step after the formation the user entered; a
target for a year is met when that year's row reaches it.

Pure Python on purpose (no Django): the API, the plan page and the warnings all call the
same kernel, and hypothesis can test it in milliseconds.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final, Literal

Level = Literal["hbo", "mbo", "ervaringswerker"]
LEVELS: Final[tuple[Level, ...]] = ("hbo", "mbo", "ervaringswerker")

# Bounds of the input, chosen to catch typos (a year 202, an attrition of 15 meaning 15 %)
# rather than to limit real plans.
START_YEAR_MIN: Final = 2000
START_YEAR_MAX: Final = 2100
YEARS_MIN: Final = 1
YEARS_MAX: Final = 50
MAX_FTE: Final = 100_000.0  # larger than any Dutch social-domain organisation
MAX_COST_PER_FTE: Final = 1_000_000.0  # euros per FTE per year
MAX_BUDGET: Final = 1_000_000_000.0  # euros per year for the whole formation
# Growth is limited to 0..50 % a year. A negative growth cannot be expressed with the
# formulas above: O would turn negative, i.e. dismissals and fewer experience workers,
# which the issue rules out ("never by dismissal"). Shrinking needs its own rules
# (which level absorbs the cut), so it is refused instead of silently giving dismissals.
GROWTH_MIN: Final = 0.0
GROWTH_MAX: Final = 0.5

# Float sums drift by ~1e-12 FTE over 50 years; these tolerances make "exactly on target"
# and "exactly on budget" count as met, as a user reading rounded numbers would expect.
FTE_TOLERANCE: Final = 1e-9
BUDGET_TOLERANCE_EUR: Final = 0.005  # half a cent

SHARE_GRID: Final = 1000  # min_share answers in steps of 0.001


@dataclass(frozen=True)
class LevelInput:
    """One level of the starting formation."""

    fte: float
    attrition: float  # fraction of the level's FTE leaving per year, 0..1
    cost_per_fte: float  # euros per FTE per year


@dataclass(frozen=True)
class ProjectionInput:
    """Validated input; build it with :func:`parse_projection_input` from API data."""

    start_year: int
    years: int
    levels: Mapping[Level, LevelInput]
    growth: float = 0.0
    job_carving: float = 0.0
    share: float = 0.0
    targets: Mapping[int, float] = field(default_factory=dict)
    budget: Mapping[int, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        """Guard direct construction too: the kernel divides by HBO + MBO."""
        if set(self.levels) != set(LEVELS):
            raise ValueError(f"levels must be exactly {LEVELS}")
        if self.levels["hbo"].fte + self.levels["mbo"].fte <= 0:
            raise ValueError("hbo and mbo together need more than 0 FTE")

    @property
    def end_year(self) -> int:
        """The last projected year (inclusive)."""
        return self.start_year + self.years - 1


@dataclass(frozen=True)
class Formation:
    """FTE (or leavers, or costs) per level."""

    hbo: float
    mbo: float
    ervaringswerker: float

    @property
    def total(self) -> float:
        return self.hbo + self.mbo + self.ervaringswerker

    def as_dict(self) -> dict[str, float]:
        return {"hbo": self.hbo, "mbo": self.mbo, "ervaringswerker": self.ervaringswerker}


@dataclass(frozen=True)
class Step:
    """The flows of one year and the formation they lead to."""

    formation: Formation
    leavers: Formation
    carved: float  # C: HBO leavers' posts turned into experience-worker posts
    growth: float  # G
    openings: float  # O


@dataclass(frozen=True)
class YearRow:
    """One projected year: the formation at the end of ``year`` and what got it there."""

    year: int
    fte: Formation
    leavers: Formation
    openings: float
    carved: float
    growth: float
    hires_ervaringswerker: float
    cost: Formation
    budget: float | None
    within_budget: bool | None

    @property
    def cost_total(self) -> float:
        return self.cost.total


@dataclass(frozen=True)
class TargetResult:
    year: int
    fte: float
    projected: float
    met: bool


@dataclass(frozen=True)
class Projection:
    input: ProjectionInput
    years: tuple[YearRow, ...]
    targets: tuple[TargetResult, ...]
    min_share: float | None


class ProjectionInputError(ValueError):
    """Input the projection cannot use; ``field`` is a dotted path, the message Dutch."""

    def __init__(self, field: str, message_nl: str) -> None:
        super().__init__(f"{field}: {message_nl}")
        self.field = field
        self.message_nl = message_nl


# --- the kernel ----------------------------------------------------------------------


def step(
    formation: Formation,
    inp: ProjectionInput,
    share: float,
    fallback_hbo_fraction: float,
) -> Step:
    """Advance the formation by one year with the formulas of the module docstring.

    ``fallback_hbo_fraction`` splits growth between HBO and MBO when both are at 0 FTE.
    That state is only reachable mid-projection when ``G = 0`` or ``s = 1``, where the
    split is multiplied by zero; the fallback just keeps the formula defined.
    """
    levels = inp.levels
    leave_hbo = formation.hbo * levels["hbo"].attrition
    leave_mbo = formation.mbo * levels["mbo"].attrition
    leave_ew = formation.ervaringswerker * levels["ervaringswerker"].attrition
    carved = min(inp.job_carving, leave_hbo)
    growth = formation.total * inp.growth
    openings = (leave_hbo - carved) + leave_mbo + growth

    regular = formation.hbo + formation.mbo
    if regular > 0:
        hbo_fraction, mbo_fraction = formation.hbo / regular, formation.mbo / regular
    else:
        hbo_fraction, mbo_fraction = fallback_hbo_fraction, 1.0 - fallback_hbo_fraction
    keep = 1.0 - share
    new = Formation(
        hbo=formation.hbo - leave_hbo + keep * ((leave_hbo - carved) + growth * hbo_fraction),
        mbo=formation.mbo - leave_mbo + keep * (leave_mbo + growth * mbo_fraction),
        ervaringswerker=formation.ervaringswerker + carved + share * openings,
    )
    return Step(
        formation=new,
        leavers=Formation(leave_hbo, leave_mbo, leave_ew),
        carved=carved,
        growth=growth,
        openings=openings,
    )


def starting_formation(inp: ProjectionInput) -> Formation:
    return Formation(
        hbo=inp.levels["hbo"].fte,
        mbo=inp.levels["mbo"].fte,
        ervaringswerker=inp.levels["ervaringswerker"].fte,
    )


def _hbo_fraction(start: Formation) -> float:
    return start.hbo / (start.hbo + start.mbo)


def target_met(projected: float, target: float) -> bool:
    """A target is met when the projection reaches it (within float noise)."""
    return projected >= target - FTE_TOLERANCE


def meets_all_targets(inp: ProjectionInput, share: float) -> bool:
    """Whether projecting with ``share`` meets every target of ``inp``.

    Stops at the first missed target and never projects past the last target year:
    :func:`min_share` calls this up to 1001 times.
    """
    if not inp.targets:
        return True
    last_target_year = max(inp.targets)
    formation = starting_formation(inp)
    fallback = _hbo_fraction(formation)
    for year in range(inp.start_year, last_target_year + 1):
        formation = step(formation, inp, share, fallback).formation
        target = inp.targets.get(year)
        if target is not None and not target_met(formation.ervaringswerker, target):
            return False
    return True


def min_share(inp: ProjectionInput) -> float | None:
    """The smallest share on the grid 0.000, 0.001, …, 1.000 that meets every target.

    ``None`` when no share on the grid does; ``0.0`` when there are no targets (every
    share meets an empty list). ``inp.share`` itself is ignored.

    This scans the grid from 0 upwards instead of bisecting, because experience-worker
    FTE is *not* monotone in the share. Two mechanisms bend it (see the regression test
    ``test_experience_workers_are_not_monotone_in_share``): a higher share drains HBO,
    leaving fewer HBO leavers to carve posts from; and it shifts the HBO/MBO mix, so
    growth is split towards the level with fewer leavers, and fewer openings follow.
    Bisection could then return a share that meets the targets but is not the
    smallest, or ``None`` while a share below 1 does meet them. The scan is exact and
    costs at most 1001 × 50 steps (~0.2 s, for an unreachable target in year 50); it stops
    a share at its first missed target and never projects past the last target year.
    """
    for step_number in range(SHARE_GRID + 1):
        share = step_number / SHARE_GRID
        if meets_all_targets(inp, share):
            return share
    return None


def _costs(formation: Formation, inp: ProjectionInput) -> Formation:
    return Formation(
        hbo=formation.hbo * inp.levels["hbo"].cost_per_fte,
        mbo=formation.mbo * inp.levels["mbo"].cost_per_fte,
        ervaringswerker=formation.ervaringswerker * inp.levels["ervaringswerker"].cost_per_fte,
    )


def _within_budget(cost_total: float, budget: float | None) -> bool | None:
    if budget is None:
        return None
    return cost_total <= budget + BUDGET_TOLERANCE_EUR


def project(inp: ProjectionInput) -> Projection:
    """Project the formation for ``inp.years`` years with ``inp.share``.

    ``hires_ervaringswerker`` is ``C + s × O + L_ew``: every experience worker the
    organisation has to recruit that year, including replacements of experience workers
    who left. We count replacements because recruitment, induction and coaching capacity
    are planned on people actually hired, not on net growth; the net growth is
    ``C + s × O`` (the change in ``fte["ervaringswerker"]``).

    Costs are the end-of-year formation times the cost per FTE, compared with that
    year's budget.
    """
    formation = starting_formation(inp)
    fallback = _hbo_fraction(formation)
    rows: list[YearRow] = []
    for year in range(inp.start_year, inp.end_year + 1):
        result = step(formation, inp, inp.share, fallback)
        formation = result.formation
        cost = _costs(formation, inp)
        budget = inp.budget.get(year)
        rows.append(
            YearRow(
                year=year,
                fte=formation,
                leavers=result.leavers,
                openings=result.openings,
                carved=result.carved,
                growth=result.growth,
                hires_ervaringswerker=(
                    result.carved + inp.share * result.openings + result.leavers.ervaringswerker
                ),
                cost=cost,
                budget=budget,
                within_budget=_within_budget(cost.total, budget),
            )
        )
    by_year = {row.year: row for row in rows}
    targets = tuple(
        TargetResult(
            year=year,
            fte=fte,
            projected=by_year[year].fte.ervaringswerker,
            met=target_met(by_year[year].fte.ervaringswerker, fte),
        )
        for year, fte in sorted(inp.targets.items())
    )
    return Projection(input=inp, years=tuple(rows), targets=targets, min_share=min_share(inp))


def projection_to_dict(projection: Projection) -> dict[str, Any]:
    """The API shape: years, targets and min_share, with plain JSON types."""
    return {
        "years": [
            {
                "year": row.year,
                "fte": row.fte.as_dict(),
                "leavers": row.leavers.as_dict(),
                "openings": row.openings,
                "hires_ervaringswerker": row.hires_ervaringswerker,
                "cost": {**row.cost.as_dict(), "total": row.cost.total},
                "budget": row.budget,
                "within_budget": row.within_budget,
            }
            for row in projection.years
        ],
        "targets": [
            {"year": t.year, "fte": t.fte, "projected": t.projected, "met": t.met}
            for t in projection.targets
        ],
        "min_share": projection.min_share,
    }


# --- parsing API input ---------------------------------------------------------------

_TOP_LEVEL_FIELDS: Final = frozenset(
    {"start_year", "years", "levels", "growth", "job_carving", "share", "targets", "budget"}
)
_LEVEL_FIELDS: Final = frozenset({"fte", "attrition", "cost_per_fte"})


def _number(value: object, path: str, low: float, high: float) -> float:
    """A finite int or float in ``low..high``; booleans and strings are refused.

    ``True`` is an ``int`` in Python, so JSON ``true`` would otherwise pass as 1.
    """
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ProjectionInputError(path, "moet een getal zijn")
    try:
        number = float(value)
    except OverflowError:  # a JSON integer with hundreds of digits
        number = math.inf
    if not math.isfinite(number):
        raise ProjectionInputError(path, "moet een eindig getal zijn")
    if not low <= number <= high:
        if high == math.inf:
            raise ProjectionInputError(path, f"moet {_nl(low)} of meer zijn")
        raise ProjectionInputError(path, f"moet tussen {_nl(low)} en {_nl(high)} liggen")
    return number


def _integer(value: object, path: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ProjectionInputError(path, "moet een geheel getal zijn")
    if not low <= value <= high:
        raise ProjectionInputError(path, f"moet tussen {low} en {high} liggen")
    return value


def _nl(number: float) -> str:
    """Format a bound the Dutch way: 0,5 rather than 0.5, 100.000 rather than 100000.0."""
    if number == int(number):
        return f"{int(number):,}".replace(",", ".")
    return str(number).replace(".", ",")


def _mapping(value: object, path: str) -> Mapping[object, object]:
    if not isinstance(value, Mapping):
        raise ProjectionInputError(path, "moet een object met velden zijn")
    return value


def _year_key(key: object, path: str, first: int, last: int) -> int:
    """A year used as a key; JSON object keys are always strings, so "2027" is accepted."""
    if isinstance(key, str) and key.isascii() and key.isdigit():
        if len(key) > 4:  # also keeps int() away from its 4300-digit limit
            raise ProjectionInputError(path, f"valt buiten de projectie ({first} t/m {last})")
        year = int(key)
    elif isinstance(key, int) and not isinstance(key, bool):
        year = key
    else:
        raise ProjectionInputError(path, "moet een jaartal zijn")
    if not first <= year <= last:
        raise ProjectionInputError(
            path, f"jaar {year} valt buiten de projectie ({first} t/m {last})"
        )
    return year


def _year_amounts(value: object, path: str, first: int, last: int, high: float) -> dict[int, float]:
    amounts: dict[int, float] = {}
    for key, amount in _mapping(value, path).items():
        key_path = f"{path}.{key}"
        year = _year_key(key, key_path, first, last)
        if year in amounts:
            raise ProjectionInputError(key_path, f"jaar {year} staat er twee keer in")
        amounts[year] = _number(amount, key_path, 0.0, high)
    return amounts


def _level(value: object, path: str) -> LevelInput:
    data = _mapping(value, path)
    _refuse_unknown(data, _LEVEL_FIELDS, path)
    for name in ("fte", "attrition", "cost_per_fte"):
        if name not in data:
            raise ProjectionInputError(f"{path}.{name}", "is verplicht")
    return LevelInput(
        fte=_number(data["fte"], f"{path}.fte", 0.0, MAX_FTE),
        attrition=_number(data["attrition"], f"{path}.attrition", 0.0, 1.0),
        cost_per_fte=_number(data["cost_per_fte"], f"{path}.cost_per_fte", 0.0, MAX_COST_PER_FTE),
    )


def _refuse_unknown(data: Mapping[object, object], known: frozenset[str], prefix: str) -> None:
    """Unknown fields are refused: a typo such as "groth" must not silently mean 0 %."""
    for key in data:
        if key not in known:
            path = f"{prefix}.{key}" if prefix else str(key)
            raise ProjectionInputError(path, "is geen bekend veld")


def parse_projection_input(data: dict[str, Any]) -> ProjectionInput:
    """Validate API data into a :class:`ProjectionInput`, or raise ProjectionInputError.

    Required: ``start_year`` (2000..2100), ``years`` (1..50) and all three ``levels``
    with ``fte`` (0..100.000), ``attrition`` (0..1) and ``cost_per_fte`` (0..1.000.000).
    Optional, default 0 or empty: ``growth`` (0..0.5, see GROWTH_MIN), ``job_carving``
    (FTE per year, 0..100.000), ``share`` (0..1), ``targets`` (year -> 0..100.000 FTE)
    and ``budget`` (year -> 0..1.000.000.000 euro), every year inside the projected range,
    so a mistyped year is caught rather than ignored. HBO and MBO together must have FTE,
    because growth is split over them in proportion.
    """
    root = _mapping(data, "")
    _refuse_unknown(root, _TOP_LEVEL_FIELDS, "")
    for name in ("start_year", "years", "levels"):
        if name not in root:
            raise ProjectionInputError(name, "is verplicht")
    start_year = _integer(root["start_year"], "start_year", START_YEAR_MIN, START_YEAR_MAX)
    years = _integer(root["years"], "years", YEARS_MIN, YEARS_MAX)
    end_year = start_year + years - 1

    raw_levels = _mapping(root["levels"], "levels")
    _refuse_unknown(raw_levels, frozenset(LEVELS), "levels")
    levels: dict[Level, LevelInput] = {}
    for level in LEVELS:
        if level not in raw_levels:
            raise ProjectionInputError(f"levels.{level}", "dit niveau ontbreekt")
        levels[level] = _level(raw_levels[level], f"levels.{level}")
    if levels["hbo"].fte + levels["mbo"].fte == 0:
        raise ProjectionInputError(
            "levels",
            "hbo en mbo hebben samen 0 fte; de groei wordt naar hun verhouding verdeeld, "
            "dus minstens één van beide moet fte hebben",
        )

    return ProjectionInput(
        start_year=start_year,
        years=years,
        levels=levels,
        growth=_number(root.get("growth", 0.0), "growth", GROWTH_MIN, GROWTH_MAX),
        job_carving=_number(root.get("job_carving", 0.0), "job_carving", 0.0, MAX_FTE),
        share=_number(root.get("share", 0.0), "share", 0.0, 1.0),
        targets=_year_amounts(root.get("targets", {}), "targets", start_year, end_year, MAX_FTE),
        budget=_year_amounts(root.get("budget", {}), "budget", start_year, end_year, MAX_BUDGET),
    )
