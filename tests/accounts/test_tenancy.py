"""One tenancy entry point (kwartier.accounts.tenancy) for pages and API."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from kwartier.accounts.models import Role
from kwartier.accounts.tenancy import (
    acting_membership,
    acting_organisation,
    network_ids_of,
    reading_organisation_ids,
)
from tests.factories import MembershipFactory, NetworkFactory, OrganisationFactory


def test_api_acts_for_what_a_page_acts_for_when_nothing_was_chosen(tenant_a, alice_client, alice):
    # Alice also belongs to an organisation whose name sorts first.
    first = OrganisationFactory(name="Aaa Zorg", slug="aaa")
    MembershipFactory(user=alice, organisation=first, role=Role.EMPLOYEE)
    page = alice_client.get(reverse("core:home"))
    assert page.wsgi_request.membership.organisation == first
    assert acting_membership(user=alice).organisation == first
    # Writing API calls act for the first organisation where the role may write.
    writing = (Role.KWARTIERMAKER, Role.EXPERIENCE_WORKER)
    assert acting_organisation(user=alice, roles=writing) == tenant_a.organisation


def test_no_membership_no_organisation(db):
    assert acting_membership(user=AnonymousUser()) is None
    assert reading_organisation_ids(user=AnonymousUser()) == frozenset()


def test_reading_organisations_leave_out_excluded_roles(tenant_a, alice):
    funded = OrganisationFactory(name="Gemeente", slug="gemeente")
    MembershipFactory(user=alice, organisation=funded, role=Role.FINANCIER)
    assert reading_organisation_ids(user=alice) == {tenant_a.organisation.pk, funded.pk}
    assert reading_organisation_ids(user=alice, excluding=[Role.FINANCIER]) == {
        tenant_a.organisation.pk
    }
    network = NetworkFactory()
    tenant_a.organisation.networks.add(network)
    assert network_ids_of([tenant_a.organisation.pk]) == {network.pk}
