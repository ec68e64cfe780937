"""One audit-read service (kwartier.core.services.access_read_record) for every app."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from kwartier.core.models import AccessAction, AccessLog
from kwartier.core.services import access_read_record


def test_a_signed_in_reader_is_logged_without_content(tenant_a, alice):
    entry = access_read_record(
        reader=alice,
        organisation=tenant_a.organisation,
        object_type="exploration_round",
        object_id=7,
        subject=tenant_a.member,
        detail="results",
    )
    assert entry is not None
    stored = AccessLog.objects.get()
    assert (stored.actor, stored.action, stored.object_type, stored.object_id) == (
        alice,
        AccessAction.READ,
        "exploration_round",
        "7",
    )
    assert (stored.subject, stored.detail, stored.organisation) == (
        tenant_a.member,
        "results",
        tenant_a.organisation,
    )


def test_an_export_is_a_read_with_its_own_action(tenant_a, alice):
    access_read_record(
        reader=alice,
        organisation=tenant_a.organisation,
        object_type="plan_version",
        object_id=1,
        action=AccessAction.EXPORT,
        on_behalf_of="Gemeente",
    )
    stored = AccessLog.objects.get()
    assert (stored.action, stored.on_behalf_of) == (AccessAction.EXPORT, "Gemeente")


def test_a_visitor_who_is_not_signed_in_leaves_no_entry(db):
    assert (
        access_read_record(
            reader=AnonymousUser(), organisation=None, object_type="experience", object_id=1
        )
        is None
    )
    assert not AccessLog.objects.exists()
