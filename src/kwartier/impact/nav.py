"""Menu entries of Resultaten, by role (see core.context_processors)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from kwartier.core.context_processors import NavItem


def items(request: Any, membership: Any) -> list[NavItem]:
    # The pages arrive in the next commits.
    return results_items(request, membership)


# ============================== results section (points 4–8) ===================================


def results_items(request: Any, membership: Any) -> list[NavItem]:
    organisation = membership.organisation
    if request.user.has_perm("impact.view_network", organisation):
        return [NavItem(_("Resultaten netwerk"), reverse("impact:network"))]
    if request.user.has_perm("impact.view_results", organisation):
        return [NavItem(_("Doelen en indicatoren"), reverse("impact:goals"))]
    return []
