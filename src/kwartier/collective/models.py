"""Wij-kennis: collective experiential knowledge built from many shared stories.

A *codebook* belongs to one regional network or to one organisation. Its *codes* form a
tree; every change to a code is kept as a `CodeChange`, so earlier coding stays
explained after a rename, move, merge or retirement. Experience experts *code* character
spans of the shared, de-identified text of a story (never the original); a coding keeps
the `shared_hash` of the text it was made on, and the quote, so that it can be found
again when the author shares an edited text. *Insights* are statements carried by
*evidence*: coded fragments that support or contradict them.

Stories are referred to by `experience_id` only (the knowledge bank is read through
`kwartier.knowledge.public`); withdrawal of a story removes every coding of it at once
(`receivers.py`).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

COLOUR = RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Geef een kleur als #rrggbb."))


class Codebook(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="codebooks",
        verbose_name=_("organisatie"),
    )
    network = models.ForeignKey(
        "accounts.Network",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="codebooks",
        verbose_name=_("regionaal netwerk"),
    )
    name = models.CharField(_("naam"), max_length=150)
    description = models.TextField(_("toelichting"), blank=True)
    min_fragments = models.PositiveSmallIntegerField(
        _("minimaal aantal fragmenten"),
        default=3,
        validators=[MinValueValidator(1)],
        help_text=_("Een inzicht wordt pas gepubliceerd met zoveel ondersteunende fragmenten."),
    )
    min_tellers = models.PositiveSmallIntegerField(
        _("minimaal aantal vertellers"),
        default=3,
        validators=[MinValueValidator(1)],
        help_text=_("…van minstens zoveel verschillende vertellers."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("codeboek")
        verbose_name_plural = _("codeboeken")
        ordering = ["name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(organisation__isnull=False, network__isnull=True)
                    | models.Q(organisation__isnull=True, network__isnull=False)
                ),
                name="codebook_of_one_organisation_or_network",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Code(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    codebook = models.ForeignKey(Codebook, on_delete=models.CASCADE, related_name="codes")
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("valt onder"),
    )
    name = models.CharField(_("naam"), max_length=120)
    definition = models.TextField(_("omschrijving"), blank=True)
    example = models.TextField(_("voorbeeld"), blank=True)
    colour = models.CharField(_("kleur"), max_length=7, default="#1f6fb2", validators=[COLOUR])
    retired_at = models.DateTimeField(_("buiten gebruik sinds"), null=True, blank=True)
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="merged_from",
        verbose_name=_("samengevoegd met"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("code")
        verbose_name_plural = _("codes")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_active(self) -> bool:
        return self.retired_at is None and self.merged_into_id is None


class ChangeKind(models.TextChoices):
    CREATED = "created", _("Aangemaakt")
    RENAMED = "renamed", _("Hernoemd")
    MOVED = "moved", _("Verplaatst")
    MERGED = "merged", _("Samengevoegd")
    RETIRED = "retired", _("Buiten gebruik")
    EDITED = "edited", _("Bewerkt")
    UNDONE = "undone", _("Ongedaan gemaakt")


class CodeChange(models.Model):
    """One change to a code, with the state before and after (JSON), for the history and
    for undoing the last change."""

    code = models.ForeignKey(Code, on_delete=models.CASCADE, related_name="changes")
    kind = models.CharField(max_length=20, choices=ChangeKind.choices)
    before = models.JSONField(default=dict, blank=True)
    after = models.JSONField(default=dict, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    undone_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.code_id}"


class CodingStatus(models.TextChoices):
    VALID = "valid", _("Geldig")
    FLAGGED = "flagged", _("Tekst veranderd: opnieuw bekijken")


class Coding(models.Model):
    """A code on a character span [start, end) of a story's shared text."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.CASCADE,
        related_name="codings",
        help_text="The organisation the coder acted for.",
    )
    code = models.ForeignKey(Code, on_delete=models.CASCADE, related_name="codings")
    experience_id = models.PositiveIntegerField(db_index=True)
    teller_key = models.CharField(
        max_length=64,
        blank=True,
        help_text="A pseudonymous key of the story's teller, to count distinct tellers.",
    )
    shared_hash = models.CharField(max_length=64)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    quote = models.TextField()
    coder = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="codings"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(
        max_length=20, choices=CodingStatus.choices, default=CodingStatus.VALID
    )

    class Meta:
        ordering = ["experience_id", "start", "end", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="coding_span_not_empty"
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} [{self.start}:{self.end}]"


class Memo(models.Model):
    """A note on a coded fragment, a code or a story (exactly one)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="memos"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memos"
    )
    text = models.TextField(_("memo"))
    coding = models.ForeignKey(
        Coding, on_delete=models.CASCADE, null=True, blank=True, related_name="memos"
    )
    code = models.ForeignKey(
        Code, on_delete=models.CASCADE, null=True, blank=True, related_name="memos"
    )
    experience_id = models.PositiveIntegerField(null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"Memo {self.pk}"


class SelfSignification(models.Model):
    """The teller's own meaning of their story: tags they chose themselves."""

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="self_significations"
    )
    experience_id = models.PositiveIntegerField(unique=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="self_significations"
    )
    values = models.JSONField(default=dict, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Betekenis van verhaal {self.experience_id}"


class InsightStatus(models.TextChoices):
    DRAFT = "draft", _("Concept")
    REVIEW = "review", _("Ter beoordeling")
    PUBLISHED = "published", _("Gepubliceerd")
    SUPERSEDED = "superseded", _("Vervangen")


class Insight(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.CASCADE,
        related_name="insights",
        help_text="The organisation its author acted for.",
    )
    codebook = models.ForeignKey(Codebook, on_delete=models.CASCADE, related_name="insights")
    code = models.ForeignKey(
        Code,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="insights",
        verbose_name=_("onderwerp (code)"),
    )
    statement = models.TextField(_("inzicht"))
    status = models.CharField(
        max_length=20, choices=InsightStatus.choices, default=InsightStatus.DRAFT, db_index=True
    )
    superseded_by = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="supersedes"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    review_note = models.TextField(_("toelichting bij de beoordeling"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("inzicht")
        verbose_name_plural = _("inzichten")
        ordering = ["-published_at", "-created_at", "-pk"]

    def __str__(self) -> str:
        return self.statement[:60]


class Stance(models.TextChoices):
    SUPPORTS = "supports", _("Ondersteunt")
    CONTRADICTS = "contradicts", _("Spreekt tegen")


class Evidence(models.Model):
    insight = models.ForeignKey(Insight, on_delete=models.CASCADE, related_name="evidence")
    coding = models.ForeignKey(Coding, on_delete=models.CASCADE, related_name="evidence")
    stance = models.CharField(max_length=20, choices=Stance.choices, default=Stance.SUPPORTS)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["insight", "coding"], name="evidence_once")]

    def __str__(self) -> str:
        return f"{self.get_stance_display()}: {self.coding_id}"
