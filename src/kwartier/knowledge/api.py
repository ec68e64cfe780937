"""API of the knowledge app: `register(router)` adds its viewsets; `urlpatterns` holds
plain API views that are not viewsets."""

from __future__ import annotations

from rest_framework.routers import BaseRouter

urlpatterns: list = []


def register(router: BaseRouter) -> None:
    return None
