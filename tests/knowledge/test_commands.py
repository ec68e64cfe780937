"""Operator commands: `kwartier deidentify` (JSON lines) and `kwartier reindex`."""

from __future__ import annotations

import dataclasses
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from kwartier.core.models import Job
from kwartier.knowledge import index
from tests.knowledge.factories import ExperienceFactory

LINES = [
    {"id": 1, "text": "Ik belde Jan de Vries op 06-12345678."},
    "dit is geen json",
    {"id": "b", "tekst": "verkeerd veld"},
    {"id": 3, "text": "Niets bijzonders."},
]


def _input(tmp_path, lines):
    path = tmp_path / "in.jsonl"
    path.write_text(
        "\n".join(line if isinstance(line, str) else json.dumps(line) for line in lines) + "\n",
        encoding="utf-8",
    )
    return path


def _run(*args, expect_failed_lines=False, **kwargs):
    out, err = io.StringIO(), io.StringIO()
    if expect_failed_lines:
        # Every line is still written; the exit code (1) tells that some failed.
        with pytest.raises(CommandError) as failed:
            call_command("deidentify", *args, stdout=out, stderr=err, **kwargs)
        assert failed.value.returncode == 1
    else:
        call_command("deidentify", *args, stdout=out, stderr=err, **kwargs)
    return [json.loads(line) for line in out.getvalue().splitlines()], err.getvalue()


def test_deidentify_contract_with_bad_lines_in_between(tmp_path, monkeypatch, deidentifier):
    from kwartier.knowledge import deid

    # The real engine, already loaded by the session fixture (loading takes seconds).
    monkeypatch.setattr(deid, "get_deidentifier", lambda cache_dir: deidentifier)
    results, err = _run(input=str(_input(tmp_path, LINES)), expect_failed_lines=True)
    assert len(results) == 4
    assert results[0] == {
        "id": 1,
        "text": "Ik belde [PERSOON 1] op [TELEFOON 1].",
        "spans": [
            {"start": 9, "end": 21, "label": "PERSON", "text": "Jan de Vries"},
            {"start": 25, "end": 36, "label": "PHONE", "text": "06-12345678"},
        ],
    }
    assert "error" in results[1] and results[1]["id"] is None
    assert results[2]["id"] == "b" and "text" in results[2]["error"]
    assert results[3] == {"id": 3, "text": "Niets bijzonders.", "spans": []}
    assert "2 verwerkt, 2 met een fout" in err


def test_deidentify_reads_standard_input(monkeypatch, deidentifier):
    from kwartier.knowledge import deid

    monkeypatch.setattr(deid, "get_deidentifier", lambda cache_dir: deidentifier)
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps({"id": 7, "text": "Hoi"}) + "\n"))
    results, _err = _run()
    assert results == [{"id": 7, "text": "Hoi", "spans": []}]


def test_deidentify_with_the_real_engine(tmp_path, deidentifier):
    """One run with the real engine (shared with the de-identification tests)."""
    results, _err = _run(input=str(_input(tmp_path, LINES[:1])))
    [result] = results
    assert "Jan de Vries" not in result["text"] and "06-12345678" not in result["text"]
    text = LINES[0]["text"]
    for span in result["spans"]:
        assert text[span["start"] : span["end"]] == span["text"]
    assert {s["label"] for s in result["spans"]} >= {"PERSON", "PHONE"}


@pytest.mark.usefixtures("search_index")
def test_reindex_rebuilds_from_the_database_with_a_progress_bar(tenant_a):
    shared = [ExperienceFactory(organisation=tenant_a.organisation, shared=True) for _ in range(3)]
    ExperienceFactory(organisation=tenant_a.organisation)  # a draft is never indexed
    index.search_backend().clear()
    out, err = io.StringIO(), io.StringIO()
    call_command("reindex", stdout=out, stderr=err)
    assert "3 verhalen in de zoekindex." in out.getvalue()
    assert "[##############################] 3/3 (100%)" in err.getvalue()
    assert index.search_backend().count() == len(shared)


@pytest.mark.usefixtures("search_index")
def test_reindex_runs_as_a_job_too(tenant_a, django_capture_on_commit_callbacks, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    ExperienceFactory(organisation=tenant_a.organisation, shared=True)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("reindex", "--achtergrond", stdout=io.StringIO())
    job = Job.objects.get(kind="reindex")
    assert job.state == "done" and job.total == 1 and job.percent == 100
    assert index.search_backend().count() == 1


def test_deidentify_runs_hundreds_of_mixed_style_stories_without_losing_one(
    tmp_path, monkeypatch, deidentifier
):
    """The shipped style stories (chat, letters, interviews, notes, narratives) plus
    one that makes the engine fail: every id comes back, in order."""
    from pathlib import Path

    from kwartier.knowledge import deid

    stories = Path(__file__).resolve().parents[2] / "bench" / "data" / "deid-styles.jsonl"
    records = [json.loads(line) for line in stories.read_text(encoding="utf-8").splitlines()]
    lines = [{"id": r["id"], "text": r["text"]} for r in records]
    lines.insert(len(lines) // 2, {"id": "kapot", "text": "Dit verhaal ONTPLOFT."})

    class FailsOnOneStory:
        def deidentify(self, text, mode="tags", seed=0):
            if "ONTPLOFT" in text:
                raise RuntimeError("engine bug")
            return deidentifier.deidentify(text, mode=mode, seed=seed)

    monkeypatch.setattr(deid, "get_deidentifier", lambda cache_dir: FailsOnOneStory())
    results, err = _run(input=str(_input(tmp_path, lines)), expect_failed_lines=True)
    assert [r["id"] for r in results] == [line["id"] for line in lines]
    assert len(results) >= 300 and "error" in results[len(lines) // 2]
    assert f"{len(lines) - 1} verwerkt, 1 met een fout" in err


@pytest.mark.usefixtures("search_index")
def test_reindex_check_reports_missing_extra_and_stale_entries_and_fails(tenant_a):
    org = tenant_a.organisation
    kept, stale, missing = (ExperienceFactory(organisation=org, shared=True) for _ in range(3))
    draft = ExperienceFactory(organisation=org)
    index.rebuild()
    out = io.StringIO()
    call_command("reindex", "--check", stdout=out)
    assert "De zoekindex klopt met de database." in out.getvalue()

    index.remove_experiences([missing.pk])
    type(stale).objects.filter(pk=stale.pk).update(shared_text="Een andere, nieuwere tekst.")
    backend = index.search_backend()
    backend.index([dataclasses.replace(index.search_document(kept), id=str(draft.pk))])

    out = io.StringIO()
    with pytest.raises(SystemExit) as stopped:
        call_command("reindex", "--check", stdout=out)
    assert stopped.value.code == 1
    text = out.getvalue()
    assert f"ontbreekt in de index: 1 ({missing.pk})" in text
    assert f"staat in de index maar is niet (meer) gedeeld: 1 ({draft.pk})" in text
    assert f"verouderde tekst in de index: 1 ({stale.pk})" in text

    call_command("reindex", stdout=io.StringIO(), stderr=io.StringIO())
    assert index.drift().clean
