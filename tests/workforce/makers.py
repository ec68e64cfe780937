"""Objects of one tenant for the generic tenant-isolation test (tests/core)."""

from __future__ import annotations

# ===== vacancies part ======================================================================
from kwartier.workforce.models import SavedSearch
from tests.workforce.vacancy_factories import VacancyFactory, published


def _vacancy(tenant) -> int:
    """A published public vacancy of the tenant, posted by its kwartiermaker."""
    return published(VacancyFactory(organisation=tenant.organisation, created_by=tenant.manager)).pk


def _saved_search(tenant) -> int:
    return SavedSearch.objects.create(user=tenant.manager, name="Bruggenbouwer").pk


OBJECT_MAKERS: dict = {"vacancy_id": _vacancy, "search_id": _saved_search}
API_OBJECT_MAKERS: dict = {"workforce-vacancy": _vacancy}
