"""Rebuilding the search index, and re-encrypting with a new key (decision 0111): jobs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from kwartier.core.models import Job
from kwartier.core.services import job_create
from kwartier.knowledge import crypto, tasks

if TYPE_CHECKING:
    from kwartier.accounts.models import User


# --- search index (a job) -------------------------------------------------------------------


def reindex_start(*, user: User | None = None) -> Job:
    """Queue a full rebuild as a job (its progress shows on the job page)."""
    job = job_create(
        kind="reindex", label=_("Zoekindex opnieuw opbouwen"), organisation=None, created_by=user
    )
    job_id = str(job.pk)
    transaction.on_commit(lambda: tasks.reindex.enqueue(job_id))
    return job


def key_rotation_start(*, user: User | None = None) -> Job:
    """Queue the re-encryption of every original with the current key (decision 0111)."""
    fingerprint = crypto.key_fingerprint(crypto.keys()[0])
    job = job_create(
        kind="rotate_key",
        label=_("Versleuteling vernieuwen (sleutel %(key)s)") % {"key": fingerprint},
        organisation=None,
        created_by=user,
    )
    job_id = str(job.pk)
    transaction.on_commit(lambda: tasks.rotate_encryption_key.enqueue(job_id, fingerprint))
    return job
