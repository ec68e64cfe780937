"""Queries per page of the load journeys (bench/load.py, decision 0118): pinned so an
N+1 cannot come back unnoticed. Measured on the demo data before the fix: search page
38, story page 26, exploration results 36, plan page 56, plan PDF 39 queries; after:
26, 14, 23, 42, 27 (most were the same membership check, once per menu item and button).
Then the memberships, roles and MFA requirement became one query per request, the search's
reach one more, the navigation stopped asking Django's model permissions and the session is
written at most once a minute: plan page 39 → 30, exploration results 22 → 13, search page
26 → 14 in this test's data.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kwartier.accounts.models import Membership, Role
from kwartier.accounts.rules import member_role
from tests.exploration.makers import _round_with_results
from tests.planning.makers import _plan_with_count

pytestmark = pytest.mark.django_db

PERMISSIONS = (
    "accounts.manage_teams",
    "planning.view_plans",
    "exploration.manage_rounds",
    "knowledge.manage_bank",
)


def test_every_permission_check_of_a_request_shares_one_membership_query(tenant_a):
    user = tenant_a.manager
    with CaptureQueriesContext(connection) as queries:
        for _ in range(5):
            for permission in PERMISSIONS:
                user.has_perm(permission, tenant_a.organisation)
    membership_queries = [q for q in queries if "accounts_membership" in q["sql"]]
    assert len(membership_queries) == 1


def test_a_changed_membership_is_seen_at_once_by_the_same_user_object(tenant_a):
    user, organisation = tenant_a.member, tenant_a.organisation
    assert member_role(user, organisation) == Role.EMPLOYEE
    Membership.objects.get(user=user, organisation=organisation).delete()
    assert member_role(user, organisation) is None
    Membership.objects.create(user=user, organisation=organisation, role=Role.KWARTIERMAKER)
    assert member_role(user, organisation) == Role.KWARTIERMAKER


def _count(client, url):
    client.get(url)  # caches warm, as in a running server
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def test_queries_per_page_of_the_load_journeys_stay_pinned(tenant_a, alice_client):
    plan = _plan_with_count(tenant_a)
    round_ = _round_with_results(tenant_a)
    pages = {
        reverse("planning:detail", args=[plan.pk]): 30,
        reverse("exploration:round_results", args=[round_.pk]): 13,
        reverse("knowledge:search") + "?q=schulden": 14,
    }
    # The same on SQLite and PostgreSQL.
    counts = {url: _count(alice_client, url) for url in pages}
    assert all(counts[url] <= limit for url, limit in pages.items()), counts


def test_a_search_reads_the_users_reach_once_and_sees_a_change_at_once(tenant_a):
    from kwartier.accounts.tenancy import reading_organisation_ids
    from kwartier.knowledge.selectors import search_scope
    from tests.factories import NetworkFactory

    user, organisation = tenant_a.member, tenant_a.organisation
    with CaptureQueriesContext(connection) as queries:
        first = search_scope(user=user)
        assert search_scope(user=user) == first
    assert len(queries) == 2  # roles, networks
    assert first.organisation_ids == {organisation.pk} and not first.network_ids
    network = NetworkFactory()
    organisation.networks.add(network)
    assert search_scope(user=user).network_ids == {network.pk}
    organisation.networks.remove(network)
    assert not search_scope(user=user).network_ids
    user.is_active = False
    user.save()
    assert not reading_organisation_ids(user=user)
    assert not search_scope(user=user).organisation_ids


def test_the_requests_memberships_answer_every_role_check(tenant_a, alice_client):
    """The page reads the user's memberships once; roles and the MFA requirement come
    from them, so a page asks `accounts_membership` once."""
    url = reverse("accounts:teams")
    alice_client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert alice_client.get(url).status_code == 200
    membership_queries = [q for q in queries if 'FROM "accounts_membership"' in q["sql"]]
    assert len(membership_queries) == 1, [q["sql"][:120] for q in membership_queries]
