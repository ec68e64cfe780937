"""Resultaten: what experience work contributes, and whether the organisation listens.

A :class:`Contribution` is one piece of experience work logged by the worker (a
conversation, a training, an advice), at the level of the client, the organisation or
policy. A :class:`Signal` is a mirror held up to the organisation: raised by an
experience worker, owned by a team or a person who must answer within the deadline of
the organisation's :class:`ImpactSettings`. Every step of a signal (response, outcome,
reminder, escalation) is a :class:`SignalStep`, so the raiser can follow it.

Nothing here names a client: free texts pass the de-identification engine before they
are saved (services).
"""

from __future__ import annotations

from auditlog.registry import auditlog
from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kwartier.accounts.models import ExperienceRole, Organisation, Team

# --- values within reason ------------------------------------------------------------------
MINUTES_MAX = 24 * 60  # one contribution is at most a day's work
NOTE_MAX = 500  # a short note, read on a phone
THEME_MAX = 80
TITLE_MAX = 150
DESCRIPTION_MAX = 4000
STEP_TEXT_MAX = 4000
RESPONSE_DAYS_DEFAULT = 14
RESPONSE_DAYS_MAX = 180


def _text_at_most(limit: int) -> MaxLengthValidator:
    return MaxLengthValidator(
        limit,
        message=_("Deze tekst is te lang: hoogstens %(limit_value)d tekens, nu %(show_value)d."),
    )


# ============================== impact section (points 1–3, 9, 10) ==============================


class Level(models.TextChoices):
    CLIENT = "client", _("Cliënt")
    ORGANISATION = "organisation", _("Organisatie")
    POLICY = "policy", _("Beleid")


class ContributionKind(models.TextChoices):
    CONVERSATION = "conversation", _("Gesprek")
    TRAINING = "training", _("Training")
    ADVICE = "advice", _("Advies")
    MEETING = "meeting", _("Overleg")
    OTHER = "other", _("Anders")


class Contribution(models.Model):
    """One piece of experience work, logged by the experience worker who did it."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="impact_contributions",
        verbose_name=_("organisatie"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="impact_contributions",
        verbose_name=_("ervaringswerker"),
    )
    date = models.DateField(_("datum"), default=timezone.localdate)
    role = models.CharField(_("rol"), max_length=20, choices=ExperienceRole.choices)
    level = models.CharField(_("niveau"), max_length=20, choices=Level.choices)
    kind = models.CharField(_("soort"), max_length=20, choices=ContributionKind.choices)
    minutes = models.PositiveIntegerField(
        _("minuten"),
        validators=[
            MinValueValidator(1, message=_("Vul minstens 1 minuut in.")),
            MaxValueValidator(MINUTES_MAX, message=_("Vul hoogstens %(limit_value)s minuten in.")),
        ],
    )
    team = models.ForeignKey(
        Team,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="impact_contributions",
        verbose_name=_("team"),
    )
    theme = models.CharField(_("thema"), max_length=THEME_MAX, blank=True)
    note = models.TextField(
        _("notitie"), blank=True, max_length=NOTE_MAX, validators=[_text_at_most(NOTE_MAX)]
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("bijdrage")
        verbose_name_plural = _("bijdragen")
        ordering = ["-date", "-id"]
        indexes = [
            models.Index(fields=["organisation", "date"], name="impact_contrib_org_date"),
            models.Index(fields=["author", "date"], name="impact_contrib_author_date"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date:%d-%m-%Y} ({self.minutes} min)"

    def get_additional_data(self) -> dict[str, int]:
        return {"organisation_id": self.organisation_id}


class SignalState(models.TextChoices):
    OPEN = "open", _("Open")
    ANSWERED = "answered", _("Beantwoord")
    CHANGE_PLANNED = "change_planned", _("Verandering gepland")
    CHANGE_MADE = "change_made", _("Verandering doorgevoerd")
    NO_CHANGE = "no_change", _("Geen verandering")


class Signal(models.Model):
    """A mirror signal: what the organisation does to the people it serves, held up to it.

    The owner is a team (its members with a responding role answer) or one person; the
    services require one of them. A signal whose owner team is deleted keeps going without
    an owner: nobody can answer it, so it becomes overdue and is escalated. An anonymous
    signal hides the raiser from the owner; the raiser still follows it.
    """

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="impact_signals",
        verbose_name=_("organisatie"),
    )
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="impact_signals_raised",
        verbose_name=_("ingediend door"),
    )
    anonymous = models.BooleanField(
        _("anoniem richting eigenaar"),
        default=False,
        help_text=_("De eigenaar ziet niet wie het signaal gaf. U volgt het signaal wel."),
    )
    on_behalf_of_team = models.ForeignKey(
        Team,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("namens team"),
    )
    title = models.CharField(_("titel"), max_length=TITLE_MAX)
    description = models.TextField(
        _("omschrijving"), max_length=DESCRIPTION_MAX, validators=[_text_at_most(DESCRIPTION_MAX)]
    )
    level = models.CharField(_("niveau"), max_length=20, choices=Level.choices)
    theme = models.CharField(_("thema"), max_length=THEME_MAX, blank=True)
    owner_team = models.ForeignKey(
        Team,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="impact_signals",
        verbose_name=_("eigenaar (team)"),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="impact_signals_owned",
        verbose_name=_("eigenaar (persoon)"),
    )
    state = models.CharField(
        _("stand"), max_length=20, choices=SignalState.choices, default=SignalState.OPEN
    )
    raised_at = models.DateTimeField(_("ingediend op"), default=timezone.now)
    due_at = models.DateTimeField(_("antwoord uiterlijk"))
    answered_at = models.DateTimeField(_("beantwoord op"), null=True, blank=True)
    closed_at = models.DateTimeField(_("afgesloten op"), null=True, blank=True)
    planned_change = models.TextField(_("geplande verandering"), blank=True)
    planned_by = models.DateField(_("gepland uiterlijk"), null=True, blank=True)

    class Meta:
        verbose_name = _("spiegelsignaal")
        verbose_name_plural = _("spiegelsignalen")
        ordering = ["-raised_at", "-id"]
        indexes = [
            models.Index(fields=["organisation", "raised_at"], name="impact_signal_org_raised"),
            models.Index(fields=["organisation", "state", "due_at"], name="impact_signal_org_due"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_additional_data(self) -> dict[str, int]:
        return {"organisation_id": self.organisation_id}

    @property
    def is_closed(self) -> bool:
        return self.state in (SignalState.CHANGE_MADE, SignalState.NO_CHANGE)


class StepKind(models.TextChoices):
    RAISED = "raised", _("Ingediend")
    RESPONSE = "response", _("Reactie")
    OUTCOME = "outcome", _("Uitkomst")
    REMINDER = "reminder", _("Herinnering")
    ESCALATION = "escalation", _("Escalatie")


class SignalStep(models.Model):
    """One step in a signal's life; reminders and escalations carry the day they were for,
    so the daily job sends each at most once per signal and day (a unique constraint)."""

    signal = models.ForeignKey(
        Signal, on_delete=models.CASCADE, related_name="steps", verbose_name=_("signaal")
    )
    kind = models.CharField(_("soort"), max_length=20, choices=StepKind.choices)
    state_after = models.CharField(_("stand daarna"), max_length=20, choices=SignalState.choices)
    text = models.TextField(
        _("tekst"), blank=True, max_length=STEP_TEXT_MAX, validators=[_text_at_most(STEP_TEXT_MAX)]
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("door"),
    )
    at = models.DateTimeField(_("op"), default=timezone.now)
    for_day = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = _("stap")
        verbose_name_plural = _("stappen")
        ordering = ["at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["signal", "kind", "for_day"],
                condition=models.Q(for_day__isnull=False),
                name="impact_step_once_per_day",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.signal}"


class ImpactSettings(models.Model):
    """Per organisation: the response deadline and whether responsiveness is public."""

    organisation = models.OneToOneField(
        Organisation,
        on_delete=models.CASCADE,
        related_name="impact_settings",
        verbose_name=_("organisatie"),
    )
    response_days = models.PositiveIntegerField(
        _("reactietermijn (dagen)"),
        default=RESPONSE_DAYS_DEFAULT,
        validators=[
            MinValueValidator(1, message=_("Vul minstens 1 dag in.")),
            MaxValueValidator(
                RESPONSE_DAYS_MAX, message=_("Vul hoogstens %(limit_value)s dagen in.")
            ),
        ],
        help_text=_("Binnen hoeveel dagen de eigenaar op een signaal reageert."),
    )
    publish_responsiveness = models.BooleanField(
        _("responsiviteit openbaar"),
        default=False,
        help_text=_(
            "Toon de cijfers over het beantwoorden van signalen op een openbare pagina "
            "(alleen cijfers, nooit teksten van signalen)."
        ),
    )

    class Meta:
        verbose_name = _("instellingen resultaten")
        verbose_name_plural = _("instellingen resultaten")

    def __str__(self) -> str:
        return str(self.organisation)

    def get_additional_data(self) -> dict[str, int]:
        return {"organisation_id": self.organisation_id}


auditlog.register(Signal)
auditlog.register(ImpactSettings)

# ============================== results section (points 4–8) ===================================


class StoryLink(models.Model):
    """An impact story: a kennisbank story shown with the organisation's results, and in
    its reports. Only the story's id is kept: its text is read through
    ``kwartier.knowledge.public`` every time, and only while the author's current consent
    includes "verantwoording", so a withdrawal removes it everywhere at once."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="impact_story_links"
    )
    experience_id = models.PositiveIntegerField(_("verhaal"))
    signal = models.ForeignKey(
        Signal,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="story_links",
        verbose_name=_("bij het resultaat"),
        help_text=_("Het signaal waarvan dit verhaal de verandering laat zien (niet verplicht)."),
    )
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    linked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("verhaal bij de resultaten")
        verbose_name_plural = _("verhalen bij de resultaten")
        ordering = ["-linked_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "experience_id"], name="impact_story_link_once"
            )
        ]

    def __str__(self) -> str:
        return f"Verhaal {self.experience_id}"

    def get_additional_data(self) -> dict[str, int]:
        return {"organisation_id": self.organisation_id}


class Indicator(models.TextChoices):
    CONTRIBUTIONS_CLIENT = "contributions_client", _("Bijdragen op het niveau van de cliënt")
    CONTRIBUTIONS_ORGANISATION = (
        "contributions_organisation",
        _("Bijdragen op het niveau van de organisatie"),
    )
    CONTRIBUTIONS_POLICY = "contributions_policy", _("Bijdragen op het niveau van beleid")
    SIGNALS_ANSWERED = "signals_answered", _("Beantwoorde signalen")
    CHANGES_MADE = "changes_made", _("Doorgevoerde veranderingen")


class IndicatorTarget(models.Model):
    """A goal the organisation chose for one indicator in one year of its plan; measured
    automatically from contributions and signals. The plan itself (its FTE goals) is read
    through ``kwartier.planning.public``; this row keeps the plan's id only."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="impact_indicator_targets"
    )
    plan_id = models.PositiveIntegerField()
    year = models.PositiveIntegerField(
        _("jaar"),
        validators=[
            MinValueValidator(2000, message=_("Kies een jaar vanaf 2000.")),
            MaxValueValidator(2100, message=_("Kies een jaar tot en met 2100.")),
        ],
    )
    indicator = models.CharField(_("indicator"), max_length=40, choices=Indicator.choices)
    target = models.PositiveIntegerField(
        _("doel"),
        validators=[MaxValueValidator(1_000_000, message=_("Vul een kleiner getal in."))],
    )

    class Meta:
        verbose_name = _("doel per indicator")
        verbose_name_plural = _("doelen per indicator")
        ordering = ["year", "indicator"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "plan_id", "year", "indicator"],
                name="impact_indicator_target_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.indicator}: {self.target}"

    def get_additional_data(self) -> dict[str, int]:
        return {"organisation_id": self.organisation_id}


class ReportPeriod(models.TextChoices):
    QUARTER = "quarter", _("Kwartaal")
    YEAR = "year", _("Jaar")


class Report(models.Model):
    """A periodic report (PDF) of one organisation, or of a network for its financier,
    built by a background job. ``story_ids`` are the impact stories the PDF shows: a
    download checks them again, so a story withdrawn since is never handed out."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="impact_reports"
    )
    network = models.ForeignKey(
        "accounts.Network", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    period = models.CharField(_("periode"), max_length=10, choices=ReportPeriod.choices)
    year = models.PositiveIntegerField(_("jaar"))
    quarter = models.PositiveSmallIntegerField(_("kwartaal"), null=True, blank=True)
    job = models.ForeignKey(
        "core.Job", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    story_ids = models.JSONField(default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("rapport")
        verbose_name_plural = _("rapporten")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        if self.period == ReportPeriod.QUARTER:
            return f"Q{self.quarter} {self.year}"
        return str(self.year)

    def get_additional_data(self) -> dict[str, int]:
        return {"organisation_id": self.organisation_id}


auditlog.register(StoryLink)
auditlog.register(IndicatorTarget)
