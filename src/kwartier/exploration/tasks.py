"""Background job of the verkenning: de-identify the open answers of a closed round.

The knowledge bank's engine (deduce plus our own rules) takes 8-10 s to load, so it
never runs in a web request. When the engine is not installed the round waits, raw
answers stay hidden, and the job can simply be started again later (see
:func:`open_answers_deidentify_start`). Running it twice repeats nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from django_tasks import task

from kwartier.core import services as core_services
from kwartier.core.models import Job
from kwartier.exploration.models import OpenAnswersState, Response, Round

if TYPE_CHECKING:
    from kwartier.accounts.models import User

JOB_KIND = "exploration_open_answers"


def load_deidentifier() -> Callable[[str], str] | None:
    """The engine's de-identification as a text function, or None when it is absent."""
    try:
        from kwartier.knowledge.deid import get_deidentifier
    except ImportError:
        return None
    engine = get_deidentifier(settings.DEID_CACHE_DIR)
    return lambda text: engine.deidentify(text, mode="tags").text


def open_answers_deidentify_start(*, round: Round, user: User | None) -> Job:
    """Create the visible job and enqueue it once the surrounding transaction commits."""
    job = core_services.job_create(
        kind=JOB_KIND,
        label=_("Open antwoorden anonimiseren"),
        organisation=round.organisation,
        created_by=user,
    )
    Round.objects.filter(pk=round.pk).update(deid_job=job)
    job_id, round_id = str(job.pk), round.pk
    transaction.on_commit(lambda: open_answers_deidentify_job.enqueue(job_id, round_id))
    return job


@task()
def open_answers_deidentify_job(job_id: str, round_id: int) -> None:
    from kwartier.exploration.services import open_answers_deidentify

    round_ = Round.objects.get(pk=round_id)
    pending = Response.objects.filter(
        round=round_, submitted=True, open_answers_clean__isnull=True
    ).count()
    core_services.job_start(job_id, total=pending)
    deidentify = load_deidentifier() if pending else None
    if pending and deidentify is None:
        Round.objects.filter(pk=round_id).update(open_answers_state=OpenAnswersState.WAITING)
        core_services.job_fail(
            job_id,
            message=_(
                "De anonimiseringsmodule is niet beschikbaar; open antwoorden blijven "
                "verborgen tot deze taak opnieuw draait."
            ),
        )
        return
    processed = open_answers_deidentify(
        round=round_,
        deidentify=deidentify or (lambda text: text),
        progress=lambda: core_services.job_advance(job_id),
    )
    core_services.job_finish(
        job_id,
        message=_("%(count)s antwoordenlijsten met open antwoorden verwerkt.")
        % {"count": processed},
    )
