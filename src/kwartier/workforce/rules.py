"""Who may do what in Inzet, as django-rules predicates on an organisation.

The kwartiermaker and the organisatiebeheerder manage the organisation's profiles,
positions, support and intervisie. Every member sees the list of experience workers
(name and role; more only with the worker's consent, see selectors.profile_access). A
worker reads and edits their own profile and portfolio: that rule needs the profile, so
it lives in the selectors, with ``workforce.view_profiles`` as its gate.
"""

from __future__ import annotations

import rules

from kwartier.accounts.rules import is_kwartiermaker, is_member, is_organisation_admin
from kwartier.workforce import vacancy_rules  # noqa: F401  (vacancies part: its permissions)

# ===== workforce part =====
rules.add_perm("workforce.view_profiles", is_member)
rules.add_perm("workforce.manage_profiles", is_kwartiermaker | is_organisation_admin)
# ===== end of the workforce part =====

# ===== allowance part =====
# The volunteer-allowance check is a calculator (nothing is stored): for the experience
# worker themself and for those who arrange their work.
from kwartier.accounts.models import Role  # noqa: E402 - kept inside the allowance part

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
