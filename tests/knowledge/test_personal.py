"""The author's own data (decision 0107): the ZIP holds theirs and nothing of others;
nobody else downloads it; erasure removes the stories from search and insights at once."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date

import pytest
from django.urls import reverse

from kwartier.accounts.models import Role
from kwartier.collective import selectors as collective_selectors
from kwartier.collective import services as collective
from kwartier.collective.models import Coding, InsightStatus, SelfSignification
from kwartier.core.models import AccessLog, Job
from kwartier.knowledge import public, services
from kwartier.knowledge.models import ConsentRecord, Experience, ExperienceVersion, Visibility
from kwartier.knowledge.services.steps import consent_record
from tests.collective.factories import code_in, coding_on, shared_story
from tests.conftest import login
from tests.factories import MembershipFactory, NetworkFactory, OrganisationFactory, UserFactory

OWN = "Mijn eigen verhaal over de schuldhulp. Oorspronkelijke tekst met Piet Paulusma."
OTHERS = "Een verhaal van iemand anders over de voedselbank."


@pytest.fixture
def world(db, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    network = NetworkFactory(name="Regio Mijn", slug="regio-mijn")
    home = OrganisationFactory(name="Huis Mijn", slug="mijn")
    home.networks.add(network)
    author, other_author, coder, reviewer = (
        UserFactory(),
        UserFactory(),
        UserFactory(),
        UserFactory(),
    )
    for user in (author, other_author, coder, reviewer):
        MembershipFactory(user=user, organisation=home, role=Role.EXPERIENCE_WORKER)
    mine = shared_story(home, author=author, text="Gedeeld: de schuldhulp hielp mij.")
    Experience.objects.filter(pk=mine.pk).update(visibility=Visibility.NETWORK)
    mine.text_original = OWN
    mine.save()
    ExperienceVersion.objects.create(experience=mine, number=1, title="Eerste", text="Versie een")
    consent_record(
        mine,
        kind="publication",
        given_by=author,
        consent_date=date(2026, 1, 5),
        scope="network",
        purposes=["kennis"],
    )
    theirs = [
        shared_story(
            home,
            author=other_author if n == 0 else UserFactory(),
            text=f"{OTHERS} Deel {n}.",
            visibility="network",
        )
        for n in range(3)
    ]
    codebook = collective.codebook_create(
        name="Boek", by=coder, network=network, min_fragments=3, min_tellers=2
    )
    code = code_in(codebook, coder, "Hulp")
    insight = collective.insight_create(
        codebook=codebook, organisation=home, by=coder, statement="Hulp helpt."
    )
    for story in [mine, *theirs]:
        coding = coding_on(story, code, coder, home)
        collective.evidence_add(insight=insight, coding=coding, by=coder, stance="supports")
    collective.insight_review(insight=insight, reviewer=reviewer)
    collective.insight_publish(insight=insight, by=coder)
    SelfSignification.objects.create(
        organisation=home, experience_id=mine.pk, author=author, values={"betekenis": "hoop"}
    )
    public.shared_story_get(user=coder, organisation=home, experience_id=mine.pk)  # a read
    return {
        "home": home,
        "author": author,
        "coder": coder,
        "mine": mine,
        "theirs": theirs,
        "insight": insight,
    }


def _zip(client, user, capture) -> zipfile.ZipFile:
    login(client, user)
    assert client.get(reverse("knowledge:my_data")).status_code == 200
    with capture(execute=True):
        response = client.post(reverse("knowledge:my_data_download"))
    job = Job.objects.get(created_by=user, kind="mijn-gegevens")
    assert response.status_code == 302 and job.state == "done"
    download = client.get(reverse("core:job_download", args=[job.pk]))
    assert download.status_code == 200
    assert download["Content-Disposition"].endswith('.zip"')
    return zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))


def test_zip_holds_everything_of_the_author_and_nothing_of_others(
    client, world, django_capture_on_commit_callbacks
):
    archive = _zip(client, world["author"], django_capture_on_commit_callbacks)
    names = set(archive.namelist())
    assert {"LEESMIJ.txt", "verhalen.json", "inzage-log.json", "wij-kennis.json"} <= names
    stories = json.loads(archive.read("verhalen.json"))
    assert [s["id"] for s in stories] == [world["mine"].pk]
    assert stories[0]["oorspronkelijke_tekst"] == OWN  # decrypted, for the author alone
    assert stories[0]["versies"][0]["tekst"] == "Versie een"
    assert stories[0]["toestemmingen"][0]["reikwijdte"] == "network"
    log = json.loads(archive.read("inzage-log.json"))
    assert [entry["verhaal"] for entry in log] == [str(world["mine"].pk)]
    collective_data = json.loads(archive.read("wij-kennis.json"))
    assert [c["verhaal"] for c in collective_data["coderingen_van_uw_verhalen"]] == [
        world["mine"].pk
    ]
    assert collective_data["uw_eigen_betekenis"][0]["waarden"] == {"betekenis": "hoop"}
    everything = b"".join(archive.read(n) for n in names).decode()
    assert OTHERS not in everything


def test_another_user_cannot_download_the_zip(client, world, django_capture_on_commit_callbacks):
    _zip(client, world["author"], django_capture_on_commit_callbacks)
    job = Job.objects.get(created_by=world["author"], kind="mijn-gegevens")
    login(client, world["coder"])
    assert client.get(reverse("core:job_download", args=[job.pk])).status_code == 404
    assert client.get(reverse("core:job", args=[job.pk])).status_code == 404


def test_erasure_removes_stories_from_search_and_insights_at_once(client, world):
    login(client, world["author"])
    url = reverse("knowledge:my_data_erase")
    page = client.get(url)
    assert page.status_code == 200
    assert "toestemmingen" in page.content.decode()
    mine = world["mine"].pk
    assert client.post(url).status_code == 302
    assert not Experience.objects.filter(pk=mine).exists()
    assert mine not in public.shared_story_ids(user=world["coder"])
    assert not Coding.objects.filter(experience_id=mine).exists()
    assert not SelfSignification.objects.filter(experience_id=mine).exists()
    insight = world["insight"]
    insight.refresh_from_db()
    rule = collective_selectors.insight_rule(insight)
    assert rule.fragments == 3
    # consent records stay as proof, without the story
    assert ConsentRecord.objects.filter(given_by=world["author"]).exists()
    assert AccessLog.objects.filter(object_type="personal_data", action="delete").exists()
    # other people's stories are untouched
    assert Experience.objects.filter(pk__in=[s.pk for s in world["theirs"]]).count() == 3
    assert insight.status == InsightStatus.PUBLISHED


def test_erasure_sends_an_insight_below_the_rule_back_to_review(world):
    for story in world["theirs"][1:]:
        services.experience_withdraw(experience=story, user=story.author)
    services.personal_erase(user=world["author"], organisation=world["home"])
    world["insight"].refresh_from_db()
    assert world["insight"].status == InsightStatus.REVIEW
