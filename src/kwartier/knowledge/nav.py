"""Menu entries of the knowledge bank, by role (see core.context_processors)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from kwartier.core.context_processors import NavItem


def items(request: Any, membership: Any) -> list[NavItem]:
    organisation = membership.organisation
    entries: list[NavItem] = []
    if request.user.has_perm("knowledge.write_experience", organisation):
        entries.append(NavItem(_("Mijn ervaringen"), reverse("knowledge:mine")))
    if request.user.has_perm("knowledge.view_kennisbank", organisation):
        entries.append(NavItem(_("Kennisbank"), reverse("knowledge:search")))
    return entries
