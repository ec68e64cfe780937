"""Every read of wij-kennis, scoped to the organisation a user acts for.

A codebook is reachable from its own organisation, or — for a network codebook — from
every organisation in that network. Coded fragments are only ever shown of stories the
reader may read under the kennisbank's visibility rule (`knowledge.public`): the story
ids are filtered inside every query. Drafts of insights are for the coders; other
members see published insights only.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from kwartier.accounts.models import Organisation
from kwartier.accounts.tenancy import network_ids_of
from kwartier.collective import agreement
from kwartier.collective.models import (
    Code,
    Codebook,
    CodeChange,
    Coding,
    CodingStatus,
    Evidence,
    Insight,
    InsightStatus,
    Memo,
    SelfSignification,
    Stance,
)
from kwartier.collective.publish_rule import Fragment, RuleResult, check
from kwartier.collective.rules import can_code
from kwartier.knowledge import public as knowledge


def _codebook_scope(organisation: Organisation) -> Q:
    networks = network_ids_of([organisation.pk])
    return Q(organisation=organisation) | Q(network_id__in=list(networks))


def codebook_list(*, organisation: Organisation) -> QuerySet[Codebook]:
    return (
        Codebook.objects.filter(_codebook_scope(organisation))
        .select_related("organisation", "network")
        .annotate(code_count=Count("codes", distinct=True))
        .order_by("name", "pk")
    )


def codebook_get(*, organisation: Organisation, codebook_id: int) -> Codebook:
    return codebook_list(organisation=organisation).get(pk=codebook_id)


def code_list(*, codebook: Codebook, active_only: bool = False) -> list[Code]:
    codes = codebook.codes.select_related("parent", "merged_into").order_by("name", "pk")
    if active_only:
        codes = codes.filter(retired_at__isnull=True, merged_into__isnull=True)
    return list(codes)


@dataclass(frozen=True)
class TreeRow:
    code: Code
    depth: int


def code_tree(*, codebook: Codebook, active_only: bool = False) -> list[TreeRow]:
    """The codes depth-first, children under their parent, alphabetical per level."""
    codes = code_list(codebook=codebook, active_only=active_only)
    ids = {c.pk for c in codes}
    children: dict[int | None, list[Code]] = defaultdict(list)
    for code in codes:
        parent = code.parent_id if code.parent_id in ids else None
        children[parent].append(code)
    rows: list[TreeRow] = []
    seen: set[int] = set()

    def walk(parent: int | None, depth: int) -> None:
        for code in children.get(parent, []):
            if code.pk in seen:
                continue
            seen.add(code.pk)
            rows.append(TreeRow(code, depth))
            walk(code.pk, depth + 1)

    walk(None, 0)
    return rows


def code_get(*, organisation: Organisation, code_id: int) -> Code:
    return Code.objects.select_related("codebook", "parent", "merged_into").get(
        Q(codebook__in=codebook_list(organisation=organisation)), pk=code_id
    )


def code_history(*, codebook: Codebook) -> QuerySet[CodeChange]:
    return CodeChange.objects.filter(code__codebook=codebook).select_related("code", "by")


def last_undoable_change(*, codebook: Codebook) -> CodeChange | None:
    return (
        code_history(codebook=codebook)
        .filter(undone_at__isnull=True)
        .exclude(kind="undone")
        .order_by("-at", "-pk")
        .first()
    )


# --- coded fragments ------------------------------------------------------------------------


def coding_list(
    *, user: Any, organisation: Organisation, codebook: Codebook | None = None
) -> QuerySet[Coding]:
    """Codings in the reachable codebooks, of stories the user may read."""
    codebooks = (
        [codebook] if codebook is not None else list(codebook_list(organisation=organisation))
    )
    return (
        Coding.objects.filter(
            code__codebook__in=codebooks,
            experience_id__in=list(knowledge.shared_story_ids(user=user)),
        )
        .select_related("code", "coder", "code__codebook")
        .order_by("experience_id", "start", "end", "pk")
    )


def coding_get(*, user: Any, organisation: Organisation, coding_id: int) -> Coding:
    return coding_list(user=user, organisation=organisation).get(pk=coding_id)


def codings_of_story(*, codebook: Codebook, experience_id: int) -> QuerySet[Coding]:
    return (
        Coding.objects.filter(code__codebook=codebook, experience_id=experience_id)
        .select_related("code", "coder")
        .prefetch_related("memos")
        .order_by("start", "end", "pk")
    )


def memos_of_story(*, experience_id: int, organisation: Organisation) -> QuerySet[Memo]:
    return Memo.objects.filter(
        experience_id=experience_id, organisation__in=_memo_organisations(organisation)
    ).select_related("author")


def memos_of_code(*, code: Code) -> QuerySet[Memo]:
    return code.memos.select_related("author")


def _memo_organisations(organisation: Organisation) -> QuerySet[Organisation]:
    networks = network_ids_of([organisation.pk])
    return Organisation.objects.filter(Q(pk=organisation.pk) | Q(networks__in=list(networks)))


def self_signification(*, experience_id: int) -> SelfSignification | None:
    return SelfSignification.objects.filter(experience_id=experience_id).first()


# --- agreement ------------------------------------------------------------------------------


@dataclass(frozen=True)
class AgreementRow:
    code: Code
    result: agreement.CodeAgreement


@dataclass(frozen=True)
class AgreementReport:
    coders: list[str]
    stories: int
    rows: list[AgreementRow]


def agreement_report(
    *, user: Any, organisation: Organisation, codebook: Codebook
) -> AgreementReport:
    """Kappa/alpha per active code over the stories coded by two or more coders."""
    coded: dict[str, dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
    names: dict[str, str] = {}
    for coding in coding_list(user=user, organisation=organisation, codebook=codebook):
        key = str(coding.coder_id)
        names[key] = coding.coder.full_name or coding.coder.email
        coded[key][coding.experience_id].add(str(coding.code_id))
    frozen = {c: {s: frozenset(v) for s, v in stories.items()} for c, stories in coded.items()}
    stories = {s for stories in frozen.values() for s in stories}
    shared = {s for s in stories if sum(s in frozen[c] for c in frozen) >= 2}
    rows = []
    if len(frozen) >= 2:
        for code in code_list(codebook=codebook, active_only=True):
            rows.append(AgreementRow(code, agreement.code_agreement(frozen, str(code.pk))))
    return AgreementReport(coders=sorted(names.values()), stories=len(shared), rows=rows)


# --- insights -------------------------------------------------------------------------------


def insight_list(*, user: Any, organisation: Organisation) -> QuerySet[Insight]:
    insights = Insight.objects.filter(codebook__in=codebook_list(organisation=organisation))
    if not can_code(user, organisation):
        insights = insights.filter(status=InsightStatus.PUBLISHED)
    return insights.select_related("codebook", "code", "created_by", "reviewed_by").order_by(
        "-published_at", "-created_at", "-pk"
    )


def insight_get(*, user: Any, organisation: Organisation, insight_id: int) -> Insight:
    return insight_list(user=user, organisation=organisation).get(pk=insight_id)


def evidence_list(*, user: Any, insight: Insight) -> list[Evidence]:
    """The evidence the user may read (fragments of stories they may read)."""
    readable = knowledge.shared_story_ids(user=user)
    return [
        e
        for e in insight.evidence.select_related("coding", "coding__code", "coding__coder")
        if e.coding.experience_id in readable
    ]


def rule_fragments(insight: Insight) -> list[Fragment]:
    return [
        Fragment(
            fragment_id=e.coding_id,
            teller=e.coding.teller_key or f"verhaal:{e.coding.experience_id}",
            supports=e.stance == Stance.SUPPORTS,
            valid=e.coding.status == CodingStatus.VALID,
        )
        for e in insight.evidence.select_related("coding")
    ]


def insight_rule(insight: Insight) -> RuleResult:
    reviewed = (
        insight.reviewed_by_id is not None and insight.reviewed_by_id != insight.created_by_id
    )
    return check(
        rule_fragments(insight),
        min_fragments=insight.codebook.min_fragments,
        min_tellers=insight.codebook.min_tellers,
        reviewed=reviewed,
    )


def teller_counts(insights: Iterable[Insight]) -> dict[int, int]:
    """Distinct tellers behind each insight's supporting, valid evidence."""
    counts: dict[int, set[str]] = defaultdict(set)
    for e in Evidence.objects.filter(
        insight__in=list(insights), stance=Stance.SUPPORTS, coding__status=CodingStatus.VALID
    ).select_related("coding"):
        counts[e.insight_id].add(e.coding.teller_key or f"verhaal:{e.coding.experience_id}")
    return {k: len(v) for k, v in counts.items()}


def insights_with_evidence(*, codings: Iterable[int]) -> QuerySet[Insight]:
    return Insight.objects.filter(evidence__coding_id__in=list(codings)).distinct()


def topic_insights(*, user: Any, organisation: Organisation, code: Code) -> QuerySet[Insight]:
    codes = [code.pk, *_descendants(code)]
    return (
        insight_list(user=user, organisation=organisation)
        .filter(Q(code_id__in=codes) | Q(evidence__coding__code_id__in=codes))
        .distinct()
    )


def topic_fragments(*, user: Any, organisation: Organisation, code: Code) -> QuerySet[Coding]:
    codes = [code.pk, *_descendants(code)]
    return coding_list(user=user, organisation=organisation, codebook=code.codebook).filter(
        code_id__in=codes
    )


def _descendants(code: Code) -> list[int]:
    found: list[int] = []
    frontier = [code.pk]
    while frontier:
        children = list(
            Code.objects.filter(parent_id__in=frontier)
            .exclude(pk__in=found + [code.pk])
            .values_list("pk", flat=True)
        )
        found.extend(children)
        frontier = children
    return found


def prefetch_evidence() -> Prefetch[Any]:
    return Prefetch("evidence", queryset=Evidence.objects.select_related("coding"))


def self_significations_by(*, author: Any, experience_ids: Iterable[int]) -> dict[int, Any]:
    return {
        s.experience_id: s
        for s in SelfSignification.objects.filter(
            experience_id__in=list(experience_ids), author=author
        )
    }
