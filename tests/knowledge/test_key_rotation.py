"""Rotation of the encryption key of original stories (issue 12 point 6, decision 0111)."""

from __future__ import annotations

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import transaction

from kwartier.__main__ import ALIASES
from kwartier.core.models import Job, JobState
from kwartier.knowledge import crypto, key_rotation
from kwartier.knowledge.models import Experience, ExperienceVersion
from kwartier.knowledge.services import key_rotation_start
from tests.knowledge.factories import ExperienceFactory

OLD = Fernet.generate_key().decode()
NEW = Fernet.generate_key().decode()
STORY = "Mijn schulden werden te groot. Pieter Bakker hielp mij toen."


def _raw(experience: Experience) -> str:
    return str(key_rotation.encrypted_columns()[0].tokens().filter(pk=experience.pk).get().raw)


@pytest.fixture
def stories_on_the_old_key(db, settings, tenant_a):
    settings.ENCRYPTION_KEY = OLD
    settings.ENCRYPTION_OLD_KEYS = []
    stories = [
        ExperienceFactory(
            organisation=tenant_a.organisation, author=tenant_a.member, text_original=STORY
        )
        for _ in range(3)
    ]
    ExperienceVersion.objects.create(experience=stories[0], number=1, title="Titel", text=STORY)
    ExperienceFactory(organisation=tenant_a.organisation, author=tenant_a.member, text_original="")
    return stories


def _on_new_key(settings):
    settings.ENCRYPTION_KEY = NEW
    settings.ENCRYPTION_OLD_KEYS = [OLD]


def test_old_ciphertexts_still_read_before_rotation_and_new_text_uses_the_new_key(
    stories_on_the_old_key, settings
):
    _on_new_key(settings)
    story = Experience.objects.get(pk=stories_on_the_old_key[0].pk)
    assert story.text_original == STORY
    assert not crypto.is_current(_raw(story))
    fresh = crypto.encrypt("nieuw verhaal")
    assert crypto.is_current(fresh)
    assert Fernet(NEW.encode()).decrypt(fresh.encode()) == b"nieuw verhaal"


def test_rotation_moves_everything_to_the_new_key_and_the_old_key_can_go(
    stories_on_the_old_key, settings
):
    _on_new_key(settings)
    # four titles and stories (an empty story is encrypted too), one version's title and text
    assert sum(e["old"] for e in key_rotation.status().values()) == 4 + 4 + 2
    assert key_rotation.rotate_all() == 10
    assert sum(e["old"] for e in key_rotation.status().values()) == 0
    assert key_rotation.rotate_all() == 0  # idempotent: a second run changes nothing

    settings.ENCRYPTION_OLD_KEYS = []
    for story in stories_on_the_old_key:
        assert Experience.objects.get(pk=story.pk).text_original == STORY
    assert ExperienceVersion.objects.get().text == STORY
    settings.ENCRYPTION_KEY = OLD
    with pytest.raises(ImproperlyConfigured):
        Experience.objects.get(pk=stories_on_the_old_key[0].pk).text_original  # noqa: B018


def test_a_value_saved_during_the_rotation_is_not_overwritten(
    stories_on_the_old_key, settings, monkeypatch
):
    _on_new_key(settings)
    target = stories_on_the_old_key[1]
    original_rotate = crypto.rotate

    def rotate_while_the_author_saves(token: str) -> str:
        if token == _raw(target):
            Experience.objects.filter(pk=target.pk).update(text_original="Net bewaard")
        return original_rotate(token)

    monkeypatch.setattr(key_rotation.crypto, "rotate", rotate_while_the_author_saves)
    key_rotation.rotate_all()
    assert Experience.objects.get(pk=target.pk).text_original == "Net bewaard"


def test_the_rotation_job_runs_in_the_background_with_progress(
    stories_on_the_old_key, settings, immediate_tasks, django_capture_on_commit_callbacks
):
    _on_new_key(settings)
    with django_capture_on_commit_callbacks(execute=True):
        job = key_rotation_start()
    job.refresh_from_db()
    assert job.state == JobState.DONE
    assert job.total == 10 and job.done == 10
    assert "10 versleutelde waarden" in job.message
    assert crypto.key_fingerprint(NEW.encode()) in job.label


def test_a_worker_with_another_current_key_refuses(stories_on_the_old_key, settings):
    _on_new_key(settings)
    with transaction.atomic():
        job = key_rotation_start()
    settings.ENCRYPTION_KEY = OLD  # the worker still runs with the old settings
    from kwartier.knowledge import tasks

    tasks.rotate_encryption_key.call(str(job.pk), crypto.key_fingerprint(NEW.encode()))
    job.refresh_from_db()
    assert job.state == JobState.FAILED
    assert "herstart de worker" in job.message
    assert sum(e["old"] for e in key_rotation.status().values()) == 0  # all on "OLD"


def test_the_embedded_key_file_rotates_too(db, settings, tmp_path, tenant_a, capsys):
    settings.ENCRYPTION_KEY = None
    settings.DATA_DIR = tmp_path
    story = ExperienceFactory(
        organisation=tenant_a.organisation, author=tenant_a.member, text_original=STORY
    )
    first = crypto.keys()
    call_command("rotate_key", "--new-key")
    assert crypto.keys()[1:] == first
    assert (tmp_path / "encryption.key").stat().st_mode & 0o777 == 0o600
    assert Experience.objects.get(pk=story.pk).text_original == STORY
    call_command("rotate_key", "--now")
    out = capsys.readouterr().out
    assert "Alles staat op de huidige sleutel" in out
    assert crypto.is_current(_raw(story))


def test_status_names_what_is_left(stories_on_the_old_key, settings, capsys):
    _on_new_key(settings)
    call_command("rotate_key", "--status")
    out = capsys.readouterr().out
    assert "oude sleutels om te lezen: 1" in out
    assert "Nog 10 waarden met een oude sleutel" in out
    assert OLD not in out and NEW not in out


def test_the_command_is_spelled_with_a_hyphen():
    assert ALIASES["rotate-key"] == "rotate_key"


def test_queueing_from_the_command(stories_on_the_old_key, settings, capsys):
    _on_new_key(settings)
    call_command("rotate_key")
    assert "staat in de wachtrij" in capsys.readouterr().out
    assert Job.objects.filter(kind="rotate_key").exists()
