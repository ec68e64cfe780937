"""People and the organisations they work for.

A user reaches an organisation's data only through a membership, which carries one
role. Organisations are grouped in regional networks (a municipality and the
organisations it finances, for instance).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any, ClassVar

from auditlog.registry import auditlog
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kwartier.core import tokens

# Free text within reason: a description is read on a page and printed, not a document.
DESCRIPTION_MAX_LENGTH = 2000


def description_field() -> models.TextField:
    return models.TextField(
        _("omschrijving"),
        blank=True,
        max_length=DESCRIPTION_MAX_LENGTH,
        validators=[MaxLengthValidator(DESCRIPTION_MAX_LENGTH)],
    )


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields: Any) -> User:
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields: Any) -> User:
        fields.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """An account, identified by e-mail. `is_superuser` marks a platform administrator."""

    email = models.EmailField(_("e-mailadres"), unique=True)
    full_name = models.CharField(_("naam"), max_length=150, blank=True)
    is_active = models.BooleanField(_("actief"), default=True)
    is_staff = models.BooleanField(_("toegang tot beheer"), default=False)
    date_joined = models.DateTimeField(_("aangemaakt"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")

    def __str__(self) -> str:
        return self.full_name or self.email

    @property
    def is_platform_admin(self) -> bool:
        return self.is_active and self.is_superuser


class Layer(models.TextChoices):
    FRONTLINE = "werkvloer", _("Werkvloer")
    MIDDLE_MANAGEMENT = "middenkader", _("Middenkader")
    BOARD = "bestuur", _("Bestuur")
    POLICY = "beleid", _("Beleid")


class ExperienceRole(models.TextChoices):
    """The three roles of an experience worker (see the glossary); every app uses them."""

    HOPE_GIVER = "hoopverschaffer", _("Hoopverschaffer / rolmodel")
    BRIDGE_BUILDER = "bruggenbouwer", _("Bruggenbouwer")
    KNOWLEDGE_GUIDE = "gids", _("Gids naar collectieve ervaringskennis")


class Domain(models.Model):
    """A domain of experience (verslaving, schulden, ...): one managed list that every app
    uses (stories, profiles, vacancies). The table keeps the name it had in the knowledge
    bank, where the list began (decision 0071)."""

    name = models.CharField(_("naam"), max_length=80, unique=True)
    slug = models.SlugField(_("korte naam"), max_length=80, unique=True)
    description = models.CharField(_("omschrijving"), max_length=255, blank=True)
    is_active = models.BooleanField(
        _("actief"), default=True, help_text=_("Alleen actieve domeinen zijn te kiezen.")
    )

    class Meta:
        db_table = "knowledge_domain"
        verbose_name = _("ervaringsdomein")
        verbose_name_plural = _("ervaringsdomeinen")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    ORGANISATION_ADMIN = "organisatiebeheerder", _("Organisatiebeheerder")
    KWARTIERMAKER = "kwartiermaker", _("Kwartiermaker")
    EXPERIENCE_WORKER = "ervaringswerker", _("Ervaringswerker")
    EMPLOYEE = "medewerker", _("Medewerker")
    BOARD_MEMBER = "bestuurder", _("Bestuurder")
    FINANCIER = "financier", _("Financier")


class Network(models.Model):
    """A regional network of organisations that share knowledge and funding."""

    name = models.CharField(_("naam"), max_length=150, unique=True)
    slug = models.SlugField(_("korte naam"), unique=True)
    description = description_field()

    class Meta:
        verbose_name = _("regionaal netwerk")
        verbose_name_plural = _("regionale netwerken")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Organisation(models.Model):
    name = models.CharField(_("naam"), max_length=150, unique=True)
    slug = models.SlugField(_("korte naam"), unique=True)
    description = description_field()
    city = models.CharField(_("plaats"), max_length=100, blank=True)
    website = models.URLField(_("website"), blank=True)
    networks = models.ManyToManyField(
        Network, related_name="organisations", blank=True, verbose_name=_("netwerken")
    )
    require_mfa = models.BooleanField(
        _("tweestapsverificatie verplicht"),
        default=False,
        help_text=_("Leden moeten een authenticator-app instellen voordat ze verder kunnen."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_additional_data(self) -> dict[str, int]:
        return {"organisation_id": self.pk}


class Team(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="teams", verbose_name=_("organisatie")
    )
    name = models.CharField(_("naam"), max_length=150)
    layer = models.CharField(_("laag"), max_length=20, choices=Layer.choices)
    description = description_field()

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["layer", "name"]
        constraints = [
            # Case-insensitive, in the database itself: "Inloop" and "inloop" saved at
            # the same moment by two people cannot both land.
            models.UniqueConstraint(
                "organisation",
                Lower("name"),
                name="team_name_unique_per_org_ci",
                violation_error_message=_("Er is al een team met deze naam."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_additional_data(self) -> dict[str, int]:
        return {"organisation_id": self.organisation_id}


class Membership(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("rol"), max_length=30, choices=Role.choices)
    team = models.ForeignKey(
        Team,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("team"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        ordering = ["organisation__name", "user__email"]
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="one_membership_per_org")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation} ({self.get_role_display()})"

    def get_additional_data(self) -> dict[str, int]:
        return {"organisation_id": self.organisation_id}


class InvitationQuerySet(models.QuerySet["Invitation"]):
    def open(self) -> InvitationQuerySet:
        return self.filter(
            accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
        )


class Invitation(models.Model):
    """An e-mailed, single-use invitation into an organisation with a role.

    Only the hash of the token is stored: a copy of the database cannot be used to
    accept someone else's invitation.
    """

    VALID_FOR = timedelta(days=14)

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("e-mailadres"))
    role = models.CharField(_("rol"), max_length=30, choices=Role.choices)
    team = models.ForeignKey(
        Team, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("team")
    )
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("uitnodiging")
        verbose_name_plural = _("uitnodigingen")
        ordering = ["-created_at"]
        constraints = [
            # One open (not accepted, not revoked) invitation per address and
            # organisation; addresses are stored in lower case. An expired one is closed
            # (revoked_at set) before a new one is made.
            models.UniqueConstraint(
                fields=["organisation", "email"],
                condition=Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="one_open_invitation_per_address",
                violation_error_message=_("Er staat al een open uitnodiging voor dit adres."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.email} → {self.organisation}"

    new_token = staticmethod(tokens.new_token)
    hash_token = staticmethod(tokens.hash_token)

    @property
    def status(self) -> str:
        if self.accepted_at:
            return str(_("Geaccepteerd"))
        if self.revoked_at:
            # An expired invitation is closed when the address is invited again.
            if self.revoked_at >= self.expires_at:
                return str(_("Verlopen"))
            return str(_("Ingetrokken"))
        if self.expires_at <= timezone.now():
            return str(_("Verlopen"))
        return str(_("Open"))

    @property
    def is_open(self) -> bool:
        return (
            self.accepted_at is None
            and self.revoked_at is None
            and self.expires_at > timezone.now()
        )

    def get_additional_data(self) -> dict[str, int]:
        return {"organisation_id": self.organisation_id}


auditlog.register(User, exclude_fields=["password", "last_login"])
auditlog.register(Organisation, m2m_fields={"networks"})
auditlog.register(Network)
auditlog.register(Team)
auditlog.register(Membership)
auditlog.register(Invitation, exclude_fields=["token_hash"])
