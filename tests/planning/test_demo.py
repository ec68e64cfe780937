"""Demo data: an adopted plan with two scenarios for De Brug, a draft for Op Weg."""

from __future__ import annotations

import io

from kwartier.accounts import demo as accounts_demo
from kwartier.planning import demo, selectors
from kwartier.planning.models import Plan


def test_demo_plans_load_once(db):
    accounts_demo.load(io.StringIO())
    demo.load(io.StringIO())
    demo.load(io.StringIO())  # idempotent

    brug = Plan.objects.get(organisation__slug="debrug")
    adopted = selectors.version_adopted(plan=brug)
    assert adopted is not None
    assert [s.name for s in adopted.scenarios.all()] == ["Rustig groeien", "Met job carving"]
    assert brug.progress.count() == 1

    opweg = Plan.objects.get(organisation__slug="opweg")
    assert [v.status for v in opweg.versions.all()] == ["concept"]
    assert Plan.objects.count() == 2
