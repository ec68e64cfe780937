"""Writes to the cross-cutting records: access log and jobs."""

from __future__ import annotations

import logging
import uuid
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db.models import F
from django.utils import timezone

from kwartier.core.models import AccessAction, AccessLog, Job, JobState

if TYPE_CHECKING:
    from kwartier.accounts.models import Organisation, User

security_log = logging.getLogger("kwartier.security")


def access_log_record(
    *,
    actor: User | None,
    action: str,
    organisation: Organisation | None = None,
    object_type: str = "",
    object_id: object = "",
    subject: User | None = None,
    on_behalf_of: str = "",
    result: str = "ok",
    detail: str = "",
) -> AccessLog:
    """Record one access to a sensitive record. Never holds the record's content."""
    entry = AccessLog.objects.create(
        actor=actor if actor is not None and actor.pk else None,
        actor_label=getattr(actor, "email", "") or "",
        on_behalf_of=on_behalf_of,
        organisation=organisation,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        subject=subject,
        result=result,
        detail=detail[:255],
    )
    security_log.info(
        "access action=%s type=%s id=%s actor=%s result=%s",
        action,
        object_type,
        object_id,
        entry.actor_label or "-",
        result,
    )
    return entry


def access_read_record(
    *,
    reader: User | Any,
    organisation: Organisation | None,
    object_type: str,
    object_id: object,
    subject: User | None = None,
    detail: str = "",
    on_behalf_of: str = "",
    action: str = AccessAction.READ,
) -> AccessLog | None:
    """Log that `reader` read a sensitive record (NEN 7513), or took it away (`action=
    AccessAction.EXPORT`). Every app logs its reads through here. A visitor who is not
    signed in leaves no entry: there is nobody to attribute the read to."""
    if not getattr(reader, "is_authenticated", False):
        return None
    return access_log_record(
        actor=reader,
        action=action,
        organisation=organisation,
        object_type=object_type,
        object_id=object_id,
        subject=subject,
        on_behalf_of=on_behalf_of,
        detail=detail,
    )


#: Finished jobs and their export files are removed after this (`kwartier retention`).
FINISHED_JOBS_KEPT = timedelta(days=30)


def access_log_prune() -> int:
    """Delete access-log rows older than the configured retention period."""
    cutoff = timezone.now() - timedelta(days=settings.ACCESS_LOG_RETENTION_DAYS)
    # The queryset's delete() refuses on purpose (append-only); retention is the one
    # place that removes rows.
    stale = AccessLog.objects.filter(at__lt=cutoff)
    return int(stale._raw_delete(stale.db))


def export_path(job: Job) -> Path:
    """Where a job's export file lives (the job page downloads it; retention removes it)."""
    return Path(settings.MEDIA_ROOT) / "exports" / f"{job.pk}.csv"


def job_create(
    *, kind: str, label: str, organisation: Organisation | None, created_by: User | None
) -> Job:
    return Job.objects.create(
        kind=kind, label=label, organisation=organisation, created_by=created_by
    )


def job_start(job_id: uuid.UUID | str, *, total: int) -> None:
    Job.objects.filter(pk=job_id).update(state=JobState.RUNNING, total=total, done=0)


def job_advance(job_id: uuid.UUID | str, *, step: int = 1) -> None:
    Job.objects.filter(pk=job_id).update(done=F("done") + step)


def job_finish(job_id: uuid.UUID | str, *, result_file: str = "", message: str = "") -> None:
    Job.objects.filter(pk=job_id).update(
        state=JobState.DONE,
        done=F("total"),
        result_file=result_file,
        message=message,
        finished_at=timezone.now(),
    )


def job_fail(job_id: uuid.UUID | str, *, message: str) -> None:
    Job.objects.filter(pk=job_id).update(
        state=JobState.FAILED, message=message[:255], finished_at=timezone.now()
    )
