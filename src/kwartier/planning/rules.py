"""Who may do what with kwartiermaakplannen, as django-rules predicates on an organisation.

Every member reads the plans of their own organisation; the kwartiermaker and the
organisatiebeheerder write them; a bestuurder adopts them. A financier also reads the
adopted plans of the organisations in its networks: that rule needs the plan, so it
lives in `selectors.plan_get_for_reading`, with `planning.read_network_plans` as its gate.
"""

from __future__ import annotations

import rules

from kwartier.accounts.models import Organisation, Role, User
from kwartier.accounts.rules import is_kwartiermaker, is_member, is_organisation_admin, member_role


@rules.predicate
def is_board_member(user: User, organisation: Organisation | None) -> bool:
    if organisation is None or not user.is_authenticated:
        return False
    return member_role(user, organisation) == Role.BOARD_MEMBER


@rules.predicate
def is_financier(user: User, organisation: Organisation | None) -> bool:
    if organisation is None or not user.is_authenticated:
        return False
    return member_role(user, organisation) == Role.FINANCIER


rules.add_perm("planning.view_plans", is_member)
rules.add_perm("planning.edit_plan", is_kwartiermaker | is_organisation_admin)
rules.add_perm("planning.adopt_plan", is_board_member)
rules.add_perm("planning.read_network_plans", is_financier)
