"""The path to sharing, as the author goes through it: write, find identifiers, review,
publish with consent, edit, withdraw, erase."""

from __future__ import annotations

import re

import pytest
from auditlog.models import LogEntry
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse

from kwartier.accounts.models import Role
from kwartier.core.models import AccessLog, Job, JobState
from kwartier.knowledge import services
from kwartier.knowledge.index import search_backend
from kwartier.knowledge.models import (
    ConsentKind,
    ConsentRecord,
    Decision,
    Experience,
    RedactionSuggestion,
    State,
    SuggestionOrigin,
    Visibility,
)
from kwartier.knowledge.public import story_shared, story_unshared
from kwartier.knowledge.search.base import Scope, SearchQuery
from kwartier.knowledge.selectors import experience_share_preview
from kwartier.knowledge.tasks import deidentify_experiences
from tests.factories import MembershipFactory, NetworkFactory, UserFactory
from tests.knowledge.fixtures import STORY, share_story

pytestmark = pytest.mark.usefixtures("search_index")


@pytest.fixture
def writer(tenant_a):
    user = UserFactory(email="sam@alfa.example.nl", full_name="Sam de Vries")
    MembershipFactory(user=user, organisation=tenant_a.organisation, role=Role.EXPERIENCE_WORKER)
    return user


def _draft(tenant_a, writer, text=STORY):
    return services.experience_create(
        organisation=tenant_a.organisation, author=writer, title="Hoe Jan mij hielp", text=text
    )


def _search(text, organisation_ids=(), network_ids=()):
    scope = Scope(frozenset(organisation_ids), frozenset(network_ids))
    return search_backend().search(SearchQuery(text=text, scope=scope))


def test_a_new_story_is_a_private_draft_with_a_first_version(tenant_a, writer):
    experience = _draft(tenant_a, writer)
    assert experience.state == State.DRAFT and experience.visibility == Visibility.PRIVATE
    assert not experience.is_shared
    assert experience.versions.get().number == 1
    assert experience.versions.get().text == STORY


def test_a_story_needs_a_title_and_nothing_is_saved_without_one(tenant_a, writer):
    with pytest.raises(ValidationError) as error:
        services.experience_create(
            organisation=tenant_a.organisation, author=writer, title="  ", text="x"
        )
    assert "Geef het verhaal een titel." in error.value.messages
    assert not Experience.objects.exists()


def test_original_text_and_title_are_encrypted_in_the_database(tenant_a, writer):
    experience = _draft(tenant_a, writer)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT title_original, text_original FROM knowledge_experience WHERE id = %s",
            [experience.pk],
        )
        title, text = cursor.fetchone()
        cursor.execute(
            "SELECT title, text FROM knowledge_experienceversion WHERE experience_id = %s",
            [experience.pk],
        )
        version_title, version_text = cursor.fetchone()
    for stored in (title, text, version_title, version_text):
        # Whole phrases: a short word like "Jan" turns up in random base64 now and then.
        assert "Jan de Vries" not in stored and "schulden liepen" not in stored
        assert stored.startswith("gAAAA")  # a Fernet token
    assert Experience.objects.get(pk=experience.pk).text_original == STORY


def test_suggestion_originals_and_narrator_names_are_encrypted(tenant_a, writer, engine):
    experience = _draft(tenant_a, writer)
    job = services.experience_deidentify_request(experience=experience, user=writer)
    deidentify_experiences.call(str(job.pk), [experience.pk])
    with connection.cursor() as cursor:
        cursor.execute("SELECT original FROM knowledge_redactionsuggestion")
        stored = [row[0] for row in cursor.fetchall()]
    assert stored and all("Jan" not in s and "Beekdal" not in s for s in stored)


def test_deidentification_job_finds_identifiers_and_moves_the_story_to_review(
    tenant_a, writer, engine, django_capture_on_commit_callbacks, immediate_tasks
):
    experience = _draft(tenant_a, writer)
    with django_capture_on_commit_callbacks(execute=True):
        job = services.experience_deidentify_request(experience=experience, user=writer)
    experience.refresh_from_db()
    job.refresh_from_db()
    assert experience.state == State.REVIEW
    assert job.state == JobState.DONE and job.done == job.total == 1
    found = {(s.original, s.label) for s in experience.suggestions.all()}
    assert ("Jan de Vries", "PERSON") in found and ("06-12345678", "PHONE") in found
    assert ("Jan", "PERSON") in found  # the title ("Hoe Jan mij hielp") is checked too
    assert all(s.decision == Decision.PENDING for s in experience.suggestions.all())


def test_running_the_deidentification_job_twice_changes_nothing(tenant_a, writer, engine):
    experience = _draft(tenant_a, writer)
    job = services.experience_deidentify_request(experience=experience, user=writer)
    deidentify_experiences.call(str(job.pk), [experience.pk])
    first = sorted(RedactionSuggestion.objects.values_list("start", "end", "label"))
    Job.objects.filter(pk=job.pk).update(state=JobState.RUNNING)
    deidentify_experiences.call(str(job.pk), [experience.pk])
    assert sorted(RedactionSuggestion.objects.values_list("start", "end", "label")) == first


def test_an_edit_during_the_job_discards_its_now_misplaced_suggestions(tenant_a, writer, engine):
    experience = _draft(tenant_a, writer)
    job = services.experience_deidentify_request(experience=experience, user=writer)
    services.experience_update(
        experience=experience,
        revision=None,
        editor=writer,
        title="Hoe Jan mij hielp",
        text="Nieuw begin. " + STORY,
    )
    deidentify_experiences.call(str(job.pk), [experience.pk])
    experience.refresh_from_db()
    assert experience.state == State.DRAFT
    assert not experience.suggestions.exists()


def test_a_failing_engine_hands_the_story_back_as_draft(tenant_a, writer, monkeypatch):
    from kwartier.knowledge import tasks

    def broken():
        raise RuntimeError("cache missing")

    monkeypatch.setattr(tasks, "engine", broken)
    experience = _draft(tenant_a, writer)
    job = services.experience_deidentify_request(experience=experience, user=writer)
    with pytest.raises(RuntimeError):
        deidentify_experiences.call(str(job.pk), [experience.pk])
    experience.refresh_from_db()
    job.refresh_from_db()
    assert experience.state == State.DRAFT and job.state == JobState.FAILED


def test_an_empty_story_cannot_be_checked(tenant_a, writer):
    experience = _draft(tenant_a, writer, text="")
    with pytest.raises(ValidationError):
        services.experience_deidentify_request(experience=experience, user=writer)


def _in_review(tenant_a, writer):
    experience = _draft(tenant_a, writer)
    job = services.experience_deidentify_request(experience=experience, user=writer)
    deidentify_experiences.call(str(job.pk), [experience.pk])
    experience.refresh_from_db()
    return experience


def _suggestion(experience, original):
    """Find a suggestion by its text (encrypted: not something the database can filter on)."""
    return next(s for s in experience.suggestions.all() if s.original == original)


def test_review_accepts_rejects_and_adds_text_found_by_the_author(tenant_a, writer, engine):
    experience = _in_review(tenant_a, writer)
    place = _suggestion(experience, "Beekdal")
    services.experience_review_save(
        experience=experience,
        user=writer,
        decisions={place.pk: False},
        extra_phrases=["wijkteam"],
        extra_label="ORGANISATION",
    )
    place.refresh_from_db()
    assert place.decision == Decision.REJECTED
    added = experience.suggestions.get(origin=SuggestionOrigin.AUTHOR)
    assert added.original == "wijkteam" and added.label == "ORGANISATION"
    from kwartier.knowledge.selectors import experience_preview

    preview = experience_preview(experience=experience)
    assert "Beekdal" in preview.text  # the author chose to keep it
    assert "[ORGANISATIE 1]" in preview.text and "06-12345678" not in preview.text
    assert preview.title == "Hoe [PERSOON 1] mij hielp"  # one numbering for title and text
    assert "Zonder [PERSOON 1] was" in preview.text


def test_review_with_words_that_are_not_in_the_story_changes_nothing(tenant_a, writer, engine):
    experience = _in_review(tenant_a, writer)
    place = _suggestion(experience, "Beekdal")
    with pytest.raises(ValidationError) as error:
        services.experience_review_save(
            experience=experience,
            user=writer,
            decisions={place.pk: False},
            extra_phrases=["Amsterdam"],
        )
    assert "„Amsterdam” staat niet letterlijk in uw titel of verhaal." in error.value.messages
    place.refresh_from_db()
    assert place.decision == Decision.PENDING
    assert not experience.suggestions.filter(origin=SuggestionOrigin.AUTHOR).exists()


def test_surrogates_replace_consistently_within_the_story(tenant_a, writer, engine):
    experience = _in_review(tenant_a, writer)
    services.experience_review_save(
        experience=experience, user=writer, decisions={}, mode="surrogates"
    )
    experience.refresh_from_db()
    from kwartier.knowledge.selectors import experience_preview

    preview = experience_preview(experience=experience)
    assert "Jan" not in preview.text and "[PERSOON" not in preview.text
    assert "06-12345678" not in preview.text


def test_publishing_needs_explicit_consent(tenant_a, writer, engine):
    experience = _in_review(tenant_a, writer)
    with pytest.raises(ValidationError) as error:
        services.experience_publish(
            experience=experience,
            user=writer,
            visibility="organisation",
            purposes=["kennis"],
            preview_hash=experience_share_preview(experience=experience).hash,
            consent_given=False,
        )
    assert "Geef toestemming door het vakje aan te vinken." in error.value.messages
    experience.refresh_from_db()
    assert experience.state == State.REVIEW and not experience.is_shared
    assert not ConsentRecord.objects.exists()


def test_a_draft_cannot_be_published_before_review(tenant_a, writer):
    experience = _draft(tenant_a, writer)
    with pytest.raises(ValidationError):
        services.experience_publish(
            experience=experience,
            user=writer,
            visibility="organisation",
            purposes=["kennis"],
            preview_hash=experience_share_preview(experience=experience).hash,
            consent_given=True,
        )


def test_network_reach_needs_a_network(tenant_a, writer, engine):
    experience = _in_review(tenant_a, writer)
    with pytest.raises(ValidationError) as error:
        services.experience_publish(
            experience=experience,
            user=writer,
            visibility="network",
            purposes=["kennis"],
            preview_hash=experience_share_preview(experience=experience).hash,
            consent_given=True,
        )
    assert "Kies met wie u het verhaal deelt." in error.value.messages


def test_publishing_stores_only_the_approved_text_and_proof_of_consent(
    tenant_a, writer, engine, django_capture_on_commit_callbacks, immediate_tasks
):
    experience = _in_review(tenant_a, writer)
    with django_capture_on_commit_callbacks(execute=True):
        experience = services.experience_publish(
            experience=experience,
            user=writer,
            visibility="organisation",
            purposes=["kennis", "scholing"],
            preview_hash=experience_share_preview(experience=experience).hash,
            consent_given=True,
        )
    assert experience.is_shared and experience.state == State.PUBLISHED
    for identifier in ("Jan", "Beekdal", "06-12345678"):
        assert identifier not in experience.shared_text + experience.shared_title
    consent = ConsentRecord.objects.get(kind=ConsentKind.PUBLICATION)
    assert consent.scope == "organisation" and consent.purposes == ["kennis", "scholing"]
    assert consent.text_hash == experience.shared_hash and consent.given_by == writer
    assert consent.text_version == 1
    # The index job ran (immediate backend): colleagues find it by another word form.
    page = _search("schuld", organisation_ids=[tenant_a.organisation.pk])
    assert [hit.id for hit in page.hits] == [str(experience.pk)]
    assert "Jan" not in "".join(text for text, _m in page.hits[0].body_snippet)


def test_editing_a_shared_story_keeps_the_approved_version_until_reapproved(
    tenant_a, writer, engine
):
    experience = share_story(organisation=tenant_a.organisation, author=writer)
    shared_text = experience.shared_text
    services.experience_update(
        experience=experience,
        revision=None,
        editor=writer,
        title="Hoe Jan mij hielp",
        text=STORY + " Nu werk ik zelf in Beekdal.",
    )
    experience.refresh_from_db()
    assert experience.state == State.DRAFT and experience.is_shared
    assert experience.has_pending_revision
    assert experience.shared_text == shared_text
    assert experience.versions.count() == 2
    job = services.experience_deidentify_request(experience=experience, user=writer)
    deidentify_experiences.call(str(job.pk), [experience.pk])
    experience.refresh_from_db()
    services.experience_publish(
        experience=experience,
        user=writer,
        visibility="organisation",
        purposes=["kennis"],
        preview_hash=experience_share_preview(experience=experience).hash,
        consent_given=True,
    )
    experience.refresh_from_db()
    assert experience.shared_text.endswith("Nu werk ik zelf in [PLAATS 1].")
    assert ConsentRecord.objects.filter(kind=ConsentKind.PUBLICATION).count() == 2


def test_quick_autosaves_of_one_form_fold_into_one_version(tenant_a, writer):
    experience = _draft(tenant_a, writer)
    for ending in ("a", "ab", "abc"):
        experience = services.experience_update(
            experience=experience,
            editor=writer,
            title="Titel",
            text=STORY + ending,
            revision=experience.revision,
            edit_session="tab-1",
        )
    # The version written at creation, then one for the whole autosave run.
    assert experience.versions.count() == 2
    assert experience.versions.first().text == STORY + "abc"


def test_withdrawal_removes_the_story_from_the_index_at_once_and_keeps_the_proof(
    tenant_a, writer, engine
):
    experience = share_story(organisation=tenant_a.organisation, author=writer)
    assert _search("schuld", organisation_ids=[tenant_a.organisation.pk]).total == 1
    services.experience_withdraw(experience=experience, user=writer)
    # No job ran: the index entry is gone before the service returns.
    assert _search("schuld", organisation_ids=[tenant_a.organisation.pk]).total == 0
    assert search_backend().count() == 0
    experience.refresh_from_db()
    assert experience.state == State.WITHDRAWN and not experience.is_shared
    assert experience.shared_text == "" and experience.visibility == Visibility.PRIVATE
    kinds = sorted(ConsentRecord.objects.values_list("kind", flat=True))
    assert kinds == ["publication", "withdrawal"]
    withdrawal = ConsentRecord.objects.get(kind="withdrawal")
    assert withdrawal.text_hash == ConsentRecord.objects.get(kind="publication").text_hash
    assert experience.text_original == STORY  # the author keeps their own text


def test_withdrawal_is_gone_from_pages_api_search_and_export(tenant_a, writer, engine, client):
    from tests.conftest import login
    from tests.factories import api_auth

    experience = share_story(organisation=tenant_a.organisation, author=writer)
    reader = login(client, tenant_a.member)
    auth = api_auth(tenant_a.member)
    detail = reverse("knowledge:detail", args=[experience.pk])
    api_detail = reverse("shared-experience-detail", args=[experience.pk])
    assert reader.get(detail).status_code == 200
    export = b"".join(reader.get(reverse("knowledge:export")).streaming_content).decode()
    assert "Hoe [PERSOON 1] mij hielp" in export

    services.experience_withdraw(experience=experience, user=writer)

    assert reader.get(detail).status_code == 404
    assert client.get(api_detail, **auth).status_code == 404
    assert client.get(reverse("shared-experience-list"), **auth).json()["count"] == 0
    search = client.get(reverse("knowledge-search"), {"q": "schuld"}, **auth).json()
    assert search["count"] == 0
    page = reader.get(reverse("knowledge:search"), {"q": "schuld"}).content.decode()
    assert "Geen verhalen gevonden" in page
    export = b"".join(reader.get(reverse("knowledge:export")).streaming_content).decode()
    assert export.count("\n") == 1  # the header row only


def test_a_withdrawn_story_cannot_be_withdrawn_again(tenant_a, writer, engine):
    experience = share_story(organisation=tenant_a.organisation, author=writer)
    services.experience_withdraw(experience=experience, user=writer)
    with pytest.raises(ValidationError):
        services.experience_withdraw(experience=experience, user=writer)


def test_erasing_a_shared_story_keeps_the_consent_records(tenant_a, writer, engine):
    experience = share_story(organisation=tenant_a.organisation, author=writer)
    public_id = experience.public_id
    services.experience_delete(experience=experience, user=writer)
    assert not Experience.objects.exists()
    assert search_backend().count() == 0
    records = ConsentRecord.objects.filter(experience_ref=public_id)
    assert sorted(r.kind for r in records) == ["publication", "withdrawal"]
    assert all(r.experience is None for r in records)


def test_recording_for_someone_needs_signed_consent_and_caps_the_reach(tenant_a, engine):
    network = NetworkFactory()
    tenant_a.organisation.networks.add(network)
    kwartiermaker = tenant_a.manager
    content = {
        "organisation": tenant_a.organisation,
        "recorded_by": kwartiermaker,
        "narrator_name": "R. de Graaf",
        "consent_date": __import__("datetime").date(2026, 1, 5),
        "consent_scope": "organisation",
        "purposes": ["kennis"],
        "title": "Opgetekend",
        "text": STORY,
    }
    with pytest.raises(ValidationError) as error:
        services.experience_record(consent_signed=False, **content)
    assert "consent_signed" in error.value.message_dict
    experience = services.experience_record(consent_signed=True, **content)
    assert experience.author is None and experience.is_recorded
    recording = ConsentRecord.objects.get(kind=ConsentKind.RECORDING)
    assert recording.given_by_name == "R. de Graaf"
    assert services.shareable_visibilities(experience) == ["organisation"]
    job = services.experience_deidentify_request(experience=experience, user=kwartiermaker)
    deidentify_experiences.call(str(job.pk), [experience.pk])
    experience.refresh_from_db()
    with pytest.raises(ValidationError):
        services.experience_publish(
            experience=experience,
            user=kwartiermaker,
            visibility="network",
            purposes=["kennis"],
            preview_hash=experience_share_preview(experience=experience).hash,
            consent_given=True,
        )


def test_the_audit_trail_never_holds_story_text(tenant_a, writer, engine):
    experience = share_story(organisation=tenant_a.organisation, author=writer)
    services.experience_withdraw(experience=experience, user=writer)
    entries = LogEntry.objects.all()
    assert entries.exists()
    everything = " ".join(str(e.changes) + str(e.serialized_data or "") for e in entries)
    # The factories give people random Dutch names ("Jan Jansen"); those are not story text.
    for user in get_user_model().objects.all():
        everything = everything.replace(user.full_name, "")
    for fragment in ("Jan", "schulden", "Beekdal", "PERSOON", "Hoe"):
        assert not re.search(rf"\b{fragment}\b", everything), fragment


def test_reads_by_others_are_logged_but_not_the_authors_own(tenant_a, writer, engine):
    experience = share_story(organisation=tenant_a.organisation, author=writer)
    services.experience_read_record(
        experience=experience, reader=writer, organisation=tenant_a.organisation
    )
    services.experience_read_record(
        experience=experience, reader=tenant_a.member, organisation=tenant_a.organisation
    )
    log = AccessLog.objects.get(action="read")
    assert log.actor == tenant_a.member and log.subject == writer
    assert log.object_type == "experience" and log.object_id == str(experience.pk)


@pytest.mark.django_db(transaction=True)
def test_withdrawal_and_sharing_are_announced_inside_the_transaction(tenant_a, writer, engine):
    """Receivers drop their references in the same transaction: at once, everywhere."""
    heard: list[tuple[str, int, bool]] = []

    def on_shared(sender, experience_id, organisation_id, shared_hash, **kwargs):
        heard.append(("shared", experience_id, connection.in_atomic_block))

    def on_unshared(sender, experience_id, organisation_id, **kwargs):
        heard.append(("unshared", experience_id, connection.in_atomic_block))

    story_shared.connect(on_shared)
    story_unshared.connect(on_unshared)
    try:
        experience = share_story(organisation=tenant_a.organisation, author=writer)
        services.experience_withdraw(experience=experience, user=writer)
    finally:
        story_shared.disconnect(on_shared)
        story_unshared.disconnect(on_unshared)
    assert [(kind, pk) for kind, pk, _ in heard] == [
        ("shared", experience.pk),
        ("unshared", experience.pk),
    ]
    assert all(in_transaction for _, _, in_transaction in heard)
