"""Who may do what in Resultaten, as django-rules predicates on an organisation."""

from __future__ import annotations

import rules

from kwartier.accounts.models import Organisation, Role, User
from kwartier.accounts.rules import is_member

# ============================== results section (points 4–8) ===================================

RESULTS_MANAGING_ROLES = (Role.ORGANISATION_ADMIN, Role.KWARTIERMAKER)
RESULTS_READING_ROLES = (*RESULTS_MANAGING_ROLES, Role.BOARD_MEMBER)


def _role_in(user: User, organisation: Organisation | None, roles: tuple[str, ...]) -> bool:
    if organisation is None or not user.is_authenticated:
        return False
    return user.memberships.filter(organisation=organisation, role__in=roles).exists()


@rules.predicate
def reads_results(user: User, organisation: Organisation | None) -> bool:
    return _role_in(user, organisation, RESULTS_READING_ROLES)


@rules.predicate
def manages_results(user: User, organisation: Organisation | None) -> bool:
    return _role_in(user, organisation, RESULTS_MANAGING_ROLES)


@rules.predicate
def funds_network(user: User, organisation: Organisation | None) -> bool:
    return _role_in(user, organisation, (Role.FINANCIER,))


# Goals per indicator, impact stories and the organisation's reports.
rules.add_perm("impact.view_results", reads_results)
rules.add_perm("impact.manage_results", manages_results)
# The network dashboard and network reports: a financier, for its networks.
rules.add_perm("impact.view_network", funds_network & is_member)
# Building and downloading reports: who reads the organisation's results, or a financier.
rules.add_perm("impact.make_reports", reads_results | funds_network)
