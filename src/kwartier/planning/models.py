"""The kwartiermaakplan: a versioned plan per organisation, its parts, scenarios and progress.

A :class:`Plan` is the lasting thing ("Kwartiermaakplan 2026-2030"); its content lives in
:class:`PlanVersion` rows. A version is a draft (concept) until a bestuurder adopts it;
an adopted version is frozen. Changing an adopted plan starts a new draft version (a copy),
so the adopted text the board and the financier read never changes under them.
Progress (actual experience workers per year) belongs to the plan, not to a version:
it records facts, not intentions.
"""

from __future__ import annotations

import datetime
import uuid
from typing import Any

from auditlog.registry import auditlog
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from kwartier.accounts.models import ExperienceRole, Layer, Organisation, Team

# --- values within reason ------------------------------------------------------------------
# Bounds catch typos and abuse (a headcount of 10^18, a budget of 10^30, a megabyte of plan
# text that makes the PDF slow), not real plans: no Dutch social-domain organisation comes
# near them. The messages are Dutch and name the bound.
YEAR_MIN = 2000
YEAR_MAX = 2100
PLAN_TEXT_MAX = 10_000  # characters per plan text (ambition, vision, agreements): ~4 pages
HEADCOUNT_MAX = 10_000  # people
FTE_MAX = 10_000  # fte
BUDGET_MAX = 100_000_000  # euro per year
POSITIONS_MAX = 1_000


def _at_most(limit: int, what: Any) -> MaxValueValidator:
    # format_lazy: the message is translated when shown, not when this module is imported.
    return MaxValueValidator(
        limit,
        message=format_lazy(
            _("Vul hoogstens {limit} {what} in."), limit=f"{limit:,}".replace(",", "."), what=what
        ),
    )


def _text_at_most(limit: int) -> MaxLengthValidator:
    return MaxLengthValidator(
        limit,
        message=_(
            "Deze tekst is te lang: hoogstens %(limit_value)d tekens, nu %(show_value)d. "
            "Maak hem korter of zet details in een bijlage."
        ),
    )


YEAR_VALIDATORS = [
    MinValueValidator(YEAR_MIN, message=_("Vul een jaar vanaf %(limit_value)s in.")),
    MaxValueValidator(YEAR_MAX, message=_("Vul een jaar tot en met %(limit_value)s in.")),
]
HEADCOUNT_VALIDATORS = [_at_most(HEADCOUNT_MAX, _("personen"))]
FTE_FIELD_OPTIONS: dict[str, Any] = {
    "max_digits": 8,
    "decimal_places": 2,
    "validators": [
        MinValueValidator(0, message=_("Vul 0 of meer in.")),
        _at_most(FTE_MAX, _("fte")),
    ],
}
PLAN_TEXT_OPTIONS: dict[str, Any] = {
    "blank": True,
    "max_length": PLAN_TEXT_MAX,  # the form field and the textarea's maxlength
    "validators": [_text_at_most(PLAN_TEXT_MAX)],  # the model (TextField does not check it)
}


def validate_plan_date(value: datetime.date) -> None:
    if not YEAR_MIN <= value.year <= YEAR_MAX:
        raise ValidationError(
            _("Kies een datum tussen %(first)s en %(last)s.")
            % {"first": YEAR_MIN, "last": YEAR_MAX},
            code="date_out_of_range",
        )


class VersionStatus(models.TextChoices):
    DRAFT = "concept", _("Concept")
    ADOPTED = "vastgesteld", _("Vastgesteld")
    SUPERSEDED = "vervangen", _("Vervangen door een nieuwere versie")


class Commitment(models.TextChoices):
    NONE = "geen", _("Nog geen toezegging")
    IN_TALKS = "in_gesprek", _("In gesprek")
    COMMITTED = "toegezegd", _("Toegezegd")


class SupportKind(models.TextChoices):
    COACHING = "coaching", _("Coaching")
    INTERVISIE = "intervisie", _("Intervisie")
    TRAINING = "training", _("Training en opleiding")
    OTHER = "anders", _("Anders")


class SharedActivity(models.TextChoices):
    RECRUITMENT = "werving", _("Gezamenlijke werving")
    TRAINING = "opleiding", _("Gezamenlijke training")
    MBO_TRACK = "mbo_traject", _("Mbo-traject met een regionale onderwijsinstelling")
    KNOWLEDGE = "kennis", _("Ervaringskennis delen")


class RiskKind(models.TextChoices):
    RISK = "risico", _("Risico")
    RESISTANCE = "weerstand", _("Verwachte weerstand")


class Plan(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="plans", verbose_name=_("organisatie")
    )
    title = models.CharField(
        _("titel"),
        max_length=150,
        help_text=_("Bijvoorbeeld: Kwartiermaakplan 2026-2030."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("kwartiermaakplan")
        verbose_name_plural = _("kwartiermaakplannen")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "title"], name="plan_title_unique_per_org"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_additional_data(self) -> dict[str, int]:
        return {"organisation_id": self.organisation_id}


# The texts of a version that an edit of the plan's texts changes (the title is separate).
VERSION_TEXT_FIELDS = (
    "ambition",
    "vision",
    "driver",
    "financier_name",
    "financier_commitment",
    "financier_note",
)


class PlanVersion(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("versie"))
    # The title as this version has it. A financier reads the adopted version's title, never
    # the working title of a newer draft (``Plan.title``).
    title = models.CharField(_("titel"), max_length=150)
    status = models.CharField(
        _("status"), max_length=20, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    ambition = models.TextField(
        _("ambitie"),
        **PLAN_TEXT_OPTIONS,
        help_text=_("Waar staat de organisatie over 2 en over 5 jaar? Noem aantallen."),
    )
    vision = models.TextField(
        _("visie"),
        **PLAN_TEXT_OPTIONS,
        help_text=_(
            "Waarom zet de organisatie ervaringsdeskundigen in, en wat verandert er daardoor "
            "voor cliënten en voor de organisatie?"
        ),
    )
    driver = models.CharField(
        _("trekker"),
        max_length=150,
        blank=True,
        help_text=_("Wie trekt het plan? Bijvoorbeeld: de kwartiermaker met een bestuurder."),
    )
    financier_name = models.CharField(
        _("financier"),
        max_length=150,
        blank=True,
        help_text=_("Wie betaalt de betaalde ervaringsdeskundigheid, bijvoorbeeld de gemeente."),
    )
    financier_commitment = models.CharField(
        _("toezegging van de financier"),
        max_length=20,
        choices=Commitment.choices,
        default=Commitment.NONE,
    )
    financier_note = models.TextField(
        _("afspraken met de financier"),
        **PLAN_TEXT_OPTIONS,
        help_text=_("Wat is er toegezegd, voor welke jaren en onder welke voorwaarden?"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    adopted_at = models.DateTimeField(_("vastgesteld op"), null=True, blank=True)
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("vastgesteld door"),
    )
    # The content hash of the text the bestuurder confirmed (see selectors.version_fingerprint).
    adopted_hash = models.CharField(_("vastgestelde inhoud (hash)"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("versie van een kwartiermaakplan")
        verbose_name_plural = _("versies van kwartiermaakplannen")
        ordering = ["plan", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="plan_version_number_unique"),
            # One draft at a time: every change goes into it until it is adopted.
            models.UniqueConstraint(
                fields=["plan"],
                condition=Q(status="concept"),
                name="plan_one_draft",
            ),
            models.UniqueConstraint(
                fields=["plan"],
                condition=Q(status="vastgesteld"),
                name="plan_one_adopted",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan} – {self.number}"

    @property
    def is_draft(self) -> bool:
        return self.status == VersionStatus.DRAFT

    @property
    def is_adopted(self) -> bool:
        return self.status == VersionStatus.ADOPTED

    def get_additional_data(self) -> dict[str, int]:
        return {"organisation_id": self.plan.organisation_id}


class VersionPart(models.Model):
    """A row that belongs to one plan version and is copied into the next draft."""

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="+")
    # Stays the same when the row is copied into a new draft, so an edit form opened on one
    # version updates the same row in the next, in place.
    key = models.UUIDField(default=uuid.uuid4, editable=False)

    # Fields copied into a new draft; everything except the keys.
    copy_fields: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def get_additional_data(self) -> dict[str, int]:
        return {"organisation_id": self.version.plan.organisation_id}


class Target(VersionPart):
    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="targets")
    year = models.PositiveIntegerField(_("jaar"), validators=YEAR_VALIDATORS)
    paid_headcount = models.PositiveIntegerField(
        _("betaalde ervaringswerkers (personen)"), default=0, validators=HEADCOUNT_VALIDATORS
    )
    paid_fte = models.DecimalField(_("betaalde ervaringswerkers (fte)"), **FTE_FIELD_OPTIONS)
    volunteers = models.PositiveIntegerField(
        _("vrijwillige ervaringsdeskundigen"), default=0, validators=HEADCOUNT_VALIDATORS
    )

    copy_fields = ("year", "paid_headcount", "paid_fte", "volunteers")

    class Meta:
        verbose_name = _("doel")
        verbose_name_plural = _("doelen")
        ordering = ["year"]
        constraints = [
            models.UniqueConstraint(fields=["version", "year"], name="target_year_unique")
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.paid_fte} fte"


class Deployment(VersionPart):
    """Where experience workers work, in which of the three roles."""

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="deployments")
    team = models.ForeignKey(Team, on_delete=models.SET_NULL, null=True, blank=True)
    # Name and layer are kept with the version: an adopted plan must still read the same
    # after a team is renamed or removed.
    team_name = models.CharField(_("team"), max_length=150)
    layer = models.CharField(_("laag"), max_length=20, choices=Layer.choices)
    role = models.CharField(_("rol"), max_length=20, choices=ExperienceRole.choices)
    headcount = models.PositiveIntegerField(
        _("aantal ervaringswerkers"),
        validators=[MinValueValidator(1, message=_("Vul 1 of meer in.")), *HEADCOUNT_VALIDATORS],
    )

    copy_fields = ("team", "team_name", "layer", "role", "headcount")

    class Meta:
        verbose_name = _("inzet")
        verbose_name_plural = _("inzet")
        ordering = ["layer", "team_name", "role"]

    def __str__(self) -> str:
        return f"{self.team_name}: {self.headcount} ({self.role})"


class Support(VersionPart):
    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="supports")
    kind = models.CharField(_("soort"), max_length=20, choices=SupportKind.choices)
    description = models.CharField(_("omschrijving"), max_length=255)
    budget_per_year = models.PositiveIntegerField(
        _("budget per jaar (euro)"), default=0, validators=[_at_most(BUDGET_MAX, _("euro"))]
    )

    copy_fields = ("kind", "description", "budget_per_year")

    class Meta:
        verbose_name = _("ondersteuning")
        verbose_name_plural = _("ondersteuning")
        ordering = ["kind", "id"]

    def __str__(self) -> str:
        return self.description


class CareerStep(VersionPart):
    """A position experience workers can grow into, e.g. in middle management."""

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="career_steps")
    title = models.CharField(_("functie"), max_length=150)
    layer = models.CharField(_("laag"), max_length=20, choices=Layer.choices)
    positions = models.PositiveIntegerField(
        _("aantal plaatsen"),
        default=1,
        validators=[
            MinValueValidator(1, message=_("Vul 1 of meer in.")),
            _at_most(POSITIONS_MAX, _("plaatsen")),
        ],
    )
    year = models.PositiveIntegerField(
        _("vanaf jaar"), null=True, blank=True, validators=YEAR_VALIDATORS
    )

    copy_fields = ("title", "layer", "positions", "year")

    class Meta:
        verbose_name = _("loopbaanstap")
        verbose_name_plural = _("loopbaanpad")
        ordering = ["layer", "title"]

    def __str__(self) -> str:
        return self.title


class Partner(VersionPart):
    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="partners")
    name = models.CharField(_("partner"), max_length=150)
    shares = models.JSONField(_("wat we delen"), default=list, blank=True)
    description = models.CharField(_("afspraken"), max_length=255, blank=True)

    copy_fields = ("name", "shares", "description")

    class Meta:
        verbose_name = _("regionale partner")
        verbose_name_plural = _("regionale partners")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def shares_display(self) -> list[str]:
        labels = dict(SharedActivity.choices)
        return [str(labels.get(key, key)) for key in self.shares]


class Milestone(VersionPart):
    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("mijlpaal"), max_length=200)
    owner = models.CharField(_("eigenaar"), max_length=150)
    due_date = models.DateField(_("datum"), validators=[validate_plan_date])
    done = models.BooleanField(_("gehaald"), default=False)

    copy_fields = ("title", "owner", "due_date", "done")

    class Meta:
        verbose_name = _("mijlpaal")
        verbose_name_plural = _("mijlpalen")
        ordering = ["due_date", "title"]

    def __str__(self) -> str:
        return self.title


class Risk(VersionPart):
    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="risks")
    kind = models.CharField(_("soort"), max_length=20, choices=RiskKind.choices)
    description = models.CharField(_("omschrijving"), max_length=255)
    mitigation = models.CharField(_("aanpak"), max_length=255, blank=True)

    copy_fields = ("kind", "description", "mitigation")

    class Meta:
        verbose_name = _("risico")
        verbose_name_plural = _("risico's en weerstand")
        ordering = ["kind", "id"]

    def __str__(self) -> str:
        return self.description


class Action(VersionPart):
    """An action of the plan, optionally answering a weak theme of the exploration."""

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="actions")
    description = models.CharField(_("actie"), max_length=255)
    owner = models.CharField(_("eigenaar"), max_length=150, blank=True)
    theme_key = models.CharField(_("thema uit de verkenning"), max_length=64, blank=True)
    # The name is kept with the action so the plan reads the same without the exploration.
    theme_name = models.CharField(max_length=150, blank=True)

    copy_fields = ("description", "owner", "theme_key", "theme_name")

    class Meta:
        verbose_name = _("actie")
        verbose_name_plural = _("acties")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.description


class Scenario(VersionPart):
    """A saved formation projection: the input as the API takes it and its result."""

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="scenarios")
    name = models.CharField(_("naam"), max_length=100)
    input = models.JSONField(_("invoer"))
    output = models.JSONField(_("uitkomst"))
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # The form's one-time token: a double-click or a resent form saves one scenario, not two.
    # Not copied into a new draft, so the copy is not mistaken for a resubmission.
    submission_key = models.UUIDField(null=True, blank=True, editable=False)

    copy_fields = ("name", "input", "output", "created_by")

    class Meta:
        verbose_name = _("scenario")
        verbose_name_plural = _("scenario's")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["submission_key"], name="scenario_submission_unique")
        ]

    def __str__(self) -> str:
        return self.name


PART_MODELS: tuple[type[VersionPart], ...] = (
    Target,
    Deployment,
    Support,
    CareerStep,
    Partner,
    Milestone,
    Risk,
    Action,
    Scenario,
)


class ProgressEntry(models.Model):
    """Actual experience workers in a year, entered by hand for now."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="progress")
    year = models.PositiveIntegerField(_("jaar"), validators=YEAR_VALIDATORS)
    headcount = models.PositiveIntegerField(
        _("betaalde ervaringswerkers (personen)"), validators=HEADCOUNT_VALIDATORS
    )
    fte = models.DecimalField(_("betaalde ervaringswerkers (fte)"), **FTE_FIELD_OPTIONS)
    note = models.CharField(_("toelichting"), max_length=255, blank=True)
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("voortgang")
        verbose_name_plural = _("voortgang")
        ordering = ["year"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "year"], name="progress_year_unique")
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.fte} fte"

    def get_additional_data(self) -> dict[str, int]:
        return {"organisation_id": self.plan.organisation_id}


auditlog.register(Plan)
auditlog.register(PlanVersion)
auditlog.register(ProgressEntry)
for _part in PART_MODELS:
    auditlog.register(_part, exclude_fields=["output"])
