"""On PostgreSQL, the search change log: a trigger on ``knowledge_searchentry`` writes the
id of every changed row with its transaction's id, so each web node's Tantivy copy can
catch up before a search (decision 0123). The DDL lives with the replica and is
idempotent."""

from django.db import migrations


def create_log(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from kwartier.knowledge.search.replica import LOG_SCHEMA_SQL

    for statement in LOG_SCHEMA_SQL:
        schema_editor.execute(statement)


def drop_log(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from kwartier.knowledge.search.replica import DROP_LOG_SQL

    for statement in DROP_LOG_SQL:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0008_experience_reach_index")]

    operations = [migrations.RunPython(create_log, drop_log)]
