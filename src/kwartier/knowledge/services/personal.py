"""Starting the author's data export and erasing their data (decision 0107); what is
included and what stays is described in `kwartier.knowledge.personal`."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from kwartier.core import services as core_services
from kwartier.core.models import AccessAction, Job
from kwartier.core.services import access_log_record
from kwartier.knowledge import tasks
from kwartier.knowledge.personal import erasers, own_stories
from kwartier.knowledge.services.sharing import experience_delete


def personal_export_start(*, user: Any, organisation: Any) -> Job:
    job = core_services.job_create(
        kind="mijn-gegevens",
        label=_("Al mijn gegevens downloaden"),
        organisation=organisation,
        created_by=user,
    )
    job_id = str(job.pk)
    transaction.on_commit(lambda: tasks.personal_export.enqueue(job_id))
    return job


def personal_erase(*, user: Any, organisation: Any) -> int:
    """Erase every story the user wrote (art. 17); returns how many."""
    stories = own_stories(user)
    ids = [e.pk for e in stories]
    for eraser in erasers():
        eraser(user, ids)
    for experience in stories:
        experience_delete(experience=experience, user=user)
    access_log_record(
        actor=user,
        action=AccessAction.DELETE,
        organisation=organisation,
        object_type="personal_data",
        object_id=user.pk,
        detail=_("%(count)s verhalen gewist") % {"count": len(ids)},
    )
    return len(ids)
