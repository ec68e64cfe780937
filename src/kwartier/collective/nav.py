"""Menu entry of wij-kennis (see core.context_processors)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from kwartier.core.context_processors import NavItem


def items(request: Any, membership: Any) -> list[NavItem]:
    if request.user.has_perm("collective.view", membership.organisation):
        return [NavItem(_("Wij-kennis"), reverse("collective:home"))]
    return []
