"""Objects of one tenant for the generic tenant-isolation test (tests/core)."""

from __future__ import annotations

from kwartier.impact.models import Report, ReportPeriod, StoryLink
from tests.knowledge.factories import ExperienceFactory

# ============================== results section (points 4–8) ===================================


def _story_link(tenant) -> int:
    story = ExperienceFactory(organisation=tenant.organisation, author=tenant.manager, shared=True)
    return StoryLink.objects.create(organisation=tenant.organisation, experience_id=story.pk).pk


def _report(tenant) -> int:
    return Report.objects.create(
        organisation=tenant.organisation, period=ReportPeriod.YEAR, year=2026
    ).pk


OBJECT_MAKERS: dict = {"link_id": _story_link, "report_id": _report}
API_OBJECT_MAKERS: dict = {}
