"""`kwartier db_worker`: django-tasks' database worker, plus recovery of the tasks a
killed worker left RUNNING (see ``kwartier.core.worker``, decision 0119).

This command shadows django_tasks_db's own (kwartier.core comes first in
INSTALLED_APPS); every option of that command still works.
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand

from kwartier.core import worker

logger = logging.getLogger("kwartier.worker")


class Command(DatabaseWorkerCommand):
    help = (
        "Voert achtergrondtaken uit. Zet bij het starten taken van een gestopte worker "
        "terug in de wachtrij."
    )

    def add_arguments(self, parser: Any) -> None:
        super().add_arguments(parser)
        parser.set_defaults(worker_id=worker.worker_id())
        parser.add_argument(
            "--lease",
            type=int,
            default=settings.TASK_LEASE_SECONDS,
            help=(
                "Seconden waarna een lopende taak van een andere machine als verlaten geldt "
                "(standaard KWARTIER_TASK_LEASE_SECONDS)."
            ),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        lease = options.pop("lease")
        requeued = worker.requeue_orphaned_tasks(lease_seconds=lease)
        if requeued:
            self.stderr.write(
                f"{len(requeued)} taak/taken van een gestopte worker opnieuw in de wachtrij."
            )
            logger.warning("Requeued tasks of a stopped worker: %s", ", ".join(requeued))
        super().handle(*args, **options)
