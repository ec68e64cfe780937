"""Reads the planning app relies on, and the comparison with the previous round."""

from __future__ import annotations

from kwartier.exploration import selectors
from tests.exploration.factories import add_responses, close, make_round


def _answers(round_, ordinary: int, reversed_: int) -> dict[str, int]:
    return {s.key: (reversed_ if s.reversed else ordinary) for s in round_.template.scan.statements}


def test_no_exploration_yet(tenant_a):
    assert selectors.has_exploration(organisation=tenant_a.organisation) is False
    assert selectors.weak_themes_latest(organisation=tenant_a.organisation) == []


def test_a_running_round_counts_as_exploration_but_gives_no_weak_themes(tenant_a):
    round_ = make_round(tenant_a.organisation)
    add_responses(round_, "werkvloer", 5, value=1)
    assert selectors.has_exploration(organisation=tenant_a.organisation) is True
    assert selectors.weak_themes_latest(organisation=tenant_a.organisation) == []


def test_weak_themes_of_the_latest_closed_round(tenant_a, tenant_b):
    older = make_round(tenant_a.organisation, title="Oud")
    add_responses(older, "werkvloer", 5, _answers(older, ordinary=1, reversed_=5))
    close(older)
    latest = make_round(tenant_a.organisation, title="Nieuw")
    answers = _answers(latest, ordinary=4, reversed_=2)  # everything 75 ...
    for statement in latest.template.scan.statements:
        if statement.theme == "support":
            answers[statement.key] = 2 if not statement.reversed else 4  # ... support 25
    add_responses(latest, "werkvloer", 5, answers)
    close(latest)
    weak = selectors.weak_themes_latest(organisation=tenant_a.organisation)
    assert weak == [("support", "Ondersteuning", 25.0)]
    assert selectors.weak_themes_latest(organisation=tenant_b.organisation) == []

    results = selectors.round_score(round=latest)
    motive = next(change for change in results.changes if change.theme == "motive")
    assert (motive.previous, motive.current, motive.change) == (0.0, 75.0, 75.0)


def test_a_closed_round_without_answers_is_skipped(tenant_a):
    with_answers = make_round(tenant_a.organisation, title="Met antwoorden")
    add_responses(with_answers, "werkvloer", 5, _answers(with_answers, ordinary=1, reversed_=5))
    close(with_answers)
    close(make_round(tenant_a.organisation, title="Leeg"))
    weak = selectors.weak_themes_latest(organisation=tenant_a.organisation)
    assert len(weak) == 10 and all(score == 0.0 for _key, _name, score in weak)


def test_open_answers_come_sorted_not_in_response_order(tenant_a):
    round_ = make_round(tenant_a.organisation)
    for text in ("zebra", "Appel", "mango"):
        response = add_responses(round_, "werkvloer", 1)[0]
        response.open_answers_clean = {"open_reason": text}
        response.save()
    assert selectors.round_open_answers(round=round_)["open_reason"] == ["Appel", "mango", "zebra"]
