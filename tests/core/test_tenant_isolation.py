"""Every URL and API endpoint that takes an object id answers 404 to a user of another
organisation, and sends an anonymous visitor to log in (401 in the API).

The test walks the URL configuration itself: a new pattern with an id that is not
registered in OBJECT_MAKERS makes `test_every_object_url_is_covered` fail, so no
page can be added without this check.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from importlib import import_module
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from kwartier.accounts.models import Invitation, Role, Team
from kwartier.accounts.tasks import member_export
from kwartier.core.services import job_create
from tests.conftest import Tenant
from tests.factories import MembershipFactory, TeamFactory, api_auth

# Keyword arguments that are not object ids of a tenant (public tokens have their own test).
NOT_TENANT_IDS = {"token", "uidb36", "key", "format", "provider_id", "type", "public_id"}
# Public pages per organisation (privacy notice, accessibility statement): the law wants
# them readable by anyone, so the slug is no secret (tests/trust/test_pages.py).
NOT_TENANT_IDS |= {"organisation_slug"}


def _invitation(tenant: Tenant) -> Invitation:
    from django.utils import timezone

    _token, token_hash = Invitation.new_token()
    return Invitation.objects.create(
        organisation=tenant.organisation,
        email="nieuw@alfa.example.nl",
        role=Role.EMPLOYEE,
        token_hash=token_hash,
        invited_by=tenant.manager,
        expires_at=timezone.now() + Invitation.VALID_FOR,
    )


def _finished_export(tenant: Tenant) -> Any:
    job = job_create(
        kind="member_export",
        label="Export",
        organisation=tenant.organisation,
        created_by=tenant.manager,
    )
    member_export.call(str(job.pk))
    return job


OBJECT_MAKERS: dict[str, Callable[[Tenant], Any]] = {
    "team_id": lambda t: TeamFactory(organisation=t.organisation).pk,
    "membership_id": lambda t: t.member.memberships.get().pk,
    "invitation_id": lambda t: _invitation(t).pk,
    "job_id": lambda t: _finished_export(t).pk,
}

API_OBJECT_MAKERS: dict[str, Callable[[Tenant], Any]] = {
    "organisation": lambda t: t.organisation.pk,
    "team": lambda t: TeamFactory(organisation=t.organisation).pk,
    "membership": lambda t: t.member.memberships.get().pk,
}

# Each capability registers makers for its own URL parameters and API routes in
# tests/<app>/makers.py: OBJECT_MAKERS (URL kwarg -> maker) and API_OBJECT_MAKERS
# (router basename -> maker). A maker builds an object of the given tenant, returns its id.
_CAPABILITIES = [
    app.split(".")[1] for app in settings.INSTALLED_APPS if app.startswith("kwartier.")
]
for _app in _CAPABILITIES:
    try:
        _makers = import_module(f"tests.{_app}.makers")
    except ModuleNotFoundError:
        continue
    OBJECT_MAKERS.update(getattr(_makers, "OBJECT_MAKERS", {}))
    API_OBJECT_MAKERS.update(getattr(_makers, "API_OBJECT_MAKERS", {}))


def _walk(patterns: list[Any], prefix: str = "", namespace: str = "") -> Iterator[tuple[str, Any]]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace or namespace
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), ns)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            yield prefix + str(pattern.pattern), (name, pattern)


def _object_patterns() -> list[tuple[str, str, list[str]]]:
    found = []
    for route, (name, pattern) in _walk(get_resolver().url_patterns):
        params = (
            [p for p in pattern.pattern.converters]
            if hasattr(pattern.pattern, "converters")
            else []
        )
        if route.startswith(("api/", "accounts/", "beheer/", "^")) or not name:
            continue
        ids = [p for p in params if p not in NOT_TENANT_IDS]
        if ids:
            found.append((route, name, ids))
    return found


def test_every_object_url_is_covered():
    missing = {p for _r, _n, ids in _object_patterns() for p in ids if p not in OBJECT_MAKERS}
    assert not missing, f"register a maker for these URL parameters: {missing}"
    assert _object_patterns(), "the walk found no object URLs at all"


@pytest.mark.parametrize("route,name,ids", _object_patterns(), ids=lambda v: str(v))
def test_other_organisation_gets_404(route, name, ids, tenant_a, tenant_b, bob_client):
    kwargs = {param: OBJECT_MAKERS[param](tenant_a) for param in ids}
    url = reverse(name, kwargs=kwargs)
    assert bob_client.get(url).status_code == 404
    assert bob_client.post(url).status_code in {404, 405}
    anonymous = Client().get(url)
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]


def test_own_organisation_reaches_the_same_urls(tenant_a, alice_client):
    """The 404s above are not because the URLs are broken: the owner's organisation
    reaches every one of them (a POST-only URL answers 405)."""
    for _route, name, ids in _object_patterns():
        kwargs = {param: OBJECT_MAKERS[param](tenant_a) for param in ids}
        status = alice_client.get(reverse(name, kwargs=kwargs)).status_code
        assert status in {200, 302, 405}, (name, status)


def _api_routes() -> list[str]:
    from kwartier.api.urls import router

    return [basename for _prefix, _viewset, basename in router.registry]


def _api_detail_urls() -> list[tuple[str, str]]:
    """(basename, url name) of every route that takes an object id: the detail route
    and each detail action (e.g. a round's results)."""
    from kwartier.api.urls import router

    found = []
    for _prefix, viewset, basename in router.registry:
        found.append((basename, f"{basename}-detail"))
        for action in viewset.get_extra_actions():
            if action.detail:
                found.append((basename, f"{basename}-{action.url_name}"))
    return found


def test_every_api_route_is_covered():
    missing = set(_api_routes()) - set(API_OBJECT_MAKERS)
    assert not missing, f"register an API maker for: {missing}"


@pytest.mark.parametrize("basename,url_name", _api_detail_urls())
def test_api_other_organisation_gets_404(basename, url_name, tenant_a, tenant_b):
    from django.urls import NoReverseMatch

    object_id = API_OBJECT_MAKERS[basename](tenant_a)
    try:
        url = reverse(url_name, kwargs={"pk": object_id})
    except NoReverseMatch:  # a detail route not offered by a create-only viewset
        pytest.skip(f"{url_name} has no detail route")
    auth = api_auth(tenant_b.manager)
    client = Client()
    assert client.get(url, **auth).status_code == 404
    assert client.patch(url, {}, content_type="application/json", **auth).status_code in {404, 405}
    assert client.delete(url, **auth).status_code in {404, 405}
    if url_name.endswith("-detail"):
        listing = client.get(reverse(f"{basename}-list"), **auth)
        if listing.status_code == 200:
            items = listing.json()
            items = items["results"] if isinstance(items, dict) else items
            assert str(object_id) not in [str(item.get("id")) for item in items]
    assert Client().get(url).status_code == 401
    assert client.get(url, **api_auth(tenant_a.manager)).status_code == 200


def test_membership_of_both_organisations_sees_only_the_active_one(
    tenant_a, tenant_b, alice_client
):
    """A user in two organisations works in one at a time; the other's ids give 404."""
    MembershipFactory(
        user=tenant_a.manager, organisation=tenant_b.organisation, role=Role.KWARTIERMAKER
    )
    team_b = TeamFactory(organisation=tenant_b.organisation)
    url = reverse("accounts:team_edit", kwargs={"team_id": team_b.pk})
    alice_client.post(reverse("accounts:switch"), {"organisation": tenant_a.organisation.pk})
    assert alice_client.get(url).status_code == 404
    alice_client.post(reverse("accounts:switch"), {"organisation": tenant_b.organisation.pk})
    assert alice_client.get(url).status_code == 200
    assert Team.objects.filter(pk=team_b.pk).exists()
