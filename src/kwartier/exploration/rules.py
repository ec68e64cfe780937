"""Who may do what in the verkenning, as django-rules predicates on an organisation.

Kwartiermakers and organisation administrators run rounds and keep the concerns
register; board members (bestuurders) read results and concerns, because readiness is
theirs to act on. Templates are shared by every organisation: only platform
administrators change them.
"""

from __future__ import annotations

import rules

from kwartier.accounts.models import Organisation, Role, User
from kwartier.accounts.rules import is_platform_admin, member_role

MANAGING_ROLES = (Role.ORGANISATION_ADMIN, Role.KWARTIERMAKER)
READING_ROLES = (*MANAGING_ROLES, Role.BOARD_MEMBER)


def _has_role(user: User, organisation: Organisation | None, roles: tuple[str, ...]) -> bool:
    return member_role(user, organisation) in roles


@rules.predicate
def runs_explorations(user: User, organisation: Organisation | None) -> bool:
    return _has_role(user, organisation, MANAGING_ROLES)


@rules.predicate
def reads_explorations(user: User, organisation: Organisation | None) -> bool:
    return _has_role(user, organisation, READING_ROLES)


rules.add_perm("exploration.view_rounds", reads_explorations)
rules.add_perm("exploration.manage_rounds", runs_explorations)
rules.add_perm("exploration.view_concerns", reads_explorations)
rules.add_perm("exploration.manage_concerns", runs_explorations)
rules.add_perm("exploration.manage_templates", is_platform_admin)
