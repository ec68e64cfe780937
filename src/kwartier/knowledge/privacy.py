"""The personal data of the knowledge bank (see core/processing.py)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from kwartier.core.processing import Processing, RightRoute


def _story_retention() -> str:
    return _(
        "Tot de schrijver het verhaal verwijdert. Bij intrekken wist Kwartier meteen de "
        "gedeelde tekst; het eigen origineel blijft bij de schrijver."
    )


def _consent_retention() -> str:
    return _(
        "Ook na intrekken en na verwijderen van het verhaal, als bewijs van de "
        "toestemming (art. 7 AVG). Er is nog geen eindtermijn ingesteld."
    )


ITEMS = (
    Processing(
        key="knowledge.stories",
        app="knowledge",
        name=_lazy("Verhalen in de kennisbank"),
        subjects=_lazy(
            "Ervaringswerkers, mensen van wie een verhaal is opgenomen, en mensen die in "
            "een verhaal voorkomen"
        ),
        data=_lazy(
            "Het verhaal, de titel en de woorden die u erbij zet. Ook waar het over gaat "
            "en in welke fase van uw leven. In het eigen verhaal kunnen namen, plaatsen "
            "en data staan."
        ),
        special_categories=_lazy(
            "Ja. Verhalen gaan vaak over gezondheid, verslaving of schulden (art. 9 AVG)."
        ),
        purpose=_lazy(
            "Ervaringskennis delen, voor scholing en voor signalen aan beleid. Alleen voor "
            "de doelen waar de schrijver voor koos."
        ),
        legal_basis=_lazy(
            "Uitdrukkelijke toestemming van de schrijver (art. 6 lid 1 a en art. 9 lid 2 a "
            "AVG). Intrekken kan altijd."
        ),
        retention=_story_retention,
        storage=_lazy(
            "Het origineel staat versleuteld in de database (Fernet, AES-128 met HMAC). "
            "Alleen de tekst zonder namen komt in de zoekindex."
        ),
        access=_lazy(
            "Het origineel ziet alleen de schrijver (en wie het opnam). De gedeelde tekst "
            "zonder namen ziet alleen wie de schrijver koos: de organisatie, het netwerk "
            "of iedereen. Financiers lezen alleen openbare verhalen."
        ),
        rights=(
            RightRoute(_lazy("Inzage"), _lazy("Uw eigen verhalen"), "knowledge:mine"),
            RightRoute(
                _lazy("Toestemming intrekken"),
                _lazy("Bij elk verhaal: knop Intrekken"),
                "knowledge:mine",
            ),
            RightRoute(
                _lazy("Wissen"), _lazy("Bij elk verhaal: knop Verwijderen"), "knowledge:mine"
            ),
            RightRoute(
                _lazy("Gegevens meenemen"),
                _lazy("Uw gedeelde verhalen als bestand"),
                "knowledge:export",
            ),
        ),
        open_question=_lazy(
            "Wie helpt iemand zonder account om een opgenomen verhaal in te zien of in te trekken?"
        ),
        order=60,
    ),
    Processing(
        key="knowledge.consent",
        app="knowledge",
        name=_lazy("Toestemmingen"),
        subjects=_lazy("Schrijvers en mensen van wie een verhaal is opgenomen"),
        data=_lazy(
            "Wie toestemming gaf, wanneer, voor wie en welke doelen, en een vingerafdruk "
            "van de tekst. De naam van iemand zonder account staat versleuteld."
        ),
        purpose=_lazy("Kunnen laten zien dat er toestemming was, en voor welke tekst."),
        legal_basis=_lazy("Wettelijke plicht: toestemming aantonen (art. 7 lid 1 AVG)."),
        retention=_consent_retention,
        storage=_lazy("In de database. De naam staat versleuteld."),
        access=_lazy("De schrijver en wie het verhaal opnam."),
        open_question=_lazy("Hoe lang bewaart u bewijs van toestemming na intrekken?"),
        order=70,
    ),
)
