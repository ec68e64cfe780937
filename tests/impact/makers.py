"""Objects of one tenant for the generic tenant-isolation test (tests/core)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kwartier.accounts.models import Role
from kwartier.core.services import job_create, job_finish
from kwartier.impact.models import Report, ReportPeriod, StoryLink
from kwartier.impact.report_tasks import report_path
from tests.factories import MembershipFactory, UserFactory
from tests.impact.factories import ContributionFactory, SignalFactory
from tests.knowledge.factories import ExperienceFactory

# ============================== impact section ==============================


def _contribution(tenant: Any) -> int:
    """A contribution of the tenant's kwartiermaker (its own, so every page reaches it)."""
    return ContributionFactory(organisation=tenant.organisation, author=tenant.manager).pk


def _signal(tenant: Any) -> int:
    """A signal raised by an ervaringswerker of the tenant, owned by its kwartiermaker (so
    the owner's pages answer them, and another organisation gets 404)."""
    worker = UserFactory()
    MembershipFactory(user=worker, organisation=tenant.organisation, role=Role.EXPERIENCE_WORKER)
    return SignalFactory(
        organisation=tenant.organisation, raised_by=worker, owner=tenant.manager
    ).pk


OBJECT_MAKERS: dict[str, Callable[[Any], Any]] = {
    "contribution_id": _contribution,
    "signal_id": _signal,
}
API_OBJECT_MAKERS: dict[str, Callable[[Any], Any]] = {
    "impact-contribution": _contribution,
    "impact-signal": _signal,
}

# ============================== results section ==============================


def _story_link(tenant: Any) -> int:
    story = ExperienceFactory(organisation=tenant.organisation, author=tenant.manager, shared=True)
    return StoryLink.objects.create(organisation=tenant.organisation, experience_id=story.pk).pk


def _report(tenant: Any) -> int:
    """A finished report with its PDF on disk, so every page of it answers."""
    job = job_create(
        kind="impact_report", label="Rapport", organisation=tenant.organisation, created_by=None
    )
    job_finish(job.pk)
    report = Report.objects.create(
        organisation=tenant.organisation, period=ReportPeriod.YEAR, year=2026, job=job
    )
    path = report_path(report)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"%PDF-1.4 test")
    return report.pk


OBJECT_MAKERS.update({"link_id": _story_link, "report_id": _report})
