"""Everything that changes organisations, teams, memberships and invitations.

Each service runs in one transaction and validates with `full_clean()` before saving,
so the rules hold for the web pages, the API and the demo data alike.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from kwartier.accounts.models import (
    Invitation,
    Membership,
    Network,
    Organisation,
    Role,
    Team,
    User,
)
from kwartier.accounts.rules import GRANTABLE_ROLES, PLATFORM_ONLY_ROLES, may_grant
from kwartier.accounts.selectors import MANAGING_ROLES
from kwartier.accounts.tasks import member_export
from kwartier.core import services as core_services
from kwartier.core.models import Job
from kwartier.core.text import clean_name, clean_text

TEAM_NAME_TAKEN = _lazy("Er is al een team met deze naam.")
INVITATION_OPEN = _lazy("Er staat al een open uitnodiging voor dit adres.")


@transaction.atomic
def organisation_create(
    *,
    name: str,
    slug: str,
    city: str = "",
    description: str = "",
    networks: list[Network] | None = None,
) -> Organisation:
    organisation = Organisation(
        name=clean_name(name),
        slug=slug,
        city=clean_name(city),
        description=clean_text(description),
    )
    organisation.full_clean()
    organisation.save()
    organisation.networks.set(networks or [])
    return organisation


@transaction.atomic
def organisation_update(*, organisation: Organisation, **fields: object) -> Organisation:
    allowed = {"name", "description", "city", "website", "require_mfa"}
    for name, value in fields.items():
        if name not in allowed:
            raise ValueError(f"{name} cannot be changed here")
        if name in {"name", "city"}:
            value = clean_name(str(value))
        elif name == "description":
            value = clean_text(str(value))
        setattr(organisation, name, value)
    organisation.full_clean()
    organisation.save()
    return organisation


@transaction.atomic
def network_create(*, name: str, slug: str, description: str = "") -> Network:
    network = Network(name=clean_name(name), slug=slug, description=clean_text(description))
    network.full_clean()
    network.save()
    return network


def _save_team(team: Team) -> Team:
    """Validate and save; two people saving the same name at once meet the database's
    case-insensitive unique constraint, and the second gets the same Dutch error."""
    duplicate = Team.objects.filter(
        organisation_id=team.organisation_id, name__iexact=team.name
    ).exclude(pk=team.pk)
    if duplicate.exists():
        raise ValidationError({"name": TEAM_NAME_TAKEN})
    team.full_clean()
    try:
        with transaction.atomic():
            team.save()
    except IntegrityError as error:
        raise ValidationError({"name": TEAM_NAME_TAKEN}) from error
    return team


@transaction.atomic
def team_create(
    *, organisation: Organisation, name: str, layer: str, description: str = ""
) -> Team:
    team = Team(
        organisation=organisation,
        name=clean_name(name),
        layer=layer,
        description=clean_text(description),
    )
    return _save_team(team)


@transaction.atomic
def team_update(*, team: Team, name: str, layer: str, description: str = "") -> Team:
    team.name, team.layer, team.description = clean_name(name), layer, clean_text(description)
    return _save_team(team)


@transaction.atomic
def team_delete(*, team: Team) -> None:
    team.delete()


def _lock_managers(organisation: Organisation) -> list[int]:
    """Lock the organisation's managing memberships (SELECT … FOR UPDATE, in id order,
    always before any other membership row, so two changes cannot deadlock) and return
    their ids as they are once the lock is held."""
    return list(
        Membership.objects.select_for_update()
        .filter(organisation=organisation, role__in=MANAGING_ROLES)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def _ensure_an_admin_remains(managers: list[int], leaving: Membership) -> None:
    """Refuse if `leaving` is the last organisatiebeheerder or kwartiermaker.

    `managers` comes from :func:`_lock_managers`: two people who demote or remove the
    last two managers at the same moment are serialised by that lock, and the second
    sees the first one's change and is refused."""
    if leaving.pk in managers and not [pk for pk in managers if pk != leaving.pk]:
        raise ValidationError(
            _("Er moet minstens één organisatiebeheerder of kwartiermaker overblijven.")
        )


def _ensure_may_grant(
    user: User, organisation: Organisation, role: str, current_role: str | None = None
) -> None:
    """The one role-grant rule (`accounts.rules`), as a Dutch refusal."""
    if may_grant(user, organisation, role, current_role):
        return
    if role in PLATFORM_ONLY_ROLES:
        message = _(
            "De rol %(role)s geeft toegang tot plannen van het hele netwerk; alleen de "
            "platformbeheerder kan die toekennen."
        )
    elif current_role is not None and current_role not in _grantable_by(user, organisation):
        role, message = current_role, _("U mag het lidmaatschap van een %(role)s niet wijzigen.")
    else:
        message = _("U mag de rol %(role)s niet toekennen.")
    raise ValidationError({"role": message % {"role": Role(role).label.lower()}})


def _grantable_by(user: User, organisation: Organisation) -> frozenset[str]:
    own = Membership.objects.filter(user=user, organisation=organisation).first()
    return GRANTABLE_ROLES.get(own.role if own else "", frozenset())


@transaction.atomic
def membership_update(
    *, membership: Membership, role: str, team: Team | None, changed_by: User
) -> Membership:
    managers = _lock_managers(membership.organisation)
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if team is not None and team.organisation_id != membership.organisation_id:
        raise ValidationError({"team": _("Dit team hoort niet bij deze organisatie.")})
    _ensure_may_grant(changed_by, membership.organisation, role, current_role=membership.role)
    if role not in MANAGING_ROLES:
        _ensure_an_admin_remains(managers, membership)
    membership.role, membership.team = role, team
    membership.full_clean()
    membership.save()
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership, removed_by: User) -> None:
    managers = _lock_managers(membership.organisation)
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    _ensure_may_grant(
        removed_by, membership.organisation, membership.role, current_role=membership.role
    )
    _ensure_an_admin_remains(managers, membership)
    membership.delete()


@transaction.atomic
def membership_create(
    *, user: User, organisation: Organisation, role: str, team: Team | None = None
) -> Membership:
    membership, _created = Membership.objects.get_or_create(
        user=user, organisation=organisation, defaults={"role": role, "team": team}
    )
    return membership


@transaction.atomic
def invitation_create(
    *,
    organisation: Organisation,
    email: str,
    role: str,
    team: Team | None,
    invited_by: User,
    accept_url_template: str,
) -> Invitation:
    """Create an invitation and e-mail its single-use link.

    `accept_url_template` is an absolute URL with `{token}` where the token goes; the
    token itself is never stored.
    """
    email = email.strip().lower()
    _ensure_may_grant(invited_by, organisation, role)
    if Membership.objects.filter(organisation=organisation, user__email__iexact=email).exists():
        raise ValidationError({"email": _("Deze persoon is al lid van de organisatie.")})
    if team is not None and team.organisation_id != organisation.pk:
        raise ValidationError({"team": _("Dit team hoort niet bij deze organisatie.")})
    # An expired invitation no longer counts as open: close it, so the database's
    # "one open invitation per address" constraint leaves room for the new one.
    Invitation.objects.filter(
        organisation=organisation,
        email=email,
        accepted_at__isnull=True,
        revoked_at__isnull=True,
        expires_at__lte=timezone.now(),
    ).update(revoked_at=timezone.now())
    if Invitation.objects.open().filter(organisation=organisation, email=email).exists():
        raise ValidationError({"email": INVITATION_OPEN})
    token, token_hash = Invitation.new_token()
    invitation = Invitation(
        organisation=organisation,
        email=email,
        role=role,
        team=team,
        token_hash=token_hash,
        invited_by=invited_by,
        expires_at=timezone.now() + Invitation.VALID_FOR,
    )
    invitation.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            invitation.save()
    except IntegrityError as error:
        # Someone else invited the same address at the same moment.
        raise ValidationError({"email": INVITATION_OPEN}) from error
    context = {
        "invitation": invitation,
        "accept_url": accept_url_template.format(token=token),
        "inviter": invited_by,
    }
    transaction.on_commit(
        lambda: send_mail(
            subject=_("Uitnodiging voor %(organisation)s in Kwartier")
            % {"organisation": organisation.name},
            message=render_to_string("accounts/email/invitation.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[email],
        )
    )
    return invitation


@transaction.atomic
def invitation_revoke(*, invitation: Invitation) -> Invitation:
    if not invitation.is_open:
        raise ValidationError(_("Deze uitnodiging is niet meer open."))
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    return invitation


@transaction.atomic
def invitation_accept(
    *, invitation: Invitation, user: User | None, full_name: str = "", password: str = ""
) -> tuple[User, Membership]:
    """Accept an open invitation: for a signed-in user with the invited address, or by
    creating an account with the name and password given."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_open:
        raise ValidationError(_("Deze uitnodiging is al gebruikt, ingetrokken of verlopen."))
    if user is None:
        if User.objects.filter(email__iexact=invitation.email).exists():
            raise ValidationError(
                _("Er bestaat al een account met dit adres. Log eerst in om te accepteren.")
            )
        user = User.objects.create_user(
            email=invitation.email, password=password, full_name=clean_name(full_name)
        )
        from allauth.account.models import EmailAddress

        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    elif user.email.lower() != invitation.email.lower():
        raise ValidationError(
            _("Deze uitnodiging is voor %(email)s. Log in met dat adres om te accepteren.")
            % {"email": invitation.email}
        )
    membership = membership_create(
        user=user, organisation=invitation.organisation, role=invitation.role, team=invitation.team
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return user, membership


# --- member-list export (a job) -----------------------------------------------------------


def member_export_start(*, organisation: Organisation, user: User) -> Job:
    job = core_services.job_create(
        kind="member_export",
        label=_("Ledenlijst exporteren"),
        organisation=organisation,
        created_by=user,
    )
    job_id = str(job.pk)
    transaction.on_commit(lambda: member_export.enqueue(job_id))
    return job
