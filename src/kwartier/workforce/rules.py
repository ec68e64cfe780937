"""Who may do what in Inzet, as django-rules predicates on an organisation."""

from __future__ import annotations

import rules

from kwartier.accounts.models import Role
from kwartier.accounts.rules import is_kwartiermaker, is_organisation_admin

# ===== allowance part =====
# The volunteer-allowance check is a calculator (nothing is stored): for the experience
# worker themself and for those who arrange their work.
ALLOWANCE_ROLES = frozenset({Role.ORGANISATION_ADMIN, Role.KWARTIERMAKER, Role.EXPERIENCE_WORKER})


@rules.predicate
def is_experience_worker(user, organisation) -> bool:
    if organisation is None or not user.is_authenticated:
        return False
    return user.memberships.filter(organisation=organisation, role=Role.EXPERIENCE_WORKER).exists()


rules.add_perm(
    "workforce.check_allowance", is_kwartiermaker | is_organisation_admin | is_experience_worker
)
# ===== end of the allowance part =====
