"""Demo data: De Brug's finished round with a hidden small group, Op Weg's running round."""

from __future__ import annotations

import io
from typing import Any

from kwartier.accounts import demo as accounts_demo
from kwartier.exploration import demo, reports, selectors
from kwartier.exploration.disclosure import MIN_GROUP_SIZE
from kwartier.exploration.models import Round, RoundStatus
from kwartier.exploration.scoring import results_to_dict


def test_demo_is_complete_and_idempotent(db):
    accounts_demo.load(io.StringIO())
    demo.load(io.StringIO())
    demo.load(io.StringIO())
    latest = Round.objects.filter(organisation__slug="debrug").latest("deadline")
    results = selectors.round_score(round=latest)
    assert 55 <= results.respondents <= 65
    assert "bestuur" in results.suppressed and results.groups["bestuur"] < 5
    assert results.red_flags and results.changes and results.weak_themes
    assert not latest.is_open
    running = Round.objects.get(organisation__slug="opweg")
    assert running.is_accepting
    assert Round.objects.count() == 3
    assert selectors.weak_themes_latest(organisation=latest.organisation)
    assert selectors.round_open_answers(round=latest)["open_reason"]


def subtraction_remainders(data: dict[str, Any]) -> list[tuple[str, int, int]]:
    """Per statement with a hidden group: (key, answerers, opinions) of total − shown
    groups, computed from the published figures only, as an outsider would."""
    remainders = []
    for item in data["items"]:
        if item["counts"] is None or all(c is not None for c in item["groups"].values()):
            continue
        rest = dict(item["counts"])
        for counts in item["groups"].values():
            if counts is not None:
                for key, n in counts.items():
                    rest[key] -= n
        opinions = sum(rest[key] for key in ("1", "2", "3", "4", "5"))
        remainders.append((item["key"], opinions + rest["dont_know"], opinions))
    return remainders


def test_demo_totals_minus_shown_groups_never_describe_fewer_than_five(db):
    """Issue 16, done when: for every closed demo round, the API's figures (= page, PDF,
    CSV, XLSX) minus every shown group leave nobody or at least five people."""
    accounts_demo.load(io.StringIO())
    demo.load(io.StringIO())
    closed = Round.objects.filter(status=RoundStatus.CLOSED)
    assert closed.count() == 2
    checked = 0
    for round_ in closed:
        results = selectors.round_score(round=round_, with_previous=False)
        remainders = subtraction_remainders(results_to_dict(results))
        assert remainders, "the demo has a small group, so some remainder must exist"
        for _key, answerers, opinions in remainders:
            assert answerers == 0 or answerers >= MIN_GROUP_SIZE
            assert opinions == 0 or opinions >= MIN_GROUP_SIZE
        checked += len(remainders)
        # The exports carry exactly these figures: every exported statement row is a
        # published figure, and no hidden one has a row.
        rows = reports.export_rows(round=round_)
        exported = {(r[1], r[3]) for r in rows if r[0] == "stelling"}
        published = {
            (item.key, group)
            for item in results.items
            for group, counts in item.groups.items()
            if counts is not None
        } | {(item.key, "totaal") for item in results.items if item.counts is not None}
        assert exported == published
    assert checked > 0
