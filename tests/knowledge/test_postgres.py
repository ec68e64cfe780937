"""The PostgreSQL search backend wired through the factory, on the table the migration
creates. Runs when the test database is PostgreSQL (DATABASE_URL)."""

from __future__ import annotations

import pytest
from django.db import connection

from kwartier.knowledge import backend, index, selectors, services
from kwartier.knowledge.search.base import SearchQuery
from tests.knowledge.factories import ExperienceFactory

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs DATABASE_URL pointing at PostgreSQL"
)


@pytest.fixture
def postgres_search(settings):
    settings.SEARCH_BACKEND = "postgres"
    yield
    backend._backends.clear()


def test_migration_created_the_search_table(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass('knowledge_searchentry')")
        assert cursor.fetchone()[0] == "knowledge_searchentry"


@pytest.mark.parametrize("replica", ["tantivy", "off"])
def test_index_search_and_immediate_removal_on_postgres(
    postgres_search, settings, replica, tenant_a, tenant_b
):
    """In the test's transaction (uncommitted), so with a replica PostgreSQL answers."""
    from kwartier.knowledge.search.postgres_backend import PostgresBackend
    from kwartier.knowledge.search.replica import ReplicatedBackend

    settings.SEARCH_REPLICA = replica
    expected = ReplicatedBackend if replica == "tantivy" else PostgresBackend
    assert isinstance(index.search_backend(), expected)
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


def test_two_parallel_publish_requests_write_one_consent(transactional_db, tenant_a):
    """A double click on "Delen": two requests at the same moment, each on its own
    database connection. The story is locked and the consent is unique per preview, so
    one consent record is written and both requests end well."""
    import re
    import threading

    from django.db import connections
    from django.test import Client
    from django.urls import reverse

    from kwartier.accounts.models import Role
    from kwartier.knowledge.models import ConsentRecord
    from tests.conftest import login
    from tests.factories import MembershipFactory, UserFactory
    from tests.knowledge.test_concurrency import in_review

    writer = UserFactory(email="sam@alfa.example.nl")
    MembershipFactory(user=writer, organisation=tenant_a.organisation, role=Role.EXPERIENCE_WORKER)
    experience = in_review(tenant_a.organisation, writer)
    url = reverse("knowledge:publish", args=[experience.pk])
    clients = [login(Client(), writer), login(Client(), writer)]
    body = clients[0].get(url).content.decode()
    found = re.search(r'name="preview_hash" value="([0-9a-f]{64})"', body)
    preview_hash = found.group(1) if found else ""
    form = {
        "visibility": "organisation",
        "purposes": ["kennis"],
        "consent": "on",
        "preview_hash": preview_hash,
    }
    start = threading.Barrier(2)
    statuses: list[int] = []

    def click(client: Client) -> None:
        try:
            start.wait()
            statuses.append(client.post(url, form).status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=click, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [302, 302]
    assert ConsentRecord.objects.filter(experience=experience, kind="publication").count() == 1


def test_a_committed_withdrawal_is_gone_from_this_nodes_copy_at_once(
    postgres_search, transactional_db, tenant_a, tenant_b, settings
):
    """Committed writes: the node's Tantivy copy answers, caught up before each search."""
    from kwartier.knowledge.search.replica import ReplicatedBackend

    index.search_backend().clear()  # the raw table outlives other transactional tests
    story = ExperienceFactory(
        organisation=tenant_a.organisation, author=tenant_a.manager, shared=True
    )
    index.index_experiences([story.pk])
    search = index.search_backend()
    assert isinstance(search, ReplicatedBackend)
    scope_a = selectors.search_scope(user=tenant_a.member)
    scope_b = selectors.search_scope(user=tenant_b.member)
    assert [h.id for h in search.search(SearchQuery(text="schuld", scope=scope_a)).hits] == [
        str(story.pk)
    ]
    assert search.search(SearchQuery(text="schuld", scope=scope_b)).total == 0
    services.experience_withdraw(experience=story, user=tenant_a.manager)
    assert search.search(SearchQuery(text="schuld", scope=scope_a)).total == 0
    assert search.answered_by_replica == 3 and search.answered_by_primary == 0
    assert index.drift().clean  # reindex --check reads this node's copy
    assert (settings.SEARCH_REPLICA_DIR / "state.json").exists()


def test_reindex_kopie_rebuilds_this_nodes_copy_and_refuses_without_one(
    postgres_search, transactional_db, tenant_a, settings
):
    import io

    from django.core.management import CommandError, call_command

    index.search_backend().clear()
    story = ExperienceFactory(organisation=tenant_a.organisation, shared=True)
    index.index_experiences([story.pk])
    out = io.StringIO()
    call_command("reindex", kopie=True, stdout=out, stderr=io.StringIO())
    assert "bijgewerkt" in out.getvalue()
    assert index.search_backend().rebuilds == 1
    assert index.search_backend().fingerprints().keys() == {str(story.pk)}
    settings.SEARCH_REPLICA = "off"
    with pytest.raises(CommandError, match="geen kopie"):
        call_command("reindex", kopie=True, stdout=io.StringIO(), stderr=io.StringIO())


def test_the_daily_prune_keeps_a_week_of_the_change_log(postgres_search, db, tenant_a):
    from django.utils import timezone

    from kwartier.core.schedule import registered
    from kwartier.knowledge import tasks

    story = ExperienceFactory(organisation=tenant_a.organisation, shared=True)
    index.index_experiences([story.pk])
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM knowledge_searchlog WHERE entry_id = %s", [str(story.pk)]
        )
        assert cursor.fetchone()[0] == 1
        cursor.execute(
            "UPDATE knowledge_searchlog SET created_at = %s WHERE entry_id = %s",
            [timezone.now() - timezone.timedelta(days=8), str(story.pk)],
        )
    assert index.prune_change_log() >= 1
    assert index.prune_change_log() == 0
    tasks.prune_search_log.call()  # the daily job itself
    assert "knowledge.search_log_prune" in {periodic.name for periodic in registered()}
