"""Background jobs of the accounts floor: the member-list export, which also shows the
reusable progress component at work (started by `services.member_export_start`).

A job is idempotent: running it twice writes the same file again and finishes the
same Job row, so a worker killed half-way loses nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _
from django_tasks import task

from kwartier.accounts.selectors import member_list
from kwartier.core import services
from kwartier.core.exports import csv_write
from kwartier.core.models import AccessAction, Job

if TYPE_CHECKING:
    import uuid
    from collections.abc import Iterator

    from kwartier.accounts.models import Membership


@task()
def member_export(job_id: str) -> None:
    job = Job.objects.select_related("organisation", "created_by").get(pk=job_id)
    assert job.organisation is not None
    members = list(member_list(organisation=job.organisation))
    services.job_start(job.pk, total=len(members))
    path = services.export_path(job)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("w", newline="", encoding="utf-8-sig") as handle:
            # Names and teams are typed by people: csv_write neutralises cells that a
            # spreadsheet would run as a formula (CWE-1236).
            csv_write(
                handle,
                [_("naam"), _("e-mailadres"), _("rol"), _("team")],
                _member_rows(job.pk, members),
            )
    except OSError as error:
        services.job_fail(job.pk, message=str(error))
        raise
    services.access_log_record(
        actor=job.created_by,
        action=AccessAction.EXPORT,
        organisation=job.organisation,
        object_type="member_list",
        object_id=job.organisation_id,
    )
    services.job_finish(
        job.pk,
        result_file=path.name,
        message=_("%(count)s leden geëxporteerd.") % {"count": len(members)},
    )


def _member_rows(job_id: uuid.UUID | str, members: list[Membership]) -> Iterator[list[str]]:
    for membership in members:
        yield [
            membership.user.full_name,
            membership.user.email,
            membership.get_role_display(),
            membership.team.name if membership.team else "",
        ]
        services.job_advance(job_id)
