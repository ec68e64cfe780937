"""Background jobs of the knowledge bank.

* `deidentify_experiences`: loads the de-identification engine (seconds; a worker keeps
  it loaded for the next job), finds identifiers in title and story and moves each story
  to review. One job may hold one story or many (the bulk button), with progress.
* `index_experience`: brings one story's index entry in line with the database, after
  publication or an edit. Tantivy allows one writer at a time, so index writes run here.
* `reindex`: rebuilds the whole index, with progress (also `kwartier reindex`).
* `prune_search_log`: daily, drops change-log rows older than a week (PostgreSQL only;
  a node's copy that missed them rebuilds, decision 0123).
* `rotate_encryption_key`: re-encrypts every original with the current key, in batches
  with progress (`kwartier rotate-key`, decision 0111).

Every job is idempotent: running it twice changes nothing the first run did not.
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from django_tasks import task

from kwartier.core import services as core_services
from kwartier.core.models import Job
from kwartier.knowledge import crypto, deid, index, key_rotation, personal, suggestions
from kwartier.knowledge.models import Experience, State

logger = logging.getLogger("kwartier.knowledge")


def engine() -> Any:
    """The process-wide de-identification engine, built from the cache in the data
    folder. Only jobs and commands call this, never a web request."""
    return deid.get_deidentifier(settings.DEID_CACHE_DIR)


@task()
def deidentify_experiences(job_id: str, experience_ids: list[int]) -> None:
    job = Job.objects.get(pk=job_id)
    if job.is_finished:
        return
    core_services.job_start(job.pk, total=len(experience_ids))
    try:
        finder = engine()
        moved = 0
        for experience_id in experience_ids:
            experience = Experience.objects.filter(
                pk=experience_id, state=State.DEIDENTIFYING
            ).first()
            if experience is not None:
                title_spans = finder.find_spans(experience.title_original or "")
                text_spans = finder.find_spans(experience.text_original or "")
                moved += suggestions.experience_suggestions_store(
                    experience_id=experience.pk,
                    source_hash=experience.source_hash,
                    title_spans=title_spans,
                    text_spans=text_spans,
                )
            core_services.job_advance(job.pk)
    except Exception as error:
        logger.exception("De-identification job %s failed", job_id)
        suggestions.experience_deidentify_failed(experience_ids=experience_ids)
        core_services.job_fail(job.pk, message=type(error).__name__)
        raise
    core_services.job_finish(
        job.pk,
        message=_("%(count)s verhaal/verhalen klaar om na te lopen.") % {"count": moved},
    )


@task()
def index_experience(experience_id: int) -> None:
    index.index_experiences([experience_id])


@task()
def prune_search_log() -> None:
    """Daily: the search change log keeps a week (decision 0123)."""
    removed = index.prune_change_log()
    if removed:
        logger.info("Search change log: %d old rows removed", removed)


@task()
def reindex(job_id: str) -> None:
    job = Job.objects.get(pk=job_id)

    def progress(done: int, total: int) -> None:
        if done == 0:
            core_services.job_start(job.pk, total=total)
        else:
            Job.objects.filter(pk=job.pk).update(done=done)

    try:
        count = index.rebuild(progress)
    except Exception as error:
        core_services.job_fail(job.pk, message=type(error).__name__)
        raise
    core_services.job_finish(
        job.pk, message=_("%(count)s verhalen opnieuw in de zoekindex gezet.") % {"count": count}
    )


@task()
def rotate_encryption_key(job_id: str, key_fingerprint: str) -> None:
    job = Job.objects.get(pk=job_id)
    if job.is_finished:
        return
    if crypto.key_fingerprint(crypto.keys()[0]) != key_fingerprint:
        # The command saw another current key than this worker: a worker started before
        # the keys changed would re-encrypt with the old one.
        core_services.job_fail(
            job.pk,
            message=_("De worker gebruikt een andere sleutel dan de opdracht: herstart de worker."),
        )
        return
    try:
        rotated = key_rotation.rotate_all(job_id=job.pk)
    except Exception as error:
        logger.exception("Key rotation job %s failed", job_id)
        core_services.job_fail(job.pk, message=type(error).__name__)
        raise
    core_services.job_finish(
        job.pk,
        message=_("%(count)s versleutelde waarden met de nieuwe sleutel versleuteld.")
        % {"count": rotated},
    )


# --- privacy: the author's own data as a ZIP (decision 0107) --------------------------------


@task()
def personal_export(job_id: str) -> None:
    """Everything Kwartier holds about the job creator's own stories, as a ZIP. Only the
    creator can download it (jobs are theirs alone)."""
    job = Job.objects.select_related("organisation", "created_by").get(pk=job_id)
    user = job.created_by
    assert user is not None
    core_services.job_start(job.pk, total=max(personal.own_story_count(user), 1))
    try:
        content, count = personal.personal_zip(
            user, advance=lambda: core_services.job_advance(job.pk)
        )
        path = core_services.export_path(job).with_suffix(".zip")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    except OSError as error:
        core_services.job_fail(job.pk, message=str(error))
        raise
    core_services.job_finish(
        job.pk,
        result_file=path.name,
        message=_("Uw gegevens (%(count)s verhalen) staan klaar om te downloaden.")
        % {"count": count},
    )
