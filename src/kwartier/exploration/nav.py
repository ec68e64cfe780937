"""Menu entries of the verkenning, by role (see core.context_processors)."""

from __future__ import annotations

from typing import Any

import rules
from django.urls import reverse
from django.utils.translation import gettext as _

from kwartier.core.context_processors import NavItem


def items(request: Any, membership: Any) -> list[NavItem]:
    user = request.user
    organisation = membership.organisation
    entries = []
    if user.has_perm("exploration.view_rounds", organisation):
        entries.append(NavItem(_("Verkenning"), reverse("exploration:round_list")))
    if user.has_perm("exploration.view_concerns", organisation):
        entries.append(NavItem(_("Zorgenregister"), reverse("exploration:concern_list")))
    # The rule alone: `user.has_perm` without an object would also ask Django's model
    # permissions, two queries on every page for a menu entry only platform admins get.
    if rules.has_perm("exploration.manage_templates", user):
        entries.append(NavItem(_("Scansjablonen"), reverse("exploration:template_list")))
    return entries
