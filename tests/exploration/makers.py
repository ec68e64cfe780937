"""Objects of one tenant for the generic tenant-isolation test (tests/core)."""

from __future__ import annotations

from tests.exploration.factories import add_responses, make_concern, make_round


def _round_with_results(tenant):
    round_ = make_round(tenant.organisation, created_by=tenant.manager)
    add_responses(round_, "werkvloer", 5)
    return round_


OBJECT_MAKERS: dict = {
    "round_id": lambda tenant: _round_with_results(tenant).pk,
    "concern_id": lambda tenant: make_concern(tenant.organisation).pk,
}
API_OBJECT_MAKERS: dict = {
    "exploration-round": lambda tenant: _round_with_results(tenant).pk,
}
