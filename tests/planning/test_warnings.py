"""Plan warnings: one example per rule, its fix, and properties over random plans."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from kwartier.planning.projection import LevelInput, ProjectionInput, meets_all_targets
from kwartier.planning.warnings import (
    RULES,
    DeploymentFact,
    PlanFacts,
    SupportFact,
    WeakTheme,
    highest_reachable,
    plan_warnings,
)


def healthy() -> PlanFacts:
    """A plan that triggers no warning at all."""
    return PlanFacts(
        deployments=[
            DeploymentFact(team="Wijkteam Noord", layer="werkvloer", headcount=2),
            DeploymentFact(team="Teamleiders", layer="middenkader", headcount=2),
        ],
        supports=[SupportFact(kind="intervisie", budget_per_year=9000)],
        career_layers=["middenkader"],
        financier_commitment="toegezegd",
        targets_fte={2027: 3.0},
        projection=formation(),
        exploration_done=True,
        weak_themes=[WeakTheme("steun", "Ondersteuning", 41.0)],
        action_theme_keys=frozenset({"steun"}),
    )


def formation(**overrides: object) -> ProjectionInput:
    values: dict[str, object] = {
        "start_year": 2026,
        "years": 5,
        "levels": {
            "hbo": LevelInput(fte=30, attrition=0.1, cost_per_fte=75000),
            "mbo": LevelInput(fte=12, attrition=0.12, cost_per_fte=60000),
            "ervaringswerker": LevelInput(fte=1, attrition=0.1, cost_per_fte=58000),
        },
        "growth": 0.02,
        "job_carving": 0.5,
        "share": 0.2,
    }
    values.update(overrides)
    return ProjectionInput(**values)  # type: ignore[arg-type]


def codes(facts: PlanFacts) -> list[str]:
    return [warning.code for warning in plan_warnings(facts)]


def test_a_healthy_plan_has_no_warnings() -> None:
    assert codes(healthy()) == []


def test_single_experience_worker_in_a_team_is_spread_thin() -> None:
    facts = replace(
        healthy(),
        deployments=[
            DeploymentFact("Inloop", "werkvloer", 1),
            DeploymentFact("Wijkteam Noord", "werkvloer", 1),
            DeploymentFact("Wijkteam Noord", "werkvloer", 1),  # two rows, two people
            DeploymentFact("Teamleiders", "middenkader", 1),
        ],
    )
    [warning] = plan_warnings(facts)
    assert warning.code == "spread_thin"
    rendered = warning.render()
    assert "In Inloop en Teamleiders werkt één ervaringswerker" in rendered.explanation
    assert "minstens twee" in rendered.action
    assert warning.section == "inzet"


def test_training_budget_alone_is_not_coaching_or_intervisie() -> None:
    facts = replace(
        healthy(), supports=[SupportFact("training", 20000), SupportFact("coaching", 0)]
    )
    assert codes(facts) == ["no_support_budget"]
    fixed = replace(facts, supports=[*facts.supports, SupportFact("coaching", 1)])
    assert codes(fixed) == []


def test_targets_above_what_the_openings_allow() -> None:
    facts = replace(healthy(), targets_fte={2027: 3.0, 2030: 40.0})
    [warning] = plan_warnings(facts)
    assert warning.code == "targets_out_of_reach"
    # 40 FTE in 2030 out of a formation of 43 growing 2 % a year cannot be reached
    # without dismissals; the text names the year, the target and the most possible.
    assert "2030: 40,0 fte gevraagd, hoogstens" in warning.render().explanation
    assert "2027" not in warning.render().explanation


def test_out_of_reach_uses_the_whole_share_grid_as_min_share_does() -> None:
    inp = replace(formation(), targets={2030: 12.0})
    best = highest_reachable(inp)[2030]
    reachable_at_all = any(meets_all_targets(inp, k / 1000) for k in range(1001))
    assert reachable_at_all == (best >= 12.0 - 1e-9)


def test_targets_outside_the_scenario_years_are_not_judged() -> None:
    facts = replace(healthy(), targets_fte={2040: 500.0})
    assert codes(facts) == []


def test_no_scenario_means_no_reachability_warning() -> None:
    facts = replace(healthy(), projection=None, targets_fte={2030: 500.0})
    assert codes(facts) == []


def test_only_frontline_means_no_career_path() -> None:
    facts = replace(
        healthy(),
        deployments=[DeploymentFact("Inloop", "werkvloer", 2)],
        career_layers=[],
    )
    assert codes(facts) == ["frontline_only"]
    assert codes(replace(facts, career_layers=["middenkader"])) == []


def test_financier_commitment_in_talks_is_not_enough() -> None:
    facts = replace(healthy(), financier_commitment="in_gesprek")
    [warning] = plan_warnings(facts)
    assert warning.code == "no_financier_commitment"
    assert warning.section == "bewerken"


def test_no_exploration_done() -> None:
    facts = replace(healthy(), exploration_done=False, weak_themes=[])
    [warning] = plan_warnings(facts)
    assert warning.code == "no_exploration"
    assert "verkenning" in warning.render().action


def test_weak_theme_without_an_action() -> None:
    facts = replace(
        healthy(),
        weak_themes=[
            WeakTheme("steun", "Ondersteuning", 41.0),
            WeakTheme("geld", "Financiering", 30.0),
        ],
    )
    [warning] = plan_warnings(facts)
    assert warning.code == "weak_themes_without_action"
    assert "Financiering" in warning.render().explanation
    assert "Ondersteuning" not in warning.render().explanation


def test_render_translates_before_filling_in() -> None:
    facts = replace(healthy(), financier_commitment="geen")
    [warning] = plan_warnings(facts)
    rendered = warning.render(lambda text: text.upper())
    assert rendered.title == "GEEN TOEZEGGING VAN EEN FINANCIER"


# --- properties ----------------------------------------------------------------------------

_layers = st.sampled_from(["werkvloer", "middenkader", "bestuur", "beleid"])
_deployments = st.lists(
    st.builds(
        DeploymentFact,
        team=st.sampled_from(["A", "B", "C"]),
        layer=_layers,
        headcount=st.integers(min_value=1, max_value=4),
    ),
    max_size=6,
)
_supports = st.lists(
    st.builds(
        SupportFact,
        kind=st.sampled_from(["coaching", "intervisie", "training", "anders"]),
        budget_per_year=st.sampled_from([0.0, 1.0, 5000.0]),
    ),
    max_size=4,
)
_themes = st.lists(
    st.builds(
        WeakTheme, key=st.sampled_from(["a", "b", "c"]), name=st.just("Thema"), score=st.just(40.0)
    ),
    max_size=3,
)
_facts = st.builds(
    PlanFacts,
    deployments=_deployments,
    supports=_supports,
    career_layers=st.lists(_layers, max_size=2),
    financier_commitment=st.sampled_from(["geen", "in_gesprek", "toegezegd"]),
    targets_fte=st.dictionaries(st.integers(2026, 2032), st.floats(0, 60), max_size=3),
    projection=st.none() | st.just(formation()),
    exploration_done=st.booleans(),
    weak_themes=_themes,
    action_theme_keys=st.frozensets(st.sampled_from(["a", "b", "c"])),
)


@settings(max_examples=150, deadline=None)
@given(_facts)
def test_every_warning_is_explained_and_points_to_a_part(facts: PlanFacts) -> None:
    warnings = plan_warnings(facts)
    assert len({w.code for w in warnings}) == len(warnings) <= len(RULES)
    for warning in warnings:
        rendered = warning.render()
        assert rendered.title and rendered.explanation.endswith(".") and rendered.action
        assert "%(" not in rendered.explanation + rendered.action
        assert warning.section in {
            "inzet",
            "ondersteuning",
            "doelen",
            "loopbaan",
            "bewerken",
            "acties",
        }


@settings(max_examples=150, deadline=None)
@given(_facts)
def test_fixing_the_cause_removes_exactly_that_warning(facts: PlanFacts) -> None:
    before = codes(facts)
    funded = replace(facts, supports=[*facts.supports, SupportFact("intervisie", 1000.0)])
    assert codes(funded) == [c for c in before if c != "no_support_budget"]
    committed = replace(facts, financier_commitment="toegezegd")
    assert codes(committed) == [c for c in before if c != "no_financier_commitment"]


@settings(max_examples=100, deadline=None)
@given(_facts)
def test_spread_thin_exactly_when_a_team_has_one(facts: PlanFacts) -> None:
    per_team: dict[str, int] = {}
    for d in facts.deployments:
        per_team[d.team] = per_team.get(d.team, 0) + d.headcount
    assert ("spread_thin" in codes(facts)) == (1 in per_team.values())


def test_highest_reachable_is_remembered_and_equal_to_the_scan() -> None:
    from kwartier.planning import warnings

    inp = replace(formation(), targets={2030: 12.0})
    warnings._reachable.clear()
    first = highest_reachable(inp)
    assert first == warnings.scan_highest_reachable(inp) and len(warnings._reachable) == 1
    first[2030] = -1.0  # a caller's change does not reach the memory
    assert highest_reachable(inp) == warnings.scan_highest_reachable(inp)
    other = replace(inp, job_carving=inp.job_carving + 0.1)
    assert highest_reachable(other) == warnings.scan_highest_reachable(other)
    assert len(warnings._reachable) == 2
