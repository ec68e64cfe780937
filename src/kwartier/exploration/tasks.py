"""Background job of the verkenning: de-identify the open answers of a closed round.

The knowledge bank's engine (deduce plus our own rules, the kernel `knowledge.deid`)
takes seconds to load, so it never runs in a web request. Without an engine the round
waits, raw answers stay hidden, and the job can simply be started again later (see
:func:`kwartier.exploration.services.open_answers_deidentify_start`). Running it twice
repeats nothing. The job calls services; services start the job.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.utils.translation import gettext as _
from django_tasks import task

from kwartier.core import services as core_services
from kwartier.exploration.models import OpenAnswersState, Response, Round
from kwartier.exploration.open_answers import open_answers_deidentify
from kwartier.knowledge import deid

JOB_KIND = "exploration_open_answers"


def load_deidentifier() -> Callable[[str], str] | None:
    """The engine's de-identification as a text function (the job treats None as "no
    engine": the round waits and the job can run again)."""
    engine = deid.get_deidentifier(settings.DEID_CACHE_DIR)
    return lambda text: engine.deidentify(text, mode="tags").text


@task()
def open_answers_deidentify_job(job_id: str, round_id: int) -> None:
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
