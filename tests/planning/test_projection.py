"""Formation projection: hand-computed years, input validation and invariants."""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from kwartier.planning.projection import (
    LEVELS,
    Level,
    LevelInput,
    ProjectionInput,
    ProjectionInputError,
    meets_all_targets,
    min_share,
    parse_projection_input,
    project,
    projection_to_dict,
)


def plan(**overrides: Any) -> ProjectionInput:
    """hbo 10 FTE (10 % leave, € 70k), mbo 10 (20 %, € 55k), 0 experience workers (10 %)."""
    levels = {
        "hbo": LevelInput(fte=10.0, attrition=0.1, cost_per_fte=70_000.0),
        "mbo": LevelInput(fte=10.0, attrition=0.2, cost_per_fte=55_000.0),
        "ervaringswerker": LevelInput(fte=0.0, attrition=0.1, cost_per_fte=50_000.0),
    }
    values: dict[str, Any] = {
        "start_year": 2025,
        "years": 2,
        "levels": levels,
        "growth": 0.1,
        "job_carving": 0.5,
        "share": 0.5,
    }
    values.update(overrides)
    return ProjectionInput(**values)


# --- hand-computed examples ------------------------------------------------------------


def test_first_year_by_hand() -> None:
    # L_hbo = 10 × 0.1 = 1, L_mbo = 10 × 0.2 = 2, L_ew = 0; C = min(0.5, 1) = 0.5
    # G = 20 × 0.1 = 2; O = (1 − 0.5) + 2 + 2 = 4.5
    # ew  = 0 + 0.5 + 0.5 × 4.5                       = 2.75
    # hbo = 10 − 1 + 0.5 × ((1 − 0.5) + 2 × 10 / 20)   = 9 + 0.5 × 1.5 = 9.75
    # mbo = 10 − 2 + 0.5 × (2 + 2 × 10 / 20)           = 8 + 0.5 × 3   = 9.5
    # hires = C + s × O + L_ew = 0.5 + 2.25 + 0 = 2.75
    # cost = 9.75 × 70,000 + 9.5 × 55,000 + 2.75 × 50,000 = 682,500 + 522,500 + 137,500
    row = project(plan(budget={2025: 1_400_000.0})).years[0]
    assert row.year == 2025
    assert row.leavers.as_dict() == {"hbo": 1.0, "mbo": 2.0, "ervaringswerker": 0.0}
    assert row.carved == 0.5
    assert row.growth == 2.0
    assert row.openings == pytest.approx(4.5)
    assert row.fte.ervaringswerker == pytest.approx(2.75)
    assert row.fte.hbo == pytest.approx(9.75)
    assert row.fte.mbo == pytest.approx(9.5)
    assert row.hires_ervaringswerker == pytest.approx(2.75)
    assert row.cost.as_dict() == pytest.approx(
        {"hbo": 682_500.0, "mbo": 522_500.0, "ervaringswerker": 137_500.0}
    )
    assert row.cost_total == pytest.approx(1_342_500.0)
    assert row.within_budget is True


def test_second_year_by_hand() -> None:
    # From hbo 9.75, mbo 9.5, ew 2.75 (total 22):
    # L_hbo = 0.975, L_mbo = 1.9, L_ew = 0.275; C = 0.5; G = 2.2
    # O = 0.475 + 1.9 + 2.2 = 4.575
    # ew  = 2.75 + 0.5 + 0.5 × 4.575                        = 5.5375
    # hbo = 9.75 − 0.975 + 0.5 × (0.475 + 2.2 × 9.75 / 19.25) = 8.775 + 0.5 × (19/40 + 39/35)
    #     = 8.775 + 89/112                                   = 9.569642857…
    # mbo = 9.5 − 1.9 + 0.5 × (1.9 + 2.2 × 9.5 / 19.25)      = 7.6 + 0.5 × (1.9 + 38/35)
    #     = 7.6 + 1.492857142…                               = 9.092857142…
    # total = 24.2 = 22 × 1.1; hires = 0.5 + 0.5 × 4.575 + 0.275 = 3.0625
    row = project(plan()).years[1]
    assert row.year == 2026
    assert row.openings == pytest.approx(4.575)
    assert row.fte.ervaringswerker == pytest.approx(5.5375)
    assert row.fte.hbo == pytest.approx(8.775 + 89 / 112)
    assert row.fte.mbo == pytest.approx(7.6 + 0.5 * (1.9 + 38 / 35))
    assert row.fte.total == pytest.approx(24.2)
    assert row.hires_ervaringswerker == pytest.approx(3.0625)


def test_job_carving_never_exceeds_hbo_leavers() -> None:
    # c = 5 but only 10 × 0.1 = 1 HBO FTE leaves: C = 1, and with s = 0, g = 0
    # hbo = 10 − 1 + 1 × ((1 − 1) + 0) = 9 (nobody dismissed), ew = 0 + 1 = 1.
    row = project(plan(years=1, job_carving=5.0, share=0.0, growth=0.0)).years[0]
    assert row.carved == 1.0
    assert row.fte.hbo == 9.0
    assert row.fte.mbo == 10.0
    assert row.fte.ervaringswerker == 1.0


def test_hires_include_replacing_experience_workers_who_left() -> None:
    # ew 10 FTE, 10 % leave: 1 FTE replaced. s = 0, c = 0, g = 0: ew stays 10, hires = 1.
    levels = dict(plan().levels)
    levels["ervaringswerker"] = LevelInput(fte=10.0, attrition=0.1, cost_per_fte=1.0)
    row = project(plan(levels=levels, years=1, share=0.0, job_carving=0.0, growth=0.0)).years[0]
    assert row.fte.ervaringswerker == 10.0
    assert row.hires_ervaringswerker == 1.0


def test_budget_and_targets() -> None:
    # Year 2025: ew 2.75 (first test), cost 1,342,500; year 2026: ew 5.5375.
    result = project(plan(targets={2025: 2.75, 2026: 6.0}, budget={2025: 1_342_499.0}))
    assert [row.within_budget for row in result.years] == [False, None]
    assert [(t.year, t.met) for t in result.targets] == [(2025, True), (2026, False)]
    assert result.targets[1].projected == pytest.approx(5.5375)


def test_min_share_by_hand() -> None:
    # One year, g = 0, c = 0: O = 10 × 0.1 + 10 × 0.2 = 3, ew = 3s.
    base = plan(years=1, growth=0.0, job_carving=0.0)
    assert min_share(replace(base, targets={2025: 0.75})) == 0.25  # 3 × 0.25 = 0.75
    assert min_share(replace(base, targets={2025: 0.7503})) == 0.251  # 0.250 gives 0.75
    assert min_share(replace(base, targets={2025: 3.0})) == 1.0
    assert min_share(replace(base, targets={2025: 3.1})) is None  # even s = 1 gives 3
    assert min_share(replace(base, targets={2025: 0.0})) == 0.0
    assert min_share(base) == 0.0  # no targets: every share meets them


def _non_monotone_plan(**overrides: Any) -> ProjectionInput:
    """Every HBO FTE leaves yearly and 5 FTE a year is carved: a higher share drains HBO,
    so fewer posts can be carved later on."""
    levels: dict[Level, LevelInput] = {
        "hbo": LevelInput(fte=40.0, attrition=1.0, cost_per_fte=1.0),
        "mbo": LevelInput(fte=10.0, attrition=0.0, cost_per_fte=1.0),
        "ervaringswerker": LevelInput(fte=0.0, attrition=0.0, cost_per_fte=1.0),
    }
    return ProjectionInput(
        start_year=2025, years=10, levels=levels, growth=0.02, job_carving=5.0, **overrides
    )


def test_experience_workers_are_not_monotone_in_share() -> None:
    """Why min_share scans the grid instead of bisecting."""
    at_zero = project(_non_monotone_plan(share=0.0)).years[-1].fte.ervaringswerker
    at_tenth = project(_non_monotone_plan(share=0.1)).years[-1].fte.ervaringswerker
    assert at_zero == pytest.approx(46.068, abs=1e-3)
    assert at_tenth == pytest.approx(44.929, abs=1e-3)
    assert at_tenth < at_zero


def test_min_share_is_the_smallest_where_bisection_is_not() -> None:
    # 2025: L_hbo = 40, C = 5, G = 50 × 0.02 = 1, O = 35 + 0 + 1 = 36, ew = 5 + 36s.
    # 5 + 36s ≥ 5.05 needs s ≥ 0.00139: 0.002 (5.072) meets, 0.001 (5.036) does not.
    # In 2034 s = 0.002 still gives ~46.0 ≥ 45.5. Bisection over 0..1 would answer 0.362,
    # because the 2034 figure dips below 45.5 between those shares.
    inp = _non_monotone_plan(targets={2025: 5.05, 2034: 45.5})
    assert min_share(inp) == 0.002
    assert meets_all_targets(inp, 0.002)
    assert not meets_all_targets(inp, 0.001)
    assert not meets_all_targets(inp, 0.2)  # a gap in the middle: not an up-set


def test_projection_to_dict_shape() -> None:
    data = projection_to_dict(project(plan(targets={2026: 5.0}, budget={2025: 2e6})))
    assert set(data) == {"years", "targets", "min_share"}
    first = data["years"][0]
    assert set(first) == {
        "year",
        "fte",
        "leavers",
        "openings",
        "hires_ervaringswerker",
        "cost",
        "budget",
        "within_budget",
    }
    assert set(first["fte"]) == set(LEVELS) == set(first["leavers"])
    assert set(first["cost"]) == {*LEVELS, "total"}
    assert first["budget"] == 2e6
    assert first["within_budget"] is True
    assert data["years"][1]["budget"] is None
    assert data["years"][1]["within_budget"] is None
    assert data["targets"] == [
        {"year": 2026, "fte": 5.0, "projected": pytest.approx(5.5375), "met": True}
    ]
    assert isinstance(data["min_share"], float)


# --- parsing -----------------------------------------------------------------------


def api_data() -> dict[str, Any]:
    return {
        "start_year": 2025,
        "years": 5,
        "levels": {
            "hbo": {"fte": 30, "attrition": 0.1, "cost_per_fte": 75000},
            "mbo": {"fte": 12.5, "attrition": 0.12, "cost_per_fte": 60000},
            "ervaringswerker": {"fte": 1, "attrition": 0.15, "cost_per_fte": 58000},
        },
        "growth": 0.02,
        "job_carving": 0.5,
        "share": 0.25,
        "targets": {"2026": 4, "2029": 8},
        "budget": {"2025": 3_500_000},
    }


def test_parse_valid_input() -> None:
    inp = parse_projection_input(api_data())
    assert inp.start_year == 2025
    assert inp.end_year == 2029
    assert inp.levels["mbo"] == LevelInput(fte=12.5, attrition=0.12, cost_per_fte=60000.0)
    assert inp.targets == {2026: 4.0, 2029: 8.0}
    assert inp.budget == {2025: 3_500_000.0}
    assert len(project(inp).years) == 5


def test_parse_defaults_optional_fields() -> None:
    data = api_data()
    for name in ("growth", "job_carving", "share", "targets", "budget"):
        del data[name]
    inp = parse_projection_input(data)
    assert (inp.growth, inp.job_carving, inp.share) == (0.0, 0.0, 0.0)
    assert inp.targets == {} and inp.budget == {}


def _set(data: dict[str, Any], path: str, value: Any) -> None:
    *parents, last = path.split(".")
    for part in parents:
        data = data[part]
    if value is _DELETE:
        del data[last]
    else:
        data[last] = value


_DELETE = object()


@pytest.mark.parametrize(
    ("path", "value", "field", "message_part"),
    [
        ("start_year", _DELETE, "start_year", "verplicht"),
        ("start_year", 2025.0, "start_year", "geheel getal"),
        ("start_year", "2025", "start_year", "geheel getal"),
        ("start_year", 202, "start_year", "tussen 2000 en 2100"),
        ("years", 0, "years", "tussen 1 en 50"),
        ("years", 51, "years", "tussen 1 en 50"),
        ("years", True, "years", "geheel getal"),
        ("levels", [], "levels", "object"),
        ("levels.mbo", _DELETE, "levels.mbo", "ontbreekt"),
        ("levels.vmbo", {"fte": 1, "attrition": 0, "cost_per_fte": 1}, "levels.vmbo", "bekend"),
        ("levels.hbo.attrition", 1.5, "levels.hbo.attrition", "tussen 0 en 1"),
        ("levels.hbo.attrition", -0.1, "levels.hbo.attrition", "tussen 0 en 1"),
        ("levels.hbo.attrition", "0.1", "levels.hbo.attrition", "getal"),
        ("levels.hbo.attrition", None, "levels.hbo.attrition", "getal"),
        ("levels.hbo.fte", True, "levels.hbo.fte", "getal"),
        ("levels.hbo.fte", -1, "levels.hbo.fte", "tussen 0 en 100.000"),
        ("levels.hbo.fte", math.nan, "levels.hbo.fte", "eindig"),
        ("levels.hbo.fte", math.inf, "levels.hbo.fte", "eindig"),
        ("levels.hbo.cost_per_fte", _DELETE, "levels.hbo.cost_per_fte", "verplicht"),
        ("levels.hbo.salary", 1, "levels.hbo.salary", "bekend"),
        ("growth", -0.1, "growth", "tussen 0 en 0,5"),
        ("growth", 0.6, "growth", "tussen 0 en 0,5"),
        ("share", 1.01, "share", "tussen 0 en 1"),
        ("share", False, "share", "getal"),
        ("job_carving", -0.5, "job_carving", "tussen 0 en"),
        ("groth", 0.1, "groth", "bekend"),
        ("targets", [4, 8], "targets", "object"),
        ("targets", {"2030": 9}, "targets.2030", "buiten de projectie (2025 t/m 2029)"),
        ("targets", {"2024": 9}, "targets.2024", "buiten de projectie"),
        ("targets", {"volgend jaar": 9}, "targets.volgend jaar", "jaartal"),
        ("targets", {"2026": -1}, "targets.2026", "tussen 0 en 100.000"),
        ("targets", {"2026": "veel"}, "targets.2026", "getal"),
        ("budget", {"2031": 1}, "budget.2031", "buiten de projectie"),
        ("budget", {"2026": True}, "budget.2026", "getal"),
    ],
)
def test_parse_refuses_with_a_dutch_reason(
    path: str, value: Any, field: str, message_part: str
) -> None:
    data = api_data()
    _set(data, path, value)
    with pytest.raises(ProjectionInputError) as caught:
        parse_projection_input(data)
    assert caught.value.field == field
    assert message_part in caught.value.message_nl


def test_parse_refuses_no_hbo_and_no_mbo() -> None:
    data = api_data()
    data["levels"]["hbo"]["fte"] = 0
    data["levels"]["mbo"]["fte"] = 0
    with pytest.raises(ProjectionInputError) as caught:
        parse_projection_input(data)
    assert caught.value.field == "levels"
    assert "hbo en mbo" in caught.value.message_nl


def test_parse_refuses_non_object() -> None:
    with pytest.raises(ProjectionInputError) as caught:
        parse_projection_input([])  # type: ignore[arg-type]
    assert caught.value.field == ""


# --- properties ----------------------------------------------------------------------

_fte = st.floats(min_value=0, max_value=1000, allow_nan=False)
_rate = st.floats(min_value=0, max_value=1, allow_nan=False)


@st.composite
def inputs(draw: st.DrawFn, max_years: int = 50) -> ProjectionInput:
    levels = {
        level: LevelInput(
            fte=draw(_fte),
            attrition=draw(st.sampled_from([0.0, 1.0]) | _rate),
            cost_per_fte=draw(st.floats(min_value=0, max_value=200_000)),
        )
        for level in LEVELS
    }
    assume(levels["hbo"].fte + levels["mbo"].fte > 0)
    return ProjectionInput(
        start_year=2025,
        years=draw(st.integers(min_value=1, max_value=max_years)),
        levels=levels,
        growth=draw(st.sampled_from([0.0, 0.5]) | st.floats(min_value=0, max_value=0.5)),
        job_carving=draw(st.sampled_from([0.0]) | st.floats(min_value=0, max_value=100)),
        share=draw(st.sampled_from([0.0, 1.0]) | _rate),
    )


def _with_previous(inp: ProjectionInput) -> list[tuple[Any, Any]]:
    """(previous formation, row) pairs, starting with the entered formation."""
    result = project(inp)
    previous = [inp.levels[level].fte for level in LEVELS]  # hbo, mbo, ew at the start
    pairs = []
    for row in result.years:
        pairs.append((previous, row))
        previous = [row.fte.hbo, row.fte.mbo, row.fte.ervaringswerker]
    return pairs


@settings(deadline=None)
@given(inputs())
def test_total_grows_by_exactly_the_growth(inp: ProjectionInput) -> None:
    for (hbo, mbo, ew), row in _with_previous(inp):
        before = hbo + mbo + ew
        assert row.growth == pytest.approx(before * inp.growth, rel=1e-12, abs=1e-12)
        assert row.fte.total - before == pytest.approx(row.growth, rel=1e-9, abs=1e-9)


@settings(deadline=None)
@given(inputs())
def test_no_level_ever_negative(inp: ProjectionInput) -> None:
    for row in project(inp).years:
        assert min(row.fte.hbo, row.fte.mbo, row.fte.ervaringswerker) >= 0
        assert min(row.leavers.hbo, row.leavers.mbo, row.leavers.ervaringswerker) >= 0
        assert row.openings >= 0


@settings(deadline=None)
@given(inputs())
def test_experience_workers_constant_without_share_or_carving(inp: ProjectionInput) -> None:
    inp = replace(inp, share=0.0, job_carving=0.0)
    for row in project(inp).years:
        assert row.fte.ervaringswerker == inp.levels["ervaringswerker"].fte


@settings(deadline=None)
@given(inputs())
def test_experience_workers_never_decrease(inp: ProjectionInput) -> None:
    for (_, _, ew), row in _with_previous(inp):
        assert row.fte.ervaringswerker >= ew


@settings(deadline=None)
@given(inputs())
def test_no_dismissals(inp: ProjectionInput) -> None:
    """HBO and MBO shrink by at most their own leavers."""
    for (hbo, mbo, _), row in _with_previous(inp):
        assert hbo - row.fte.hbo <= row.leavers.hbo + 1e-9 * max(1.0, hbo)
        assert mbo - row.fte.mbo <= row.leavers.mbo + 1e-9 * max(1.0, mbo)


@settings(deadline=None)
@given(inputs())
def test_hires_are_net_growth_plus_replacements(inp: ProjectionInput) -> None:
    for (_, _, ew), row in _with_previous(inp):
        net = row.fte.ervaringswerker - ew
        assert net == pytest.approx(row.carved + inp.share * row.openings, rel=1e-9, abs=1e-9)
        assert row.hires_ervaringswerker == pytest.approx(
            net + row.leavers.ervaringswerker, rel=1e-9, abs=1e-9
        )


@st.composite
def inputs_with_targets(draw: st.DrawFn) -> ProjectionInput:
    """Targets near what some share reaches, so min_share has something to find."""
    inp = draw(inputs(max_years=12))
    reached = project(replace(inp, share=draw(_rate))).years
    targets = {}
    for row in draw(st.lists(st.sampled_from(reached), min_size=1, max_size=3)):
        factor = draw(st.floats(min_value=0.9, max_value=1.1))
        targets[row.year] = row.fte.ervaringswerker * factor
    return replace(inp, targets=targets)


def _all_met(inp: ProjectionInput, share: float) -> bool:
    return all(target.met for target in project(replace(inp, share=share)).targets)


@settings(max_examples=60, deadline=None)
@given(inputs_with_targets())
def test_min_share_meets_targets_and_a_step_less_does_not(inp: ProjectionInput) -> None:
    share = min_share(inp)
    if share is None:
        assert not _all_met(inp, 1.0)
        return
    assert round(share * 1000) == share * 1000  # on the 0.001 grid
    assert _all_met(inp, share)
    if share > 0:
        assert not _all_met(inp, round(share - 0.001, 3))


@settings(max_examples=25, deadline=None)
@given(inputs_with_targets())
def test_no_smaller_share_on_the_grid_meets_the_targets(inp: ProjectionInput) -> None:
    share = min_share(inp)
    stop = 1001 if share is None else round(share * 1000)
    assert not any(meets_all_targets(inp, k / 1000) for k in range(stop))
