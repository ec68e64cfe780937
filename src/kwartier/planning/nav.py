"""Menu entries of the planning capability, by role (see core.context_processors)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from kwartier.core.context_processors import NavItem


def items(request: Any, membership: Any) -> list[NavItem]:
    organisation = membership.organisation
    if request.user.has_perm("planning.read_network_plans", organisation):
        return [NavItem(_("Plannen in het netwerk"), reverse("planning:list"))]
    if request.user.has_perm("planning.view_plans", organisation):
        return [NavItem(_("Kwartiermaakplan"), reverse("planning:list"))]
    return []
