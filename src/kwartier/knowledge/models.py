"""The knowledge bank: experiences under their author's control.

An experience has two texts. The *original* (title and story as the author wrote them)
is encrypted at rest and seen only by its author and, for a story recorded on someone's
behalf, the recorder. The *shared* version is the de-identified text the author
approved when publishing; it is the only text that ever reaches anyone else (pages,
search index, snippets, API, exports).

The working copy moves through draft → deidentifying → review → published; withdrawn
ends sharing. Editing a published story starts a new round on the working copy while
the approved shared version stays visible until the author approves the new one
(docs/decisions/0031-published-version-stays-during-edit.md).
"""

from __future__ import annotations

import uuid

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kwartier.accounts.models import Domain
from kwartier.knowledge.crypto import EncryptedTextField


class LifePhase(models.TextChoices):
    CHILDHOOD = "jeugd", _("Jeugd (tot 18 jaar)")
    YOUNG_ADULT = "jongvolwassen", _("Jongvolwassen (18-27 jaar)")
    ADULT = "volwassen", _("Volwassen")
    OLDER = "ouder", _("Ouder (65+)")


class Language(models.TextChoices):
    DUTCH = "nl", _("Nederlands")
    ENGLISH = "en", _("Engels")
    OTHER = "anders", _("Andere taal")


class State(models.TextChoices):
    DRAFT = "draft", _("Concept")
    DEIDENTIFYING = "deidentifying", _("Kwartier zoekt nu naar wat iemand herkenbaar maakt")
    REVIEW = "review", _("Klaar om na te lopen")
    PUBLISHED = "published", _("Gedeeld")
    WITHDRAWN = "withdrawn", _("Ingetrokken")


class Visibility(models.TextChoices):
    PRIVATE = "private", _("Alleen ik")
    ORGANISATION = "organisation", _("Mijn organisatie")
    NETWORK = "network", _("Het regionale netwerk")
    PUBLIC = "public", _("Iedereen (openbare kennisbank)")


#: How far each visibility reaches; a recording consent caps the publication's reach.
VISIBILITY_REACH = {
    Visibility.PRIVATE: 0,
    Visibility.ORGANISATION: 1,
    Visibility.NETWORK: 2,
    Visibility.PUBLIC: 3,
}
SHAREABLE_VISIBILITIES = (Visibility.ORGANISATION, Visibility.NETWORK, Visibility.PUBLIC)


class ReplacementMode(models.TextChoices):
    TAGS = "tags", _("Soort gegeven tussen haken, zoals [PERSOON 1]")
    SURROGATES = "surrogates", _("Verzonnen namen en gegevens")


class Experience(models.Model):
    """One story. See the module docstring for original versus shared text."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.CASCADE,
        related_name="experiences",
        verbose_name=_("organisatie"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="experiences",
        verbose_name=_("auteur"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="recorded_experiences",
        verbose_name=_("opgenomen door"),
        help_text=_("De kwartiermaker die het verhaal opnam namens iemand zonder account."),
    )
    title_original = EncryptedTextField(_("titel"))
    text_original = EncryptedTextField(_("verhaal"), blank=True)
    shared_title = models.CharField(_("gedeelde titel"), max_length=300, blank=True)
    shared_text = models.TextField(_("gedeelde tekst"), blank=True)
    shared_tags = models.JSONField(_("gedeelde trefwoorden"), default=list, blank=True)
    shared_hash = models.CharField(max_length=64, blank=True)
    shared_at = models.DateTimeField(
        _("gedeeld sinds"),
        null=True,
        blank=True,
        help_text=_("Moment waarop de nu zichtbare versie is goedgekeurd; leeg = niet gedeeld."),
    )
    domains = models.ManyToManyField(
        Domain, related_name="experiences", blank=True, verbose_name=_("ervaringsdomeinen")
    )
    life_phase = models.CharField(
        _("levensfase"), max_length=20, choices=LifePhase.choices, blank=True
    )
    tags = models.JSONField(_("trefwoorden"), default=list, blank=True)
    language = models.CharField(
        _("taal"), max_length=10, choices=Language.choices, default=Language.DUTCH
    )
    state = models.CharField(
        _("status"), max_length=20, choices=State.choices, default=State.DRAFT, db_index=True
    )
    visibility = models.CharField(
        _("zichtbaar voor"),
        max_length=20,
        choices=Visibility.choices,
        default=Visibility.PRIVATE,
        db_index=True,
    )
    replacement_mode = models.CharField(
        _("vervangen door"),
        max_length=20,
        choices=ReplacementMode.choices,
        default=ReplacementMode.TAGS,
    )
    surrogate_seed = models.PositiveIntegerField(default=0)
    source_hash = models.CharField(
        max_length=64, blank=True, help_text="Fingerprint of the text the suggestions belong to."
    )
    deid_job = models.ForeignKey(
        "core.Job",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The latest de-identification job, for its progress on the page.",
    )
    revision = models.PositiveIntegerField(
        default=1,
        help_text="Raised by every saved change of the working copy: the token of "
        "optimistic concurrency that every edit form and API write carries.",
    )
    last_edit_session = models.CharField(
        max_length=64,
        blank=True,
        help_text="The open edit form that saved last: its own autosaves are no conflict.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField(_("eerst gedeeld op"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)

    class Meta:
        verbose_name = _("ervaring")
        verbose_name_plural = _("ervaringen")
        ordering = ["-updated_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(author__isnull=False) | models.Q(recorded_by__isnull=False),
                name="experience_has_author_or_recorder",
            ),
            # Nothing is shared without an approved text and a reach beyond the author.
            models.CheckConstraint(
                condition=models.Q(shared_at__isnull=True)
                | (~models.Q(visibility="private") & ~models.Q(state="withdrawn")),
                name="experience_shared_needs_reach",
            ),
        ]
        indexes = [
            # The shared-stories list (items API, newest first) walks this index and stops
            # after one page instead of sorting every shared story (bench/load.py, 0118).
            models.Index(
                fields=["-shared_at", "-id"],
                name="knowledge_exp_shared_at",
                condition=models.Q(shared_at__isnull=False),
            ),
            # Counting the stories a reader may see (the items API's count, on every page)
            # reads this small index instead of every shared story's row: the visibility
            # rule asks exactly these three columns (decision 0118).
            models.Index(
                fields=["visibility", "organisation", "state"],
                name="knowledge_exp_reach",
                condition=models.Q(shared_at__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"Ervaring {self.pk}"

    @property
    def is_shared(self) -> bool:
        return (
            self.shared_at is not None
            and self.state != State.WITHDRAWN
            and self.visibility != Visibility.PRIVATE
        )

    @property
    def is_recorded(self) -> bool:
        return self.recorded_by_id is not None and self.author_id is None

    @property
    def has_pending_revision(self) -> bool:
        """A shared story whose working copy is being edited or reviewed again."""
        return self.is_shared and self.state != State.PUBLISHED

    def get_additional_data(self) -> dict[str, int]:
        return {"organisation_id": self.organisation_id}


class ExperienceVersion(models.Model):
    """The working copy as it was after an edit. Autosaves of one open edit form (one
    `edit_session`) by the same person within a few minutes are folded into one version;
    a save from another tab, another person or the API never folds into it, so no text
    that another save replaced disappears from the history."""

    experience = models.ForeignKey(Experience, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    title = EncryptedTextField()
    text = EncryptedTextField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    edit_session = models.CharField(
        max_length=64, blank=True, help_text="The open edit form this version came from."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["experience", "number"], name="one_version_number")
        ]

    def __str__(self) -> str:
        return f"Versie {self.number} van ervaring {self.experience_id}"


class SuggestionField(models.TextChoices):
    TITLE = "title", _("Titel")
    TEXT = "text", _("Verhaal")


class SuggestionOrigin(models.TextChoices):
    ENGINE = "engine", _("Automatisch gevonden")
    AUTHOR = "author", _("Door de auteur toegevoegd")


class Decision(models.TextChoices):
    PENDING = "pending", _("Nog niet beslist")
    ACCEPTED = "accepted", _("Weglaten")
    REJECTED = "rejected", _("Laten staan")


class RedactionSuggestion(models.Model):
    """One span to replace in the title or story, and the author's decision on it.

    The span's original text is the pseudonym → original mapping the GDPR asks to keep
    apart and encrypted; offsets point into the encrypted working copy.
    """

    experience = models.ForeignKey(Experience, on_delete=models.CASCADE, related_name="suggestions")
    field = models.CharField(max_length=10, choices=SuggestionField.choices)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    label = models.CharField(max_length=20)
    original = EncryptedTextField()
    origin = models.CharField(max_length=10, choices=SuggestionOrigin.choices)
    decision = models.CharField(max_length=10, choices=Decision.choices, default=Decision.PENDING)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["field", "start", "end"]

    def __str__(self) -> str:
        return f"{self.label} {self.field}[{self.start}:{self.end}]"

    def get_additional_data(self) -> dict[str, int]:
        return {"experience_id": self.experience_id}


class ConsentKind(models.TextChoices):
    RECORDING = "recording", _("Toestemming voor opnemen")
    PUBLICATION = "publication", _("Toestemming voor delen")
    WITHDRAWAL = "withdrawal", _("Toestemming ingetrokken")


class ConsentPurpose(models.TextChoices):
    KNOWLEDGE = "kennis", _("Wat je uit ervaring weet, delen met je collega's")
    TRAINING = "scholing", _("Gebruik in scholing, training en intervisie")
    POLICY = "beleid", _("Laat de organisatie en de politiek zien wat er beter kan")
    ACCOUNTABILITY = (
        "verantwoording",
        _(
            "Verantwoording: als voorbeeld bij de resultaten en in rapporten aan bestuur en "
            "financier"
        ),
    )


class ConsentRecord(models.Model):
    """Proof of consent (GDPR art. 7): who, when, for which reach and purpose, and the
    fingerprint of the exact de-identified text consented to. Kept after withdrawal and
    after the story itself is erased."""

    experience = models.ForeignKey(
        Experience,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consents",
    )
    experience_ref = models.UUIDField(help_text="public_id of the experience, kept after erasure")
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("soort"), max_length=20, choices=ConsentKind.choices)
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        help_text="The account that gave or registered the consent.",
    )
    given_by_name = EncryptedTextField(
        _("naam van wie toestemming gaf"),
        blank=True,
        help_text=_("Voor een verhaal dat namens iemand is opgenomen: die persoon."),
    )
    consent_date = models.DateField(_("datum van de toestemming"))
    scope = models.CharField(_("reikwijdte"), max_length=20, choices=Visibility.choices)
    purposes = models.JSONField(_("doelen"), default=list, blank=True)
    text_hash = models.CharField(max_length=64, blank=True)
    preview_hash = models.CharField(
        max_length=64,
        blank=True,
        help_text="Fingerprint of the preview the author consented to (title, text, tags, "
        "reach at that moment): the share form carries it, the service compares it.",
    )
    text_version = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("toestemming")
        verbose_name_plural = _("toestemmingen")
        ordering = ["-created_at"]
        constraints = [
            # One preview, one consent: a double click or two parallel requests can
            # never write two publication records for the same preview.
            models.UniqueConstraint(
                fields=["experience", "preview_hash"],
                condition=models.Q(kind="publication") & ~models.Q(preview_hash=""),
                name="one_publication_consent_per_preview",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.created_at:%Y-%m-%d})"

    def purpose_labels(self) -> list[str]:
        labels = dict(ConsentPurpose.choices)
        return [str(labels.get(value, value)) for value in self.purposes]

    def get_additional_data(self) -> dict[str, int]:
        return {"organisation_id": self.organisation_id}


# Auditlog keeps who changed what; it must never hold story text, so every text field
# (encrypted originals and the de-identified shared text alike) is left out. Domains are
# not logged either (auditlog's m2m entries cannot be masked, and "verslaving" on a
# private draft says too much), and every entry about a story that is private before
# and after the change is reduced to "a private story changed" (knowledge/audit.py).
auditlog.register(
    Experience,
    exclude_fields=[
        "title_original",
        "text_original",
        "shared_title",
        "shared_text",
        "shared_tags",
        "tags",
        "source_hash",
        "deid_job",
        "updated_at",
        "revision",
        "last_edit_session",
    ],
)
auditlog.register(RedactionSuggestion, exclude_fields=["original"])
auditlog.register(ConsentRecord, exclude_fields=["given_by_name"])
