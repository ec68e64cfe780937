"""`kwartier vacancy_followups`: the daily vacancy jobs, for cron or a systemd timer.

Starts the four-week placement question and a sweep of the saved-search alerts (both
idempotent) as background jobs; with the immediate task backend they run at once. Use
`--wait` to run them here and print the progress."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from kwartier.core.models import Job
from kwartier.workforce import vacancy_services, vacancy_tasks


class Command(BaseCommand):
    help = "Start de dagelijkse vacaturetaken: plaatsingsvragen en zoekberichten."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--wait", action="store_true", help="Voer de taken hier uit.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["wait"]:
            followup = vacancy_services.placement_followups_start()
            alerts = vacancy_services.vacancy_alerts_start(vacancy=None, user=None)
            # Started outside a transaction: also enqueued; running them here first is
            # harmless, both jobs are idempotent.
            vacancy_tasks.placement_followups.call(str(followup.pk))
            vacancy_tasks.vacancy_alerts.call(str(alerts.pk))
        else:
            with transaction.atomic():
                followup = vacancy_services.placement_followups_start()
                alerts = vacancy_services.vacancy_alerts_start(vacancy=None, user=None)
        for job in Job.objects.filter(pk__in=[followup.pk, alerts.pk]):
            self.stdout.write(f"{job.label}: {job.get_state_display()} ({job.done}/{job.total})")
