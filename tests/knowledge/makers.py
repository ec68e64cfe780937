"""Objects of one tenant for the generic tenant-isolation test (tests/core)."""

from __future__ import annotations

from tests.knowledge.factories import ExperienceFactory


def _published_experience(tenant) -> int:
    """A story shared with its own organisation, written by the tenant's kwartiermaker,
    so the owner reaches every page of it and another organisation reaches none."""
    return ExperienceFactory(
        organisation=tenant.organisation, author=tenant.manager, shared=True
    ).pk


OBJECT_MAKERS: dict = {"experience_id": _published_experience}
API_OBJECT_MAKERS: dict = {
    "experience": _published_experience,
    "shared-experience": _published_experience,
}
