"""Objects of one tenant for the generic tenant-isolation test (tests/core)."""

from __future__ import annotations

from kwartier.core.services import job_create, job_finish
from kwartier.impact.models import Report, ReportPeriod, StoryLink
from kwartier.impact.report_tasks import report_path
from tests.knowledge.factories import ExperienceFactory

# ============================== results section (points 4–8) ===================================


def _story_link(tenant) -> int:
    story = ExperienceFactory(organisation=tenant.organisation, author=tenant.manager, shared=True)
    return StoryLink.objects.create(organisation=tenant.organisation, experience_id=story.pk).pk


def _report(tenant) -> int:
    """A finished report with its PDF on disk, so every page of it answers."""
    job = job_create(
        kind="impact_report", label="Rapport", organisation=tenant.organisation, created_by=None
    )
    job_finish(job.pk, result_file="rapport.pdf")
    report = Report.objects.create(
        organisation=tenant.organisation, period=ReportPeriod.YEAR, year=2026, job=job
    )
    path = report_path(report)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"%PDF-1.4 test")
    return report.pk


OBJECT_MAKERS: dict = {"link_id": _story_link, "report_id": _report}
API_OBJECT_MAKERS: dict = {}
