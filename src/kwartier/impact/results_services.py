"""Writes of the results part: impact stories, goals per indicator, reports (jobs)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from kwartier.accounts.models import Organisation
from kwartier.core import services as core_services
from kwartier.core.models import Job
from kwartier.impact import measures
from kwartier.impact.models import (
    Contribution,
    IndicatorTarget,
    Report,
    ReportPeriod,
    Signal,
    StoryLink,
)
from kwartier.impact.report_tasks import report_build, report_path
from kwartier.knowledge.public import accountability_stories_by_id

if TYPE_CHECKING:
    from kwartier.accounts.models import Network, User


# --- impact stories ------------------------------------------------------------------------


def story_link(
    *, organisation: Organisation, user: User, experience_id: int, signal: Signal | None = None
) -> StoryLink:
    """Attach a shared story to the organisation's results. Only a story of the
    organisation whose author consented to "verantwoording" can be attached."""
    if experience_id not in accountability_stories_by_id(
        organisation=organisation, ids=[experience_id]
    ):
        raise ValidationError(
            {
                "experience": _(
                    "Dit verhaal kan niet bij de resultaten: het is niet gedeeld, of de "
                    "schrijver gaf geen toestemming voor verantwoording."
                )
            }
        )
    if signal is not None and signal.organisation_id != organisation.pk:
        raise ValidationError({"signal": _("Kies een signaal van uw organisatie.")})
    link, created = StoryLink.objects.get_or_create(
        organisation=organisation,
        experience_id=experience_id,
        defaults={"signal": signal, "linked_by": user},
    )
    if not created and link.signal_id != (signal.pk if signal else None):
        link.signal = signal
        link.save(update_fields=["signal"])
    return link


def story_unlink(*, link: StoryLink) -> None:
    link.delete()


# --- goals per indicator -------------------------------------------------------------------


def indicator_target_set(
    *, organisation: Organisation, plan_id: int, year: int, indicator: str, target: int | None
) -> IndicatorTarget | None:
    """Set (or with ``target=None`` remove) the goal of one indicator in one plan year."""
    if target is None:
        IndicatorTarget.objects.filter(
            organisation=organisation, plan_id=plan_id, year=year, indicator=indicator
        ).delete()
        return None
    row, _created = IndicatorTarget.objects.update_or_create(
        organisation=organisation,
        plan_id=plan_id,
        year=year,
        indicator=indicator,
        defaults={"target": target},
    )
    row.full_clean()
    return row


# --- reports -------------------------------------------------------------------------------


def report_start(
    *,
    organisation: Organisation,
    user: User | None,
    period: measures.Period,
    network: Network | None = None,
) -> Report:
    """Create the report and its job; the PDF is built by the worker after the commit."""
    subject = network.name if network is not None else organisation.name
    job = core_services.job_create(
        kind="impact_report",
        label=_("Rapport %(period)s van %(subject)s")
        % {"period": period.label, "subject": subject},
        organisation=organisation,
        created_by=user,
    )
    report = Report.objects.create(
        organisation=organisation,
        network=network,
        period=period.kind,
        year=period.year,
        quarter=period.quarter,
        job=job,
        created_by=user,
    )
    report_id = report.pk
    transaction.on_commit(lambda: report_build.enqueue(report_id))
    return report


def report_file(*, report: Report) -> Path | None:
    """The PDF to hand out, or None: not built yet, or showing a story that may no longer
    be shown (withdrawn, or its consent changed). Such a file is deleted at once."""
    path = report_path(report)
    if report.job is None or report.job.state != "done" or not path.exists():
        return None
    ids = [int(story_id) for story_id in report.story_ids]
    if ids:
        still = accountability_stories_by_id(organisation=report.organisation, ids=ids)
        if len(still) != len(set(ids)):
            path.unlink(missing_ok=True)
            Job.objects.filter(pk=report.job.pk).update(
                message=_("Een verhaal in dit rapport is ingetrokken. Maak het rapport opnieuw.")
            )
            return None
    return path


def quarterly_reports_start(now: datetime) -> list[Report]:
    """The schedule's starter: the report of the quarter that just ended, for every
    organisation with contributions or signals, once."""
    period = measures.previous_quarter(timezone.localdate(now))
    active = Organisation.objects.filter(
        Exists(Contribution.objects.filter(organisation=OuterRef("pk")))
        | Exists(Signal.objects.filter(organisation=OuterRef("pk")))
    )
    done = Report.objects.filter(
        network__isnull=True, period=ReportPeriod.QUARTER, year=period.year, quarter=period.quarter
    ).values("organisation_id")
    reports = []
    for organisation in active.exclude(pk__in=done):
        with transaction.atomic():
            reports.append(report_start(organisation=organisation, user=None, period=period))
    return reports
