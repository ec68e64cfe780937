"""The knowledge-bank pages as people use them, without JavaScript."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from kwartier.accounts.models import Domain, Role
from kwartier.core.models import AccessLog, Job
from kwartier.knowledge.models import ConsentRecord, Decision, Experience, State
from tests.conftest import login
from tests.factories import MembershipFactory, NetworkFactory, OrganisationFactory, UserFactory
from tests.knowledge.factories import ExperienceFactory
from tests.knowledge.fixtures import STORY, share_story

pytestmark = pytest.mark.usefixtures("search_index")


@pytest.fixture
def sam(tenant_a):
    user = UserFactory(email="sam@alfa.example.nl", full_name="Sam de Vries")
    MembershipFactory(user=user, organisation=tenant_a.organisation, role=Role.EXPERIENCE_WORKER)
    return user


@pytest.fixture
def sam_client(sam):
    return login(Client(), sam)


def _page(response) -> str:
    assert response.status_code == 200, response.status_code
    body = response.content.decode()
    assert " style=" not in body and "<script>" not in body and "<style" not in body
    return body


def _preview_hash(body: str) -> str:
    match = re.search(r'name="preview_hash" value="([0-9a-f]{64})"', body)
    assert match, "the share form carries the preview's fingerprint"
    return match.group(1)


def test_menu_entries_follow_the_role(sam_client, tenant_a):
    body = _page(sam_client.get(reverse("core:home")))
    assert "Mijn ervaringen" in body and "Kennisbank" in body
    colleague = login(Client(), tenant_a.member)
    body = _page(colleague.get(reverse("core:home")))
    assert "Kennisbank" in body and "Mijn ervaringen" not in body
    assert colleague.get(reverse("knowledge:create")).status_code == 403


def test_my_experiences_starts_with_an_empty_state(sam_client):
    body = _page(sam_client.get(reverse("knowledge:mine")))
    assert "U hebt nog geen verhalen" in body and "Schrijf uw eerste verhaal" in body


def test_writing_a_story_without_javascript(sam_client, sam):
    response = sam_client.post(
        reverse("knowledge:create"),
        {"title": "", "text": STORY, "language": "nl"},
    )
    assert "Dit veld is vereist." in _page(response)
    assert not Experience.objects.exists()
    domain, _ = Domain.objects.get_or_create(slug="schulden", defaults={"name": "Schulden"})
    response = sam_client.post(
        reverse("knowledge:create"),
        {
            "title": "Hoe Jan mij hielp",
            "text": STORY,
            "domains": [domain.pk],
            "life_phase": "volwassen",
            "tags": "Herstel, werk, herstel",
            "language": "nl",
        },
    )
    experience = Experience.objects.get()
    assert response["Location"] == reverse("knowledge:edit", args=[experience.pk])
    assert experience.author == sam and experience.tags == ["herstel", "werk"]
    assert list(experience.domains.all()) == [domain]
    edit = _page(sam_client.get(response["Location"]))
    assert f'hx-post="{reverse("knowledge:autosave", args=[experience.pk])}"' in edit
    assert "Hoe Jan mij hielp" in edit


def test_autosave_answers_a_small_status_line(sam_client, sam, tenant_a):
    experience = ExperienceFactory(organisation=tenant_a.organisation, author=sam)
    url = reverse("knowledge:autosave", args=[experience.pk])
    assert sam_client.get(url).status_code == 405
    response = sam_client.post(
        url, {"title": "Nieuwe titel", "text": "Nieuwe tekst", "language": "nl", "revision": 1}
    )
    body = _page(response)
    assert re.search(r"Opgeslagen om \d\d:\d\d", body) and 'role="status"' in body
    experience.refresh_from_db()
    assert experience.title_original == "Nieuwe titel"
    body = _page(sam_client.post(url, {"title": "", "text": "x", "language": "nl", "revision": 2}))
    assert "Niet opgeslagen" in body
    experience.refresh_from_db()
    assert experience.title_original == "Nieuwe titel"


def test_from_draft_to_review_to_publication(sam_client, sam, tenant_a, engine):
    from kwartier.knowledge.tasks import deidentify_experiences

    experience = ExperienceFactory(
        organisation=tenant_a.organisation,
        author=sam,
        title_original="Hoe Jan mij hielp",
        text_original=STORY,
    )
    detail_url = reverse("knowledge:my_detail", args=[experience.pk])
    assert "Zoek herkenbare gegevens" in _page(sam_client.get(detail_url))
    response = sam_client.post(reverse("knowledge:deidentify", args=[experience.pk]))
    assert response["Location"] == detail_url
    body = _page(sam_client.get(detail_url))
    assert "Herkenbare gegevens zoeken" in body and "In de wachtrij" in body
    deidentify_experiences.call(str(Job.objects.get().pk), [experience.pk])

    review_url = reverse("knowledge:review", args=[experience.pk])
    body = _page(sam_client.get(review_url))
    # Each suggestion is a fieldset whose legend names its kind and its text.
    assert "<legend" in body and "Naam van een persoon: „Jan de Vries”" in body
    assert "Telefoonnummer: „06-12345678”" in body
    assert 'name="extra"' in body and "Extra tekst om weg te laten" in body

    experience.refresh_from_db()
    by_text = {s.original: s for s in experience.suggestions.all()}
    decisions = {f"s{s.pk}": "weglaten" for s in by_text.values()}
    decisions[f"s{by_text['Beekdal'].pk}"] = "laten"
    # Words that are not in the story: a Dutch error, and nothing changes.
    response = sam_client.post(
        review_url,
        {
            **decisions,
            "extra": "Amsterdam",
            "extra_label": "LOCATION",
            "mode": "tags",
            "action": "preview",
        },
    )
    assert "„Amsterdam” staat niet letterlijk in uw titel of verhaal." in _page(response)
    assert by_text["Beekdal"].decision == Decision.PENDING
    response = sam_client.post(
        review_url,
        {
            **decisions,
            "extra": "wijkteam",
            "extra_label": "ORGANISATION",
            "mode": "tags",
            "action": "approve",
        },
    )
    publish_url = reverse("knowledge:publish", args=[experience.pk])
    assert response["Location"] == publish_url
    body = _page(sam_client.get(publish_url))
    assert "Mijn schulden liepen op" in body and "Beekdal" in body
    assert "Jan de Vries" not in body and "06-12345678" not in body
    assert "[ORGANISATIE 1]" in body

    preview_hash = _preview_hash(body)
    response = sam_client.post(
        publish_url,
        {"visibility": "organisation", "purposes": ["kennis"], "preview_hash": preview_hash},
    )
    assert "Geef toestemming door het vakje aan te vinken." in _page(response)
    assert not ConsentRecord.objects.exists()
    response = sam_client.post(
        publish_url,
        {
            "visibility": "organisation",
            "purposes": ["kennis"],
            "consent": "on",
            "preview_hash": preview_hash,
        },
    )
    assert response["Location"] == detail_url
    experience.refresh_from_db()
    assert experience.state == State.PUBLISHED and experience.is_shared
    assert "Uw verhaal is gedeeld" in _page(sam_client.get(detail_url))


def test_withdrawal_asks_for_confirmation_first(sam_client, sam, tenant_a):
    experience = ExperienceFactory(organisation=tenant_a.organisation, author=sam, shared=True)
    url = reverse("knowledge:withdraw", args=[experience.pk])
    body = _page(sam_client.get(url))
    assert "Verhaal intrekken?" in body and "Ja, trek mijn verhaal in" in body
    experience.refresh_from_db()
    assert experience.is_shared
    sam_client.post(url)
    experience.refresh_from_db()
    assert experience.state == State.WITHDRAWN


def test_someone_elses_story_is_not_found(sam_client, tenant_a):
    other = ExperienceFactory(organisation=tenant_a.organisation, author=tenant_a.manager)
    for name in ("my_detail", "edit", "review", "publish", "withdraw", "delete"):
        assert sam_client.get(reverse(f"knowledge:{name}", args=[other.pk])).status_code == 404
    assert sam_client.get(reverse("knowledge:detail", args=[other.pk])).status_code == 404


@pytest.fixture
def network_stories(tenant_a, tenant_b, sam, engine):
    network = NetworkFactory(name="Regio Oost")
    tenant_a.organisation.networks.add(network)
    tenant_b.organisation.networks.add(network)
    schulden, _ = Domain.objects.get_or_create(slug="schulden", defaults={"name": "Schulden"})
    shared = share_story(
        organisation=tenant_a.organisation,
        author=sam,
        visibility="network",
        domains=[schulden],
        tags=["herstel"],
    )
    own_only = share_story(
        organisation=tenant_a.organisation,
        author=sam,
        visibility="organisation",
        title="Alleen voor Alfa",
        text="Over de schulden van ons team.",
    )
    return shared, own_only


def test_search_finds_other_word_forms_with_facets_and_marks(bob_client, network_stories):
    shared, own_only = network_stories
    body = _page(bob_client.get(reverse("knowledge:search"), {"q": "schuld"}))
    assert "1 verhaal gevonden voor „schuld”" in body
    assert "<mark>schulden</mark>" in body
    assert reverse("knowledge:detail", args=[shared.pk]) in body
    assert "Alleen voor Alfa" not in body
    assert "Verfijnen" in body and "Schulden" in body and "herstel" in body
    for identifier in ("Jan", "06-12345678", "Beekdal"):
        assert identifier not in body
    log = AccessLog.objects.get(action="search")
    assert log.detail == "schuld" and log.actor.email == "bob@beta.example.nl"


def test_facet_links_filter_and_no_results_give_help(bob_client, network_stories):
    body = _page(bob_client.get(reverse("knowledge:search"), {"domein": "schulden"}))
    assert "1 verhaal" in body and "Gefilterd op:" in body
    body = _page(bob_client.get(reverse("knowledge:search"), {"q": "fietsenmaker"}))
    assert "Geen verhalen gevonden" in body and "Controleer de spelling" in body
    assert "Bekijk alle verhalen" in body
    body = _page(bob_client.get(reverse("knowledge:search"), {"pagina": "nul"}))
    assert "De zoekopdracht klopt niet helemaal" in body


def test_search_results_are_paginated(sam_client, sam, tenant_a):
    from kwartier.knowledge import index

    stories = [
        ExperienceFactory(organisation=tenant_a.organisation, author=sam, shared=True)
        for _ in range(12)
    ]
    index.index_experiences([s.pk for s in stories])
    body = _page(sam_client.get(reverse("knowledge:search")))
    assert "12 verhalen" in body and "Pagina 1 van 2" in body and 'rel="next"' in body
    body = _page(sam_client.get(reverse("knowledge:search"), {"pagina": 2}))
    assert "Pagina 2 van 2" in body and body.count('class="kwartier-card kwartier-result"') == 2


def test_reading_a_story_is_logged_and_the_author_sees_who_read_it(
    bob_client, sam_client, network_stories, tenant_b
):
    shared, _own = network_stories
    body = _page(bob_client.get(reverse("knowledge:detail", args=[shared.pk])))
    assert "Hoe [PERSOON 1] mij hielp" in body and "Jan" not in body
    assert "Sam" not in body  # the author's name is never shown to readers
    log = AccessLog.objects.get(action="read")
    assert log.organisation == tenant_b.organisation and log.subject.email == "sam@alfa.example.nl"
    _page(sam_client.get(reverse("knowledge:detail", args=[shared.pk])))
    assert AccessLog.objects.filter(action="read").count() == 1  # own reads are not logged
    body = _page(sam_client.get(reverse("knowledge:access_log")))
    assert "Bob" in body and "Stichting Beta" in body and "Hoe Jan mij hielp" in body


def test_inzage_log_starts_empty(sam_client):
    body = _page(sam_client.get(reverse("knowledge:access_log")))
    assert "Nog niemand heeft uw verhalen gelezen" in body


def test_public_kennisbank_shows_public_stories_only(client, tenant_a, sam, engine):
    public = share_story(organisation=tenant_a.organisation, author=sam, visibility="public")
    internal = share_story(organisation=tenant_a.organisation, author=sam, title="Intern verhaal")
    body = _page(client.get(reverse("knowledge:public_search"), {"q": "schuld"}))
    assert reverse("knowledge:public_detail", args=[public.public_id]) in body
    assert "Intern verhaal" not in body and "1 verhaal gevonden" in body
    assert _page(client.get(reverse("knowledge:public_detail", args=[public.public_id])))
    hidden = client.get(reverse("knowledge:public_detail", args=[internal.public_id]))
    assert hidden.status_code == 404
    assert client.get(reverse("knowledge:search")).status_code == 302
    assert not AccessLog.objects.filter(action="read").exists()


def test_export_holds_only_readable_de_identified_stories_and_is_logged(
    bob_client, network_stories
):
    response = bob_client.get(reverse("knowledge:export"))
    content = b"".join(response.streaming_content).decode()
    assert "Hoe [PERSOON 1] mij hielp" in content and "Alleen voor Alfa" not in content
    assert "Jan" not in content
    shared, _own = network_stories
    exported = AccessLog.objects.get(action="export", object_id=str(shared.pk))
    assert exported.subject.email == "sam@alfa.example.nl"
    assert AccessLog.objects.filter(action="export", object_id="").count() == 1


def test_the_author_sees_exports_of_their_story_in_the_inzage_log(
    bob_client, sam_client, network_stories
):
    bob_client.get(reverse("knowledge:export"))
    body = _page(sam_client.get(reverse("knowledge:access_log")))
    assert "gedownload in een export" in body and "Stichting Beta" in body


def test_recording_a_story_for_someone_without_an_account(alice_client, tenant_a):
    response = alice_client.post(
        reverse("knowledge:record"),
        {
            "narrator_name": "R. de Graaf",
            "consent_date": "2026-01-05",
            "consent_scope": "organisation",
            "purposes": ["kennis"],
            "title": "Opgetekend",
            "text": STORY,
            "language": "nl",
        },
    )
    assert "Neem een verhaal alleen op met getekende toestemming" in _page(response)
    response = alice_client.post(
        reverse("knowledge:record"),
        {
            "narrator_name": "R. de Graaf",
            "consent_date": "2026-01-05",
            "consent_scope": "organisation",
            "purposes": ["kennis"],
            "consent_signed": "on",
            "title": "Opgetekend",
            "text": STORY,
            "language": "nl",
        },
    )
    experience = Experience.objects.get()
    assert experience.recorded_by == tenant_a.manager and experience.author is None
    body = _page(alice_client.get(reverse("knowledge:mine")))
    assert "opgenomen namens iemand" in body


def test_bulk_deidentification_runs_as_one_job(sam_client, sam, tenant_a):
    for n in range(3):
        ExperienceFactory(organisation=tenant_a.organisation, author=sam, title_original=f"V{n}")
    body = _page(sam_client.get(reverse("knowledge:mine")))
    assert "Zoek herkenbare gegevens in alle 3 concepten" in body
    response = sam_client.post(reverse("knowledge:deidentify_bulk"))
    job = Job.objects.get()
    assert response["Location"] == reverse("core:job", kwargs={"job_id": job.pk})
    assert Experience.objects.filter(state=State.DEIDENTIFYING, deid_job=job).count() == 3


def test_organisation_outside_the_network_gets_404(tenant_a, sam, engine):
    tenant_a.organisation.networks.add(NetworkFactory())
    story = share_story(organisation=tenant_a.organisation, author=sam, visibility="network")
    outsider = UserFactory()
    MembershipFactory(user=outsider, organisation=OrganisationFactory(), role=Role.KWARTIERMAKER)
    client = login(Client(), outsider)
    assert client.get(reverse("knowledge:detail", args=[story.pk])).status_code == 404
