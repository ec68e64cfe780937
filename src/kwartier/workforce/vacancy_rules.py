"""Who may do what with vacancies (the vacancies part of Inzet), per organisation.

Seeing a vacancy on the public pages is not a permission but the visibility rule in
`vacancy_selectors.vacancy_visible_q`."""

from __future__ import annotations

import rules

from kwartier.accounts.models import Organisation, Role, User
from kwartier.accounts.rules import is_member

# Kwartiermakers and managers post jobs and roles; employees (professionals, teams) post
# assignments asking for an experience worker's input.
POSTING_ROLES = (Role.ORGANISATION_ADMIN, Role.KWARTIERMAKER, Role.EMPLOYEE)
# The matching list shows consenting workers' profiles: for the kwartiermaker and admin.
MATCHING_ROLES = (Role.ORGANISATION_ADMIN, Role.KWARTIERMAKER)


def _has_role(user: User, organisation: Organisation | None, roles: tuple[str, ...]) -> bool:
    if organisation is None or not user.is_authenticated:
        return False
    return user.memberships.filter(organisation=organisation, role__in=roles).exists()


@rules.predicate
def can_post_vacancies(user: User, organisation: Organisation | None) -> bool:
    return _has_role(user, organisation, POSTING_ROLES)


@rules.predicate
def can_see_matches(user: User, organisation: Organisation | None) -> bool:
    return _has_role(user, organisation, MATCHING_ROLES)


@rules.predicate
def is_experience_worker(user: User, organisation: Organisation | None) -> bool:
    return _has_role(user, organisation, (Role.EXPERIENCE_WORKER,))


rules.add_perm("workforce.view_vacancies", is_member)
rules.add_perm("workforce.post_vacancies", can_post_vacancies)
rules.add_perm("workforce.view_matches", can_see_matches)
rules.add_perm("workforce.view_vacancy_fits", is_experience_worker)
