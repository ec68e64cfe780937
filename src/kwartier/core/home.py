"""The overview on the home page: what needs the user now and the few figures that matter.

The core imports no capability app, so each app brings its own panels: it registers a
provider in its ``AppConfig.ready()`` (``register_home_panel(home.panels)``), the same way
menu entries are registered (``register_nav``). A provider takes the request and the
acting membership and returns the panels for that user's role, read through the app's own
tenant-scoped selectors. Providers keep to a few count queries: the home page is the
first page everyone sees.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest


@dataclass(frozen=True)
class Figure:
    """One number with what it counts, e.g. ``Figure("Open rondes", 2)``. ``value`` is
    shown as given (a count, a percentage, "–"); ``url`` links the label when set."""

    label: str
    value: int | float | str
    url: str = ""
    note: str = ""


@dataclass(frozen=True)
class AttentionItem:
    """Something the user should act on, with where to do it."""

    text: str
    url: str = ""


@dataclass(frozen=True)
class HomePanel:
    """One block of the overview. Every part is optional: a panel with only figures, or
    only a to-do list, is fine. ``order`` sorts the panels across apps (lower first);
    ``empty_text`` is shown when there are neither figures nor items (a new organisation)."""

    title: str
    figures: tuple[Figure, ...] = ()
    attention: tuple[AttentionItem, ...] = ()
    order: int = 100
    empty_text: str = ""
    link_url: str = ""
    link_label: str = ""

    @property
    def is_empty(self) -> bool:
        return not self.figures and not self.attention


#: A capability's panels for the request's user and acting membership.
HomePanelProvider = Callable[[HttpRequest, Any], Sequence[HomePanel]]

_providers: list[HomePanelProvider] = []


def register_home_panel(provider: HomePanelProvider) -> None:
    """Add a capability's panels to the home page (idempotent)."""
    if provider not in _providers:
        _providers.append(provider)


def home_panels(request: HttpRequest, membership: Any) -> list[HomePanel]:
    """Every registered provider's panels, sorted by ``order`` (stable: apps in
    INSTALLED_APPS order within the same order)."""
    if membership is None:
        return []
    panels: list[HomePanel] = []
    for provider in _providers:
        panels.extend(provider(request, membership))
    return sorted(panels, key=lambda panel: panel.order)
