"""The round report PDF is remembered by the HTML it is made of (kwartier.core.pdf,
decision 0118): rendered once per document, never handed to anyone who would see other
figures or may not see the round."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.exploration.factories import add_responses, close, make_round

pytestmark = pytest.mark.django_db


def _closed_round(tenant, name: str, answer: int):
    round_ = make_round(tenant.organisation, created_by=tenant.manager, title=name)
    statements = round_.template.scan.statements
    add_responses(round_, "werkvloer", 6, {s.key: answer for s in statements})
    return close(round_)


def _url(round_) -> str:
    return reverse("exploration:round_report_pdf", kwargs={"round_id": round_.pk})


def test_a_report_is_rendered_once_and_other_figures_anew(alice_client, tenant_a, rendered):
    low, high = _closed_round(tenant_a, "Ronde laag", 1), _closed_round(tenant_a, "Ronde hoog", 5)
    first = alice_client.get(_url(low)).content
    assert first.startswith(b"%PDF") and alice_client.get(_url(low)).content == first
    assert len(rendered) == 1
    other = alice_client.get(_url(high)).content
    assert other != first and len(rendered) == 2
    assert "Verkenning: Ronde hoog" in rendered[1] and "Verkenning: Ronde laag" in rendered[0]


def test_another_organisation_still_gets_404(alice_client, bob_client, tenant_a, rendered):
    round_ = _closed_round(tenant_a, "Ronde", 3)
    assert alice_client.get(_url(round_)).status_code == 200
    assert bob_client.get(_url(round_)).status_code == 404
    assert len(rendered) == 1
