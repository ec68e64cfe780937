"""The personal data the core keeps: the read log and background jobs (see
core/processing.py; registered in CoreConfig.ready())."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from kwartier.core.processing import Processing, RightRoute
from kwartier.core.services import FINISHED_JOBS_KEPT


def _access_log_retention() -> str:
    days = settings.ACCESS_LOG_RETENTION_DAYS
    return _("%(days)s dagen (ongeveer %(years)s jaar). Daarna wist Kwartier de regels.") % {
        "days": days,
        "years": round(days / 365),
    }


def _job_retention() -> str:
    return _("%(days)s dagen na afloop. Daarna wist Kwartier de taak en het bestand.") % {
        "days": FINISHED_JOBS_KEPT.days
    }


ITEMS = (
    Processing(
        key="core.access_log",
        app="core",
        name=_lazy("Leeslog (wie las wat)"),
        subjects=_lazy("Iedereen met een account"),
        data=_lazy(
            "Wie een gevoelig gegeven las, downloadde of geweigerd werd, wanneer, en welk "
            "gegeven. Geen IP-adressen."
        ),
        purpose=_lazy(
            "Controleren dat alleen wie mag, gevoelige gegevens leest (NEN 7513). Een "
            "schrijver ziet zelf wie zijn verhaal las."
        ),
        legal_basis=_lazy(
            "Wettelijke plicht en gerechtvaardigd belang: beveiliging van gegevens "
            "(art. 32 AVG; art. 6 lid 1 c en f)."
        ),
        retention=_access_log_retention,
        retention_setting="KWARTIER_ACCESS_LOG_RETENTION_DAYS; kwartier retention",
        storage=_lazy("In de database van Kwartier. Regels kunnen niet worden veranderd."),
        access=_lazy(
            "De organisatiebeheerder ziet het log van de organisatie. Iedereen ziet wie "
            "zijn eigen verhalen las."
        ),
        rights=(
            RightRoute(_lazy("Inzage"), _lazy("Zien wie uw verhalen las"), "knowledge:access_log"),
        ),
        order=80,
    ),
    Processing(
        key="core.jobs",
        app="core",
        name=_lazy("Taken en exportbestanden"),
        subjects=_lazy("Leden van de organisatie"),
        data=_lazy(
            "Wie een export of rapport startte, en het bestand zelf (bijvoorbeeld de ledenlijst)."
        ),
        purpose=_lazy("Lang werk op de achtergrond doen en het resultaat klaarzetten."),
        legal_basis=_lazy("Het is nodig voor het werk van de organisatie, of het is haar taak."),
        retention=_job_retention,
        retention_setting="core.services.FINISHED_JOBS_KEPT; kwartier retention",
        storage=_lazy("In de database en de datamap van Kwartier."),
        access=_lazy("Alleen wie de taak startte."),
        order=90,
    ),
)
