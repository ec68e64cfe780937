"""Back-up and restore (issue 12 point 5, decision 0110): a small drill in the test
database (SQLite or PostgreSQL, whichever the suite runs on) and the refusals."""

from __future__ import annotations

import json
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from kwartier.core import backup
from kwartier.core.models import AccessLog, Job
from kwartier.core.services import access_log_record, job_create
from kwartier.knowledge.models import Experience
from kwartier.planning.models import Target
from tests.knowledge.factories import ExperienceFactory

STORY = "Mijn schulden werden te groot. Pieter Bakker uit Zwolle hielp mij toen."


@pytest.fixture
def key(settings):
    settings.ENCRYPTION_KEY = Fernet.generate_key().decode()
    return settings.ENCRYPTION_KEY


@pytest.fixture
def data(db, key, tenant_a, settings):
    """A bit of everything: encrypted text, JSON, UUID keys, decimals, an upload."""
    experience = ExperienceFactory(
        organisation=tenant_a.organisation,
        author=tenant_a.member,
        text_original=STORY,
        tags=["schulden", "hulp"],
        shared=True,
    )
    job = job_create(
        kind="test", label="Proef", organisation=tenant_a.organisation, created_by=None
    )
    access_log_record(actor=tenant_a.manager, action="read", object_type="test", object_id=1)
    upload = Path(settings.MEDIA_ROOT) / "uploads" / "logo.png"
    upload.parent.mkdir(parents=True)
    upload.write_bytes(b"\x89PNG fake image")
    export = Path(settings.MEDIA_ROOT) / "exports" / "oud.csv"
    export.parent.mkdir(parents=True)
    export.write_text("kort bewaard")
    return {"experience": experience, "job": job, "upload": upload}


def _raw(table: str, column: str, pk: object) -> object:
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {quote(column)} FROM {quote(table)} WHERE id = %s", [pk])  # noqa: S608
        return cursor.fetchone()[0]


def test_backup_and_restore_give_the_same_rows_and_files(data, tmp_path, settings):
    experience = data["experience"]
    ciphertext = _raw("knowledge_experience", "text_original", experience.pk)
    before = backup.table_checksums()
    result = backup.backup(tmp_path / "b.zip")
    assert result.tables == len(backup.tables())
    assert result.rows == sum(entry["rows"] for entry in before.values())

    # The back-up holds the ciphertext, never the original story.
    with zipfile.ZipFile(result.path) as archive:
        everything = b"".join(archive.read(name) for name in archive.namelist())
        manifest = json.loads(archive.read("manifest.json"))
    assert STORY.encode() not in everything
    assert ciphertext.encode() in everything
    assert manifest["encryption_key"]["included"] is False
    assert manifest["search_index"]["included"] is False
    assert set(manifest["files"]) == {"uploads/logo.png"}  # exports are left out
    assert {name: {"rows": e["rows"], "checksum": e["checksum"]} for name, e in
            manifest["tables"].items()} == before  # fmt: skip

    # Change and lose things, then restore over them.
    Experience.objects.filter(pk=experience.pk).update(shared_text="Veranderd")
    Job.objects.all().delete()
    data["upload"].unlink()
    restored = backup.restore(result.path, replace=True)

    assert restored.rows == result.rows
    assert backup.table_checksums() == before
    assert _raw("knowledge_experience", "text_original", experience.pk) == ciphertext
    assert Experience.objects.get(pk=experience.pk).text_original == STORY
    assert Job.objects.get(pk=data["job"].pk).label == "Proef"
    assert data["upload"].read_bytes() == b"\x89PNG fake image"


def test_new_rows_after_a_restore_get_fresh_ids(data, tmp_path):
    result = backup.backup(tmp_path / "b.zip")
    highest = AccessLog.objects.order_by("-pk").first().pk
    backup.restore(result.path, replace=True)
    entry = access_log_record(actor=None, action="read", object_type="test")
    assert entry.pk > highest


def test_canonical_values_survive_the_database(db, tenant_a):
    """Decimals, dates and JSON come back exactly (the planning tables hold them)."""
    table = next(t for t in backup.tables() if t.name == Target._meta.db_table)
    column = next(c for c in table.columns if c.kind == "DecimalField")
    assert backup.encode(Decimal("1.5"), column) == "1.50"
    assert backup.encode(1.5, column) == "1.50"  # SQLite's raw REAL


def test_a_damaged_backup_is_refused_and_nothing_changes(data, tmp_path):
    result = backup.backup(tmp_path / "b.zip")
    damaged = tmp_path / "damaged.zip"
    with zipfile.ZipFile(result.path) as source, zipfile.ZipFile(damaged, "w") as target:
        for item in source.infolist():
            content = source.read(item)
            if item.filename == "db/knowledge_experience.jsonl":
                content = content.replace(b"hulp", b"HULP")
            target.writestr(item, content)
    Job.objects.all().delete()
    with pytest.raises(backup.BackupError, match="knowledge_experience"):
        backup.restore(damaged, replace=True)
    assert not Job.objects.exists()


def test_restore_refuses_a_database_in_use_unless_asked(data, tmp_path):
    result = backup.backup(tmp_path / "b.zip")
    with pytest.raises(backup.BackupError, match="--replace"):
        backup.restore(result.path)


def test_restore_refuses_other_migrations(data, tmp_path):
    result = backup.backup(tmp_path / "b.zip")
    edited = tmp_path / "edited.zip"
    with zipfile.ZipFile(result.path) as source, zipfile.ZipFile(edited, "w") as target:
        for item in source.infolist():
            content = source.read(item)
            if item.filename == "manifest.json":
                manifest = json.loads(content)
                manifest["migrations"].append(["knowledge", "9999_from_the_future"])
                content = json.dumps(manifest).encode()
            target.writestr(item, content)
    with pytest.raises(backup.BackupError, match="andere migraties"):
        backup.restore(edited, replace=True)


def test_a_file_that_is_no_backup_is_refused(tmp_path, db):
    other = tmp_path / "x.zip"
    other.write_bytes(b"not a zip")
    with pytest.raises(backup.BackupError):
        backup.verify(other)


def test_commands_print_the_key_reminder_and_log_the_export(data, tmp_path, capsys):
    output = tmp_path / "cmd.zip"
    call_command("backup", "--output", str(output))
    printed = capsys.readouterr().out
    assert "NIET in deze back-up" in printed
    assert output.stat().st_mode & 0o777 == 0o600
    entry = AccessLog.objects.filter(object_type="backup").get()
    assert entry.action == "export" and "kwartier backup" in entry.on_behalf_of

    call_command("restore", str(output), "--check")
    assert "Back-up in orde" in capsys.readouterr().out
    with pytest.raises(CommandError, match="--replace"):
        call_command("restore", str(output), "--skip-reindex")
    call_command("restore", str(output), "--replace", "--skip-reindex")
    assert "alle controlesommen kloppen" in capsys.readouterr().out


def test_the_scripted_drill_restores_into_a_fresh_folder(tmp_path):
    """scripts/restore_drill.py end to end on the embedded default (SQLite files): a
    migrated installation (domains, permissions) is backed up and restored elsewhere."""
    import os
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(KWARTIER_DATA_DIR=str(tmp_path / "bron"), KWARTIER_ENCRYPTION_KEY="")
    kwartier = [sys.executable, "-m", "kwartier"]
    (tmp_path / "bron").mkdir()
    subprocess.run([*kwartier, "migrate", "-v0"], env=env, check=True)
    drill = subprocess.run(
        [sys.executable, str(root / "scripts" / "restore_drill.py")],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert drill.returncode == 0, drill.stderr
    summary = json.loads(drill.stdout.strip().splitlines()[-1])
    assert summary["checksums"] == "ok"
    assert summary["recovery_seconds"] > 0
