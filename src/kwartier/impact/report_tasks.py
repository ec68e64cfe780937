"""Background jobs of the results part: building a periodic report as PDF (started by
``results_services.report_start``, by a person or by the quarterly schedule).

Idempotent: running it twice writes the same file again and finishes the same Job."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from kwartier.core import services as core_services
from kwartier.core.models import AccessAction
from kwartier.impact import reporting
from kwartier.impact.models import Report

STEPS = 3  # figures, charts and stories, PDF


def report_path(report: Report) -> Path:
    return Path(settings.MEDIA_ROOT) / "reports" / f"impact-{report.pk}.pdf"


@task()
def report_build(report_id: int) -> None:
    report = Report.objects.select_related("organisation", "network", "job", "created_by").get(
        pk=report_id
    )
    job_id = report.job_id
    if job_id is not None:
        core_services.job_start(job_id, total=STEPS)
    try:
        content = reporting.report_content(report=report, today=timezone.localdate())
        if job_id is not None:
            core_services.job_advance(job_id, step=2)
        pdf = reporting.render_pdf(content)
        path = report_path(report)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pdf)
    except Exception as error:
        if job_id is not None:
            core_services.job_fail(job_id, message=str(error))
        raise
    Report.objects.filter(pk=report.pk).update(story_ids=[story.id for story in content.stories])
    core_services.access_log_record(
        actor=report.created_by,
        action=AccessAction.EXPORT,
        organisation=report.organisation,
        object_type="impact_report",
        object_id=report.pk,
    )
    if job_id is not None:
        # No result_file: the PDF is downloaded from the report's own page, which checks
        # its stories again (core's job download serves CSV exports only).
        core_services.job_finish(
            job_id,
            message=_("Rapport %(period)s is klaar.") % {"period": report.label},
        )
