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

# ===== workforce part =====
rules.add_perm("workforce.view_profiles", is_member)
rules.add_perm("workforce.manage_profiles", is_kwartiermaker | is_organisation_admin)
# ===== end of the workforce part =====
