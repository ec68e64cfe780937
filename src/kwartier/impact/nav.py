"""Menu entries of Resultaten, by role (see core.context_processors)."""

from __future__ import annotations

from typing import Any

from kwartier.core.context_processors import NavItem


def items(request: Any, membership: Any) -> list[NavItem]:
    # The pages arrive in the next commits.
    return []
