"""The re-identification risk kernel: worked examples and properties (decision 0105)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kwartier.knowledge.risk import ANY, assess, class_size, ladder


def story(domain="schulden", phase="volwassen", org="Buurthuis", place="Zwolle", year="2024"):
    return {
        "domain": ladder(domain),
        "life_phase": ladder(phase),
        "organisation": ladder(org),
        "region": ladder(place, "IJsselland"),
        "year": ladder(year, "2020-2024"),
    }


def test_ladder_always_ends_in_any_and_fills_unknown_rungs() -> None:
    assert ladder("2024", "2020-2024") == ("2024", "2020-2024", ANY)
    assert ladder("", "IJsselland") == ("IJsselland", "IJsselland", ANY)
    assert ladder("") == (ANY,)
    assert ladder() == (ANY,)


def test_worked_example_unique_year_is_flagged_and_period_helps() -> None:
    """Three stories from the same place and domain; ours is the only one of 2021.
    k = 1; the year is the rare attribute; a period (2020-2024) brings k to 3."""
    audience = [story(year="2023"), story(year="2024")]
    result = assess(story(year="2021"), audience)
    assert result.k == 1
    assert result.flagged
    assert ("year",) in result.rare_combinations
    best = result.suggestions[0]
    assert best.attribute == "year" and best.k == 3
    assert "periode" in best.advice
    assert [step.attribute for step in result.plan] == ["year"]
    assert "Geen enkel ander gedeeld verhaal" in result.explanation


def test_worked_example_common_combination_is_not_flagged() -> None:
    audience = [story(), story(), story(place="Deventer")]
    result = assess(story(), audience)
    assert result.k == 3
    assert not result.flagged
    assert result.rare_combinations == ()
    assert "genoeg" in result.explanation


def test_worked_example_rare_pair_not_rare_alone() -> None:
    """Domain and life phase are each common, but the pair (jeugd + schulden) is not."""
    audience = [
        story(phase="jeugd", domain="wonen"),
        story(phase="jeugd", domain="wonen"),
        story(phase="volwassen", domain="schulden"),
        story(phase="volwassen", domain="schulden"),
    ]
    result = assess(story(phase="jeugd", domain="schulden"), audience)
    assert result.k == 1
    assert ("domain", "life_phase") in result.rare_combinations
    assert ("domain",) not in result.rare_combinations


def test_place_to_region_is_the_suggestion() -> None:
    audience = [story(place="Deventer"), story(place="Kampen"), story(place="Zwolle")]
    result = assess(story(place="Raalte"), audience)
    assert result.k == 1
    region = next(s for s in result.suggestions if s.attribute == "region")
    assert region.k == 4
    assert "regio" in region.advice


def test_empty_audience_says_the_circle_is_small() -> None:
    result = assess(story(), [])
    assert result.k == 1 and result.flagged
    assert "bredere kring" in result.explanation
    assert result.plan == () and result.suggestions == () and result.rare_combinations == ()


# --- properties ------------------------------------------------------------------------

ATTRS = ["domain", "life_phase", "organisation", "region", "year", "team"]
values = st.sampled_from(["a", "b", "c", ""])


@st.composite
def records(draw):
    record = {}
    for name in draw(st.lists(st.sampled_from(ATTRS), unique=True, max_size=len(ATTRS))):
        fine = draw(values)
        coarse = draw(st.sampled_from(["x", "y", ""]))
        record[name] = ladder(fine + coarse if fine and coarse else fine, coarse)
    return record


levels_strategy = st.dictionaries(st.sampled_from(ATTRS), st.integers(0, 3))


@settings(max_examples=200)
@given(records(), st.lists(records(), max_size=12))
def test_k_is_at_least_one_and_at_most_the_audience(candidate, audience) -> None:
    k = class_size(candidate, audience)
    assert 1 <= k <= len(audience) + 1
    assert assess(candidate, audience).k == k


@settings(max_examples=200)
@given(records(), st.lists(records(), max_size=12), levels_strategy, st.sampled_from(ATTRS))
def test_generalising_never_lowers_k(candidate, audience, levels, attribute) -> None:
    before = class_size(candidate, audience, levels=levels)
    higher = {**levels, attribute: levels.get(attribute, 0) + 1}
    assert class_size(candidate, audience, levels=higher) >= before


@settings(max_examples=200)
@given(
    records(), st.lists(records(), max_size=12), st.lists(records(), max_size=5), levels_strategy
)
def test_adding_stories_never_lowers_k(candidate, audience, more, levels) -> None:
    before = class_size(candidate, audience, levels=levels)
    assert class_size(candidate, audience + more, levels=levels) >= before


@settings(max_examples=100)
@given(records(), st.lists(records(), max_size=10))
def test_the_plan_reaches_the_threshold_when_it_finishes(candidate, audience) -> None:
    result = assess(candidate, audience)
    if result.flagged and result.plan:
        ks = [step.k for step in result.plan]
        assert ks == sorted(ks)
        assert ks[-1] >= result.threshold
    for suggestion in result.suggestions:
        assert suggestion.k >= result.k
