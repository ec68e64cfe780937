"""Who may do what in wij-kennis, per organisation (django-rules predicates).

* `collective.view`: every member except a financier (decision 0100): professionals ask
  the bank and read topic pages and published insights; a financier is not a peer.
* `collective.code`: experience experts — ervaringswerkers and kwartiermakers — code
  shared stories, keep the codebook, write memos, propose, review and publish insights.
"""

from __future__ import annotations

import rules

from kwartier.accounts.models import Organisation, Role, User
from kwartier.accounts.rules import member_role

CODING_ROLES = (Role.EXPERIENCE_WORKER, Role.KWARTIERMAKER)
NON_VIEWING_ROLES = (Role.FINANCIER,)


def _has_role(user: User, organisation: Organisation | None, roles: tuple[str, ...]) -> bool:
    return member_role(user, organisation) in roles


@rules.predicate
def can_code(user: User, organisation: Organisation | None) -> bool:
    return _has_role(user, organisation, CODING_ROLES)


@rules.predicate
def can_view(user: User, organisation: Organisation | None) -> bool:
    role = member_role(user, organisation)
    return role is not None and role not in NON_VIEWING_ROLES


rules.add_perm("collective.view", can_view)
rules.add_perm("collective.code", can_code)
