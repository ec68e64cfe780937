"""The personal data of Resultaten (see core/processing.py)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from kwartier.core.processing import Processing, RightRoute


def _retention() -> str:
    return _("Zolang de organisatie Kwartier gebruikt. Er is geen vaste termijn.")


# ============================== impact section ==============================

ITEMS = (
    Processing(
        key="impact.contributions",
        app="impact",
        name=_lazy("Bijdragen van ervaringswerkers"),
        subjects=_lazy("Mensen die hun werk in Kwartier bijhouden, zoals ervaringswerkers"),
        data=_lazy(
            "Wie wat deed en wanneer: datum, rol, niveau, soort, minuten, team, thema en een "
            "korte notitie. De notitie wordt vóór het bewaren gecontroleerd op gegevens die "
            "een cliënt aanwijzen."
        ),
        purpose=_lazy(
            "Laten zien wat het werk van ervaringswerkers oplevert, om er verslag van te doen."
        ),
        legal_basis=_lazy("Gerechtvaardigd belang of publieke taak (art. 6 lid 1 e of f AVG)."),
        retention=_retention,
        storage=_lazy("In de database van Kwartier."),
        access=_lazy("Alleen wie het werk deed, en de kwartiermaker."),
        open_question=_lazy("Hoe lang bewaart u bijdragen van mensen die vertrokken zijn?"),
        rights=(
            RightRoute(_lazy("Inzage"), _lazy("Uw eigen bijdragen"), "impact:contributions"),
            RightRoute(
                _lazy("Wissen"), _lazy("Bij elke bijdrage: Verwijderen"), "impact:contributions"
            ),
        ),
        order=85,
    ),
    Processing(
        key="impact.signals",
        app="impact",
        name=_lazy("Spiegelsignalen"),
        subjects=_lazy(
            "Wie een signaal geeft (ook anoniem richting de eigenaar) en wie erop reageert"
        ),
        data=_lazy(
            "Titel, omschrijving, niveau en thema van het signaal (gecontroleerd op gegevens "
            "die een cliënt aanwijzen), wie het gaf, de eigenaar, de reacties en uitkomsten, "
            "herinneringen en escalaties met hun data. Op de openbare pagina staan alleen "
            "cijfers."
        ),
        purpose=_lazy(
            "Zorgen dat signalen een antwoord krijgen, en laten zien hoe goed de organisatie "
            "luistert."
        ),
        legal_basis=_lazy("Gerechtvaardigd belang of publieke taak (art. 6 lid 1 e of f AVG)."),
        retention=_retention,
        storage=_lazy("In de database van Kwartier; e-mails bevatten alleen titel en link."),
        access=_lazy(
            "Wie het signaal gaf, de eigenaar (persoon of team), de kwartiermaker en de "
            "organisatiebeheerder. Wie een anoniem signaal gaf, ziet alleen de indiener zelf."
        ),
        open_question=_lazy("Hoe lang bewaart u afgesloten signalen?"),
        rights=(RightRoute(_lazy("Inzage"), _lazy("Signalen die u gaf"), "impact:signals"),),
        order=86,
    ),
)

# ============================== results section ==============================
