"""Who may do what in Resultaten, as django-rules predicates.

On an organisation:

* every member sees the Resultaten pages and the responsiveness figures;
* an ervaringswerker or kwartiermaker logs contributions and raises signals;
* the kwartiermaker sees the organisation's contributions and oversees every signal
  (the escalations go there), with the organisatiebeheerder;
* the kwartiermaker and the organisatiebeheerder change the settings (deadline, public page).

On a signal (decision 0090): the *owner* answers it and records its outcome. The owner is
the named person, or a member of the owner team whose role may answer for the team
(:data:`RESPONDING_ROLES`: medewerker, kwartiermaker, organisatiebeheerder, bestuurder).
Ervaringswerkers of the owner team see the signal but do not answer it, and the raiser
never answers their own signal: a mirror is held up to someone else. Whether a signal
may be *seen* is the visibility rule in `selectors.signal_visible_q`.
"""

from __future__ import annotations

from typing import Any

import rules

from kwartier.accounts.models import Organisation, Role, User
from kwartier.accounts.rules import is_member, is_organisation_admin, member_role

CONTRIBUTING_ROLES = (Role.EXPERIENCE_WORKER, Role.KWARTIERMAKER)
OVERSEEING_ROLES = (Role.KWARTIERMAKER, Role.ORGANISATION_ADMIN)
RESPONDING_ROLES = (
    Role.EMPLOYEE,
    Role.KWARTIERMAKER,
    Role.ORGANISATION_ADMIN,
    Role.BOARD_MEMBER,
)


def _has_role(user: User, organisation: Organisation | None, roles: tuple[str, ...]) -> bool:
    return member_role(user, organisation) in roles


@rules.predicate
def can_contribute(user: User, organisation: Organisation | None) -> bool:
    return _has_role(user, organisation, CONTRIBUTING_ROLES)


@rules.predicate
def is_kwartiermaker(user: User, organisation: Organisation | None) -> bool:
    return _has_role(user, organisation, (Role.KWARTIERMAKER,))


@rules.predicate
def oversees(user: User, organisation: Organisation | None) -> bool:
    return _has_role(user, organisation, OVERSEEING_ROLES)


def is_owner_of(user: User, signal: Any) -> bool:
    """The owner person, or a member of the owner team with a responding role; never the
    one who raised it."""
    if signal is None or not user.is_authenticated or not user.is_active:
        return False
    if signal.raised_by_id == user.pk:
        return False
    if signal.owner_id is not None and signal.owner_id == user.pk:
        return user.memberships.filter(organisation_id=signal.organisation_id).exists()
    if signal.owner_team_id is None:
        return False
    return user.memberships.filter(
        organisation_id=signal.organisation_id,
        team_id=signal.owner_team_id,
        role__in=RESPONDING_ROLES,
    ).exists()


@rules.predicate
def is_signal_owner(user: User, signal: Any) -> bool:
    return is_owner_of(user, signal)


rules.add_perm("impact.view_results", is_member)
rules.add_perm("impact.view_responsiveness", is_member)
rules.add_perm("impact.log_contribution", can_contribute)
rules.add_perm("impact.raise_signal", can_contribute)
rules.add_perm("impact.view_organisation_contributions", is_kwartiermaker)
rules.add_perm("impact.oversee_signals", oversees)
rules.add_perm("impact.manage_settings", is_kwartiermaker | is_organisation_admin)
rules.add_perm("impact.respond_signal", is_signal_owner)


# ============================== results section (points 4–8) ===================================

RESULTS_MANAGING_ROLES = (Role.ORGANISATION_ADMIN, Role.KWARTIERMAKER)
RESULTS_READING_ROLES = (*RESULTS_MANAGING_ROLES, Role.BOARD_MEMBER)


@rules.predicate
def reads_results(user: User, organisation: Organisation | None) -> bool:
    return _has_role(user, organisation, RESULTS_READING_ROLES)


@rules.predicate
def manages_results(user: User, organisation: Organisation | None) -> bool:
    return _has_role(user, organisation, RESULTS_MANAGING_ROLES)


@rules.predicate
def funds_network(user: User, organisation: Organisation | None) -> bool:
    return _has_role(user, organisation, (Role.FINANCIER,))


# Goals per indicator, impact stories and the organisation's reports.
rules.add_perm("impact.read_results", reads_results)
rules.add_perm("impact.manage_results", manages_results)
# The network dashboard and network reports: a financier, for its networks.
rules.add_perm("impact.view_network", funds_network)
# Building and downloading reports: who reads the organisation's results, or a financier.
rules.add_perm("impact.make_reports", reads_results | funds_network)
