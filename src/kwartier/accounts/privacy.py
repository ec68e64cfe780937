"""The personal data of accounts and memberships (see core/processing.py)."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from kwartier.accounts.models import Invitation
from kwartier.core.processing import Processing, RightRoute


def _account_retention() -> str:
    return _(
        "Zolang het account bestaat. Een sessie eindigt na %(idle)s minuten zonder "
        "gebruik en na hoogstens %(hours)s uur."
    ) % {
        "idle": settings.SESSION_IDLE_TIMEOUT // 60,
        "hours": settings.SESSION_COOKIE_AGE // 3600,
    }


def _invitation_retention() -> str:
    return _(
        "De link werkt %(days)s dagen. De uitnodiging zelf blijft bewaard als bewijs; "
        "daar is nog geen termijn voor ingesteld."
    ) % {"days": Invitation.VALID_FOR.days}


ITEMS = (
    Processing(
        key="accounts.users",
        app="accounts",
        name=_lazy("Accounts en lidmaatschappen"),
        subjects=_lazy("Alle leden: wie bij de organisatie werkt, ook als bestuurder of financier"),
        data=_lazy("Naam, e-mailadres, wachtwoord (alleen als hash), rol, team en organisatie."),
        purpose=_lazy("Inloggen en bepalen wie wat mag zien en doen."),
        legal_basis=_lazy(
            "Uitvoering van de arbeids- of vrijwilligersovereenkomst, of publieke taak "
            "(art. 6 lid 1 b of e AVG)."
        ),
        retention=_account_retention,
        retention_setting="KWARTIER_SESSION_IDLE_MINUTES, KWARTIER_SESSION_MAX_HOURS",
        storage=_lazy("In de database van Kwartier. Wachtwoorden alleen als hash."),
        access=_lazy(
            "Leden van dezelfde organisatie zien naam en rol. Beheerder en kwartiermaker "
            "beheren de leden."
        ),
        rights=(
            RightRoute(
                _lazy("Inzage"),
                _lazy("Een lijst van alle leden van uw organisatie"),
                "accounts:members",
            ),
        ),
        open_question=_lazy(
            "Welke grondslag geldt in uw organisatie, en hoe lang bewaart u een account "
            "nadat iemand vertrekt?"
        ),
        order=10,
    ),
    Processing(
        key="accounts.invitations",
        app="accounts",
        name=_lazy("Uitnodigingen"),
        subjects=_lazy("Mensen die worden uitgenodigd"),
        data=_lazy("E-mailadres, rol en wie uitnodigde."),
        purpose=_lazy("Iemand een account in de organisatie geven."),
        legal_basis=_lazy("Gerechtvaardigd belang of publieke taak (art. 6 lid 1 e of f AVG)."),
        retention=_invitation_retention,
        retention_setting="accounts.Invitation.VALID_FOR",
        storage=_lazy("In de database. Van de link bewaren we alleen een hash."),
        access=_lazy("Beheerder en kwartiermaker."),
        open_question=_lazy("Hoe lang bewaart u oude uitnodigingen?"),
        order=20,
    ),
)
