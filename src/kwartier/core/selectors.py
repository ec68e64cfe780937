from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from django.db.models import QuerySet

from kwartier.core.models import Job

if TYPE_CHECKING:
    from kwartier.accounts.models import Organisation, User


def job_get(*, user: User, organisation: Organisation, job_id: uuid.UUID | str) -> Job:
    """A job of the active organisation, started by this user (exports hold personal data)."""
    return Job.objects.get(pk=job_id, organisation=organisation, created_by=user)


def job_list(*, user: User, organisation: Organisation) -> QuerySet[Job]:
    return Job.objects.filter(organisation=organisation, created_by=user)
