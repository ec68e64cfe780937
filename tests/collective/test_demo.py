"""Demo data of wij-kennis: a network codebook, two coders, 3 published insights and one
held back by the rule; loaded once."""

from __future__ import annotations

import io

import pytest

from kwartier.accounts import demo as accounts_demo
from kwartier.accounts.models import User
from kwartier.collective import demo, selectors
from kwartier.collective.models import Codebook, Coding, Insight, InsightStatus
from kwartier.knowledge import demo as knowledge_demo
from tests.knowledge.fixtures import search_index  # noqa: F401


@pytest.mark.usefixtures("search_index")
def test_demo_codebook_two_coders_and_insights(db):
    accounts_demo.load(io.StringIO())
    knowledge_demo.load(io.StringIO())
    out = io.StringIO()
    demo.load(out)
    demo.load(out)
    codebook = Codebook.objects.get()
    assert codebook.network is not None
    assert Coding.objects.values("coder").distinct().count() == 2
    assert set(Insight.objects.values_list("status", flat=True)) == {
        InsightStatus.PUBLISHED,
        InsightStatus.DRAFT,
    }
    assert Insight.objects.filter(status=InsightStatus.PUBLISHED).count() == 3
    held = Insight.objects.get(status=InsightStatus.DRAFT)
    assert selectors.insight_rule(held).tellers == 2
    sam = User.objects.get(email=demo.SAM)
    report = selectors.agreement_report(
        user=sam, organisation=sam.memberships.get().organisation, codebook=codebook
    )
    assert report.stories == 12
    kappas = [row.result.kappa for row in report.rows if row.result.kappa is not None]
    assert any(k < 0.7 for k in kappas) and any(k == pytest.approx(1.0) for k in kappas)
