"""The de-identification job: runs in the worker after closing, never shows raw text,
is safe to run twice, and waits when the engine is missing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kwartier.core.models import Job, JobState
from kwartier.exploration import open_answers, services, tasks
from kwartier.exploration.models import OpenAnswersState, Response
from tests.exploration.factories import add_responses, make_round

RAW = "Mijn teamleider Piet Jansen in Utrecht is tegen."


@pytest.fixture
def deidentify(deidentifier):
    """The real engine's text function, as `tasks.load_deidentifier` gives it to the job
    (the engine itself is loaded once per test session)."""
    return lambda text: deidentifier.deidentify(text, mode="tags").text


@pytest.fixture
def closed_round(tenant_a, django_capture_on_commit_callbacks):
    round_ = make_round(tenant_a.organisation)
    add_responses(round_, "werkvloer", 5, open_answers={"open_concerns": RAW})
    with django_capture_on_commit_callbacks(execute=True):
        services.round_close(round=round_, closed_by=tenant_a.manager)
    round_.refresh_from_db()
    return round_


def test_raw_open_answers_are_never_shown_before_the_job(alice_client, closed_round):
    page = alice_client.get(
        reverse("exploration:round_results", kwargs={"round_id": closed_round.pk})
    )
    body = page.content.decode()
    assert "Piet Jansen" not in body and "tegen." not in body
    assert "Herkenbare gegevens worden nu uit de open antwoorden gehaald" in body


def run_queued_job(round_) -> None:
    """What the worker does with the queued task. (The real db_worker runs in the e2e
    journey; inside a test transaction on PostgreSQL its connection check would close
    the connection.)"""
    round_.refresh_from_db()
    tasks.open_answers_deidentify_job.call(str(round_.deid_job_id), round_.pk)


def test_closing_enqueues_the_job_for_the_worker(closed_round):
    from django_tasks_db.models import DBTaskResult

    queued = DBTaskResult.objects.get()
    assert queued.task_path.endswith("open_answers_deidentify_job")
    assert queued.args_kwargs["args"] == [str(closed_round.deid_job_id), closed_round.pk]


def test_worker_deidentifies_and_erases_the_raw_text(
    alice_client, closed_round, monkeypatch, deidentify
):
    monkeypatch.setattr(tasks, "load_deidentifier", lambda: deidentify)
    run_queued_job(closed_round)
    job = Job.objects.get(kind=tasks.JOB_KIND)
    assert job.state == JobState.DONE and job.done == job.total == 5
    closed_round.refresh_from_db()
    assert closed_round.open_answers_state == OpenAnswersState.DONE
    response = Response.objects.filter(round=closed_round).first()
    assert response.open_answers == {}
    assert response.open_answers_clean == {
        "open_concerns": "Mijn teamleider [PERSOON 1] in [PLAATS 1] is tegen."
    }
    body = alice_client.get(
        reverse("exploration:round_results", kwargs={"round_id": closed_round.pk})
    ).content.decode()
    assert "[PERSOON 1]" in body and "Piet Jansen" not in body


def test_running_the_job_twice_repeats_nothing(closed_round, deidentify):
    calls = []

    def counting(text: str) -> str:
        calls.append(text)
        return deidentify(text)

    job_id = str(closed_round.deid_job_id)
    processed = open_answers.open_answers_deidentify(
        round=closed_round, deidentify=counting, progress=lambda: None
    )
    again = open_answers.open_answers_deidentify(
        round=closed_round, deidentify=counting, progress=lambda: None
    )
    assert (processed, again, len(calls)) == (5, 0, 5)
    assert job_id


def test_without_the_engine_the_round_waits_and_can_be_retried(
    alice_client, closed_round, monkeypatch, django_capture_on_commit_callbacks, deidentify
):
    monkeypatch.setattr(tasks, "load_deidentifier", lambda: None)
    run_queued_job(closed_round)
    closed_round.refresh_from_db()
    assert closed_round.open_answers_state == OpenAnswersState.WAITING
    assert Job.objects.get(kind=tasks.JOB_KIND).state == JobState.FAILED
    body = alice_client.get(
        reverse("exploration:round_results", kwargs={"round_id": closed_round.pk})
    ).content.decode()
    assert "wachten op de anonimiseringsmodule" in body and "Piet Jansen" not in body

    monkeypatch.setattr(tasks, "load_deidentifier", lambda: deidentify)
    with django_capture_on_commit_callbacks(execute=True):
        alice_client.post(
            reverse("exploration:round_open_answers_retry", kwargs={"round_id": closed_round.pk})
        )
    run_queued_job(closed_round)
    closed_round.refresh_from_db()
    assert closed_round.open_answers_state == OpenAnswersState.DONE


def test_load_deidentifier_uses_the_knowledge_engine(monkeypatch, settings, tmp_path):
    """The real module is imported lazily; its loading (~10 s) is replaced here."""
    from kwartier.knowledge import deid

    class Engine:
        def deidentify(self, text, mode="tags"):
            assert mode == "tags"
            return type("Result", (), {"text": text.upper()})()

    seen = []
    monkeypatch.setattr(
        deid, "get_deidentifier", lambda cache_dir: seen.append(cache_dir) or Engine()
    )
    settings.DEID_CACHE_DIR = tmp_path
    deidentify = tasks.load_deidentifier()
    assert deidentify is not None and deidentify("abc") == "ABC" and seen == [tmp_path]
