"""Verkenning: scan templates, rounds, anonymous responses and the concerns register.

Privacy by construction: a :class:`Response` holds only its round, its respondent group
and the answers. It has no timestamps, no sequential id (a random UUID, so row order
says nothing about who answered when) and no link to the :class:`RoundInvitation` that
carried the e-mail address. The invitation only learns that it was used.
"""

from __future__ import annotations

import uuid
from functools import cached_property
from typing import Any

from auditlog.registry import auditlog
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kwartier.exploration.default_template import OpenQuestion, ScanTemplate
from kwartier.exploration.scoring import ScoringError, Statement, Theme

MAX_CONCERN_TEXT = 5000  # characters of a concern's explanation or response


class TemplateVersion(models.Model):
    """One version of a scan template, stored as the data of a :class:`ScanTemplate`.

    Versions are never changed once stored: editing a template adds a new version with
    the same ``key``, so a round keeps the exact questions it started with.
    """

    key = models.SlugField(_("sleutel"), max_length=60)
    version = models.PositiveIntegerField(_("versie"))
    name = models.CharField(_("naam"), max_length=200)
    content = models.JSONField(
        _("inhoud"), help_text=_("Thema's, stellingen, adviezen, open vragen en labels.")
    )
    change_note = models.CharField(_("wat is er veranderd"), max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("scansjabloon")
        verbose_name_plural = _("scansjablonen")
        ordering = ["key", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["key", "version"], name="template_key_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.name} (versie {self.version})"

    def clean(self) -> None:
        try:
            scan_template_from_content(self.key, self.version, self.name, self.content)
        except (ScoringError, KeyError, TypeError, ValueError) as error:
            # The kernel's reason is English (it imports no Django); the user reads Dutch.
            raise ValidationError(
                {
                    "content": _(
                        "Deze vragenlijst klopt niet: controleer de thema's, de sleutels van "
                        "de stellingen en dat elke rode-vlagstelling omgekeerd telt."
                    )
                }
            ) from error

    @cached_property
    def scan(self) -> ScanTemplate:
        """The template as the kernel's dataclass (validated by its constructor)."""
        return scan_template_from_content(self.key, self.version, self.name, self.content)


def scan_template_to_content(scan: ScanTemplate) -> dict[str, Any]:
    return {
        "themes": [{"key": theme.key, "name": theme.name} for theme in scan.themes],
        "statements": [
            {
                "key": statement.key,
                "theme": statement.theme,
                "text": statement.text,
                "reversed": statement.reversed,
                "red_flag": statement.red_flag,
            }
            for statement in scan.statements
        ],
        "advice": {theme: list(steps) for theme, steps in scan.advice.items()},
        "open_questions": [{"key": q.key, "text": q.text} for q in scan.open_questions],
        # Ordered pairs, not objects: PostgreSQL's jsonb does not keep the key order,
        # and the order of the scale and the groups is what a form and a report show.
        "scale_labels": [[key, label] for key, label in scan.scale_labels.items()],
        "group_labels": [[key, label] for key, label in scan.group_labels.items()],
    }


def scan_template_from_content(
    key: str, version: int, name: str, content: dict[str, Any]
) -> ScanTemplate:
    return ScanTemplate(
        themes=tuple(Theme(key=t["key"], name=t["name"]) for t in content["themes"]),
        statements=tuple(
            Statement(
                key=s["key"],
                theme=s["theme"],
                text=s["text"],
                reversed=bool(s.get("reversed")),
                red_flag=bool(s.get("red_flag")),
            )
            for s in content["statements"]
        ),
        key=key,
        version=version,
        name=name,
        advice={theme: tuple(steps) for theme, steps in content["advice"].items()},
        open_questions=tuple(
            OpenQuestion(key=q["key"], text=q["text"]) for q in content["open_questions"]
        ),
        scale_labels=_ordered(content["scale_labels"]),
        group_labels=_ordered(content["group_labels"]),
    )


def _ordered(labels: list[list[str]] | dict[str, str]) -> dict[str, str]:
    """Labels stored as [key, label] pairs (a plain object is accepted as well)."""
    if isinstance(labels, dict):
        return dict(labels)
    return {key: label for key, label in labels}


class RoundStatus(models.TextChoices):
    OPEN = "open", _("Loopt")
    CLOSED = "closed", _("Afgesloten")


class OpenAnswersState(models.TextChoices):
    NONE = "none", _("Nog niet verwerkt")
    WAITING = "waiting", _("Wacht op de anonimiseringsmodule")
    DONE = "done", _("Geanonimiseerd")


class Round(models.Model):
    """One run of the scan in an organisation, on one template version."""

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="exploration_rounds"
    )
    template = models.ForeignKey(
        TemplateVersion, on_delete=models.PROTECT, related_name="rounds", verbose_name=_("sjabloon")
    )
    title = models.CharField(_("titel"), max_length=150)
    deadline = models.DateField(_("einddatum"))
    groups = models.JSONField(_("groepen"), default=list)
    status = models.CharField(
        _("status"), max_length=10, choices=RoundStatus.choices, default=RoundStatus.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    open_answers_state = models.CharField(
        max_length=10, choices=OpenAnswersState.choices, default=OpenAnswersState.NONE
    )
    deid_job = models.ForeignKey(
        "core.Job", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("verkenningsronde")
        verbose_name_plural = _("verkenningsrondes")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        known = set(self.template.scan.group_labels) if self.template_id else set()
        if not self.groups:
            raise ValidationError({"groups": _("Kies minstens één groep respondenten.")})
        unknown = [group for group in self.groups if group not in known]
        if unknown:
            raise ValidationError({"groups": _("Onbekende groep: %s") % ", ".join(unknown)})

    def get_additional_data(self) -> dict[str, int]:
        return {"organisation_id": self.organisation_id}

    @property
    def is_open(self) -> bool:
        return self.status == RoundStatus.OPEN

    @property
    def is_accepting(self) -> bool:
        """Respondents can still answer: open and the deadline not passed."""
        return self.is_open and self.deadline >= timezone.localdate()

    @property
    def deadline_passed(self) -> bool:
        return self.deadline < timezone.localdate()

    def group_label(self, group: str) -> str:
        return self.template.scan.group_labels.get(group, group)


class RoundGroup(models.Model):
    """A respondent group of a round, with its optional anonymous link.

    The link token is stored as it is (not hashed): the kwartiermaker must be able to
    copy the link again, and it is meant to be shared with the whole group. It grants
    nothing but adding one anonymous response to this group (see decision 0011).
    """

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="round_groups")
    key = models.CharField(max_length=40)
    link_token = models.CharField(max_length=64, unique=True, null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["round", "key"], name="round_group_unique")]

    def __str__(self) -> str:
        return f"{self.round} – {self.key}"


class RoundInvitation(models.Model):
    """An e-mailed single-use link for one respondent. Only the token's hash is kept.

    It deliberately has no relation to the response it led to; ``used`` is all it
    learns, and the address is erased when the round closes.
    """

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="invitations")
    group = models.CharField(max_length=40)
    email = models.EmailField(blank=True)
    token_hash = models.CharField(max_length=64, unique=True)
    used = models.BooleanField(default=False)
    sent_on = models.DateField(default=timezone.localdate)

    class Meta:
        ordering = ["pk"]
        constraints = [
            # "Already invited to this round" as a rule of the database, so two requests
            # at once cannot both invite the same address. Erased addresses ("") repeat.
            models.UniqueConstraint(
                fields=["round", "email"],
                condition=~models.Q(email=""),
                name="round_invitation_email_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.round} – {self.group}"


class Response(models.Model):
    """The answers of one anonymous respondent.

    ``answers`` maps statement keys to 1..5 or ``None`` ("weet niet"). ``open_answers``
    holds the raw open answers only until the de-identification job has written
    ``open_answers_clean``; raw text is never shown and is erased after that.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="responses")
    group = models.CharField(max_length=40)
    answers = models.JSONField(default=dict, blank=True)
    open_answers = models.JSONField(default=dict, blank=True)
    open_answers_clean = models.JSONField(null=True, blank=True)
    resume_token_hash = models.CharField(max_length=64, unique=True)
    step = models.PositiveSmallIntegerField(default=1)
    submitted = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("antwoordenlijst")
        verbose_name_plural = _("antwoordenlijsten")
        indexes = [models.Index(fields=["round", "submitted"])]

    def __str__(self) -> str:
        return f"{self.round} – {self.group}"


class PublishedState(models.Model):
    """One published state of a round's results: a tussenstand, or the final figures.

    While a round is open its results are not live: a new state is published only once at
    least five more lists have been handed in, so two looks never differ by one person
    (decision 0012). ``results`` holds the figures exactly as they were shown;
    ``disclosure`` holds per statement what was shown and the group sizes behind it, so
    the next publication can be checked against it. Neither holds a single answer.
    """

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="published_states")
    number = models.PositiveIntegerField()
    respondents = models.PositiveIntegerField()
    final = models.BooleanField(default=False)
    results = models.JSONField()
    disclosure = models.JSONField()
    published_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["round", "number"]
        constraints = [
            models.UniqueConstraint(fields=["round", "number"], name="published_state_unique"),
            models.UniqueConstraint(
                fields=["round"], condition=models.Q(final=True), name="published_state_one_final"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.round} – {self.number}"


class ConcernSource(models.TextChoices):
    ANSWER = "answer", _("Antwoord in de verkenning")
    MEETING = "meeting", _("Bijeenkomst of overleg")
    OTHER = "other", _("Anders")


class ConcernStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("Mee bezig")
    ADDRESSED = "addressed", _("Besproken en opgevolgd")
    CLOSED = "closed", _("Gesloten")


class Concern(models.Model):
    """A concern or objection (weerstand) raised in the organisation, and its follow-up."""

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="exploration_concerns"
    )
    round = models.ForeignKey(
        Round,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="concerns",
        verbose_name=_("verkenningsronde"),
    )
    title = models.CharField(_("zorg of bezwaar"), max_length=200)
    description = models.TextField(
        _("toelichting"),
        blank=True,
        max_length=MAX_CONCERN_TEXT,
        validators=[MaxLengthValidator(MAX_CONCERN_TEXT)],
    )
    source = models.CharField(
        _("waar kwam het naar voren"),
        max_length=20,
        choices=ConcernSource.choices,
        default=ConcernSource.MEETING,
    )
    layer = models.CharField(_("groep of laag"), max_length=40, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("eigenaar"),
    )
    response = models.TextField(
        _("onze reactie en afspraken"),
        blank=True,
        max_length=MAX_CONCERN_TEXT,
        validators=[MaxLengthValidator(MAX_CONCERN_TEXT)],
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ConcernStatus.choices, default=ConcernStatus.OPEN
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("zorg")
        verbose_name_plural = _("zorgenregister")
        ordering = ["-updated_at"]

    def __str__(self) -> str:
        return self.title

    def get_additional_data(self) -> dict[str, int]:
        return {"organisation_id": self.organisation_id}


auditlog.register(TemplateVersion)
auditlog.register(Round, exclude_fields=["deid_job", "open_answers_state"])
auditlog.register(Concern)
