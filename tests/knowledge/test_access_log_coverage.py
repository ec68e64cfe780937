"""Exports and searches that can reach non-public stories leave an access-log entry
(issue 12 point 7); the other cases are in test_views, test_api, test_reading and
tests/core/test_backup (a back-up is an export too)."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from kwartier.core.models import AccessAction, AccessLog
from tests.factories import api_auth
from tests.knowledge.factories import ExperienceFactory


def test_listing_shared_items_through_the_api_is_logged_as_a_search(tenant_a):
    ExperienceFactory(organisation=tenant_a.organisation, author=tenant_a.manager, shared=True)
    response = Client().get(reverse("shared-experience-list"), **api_auth(tenant_a.member))
    assert response.status_code == 200 and response.json()["count"] == 1
    entry = AccessLog.objects.get(action=AccessAction.SEARCH)
    assert entry.actor == tenant_a.member
    assert entry.organisation == tenant_a.organisation
    assert entry.detail == "lijst"


def test_every_page_of_the_web_export_is_one_logged_export_per_story(tenant_a, client):
    story = ExperienceFactory(
        organisation=tenant_a.organisation, author=tenant_a.manager, shared=True
    )
    client.force_login(tenant_a.member)
    response = client.get(reverse("knowledge:export"))
    b"".join(response.streaming_content)
    exports = AccessLog.objects.filter(action=AccessAction.EXPORT)
    assert exports.filter(object_id=str(story.pk), subject=tenant_a.manager).count() == 1
    assert exports.filter(object_id="").count() == 1  # the export as a whole


def test_public_search_by_a_visitor_leaves_no_entry(db):
    assert Client().get(reverse("knowledge:public_search"), {"q": "werk"}).status_code == 200
    assert not AccessLog.objects.exists()
