"""The plan PDF is remembered by the HTML it is made of (kwartier.core.pdf, decision 0118):
a second request for the same document does not run WeasyPrint again, and nothing else
ever gets that PDF: an edit, another organisation, a financier's view of the adopted
version and a new minute are all different HTML."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kwartier.accounts.models import Role
from kwartier.planning.models import Plan
from tests.conftest import login
from tests.factories import MembershipFactory, UserFactory, network_financier
from tests.planning.factories import make_plan, make_scenario
from tests.planning.test_views import adopt_data, hidden_fields

pytestmark = pytest.mark.django_db

NOON = datetime.datetime(2026, 11, 27, 12, 0, 30, tzinfo=datetime.UTC)


@pytest.fixture
def at(monkeypatch):
    """Set the clock of the plan document ("Afgedrukt op …", to the minute)."""

    def set_clock(moment: datetime.datetime) -> None:
        monkeypatch.setattr(timezone, "now", lambda: moment)

    set_clock(NOON)
    return set_clock


@pytest.fixture
def plan(tenant_a, alice) -> Plan:
    plan = make_plan(tenant_a.organisation, alice, title="Plan Alfa")
    make_scenario(plan, alice)
    return plan


def _pdf(client: Client, plan: Plan) -> bytes:
    response = client.get(reverse("planning:pdf", args=[plan.pk]))
    assert response.status_code == 200, response.status_code
    assert response.content.startswith(b"%PDF")
    return response.content


def test_the_same_document_is_rendered_once(alice_client, plan, rendered, at):
    first = _pdf(alice_client, plan)
    assert _pdf(alice_client, plan) == first
    assert len(rendered) == 1
    at(NOON + datetime.timedelta(minutes=1))  # a new "Afgedrukt op": a new document
    _pdf(alice_client, plan)
    assert len(rendered) == 2


def test_an_edit_gives_a_new_pdf_at_once(alice_client, plan, rendered, at):
    first = _pdf(alice_client, plan)
    edit = reverse("planning:edit", args=[plan.pk])
    form = hidden_fields(alice_client.get(edit).content.decode())
    response = alice_client.post(
        edit,
        {**form, "title": "Plan Alfa herzien", "vision": "Nieuw", "financier_commitment": "geen"},
    )
    assert response.status_code == 302
    second = _pdf(alice_client, plan)
    assert second != first and len(rendered) == 2
    assert "Plan Alfa herzien" in rendered[1] and "Plan Alfa herzien" not in rendered[0]


def test_another_organisation_still_gets_404(plan, alice_client, bob_client, rendered, at):
    _pdf(alice_client, plan)
    assert bob_client.get(reverse("planning:pdf", args=[plan.pk])).status_code == 404
    assert len(rendered) == 1


def test_a_financier_gets_the_adopted_version_never_the_cached_draft(
    tenant_a, alice_client, plan, rendered, at
):
    board = UserFactory(email="bestuur@alfa.example.nl")
    MembershipFactory(user=board, organisation=tenant_a.organisation, role=Role.BOARD_MEMBER)
    board_client = login(Client(), board)
    board_client.post(reverse("planning:adopt", args=[plan.pk]), adopt_data(plan))
    financier = network_financier(tenant_a.organisation)
    financier_client = login(Client(), financier)
    # The own organisation starts a new draft and prints it: that PDF is now cached.
    edit = reverse("planning:edit", args=[plan.pk])
    form = hidden_fields(alice_client.get(edit).content.decode())
    alice_client.post(
        edit,
        {
            **form,
            "title": "Geheim concept",
            "vision": "Geheime visie",
            "financier_commitment": "geen",
        },
    )
    draft = _pdf(alice_client, plan)
    adopted = _pdf(financier_client, plan)
    assert adopted != draft and len(rendered) == 2
    assert "Geheim concept" in rendered[0] and "Geheim concept" not in rendered[1]
    assert "Plan Alfa" in rendered[1]
