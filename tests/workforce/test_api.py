"""GET/POST /api/workforce/profiles/: tenant-scoped, with the pages' visibility rule."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from kwartier.accounts.models import Domain
from kwartier.core.models import AccessLog
from kwartier.workforce.models import MatchingConsent, Profile
from tests.factories import api_auth
from tests.workforce.factories import make_profile

pytestmark = pytest.mark.django_db
LIST = "/api/workforce/profiles/"


def _by_name(response):
    body = response.json()
    rows = body["results"] if isinstance(body, dict) else body  # paginated or not
    return {row["name"]: row for row in rows}


def test_manager_sees_everything_colleague_sees_name_and_consented_details(tenant_a):
    make_profile(tenant_a.organisation, name="Zonder Toestemming", region="Noord", pay_scale="8")
    make_profile(
        tenant_a.organisation,
        name="Met Toestemming",
        region="Zuid",
        pay_scale="9",
        matching_consent=MatchingConsent.ORGANISATION,
    )
    manager = _by_name(Client().get(LIST, **api_auth(tenant_a.manager)))
    assert manager["Zonder Toestemming"]["pay_scale"] == "8"
    assert manager["Zonder Toestemming"]["visibility"] == "full"
    colleague = _by_name(Client().get(LIST, **api_auth(tenant_a.member)))
    assert set(colleague["Zonder Toestemming"]) == {"id", "name", "roles", "visibility"}
    assert colleague["Met Toestemming"]["region"] == "Zuid"
    assert "pay_scale" not in colleague["Met Toestemming"]
    assert "email" not in colleague["Met Toestemming"]


def test_post_registers_a_profile_for_the_managers_organisation(tenant_a):
    Domain.objects.get_or_create(slug="schulden", defaults={"name": "Schulden"})
    response = Client().post(
        LIST,
        {
            "name": "Via API",
            "employment": "volunteer",
            "available_hours": "6",
            "domains": ["schulden"],
        },
        content_type="application/json",
        **api_auth(tenant_a.manager),
    )
    assert response.status_code == 201, response.json()
    profile = Profile.objects.get(name="Via API")
    assert profile.organisation == tenant_a.organisation
    assert [d.slug for d in profile.domains.all()] == ["schulden"]


def test_post_refused_for_a_colleague_and_for_bad_input(tenant_a):
    refused = Client().post(
        LIST,
        {"name": "X", "employment": "paid"},
        content_type="application/json",
        **api_auth(tenant_a.member),
    )
    assert refused.status_code == 403
    bad = Client().post(
        LIST,
        {
            "name": "",
            "employment": "salaris",
            "domains": ["bestaat-niet"],
            "available_hours": "veel",
        },
        content_type="application/json",
        **api_auth(tenant_a.manager),
    )
    assert bad.status_code == 400
    assert {"name", "employment", "domains", "available_hours"} <= set(bad.json())
    assert not Profile.objects.exists()


def test_other_organisation_gets_404_and_an_empty_list(tenant_a, tenant_b):
    profile = make_profile(tenant_a.organisation, name="Alfa Werker")
    auth = api_auth(tenant_b.manager)
    assert Client().get(f"{LIST}{profile.pk}/", **auth).status_code == 404
    assert "Alfa Werker" not in Client().get(LIST, **auth).content.decode()


def test_profiles_are_in_the_openapi_schema(tenant_a):
    schema = Client().get(reverse("api_schema"), **api_auth(tenant_a.manager)).content.decode()
    assert "/api/workforce/profiles/" in schema


def test_manager_reading_a_profile_by_api_is_logged(tenant_a):
    profile = make_profile(tenant_a.organisation, name="Gelogd")
    assert Client().get(f"{LIST}{profile.pk}/", **api_auth(tenant_a.manager)).status_code == 200
    assert AccessLog.objects.filter(
        object_type="workforce.profile", object_id=str(profile.pk)
    ).exists()
