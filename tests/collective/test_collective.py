"""Wij-kennis: codebook history and undo, coding on shared text, withdrawal and re-share,
the publish rule (pages and API), network reach and ask."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from kwartier.accounts.models import Role
from kwartier.collective import selectors, services
from kwartier.collective.models import Code, Coding, CodingStatus, InsightStatus
from kwartier.knowledge import public as knowledge
from kwartier.knowledge.models import Visibility
from kwartier.knowledge.services import sharing
from tests.collective.factories import code_in, coding_on, shared_story
from tests.factories import (
    MembershipFactory,
    NetworkFactory,
    OrganisationFactory,
    UserFactory,
    api_auth,
)

TEXTS = [
    "Ik opende de brieven niet meer. De schulden groeiden elke maand.",
    "Mijn schulden maakten me eenzaam. Niemand wist ervan.",
    "Door de schuldhulp kreeg ik rust. Eindelijk overzicht.",
    "De deurwaarder stond voor de deur. Ik schaamde me voor de schulden.",
]


@pytest.fixture
def network_setup(db):
    network = NetworkFactory(name="Regio Test", slug="regio-test")
    home = OrganisationFactory(name="Welzijn Thuis", slug="thuis")
    other = OrganisationFactory(name="Stichting Ander", slug="ander")
    for org in (home, other):
        org.networks.add(network)
    coder1, coder2, pro = UserFactory(), UserFactory(), UserFactory()
    MembershipFactory(user=coder1, organisation=home, role=Role.EXPERIENCE_WORKER)
    MembershipFactory(user=coder2, organisation=other, role=Role.KWARTIERMAKER)
    MembershipFactory(user=pro, organisation=other, role=Role.EMPLOYEE)
    tellers = [UserFactory() for _ in TEXTS]
    for teller in tellers:
        MembershipFactory(user=teller, organisation=home, role=Role.EXPERIENCE_WORKER)
    stories = [
        shared_story(home, author=t, text=text, visibility=Visibility.NETWORK)
        for t, text in zip(tellers, TEXTS, strict=True)
    ]
    codebook = services.codebook_create(name="Netwerk", by=coder1, network=network)
    code = code_in(codebook, coder1, "Geldzorgen", definition="Schulden, rekeningen, armoede")
    return {
        "network": network,
        "home": home,
        "other": other,
        "coder1": coder1,
        "coder2": coder2,
        "pro": pro,
        "tellers": tellers,
        "stories": stories,
        "codebook": codebook,
        "code": code,
    }


def test_codebook_rename_move_merge_retire_undo(network_setup):
    s = network_setup
    user, codebook, code = s["coder1"], s["codebook"], s["code"]
    parent = code_in(codebook, user, "Bestaanszekerheid")
    services.code_edit(code=code, by=user, name="Geld")
    services.code_move(code=code, by=user, parent=parent)
    with pytest.raises(ValidationError):
        services.code_move(code=parent, by=user, parent=code)  # no cycles
    other = code_in(codebook, user, "Schulden")
    coding = coding_on(s["stories"][0], other, user, s["home"])
    services.code_merge(code=other, into=code, by=user)
    coding.refresh_from_db()
    assert coding.code_id == code.pk
    kinds = list(code.changes.values_list("kind", flat=True))
    assert {"created", "renamed", "moved"} <= set(kinds)
    # undo the merge: the coding goes back, the code is in use again
    change = selectors.last_undoable_change(codebook=codebook)
    assert change.kind == "merged"
    services.change_undo(change=change, by=user)
    coding.refresh_from_db()
    other.refresh_from_db()
    assert coding.code_id == other.pk and other.is_active
    services.code_retire(code=other, by=user)
    with pytest.raises(ValidationError):
        coding_on(s["stories"][1], other, user, s["home"])


def test_undo_of_creation_is_refused_once_coded(network_setup):
    s = network_setup
    fresh = code_in(s["codebook"], s["coder1"], "Nieuw")
    coding_on(s["stories"][0], fresh, s["coder1"], s["home"])
    change = selectors.last_undoable_change(codebook=s["codebook"])
    with pytest.raises(ValidationError):
        services.change_undo(change=change, by=s["coder1"])
    assert Code.objects.filter(pk=fresh.pk).exists()


def test_coding_uses_the_shared_text_only(network_setup):
    s = network_setup
    story = knowledge.shared_story_by_id(experience_id=s["stories"][0].pk)
    coding = services.coding_create(
        story=story, code=s["code"], coder=s["coder1"], organisation=s["home"], start=0, end=31
    )
    assert coding.quote == "Ik opende de brieven niet meer."
    with pytest.raises(ValidationError):
        services.coding_create(
            story=story,
            code=s["code"],
            coder=s["coder1"],
            organisation=s["home"],
            start=10,
            end=10_000,
        )


def _publishable(s, n=3):
    insight = services.insight_create(
        codebook=s["codebook"],
        organisation=s["home"],
        by=s["coder1"],
        statement="Schulden maken eenzaam en stil.",
        code=s["code"],
    )
    for story in s["stories"][:n]:
        coding = coding_on(story, s["code"], s["coder1"], s["home"])
        services.evidence_add(insight=insight, coding=coding, by=s["coder1"], stance="supports")
    return insight


def test_publish_rule_review_and_withdrawal_sends_back_to_review(network_setup):
    s = network_setup
    insight = _publishable(s, n=2)
    with pytest.raises(ValidationError) as refused:
        services.insight_publish(insight=insight, by=s["coder1"])
    assert "2 van de 3" in " ".join(refused.value.messages)
    with pytest.raises(ValidationError):  # the author cannot review their own insight
        services.insight_review(insight=insight, reviewer=s["coder1"])
    services.insight_review(insight=insight, reviewer=s["coder2"], note="Klopt.")
    coding = coding_on(s["stories"][2], s["code"], s["coder1"], s["home"])
    services.evidence_add(insight=insight, coding=coding, by=s["coder1"], stance="supports")
    insight = services.insight_publish(insight=insight, by=s["coder1"])
    assert insight.status == InsightStatus.PUBLISHED
    # the teller of story 0 withdraws it: its codings go, the insight goes back to review
    first = s["stories"][0]
    sharing.experience_withdraw(experience=first, user=s["tellers"][0])
    assert not Coding.objects.filter(experience_id=first.pk).exists()
    insight.refresh_from_db()
    assert insight.status == InsightStatus.REVIEW
    assert "ingetrokken" in insight.review_note and "2 van de 3" in insight.review_note


def test_reshare_keeps_same_text_and_reanchors_or_flags(network_setup):
    s = network_setup
    story = s["stories"][0]
    coding = coding_on(story, s["code"], s["coder1"], s["home"], quote="De schulden groeiden")
    services.story_reshared(
        experience_id=story.pk,
        shared_hash=story.shared_hash,
        story=knowledge.shared_story_by_id(experience_id=story.pk),
    )
    coding.refresh_from_db()
    assert coding.status == CodingStatus.VALID and coding.start == 32
    story.shared_text = "Eerst iets nieuws. " + story.shared_text
    story.shared_hash = "1" * 64
    story.save()
    services.story_reshared(
        experience_id=story.pk,
        shared_hash=story.shared_hash,
        story=knowledge.shared_story_by_id(experience_id=story.pk),
    )
    coding.refresh_from_db()
    assert coding.start == 51 and coding.status == CodingStatus.VALID
    story.shared_text = "Een heel ander verhaal nu."
    story.shared_hash = "2" * 64
    story.save()
    services.story_reshared(
        experience_id=story.pk,
        shared_hash=story.shared_hash,
        story=knowledge.shared_story_by_id(experience_id=story.pk),
    )
    coding.refresh_from_db()
    assert coding.status == CodingStatus.FLAGGED


def test_api_publish_refused_with_field_and_detail_then_ask_from_other_org(network_setup):
    s = network_setup
    insight = _publishable(s, n=2)
    services.insight_review(insight=insight, reviewer=s["coder2"])
    client = Client()
    url = reverse("insight-publish", args=[insight.pk])
    refused = client.post(url, **api_auth(s["coder1"]))
    assert refused.status_code == 400
    assert refused.json()["field"] == "evidence" and "vertellers" in refused.json()["detail"]
    coding = coding_on(s["stories"][3], s["code"], s["coder2"], s["other"])
    added = client.post(
        reverse("insight-evidence", args=[insight.pk]),
        {"coding": coding.pk, "stance": "supports"},
        content_type="application/json",
        **api_auth(s["coder1"]),
    )
    assert added.status_code == 201
    assert client.post(url, **api_auth(s["coder1"])).status_code == 200
    # a professional of the other organisation in the network asks
    answer = client.get(
        reverse("knowledge-ask") + "?q=geldproblemen schulden", **api_auth(s["pro"])
    )
    assert answer.status_code == 200
    body = answer.json()
    assert body["insights"][0]["id"] == insight.pk and body["insights"][0]["tellers"] == 3
    assert body["fragments"]
    assert client.get(reverse("knowledge-ask") + "?q=", **api_auth(s["pro"])).json()["field"] == "q"


def test_pages_code_by_sentence_and_quote_and_agreement(network_setup):
    s = network_setup
    client = Client()
    client.force_login(s["coder1"])
    url = reverse("collective:code_story", args=[s["codebook"].pk, s["stories"][0].pk])
    page = client.get(url)
    assert page.status_code == 200 and "[2]" in page.content.decode()
    client.post(url, {"action": "sentences", "zin-code": s["code"].pk, "zin-first": 2})
    assert Coding.objects.get(coder=s["coder1"]).quote == "De schulden groeiden elke maand."
    bad = client.post(
        url,
        {
            "action": "quote",
            "passage-code": s["code"].pk,
            "passage-quote": "staat er niet in, echt niet",
        },
    )
    assert bad.status_code == 200 and "staat niet in het gedeelde verhaal" in bad.content.decode()
    second = Client()
    second.force_login(s["coder2"])
    second.post(
        url,
        {
            "action": "quote",
            "passage-code": s["code"].pk,
            "passage-quote": "De schulden groeiden elke maand.",
        },
    )
    assert Coding.objects.count() == 2
    report = client.get(reverse("collective:agreement", args=[s["codebook"].pk]))
    assert report.status_code == 200 and "Cohens kappa" in report.content.decode()


def test_outside_the_network_nothing_is_reachable(network_setup, tenant_b):
    s = network_setup
    insight = _publishable(s)
    services.insight_review(insight=insight, reviewer=s["coder2"])
    services.insight_publish(insight=insight, by=s["coder1"])
    client = Client()
    auth = api_auth(tenant_b.manager)
    answer = client.get(reverse("knowledge-ask") + "?q=schulden", **auth).json()
    assert answer["insights"] == [] and answer["fragments"] == []
    assert client.get(reverse("insight-detail", args=[insight.pk]), **auth).status_code == 404
    assert (
        client.get(reverse("codebook-detail", args=[s["codebook"].pk]), **auth).status_code == 404
    )
    created = client.post(
        reverse("coding-list"),
        {"code": s["code"].pk, "experience_id": s["stories"][0].pk, "start": 0, "end": 5},
        content_type="application/json",
        **auth,
    )
    assert created.status_code == 400 and created.json().get("code")
    assert Coding.objects.filter(coder=tenant_b.manager).count() == 0


def test_api_coding_by_offsets_and_bad_span(network_setup):
    s = network_setup
    client = Client()
    auth = api_auth(s["coder2"])
    url = reverse("coding-list")
    body = {"code": s["code"].pk, "experience_id": s["stories"][1].pk, "start": 0, "end": 29}
    made = client.post(url, body, content_type="application/json", **auth)
    assert made.status_code == 201 and made.json()["quote"] == "Mijn schulden maakten me eenz"
    bad = client.post(url, {**body, "end": 9999}, content_type="application/json", **auth)
    assert bad.status_code == 400 and bad.json()["field"] == "start"


def test_pages_memos_merge_and_self_signification(network_setup):
    s = network_setup
    client = Client()
    client.force_login(s["coder1"])
    coding = coding_on(s["stories"][0], s["code"], s["coder1"], s["home"])
    url = reverse("collective:code_story", args=[s["codebook"].pk, s["stories"][0].pk])
    client.post(
        url, {"action": "memo", "memo-text": "Schaamte zit hier ook in.", "memo-coding": coding.pk}
    )
    client.post(url, {"action": "memo", "memo-text": "Sterk verhaal over post."})
    assert coding.memos.get().text == "Schaamte zit hier ook in."
    assert "Sterk verhaal over post." in client.get(url).content.decode()
    other = code_in(s["codebook"], s["coder1"], "Schulden")
    edit = reverse("collective:code_edit", args=[other.pk])
    client.post(edit, {"action": "memo", "memo-text": "Overlapt met Geldzorgen."})
    client.post(edit, {"action": "merge", "merge-into": s["code"].pk})
    other.refresh_from_db()
    assert other.merged_into_id == s["code"].pk and other.memos.count() == 1
    undo = reverse("collective:change_undo", args=[s["codebook"].pk])
    assert "Samengevoegd" in client.get(undo).content.decode()
    client.post(undo)
    other.refresh_from_db()
    assert other.merged_into_id is None
    # the teller gives her own meaning; coders see it apart from their codes
    teller = Client()
    teller.force_login(s["tellers"][0])
    meaning = reverse("collective:meaning_edit", args=[s["stories"][0].pk])
    teller.post(meaning, {"themes": ["geld", "hoop"], "tone": "hoopvol", "message": "Kom langs."})
    page = client.get(url).content.decode()
    assert "Betekenis volgens de verteller zelf" in page and "Kom langs." in page
    # someone else's story is not theirs to give meaning to
    assert (
        teller.get(reverse("collective:meaning_edit", args=[s["stories"][1].pk])).status_code == 404
    )


def test_fragments_shown_to_others_are_logged_for_their_authors(network_setup):
    from kwartier.core.models import AccessLog

    s = network_setup
    insight = _publishable(s)
    services.insight_review(insight=insight, reviewer=s["coder2"])
    services.insight_publish(insight=insight, by=s["coder1"])
    client = Client()
    client.force_login(s["pro"])
    before = AccessLog.objects.filter(actor=s["pro"]).count()
    page = client.get(reverse("collective:insight", args=[insight.pk])).content.decode()
    assert "Ik opende de brieven niet meer" in page
    logged = AccessLog.objects.filter(actor=s["pro"]).exclude(pk__lte=0)
    assert logged.count() - before == 3  # one excerpt per story, in each author's log
    assert set(logged.values_list("subject_id", flat=True)) >= {t.pk for t in s["tellers"][:3]}


def test_supersede_by_a_newer_insight_page_and_api(network_setup):
    s = network_setup
    old = _publishable(s)
    services.insight_review(insight=old, reviewer=s["coder2"])
    services.insight_publish(insight=old, by=s["coder1"])
    newer = services.insight_create(
        codebook=s["codebook"], organisation=s["home"], by=s["coder1"], statement="Nieuwer."
    )
    client = Client()
    url = reverse("insight-supersede", args=[old.pk])
    refused = client.post(
        url, {"superseded_by": newer.pk}, content_type="application/json", **api_auth(s["pro"])
    )
    assert refused.status_code == 403
    done = client.post(
        url, {"superseded_by": newer.pk}, content_type="application/json", **api_auth(s["coder2"])
    )
    assert done.status_code == 200 and done.json()["status"] == "superseded"
    assert done.json()["superseded_by"] == newer.pk
