"""The PostgreSQL search backend wired through the factory, on the table the migration
creates. Runs when the test database is PostgreSQL (DATABASE_URL)."""

from __future__ import annotations

import pytest
from django.db import connection

from kwartier.knowledge import index, selectors, services
from kwartier.knowledge.search.base import SearchQuery
from tests.knowledge.factories import ExperienceFactory

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs DATABASE_URL pointing at PostgreSQL"
)


@pytest.fixture
def postgres_search(settings):
    settings.SEARCH_BACKEND = "postgres"
    yield
    index._backends.clear()


def test_migration_created_the_search_table(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass('knowledge_searchentry')")
        assert cursor.fetchone()[0] == "knowledge_searchentry"


def test_index_search_and_immediate_removal_on_postgres(postgres_search, tenant_a, tenant_b):
    from kwartier.knowledge.search.postgres_backend import PostgresBackend

    assert isinstance(index.search_backend(), PostgresBackend)
    story = ExperienceFactory(
        organisation=tenant_a.organisation, author=tenant_a.manager, shared=True
    )
    index.index_experiences([story.pk])
    scope_a = selectors.search_scope(user=tenant_a.member)
    scope_b = selectors.search_scope(user=tenant_b.member)
    page = index.search_backend().search(SearchQuery(text="schuld", scope=scope_a))
    assert [hit.id for hit in page.hits] == [str(story.pk)]
    assert index.search_backend().search(SearchQuery(text="schuld", scope=scope_b)).total == 0
    services.experience_withdraw(experience=story, user=tenant_a.manager)
    assert index.search_backend().search(SearchQuery(text="schuld", scope=scope_a)).total == 0
