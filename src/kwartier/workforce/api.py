"""API of the workforce app (Inzet), under /api/workforce/."""

from __future__ import annotations

from typing import Any

from rest_framework.routers import BaseRouter

from kwartier.workforce import allowance_api

urlpatterns: list[Any] = [
    # ===== allowance part =====
    *allowance_api.urlpatterns,
    # ===== end of the allowance part =====
]


def register(router: BaseRouter) -> None:
    return None
