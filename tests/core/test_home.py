"""The overview on the home page: the registry in core and each role's panels."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kwartier.accounts.models import Role
from kwartier.core import home
from kwartier.core.home import AttentionItem, Figure, HomePanel, register_home_panel
from kwartier.knowledge.models import State
from tests.conftest import login
from tests.exploration.factories import add_responses, close, make_round
from tests.factories import MembershipFactory, NetworkFactory, OrganisationFactory, UserFactory
from tests.knowledge.factories import ExperienceFactory
from tests.planning.factories import add_targets, adopt, make_plan

#: The home page's query budget, whatever the organisation holds: session, user,
#: memberships and the menu, plus a few counts per panel.
MAX_QUERIES = 45


def _member(organisation, role):
    user = UserFactory()
    MembershipFactory(user=user, organisation=organisation, role=role)
    return user


def _home(user) -> str:
    client = login(Client(), user)
    response = client.get(reverse("core:home"))
    assert response.status_code == 200
    return response.content.decode()


def test_panels_are_sorted_by_order_and_registration_is_idempotent(rf, tenant_a, monkeypatch):
    monkeypatch.setattr(home, "_providers", [])

    def late(request, membership):
        return [HomePanel(title="Later", order=90)]

    def early(request, membership):
        return [HomePanel(title="Eerst", figures=(Figure("Aantal", 3),), order=10)]

    register_home_panel(late)
    register_home_panel(early)
    register_home_panel(late)
    membership = tenant_a.manager.memberships.get()
    panels = home.home_panels(rf.get("/"), membership)
    assert [panel.title for panel in panels] == ["Eerst", "Later"]
    assert home.home_panels(rf.get("/"), None) == []
    assert HomePanel(title="Leeg").is_empty
    assert not HomePanel(title="Iets", attention=(AttentionItem("Doe dit", "/"),)).is_empty


def test_a_new_organisation_gets_empty_states_for_every_role(db):
    organisation = OrganisationFactory()
    kwartiermaker = _member(organisation, Role.KWARTIERMAKER)
    page = _home(kwartiermaker)
    assert "Nog geen verkenning" in page
    assert "nog geen kwartiermaakplan" in page
    assert "nog geen verhalen" in page
    assert "Nog geen afgesloten verkenning" not in page
    board = _member(organisation, Role.BOARD_MEMBER)
    page = _home(board)
    assert "nog geen afgesloten verkenning" in page
    assert "nog geen kwartiermaakplan" in page
    assert "verhalen" not in page.lower().split("<main")[1].split("uw organisatie")[0]


def test_the_kwartiermaker_sees_stories_to_review_open_rounds_and_plan_warnings(tenant_a):
    organisation, kwartiermaker = tenant_a.organisation, tenant_a.manager
    recorded = ExperienceFactory(
        organisation=organisation,
        author=None,
        recorded_by=kwartiermaker,
        state=State.REVIEW,
        title_original="Opgenomen bij de inloop",
    )
    ExperienceFactory(organisation=organisation, author=kwartiermaker, title_original="Mijn schets")
    round_ = make_round(organisation, title="Verkenning najaar")
    plan = make_plan(organisation, kwartiermaker)
    page = _home(kwartiermaker)
    assert "Nalopen: Opgenomen bij de inloop" in page
    assert reverse("knowledge:review", args=[recorded.pk]) in page
    assert "Concept: Mijn schets" in page
    assert "Verkenning najaar" in page
    assert reverse("exploration:round_detail", args=[round_.pk]) in page
    assert "Waarschuwingen" in page
    assert reverse("planning:detail", args=[plan.pk]) in page


def test_the_experience_worker_sees_own_drafts_only(tenant_a):
    organisation = tenant_a.organisation
    worker = _member(organisation, Role.EXPERIENCE_WORKER)
    colleague = _member(organisation, Role.EXPERIENCE_WORKER)
    ExperienceFactory(organisation=organisation, author=worker, title_original="Eigen concept")
    ExperienceFactory(
        organisation=organisation, author=colleague, title_original="Andermans concept"
    )
    ExperienceFactory(organisation=organisation, author=worker, shared=True)
    page = _home(worker)
    assert "Mijn verhalen" in page
    assert "Concept: Eigen concept" in page
    assert "Andermans concept" not in page
    # Neither rounds nor plans are the experience worker's to act on here.
    assert "Lopende rondes" not in page
    assert "Waarschuwingen" not in page


def test_the_board_member_sees_readiness_and_plan_progress(tenant_a):
    organisation = tenant_a.organisation
    board = _member(organisation, Role.BOARD_MEMBER)
    round_ = make_round(organisation, title="Verkenning voorjaar")
    for group in ("werkvloer", "middenkader", "bestuur", "beleid", "ervaringswerkers"):
        add_responses(round_, group, 5, value=2)
    close(round_)
    plan = make_plan(organisation, tenant_a.manager)
    add_targets(plan, tenant_a.manager, {2026: "2.5", 2027: "4.0", 2028: "5.0"})
    page = _home(board)
    assert "Gereedheid" in page
    assert "Zwak thema:" in page
    assert reverse("exploration:round_results", args=[round_.pk]) in page
    assert "Voortgang van het plan" in page
    assert "wacht op vaststelling" in page
    adopt(plan, board)
    assert "wacht op vaststelling" not in _home(board)


def test_the_financier_sees_the_networks_adopted_plans(tenant_a):
    network = NetworkFactory()
    tenant_a.organisation.networks.add(network)
    funder = OrganisationFactory()
    funder.networks.add(network)
    financier = _member(funder, Role.FINANCIER)
    assert "Nog geen organisatie in uw netwerk" in _home(financier)
    board = _member(tenant_a.organisation, Role.BOARD_MEMBER)
    plan = make_plan(tenant_a.organisation, tenant_a.manager)
    adopt(plan, board)
    page = _home(financier)
    assert "Vastgestelde plannen" in page


@pytest.mark.parametrize(
    "role", [Role.KWARTIERMAKER, Role.EXPERIENCE_WORKER, Role.BOARD_MEMBER, Role.FINANCIER]
)
def test_the_home_page_does_a_bounded_number_of_queries(tenant_a, role):
    """The counts do not grow with the data: ten times as many stories, rounds and plans
    cost no extra query."""
    organisation = tenant_a.organisation
    user = _member(organisation, role)

    def grow(times: int) -> None:
        for _ in range(times):
            ExperienceFactory(organisation=organisation, author=user)
            ExperienceFactory(organisation=organisation, author=user, state=State.REVIEW)
            make_round(organisation, title=f"Ronde {organisation.exploration_rounds.count()}")

    client = login(Client(), user)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("core:home")).status_code == 200
        return len(queries)

    grow(1)
    make_plan(organisation, tenant_a.manager)
    count()  # the session's first request also writes its last-seen moment
    few = count()
    grow(10)
    many = count()
    assert many == few, f"{few} queries with little data, {many} with more"
    print(f"home page queries for {role}: {many}")
    assert many <= MAX_QUERIES
