"""Menu entries of the vacancies part, by role (see core.context_processors)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from kwartier.core.context_processors import NavItem


def items(request: Any, membership: Any) -> list[NavItem]:
    organisation = membership.organisation
    entries: list[NavItem] = []
    if request.user.has_perm("workforce.view_vacancy_fits", organisation):
        entries.append(NavItem(_("Vacatures voor mij"), reverse("vacancies:for_me")))
    elif request.user.has_perm("workforce.view_vacancies", organisation):
        entries.append(NavItem(_("Vacatures"), reverse("vacancies:list")))
    return entries
