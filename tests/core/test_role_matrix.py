"""The role walker: for every page and API route, every role of the own organisation and
a financier of the regional network get the status written in one table.

The tenant walker (test_tenant_isolation.py) proves that another organisation sees
nothing. This file proves what each role *inside* the organisation may reach, so that a
new page, or a changed rule, cannot silently open something to the wrong role. The walk
reads the URL configuration itself: a page that is missing from ``PAGES`` (or an API
route missing from ``API``) fails ``test_every_url_is_in_the_table``.

Reading the tables: one column per role, in the order of ``ROLES``. The objects belong
to the organisation; stories are written by its ervaringswerker and shared with the
network, plans are adopted (a financier of the network reads adopted plans, never
stories), rounds have enough responses to show results.

To see the statuses the code gives today (after a deliberate change of a rule), run
``KWARTIER_ROLE_MATRIX_PRINT=1 pytest tests/core/test_role_matrix.py -s -k print`` and
compare before copying anything into the table.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from kwartier.accounts.models import Organisation, Role, User
from tests.conftest import Tenant
from tests.core.test_tenant_isolation import (
    API_OBJECT_MAKERS,
    NOT_TENANT_IDS,
    OBJECT_MAKERS,
    _walk,
)
from tests.factories import (
    MembershipFactory,
    NetworkFactory,
    OrganisationFactory,
    UserFactory,
    api_auth,
)

ADMIN, KWARTIERMAKER, WORKER, EMPLOYEE, BOARD, FINANCIER = (
    "beheerder",
    "kwartiermaker",
    "ervaringswerker",
    "medewerker",
    "bestuurder",
    "financier",
)
ROLES = (ADMIN, KWARTIERMAKER, WORKER, EMPLOYEE, BOARD, FINANCIER)
OWN_ROLE = {
    ADMIN: Role.ORGANISATION_ADMIN,
    KWARTIERMAKER: Role.KWARTIERMAKER,
    WORKER: Role.EXPERIENCE_WORKER,
    EMPLOYEE: Role.EMPLOYEE,
    BOARD: Role.BOARD_MEMBER,
}

# Status of a GET per role, in the order of ROLES. Codes: 200 page, 302 redirect (a
# form that sends the user on), 403 the member may not do this, 404 not theirs to know
# about, 405 POST-only (see POSTS).
# fmt: off
PAGES: dict[str, tuple[int, ...]] = {
    "core:home": (200, 200, 200, 200, 200, 200),
    "core:job": (404, 200, 404, 404, 404, 404),
    "core:job_progress": (404, 200, 404, 404, 404, 404),
    "core:job_download": (404, 200, 404, 404, 404, 404),
    "core:health_bare": (200, 200, 200, 200, 200, 200),
    "accounts:organisation": (200, 200, 200, 200, 200, 200),
    "accounts:organisation_edit": (200, 403, 403, 403, 403, 403),
    "accounts:switch": (405, 405, 405, 405, 405, 405),
    "accounts:teams": (200, 200, 200, 200, 200, 200),
    "accounts:team_create": (200, 200, 403, 403, 403, 403),
    "accounts:team_edit": (200, 200, 403, 403, 403, 403),
    "accounts:team_delete": (200, 200, 403, 403, 403, 403),
    "accounts:members": (200, 200, 200, 200, 200, 200),
    "accounts:member_export": (405, 405, 403, 403, 403, 403),
    "accounts:member_edit": (200, 200, 403, 403, 403, 403),
    "accounts:member_remove": (200, 200, 403, 403, 403, 403),
    "accounts:invitations": (200, 200, 403, 403, 403, 403),
    "accounts:invitation_revoke": (200, 200, 403, 403, 403, 403),
    "accounts:audit_log": (200, 403, 403, 403, 403, 403),
    "exploration:round_list": (200, 200, 403, 403, 200, 403),
    "exploration:round_create": (200, 200, 403, 403, 403, 403),
    "exploration:round_detail": (200, 200, 403, 403, 200, 403),
    "exploration:round_invite": (200, 200, 403, 403, 403, 403),
    "exploration:round_close": (200, 200, 403, 403, 403, 403),
    "exploration:round_delete": (200, 200, 403, 403, 403, 403),
    "exploration:round_open_answers_retry": (405, 405, 403, 403, 403, 403),
    "exploration:round_results": (200, 200, 403, 403, 200, 403),
    "exploration:round_report_pdf": (200, 200, 403, 403, 200, 403),
    "exploration:round_export_csv": (200, 200, 403, 403, 200, 403),
    "exploration:round_export_xlsx": (200, 200, 403, 403, 200, 403),
    "exploration:concern_list": (200, 200, 403, 403, 200, 403),
    "exploration:concern_create": (200, 200, 403, 403, 403, 403),
    "exploration:concern_edit": (200, 200, 403, 403, 403, 403),
    "exploration:concern_delete": (200, 200, 403, 403, 403, 403),
    "exploration:template_list": (404, 404, 404, 404, 404, 404),
    "planning:list": (200, 200, 200, 200, 200, 200),
    "planning:create": (200, 200, 403, 403, 403, 403),
    "planning:detail": (200, 200, 200, 200, 200, 200),
    "planning:pdf": (200, 200, 200, 200, 200, 200),
    "planning:edit": (200, 200, 403, 403, 403, 403),
    "planning:adopt": (200, 200, 200, 200, 200, 404),
    "planning:scenarios": (200, 200, 200, 200, 200, 404),
    "planning:scenario_create": (200, 200, 403, 403, 403, 403),
    "planning:scenario_compare": (200, 200, 200, 200, 200, 404),
    "planning:progress": (200, 200, 200, 200, 200, 404),
    "planning:scenario_detail": (200, 200, 200, 200, 200, 404),
    "planning:scenario_delete": (200, 200, 403, 403, 403, 403),
    "planning:progress_delete": (200, 200, 403, 403, 403, 403),
    "planning:section_doelen": (200, 200, 403, 403, 403, 403),
    "planning:section_inzet": (200, 200, 403, 403, 403, 403),
    "planning:section_ondersteuning": (200, 200, 403, 403, 403, 403),
    "planning:section_loopbaan": (200, 200, 403, 403, 403, 403),
    "planning:section_samenwerking": (200, 200, 403, 403, 403, 403),
    "planning:section_mijlpalen": (200, 200, 403, 403, 403, 403),
    "planning:section_risicos": (200, 200, 403, 403, 403, 403),
    "planning:section_acties": (200, 200, 403, 403, 403, 403),
    "knowledge:search": (200, 200, 200, 200, 200, 200),
    "knowledge:export": (200, 200, 200, 200, 200, 200),
    "knowledge:detail": (200, 200, 200, 200, 200, 404),
    "knowledge:public_search": (200, 200, 200, 200, 200, 200),
    "knowledge:mine": (200, 200, 200, 200, 200, 200),
    "knowledge:create": (403, 200, 200, 403, 403, 403),
    "knowledge:record": (403, 200, 403, 403, 403, 403),
    "knowledge:deidentify_bulk": (405, 405, 405, 405, 405, 405),
    "knowledge:access_log": (200, 200, 200, 200, 200, 200),
    "knowledge:my_detail": (404, 404, 200, 404, 404, 404),
    "knowledge:edit": (404, 404, 200, 404, 404, 404),
    "knowledge:autosave": (404, 404, 405, 404, 404, 404),
    "knowledge:deidentify": (404, 404, 302, 404, 404, 404),
    "knowledge:review": (404, 404, 302, 404, 404, 404),
    "knowledge:publish": (404, 404, 200, 404, 404, 404),
    "knowledge:withdraw": (404, 404, 200, 404, 404, 404),
    "knowledge:delete": (404, 404, 200, 404, 404, 404),
    "collective:home": (200, 200, 200, 200, 200, 403),
    "collective:ask": (200, 200, 200, 200, 200, 403),
    "collective:insights": (200, 200, 200, 200, 200, 403),
    "collective:insight": (404, 200, 200, 404, 404, 403),
    "collective:meaning": (200, 200, 200, 200, 200, 403),
    "collective:meaning_edit": (404, 404, 200, 404, 404, 403),
    "collective:codebook_create": (403, 200, 200, 403, 403, 403),
    "collective:codebook": (200, 200, 200, 200, 200, 403),
    "collective:change_undo": (403, 302, 302, 403, 403, 403),
    "collective:stories": (403, 200, 200, 403, 403, 403),
    "collective:code_story": (403, 200, 200, 403, 403, 403),
    "collective:agreement": (403, 200, 200, 403, 403, 403),
    "collective:insight_create": (403, 200, 200, 403, 403, 403),
    "collective:topic": (200, 200, 200, 200, 200, 403),
    "collective:code_edit": (403, 200, 200, 403, 403, 403),
    "collective:code_retire": (403, 200, 200, 403, 403, 403),
    "collective:coding_delete": (403, 200, 404, 403, 403, 403),
    "collective:exchange": (200, 200, 200, 200, 200, 403),
    "collective:export_project": (302, 302, 302, 302, 302, 403),
    "collective:export": (200, 200, 200, 200, 200, 403),
    "knowledge:my_data": (200, 200, 200, 200, 200, 200),
    "knowledge:my_data_download": (405, 405, 405, 405, 405, 405),
    "knowledge:my_data_erase": (200, 200, 200, 200, 200, 200),
    "platform:organisations": (404, 404, 404, 404, 404, 404),
    "platform:networks": (404, 404, 404, 404, 404, 404),
    "platform:financiers": (404, 404, 404, 404, 404, 404),
    "set_language": (302, 302, 302, 302, 302, 302),
    "impact:home": (200, 200, 200, 200, 200, 200),
    "impact:contributions": (200, 200, 200, 200, 200, 200),
    "impact:contribution_create": (403, 200, 200, 403, 403, 403),
    "impact:contribution_delete": (403, 200, 404, 403, 403, 403),
    "impact:signals": (200, 200, 200, 200, 200, 200),
    "impact:signal_create": (403, 200, 200, 403, 403, 403),
    "impact:signal_detail": (200, 200, 200, 200, 404, 404),
    "impact:signal_respond": (403, 403, 403, 200, 404, 404),
    "impact:signal_outcome": (403, 403, 403, 302, 404, 404),
    "impact:responsiveness": (200, 200, 200, 200, 200, 200),
    "impact:settings": (200, 200, 403, 403, 403, 403),
    "vacancies:list": (200, 200, 200, 200, 200, 200),
    "vacancies:create": (200, 200, 403, 200, 403, 403),
    "vacancies:for_me": (403, 403, 200, 403, 403, 403),
    "vacancies:searches": (200, 200, 200, 200, 200, 200),
    "vacancies:search_delete": (404, 200, 404, 404, 404, 404),
    "vacancies:detail": (200, 200, 200, 200, 200, 404),
    "vacancies:edit": (200, 200, 403, 200, 403, 403),
    "vacancies:publish": (200, 200, 403, 200, 403, 403),
    "vacancies:close": (200, 200, 403, 200, 403, 403),
    "vacancies:matches": (200, 200, 403, 403, 403, 403),
    "vacancies:placement": (200, 200, 403, 200, 403, 403),
    "vacancies_public:list": (200, 200, 200, 200, 200, 200),
    "vacancies_public:feed": (200, 200, 200, 200, 200, 200),
    "trust:accessibility": (200, 200, 200, 200, 200, 200),
    "trust:accessibility_json": (200, 200, 200, 200, 200, 200),
    "trust:privacy": (200, 200, 200, 200, 200, 200),
    "trust:dpia": (200, 200, 403, 403, 403, 403),
    "trust:details_edit": (200, 403, 403, 403, 403, 403),
    "trust:dpia_pdf": (200, 200, 403, 403, 403, 403),
    "trust:dpia_docx": (200, 200, 403, 403, 403, 403),
    # Inzet (workforce part). my_profile: 404 "no profile yet" for a member without one;
    # a worker's own profile and portfolio are covered in tests/workforce/test_views.py.
    "workforce:home": (200, 200, 200, 200, 200, 200),
    "workforce:my_profile": (404, 404, 404, 404, 404, 404),
    "workforce:profile_create": (200, 200, 403, 403, 403, 403),
    "workforce:support": (200, 200, 403, 403, 403, 403),
    "workforce:profile_detail": (200, 200, 200, 200, 200, 404),
    "workforce:profile_edit": (200, 200, 403, 403, 403, 404),
    "workforce:profile_invite": (200, 200, 403, 403, 403, 403),
    "workforce:profile_delete": (200, 200, 403, 403, 403, 403),
    "workforce:position_create": (200, 200, 403, 403, 403, 403),
    "workforce:position_edit": (200, 200, 403, 403, 403, 403),
    "workforce:position_delete": (200, 200, 403, 403, 403, 403),
    "workforce:training_create": (200, 200, 403, 403, 403, 404),
    "workforce:training_delete": (200, 200, 403, 403, 403, 404),
    "workforce:registration_create": (200, 200, 403, 403, 403, 404),
    "workforce:registration_delete": (200, 200, 403, 403, 403, 404),
    "workforce:coaching_create": (200, 200, 403, 403, 403, 404),
    "workforce:coaching_delete": (200, 200, 403, 403, 403, 404),
    "workforce:group_list": (200, 200, 200, 200, 200, 200),
    "workforce:group_create": (200, 200, 403, 403, 403, 403),
    "workforce:group_detail": (200, 200, 200, 200, 200, 404),
    "workforce:session_create": (200, 200, 403, 403, 403, 403),
    "workforce:session_detail": (200, 200, 200, 200, 200, 404),
    "workforce:member_remove": (200, 200, 403, 403, 403, 403),
    "workforce:portfolio": (200, 200, 403, 403, 403, 404),
    "workforce:portfolio_pdf": (200, 200, 403, 403, 403, 404),
    "workforce:portfolio_json": (200, 200, 403, 403, 403, 404),
    "workforce:hours_create": (200, 200, 403, 403, 403, 404),
    "workforce:hours_request": (200, 200, 403, 403, 403, 404),
    "workforce:hours_delete": (200, 200, 403, 403, 403, 404),
    "workforce:goal_create": (200, 200, 403, 403, 403, 404),
    "workforce:goal_delete": (200, 200, 403, 403, 403, 404),
    "workforce:step_create": (200, 200, 403, 403, 403, 404),
    "workforce:step_delete": (200, 200, 403, 403, 403, 404),
    "workforce:allowance_check": (200, 200, 200, 403, 403, 403),
    "impact:goals": (200, 200, 403, 403, 200, 403),
    "impact:stories": (200, 200, 403, 403, 200, 403),
    "impact:story_unlink": (200, 200, 403, 403, 403, 403),
    "impact:network": (403, 403, 403, 403, 403, 200),
    "impact:network_csv": (403, 403, 403, 403, 403, 200),
    "impact:network_xlsx": (403, 403, 403, 403, 403, 200),
    "impact:figures_csv": (200, 200, 403, 403, 200, 403),
    "impact:figures_xlsx": (200, 200, 403, 403, 200, 403),
    "impact:reports": (200, 200, 403, 403, 200, 200),
    "impact:report_detail": (200, 200, 403, 403, 200, 404),
    "impact:report_pdf": (200, 200, 403, 403, 200, 404),
    "impact:report_status": (200, 200, 403, 403, 200, 404),
}
# fmt: on
# Pages that answer GET with 405: the roles that an empty POST must refuse, and how.
# 0: not posted (the role may do it; its own tests cover what happens).
POSTS: dict[str, tuple[int, ...]] = {
    "planning:adopt": (403, 403, 403, 403, 0, 404),
}
# The API: every router route (list, detail and each detail action) and the API's own
# paths, GET with a token of each role.
# fmt: off
API: dict[str, tuple[int, ...]] = {
    "organisation-list": (200, 200, 200, 200, 200, 200),
    "organisation-detail": (200, 200, 200, 200, 200, 404),
    "team-list": (200, 200, 200, 200, 200, 200),
    "team-detail": (200, 200, 200, 200, 200, 404),
    "membership-list": (200, 200, 200, 200, 200, 200),
    "membership-detail": (200, 200, 200, 200, 200, 404),
    "exploration-round-list": (200, 200, 200, 200, 200, 200),
    "exploration-round-detail": (200, 200, 404, 404, 200, 404),
    "exploration-round-results": (200, 200, 404, 404, 200, 404),
    "experience-list": (200, 200, 200, 200, 200, 200),
    "experience-detail": (404, 404, 200, 404, 404, 404),
    "experience-deidentify": (404, 404, 200, 404, 404, 404),
    "experience-publish": (404, 404, 200, 404, 404, 404),
    "experience-suggestions": (404, 404, 200, 404, 404, 404),
    "experience-withdraw": (404, 404, 200, 404, 404, 404),
    "shared-experience-list": (200, 200, 200, 200, 200, 200),
    "shared-experience-detail": (200, 200, 200, 200, 200, 404),
    "exploration-round-report": (200, 200, 404, 404, 200, 404),
    "knowledge-search": (200, 200, 200, 200, 200, 200),
    "codebook-list": (200, 200, 200, 200, 200, 200),
    "codebook-detail": (200, 200, 200, 200, 200, 404),
    "codebook-agreement": (404, 200, 200, 404, 404, 404),
    "codebook-codes": (200, 200, 200, 200, 200, 404),
    "coding-list": (200, 200, 200, 200, 200, 200),
    "coding-detail": (200, 200, 200, 200, 200, 404),
    "insight-list": (200, 200, 200, 200, 200, 200),
    "insight-detail": (404, 200, 200, 404, 404, 404),
    "insight-evidence": (404, 200, 200, 404, 404, 404),
    "insight-publish": (404, 200, 200, 404, 404, 404),
    "insight-review": (404, 200, 200, 404, 404, 404),
    "insight-supersede": (404, 200, 200, 404, 404, 404),
    "knowledge-ask": (200, 200, 200, 200, 200, 403),
    "knowledge-codebook-export": (200, 200, 200, 200, 200, 403),
    "planning_projection": (405, 405, 405, 405, 405, 405),
    "impact-contribution-list": (200, 200, 200, 200, 200, 200),
    "impact-contribution-detail": (404, 200, 404, 404, 404, 404),
    "impact-signal-list": (200, 200, 200, 200, 200, 200),
    "impact-signal-detail": (200, 200, 200, 200, 404, 404),
    "impact-signal-respond": (200, 200, 200, 200, 404, 404),
    "impact-signal-outcome": (200, 200, 200, 200, 404, 404),
    "impact-responsiveness": (200, 200, 200, 200, 200, 200),
    "workforce-vacancy-list": (200, 200, 200, 200, 200, 200),
    "workforce-vacancy-detail": (200, 200, 200, 200, 200, 404),
    "workforce-vacancy-matches": (200, 200, 403, 403, 403, 404),
    "workforce-vacancy-publish": (200, 200, 200, 200, 200, 404),
    "workforce-profile-list": (200, 200, 200, 200, 200, 200),
    "workforce-profile-detail": (200, 200, 200, 200, 200, 404),
    "workforce_allowance_check": (405, 405, 405, 405, 405, 405),
}
# fmt: on


@dataclass
class Cast:
    organisation: Organisation
    users: dict[str, User]
    tenant: Tenant
    clients: dict[str, Client]


@pytest.fixture
def cast(db) -> Cast:
    network = NetworkFactory(name="Regio Hofstad", slug="regio-hofstad")
    organisation = OrganisationFactory(name="Welzijn Alfa", slug="alfa")
    municipality = OrganisationFactory(name="Gemeente Hofstad", slug="gemeente-hofstad")
    organisation.networks.add(network)
    municipality.networks.add(network)
    users: dict[str, User] = {}
    for key, role in OWN_ROLE.items():
        users[key] = UserFactory(email=f"{key}@alfa.example.nl", full_name=key.title())
        MembershipFactory(user=users[key], organisation=organisation, role=role)
    users[FINANCIER] = UserFactory(email="financier@hofstad.example.nl", full_name="Financier")
    MembershipFactory(user=users[FINANCIER], organisation=municipality, role=Role.FINANCIER)
    tenant = Tenant(organisation=organisation, manager=users[KWARTIERMAKER], member=users[EMPLOYEE])
    clients = {}
    for key, user in users.items():
        clients[key] = Client()
        clients[key].force_login(user)
    return Cast(organisation=organisation, users=users, tenant=tenant, clients=clients)


def _pages() -> list[tuple[str, str, list[str]]]:
    """(route, url name, id parameters) of every page outside the API, allauth and the
    Django admin; public token pages (invitations, respondent links) are left to their
    own tests."""
    from django.urls import get_resolver

    found = []
    for route, (name, pattern) in _walk(get_resolver().url_patterns):
        if route.startswith(("api/", "accounts/", "beheer/", "^", "static")) or not name:
            continue
        params = list(getattr(pattern.pattern, "converters", {}))
        if any(p in NOT_TENANT_IDS for p in params):
            continue
        found.append((route, name, params))
    return found


REFUSED = {403, 404}


def _network_story(cast: Cast) -> int:
    """A story of the ervaringswerker, shared with the regional network."""
    from kwartier.knowledge.models import Visibility
    from tests.knowledge.factories import ExperienceFactory

    return ExperienceFactory(
        organisation=cast.organisation,
        author=cast.users[WORKER],
        shared=True,
        visibility=Visibility.NETWORK,
    ).pk


def _adopted_plan(cast: Cast) -> int:
    """A plan adopted by the bestuurder, so the network's financier may read it."""
    from tests.planning.factories import adopt
    from tests.planning.makers import OBJECT_MAKERS as PLAN_MAKERS

    plan_id = PLAN_MAKERS["plan_id"](cast.tenant)
    plan = cast.organisation.plans.get(pk=plan_id)
    adopt(plan, cast.users[BOARD])
    return plan_id


def _signal_of_the_worker(cast: Cast) -> int:
    """A signal raised by the ervaringswerker, owned by the medewerker's team (so the
    medewerker answers it; the kwartiermaker and the beheerder oversee it)."""
    from kwartier.accounts.models import Membership
    from tests.factories import TeamFactory
    from tests.impact.factories import SignalFactory

    team = TeamFactory(organisation=cast.organisation)
    Membership.objects.filter(user=cast.users[EMPLOYEE], organisation=cast.organisation).update(
        team=team
    )
    return SignalFactory(
        organisation=cast.organisation, raised_by=cast.users[WORKER], owner_team=team
    ).pk


# Objects that the matrix makes differently from the tenant walker (tests/<app>/makers.py).
MATRIX_MAKERS: dict[str, Callable[[Cast], Any]] = {
    "experience_id": _network_story,
    "plan_id": _adopted_plan,
    "signal_id": _signal_of_the_worker,
}


def _object_id(cast: Cast, param: str) -> Any:
    if param in MATRIX_MAKERS:
        return MATRIX_MAKERS[param](cast)
    return OBJECT_MAKERS[param](cast.tenant)


def _url(cast: Cast, name: str, ids: list[str]) -> str:
    return reverse(name, kwargs={param: _object_id(cast, param) for param in ids})


def _observed(cast: Cast, url: str) -> tuple[int, ...]:
    return tuple(cast.clients[role].get(url).status_code for role in ROLES)


def _print_requested() -> bool:
    return bool(os.environ.get("KWARTIER_ROLE_MATRIX_PRINT"))


@pytest.mark.skipif(not _print_requested(), reason="prints the matrix on request")
def test_print_matrix(cast):
    for _route, name, ids in _pages():
        print(f'    "{name}": {_observed(cast, _url(cast, name, ids))},')


def test_every_url_is_in_the_table():
    names = {name for _route, name, _ids in _pages()}
    assert names - set(PAGES) == set(), "add these pages to PAGES"
    assert set(PAGES) - names == set(), "these pages no longer exist"


def test_each_role_gets_the_expected_status(cast: Cast) -> None:
    """One walk over every page (objects are made once per page, so the walk stays
    fast); every difference is listed at once."""
    differences = []
    for _route, name, ids in _pages():
        url = _url(cast, name, ids)
        expected = PAGES[name]
        observed = _observed(cast, url)
        if observed != expected:
            differences.append(f"{name}: expected {expected}, got {observed}")
            continue
        # A role that may not see a page may not act on it either: an empty POST is
        # refused with the same status (POST-only pages list their refusals in POSTS).
        refusals = POSTS.get(name, expected)
        for role, status in zip(ROLES, refusals, strict=True):
            if status in REFUSED:
                got = cast.clients[role].post(url).status_code
                if got != status:
                    differences.append(f"POST {name} as {role}: expected {status}, got {got}")
    assert not differences, "\n".join(differences)


# API router basenames whose objects the matrix makes itself (see MATRIX_MAKERS).
API_MATRIX_MAKERS: dict[str, Callable[[Cast], Any]] = {
    "experience": _network_story,
    "shared-experience": _network_story,
    "impact-signal": _signal_of_the_worker,
}


def _api_urls(cast: Cast) -> list[tuple[str, str]]:
    """(url name, url) of every API route that reads: router lists, details and detail
    actions, and the API's own paths (search, projection, report)."""
    from kwartier.api.urls import router

    found = []
    for _prefix, viewset, basename in router.registry:
        found.append((f"{basename}-list", reverse(f"{basename}-list")))
        maker = API_MATRIX_MAKERS.get(basename)
        object_id = maker(cast) if maker else API_OBJECT_MAKERS[basename](cast.tenant)
        found.append((f"{basename}-detail", reverse(f"{basename}-detail", args=[object_id])))
        for action in viewset.get_extra_actions():
            if action.detail:
                name = f"{basename}-{action.url_name}"
                found.append((name, reverse(name, args=[object_id])))
    round_id = OBJECT_MAKERS["round_id"](cast.tenant)
    found.append(
        (
            "exploration-round-report",
            reverse("exploration-round-report", kwargs={"round_id": round_id}),
        )
    )
    found.append(("knowledge-search", reverse("knowledge-search") + "?q=schulden"))
    found.append(("planning_projection", reverse("planning_projection")))
    found.append(("impact-responsiveness", reverse("impact-responsiveness")))
    found.append(("knowledge-ask", reverse("knowledge-ask") + "?q=schulden"))
    codebook_id = OBJECT_MAKERS["codebook_id"](cast.tenant)
    found.append(
        (
            "knowledge-codebook-export",
            reverse("knowledge-codebook-export", kwargs={"codebook_id": codebook_id, "fmt": "qdc"}),
        )
    )
    found.append(("workforce_allowance_check", reverse("workforce_allowance_check")))
    return found


def _api_observed(cast: Cast, url: str) -> tuple[int, ...]:
    statuses = []
    for role in ROLES:
        statuses.append(Client().get(url, **api_auth(cast.users[role])).status_code)
    return tuple(statuses)


@pytest.mark.skipif(not _print_requested(), reason="prints the matrix on request")
def test_print_api_matrix(cast):
    for name, url in _api_urls(cast):
        print(f'    "{name}": {_api_observed(cast, url)},')


def test_each_role_gets_the_expected_api_status(cast: Cast) -> None:
    differences = []
    urls = _api_urls(cast)
    assert {name for name, _url in urls} == set(API), "API routes and the API table differ"
    for name, url in urls:
        observed = _api_observed(cast, url)
        if observed != API[name]:
            differences.append(f"{name}: expected {API[name]}, got {observed}")
    assert not differences, "\n".join(differences)
