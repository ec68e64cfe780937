from __future__ import annotations

from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone

from kwartier.core.models import AccessLog
from kwartier.core.services import access_log_record


def test_retention_removes_only_expired_access_log_rows(alice, settings):
    settings.ACCESS_LOG_RETENTION_DAYS = 30
    old = access_log_record(actor=alice, action="read", object_type="experience", object_id=1)
    recent = access_log_record(actor=alice, action="read", object_type="experience", object_id=2)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE core_accesslog SET at = %s WHERE id = %s",
            [timezone.now() - timedelta(days=31), old.pk],
        )
    call_command("retention")
    assert list(
        AccessLog.objects.filter(object_type="experience").values_list("pk", flat=True)
    ) == [recent.pk]
