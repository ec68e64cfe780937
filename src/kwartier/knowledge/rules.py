"""Who may use the knowledge bank, per organisation (django-rules predicates).

Whether one particular story may be seen is not a permission but the visibility rule
in `selectors.py`: one place, applied inside every query.
"""

from __future__ import annotations

import rules

from kwartier.accounts.models import Organisation, Role, User
from kwartier.accounts.rules import is_member, member_role

WRITING_ROLES = (Role.EXPERIENCE_WORKER, Role.KWARTIERMAKER)


@rules.predicate
def can_write_experiences(user: User, organisation: Organisation | None) -> bool:
    if organisation is None or not user.is_authenticated:
        return False
    return member_role(user, organisation) in WRITING_ROLES


@rules.predicate
def is_kwartiermaker(user: User, organisation: Organisation | None) -> bool:
    if organisation is None or not user.is_authenticated:
        return False
    return member_role(user, organisation) == Role.KWARTIERMAKER


rules.add_perm("knowledge.view_kennisbank", is_member)
rules.add_perm("knowledge.write_experience", can_write_experiences)
rules.add_perm("knowledge.record_experience", is_kwartiermaker)
