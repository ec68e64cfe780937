"""The register of processing activities (AVG art. 30) that the apps fill.

Each app declares, in its ``AppConfig.ready()``, the kinds of personal data it keeps:
whose data, what for, on which legal basis, how long (read from the settings or the
constant that enforces it, at the moment the text is shown), where it is stored, who
sees it and which pages in Kwartier let people use their rights. The privacy notices
and the DPIA starter (``kwartier.trust``) are generated from this register, so a new
kind of data appears there as soon as its app declares it, and the core imports no app.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.functional import Promise

#: A text that may be a lazy translation.
Text = str | Promise


@dataclass(frozen=True)
class RightRoute:
    """A page in Kwartier where someone uses a right (AVG art. 15-21)."""

    right: Text  # e.g. "Inzage", "Intrekken van toestemming"
    label: Text  # what the page does, in plain words
    url_name: str  # a URL name without arguments; "" when the route is a person


@dataclass(frozen=True)
class Processing:
    """One kind of personal data that an app keeps."""

    key: str
    app: str
    name: Text
    subjects: Text
    data: Text
    purpose: Text
    legal_basis: Text
    retention: Callable[[], Text]
    storage: Text
    access: Text
    special_categories: Text = ""
    #: Where the retention is set and enforced (a setting, a constant, a command).
    retention_setting: str = ""
    #: Something the organisation must still decide or check itself (DPIA, notice).
    open_question: Text = ""
    rights: tuple[RightRoute, ...] = field(default_factory=tuple)
    order: int = 100


_register: dict[str, Processing] = {}


def register_processing(*items: Processing) -> None:
    """Declare kinds of personal data (idempotent: a key is registered once)."""
    for item in items:
        _register[item.key] = item


def processing_list() -> list[Processing]:
    """Every declared kind of data, in a stable order."""
    return sorted(_register.values(), key=lambda item: (item.order, item.key))
