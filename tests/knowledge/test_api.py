"""The knowledge-bank API as an integrating system uses it."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from kwartier.accounts.models import Role
from kwartier.core.models import AccessLog
from kwartier.knowledge.models import ConsentRecord, Experience, State
from tests.factories import MembershipFactory, NetworkFactory, UserFactory, api_auth
from tests.knowledge.factories import ExperienceFactory
from tests.knowledge.fixtures import STORY, share_story

pytestmark = pytest.mark.usefixtures("search_index")


@pytest.fixture
def sam(tenant_a):
    user = UserFactory(email="sam@alfa.example.nl")
    MembershipFactory(user=user, organisation=tenant_a.organisation, role=Role.EXPERIENCE_WORKER)
    return user


class Api:
    def __init__(self, user):
        self.client = Client()
        self.auth = api_auth(user)

    def get(self, url, data=None):
        return self.client.get(url, data or {}, **self.auth)

    def post(self, url, data=None):
        return self.client.post(url, data or {}, content_type="application/json", **self.auth)

    def patch(self, url, data):
        return self.client.patch(url, data, content_type="application/json", **self.auth)

    def delete(self, url):
        return self.client.delete(url, **self.auth)


def _url(name, pk=None):
    return reverse(name, args=[pk] if pk is not None else [])


def test_author_walks_the_whole_path_through_the_api(sam, tenant_a, engine):
    from kwartier.core.models import Job
    from kwartier.knowledge.tasks import deidentify_experiences

    api = Api(sam)
    response = api.post(
        _url("experience-list"),
        {
            "title": "Hoe Jan mij hielp",
            "text": STORY,
            "domains": ["schulden"],
            "tags": ["herstel"],
            # Never taken from input:
            "state": "published",
            "visibility": "public",
            "organisation": 999,
            "author": 999,
        },
    )
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["state"] == "draft" and created["visibility"] == "private"
    assert created["organisation"] == tenant_a.organisation.pk
    assert created["text"] == STORY  # the author gets the original back
    pk = created["id"]
    assert Experience.objects.get(pk=pk).author == sam

    response = api.post(_url("experience-deidentify", pk))
    assert response.status_code == 202 and response.json()["state"] == "deidentifying"
    deidentify_experiences.call(str(Job.objects.get().pk), [pk])

    review = api.get(_url("experience-suggestions", pk)).json()
    assert review["state"] == "review"
    jan = next(s for s in review["suggestions"] if s["original"] == "Jan de Vries")
    place = next(s for s in review["suggestions"] if s["original"] == "Beekdal")
    response = api.post(
        _url("experience-suggestions", pk),
        {
            "decisions": [{"id": jan["id"], "accept": True}, {"id": place["id"], "accept": False}],
            "extra": ["wijkteam"],
            "extra_label": "ORGANISATION",
        },
    )
    assert response.status_code == 200
    assert "Beekdal" in response.json()["preview_text"]
    assert "Jan de Vries" not in response.json()["preview_text"]

    preview = api.get(_url("experience-publish", pk)).json()
    assert preview["allowed_visibilities"] == ["organisation", "public"]
    response = api.post(
        _url("experience-publish", pk),
        {"visibility": "organisation", "purposes": ["kennis"], "consent": False},
    )
    assert response.status_code == 400
    assert response.json()["consent"] == ["Geef toestemming door het vakje aan te vinken."]
    response = api.post(
        _url("experience-publish", pk),
        {"visibility": "organisation", "purposes": ["kennis"], "consent": True},
    )
    assert response.status_code == 200 and response.json()["state"] == "published"

    response = api.post(_url("experience-withdraw", pk))
    assert response.status_code == 200
    body = response.json()
    assert body["state"] == "withdrawn"
    assert [c["kind"] for c in body["consents"]] == ["withdrawal", "publication"]


def test_bad_input_is_400_in_dutch_and_changes_nothing(sam):
    api = Api(sam)
    response = api.post(_url("experience-list"), {"text": "zonder titel"})
    assert response.status_code == 400
    assert response.json()["title"] == ["Dit veld is vereist."]
    response = api.post(_url("experience-list"), {"title": "x", "domains": ["bestaat-niet"]})
    assert response.status_code == 400
    assert not Experience.objects.exists()
    response = api.get(_url("knowledge-search"), {"page": "nul", "per_page": 1000})
    assert response.status_code == 400
    assert "page" in response.json() and "per_page" in response.json()


def test_review_decisions_in_the_wrong_state_are_400(sam, tenant_a):
    experience = ExperienceFactory(organisation=tenant_a.organisation, author=sam)
    response = Api(sam).post(_url("experience-suggestions", experience.pk), {"decisions": []})
    assert response.status_code == 400
    assert "controlefase" in str(response.json())


def test_someone_else_cannot_see_or_change_the_original(sam, tenant_a, engine):
    story = share_story(organisation=tenant_a.organisation, author=sam)
    colleague = Api(tenant_a.member)
    assert colleague.get(_url("experience-detail", story.pk)).status_code == 404
    assert colleague.patch(_url("experience-detail", story.pk), {"title": "x"}).status_code == 404
    assert colleague.post(_url("experience-withdraw", story.pk)).status_code == 404
    shared = colleague.get(_url("shared-experience-detail", story.pk))
    assert shared.status_code == 200
    body = shared.json()
    assert body["title"] == "Hoe [PERSOON 1] mij hielp" and "text_original" not in body
    assert "Jan" not in str(body)
    assert AccessLog.objects.filter(action="read", actor=tenant_a.member).count() == 1


def test_editing_through_the_api_sends_the_working_copy_back_to_draft(sam, tenant_a, engine):
    story = share_story(organisation=tenant_a.organisation, author=sam)
    response = Api(sam).patch(
        _url("experience-detail", story.pk), {"text": STORY + " Een nieuwe zin.", "state": "x"}
    )
    assert response.status_code == 200
    assert response.json()["state"] == "draft" and response.json()["is_shared"] is True


def test_delete_erases_the_story_and_keeps_consents(sam, tenant_a, engine):
    story = share_story(organisation=tenant_a.organisation, author=sam)
    assert Api(sam).delete(_url("experience-detail", story.pk)).status_code == 204
    assert not Experience.objects.exists()
    assert ConsentRecord.objects.filter(experience_ref=story.public_id).count() == 2


def test_search_api_with_facets_pagination_and_scope(sam, tenant_a, tenant_b, engine):
    network = NetworkFactory()
    tenant_a.organisation.networks.add(network)
    tenant_b.organisation.networks.add(network)
    shared = share_story(organisation=tenant_a.organisation, author=sam, visibility="network")
    share_story(organisation=tenant_a.organisation, author=sam, title="Intern")
    response = Api(tenant_b.manager).get(_url("knowledge-search"), {"q": "schuld"})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1 and body["results"][0]["id"] == shared.pk
    assert {"text": "schulden", "match": True} in body["results"][0]["snippet"]
    assert body["facets"]["organisation_id"] == [
        {"value": str(tenant_a.organisation.pk), "count": 1}
    ]
    assert body["num_pages"] == 1 and body["page"] == 1
    assert AccessLog.objects.filter(action="search", detail="schuld").exists()
    assert Client().get(_url("knowledge-search")).status_code == 401


def test_a_published_story_appears_in_the_items_list_and_not_after_withdrawal(
    sam, tenant_a, engine
):
    from kwartier.knowledge import services

    story = share_story(organisation=tenant_a.organisation, author=sam)
    colleague = Api(tenant_a.member)
    listing = colleague.get(_url("shared-experience-list")).json()
    assert listing["count"] == 1
    assert "text" not in listing["results"][0]  # reading the text is opening the story
    services.experience_withdraw(experience=story, user=sam)
    assert colleague.get(_url("shared-experience-list")).json()["count"] == 0
    assert Experience.objects.get().state == State.WITHDRAWN


def test_the_openapi_schema_documents_the_knowledge_endpoints(sam):
    schema = Api(sam).client.get(reverse("api_schema"), HTTP_ACCEPT="application/json").json()
    paths = schema["paths"]
    for path in (
        "/api/knowledge/experiences/",
        "/api/knowledge/experiences/{id}/publish/",
        "/api/knowledge/experiences/{id}/withdraw/",
        "/api/knowledge/experiences/{id}/suggestions/",
        "/api/knowledge/items/{id}/",
        "/api/knowledge/search/",
    ):
        assert path in paths, path
