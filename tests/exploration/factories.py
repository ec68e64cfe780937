"""Builders for verkenning data in tests: rounds through the services, responses direct."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta

from django.utils import timezone

from kwartier.accounts.models import Organisation
from kwartier.core.tokens import new_token
from kwartier.exploration import services
from kwartier.exploration.models import Concern, Response, Round
from kwartier.exploration.scoring import Answer

GROUPS = ["werkvloer", "middenkader", "bestuur", "beleid", "ervaringswerkers"]


def make_round(
    organisation: Organisation,
    *,
    title: str = "Verkenning 2026",
    groups: list[str] | None = None,
    anonymous_links: bool = True,
    created_by=None,
) -> Round:
    return services.round_create(
        organisation=organisation,
        template=services.template_ensure_default(),
        title=title,
        deadline=timezone.localdate() + timedelta(days=14),
        groups=groups or GROUPS,
        anonymous_links=anonymous_links,
        created_by=created_by,
    )


def add_responses(
    round_: Round,
    group: str,
    count: int,
    answers: Mapping[str, Answer] | None = None,
    *,
    value: int = 4,
    open_answers: Mapping[str, str] | None = None,
    submitted: bool = True,
) -> list[Response]:
    """``count`` respondents of ``group``; by default everyone answers ``value`` to all."""
    if answers is None:
        answers = {statement.key: value for statement in round_.template.scan.statements}
    return Response.objects.bulk_create(
        Response(
            round=round_,
            group=group,
            answers=dict(answers),
            open_answers=dict(open_answers or {}),
            resume_token_hash=new_token()[1],
            submitted=submitted,
        )
        for _ in range(count)
    )


def close(round_: Round) -> Round:
    """Close without the de-identification job (tests of that job start it themselves)."""
    Round.objects.filter(pk=round_.pk).update(status="closed", closed_at=timezone.now())
    round_.refresh_from_db()
    return round_


def make_concern(organisation: Organisation, **fields) -> Concern:
    return services.concern_create(
        organisation=organisation, title=fields.pop("title", "Zorg"), **fields
    )
