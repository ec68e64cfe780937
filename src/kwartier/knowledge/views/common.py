"""What the knowledge bank's pages share: the author's own story or 404, and logged reads."""

from __future__ import annotations

from typing import Any

from kwartier.core.http import AuthedRequest
from kwartier.core.shortcuts import get_or_404
from kwartier.knowledge import selectors, services
from kwartier.knowledge.models import (
    Experience,
)

PER_PAGE = 10


def membership(request: AuthedRequest) -> Any:
    return request.membership


def own_or_404(request: AuthedRequest, experience_id: int) -> Experience:
    return get_or_404(
        selectors.experience_get_own,
        user=request.user,
        organisation=membership(request).organisation,
        experience_id=experience_id,
    )


def can_write(request: AuthedRequest) -> bool:
    return request.user.has_perm("knowledge.write_experience", membership(request).organisation)


def record_read_of_original(request: AuthedRequest, experience: Experience) -> None:
    """A recorder reading the original of someone else's story is a read to log too."""
    services.experience_read_record(
        experience=experience,
        reader=request.user,
        organisation=membership(request).organisation,
        via="eigen verhaal",
    )
