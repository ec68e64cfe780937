"""Everything that changes organisations, teams, memberships and invitations.

Each service runs in one transaction and validates with `full_clean()` before saving,
so the rules hold for the web pages, the API and the demo data alike.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from kwartier.accounts.models import (
    Invitation,
    Membership,
    Network,
    Organisation,
    Role,
    Team,
    User,
)


@transaction.atomic
def organisation_create(
    *,
    name: str,
    slug: str,
    city: str = "",
    description: str = "",
    networks: list[Network] | None = None,
) -> Organisation:
    organisation = Organisation(name=name, slug=slug, city=city, description=description)
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
        setattr(organisation, name, value)
    organisation.full_clean()
    organisation.save()
    return organisation


@transaction.atomic
def network_create(*, name: str, slug: str, description: str = "") -> Network:
    network = Network(name=name, slug=slug, description=description)
    network.full_clean()
    network.save()
    return network


@transaction.atomic
def team_create(
    *, organisation: Organisation, name: str, layer: str, description: str = ""
) -> Team:
    if Team.objects.filter(organisation=organisation, name__iexact=name).exists():
        raise ValidationError({"name": _("Er is al een team met deze naam.")})
    team = Team(organisation=organisation, name=name, layer=layer, description=description)
    team.full_clean()
    team.save()
    return team


@transaction.atomic
def team_update(*, team: Team, name: str, layer: str, description: str = "") -> Team:
    duplicate = Team.objects.filter(organisation=team.organisation, name__iexact=name).exclude(
        pk=team.pk
    )
    if duplicate.exists():
        raise ValidationError({"name": _("Er is al een team met deze naam.")})
    team.name, team.layer, team.description = name, layer, description
    team.full_clean()
    team.save()
    return team


@transaction.atomic
def team_delete(*, team: Team) -> None:
    team.delete()


def _ensure_an_admin_remains(organisation: Organisation, leaving: Membership) -> None:
    managers = Membership.objects.filter(
        organisation=organisation, role__in=[Role.ORGANISATION_ADMIN, Role.KWARTIERMAKER]
    ).exclude(pk=leaving.pk)
    if leaving.role in {Role.ORGANISATION_ADMIN, Role.KWARTIERMAKER} and not managers.exists():
        raise ValidationError(
            _("Er moet minstens één organisatiebeheerder of kwartiermaker overblijven.")
        )


@transaction.atomic
def membership_update(*, membership: Membership, role: str, team: Team | None) -> Membership:
    if team is not None and team.organisation_id != membership.organisation_id:
        raise ValidationError({"team": _("Dit team hoort niet bij deze organisatie.")})
    if role != membership.role:
        _ensure_an_admin_remains(membership.organisation, membership)
    membership.role, membership.team = role, team
    membership.full_clean()
    membership.save()
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership) -> None:
    _ensure_an_admin_remains(membership.organisation, membership)
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
    if Membership.objects.filter(organisation=organisation, user__email__iexact=email).exists():
        raise ValidationError({"email": _("Deze persoon is al lid van de organisatie.")})
    if Invitation.objects.open().filter(organisation=organisation, email__iexact=email).exists():
        raise ValidationError({"email": _("Er staat al een open uitnodiging voor dit adres.")})
    if team is not None and team.organisation_id != organisation.pk:
        raise ValidationError({"team": _("Dit team hoort niet bij deze organisatie.")})
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
    invitation.full_clean()
    invitation.save()
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
            email=invitation.email, password=password, full_name=full_name
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
