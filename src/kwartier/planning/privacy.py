"""The personal data of the kwartiermaakplan (see core/processing.py)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from kwartier.core.processing import Processing


def _plan_retention() -> str:
    return _("Zolang de organisatie het plan bewaart. Er is geen vaste termijn.")


ITEMS = (
    Processing(
        key="planning.plans",
        app="planning",
        name=_lazy("Kwartiermaakplannen"),
        subjects=_lazy(
            "Medewerkers die in een plan staan, bijvoorbeeld als eigenaar van een actie"
        ),
        data=_lazy("Namen bij acties en mijlpalen, wie een versie vaststelde, en wanneer."),
        purpose=_lazy("Plannen, vaststellen en volgen van de inzet van ervaringswerkers."),
        legal_basis=_lazy("Gerechtvaardigd belang of publieke taak (art. 6 lid 1 e of f AVG)."),
        retention=_plan_retention,
        storage=_lazy("In de database van Kwartier."),
        access=_lazy(
            "Leden van de organisatie. Een financier in het netwerk leest alleen "
            "vastgestelde plannen."
        ),
        open_question=_lazy("Hoe lang bewaart u oude versies van plannen?"),
        order=75,
    ),
)
