"""Two tabs, two colleagues, a double click: consent binds to the exact text the author
saw, no save silently replaces another, and nothing is written twice (issue 18)."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from kwartier.accounts.models import Role
from kwartier.knowledge import selectors, services
from kwartier.knowledge.models import (
    ConsentKind,
    ConsentRecord,
    Decision,
    Experience,
    RedactionSuggestion,
    State,
    SuggestionField,
    SuggestionOrigin,
)
from tests.conftest import login
from tests.factories import MembershipFactory, UserFactory
from tests.knowledge.factories import ExperienceFactory

pytestmark = pytest.mark.usefixtures("search_index")

TITLE = "Hoe Jan mij hielp"
TEXT = "Jan de Vries van het wijkteam belde me elke week. Zonder Jan was het niet gelukt."


@pytest.fixture
def writer(tenant_a):
    user = UserFactory(email="sam@alfa.example.nl")
    MembershipFactory(user=user, organisation=tenant_a.organisation, role=Role.EXPERIENCE_WORKER)
    return user


def in_review(organisation, author, *, title: str = TITLE, text: str = TEXT) -> Experience:
    """A story in review whose suggestions replace every "Jan de Vries" and "Jan"."""
    experience = ExperienceFactory(
        organisation=organisation,
        author=author,
        title_original=title,
        text_original=text,
        state=State.REVIEW,
    )
    for field, source in ((SuggestionField.TITLE, title), (SuggestionField.TEXT, text)):
        taken: list[tuple[int, int]] = []
        for phrase in ("Jan de Vries", "Jan"):
            for start, end in services.find_phrase(source, phrase):
                if any(s <= start < e for s, e in taken):
                    continue
                taken.append((start, end))
                RedactionSuggestion.objects.create(
                    experience=experience,
                    field=field,
                    start=start,
                    end=end,
                    label="PERSON",
                    original=source[start:end],
                    origin=SuggestionOrigin.ENGINE,
                )
    return experience


def _publish(experience, user, preview_hash, visibility="organisation"):
    return services.experience_publish(
        experience=experience,
        user=user,
        visibility=visibility,
        purposes=["kennis"],
        consent_given=True,
        preview_hash=preview_hash,
    )


# --- 18.1: published text equals the approved preview -----------------------------------------


def test_a_review_changed_after_the_preview_is_refused_and_nothing_is_shared(tenant_a, writer):
    experience = in_review(tenant_a.organisation, writer)
    seen = selectors.experience_share_preview(experience=experience)
    assert "Jan" not in seen.text and "[PERSOON 1]" in seen.text
    # Another tab keeps the name.
    services.experience_review_save(
        experience=experience,
        user=writer,
        decisions={s.pk: False for s in experience.suggestions.all()},
    )
    with pytest.raises(services.StalePreview) as refused:
        _publish(experience, writer, seen.hash)
    assert "veranderd sinds u het voorbeeld opende" in refused.value.messages[0]
    assert "Jan de Vries" in refused.value.fresh.text  # the fresh preview to show
    experience.refresh_from_db()
    assert experience.state == State.REVIEW and not experience.is_shared
    assert experience.shared_text == ""
    assert not ConsentRecord.objects.exists()


def test_an_edit_after_the_preview_is_refused(tenant_a, writer):
    experience = in_review(tenant_a.organisation, writer)
    seen = selectors.experience_share_preview(experience=experience)
    services.experience_update(
        experience=experience,
        editor=writer,
        title=TITLE,
        text=TEXT + " Bel Jan op 06-12345678.",
        revision=experience.revision,
    )
    with pytest.raises(ValidationError):
        _publish(experience, writer, seen.hash)
    assert not ConsentRecord.objects.exists()


def test_the_consent_record_holds_the_fingerprint_of_the_preview_the_author_saw(tenant_a, writer):
    experience = in_review(tenant_a.organisation, writer)
    seen = selectors.experience_share_preview(experience=experience)
    experience = _publish(experience, writer, seen.hash)
    consent = ConsentRecord.objects.get(kind=ConsentKind.PUBLICATION)
    assert consent.preview_hash == seen.hash
    assert (experience.shared_title, experience.shared_text) == (seen.title, seen.text)
    assert consent.text_hash == experience.shared_hash


def test_a_change_of_reach_needs_the_preview_of_the_current_reach(tenant_a, writer):
    experience = in_review(tenant_a.organisation, writer)
    _publish(experience, writer, selectors.experience_share_preview(experience=experience).hash)
    experience.refresh_from_db()
    before = selectors.experience_share_preview(experience=experience)
    # Another tab makes it public in the meantime.
    _publish(experience, writer, before.hash, visibility="public")
    experience.refresh_from_db()
    with pytest.raises(services.StalePreview):
        _publish(experience, writer, before.hash, visibility="organisation")
    experience.refresh_from_db()
    assert experience.visibility == "public"


def test_the_share_page_refuses_a_stale_preview_and_shows_the_fresh_one(tenant_a, writer):
    experience = in_review(tenant_a.organisation, writer)
    client = login(Client(), writer)
    url = reverse("knowledge:publish", args=[experience.pk])
    body = client.get(url).content.decode()
    old_hash = re.search(r'name="preview_hash" value="([0-9a-f]{64})"', body).group(1)
    assert "Jan de Vries" not in body
    services.experience_review_save(
        experience=experience,
        user=writer,
        decisions={s.pk: False for s in experience.suggestions.all()},
    )
    response = client.post(
        url,
        {
            "visibility": "organisation",
            "purposes": ["kennis"],
            "consent": "on",
            "preview_hash": old_hash,
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "veranderd sinds u het voorbeeld opende" in body
    assert "Jan de Vries" in body  # the fresh preview, to consent to again (or not)
    new_hash = re.search(r'name="preview_hash" value="([0-9a-f]{64})"', body).group(1)
    assert new_hash != old_hash
    assert 'name="consent" checked' not in body
    assert not ConsentRecord.objects.exists()


# --- 18.4: publishing twice writes one consent ---------------------------------------------------


def test_the_same_publish_request_twice_shares_once(tenant_a, writer):
    experience = in_review(tenant_a.organisation, writer)
    seen = selectors.experience_share_preview(experience=experience)
    _publish(experience, writer, seen.hash)
    again = _publish(experience, writer, seen.hash)
    assert again.is_shared
    assert ConsentRecord.objects.filter(kind=ConsentKind.PUBLICATION).count() == 1


# --- 18.2: optimistic concurrency and the version history -------------------------------------


def _update(experience, editor, text, revision, session=""):
    return services.experience_update(
        experience=experience,
        editor=editor,
        title=TITLE,
        text=text,
        revision=revision,
        edit_session=session,
    )


def test_a_save_from_a_stale_form_is_a_conflict_and_changes_nothing(tenant_a, writer):
    experience = ExperienceFactory(organisation=tenant_a.organisation, author=writer)
    opened = experience.revision
    _update(experience, writer, "Tekst uit tab 1", opened, "tab-1")
    with pytest.raises(services.EditConflict) as conflict:
        _update(experience, writer, "Tekst uit tab 2", opened, "tab-2")
    assert conflict.value.current.text_original == "Tekst uit tab 1"
    experience.refresh_from_db()
    assert experience.text_original == "Tekst uit tab 1"
    assert experience.revision == opened + 1


def test_a_save_from_another_tab_never_folds_away_the_text_it_replaced(tenant_a, writer):
    experience = ExperienceFactory(organisation=tenant_a.organisation, author=writer)
    first = _update(experience, writer, "Tekst uit tab 1", experience.revision, "tab-1")
    # Tab 2 saw the conflict and chose to keep its own text, a minute later.
    _update(experience, writer, "Tekst uit tab 2", first.revision, "tab-2")
    texts = [v.text for v in selectors.version_list(experience=experience)]
    assert texts == ["Tekst uit tab 2", "Tekst uit tab 1"]


def test_the_same_text_sent_again_from_a_stale_form_is_no_conflict(tenant_a, writer):
    experience = ExperienceFactory(organisation=tenant_a.organisation, author=writer)
    opened = experience.revision
    _update(experience, writer, "Zelfde tekst", opened)
    _update(experience, writer, "Zelfde tekst", opened)  # a double submit
    experience.refresh_from_db()
    assert experience.text_original == "Zelfde tekst"


def test_the_edit_page_shows_both_texts_on_a_conflict_and_saving_keeps_mine(tenant_a, writer):
    experience = ExperienceFactory(organisation=tenant_a.organisation, author=writer)
    tab1, tab2 = login(Client(), writer), login(Client(), writer)
    url = reverse("knowledge:edit", args=[experience.pk])

    def form_of(client):
        body = client.get(url).content.decode()
        revision = re.search(r'name="revision" value="(\d+)"', body).group(1)
        session = re.search(r'name="edit_session" value="([0-9a-f]+)"', body).group(1)
        return {"title": TITLE, "language": "nl", "revision": revision, "edit_session": session}

    form1, form2 = form_of(tab1), form_of(tab2)
    assert form1["edit_session"] != form2["edit_session"]
    assert tab1.post(url, {**form1, "text": "Tekst uit tab 1"}).status_code == 302
    response = tab2.post(url, {**form2, "text": "Tekst uit tab 2"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "intussen ook ergens anders opgeslagen" in body
    assert "Tekst uit tab 1" in body and "Tekst uit tab 2" in body
    experience.refresh_from_db()
    assert experience.text_original == "Tekst uit tab 1"
    # Saving the re-shown form is the choice "keep my text"; the other text stays a version.
    revision = re.search(r'name="revision" value="(\d+)"', body).group(1)
    assert (
        tab2.post(url, {**form2, "revision": revision, "text": "Tekst uit tab 2"}).status_code
        == 302
    )
    experience.refresh_from_db()
    assert experience.text_original == "Tekst uit tab 2"
    assert "Tekst uit tab 1" in [v.text for v in experience.versions.all()]


def test_autosave_from_a_stale_tab_does_not_overwrite(tenant_a, writer):
    experience = ExperienceFactory(organisation=tenant_a.organisation, author=writer)
    client = login(Client(), writer)
    url = reverse("knowledge:autosave", args=[experience.pk])
    opened = experience.revision
    tab1 = {"title": TITLE, "language": "nl", "revision": opened, "edit_session": "a" * 32}
    tab2 = {**tab1, "edit_session": "b" * 32}
    # Tab 1's autosaves follow each other on the revision its page was opened on.
    for text in ("Eerste", "Eerste en meer"):
        assert "Opgeslagen om" in client.post(url, {**tab1, "text": text}).content.decode()
    body = client.post(url, {**tab2, "text": "Tweede"}).content.decode()
    assert "Niet opgeslagen" in body and "ergens anders opgeslagen" in body
    experience.refresh_from_db()
    assert experience.text_original == "Eerste en meer"
    assert experience.versions.count() == 1  # tab 1's autosaves folded into one


# --- 18.6: values within reason ------------------------------------------------------------------


def test_a_long_shared_title_is_never_cut_inside_a_replacement_tag(tenant_a, writer):
    title = " ".join(["GGZ"] * 50)  # 199 characters, every "GGZ" an organisation
    experience = ExperienceFactory(
        organisation=tenant_a.organisation,
        author=writer,
        title_original=title,
        text_original="Een verhaal.",
        state=State.REVIEW,
    )
    services.experience_review_save(
        experience=experience,
        user=writer,
        decisions={},
        extra_phrases=["GGZ"],
        extra_label="ORGANISATION",
    )
    seen = selectors.experience_share_preview(experience=experience)
    experience = _publish(experience, writer, seen.hash)
    shared = experience.shared_title
    assert len(shared) <= 300
    assert shared.endswith("[ORGANISATIE 1]…")
    assert shared.count("[") == shared.count("]")


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("kort", "kort"),
        ("woord " * 60 + "[ORGANISATIE 12] einde", None),
        ("x" * 400, None),
    ],
)
def test_shared_title_from_keeps_tags_whole(title, expected):
    result = selectors.shared_title_from(title, 300)
    if expected is not None:
        assert result == expected
    assert len(result) <= 300
    assert not re.search(r"\[[^\]]*$", result.rstrip("…"))


def test_review_phrases_have_a_length_limit_in_dutch(tenant_a, writer):
    experience = in_review(tenant_a.organisation, writer)
    with pytest.raises(ValidationError) as error:
        services.experience_review_save(
            experience=experience, user=writer, decisions={}, extra_phrases=["Jan " * 60]
        )
    assert "hoogstens 200 tekens" in str(error.value.message_dict["extra"])
    with pytest.raises(ValidationError) as error:
        services.experience_review_save(
            experience=experience, user=writer, decisions={}, extra_phrases=["Jan"] * 51
        )
    assert "hoogstens 50" in str(error.value.message_dict["extra"])
    assert not experience.suggestions.filter(decision=Decision.ACCEPTED).exists()


def test_a_narrators_name_has_a_length_limit_in_dutch(tenant_a):
    from datetime import date

    with pytest.raises(ValidationError) as error:
        services.experience_record(
            organisation=tenant_a.organisation,
            recorded_by=tenant_a.manager,
            narrator_name="N" * 151,
            consent_date=date(2026, 1, 1),
            consent_scope="organisation",
            purposes=["kennis"],
            consent_signed=True,
            title="Titel",
        )
    assert "hoogstens 150 tekens" in str(error.value.message_dict["narrator_name"])
    assert not Experience.objects.exists()


def test_the_review_form_limits_the_extra_text(tenant_a, writer):
    experience = in_review(tenant_a.organisation, writer)
    client = login(Client(), writer)
    url = reverse("knowledge:review", args=[experience.pk])
    response = client.post(url, {"extra": "Jan\n" * 2000, "extra_label": "PERSON", "mode": "tags"})
    assert response.status_code == 200
    assert "niet meer dan 5000 tekens bevat" in response.content.decode()
