"""Background jobs of the vacancies part: alerts for saved searches and the four-week
placement question. Each carries a core Job row whose progress a page shows."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from kwartier.core import services as core_services
from kwartier.workforce import vacancy_notify


@task()
def vacancy_alerts(job_id: str, vacancy_id: int | None = None) -> None:
    """Alerts for one just-published vacancy, or (without one) for every saved search."""
    today = timezone.localdate()
    try:
        if vacancy_id is None:
            sent = vacancy_notify.alerts_for_all(job_id=job_id, today=today)
        else:
            sent = vacancy_notify.alerts_for_vacancy(
                job_id=job_id, vacancy_id=vacancy_id, today=today
            )
    except Exception as error:
        core_services.job_fail(job_id, message=str(error))
        raise
    core_services.job_finish(
        job_id, message=_("%(count)s zoekberichten verstuurd.") % {"count": sent}
    )


@task()
def placement_followups(job_id: str) -> None:
    try:
        asked = vacancy_notify.placement_followups(job_id=job_id, now=timezone.now())
    except Exception as error:
        core_services.job_fail(job_id, message=str(error))
        raise
    core_services.job_finish(
        job_id, message=_("%(count)s plaatsingsvragen verstuurd.") % {"count": asked}
    )
