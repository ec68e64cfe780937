"""Properties of the matching kernel (kwartier.workforce.matching), with hypothesis."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from kwartier.workforce.matching import (
    CONSENT_NETWORK,
    CONSENT_NONE,
    CONSENT_ORGANISATION,
    SCOPE_ORGANISATION,
    Candidate,
    CurrentPosition,
    Opening,
    compare,
    matches_for_opening,
    openings_for_candidate,
)

DOMAINS = ["verslaving", "schulden", "psychiatrie", "dakloosheid", "huiselijk geweld"]
ROLES = ["hoopverschaffer", "bruggenbouwer", "gids"]
TRAININGS = ["ed_mbo3", "ed_mbo4", "hbo_ed", "other"]
REGIONS = ["", "Utrecht", "utrecht ", "Rotterdam", "Den Haag"]
CONSENTS = [CONSENT_NONE, CONSENT_ORGANISATION, CONSENT_NETWORK]
SCOPES = ["organisation", "network", "public"]

hours = st.decimals(min_value=0, max_value=40, places=1, allow_nan=False, allow_infinity=False)
ids = st.integers(min_value=1, max_value=4)
networks = st.frozensets(st.integers(min_value=1, max_value=3), max_size=2)


@st.composite
def candidates(draw, profile_id=None):
    return Candidate(
        profile_id=profile_id if profile_id is not None else draw(st.integers(1, 10_000)),
        organisation_id=draw(ids),
        network_ids=draw(networks),
        consent=draw(st.sampled_from(CONSENTS)),
        available_hours=draw(hours),
        domains=draw(st.frozensets(st.sampled_from(DOMAINS))),
        roles=draw(st.frozensets(st.sampled_from(ROLES))),
        practice_hours=draw(
            st.dictionaries(
                st.sampled_from(ROLES),
                st.decimals(min_value=0, max_value=2000, places=0, allow_nan=False),
            )
        ),
        trainings=draw(st.frozensets(st.sampled_from(TRAININGS))),
        region=draw(st.sampled_from(REGIONS)),
        current_positions=tuple(
            draw(
                st.lists(
                    st.builds(
                        CurrentPosition,
                        organisation_id=ids,
                        team_id=st.none() | st.integers(1, 3),
                        roles=st.frozensets(st.sampled_from(ROLES), min_size=1),
                    ),
                    max_size=2,
                )
            )
        ),
    )


@st.composite
def openings(draw, vacancy_id=None):
    return Opening(
        vacancy_id=vacancy_id if vacancy_id is not None else draw(st.integers(1, 10_000)),
        organisation_id=draw(ids),
        network_ids=draw(networks),
        scope=draw(st.sampled_from(SCOPES)),
        role=draw(st.sampled_from(ROLES)),
        hours_per_week=draw(hours),
        domains=draw(st.frozensets(st.sampled_from(DOMAINS))),
        region=draw(st.sampled_from(REGIONS)),
        team_id=draw(st.none() | st.integers(1, 3)),
    )


def _candidate_list(draw_list):
    # distinct profile ids
    return list({c.profile_id: c for c in draw_list}.values())


@given(openings(), st.lists(candidates(), max_size=12))
def test_scores_are_between_zero_and_one_and_reasons_are_given(opening, pool):
    for match in matches_for_opening(opening, _candidate_list(pool)):
        assert 0.0 <= match.score <= 1.0
        assert match.reasons and all(isinstance(r, str) and r for r in match.reasons)


@given(openings(), st.lists(candidates(), max_size=12))
def test_hard_filters_are_never_violated(opening, pool):
    by_id = {c.profile_id: c for c in pool}
    for match in matches_for_opening(opening, list(by_id.values())):
        candidate = by_id[match.profile_id]
        assert candidate.consent != CONSENT_NONE
        assert candidate.available_hours >= opening.hours_per_week
        if candidate.organisation_id != opening.organisation_id:
            assert candidate.consent == CONSENT_NETWORK
            assert opening.scope != SCOPE_ORGANISATION
            assert candidate.network_ids & opening.network_ids
        for position in candidate.current_positions:
            assert not (
                position.organisation_id == opening.organisation_id
                and opening.role in position.roles
                and (opening.team_id is None or position.team_id == opening.team_id)
            )


@given(openings(), candidates(), st.sampled_from(DOMAINS))
def test_adding_a_matching_domain_never_lowers_the_score(opening, candidate, domain):
    opening = replace(opening, domains=opening.domains | {domain})
    before = compare(candidate, opening)
    after = compare(replace(candidate, domains=candidate.domains | {domain}), opening)
    assert after.allowed == before.allowed
    assert after.score >= before.score


@given(openings(), candidates(), st.sampled_from(TRAININGS), st.sampled_from(ROLES))
def test_more_training_or_practice_never_lowers_the_score(opening, candidate, training, role):
    before = compare(candidate, opening)
    trained = compare(replace(candidate, trainings=candidate.trainings | {training}), opening)
    hours = dict(candidate.practice_hours)
    hours[role] = hours.get(role, Decimal(0)) + 100
    practised = compare(replace(candidate, practice_hours=hours), opening)
    assert trained.score >= before.score
    assert practised.score >= before.score


@given(openings(), st.lists(candidates(), max_size=12), st.randoms())
def test_order_is_deterministic_best_first_ties_by_id(opening, pool, random):
    pool = _candidate_list(pool)
    first = matches_for_opening(opening, pool)
    shuffled = list(pool)
    random.shuffle(shuffled)
    assert matches_for_opening(opening, shuffled) == first
    keys = [(-m.score, m.profile_id) for m in first]
    assert keys == sorted(keys)


@settings(max_examples=50)
@given(candidates(), st.lists(openings(), max_size=10))
def test_both_directions_agree(candidate, pool):
    pool = list({o.vacancy_id: o for o in pool}.values())
    fits = openings_for_candidate(candidate, pool)
    keys = [(-f.score, f.vacancy_id) for f in fits]
    assert keys == sorted(keys)
    for opening in pool:
        matched = [m for m in matches_for_opening(opening, [candidate])]
        fit = [f for f in fits if f.vacancy_id == opening.vacancy_id]
        assert len(matched) == len(fit)
        if matched:
            assert matched[0].score == fit[0].score
            assert matched[0].reasons == fit[0].reasons


def _worker(**changes):
    base = Candidate(
        profile_id=1,
        organisation_id=1,
        network_ids=frozenset({7}),
        consent=CONSENT_NETWORK,
        available_hours=Decimal(16),
    )
    return replace(base, **changes)


def _opening(**changes):
    base = Opening(
        vacancy_id=1,
        organisation_id=1,
        network_ids=frozenset({7}),
        scope="public",
        role="bruggenbouwer",
        hours_per_week=Decimal(12),
        domains=frozenset({"schulden", "verslaving"}),
        region="Utrecht",
    )
    return replace(base, **changes)


def test_worked_example_with_reasons_in_dutch():
    candidate = _worker(
        domains=frozenset({"schulden"}),
        roles=frozenset({"bruggenbouwer"}),
        practice_hours={"bruggenbouwer": Decimal(200)},
        trainings=frozenset({"ed_mbo4"}),
        region="Utrecht",
    )
    result = compare(candidate, _opening())
    # domains 1/2 * 0.4 + role (0.6 + 0.4 * 0.5) * 0.3 + training 0.9 * 0.15 + region 0.15
    assert result.score == round(0.2 + 0.24 + 0.135 + 0.15, 4)
    assert result.reasons[0] == "Ervaring in 1 van de 2 gevraagde domeinen: schulden."
    assert result.reasons[1] == (
        "Werkt of werkte als bruggenbouwer, met 200 praktijkuren in die rol."
    )
    assert "Afgeronde mbo-4 ervaringsdeskundige." in result.reasons
    assert "Woont of werkt in de regio Utrecht." in result.reasons


def test_consent_and_scope():
    other_org = _opening(organisation_id=2)
    assert compare(_worker(), other_org).allowed
    assert not compare(_worker(consent=CONSENT_ORGANISATION), other_org).allowed
    assert not compare(_worker(consent=CONSENT_NONE), _opening()).allowed
    assert not compare(_worker(), replace(other_org, scope="organisation")).allowed
    assert not compare(_worker(), replace(other_org, network_ids=frozenset({8}))).allowed
    assert compare(_worker(consent=CONSENT_ORGANISATION), _opening(scope="organisation")).allowed


def test_hours_and_current_position():
    assert not compare(_worker(available_hours=Decimal(8)), _opening()).allowed
    holder = _worker(current_positions=(CurrentPosition(1, None, frozenset({"bruggenbouwer"})),))
    assert not compare(holder, _opening()).allowed
    assert compare(holder, _opening(role="gids")).allowed
    assert compare(holder, _opening(organisation_id=2)).allowed
