"""The personal data of the verkenning (see core/processing.py)."""

from __future__ import annotations

from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from kwartier.core.processing import Processing
from kwartier.exploration.disclosure import MIN_GROUP_SIZE


def _invitation_retention() -> str:
    return _("Tot de ronde sluit. Dan wist Kwartier de e-mailadressen.")


def _response_retention() -> str:
    return _(
        "Zolang de ronde bestaat. Open antwoorden in de eigen woorden van de invuller "
        "worden gewist zodra de versie zonder namen klaar is."
    )


def _concern_retention() -> str:
    return _("Tot de kwartiermaker de zorg verwijdert. Er is geen vaste termijn.")


ITEMS = (
    Processing(
        key="exploration.invitations",
        app="exploration",
        name=_lazy("Uitnodigingen voor de verkenning"),
        subjects=_lazy("Mensen die de lijst met vragen krijgen: medewerkers en cliënten"),
        data=_lazy("E-mailadres en groep. Niet welke antwoorden bij wie horen."),
        purpose=_lazy("Een persoonlijke link sturen, zodat iedereen één keer invult."),
        legal_basis=_lazy("Gerechtvaardigd belang of publieke taak (art. 6 lid 1 e of f AVG)."),
        retention=_invitation_retention,
        retention_setting="exploration.services.round_close",
        storage=_lazy("In de database. Van de link bewaren we alleen een hash."),
        access=_lazy("Organisatiebeheerder en kwartiermaker."),
        order=30,
    ),
    Processing(
        key="exploration.responses",
        app="exploration",
        name=_lazy("Antwoorden op de verkenning"),
        subjects=_lazy("Mensen die de lijst met vragen invullen: medewerkers en cliënten"),
        data=_lazy(
            "Antwoorden en groep, zonder naam, tijd of volgorde. Open antwoorden worden "
            "zonder namen bewaard."
        ),
        purpose=_lazy("Zien of de organisatie klaar is om met eigen ervaring te werken."),
        legal_basis=_lazy(
            "Gerechtvaardigd belang of publieke taak (art. 6 lid 1 e of f AVG). De "
            "antwoorden zijn anoniem; kleine groepen worden niet getoond."
        ),
        retention=_response_retention,
        storage=_lazy("In de database. Een antwoord is niet aan een persoon gekoppeld."),
        access=format_lazy(
            _lazy(
                "Beheerder, kwartiermaker en bestuurder zien alleen totalen van groepen "
                "van {} of meer."
            ),
            MIN_GROUP_SIZE,
        ),
        open_question=_lazy(
            "Kunnen open antwoorden toch iets over gezondheid zeggen? Zo ja: welke "
            "maatregel neemt u extra?"
        ),
        order=40,
    ),
    Processing(
        key="exploration.concerns",
        app="exploration",
        name=_lazy("Zorgen en bezwaren"),
        subjects=_lazy("Medewerkers die een zorg noemen, en de eigenaar ervan"),
        data=_lazy("De zorg, een toelichting, de bron en wie de zorg oppakt."),
        purpose=_lazy("Zorgen over ervaringsdeskundigheid opvolgen."),
        legal_basis=_lazy("Gerechtvaardigd belang of publieke taak (art. 6 lid 1 e of f AVG)."),
        retention=_concern_retention,
        storage=_lazy("In de database van Kwartier."),
        access=_lazy("Beheerder, kwartiermaker en bestuurder."),
        open_question=_lazy("Hoe lang bewaart u afgehandelde zorgen?"),
        order=50,
    ),
)
