"""`kwartier retention`: enforce the configured retention periods (run it daily from cron
or a systemd timer). Removes access-log rows older than KWARTIER_ACCESS_LOG_RETENTION_DAYS
and finished jobs with their export files after 30 days."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from kwartier.core.models import Job
from kwartier.core.services import FINISHED_JOBS_KEPT, access_log_prune, export_path


class Command(BaseCommand):
    help = "Verwijdert gegevens waarvan de bewaartermijn voorbij is."

    def handle(self, *args: Any, **options: Any) -> None:
        removed_log = access_log_prune()
        old_jobs = Job.objects.filter(finished_at__lt=timezone.now() - FINISHED_JOBS_KEPT)
        for job in old_jobs:
            export_path(job).unlink(missing_ok=True)
            if job.result_file:  # .zip / .qdpx files written next to it (decision 0107)
                export_path(job).with_name(Path(job.result_file).name).unlink(missing_ok=True)
        removed_jobs, _ = old_jobs.delete()
        self.stdout.write(f"Toeganglog: {removed_log} regels verwijderd; taken: {removed_jobs}.")
