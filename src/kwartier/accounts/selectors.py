"""Reads of organisations and people. Every function takes the acting user first and
returns only what that user may see."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet

from kwartier.accounts.models import (
    Invitation,
    Membership,
    Network,
    Organisation,
    Role,
    Team,
    User,
)


def membership_list_for_user(*, user: User) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user, user__is_active=True).select_related(
        "organisation", "team"
    )


def organisation_list_for_user(*, user: User) -> QuerySet[Organisation]:
    if user.is_platform_admin:
        return Organisation.objects.all()
    return Organisation.objects.filter(memberships__user=user).distinct()


def network_list_for_user(*, user: User) -> QuerySet[Network]:
    if user.is_platform_admin:
        return Network.objects.all()
    return Network.objects.filter(organisations__memberships__user=user).distinct()


def team_list(*, organisation: Organisation) -> QuerySet[Team]:
    return Team.objects.filter(organisation=organisation)


def team_get(*, organisation: Organisation, team_id: int) -> Team:
    return Team.objects.get(organisation=organisation, pk=team_id)


def team_list_for_user(*, user: User) -> QuerySet[Team]:
    return Team.objects.filter(organisation__memberships__user=user).distinct()


def member_list(*, organisation: Organisation) -> QuerySet[Membership]:
    return Membership.objects.filter(organisation=organisation).select_related("user", "team")


def member_get(*, organisation: Organisation, membership_id: int) -> Membership:
    return member_list(organisation=organisation).get(pk=membership_id)


def membership_list_visible_to(*, user: User) -> QuerySet[Membership]:
    """Memberships of every organisation the user belongs to (the API's scope)."""
    return Membership.objects.filter(
        organisation__in=Organisation.objects.filter(memberships__user=user)
    ).select_related("user", "organisation", "team")


def invitation_list(*, organisation: Organisation) -> QuerySet[Invitation]:
    return Invitation.objects.filter(organisation=organisation).select_related("invited_by")


def invitation_get(*, organisation: Organisation, invitation_id: int) -> Invitation:
    return invitation_list(organisation=organisation).get(pk=invitation_id)


def invitation_by_token(*, token: str) -> Invitation | None:
    return (
        Invitation.objects.select_related("organisation", "team")
        .filter(token_hash=Invitation.hash_token(token))
        .first()
    )


def user_needs_mfa_setup(*, user: User, memberships: Iterable[Membership] | None = None) -> bool:
    """Whether an organisation of the user requires MFA and the user has none yet;
    `memberships` (all of the user's, with their organisation) saves reading them again."""
    from allauth.mfa.models import Authenticator

    if memberships is None:
        requires = Membership.objects.filter(user=user, organisation__require_mfa=True).exists()
    else:
        requires = any(membership.organisation.require_mfa for membership in memberships)
    if not requires:
        return False
    return not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def user_has_mfa(*, user: User) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def roles_of(*, user: User, organisation: Organisation) -> set[str]:
    return set(
        Membership.objects.filter(user=user, organisation=organisation).values_list(
            "role", flat=True
        )
    )


MANAGING_ROLES = {Role.ORGANISATION_ADMIN, Role.KWARTIERMAKER}
