"""Demo data: De Brug's finished round with a hidden small group, Op Weg's running round."""

from __future__ import annotations

import io

from kwartier.accounts import demo as accounts_demo
from kwartier.exploration import demo, selectors
from kwartier.exploration.models import Round


def test_demo_is_complete_and_idempotent(db):
    accounts_demo.load(io.StringIO())
    demo.load(io.StringIO())
    demo.load(io.StringIO())
    latest = Round.objects.filter(organisation__slug="debrug").latest("deadline")
    results = selectors.round_score(round=latest)
    assert 55 <= results.respondents <= 65
    assert results.suppressed == {"bestuur"} and results.groups["bestuur"] < 5
    assert results.red_flags and results.changes and results.weak_themes
    assert not latest.is_open
    running = Round.objects.get(organisation__slug="opweg")
    assert running.is_accepting and selectors.round_score(round=running).respondents > 0
    assert Round.objects.count() == 3
    assert selectors.weak_themes_latest(organisation=latest.organisation)
    assert selectors.round_open_answers(round=latest)["open_reason"]
