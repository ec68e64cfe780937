"""Inzet: the experience workers of an organisation, where they work, who supports them
and how they develop.

Every row carries its organisation (the tenant). A :class:`Profile` is a person, with or
without an account (a membership); a :class:`Position` puts that person in a team and a
layer, in one or more of the three roles. Intervisie groups may span the organisations of
a regional network: the group is kept by one organisation (its ``organisation``), its
members are profiles of any organisation in that network, and each organisation sees
only its own members by name (the others as counts).

Sections: the ``workforce`` part (profiles, positions, support, portfolio) first; the
``vacancies`` part appends its models below its own marker.
"""

from __future__ import annotations

import uuid
from datetime import timedelta
from decimal import Decimal
from typing import Any

from auditlog.registry import auditlog
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kwartier.accounts.models import (
    Domain,
    ExperienceRole,
    Layer,
    Membership,
    Network,
    Organisation,
    Team,
)
from kwartier.core import tokens

# ===== workforce part: profiles, positions, support, development portfolio ================

# Bounds against typos and abuse, not real lives (the messages name the bound).
HOURS_PER_WEEK_MAX = Decimal("80")
FTE_MAX = Decimal("1.50")
MONEY_MAX = Decimal("100000")
PORTFOLIO_HOURS_MAX = Decimal("1000")
NOTE_MAX = 500


def _positive(max_value: Decimal) -> list[Any]:
    return [
        MinValueValidator(Decimal("0"), message=_("Vul 0 of meer in.")),
        MaxValueValidator(max_value, message=_("Vul hoogstens %(limit_value)s in.")),
    ]


def _note_field(verbose: Any, help_text: Any = "") -> models.TextField:
    return models.TextField(
        verbose,
        blank=True,
        max_length=NOTE_MAX,
        validators=[MaxLengthValidator(NOTE_MAX)],
        help_text=help_text,
    )


class MatchingConsent(models.TextChoices):
    NONE = "none", _("Geen: mijn profiel wordt niet voor vacatures gebruikt")
    ORGANISATION = "organisation", _("Mijn eigen organisatie")
    NETWORK = "network", _("De organisaties in ons regionale netwerk")


class Employment(models.TextChoices):
    PAID = "paid", _("Betaald")
    VOLUNTEER = "volunteer", _("Vrijwillig")


class TrainingKind(models.TextChoices):
    ED_MBO3 = "ed_mbo3", _("Ervaringsdeskundige mbo-3")
    ED_MBO4 = "ed_mbo4", _("Ervaringsdeskundige mbo-4")
    HBO_ED = "hbo_ed", _("Hbo ervaringsdeskundigheid")
    OTHER = "other", _("Andere opleiding of training")


class Profile(models.Model):
    """An experience worker of an organisation (paid or volunteer)."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="workforce_profiles",
        verbose_name=_("organisatie"),
    )
    membership = models.OneToOneField(
        Membership,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="workforce_profile",
        verbose_name=_("account"),
    )
    name = models.CharField(_("naam"), max_length=150)
    email = models.EmailField(
        _("e-mailadres"),
        blank=True,
        help_text=_("Nodig om de ervaringswerker uit te nodigen voor een eigen account."),
    )
    domains = models.ManyToManyField(
        Domain,
        blank=True,
        related_name="workforce_profiles",
        verbose_name=_("ervaringsdomeinen"),
    )
    employment = models.CharField(
        _("betaald of vrijwillig"),
        max_length=20,
        choices=Employment.choices,
        default=Employment.PAID,
    )
    contract_hours = models.DecimalField(
        _("contracturen per week"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=_positive(HOURS_PER_WEEK_MAX),
    )
    pay_scale = models.CharField(
        _("schaal"), max_length=50, blank=True, help_text=_("Bijvoorbeeld: FWG 40 of schaal 7.")
    )
    hourly_wage = models.DecimalField(
        _("uurloon (euro)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=_positive(MONEY_MAX),
    )
    allowance_per_hour = models.DecimalField(
        _("vrijwilligersvergoeding per uur (euro)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=_positive(MONEY_MAX),
    )
    allowance_per_month = models.DecimalField(
        _("vrijwilligersvergoeding per maand (euro)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=_positive(MONEY_MAX),
    )
    available_hours = models.DecimalField(
        _("beschikbare uren per week"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("0"),
        validators=_positive(HOURS_PER_WEEK_MAX),
    )
    region = models.CharField(
        _("regio"), max_length=100, blank=True, help_text=_("Bijvoorbeeld: Utrecht-Oost.")
    )
    matching_consent = models.CharField(
        _("toestemming voor vacatures"),
        max_length=20,
        choices=MatchingConsent.choices,
        default=MatchingConsent.NONE,
        help_text=_(
            "Wie mag dit profiel (meer dan naam en rol) zien om passende vacatures voor te "
            "stellen? Alleen de ervaringswerker zelf kiest dit."
        ),
    )
    date_of_birth = models.DateField(
        _("geboortedatum"),
        null=True,
        blank=True,
        help_text=_("Alleen voor de controle van de vrijwilligersvergoeding (21 jaar en ouder)."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("profiel van een ervaringswerker")
        verbose_name_plural = _("profielen van ervaringswerkers")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.membership is not None and self.membership.organisation_id != self.organisation_id:
            raise ValidationError(
                {"membership": _("Dit account hoort bij een andere organisatie.")}
            )

    def get_additional_data(self) -> dict[str, int]:
        return {"organisation_id": self.organisation_id}


class Training(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="trainings")
    kind = models.CharField(_("soort"), max_length=20, choices=TrainingKind.choices)
    name = models.CharField(
        _("naam van de opleiding"),
        max_length=150,
        blank=True,
        help_text=_("Bijvoorbeeld: Ervaringsdeskundige zorg en welzijn, ROC Midden Nederland."),
    )
    started = models.DateField(_("begonnen op"), null=True, blank=True)
    completed = models.DateField(_("afgerond op"), null=True, blank=True)

    class Meta:
        verbose_name = _("opleiding")
        verbose_name_plural = _("opleidingen")
        ordering = ["-started", "id"]

    def __str__(self) -> str:
        return self.name or self.get_kind_display()

    def clean(self) -> None:
        if self.started and self.completed and self.completed < self.started:
            raise ValidationError({"completed": _("De afronding ligt vóór het begin.")})

    def get_additional_data(self) -> dict[str, int]:
        return {"organisation_id": self.organisation_id}


class RegistrationStatus(models.TextChoices):
    APPLIED = "aangevraagd", _("Aangevraagd")
    REGISTERED = "geregistreerd", _("Geregistreerd")
    EXPIRED = "verlopen", _("Verlopen")


class Registration(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="registrations")
    register = models.CharField(
        _("register"),
        max_length=100,
        default="Registerplein",
        help_text=_("Bijvoorbeeld: Registerplein."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.REGISTERED,
    )
    number = models.CharField(_("registratienummer"), max_length=50, blank=True)
    valid_until = models.DateField(_("geldig tot"), null=True, blank=True)

    class Meta:
        verbose_name = _("registratie")
        verbose_name_plural = _("registraties")
        ordering = ["register", "id"]

    def __str__(self) -> str:
        return f"{self.register} {self.number}".strip()

    def get_additional_data(self) -> dict[str, int]:
        return {"organisation_id": self.organisation_id}


def validate_roles(value: Any) -> None:
    allowed = set(ExperienceRole.values)
    if (
        not isinstance(value, list)
        or not value
        or any(not isinstance(v, str) or v not in allowed for v in value)
    ):
        raise ValidationError(_("Kies één of meer van de drie rollen."), code="roles")


class Position(models.Model):
    """A person in a team and layer, in one or more of the three roles, from/until."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="workforce_positions"
    )
    profile = models.ForeignKey(
        Profile,
        on_delete=models.CASCADE,
        related_name="positions",
        verbose_name=_("ervaringswerker"),
    )
    team = models.ForeignKey(
        Team,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="workforce_positions",
        verbose_name=_("team"),
    )
    layer = models.CharField(_("laag"), max_length=20, choices=Layer.choices)
    roles = models.JSONField(_("rollen"), default=list, validators=[validate_roles])
    fte = models.DecimalField(
        _("fte"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("0"),
        validators=_positive(FTE_MAX),
        help_text=_("Bij vrijwillige inzet mag dit 0 zijn."),
    )
    employment = models.CharField(
        _("betaald of vrijwillig"), max_length=20, choices=Employment.choices
    )
    starts = models.DateField(_("vanaf"))
    ends = models.DateField(_("tot en met"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("functie")
        verbose_name_plural = _("functies")
        ordering = ["-starts", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends__isnull=True) | Q(ends__gte=models.F("starts")),
                name="workforce_position_ends_after_starts",
                violation_error_message=_("De einddatum ligt vóór de begindatum."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.profile} – {self.get_layer_display()}"

    @property
    def roles_display(self) -> list[str]:
        labels = dict(ExperienceRole.choices)
        return [str(labels.get(r, r)) for r in self.roles]

    def clean(self) -> None:
        if self.ends and self.starts and self.ends < self.starts:
            raise ValidationError({"ends": _("De einddatum ligt vóór de begindatum.")})

    def get_additional_data(self) -> dict[str, int]:
        return {"organisation_id": self.organisation_id}


# --- support: intervisie, coaching ---------------------------------------------------------


class IntervisieMethod(models.TextChoices):
    INCIDENT = "incidentmethode", _("Incidentmethode")
    SOCRATIC = "socratisch", _("Socratisch gesprek")
    BALINT = "balint", _("Balintmethode")
    ROUNDS = "roddelmethode", _("Roddelmethode")
    OTHER = "anders", _("Andere methode")


class IntervisieGroup(models.Model):
    """Kept by one organisation; with a network, members may come from all its organisations."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="intervisie_groups",
        verbose_name=_("beheerd door"),
    )
    network = models.ForeignKey(
        Network,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="intervisie_groups",
        verbose_name=_("regionaal netwerk"),
        help_text=_(
            "Kies een netwerk als ervaringswerkers van de andere organisaties in dat netwerk "
            "mogen meedoen. Leeg: alleen onze eigen ervaringswerkers."
        ),
    )
    name = models.CharField(_("naam"), max_length=150)
    facilitator = models.CharField(
        _("begeleider"), max_length=150, blank=True, help_text=_("Wie begeleidt de groep?")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("intervisiegroep")
        verbose_name_plural = _("intervisiegroepen")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name

    def get_additional_data(self) -> dict[str, int]:
        return {"organisation_id": self.organisation_id}


class IntervisieMember(models.Model):
    """A profile in a group; ``organisation`` is the profile's (who may see the name)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    group = models.ForeignKey(IntervisieGroup, on_delete=models.CASCADE, related_name="members")
    profile = models.ForeignKey(
        Profile, on_delete=models.CASCADE, related_name="intervisie_memberships"
    )
    joined = models.DateField(_("lid sinds"), default=timezone.localdate)

    class Meta:
        verbose_name = _("lid van een intervisiegroep")
        verbose_name_plural = _("leden van intervisiegroepen")
        constraints = [
            models.UniqueConstraint(fields=["group", "profile"], name="intervisie_member_unique")
        ]

    def __str__(self) -> str:
        return f"{self.profile} – {self.group}"

    def get_additional_data(self) -> dict[str, int]:
        return {"organisation_id": self.organisation_id}


class IntervisieSession(models.Model):
    """A meeting: date, method and topic titles only. What is said stays in the group."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    group = models.ForeignKey(IntervisieGroup, on_delete=models.CASCADE, related_name="sessions")
    date = models.DateField(_("datum"))
    method = models.CharField(_("methode"), max_length=30, choices=IntervisieMethod.choices)
    topics = models.JSONField(
        _("onderwerpen (alleen titels)"),
        default=list,
        blank=True,
        help_text=_("Eén titel per regel. Wat er besproken wordt, blijft in de groep."),
    )
    attendees = models.ManyToManyField(
        Profile, blank=True, related_name="intervisie_sessions", verbose_name=_("aanwezig")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("intervisiebijeenkomst")
        verbose_name_plural = _("intervisiebijeenkomsten")
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"{self.group} {self.date}"

    def get_additional_data(self) -> dict[str, int]:
        return {"organisation_id": self.organisation_id}


class CoachingTrajectory(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="coachings")
    coach = models.CharField(_("coach"), max_length=150)
    starts = models.DateField(_("vanaf"))
    ends = models.DateField(_("tot en met"), null=True, blank=True)
    focus = models.CharField(
        _("waar gaat het over"),
        max_length=200,
        blank=True,
        help_text=_("Kort, bijvoorbeeld: rolduidelijkheid in het team."),
    )

    class Meta:
        verbose_name = _("coachtraject")
        verbose_name_plural = _("coachtrajecten")
        ordering = ["-starts", "id"]

    def __str__(self) -> str:
        return self.coach

    def clean(self) -> None:
        if self.ends and self.starts and self.ends < self.starts:
            raise ValidationError({"ends": _("De einddatum ligt vóór de begindatum.")})

    def get_additional_data(self) -> dict[str, int]:
        return {"organisation_id": self.organisation_id}


# --- development portfolio -----------------------------------------------------------------


class HoursKind(models.TextChoices):
    PRACTICE = "practice", _("Praktijkuren")
    SUPERVISION = "supervision", _("Supervisie-uren")


class ConfirmationStatus(models.TextChoices):
    UNCONFIRMED = "open", _("Nog niet ter bevestiging gestuurd")
    PENDING = "pending", _("Wacht op bevestiging")
    CONFIRMED = "confirmed", _("Bevestigd")
    DECLINED = "declined", _("Niet bevestigd")


class HoursEntry(models.Model):
    """Practice hours in a role, or supervision hours, confirmable by the supervisor.

    The supervisor confirms or declines through a single-use e-mailed link; only the hash
    of its token is stored. Who decided (the name and address given) and when is kept.
    """

    LINK_VALID_FOR = timedelta(days=30)

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="hours_entries")
    kind = models.CharField(_("soort uren"), max_length=20, choices=HoursKind.choices)
    role = models.CharField(
        _("rol"),
        max_length=20,
        choices=ExperienceRole.choices,
        blank=True,
        help_text=_("Voor praktijkuren: in welke van de drie rollen."),
    )
    period_start = models.DateField(_("periode vanaf"))
    period_end = models.DateField(_("periode tot en met"))
    hours = models.DecimalField(
        _("uren"),
        max_digits=6,
        decimal_places=2,
        validators=[
            MinValueValidator(Decimal("0.25"), message=_("Vul minstens een kwartier in.")),
            MaxValueValidator(
                PORTFOLIO_HOURS_MAX, message=_("Vul hoogstens %(limit_value)s uur in.")
            ),
        ],
    )
    description = models.CharField(
        _("omschrijving"),
        max_length=200,
        blank=True,
        help_text=_("Kort en zonder namen van cliënten, bijvoorbeeld: inloopspreekuur."),
    )
    supervisor_name = models.CharField(_("naam van de begeleider"), max_length=150, blank=True)
    supervisor_email = models.EmailField(_("e-mailadres van de begeleider"), blank=True)
    status = models.CharField(
        _("bevestiging"),
        max_length=20,
        choices=ConfirmationStatus.choices,
        default=ConfirmationStatus.UNCONFIRMED,
    )
    token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)
    requested_at = models.DateTimeField(_("gevraagd op"), null=True, blank=True)
    link_expires_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(_("besloten op"), null=True, blank=True)
    decided_by_name = models.CharField(_("besloten door"), max_length=150, blank=True)
    decided_by_email = models.EmailField(_("e-mailadres van wie besloot"), blank=True)
    decision_note = models.CharField(_("toelichting"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("uren in het portfolio")
        verbose_name_plural = _("uren in het portfolio")
        ordering = ["-period_start", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="workforce_hours_period_order",
                violation_error_message=_("Het einde van de periode ligt vóór het begin."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.hours}"

    new_token = staticmethod(tokens.new_token)
    hash_token = staticmethod(tokens.hash_token)

    @property
    def link_is_open(self) -> bool:
        return (
            self.status == ConfirmationStatus.PENDING
            and self.link_expires_at is not None
            and self.link_expires_at > timezone.now()
        )

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.period_start and self.period_end and self.period_end < self.period_start:
            errors["period_end"] = _("Het einde van de periode ligt vóór het begin.")
        if self.kind == HoursKind.PRACTICE and not self.role:
            errors["role"] = _("Kies in welke rol je deze praktijkuren maakte.")
        if self.kind == HoursKind.SUPERVISION and self.role:
            self.role = ""
        if errors:
            raise ValidationError(errors)

    def get_additional_data(self) -> dict[str, int]:
        return {"organisation_id": self.organisation_id}


class GoalStatus(models.TextChoices):
    OPEN = "open", _("Bezig")
    ACHIEVED = "achieved", _("Bereikt")
    DROPPED = "dropped", _("Gestopt")


class DevelopmentGoal(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="goals")
    title = models.CharField(_("doel"), max_length=200)
    description = _note_field(_("toelichting"))
    target_date = models.DateField(_("streefdatum"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=GoalStatus.choices, default=GoalStatus.OPEN
    )

    class Meta:
        verbose_name = _("ontwikkeldoel")
        verbose_name_plural = _("ontwikkeldoelen")
        ordering = ["status", "target_date", "id"]

    def __str__(self) -> str:
        return self.title

    def get_additional_data(self) -> dict[str, int]:
        return {"organisation_id": self.organisation_id}


class CareerStepStatus(models.TextChoices):
    PLANNED = "planned", _("Gepland")
    IN_PROGRESS = "in_progress", _("Onderweg")
    REACHED = "reached", _("Gezet")


class CareerStep(models.Model):
    """A next step, e.g. toward middle management, named as the plan's career path names it."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="career_steps")
    title = models.CharField(
        _("functie"),
        max_length=150,
        help_text=_("Zoals het loopbaanpad in het kwartiermaakplan haar noemt."),
    )
    layer = models.CharField(_("laag"), max_length=20, choices=Layer.choices)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=CareerStepStatus.choices,
        default=CareerStepStatus.PLANNED,
    )
    target_date = models.DateField(_("streefdatum"), null=True, blank=True)
    note = _note_field(_("toelichting"))

    class Meta:
        verbose_name = _("loopbaanstap")
        verbose_name_plural = _("loopbaanstappen")
        ordering = ["target_date", "id"]

    def __str__(self) -> str:
        return self.title

    def get_additional_data(self) -> dict[str, int]:
        return {"organisation_id": self.organisation_id}


auditlog.register(Profile, m2m_fields={"domains"}, exclude_fields=["date_of_birth"])
auditlog.register(Training)
auditlog.register(Registration)
auditlog.register(Position)
auditlog.register(IntervisieGroup)
auditlog.register(IntervisieMember)
auditlog.register(IntervisieSession, exclude_fields=["topics"])
auditlog.register(CoachingTrajectory)
auditlog.register(HoursEntry, exclude_fields=["token_hash"])
auditlog.register(DevelopmentGoal)
auditlog.register(CareerStep)

# ===== end of the workforce part ==========================================================

# ===== vacancies part: vacancies and assignments, applications, saved searches ============

VACANCY_TEXT_MAX = 5000
MOTIVATION_MAX = 1000
PLACEMENT_ASK_AFTER = timedelta(weeks=4)


class VacancyKind(models.TextChoices):
    PAID = "paid", _("Betaalde functie")
    VOLUNTEER = "volunteer", _("Vrijwilligersrol")
    ASSIGNMENT = "assignment", _("Opdracht")


class VacancyScope(models.TextChoices):
    ORGANISATION = "organisation", _("Alleen onze organisatie")
    NETWORK = "network", _("De organisaties in ons regionale netwerk")
    PUBLIC = "public", _("Openbaar (iedereen, ook zoekmachines en vacaturesites)")


class VacancyState(models.TextChoices):
    DRAFT = "draft", _("Concept")
    PUBLISHED = "published", _("Gepubliceerd")
    CLOSED = "closed", _("Gesloten")


class PayUnit(models.TextChoices):
    HOUR = "hour", _("per uur")
    MONTH = "month", _("per maand")
    YEAR = "year", _("per jaar")
    ASSIGNMENT = "assignment", _("per opdracht")


class PlacementAnswer(models.TextChoices):
    YES = "yes", _("Ja, er is iemand geplaatst")
    NO = "no", _("Nee")
    PENDING = "pending", _("Nog niet, we zijn nog in gesprek")


class Vacancy(models.Model):
    """A paid job, a volunteer role or an assignment (a professional or team asking for an
    experience worker's input on a case, a training or a policy question).

    Publishing is refused without pay terms, with a volunteer allowance above the fiscal
    limits, or without a support plan (``services.vacancy_publish_problems``)."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="workforce_vacancies",
        verbose_name=_("organisatie"),
    )
    public_id = models.UUIDField(unique=True, editable=False, default=uuid.uuid4)
    title = models.CharField(_("titel"), max_length=150)
    description = models.TextField(
        _("omschrijving"),
        blank=True,
        max_length=VACANCY_TEXT_MAX,
        validators=[MaxLengthValidator(VACANCY_TEXT_MAX)],
        help_text=_("Wat is het werk of de vraag, voor wie, en wat breng je mee?"),
    )
    kind = models.CharField(_("soort"), max_length=20, choices=VacancyKind.choices)
    role = models.CharField(_("rol"), max_length=20, choices=ExperienceRole.choices)
    domains = models.ManyToManyField(
        Domain, blank=True, related_name="workforce_vacancies", verbose_name=_("ervaringsdomeinen")
    )
    team = models.ForeignKey(
        Team,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="workforce_vacancies",
        verbose_name=_("team"),
    )
    hours_per_week = models.DecimalField(
        _("uren per week"),
        max_digits=5,
        decimal_places=2,
        validators=[
            MinValueValidator(Decimal("0.5"), message=_("Vul minstens een half uur in.")),
            MaxValueValidator(HOURS_PER_WEEK_MAX, message=_("Vul hoogstens %(limit_value)s in.")),
        ],
        help_text=_("Bij een opdracht: de uren die de opdracht gemiddeld per week vraagt."),
    )
    place = models.CharField(
        _("plaats"), max_length=100, blank=True, help_text=_("Waar het werk is, bijv. Utrecht.")
    )
    region = models.CharField(
        _("regio"), max_length=100, blank=True, help_text=_("Bijvoorbeeld: Utrecht-Oost.")
    )
    # Pay terms: a salary or fee (paid, assignment) or an allowance (volunteer).
    pay_min = models.DecimalField(
        _("bedrag vanaf (euro)"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=_positive(MONEY_MAX),
    )
    pay_max = models.DecimalField(
        _("bedrag tot en met (euro)"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=_positive(MONEY_MAX),
    )
    pay_unit = models.CharField(_("bedrag per"), max_length=20, choices=PayUnit.choices, blank=True)
    pay_scale = models.CharField(
        _("schaal"), max_length=50, blank=True, help_text=_("Bijvoorbeeld: FWG 40 of schaal 7.")
    )
    allowance_per_hour = models.DecimalField(
        _("vrijwilligersvergoeding per uur (euro)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=_positive(MONEY_MAX),
    )
    allowance_per_month = models.DecimalField(
        _("vrijwilligersvergoeding per maand (euro)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=_positive(MONEY_MAX),
    )
    pay_note = _note_field(
        _("toelichting op de beloning"),
        _("Bijvoorbeeld: reiskosten worden vergoed; cao Sociaal Werk."),
    )
    support_group = models.ForeignKey(
        IntervisieGroup,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="vacancies",
        verbose_name=_("intervisiegroep"),
    )
    support_plan = _note_field(
        _("ondersteuning"),
        _("Welke intervisiegroep of coach, en hoe vaak? Zonder ondersteuning geen publicatie."),
    )
    scope = models.CharField(
        _("zichtbaar voor"),
        max_length=20,
        choices=VacancyScope.choices,
        default=VacancyScope.ORGANISATION,
    )
    valid_through = models.DateField(
        _("reageren kan tot en met"),
        null=True,
        blank=True,
        help_text=_("Leeg: acht weken na publicatie."),
    )
    state = models.CharField(
        _("status"), max_length=20, choices=VacancyState.choices, default=VacancyState.DRAFT
    )
    published_at = models.DateTimeField(_("gepubliceerd op"), null=True, blank=True)
    closed_at = models.DateTimeField(_("gesloten op"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    alert_job = models.ForeignKey(
        "core.Job", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The four-week follow-up: "did this lead to a placement?"
    placement_asked_at = models.DateTimeField(_("plaatsing gevraagd op"), null=True, blank=True)
    placement_answer = models.CharField(
        _("heeft dit tot een plaatsing geleid?"),
        max_length=20,
        choices=PlacementAnswer.choices,
        blank=True,
    )
    placement_note = _note_field(_("toelichting op de plaatsing"))
    placement_answered_at = models.DateTimeField(null=True, blank=True)
    placement_answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("vacature")
        verbose_name_plural = _("vacatures")
        ordering = ["-published_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(pay_max__isnull=True)
                | Q(pay_min__isnull=True)
                | Q(pay_max__gte=models.F("pay_min")),
                name="workforce_vacancy_pay_range",
                violation_error_message=_("Het hoogste bedrag is lager dan het laagste."),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.pay_min is not None and self.pay_max is not None and self.pay_max < self.pay_min:
            raise ValidationError({"pay_max": _("Het hoogste bedrag is lager dan het laagste.")})

    def get_additional_data(self) -> dict[str, int]:
        return {"organisation_id": self.organisation_id}


class Application(models.Model):
    """An application or expression of interest: by a signed-in experience worker (their
    profile) or by anyone with a name, an e-mail address and a short motivation."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="applications")
    profile = models.ForeignKey(
        Profile, on_delete=models.SET_NULL, null=True, blank=True, related_name="applications"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    name = models.CharField(_("naam"), max_length=150)
    email = models.EmailField(_("e-mailadres"))
    motivation = models.TextField(
        _("korte motivatie"),
        max_length=MOTIVATION_MAX,
        validators=[MaxLengthValidator(MOTIVATION_MAX)],
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("reactie op een vacature")
        verbose_name_plural = _("reacties op vacatures")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name} – {self.vacancy}"

    def get_additional_data(self) -> dict[str, int]:
        return {"organisation_id": self.organisation_id}


class SavedSearch(models.Model):
    """A signed-in person's saved search on the public vacancies, with e-mail alerts.

    Personal, not of an organisation: it reads only public vacancies."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="vacancy_searches"
    )
    name = models.CharField(_("naam van de zoekopdracht"), max_length=100)
    role = models.CharField(_("rol"), max_length=20, choices=ExperienceRole.choices, blank=True)
    kind = models.CharField(_("soort"), max_length=20, choices=VacancyKind.choices, blank=True)
    domain = models.ForeignKey(
        Domain,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ervaringsdomein"),
    )
    region = models.CharField(_("regio"), max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_alert_at = models.DateTimeField(_("laatste bericht"), null=True, blank=True)

    class Meta:
        verbose_name = _("bewaarde zoekopdracht")
        verbose_name_plural = _("bewaarde zoekopdrachten")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class VacancyAlert(models.Model):
    """A vacancy sent to a saved search, so that it is sent only once."""

    search = models.ForeignKey(SavedSearch, on_delete=models.CASCADE, related_name="alerts")
    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["search", "vacancy"], name="vacancy_alert_once")
        ]

    def __str__(self) -> str:
        return f"{self.search} – {self.vacancy}"


auditlog.register(Vacancy, m2m_fields={"domains"})
auditlog.register(Application)

# ===== end of the vacancies part ==========================================================
