"""On PostgreSQL, split the search table: the stored text stays in
``knowledge_searchentry``, searches read the narrow ``knowledge_searchmatch`` (words and
access keys in one GIN-indexed vector, facet columns), kept in step by a trigger and
filled from the existing rows here (decision 0115). The DDL lives with the backend and is
idempotent, so on a database created after this change it changes nothing."""

from django.db import migrations


def split_search_table(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from kwartier.knowledge.search.postgres_backend import SCHEMA_SQL

    for statement in SCHEMA_SQL:
        schema_editor.execute(statement)


def join_search_table(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from kwartier.knowledge.search.postgres_backend import UNDO_SCHEMA_SQL

    for statement in UNDO_SCHEMA_SQL:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0006_experience_shared_at_index")]

    operations = [migrations.RunPython(split_search_table, join_search_table)]
