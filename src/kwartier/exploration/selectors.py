"""Reads of the verkenning. Tenant data is always read through an organisation (or the
acting user); public respondent links are looked up by the hash of their token.

Contract with the planning app: :func:`weak_themes_latest` and :func:`has_exploration`.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from django.db.models import Count, Q, QuerySet

from kwartier.core.tokens import hash_token
from kwartier.exploration.models import (
    Concern,
    Response,
    Round,
    RoundGroup,
    RoundInvitation,
    RoundStatus,
    TemplateVersion,
)
from kwartier.exploration.rules import READING_ROLES
from kwartier.exploration.scoring import Response as ScoredResponse
from kwartier.exploration.scoring import ScanResults, score_round

if TYPE_CHECKING:
    from kwartier.accounts.models import Organisation, User


# --- Templates ----------------------------------------------------------------------------


def template_latest_list() -> list[TemplateVersion]:
    """The newest version of every template key."""
    latest: dict[str, TemplateVersion] = {}
    for template in TemplateVersion.objects.order_by("key", "-version"):
        latest.setdefault(template.key, template)
    return list(latest.values())


def template_versions(*, key: str) -> QuerySet[TemplateVersion]:
    return TemplateVersion.objects.filter(key=key).select_related("created_by")


def template_get(*, key: str, version: int | None = None) -> TemplateVersion:
    """A version of a template, the newest when no version is given."""
    versions = template_versions(key=key)
    if version is None:
        template = versions.order_by("-version").first()
        if template is None:
            raise TemplateVersion.DoesNotExist
        return template
    return versions.get(version=version)


# --- Rounds -------------------------------------------------------------------------------


def round_list(*, organisation: Organisation) -> QuerySet[Round]:
    return (
        Round.objects.filter(organisation=organisation)
        .select_related("template")
        .annotate(respondents=Count("responses", filter=Q(responses__submitted=True)))
        .order_by("-created_at", "-pk")  # Meta.ordering does not survive the annotation
    )


def round_get(*, organisation: Organisation, round_id: int) -> Round:
    return (
        Round.objects.select_related("template", "organisation", "deid_job")
        .filter(organisation=organisation)
        .get(pk=round_id)
    )


def round_list_visible_to(*, user: User) -> QuerySet[Round]:
    """Rounds of every organisation where the user may read results (the API's scope)."""
    return (
        Round.objects.filter(
            organisation__memberships__user=user,
            organisation__memberships__role__in=READING_ROLES,
        )
        .distinct()
        .select_related("template", "organisation")
        .annotate(respondents=Count("responses", filter=Q(responses__submitted=True)))
        .order_by("-created_at", "-pk")
    )


def round_groups(*, round: Round) -> list[RoundGroup]:
    return list(RoundGroup.objects.filter(round=round))


def _count_by_group(queryset: QuerySet[RoundInvitation] | QuerySet[Response]) -> Counter[str]:
    rows = queryset.order_by().values("group").annotate(n=Count("pk")).values_list("group", "n")
    return Counter(dict(rows))


def round_response_overview(*, round: Round) -> list[dict[str, object]]:
    """Per group: invitations sent and used, answer lists started and submitted."""
    invitations = RoundInvitation.objects.filter(round=round)
    responses = Response.objects.filter(round=round)
    invited = _count_by_group(invitations)
    used = _count_by_group(invitations.filter(used=True))
    started = _count_by_group(responses)
    submitted = _count_by_group(responses.filter(submitted=True))
    return [
        {
            "key": group,
            "label": round.group_label(group),
            "invited": invited[group],
            "invitations_used": used[group],
            "started": started[group],
            "submitted": submitted[group],
        }
        for group in round.groups
    ]


def round_previous(*, round: Round) -> Round | None:
    """The organisation's closed round before this one, on the same template."""
    return (
        Round.objects.filter(
            organisation_id=round.organisation_id,
            status=RoundStatus.CLOSED,
            template__key=round.template.key,
            created_at__lt=round.created_at,
        )
        .exclude(pk=round.pk)
        .select_related("template")
        .order_by("-created_at")
        .first()
    )


def _submitted_responses(round: Round) -> list[ScoredResponse]:
    return [
        ScoredResponse(group=group, answers=answers)
        for group, answers in Response.objects.filter(round=round, submitted=True).values_list(
            "group", "answers"
        )
    ]


def round_score(*, round: Round, with_previous: bool = True) -> ScanResults:
    """The round's results. Groups under five respondents get no breakdown; the
    remainder is not protected further (decision 0010)."""
    previous = round_previous(round=round) if with_previous else None
    previous_scores = None
    if previous is not None:
        previous_results = round_score(round=previous, with_previous=False)
        previous_scores = {theme.key: theme.score for theme in previous_results.themes}
    return score_round(
        round.template.scan,
        _submitted_responses(round),
        groups=round.groups,
        previous=previous_scores,
        protect_remainder=False,
    )


def round_open_answers(*, round: Round) -> dict[str, list[str]]:
    """De-identified open answers per question, sorted so their order reveals nothing.

    Raw answers are never returned: until the job has run there is nothing to show.
    """
    by_question: dict[str, list[str]] = {q.key: [] for q in round.template.scan.open_questions}
    cleaned = Response.objects.filter(
        round=round, submitted=True, open_answers_clean__isnull=False
    ).values_list("open_answers_clean", flat=True)
    for answers in cleaned:
        for key, text in (answers or {}).items():
            if text and key in by_question:
                by_question[key].append(text)
    return {key: sorted(texts, key=str.casefold) for key, texts in by_question.items()}


# --- Respondent links ---------------------------------------------------------------------


def invitation_by_token(*, token: str) -> RoundInvitation | None:
    return (
        RoundInvitation.objects.select_related("round__template", "round__organisation")
        .filter(token_hash=hash_token(token))
        .first()
    )


def round_group_by_link(*, token: str) -> RoundGroup | None:
    if not token:
        return None
    return (
        RoundGroup.objects.select_related("round__template", "round__organisation")
        .filter(link_token=token)
        .first()
    )


def response_by_resume_token(*, token: str) -> Response | None:
    return (
        Response.objects.select_related("round__template", "round__organisation")
        .filter(resume_token_hash=hash_token(token))
        .first()
    )


# --- Concerns -----------------------------------------------------------------------------


def concern_list(*, organisation: Organisation) -> QuerySet[Concern]:
    return (
        Concern.objects.filter(organisation=organisation)
        .select_related("owner", "round")
        .order_by("-updated_at", "-pk")
    )


def concern_get(*, organisation: Organisation, concern_id: int) -> Concern:
    return concern_list(organisation=organisation).get(pk=concern_id)


# --- Contract with the planning app -------------------------------------------------------


def has_exploration(*, organisation: Organisation) -> bool:
    """Whether the organisation has started at least one verkenning round (any status)."""
    return Round.objects.filter(organisation=organisation).exists()


def weak_themes_latest(*, organisation: Organisation) -> list[tuple[str, str, float]]:
    """(theme key, theme name, score) of the weak themes (score < 50), weakest first, of
    the organisation's most recent closed round with results; [] when there is none."""
    closed = Round.objects.filter(organisation=organisation, status=RoundStatus.CLOSED)
    latest = (
        closed.filter(responses__submitted=True)
        .distinct()
        .select_related("template")
        .order_by("-closed_at", "-pk")
        .first()
    )
    if latest is None:
        return []
    results = round_score(round=latest, with_previous=False)
    names = {theme.key: theme.name for theme in results.themes}
    scores = {theme.key: theme.score for theme in results.themes}
    return [(key, names[key], float(scores[key] or 0.0)) for key in results.weak_themes]
