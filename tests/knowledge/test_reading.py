"""Who reads what, and the author sees it (issue 17): financiers read public stories only,
search excerpts are logged and limited, the platform administration never shows originals
and is in the read log, exports run no formulas, the audit log says nothing of private
stories."""

from __future__ import annotations

import csv
import io

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse

from kwartier.accounts.models import Role
from kwartier.core.models import AccessAction, AccessLog
from kwartier.knowledge import index, selectors, services
from kwartier.knowledge.models import Experience, State, Visibility
from tests.conftest import login, login_with_mfa
from tests.factories import (
    MembershipFactory,
    NetworkFactory,
    OrganisationFactory,
    UserFactory,
    api_auth,
)
from tests.knowledge.factories import ExperienceFactory

pytestmark = pytest.mark.usefixtures("search_index")

#: A long story with far-apart words, so each search term shows another excerpt.
LONG_STORY = " ".join(
    f"{word} " + " ".join(f"vulwoord{n}x{i}" for i in range(40))
    for n, word in enumerate(["appel", "boterham", "citroen", "dadel", "eikel", "framboos"])
)


@pytest.fixture
def region(db):
    """De Brug (author Sam) and Op Weg (kwartiermaker Ruben) share a network; the
    municipality Hofstad is in it too, with a financier."""
    network = NetworkFactory(name="Regio Oost")
    brug = OrganisationFactory(name="Welzijn De Brug")
    opweg = OrganisationFactory(name="Stichting Op Weg")
    hofstad = OrganisationFactory(name="Gemeente Hofstad")
    for organisation in (brug, opweg, hofstad):
        organisation.networks.add(network)
    sam = UserFactory(email="sam@debrug.example.nl", full_name="Sam de Vries")
    MembershipFactory(user=sam, organisation=brug, role=Role.EXPERIENCE_WORKER)
    ruben = UserFactory(email="ruben@opweg.example.nl", full_name="Ruben Jansen")
    MembershipFactory(user=ruben, organisation=opweg, role=Role.KWARTIERMAKER)
    fenna = UserFactory(email="fenna@hofstad.example.nl", full_name="Fenna Financier")
    MembershipFactory(user=fenna, organisation=hofstad, role=Role.FINANCIER)
    return {"brug": brug, "opweg": opweg, "hofstad": hofstad}, {
        "sam": sam,
        "ruben": ruben,
        "fenna": fenna,
    }


def _shared(organisation, author, visibility, **extra):
    story = ExperienceFactory(
        organisation=organisation, author=author, shared=True, visibility=visibility, **extra
    )
    index.index_experiences([story.pk])
    return story


def _api(user):
    return api_auth(user)


# --- 17.4: financiers read public stories only ----------------------------------------------------


def test_a_financier_reads_public_stories_only_everywhere(region):
    orgs, people = region
    network_story = _shared(orgs["brug"], people["sam"], Visibility.NETWORK)
    public_story = _shared(orgs["brug"], people["sam"], Visibility.PUBLIC)
    fenna, ruben = people["fenna"], people["ruben"]

    seen = set(selectors.experience_list_shared(user=fenna).values_list("pk", flat=True))
    assert seen == {public_story.pk}
    assert network_story.pk in set(
        selectors.experience_list_shared(user=ruben).values_list("pk", flat=True)
    )
    # The API, the page, the export and the search say the same.
    client = Client()
    url = reverse("shared-experience-detail", args=[network_story.pk])
    assert client.get(url, **_api(fenna)).status_code == 404
    assert client.get(url, **_api(ruben)).status_code == 200
    web = login(Client(), fenna)
    assert web.get(reverse("knowledge:detail", args=[network_story.pk])).status_code == 404
    export = b"".join(web.get(reverse("knowledge:export")).streaming_content).decode()
    assert public_story.shared_title in export and network_story.shared_title not in export
    search = client.get(reverse("knowledge-search"), {"q": "schulden"}, **_api(fenna)).json()
    assert [hit["id"] for hit in search["results"]] == [public_story.pk]


def test_a_financier_who_also_works_in_a_network_organisation_reads_as_that_worker(region):
    orgs, people = region
    network_story = _shared(orgs["brug"], people["sam"], Visibility.NETWORK)
    MembershipFactory(user=people["fenna"], organisation=orgs["opweg"], role=Role.EMPLOYEE)
    seen = set(selectors.experience_list_shared(user=people["fenna"]).values_list("pk", flat=True))
    assert network_story.pk in seen


def test_the_share_page_names_who_network_includes(region):
    orgs, people = region
    story = ExperienceFactory(organisation=orgs["brug"], author=people["sam"], shared=True)
    body = login(Client(), people["sam"]).get(reverse("knowledge:publish", args=[story.pk]))
    text = body.content.decode()
    assert "Gemeente Hofstad, Stichting Op Weg" in text
    assert "niet de financiers" in text


# --- 17.5: excerpts in search results ---------------------------------------------------------


def _search_page(client, q):
    return client.get(reverse("knowledge:search"), {"q": q}).content.decode()


def test_every_excerpt_shown_to_another_reader_is_in_the_authors_read_log(region):
    orgs, people = region
    story = _shared(orgs["brug"], people["sam"], Visibility.NETWORK, shared_text=LONG_STORY)
    ruben = login(Client(), people["ruben"])
    body = _search_page(ruben, "appel")
    assert "vulwoord0x1" in body  # the excerpt is shown
    entry = AccessLog.objects.get(
        action=AccessAction.READ, object_id=str(story.pk), actor=people["ruben"]
    )
    excerpt = selectors.Excerpt.parse(entry.detail)
    assert excerpt is not None and excerpt.kind == "zoeken"
    assert excerpt.words >= 20 and excerpt.characters > 100
    assert entry.organisation == orgs["opweg"] and entry.subject == people["sam"]
    # The author sees it, and reading their own story in search logs nothing.
    _search_page(login(Client(), people["sam"]), "appel")
    assert AccessLog.objects.filter(object_id=str(story.pk), action="read").count() == 1
    log = login(Client(), people["sam"]).get(reverse("knowledge:access_log")).content.decode()
    assert "Ruben Jansen" in log and "een fragment gezien bij een zoekopdracht" in log
    assert f"{excerpt.words} woorden" in log


def test_excerpts_past_the_daily_budget_show_title_only(region):
    orgs, people = region
    story = _shared(
        orgs["brug"],
        people["sam"],
        Visibility.NETWORK,
        shared_text=LONG_STORY,
        shared_tags=["werk"],
    )
    ruben = login(Client(), people["ruben"])
    shown = []
    for word in ["appel", "boterham", "citroen", "dadel", "eikel", "framboos"]:
        body = _search_page(ruben, word)
        assert story.shared_title in body
        shown.append("vulwoord" in body)
    assert shown[0] and not all(shown), "a few searches may not reveal the whole story"
    words = sum(
        selectors.Excerpt.parse(e.detail).words
        for e in AccessLog.objects.filter(object_id=str(story.pk), action="read")
    )
    assert words <= selectors.EXCERPT_WORDS_PER_DAY
    body = _search_page(ruben, "framboos")
    assert "genoeg fragmenten van dit verhaal gezien" in body and "werk" in body
    # The excerpt seen before is shown again at no cost.
    assert "vulwoord0x1" in _search_page(ruben, "appel")
    # Opening the story is always possible (and logged as a read).
    assert ruben.get(reverse("knowledge:detail", args=[story.pk])).status_code == 200


def test_the_search_api_logs_excerpts_and_keeps_the_budget(region):
    orgs, people = region
    story = _shared(orgs["brug"], people["sam"], Visibility.NETWORK, shared_text=LONG_STORY)
    client, auth = Client(), _api(people["ruben"])
    snippets = []
    for word in ["appel", "boterham", "citroen", "dadel", "eikel", "framboos"]:
        body = client.get(reverse("knowledge-search"), {"q": word}, **auth).json()
        assert body["results"][0]["title"] == story.shared_title
        snippets.append(body["results"][0]["snippet"])
    assert snippets[0] and not snippets[-1]
    kinds = {
        selectors.Excerpt.parse(e.detail).kind
        for e in AccessLog.objects.filter(object_id=str(story.pk), action="read")
    }
    assert kinds == {"api-zoeken"}


def test_excerpts_of_public_stories_are_not_limited(region):
    orgs, people = region
    _shared(orgs["brug"], people["sam"], Visibility.PUBLIC, shared_text=LONG_STORY)
    ruben = login(Client(), people["ruben"])
    for word in ["appel", "boterham", "citroen", "dadel", "eikel", "framboos"]:
        assert "vulwoord" in _search_page(ruben, word)
    assert not AccessLog.objects.filter(action="read").exists()


# --- 17.6: the platform administration ------------------------------------------------------------


@pytest.fixture
def admin_client(db):
    admin = UserFactory(email="beheer@kwartier.example.nl", is_staff=True, is_superuser=True)
    return login_with_mfa(admin), admin


def test_the_admin_never_shows_originals_and_its_reads_are_in_the_authors_log(region, admin_client):
    orgs, people = region
    client, admin = admin_client
    draft = ExperienceFactory(
        organisation=orgs["brug"],
        author=people["sam"],
        title_original="Geheime titel van Sam",
        text_original="Mijn buurman Henk Geheim sloeg mij.",
    )
    changelist = client.get(reverse("admin:knowledge_experience_changelist"))
    assert changelist.status_code == 200
    response = client.get(reverse("admin:knowledge_experience_change", args=[draft.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Geheime titel" not in body and "Henk Geheim" not in body
    assert "Geheime titel" not in changelist.content.decode()
    entry = AccessLog.objects.get(object_id=str(draft.pk), action=AccessAction.READ)
    assert entry.actor == admin and entry.detail == services.ADMIN_READ_DETAIL
    log = login(Client(), people["sam"]).get(reverse("knowledge:access_log")).content.decode()
    assert "platformbeheer" in log
    # Read-only: no change, no delete through the admin.
    assert client.post(
        reverse("admin:knowledge_experience_delete", args=[draft.pk]), {"post": "yes"}
    ).status_code in {403, 302}
    assert Experience.objects.filter(pk=draft.pk).exists()


# --- 17.8: exports run no formulas --------------------------------------------------------------


def test_a_formula_in_a_title_reaches_the_export_as_text(region):
    orgs, people = region
    formula = '=HYPERLINK("https://example.org";"Klik hier")'
    _shared(orgs["brug"], people["sam"], Visibility.NETWORK, shared_title=formula)
    client = login(Client(), people["ruben"])
    content = b"".join(client.get(reverse("knowledge:export")).streaming_content).decode()
    rows = list(csv.reader(io.StringIO(content.lstrip("\ufeff")), delimiter=";"))
    titles = [row[0] for row in rows[1:]]
    assert titles == ["'" + formula]
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


# --- 17.9: the audit log and private stories ------------------------------------------------------


def _entries(experience):
    return LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Experience), object_pk=str(experience.pk)
    ).order_by("pk")


def test_the_audit_log_shows_only_that_a_private_story_changed(region):
    orgs, people = region
    draft = ExperienceFactory(organisation=orgs["brug"], author=people["sam"], life_phase="jeugd")
    services.experience_update(
        experience=draft,
        editor=people["sam"],
        title="Nieuwe titel",
        text="Nieuwe tekst",
        life_phase="volwassen",
        revision=draft.revision,
    )
    Experience.objects.get(pk=draft.pk)
    draft.state = State.REVIEW
    draft.save()
    entries = list(_entries(draft))
    assert entries, "a change of a private story is still logged"
    for entry in entries:
        assert set(entry.changes_dict) == {"verhaal"}, entry.changes_dict
        assert "jeugd" not in str(entry.changes) and "review" not in str(entry.changes)
    # The organisation's audit page shows the masked line.
    admin = UserFactory()
    MembershipFactory(user=admin, organisation=orgs["brug"], role=Role.ORGANISATION_ADMIN)
    page = login(Client(), admin).get(reverse("accounts:audit_log")).content.decode()
    assert "privé verhaal gewijzigd" in page and "volwassen" not in page


def test_the_audit_log_shows_what_changed_when_a_story_is_shared(region):
    orgs, people = region
    story = ExperienceFactory(organisation=orgs["brug"], author=people["sam"], shared=True)
    story.visibility = Visibility.NETWORK
    story.save()
    assert "visibility" in _entries(story).last().changes_dict


def test_logging_excerpts_costs_two_queries_whatever_the_number_of_hits(
    region, django_assert_num_queries
):
    orgs, people = region
    stories = [
        _shared(orgs["brug"], people["sam"], Visibility.NETWORK, shared_text=LONG_STORY)
        for _ in range(10)
    ]
    excerpts = [(story, f"fragment {n} van een verhaal") for n, story in enumerate(stories)]
    with django_assert_num_queries(2):  # the day's budget read, one bulk insert
        allowed = services.experience_excerpts_release(
            user=people["ruben"], organisation=orgs["opweg"], excerpts=excerpts, kind="zoeken"
        )
    assert allowed == {story.pk for story in stories}
    assert AccessLog.objects.filter(action="read").count() == 10
