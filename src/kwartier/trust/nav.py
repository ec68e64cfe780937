"""Menu entry of Toegankelijkheid en privacy (see core.context_processors)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from kwartier.core.context_processors import NavItem


def items(request: Any, membership: Any) -> list[NavItem]:
    if request.user.has_perm("trust.view_dpia", membership.organisation):
        return [NavItem(_("Privacy en DPIA"), reverse("trust:dpia"))]
    return []
