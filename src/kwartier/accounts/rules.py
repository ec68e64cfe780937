"""Object permissions on an organisation, as django-rules predicates.

Views ask `user.has_perm("accounts.manage_teams", organisation)`; the predicates look
at the user's membership of that organisation only.
"""

from __future__ import annotations

import rules

from kwartier.accounts.models import Organisation, Role, User


def _has_role(user: User, organisation: Organisation | None, *roles: str) -> bool:
    if organisation is None or not user.is_authenticated:
        return False
    return user.memberships.filter(organisation=organisation, role__in=roles).exists()


@rules.predicate
def is_member(user: User, organisation: Organisation | None) -> bool:
    if organisation is None or not user.is_authenticated:
        return False
    return user.memberships.filter(organisation=organisation).exists()


@rules.predicate
def is_organisation_admin(user: User, organisation: Organisation | None) -> bool:
    return _has_role(user, organisation, Role.ORGANISATION_ADMIN)


@rules.predicate
def is_kwartiermaker(user: User, organisation: Organisation | None) -> bool:
    return _has_role(user, organisation, Role.KWARTIERMAKER)


@rules.predicate
def is_platform_admin(user: User) -> bool:
    return bool(user.is_authenticated and user.is_platform_admin)


rules.add_perm("accounts.view_organisation", is_member | is_platform_admin)
rules.add_perm("accounts.change_organisation", is_organisation_admin | is_platform_admin)
rules.add_perm("accounts.manage_teams", is_organisation_admin | is_kwartiermaker)
rules.add_perm("accounts.manage_members", is_organisation_admin | is_kwartiermaker)
rules.add_perm("accounts.view_audit_log", is_organisation_admin)
rules.add_perm("accounts.manage_networks", is_platform_admin)
