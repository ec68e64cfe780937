"""Objects of one tenant for the generic tenant-isolation test (tests/core)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kwartier.accounts.models import Role
from tests.factories import MembershipFactory, UserFactory
from tests.impact.factories import ContributionFactory, SignalFactory

# ============================== impact section ==============================


def _contribution(tenant: Any) -> int:
    """A contribution of the tenant's kwartiermaker (its own, so every page reaches it)."""
    return ContributionFactory(organisation=tenant.organisation, author=tenant.manager).pk


def _signal(tenant: Any) -> int:
    """A signal raised by an ervaringswerker of the tenant, owned by its kwartiermaker (so
    the owner's pages answer them, and another organisation gets 404)."""
    worker = UserFactory()
    MembershipFactory(user=worker, organisation=tenant.organisation, role=Role.EXPERIENCE_WORKER)
    return SignalFactory(
        organisation=tenant.organisation, raised_by=worker, owner=tenant.manager
    ).pk


OBJECT_MAKERS: dict[str, Callable[[Any], Any]] = {
    "contribution_id": _contribution,
    "signal_id": _signal,
}
API_OBJECT_MAKERS: dict[str, Callable[[Any], Any]] = {
    "impact-contribution": _contribution,
    "impact-signal": _signal,
}

# ============================== results section ==============================
