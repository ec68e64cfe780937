"""Menu entries of Resultaten, by role (see core.context_processors)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from kwartier.core.context_processors import NavItem


def items(request: Any, membership: Any) -> list[NavItem]:
    entries = results_items(request, membership)
    if request.user.has_perm("impact.view_results", membership.organisation):
        entries.insert(0, NavItem(_("Resultaten"), reverse("impact:home")))
    return entries


# ============================== results section (points 4–8) ===================================


def results_items(request: Any, membership: Any) -> list[NavItem]:
    organisation = membership.organisation
    if request.user.has_perm("impact.view_network", organisation):
        return [NavItem(_("Resultaten netwerk"), reverse("impact:network"))]
    if request.user.has_perm("impact.read_results", organisation):
        return [NavItem(_("Doelen en rapporten"), reverse("impact:goals"))]
    return []
