"""What every page's shell needs: the navigation for the user's role and the
organisations they can switch between."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str

    def is_current(self, path: str) -> bool:
        return path == self.url or (self.url != "/" and path.startswith(self.url))


#: A capability's menu entries for the request's user and acting membership.
NavProvider = Callable[[HttpRequest, Any], list[NavItem]]

_nav_providers: list[NavProvider] = []


def register_nav(provider: NavProvider) -> None:
    """Add a capability's menu entries. Each capability app registers its `nav.items` in
    its `AppConfig.ready()`, so they appear in INSTALLED_APPS order and the core imports
    no app above it."""
    if provider not in _nav_providers:
        _nav_providers.append(provider)


def _navigation(request: HttpRequest) -> list[NavItem]:
    user = request.user
    membership = getattr(request, "membership", None)
    if not user.is_authenticated:
        return []
    items = [NavItem(str(_("Overzicht")), reverse("core:home"))]
    if membership:
        organisation = membership.organisation
        items.append(NavItem(str(_("Organisatie")), reverse("accounts:organisation")))
        items.append(NavItem(str(_("Teams")), reverse("accounts:teams")))
        items.append(NavItem(str(_("Leden")), reverse("accounts:members")))
        if user.has_perm("accounts.manage_members", organisation):
            items.append(NavItem(str(_("Uitnodigingen")), reverse("accounts:invitations")))
        if user.has_perm("accounts.view_audit_log", organisation):
            items.append(NavItem(str(_("Auditlog")), reverse("accounts:audit_log")))
        for provider in _nav_providers:
            items.extend(provider(request, membership))
    if getattr(user, "is_platform_admin", False):  # signed in, so an accounts.User
        items.append(NavItem(str(_("Platformbeheer")), reverse("platform:organisations")))
        items.append(NavItem(str(_("Scansjablonen")), reverse("exploration:template_list")))
    return items


def shell(request: HttpRequest) -> dict[str, Any]:
    user = request.user
    if not user.is_authenticated:
        return {"nav_items": [], "switchable_memberships": []}
    return {
        "nav_items": _navigation(request),
        "switchable_memberships": list(getattr(request, "memberships", [])),
    }
