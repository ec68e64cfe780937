"""The open answers of a closed round, de-identified: the service the background job
calls (`tasks.open_answers_deidentify_job`). It sits below `tasks`, and `services`
(which starts the job) above it, so no module imports one that imports it back."""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction

from kwartier.exploration.models import OpenAnswersState, Response, Round


def open_answers_deidentify(
    *, round: Round, deidentify: Callable[[str], str], progress: Callable[[], None]
) -> int:
    """De-identify the raw open answers of a closed round and erase the raw text.

    Idempotent: a response whose clean answers are stored is skipped, so running the
    job again (after a crash) repeats nothing. Each response is its own transaction.
    Returns how many responses were processed this time.
    """
    processed = 0
    pending = Response.objects.filter(round=round, submitted=True, open_answers_clean__isnull=True)
    for response_id in pending.values_list("pk", flat=True):
        with transaction.atomic():
            response = Response.objects.select_for_update().get(pk=response_id)
            if response.open_answers_clean is not None:
                continue
            response.open_answers_clean = {
                key: deidentify(text) for key, text in response.open_answers.items() if text
            }
            response.open_answers = {}
            response.save(update_fields=["open_answers_clean", "open_answers"])
        processed += 1
        progress()
    Round.objects.filter(pk=round.pk).update(open_answers_state=OpenAnswersState.DONE)
    return processed
