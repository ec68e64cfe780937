"""Reading plans: the own organisation's plans, and the financier's view of its networks."""

from __future__ import annotations

import pytest

from kwartier.accounts.models import Role
from kwartier.planning import selectors, services
from kwartier.planning.models import Plan
from kwartier.planning.selectors import exploration_status
from tests.factories import MembershipFactory, NetworkFactory, OrganisationFactory, UserFactory
from tests.planning.factories import adopt, make_plan


@pytest.fixture
def region(tenant_a, alice):
    """Gemeente Hofstad finances Alfa in network Regio Oost; Gamma is outside it."""
    network = NetworkFactory(name="Regio Oost", slug="regio-oost")
    municipality = OrganisationFactory(name="Gemeente Hofstad", slug="hofstad")
    municipality.networks.add(network)
    tenant_a.organisation.networks.add(network)
    financier = UserFactory(email="financier@hofstad.example.nl")
    MembershipFactory(user=financier, organisation=municipality, role=Role.FINANCIER)
    policy_officer = UserFactory(email="beleid@hofstad.example.nl")
    MembershipFactory(user=policy_officer, organisation=municipality, role=Role.EMPLOYEE)
    board = UserFactory(email="bestuur@alfa.example.nl")
    MembershipFactory(user=board, organisation=tenant_a.organisation, role=Role.BOARD_MEMBER)
    return {
        "municipality": municipality,
        "financier": financier,
        "policy_officer": policy_officer,
        "board": board,
    }


def _read(user, organisation, plan):
    return selectors.plan_get_for_reading(user=user, organisation=organisation, plan_id=plan.pk)


def test_financier_reads_the_adopted_plan_of_a_network_organisation(tenant_a, alice, region):
    plan = make_plan(tenant_a.organisation, alice, vision="vastgesteld")
    adopted = adopt(plan, region["board"])
    services.plan_update(plan=plan, user=alice, title=plan.title, vision="nieuw concept")

    reading = _read(region["financier"], region["municipality"], plan)

    # The adopted version, never the newer draft.
    assert reading.version == adopted and reading.version.vision == "vastgesteld"
    assert reading.own is False
    listed = selectors.network_plan_list(
        user=region["financier"], organisation=region["municipality"]
    )
    assert list(listed) == [plan]


def test_financier_gets_nothing_of_drafts(tenant_a, alice, region):
    plan = make_plan(tenant_a.organisation, alice)
    with pytest.raises(Plan.DoesNotExist):
        _read(region["financier"], region["municipality"], plan)
    assert not selectors.network_plan_list(
        user=region["financier"], organisation=region["municipality"]
    ).exists()


def test_financier_gets_nothing_outside_its_networks(tenant_b, bob, region):
    plan = make_plan(tenant_b.organisation, bob)
    board_b = UserFactory(email="bestuur@beta.example.nl")
    MembershipFactory(user=board_b, organisation=tenant_b.organisation, role=Role.BOARD_MEMBER)
    adopt(plan, board_b)
    with pytest.raises(Plan.DoesNotExist):
        _read(region["financier"], region["municipality"], plan)


def test_other_roles_of_the_municipality_do_not_read_network_plans(tenant_a, alice, region):
    plan = make_plan(tenant_a.organisation, alice)
    adopt(plan, region["board"])
    with pytest.raises(Plan.DoesNotExist):
        _read(region["policy_officer"], region["municipality"], plan)


def test_a_kwartiermaker_in_the_same_network_does_not_read_other_plans(
    tenant_a, alice, tenant_b, bob, region
):
    """Sharing a network is not enough: only the financier role reads across."""
    tenant_b.organisation.networks.add(*tenant_a.organisation.networks.all())
    plan = make_plan(tenant_a.organisation, alice)
    adopt(plan, region["board"])
    with pytest.raises(Plan.DoesNotExist):
        _read(bob, tenant_b.organisation, plan)


def test_financier_acting_for_another_organisation_reads_nothing_across(tenant_a, alice, region):
    """The financier role counts in the organisation the user acts for, not elsewhere."""
    plan = make_plan(tenant_a.organisation, alice)
    adopt(plan, region["board"])
    other = OrganisationFactory(name="Elders", slug="elders")
    MembershipFactory(user=region["financier"], organisation=other, role=Role.EMPLOYEE)
    with pytest.raises(Plan.DoesNotExist):
        _read(region["financier"], other, plan)


def test_own_plan_shows_the_current_version(tenant_a, alice, region):
    plan = make_plan(tenant_a.organisation, alice)
    adopt(plan, region["board"])
    draft = services.plan_update(plan=plan, user=alice, title=plan.title, vision="concept")
    reading = _read(alice, tenant_a.organisation, plan)
    assert reading.own and reading.version == draft


def test_exploration_status_without_rounds(tenant_a):
    status = exploration_status(organisation=tenant_a.organisation)
    assert status.done is False and status.weak_themes == ()
