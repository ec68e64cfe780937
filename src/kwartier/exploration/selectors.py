"""Reads of the verkenning. Tenant data is always read through an organisation (or the
acting user); public respondent links are looked up by the hash of their token.

Contract with the planning app: :func:`weak_themes_latest` and :func:`has_exploration`.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter, OrderedDict
from dataclasses import dataclass, replace
from datetime import datetime
from threading import Lock
from typing import TYPE_CHECKING

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from kwartier.core.tokens import hash_token
from kwartier.exploration.disclosure import (
    MIN_GROUP_SIZE,
    Publication,
    publication_from_state,
    publication_to_state,
    safe_step,
)
from kwartier.exploration.models import (
    Concern,
    PublishedState,
    Response,
    Round,
    RoundGroup,
    RoundInvitation,
    RoundStatus,
    TemplateVersion,
)
from kwartier.exploration.rules import READING_ROLES
from kwartier.exploration.scoring import Response as ScoredResponse
from kwartier.exploration.scoring import (
    ScanResults,
    results_from_state,
    score_round,
    theme_changes,
)

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


@dataclass(frozen=True)
class RoundResults:
    """The published figures of a round and what the page says about them.

    ``results`` is what every output shows (page, heat map, PDF, CSV, XLSX, API): the
    last published state. ``submitted`` counts the lists handed in now; ``waiting`` how
    many of them are not in the figures yet; ``next_after`` how many more lists bring the
    next tussenstand (open rounds).
    """

    results: ScanResults
    published: bool
    final: bool
    published_at: datetime | None
    submitted: int
    waiting: int
    next_after: int


def tussenstand_step(covered: int) -> int:
    """How many more lists the next tussenstand needs: five, or a fifth of what the last
    one counted in a large round, so a round has few states to check against."""
    return max(MIN_GROUP_SIZE, covered // 5)


def published_states(*, round: Round) -> list[PublishedState]:
    return list(PublishedState.objects.filter(round=round).order_by("number"))


def _history(states: list[PublishedState]) -> dict[str, list[Publication]]:
    history: dict[str, list[Publication]] = {}
    for state in states:
        for key, data in state.disclosure.items():
            history.setdefault(key, []).append(publication_from_state(data))
    return history


def _current_sizes(round: Round, responses: list[ScoredResponse]) -> dict[str, Publication]:
    """Per statement the group sizes now (no release decided: cheap)."""
    counted = score_round(
        round.template.scan, responses, groups=round.groups, protect_remainder=False
    )
    return counted.publications


def step_is_safe(*, round: Round, states: list[PublishedState]) -> bool:
    """Whether the lists handed in since the last state may be published next to it:
    per statement nobody or at least five new answerers and opinions (decision 0012)."""
    if not states:
        return True
    last = states[-1].disclosure
    now = _current_sizes(round, _submitted_responses(round))
    return all(
        safe_step(publication_from_state(last[key]).sizes, publication.sizes)
        for key, publication in now.items()
        if key in last
    )


# Scoring with the disclosure checks costs 50 to 150 ms of CPU, and a closed round without
# a final state (older data, the demo) is scored on every view of its results, of the next
# round's results and of the plan page (decision 0118). The kernel is a pure function, so
# its result is remembered per process under a digest of everything it is given: the
# template, the groups, the earlier publications and every submitted answer with its
# group. Any change to those (a late list, an erased response, a new tussenstand) is
# another key; nothing has to be invalidated.
_SCORED_SIZE = 64
_scored_memory: OrderedDict[str, ScanResults] = OrderedDict()
_scored_lock = Lock()


def _scored(
    *, round: Round, responses: list[ScoredResponse], states: list[PublishedState], final: bool
) -> ScanResults:
    inputs = [
        round.template.pk,
        round.template.content,
        list(round.groups),
        [[state.pk, state.disclosure] for state in states],
        final,
        [[response.group, response.answers] for response in responses],
    ]
    key = hashlib.sha256(
        json.dumps(inputs, sort_keys=True, separators=(",", ":"), default=str).encode()
    ).hexdigest()
    with _scored_lock:
        remembered = _scored_memory.get(key)
        if remembered is not None:
            _scored_memory.move_to_end(key)
    if remembered is None:
        remembered = score_round(
            round.template.scan,
            responses,
            groups=round.groups,
            history=_history(states),
            breakdown=final,
        )
        with _scored_lock:
            _scored_memory[key] = remembered
            while len(_scored_memory) > _SCORED_SIZE:
                _scored_memory.popitem(last=False)
    # The results are frozen but hold two dicts: a caller changing one of those must not
    # change the remembered results (everything inside them is frozen).
    return replace(
        remembered, groups=dict(remembered.groups), publications=dict(remembered.publications)
    )


def round_publication(
    *, round: Round, states: list[PublishedState], final: bool
) -> tuple[ScanResults, int, dict[str, object]]:
    """What a new publication of the round would show now, checked against every earlier
    state: the figures, how many lists they cover, and the disclosure record to store.

    A tussenstand (``final=False``) shows totals only. The final figures show the groups
    too; but when the lists that came in after the last tussenstand are, for some
    statement, one to four people, any new total would differ from the tussenstand by
    those few: then the final figures stay those of the last tussenstand and those lists
    are not counted (the close page warns, the results page says so).
    """
    responses = _submitted_responses(round)
    if final and states and not step_is_safe(round=round, states=states):
        last = states[-1]
        return results_from_state(last.results), last.respondents, dict(last.disclosure)
    results = _scored(round=round, responses=responses, states=states, final=final)
    disclosure: dict[str, object] = {
        key: publication_to_state(publication) for key, publication in results.publications.items()
    }
    return results, len(responses), disclosure


def _empty(round: Round) -> ScanResults:
    return score_round(round.template.scan, [], groups=round.groups)


def _previous_scores(round: Round) -> dict[str, float | None] | None:
    previous = round_previous(round=round)
    if previous is None:
        return None
    published = round_results(round=previous, with_previous=False).results
    return {theme.key: theme.score for theme in published.themes}


def round_results(*, round: Round, with_previous: bool = True) -> RoundResults:
    """The one source of a round's published figures (issue 16 and decision 0012).

    Open round: the last tussenstand (totals only), or nothing before five lists.
    Closed round: the final state; a round closed without one (older data, the demo) is
    computed now, against its tussenstanden.
    """
    states = published_states(round=round)
    submitted = Response.objects.filter(round=round, submitted=True).count()
    final_state = next((s for s in states if s.final), None)
    shown_state = final_state or (states[-1] if states else None)
    if shown_state is not None:
        results = results_from_state(shown_state.results)
        covered = shown_state.respondents
    elif not round.is_open:
        results, covered, _disclosure = round_publication(round=round, states=states, final=True)
    else:
        results, covered = _empty(round), 0
    if with_previous and (shown_state is not None or not round.is_open):
        results = replace(results, changes=theme_changes(results.themes, _previous_scores(round)))
    published = shown_state is not None or not round.is_open
    return RoundResults(
        results=results,
        published=published,
        final=not round.is_open,
        published_at=shown_state.published_at if shown_state is not None else None,
        submitted=submitted,
        waiting=max(0, submitted - covered),
        next_after=max(0, covered + tussenstand_step(covered) - submitted) if round.is_open else 0,
    )


def round_score(*, round: Round, with_previous: bool = True) -> ScanResults:
    """The round's published figures (see :func:`round_results`)."""
    return round_results(round=round, with_previous=with_previous).results


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
    # EXISTS rather than a join and DISTINCT: DISTINCT compared every column of round and
    # template (the template's JSON content too) for every submitted response.
    with_results = Response.objects.filter(round=OuterRef("pk"), submitted=True)
    latest = (
        closed.filter(Exists(with_results))
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
