"""Objects of one tenant for the tenant walker (tests/core/test_tenant_isolation.py).

Codebooks here belong to the tenant's organisation (no network), so another organisation
reaches none of them; codings are of a story shared with the organisation only.
"""

from __future__ import annotations

from tests.collective.factories import (
    code_in,
    codebook_of,
    coding_on,
    insight_in,
    shared_story,
)


def _codebook(tenant) -> int:
    return codebook_of(tenant.organisation, tenant.manager).pk


def _code(tenant) -> int:
    return code_in(codebook_of(tenant.organisation, tenant.manager), tenant.manager).pk


def _coding(tenant) -> int:
    codebook = codebook_of(tenant.organisation, tenant.manager)
    code = code_in(codebook, tenant.manager)
    story = shared_story(tenant.organisation, author=tenant.manager)
    return coding_on(story, code, tenant.manager, tenant.organisation).pk


def _insight(tenant) -> int:
    codebook = codebook_of(tenant.organisation, tenant.manager)
    return insight_in(codebook, tenant.organisation, tenant.manager).pk


OBJECT_MAKERS: dict = {
    "codebook_id": _codebook,
    "code_id": _code,
    "coding_id": _coding,
    "insight_id": _insight,
}
API_OBJECT_MAKERS: dict = {
    "codebook": _codebook,
    "coding": _coding,
    "insight": _insight,
}


# --- privacy: the export format in exchange URLs (decision 0106) ---------------------------
OBJECT_MAKERS["fmt"] = lambda tenant: "qdc"
