"""A round's scoring is remembered per process under a digest of its inputs (decision
0118): the same answers give the remembered figures, any change to them new figures."""

from __future__ import annotations

import pytest

from kwartier.exploration import selectors
from kwartier.exploration.models import Response
from tests.exploration.factories import add_responses, close, make_round

pytestmark = pytest.mark.django_db


def _scored_rounds(monkeypatch) -> list[int]:
    calls: list[int] = []
    real = selectors.score_round

    def counting(template, responses, **options):
        responses = list(responses)
        calls.append(len(responses))
        return real(template, responses, **options)

    monkeypatch.setattr(selectors, "score_round", counting)
    return calls


def test_a_closed_round_is_scored_once_until_its_answers_change(tenant_a, monkeypatch):
    round_ = make_round(tenant_a.organisation, created_by=tenant_a.manager)
    statements = round_.template.scan.statements
    add_responses(round_, "werkvloer", 6, {s.key: 2 for s in statements})
    close(round_)
    selectors._scored_memory.clear()
    calls = _scored_rounds(monkeypatch)
    first = selectors.round_score(round=round_, with_previous=False)
    assert selectors.round_score(round=round_, with_previous=False) == first
    assert [n for n in calls if n == 6] == [6]

    # A late list (older data) and an erased one: other inputs, other figures.
    add_responses(round_, "werkvloer", 1, {s.key: 5 for s in statements})
    later = selectors.round_score(round=round_, with_previous=False)
    assert later.respondents == 7 and later.themes != first.themes
    Response.objects.filter(round=round_, submitted=True).order_by("pk").first().delete()
    assert selectors.round_score(round=round_, with_previous=False).respondents == 6


def test_a_caller_changing_the_figures_does_not_change_the_memory(tenant_a):
    round_ = make_round(tenant_a.organisation, created_by=tenant_a.manager)
    add_responses(round_, "werkvloer", 6)
    close(round_)
    first = selectors.round_score(round=round_, with_previous=False)
    first.groups.clear()
    first.publications.clear()
    again = selectors.round_score(round=round_, with_previous=False)
    assert again.groups and again.publications
