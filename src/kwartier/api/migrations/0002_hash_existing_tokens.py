"""Existing tokens of django-rest-framework's authtoken app keep working: their hash is
copied into ApiToken, and the table that held them in plain text is dropped."""

import hashlib
from datetime import UTC, datetime

from django.db import migrations
from django.utils import timezone


def move_plain_tokens(apps, schema_editor):
    connection = schema_editor.connection
    if "authtoken_token" not in connection.introspection.table_names():
        return
    api_token = apps.get_model("api", "ApiToken")
    with connection.cursor() as cursor:
        cursor.execute("SELECT key, user_id, created FROM authtoken_token")
        rows = cursor.fetchall()
    for key, user_id, created in rows:
        if isinstance(created, datetime) and timezone.is_naive(created):
            created = timezone.make_aware(created, UTC)  # SQLite keeps UTC without a zone
        token = api_token.objects.create(
            user_id=user_id, key_hash=hashlib.sha256(key.encode()).hexdigest()
        )
        api_token.objects.filter(pk=token.pk).update(created_at=created)
    schema_editor.execute(schema_editor.sql_delete_table % {"table": "authtoken_token"})
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM django_migrations WHERE app = %s", ["authtoken"])


class Migration(migrations.Migration):
    dependencies = [("api", "0001_initial")]

    operations = [migrations.RunPython(move_plain_tokens, migrations.RunPython.noop)]
