"""Toegankelijkheid en privacy: what an organisation publishes about itself.

An organisation that uses Kwartier is the controller (verwerkingsverantwoordelijke) of
its members' and respondents' data. Its privacy notice, accessibility statement and DPIA
starter need its own details; everything else on those pages comes from the apps'
declarations (core/processing.py) and the settings that enforce them.
"""

from __future__ import annotations

from auditlog.registry import auditlog
from django.conf import settings
from django.core.validators import MaxLengthValidator, RegexValidator
from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

PHONE = RegexValidator(
    r"^\+?[0-9][0-9 ()-]{6,18}[0-9]$",
    _("Vul een telefoonnummer in met alleen cijfers, spaties en streepjes."),
    code="phone",
)
REGISTER_PREFIX = "https://www.toegankelijkheidsverklaring.nl/register/"
REGISTER_URL = RegexValidator(
    r"^https://www\.toegankelijkheidsverklaring\.nl/register/[0-9]+$",
    format_lazy(
        _("Vul het adres van uw verklaring in het register in, zoals {}."),
        REGISTER_PREFIX + "1234",
    ),
    code="register_url",  # not "invalid": URLField would put its own message over it
)
TEXT_MAX = 1000


class OrganisationDetails(models.Model):
    """The controller details that an organisation admin keeps up to date."""

    organisation = models.OneToOneField(
        "accounts.Organisation",
        on_delete=models.CASCADE,
        related_name="trust_details",
        verbose_name=_("organisatie"),
    )
    controller_name = models.CharField(
        _("naam van de verantwoordelijke"),
        max_length=150,
        help_text=_("De officiële naam van uw organisatie, zoals in het Handelsregister."),
    )
    address = models.TextField(
        _("postadres"),
        max_length=300,
        validators=[MaxLengthValidator(300)],
        help_text=_("Straat, huisnummer, postcode en plaats."),
    )
    contact_email = models.EmailField(
        _("e-mailadres voor privacyvragen"),
        help_text=_("Hier kunnen mensen vragen stellen over hun gegevens."),
    )
    contact_phone = models.CharField(
        _("telefoonnummer"), max_length=20, blank=True, validators=[PHONE]
    )
    dpo_name = models.CharField(
        _("naam van de functionaris gegevensbescherming (FG)"), max_length=150, blank=True
    )
    dpo_email = models.EmailField(_("e-mailadres van de FG"), blank=True)
    accessibility_email = models.EmailField(
        _("e-mailadres voor toegankelijkheid"),
        help_text=_("Hier meldt iemand dat een pagina niet goed werkt met zijn hulpmiddel."),
    )
    accessibility_phone = models.CharField(
        _("telefoonnummer voor toegankelijkheid"), max_length=20, blank=True, validators=[PHONE]
    )
    register_url = models.URLField(
        _("uw verklaring in het register"),
        blank=True,
        validators=[REGISTER_URL],
        help_text=_(
            "Het adres op toegankelijkheidsverklaring.nl, als u de verklaring daar publiceerde."
        ),
    )
    processors = models.TextField(
        _("verwerkers"),
        blank=True,
        max_length=TEXT_MAX,
        validators=[MaxLengthValidator(TEXT_MAX)],
        help_text=_(
            "Bedrijven die voor u gegevens verwerken, zoals de hosting van Kwartier en "
            "de verzender van e-mail. Eén per regel."
        ),
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("gegevens van de verantwoordelijke")
        verbose_name_plural = _("gegevens van de verantwoordelijken")

    def __str__(self) -> str:
        return self.controller_name

    def processor_lines(self) -> list[str]:
        return [line.strip() for line in self.processors.splitlines() if line.strip()]

    def get_additional_data(self) -> dict[str, int]:
        return {"organisation_id": self.organisation_id}


auditlog.register(OrganisationDetails)
