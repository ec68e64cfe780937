"""Every write of wij-kennis, each in one transaction.

Codebook changes keep their history (`CodeChange` with the state before and after), so
the last change can be undone where that is safe. Codings are made on the shared text
only, read through `knowledge.public`. Insights move draft → published (after a review
by another experience expert and when the publish rule holds), back to review when
evidence falls away, and to superseded when a newer insight replaces them.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kwartier.accounts.models import Network, Organisation, User
from kwartier.collective import anchoring
from kwartier.collective.models import (
    ChangeKind,
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
from kwartier.collective.publish_rule import RuleResult
from kwartier.collective.selectors import insight_rule
from kwartier.knowledge.public import SharedStory

EDITABLE = ("name", "definition", "example", "colour")

# --- codebook -------------------------------------------------------------------------------


def codebook_create(
    *,
    name: str,
    by: User,
    organisation: Organisation | None = None,
    network: Network | None = None,
    description: str = "",
    min_fragments: int = 3,
    min_tellers: int = 3,
) -> Codebook:
    if (organisation is None) == (network is None):
        raise ValidationError(_("Een codeboek hoort bij één organisatie of één netwerk."))
    return Codebook.objects.create(
        name=name,
        organisation=organisation,
        network=network,
        description=description,
        min_fragments=min_fragments,
        min_tellers=min_tellers,
        created_by=by,
    )


def _state(code: Code) -> dict[str, Any]:
    return {
        "name": code.name,
        "definition": code.definition,
        "example": code.example,
        "colour": code.colour,
        "parent": code.parent_id,
        "retired_at": code.retired_at.isoformat() if code.retired_at else None,
        "merged_into": code.merged_into_id,
    }


def _record(code: Code, kind: str, before: dict[str, Any], by: User, **extra: Any) -> CodeChange:
    return CodeChange.objects.create(
        code=code, kind=kind, before=before, after={**_state(code), **extra}, by=by
    )


def _check_parent(codebook: Codebook, code: Code | None, parent: Code | None) -> None:
    if parent is None:
        return
    if parent.codebook_id != codebook.pk:
        raise ValidationError({"parent": _("Kies een code uit hetzelfde codeboek.")})
    if not parent.is_active:
        raise ValidationError({"parent": _("Deze code is niet meer in gebruik.")})
    if code is not None and code.pk in _ancestor_ids(parent):
        raise ValidationError(
            {"parent": _("Een code kan niet onder zichzelf of een eigen subcode vallen.")}
        )


def _ancestor_ids(code: Code) -> set[int]:
    """The code and every code above it, read from the database (not a stale object)."""
    found: set[int] = set()
    current: int | None = code.pk
    while current is not None and current not in found:
        found.add(current)
        current = Code.objects.filter(pk=current).values_list("parent_id", flat=True).first()
    return found


@transaction.atomic
def code_create(
    *,
    codebook: Codebook,
    by: User,
    name: str,
    definition: str = "",
    example: str = "",
    colour: str = "#1f6fb2",
    parent: Code | None = None,
) -> Code:
    _check_parent(codebook, None, parent)
    code = Code(
        codebook=codebook,
        name=name.strip(),
        definition=definition,
        example=example,
        colour=colour,
        parent=parent,
    )
    code.full_clean()
    code.save()
    _record(code, ChangeKind.CREATED, {}, by)
    return code


@transaction.atomic
def code_edit(*, code: Code, by: User, **values: Any) -> Code:
    """Change name, definition, example or colour; a change of the name alone is kept as
    a rename."""
    code = Code.objects.select_for_update().get(pk=code.pk)
    before = _state(code)
    changed = [f for f in EDITABLE if f in values and values[f] != getattr(code, f)]
    if not changed:
        return code
    for field in changed:
        setattr(code, field, values[field].strip() if field == "name" else values[field])
    code.full_clean()
    code.save()
    kind = ChangeKind.RENAMED if changed == ["name"] else ChangeKind.EDITED
    _record(code, kind, before, by)
    return code


@transaction.atomic
def code_move(*, code: Code, by: User, parent: Code | None) -> Code:
    code = Code.objects.select_for_update().get(pk=code.pk)
    _check_parent(code.codebook, code, parent)
    if code.parent_id == (parent.pk if parent else None):
        return code
    before = _state(code)
    code.parent = parent
    code.save(update_fields=["parent"])
    _record(code, ChangeKind.MOVED, before, by)
    return code


@transaction.atomic
def code_merge(*, code: Code, into: Code, by: User) -> Code:
    """Merge `code` into `into`: its codings move to `into` (listed in the history, so the
    merge can be undone), its children move under `into`, it stays as a record."""
    code = Code.objects.select_for_update().get(pk=code.pk)
    if into.pk == code.pk or into.codebook_id != code.codebook_id:
        raise ValidationError({"into": _("Kies een andere code uit hetzelfde codeboek.")})
    if not code.is_active or not into.is_active:
        raise ValidationError({"into": _("Alleen codes die in gebruik zijn kunnen samengaan.")})
    if code.pk in _ancestor_ids(into):
        raise ValidationError({"into": _("Een code kan niet opgaan in een eigen subcode.")})
    before = _state(code)
    moved = list(code.codings.values_list("pk", flat=True))
    children = list(code.children.values_list("pk", flat=True))
    Coding.objects.filter(pk__in=moved).update(code=into)
    Code.objects.filter(pk__in=children).update(parent=into)
    code.merged_into = into
    code.retired_at = timezone.now()
    code.save(update_fields=["merged_into", "retired_at"])
    _record(code, ChangeKind.MERGED, before, by, codings=moved, children=children)
    return code


@transaction.atomic
def code_retire(*, code: Code, by: User) -> Code:
    """Retire a code: no new codings with it; existing ones stay, explained by it."""
    code = Code.objects.select_for_update().get(pk=code.pk)
    if code.retired_at is not None:
        return code
    before = _state(code)
    code.retired_at = timezone.now()
    code.save(update_fields=["retired_at"])
    _record(code, ChangeKind.RETIRED, before, by)
    return code


@transaction.atomic
def change_undo(*, change: CodeChange, by: User) -> Code:
    """Undo the codebook's last change, when that is safe:

    * created: only while nobody coded with it and it has no subcodes (then removed);
    * renamed / edited / moved / retired: the earlier values come back (a move only when
      the former parent is still in use);
    * merged: the code is in use again and the codings listed in the merge go back to it
      (codings made on the merged code since then stay there)."""
    change = CodeChange.objects.select_for_update().select_related("code").get(pk=change.pk)
    if change.undone_at is not None:
        raise ValidationError(_("Deze wijziging is al ongedaan gemaakt."))
    code = change.code
    if change.kind == ChangeKind.CREATED:
        if code.codings.exists() or code.children.exists() or code.insights.exists():
            raise ValidationError(
                _(
                    "Er is al met deze code gecodeerd; ongedaan maken kan niet. Zet de code "
                    "buiten gebruik."
                )
            )
        CodeChange.objects.filter(pk=change.pk).update(undone_at=timezone.now())
        code.delete()
        return code
    before = change.before
    if change.kind in (ChangeKind.RENAMED, ChangeKind.EDITED):
        for field in EDITABLE:
            setattr(code, field, before[field])
    elif change.kind == ChangeKind.MOVED:
        parent = Code.objects.filter(pk=before["parent"]).first() if before["parent"] else None
        if before["parent"] and (parent is None or not parent.is_active):
            raise ValidationError(_("De vorige bovenliggende code is niet meer in gebruik."))
        code.parent = parent
    elif change.kind == ChangeKind.RETIRED:
        code.retired_at = None
    elif change.kind == ChangeKind.MERGED:
        into_id = change.after.get("merged_into")
        Coding.objects.filter(pk__in=change.after.get("codings", []), code_id=into_id).update(
            code=code
        )
        Code.objects.filter(pk__in=change.after.get("children", []), parent_id=into_id).update(
            parent=code
        )
        code.merged_into = None
        code.retired_at = None
    else:
        raise ValidationError(_("Deze wijziging kan niet ongedaan worden gemaakt."))
    previous = _state(code)
    code.save()
    change.undone_at = timezone.now()
    change.save(update_fields=["undone_at"])
    CodeChange.objects.create(
        code=code,
        kind=ChangeKind.UNDONE,
        before=previous,
        after={**_state(code), "undid": change.pk},
        by=by,
    )
    return code


# --- coding ---------------------------------------------------------------------------------


def _coding_code(code: Code) -> None:
    if not code.is_active:
        raise ValidationError({"code": _("Deze code is niet meer in gebruik; kies een andere.")})


@transaction.atomic
def coding_create(
    *,
    story: SharedStory,
    code: Code,
    coder: User,
    organisation: Organisation,
    start: int,
    end: int,
) -> Coding:
    """Code the characters [start, end) of the story's shared text."""
    code = Code.objects.get(pk=code.pk)  # its state now, not the caller's copy
    _coding_code(code)
    text = story.text
    if not (0 <= start < end <= len(text)):
        raise ValidationError(
            {"start": _("Kies een stuk tekst binnen het verhaal (begin vóór einde).")}
        )
    quote = text[start:end]
    stripped = quote.strip()
    if not stripped:
        raise ValidationError({"start": _("Het gekozen stuk bevat geen tekst.")})
    start += len(quote) - len(quote.lstrip())
    end = start + len(stripped)
    existing = Coding.objects.filter(
        code=code, experience_id=story.experience_id, coder=coder, start=start, end=end
    ).first()
    if existing is not None:
        return existing
    return Coding.objects.create(
        organisation=organisation,
        code=code,
        experience_id=story.experience_id,
        teller_key=story.teller_key,
        shared_hash=story.shared_hash,
        start=start,
        end=end,
        quote=stripped,
        coder=coder,
    )


def coding_create_from_quote(
    *, story: SharedStory, code: Code, coder: User, organisation: Organisation, quote: str
) -> Coding:
    """Code the passage of the story that reads `quote` (exactly, else the most similar
    passage)."""
    quote = quote.strip()
    if not quote:
        raise ValidationError({"quote": _("Typ of plak de passage die u wilt coderen.")})
    anchor = anchoring.reanchor(story.text, quote, 0)
    if anchor is None:
        raise ValidationError(
            {
                "quote": _(
                    "Deze passage staat niet in het gedeelde verhaal. Kopieer de tekst "
                    "letterlijk uit het verhaal."
                )
            }
        )
    return coding_create(
        story=story,
        code=code,
        coder=coder,
        organisation=organisation,
        start=anchor.start,
        end=anchor.end,
    )


@transaction.atomic
def coding_delete(*, coding: Coding, by: User) -> None:
    if coding.coder_id != by.pk:
        raise ValidationError(_("U kunt alleen uw eigen codering verwijderen."))
    insights = list(Insight.objects.filter(evidence__coding=coding).distinct())
    coding.delete()
    for insight in insights:
        insight_recheck(
            insight=insight,
            reason=_("Een fragment is verwijderd door wie het codeerde."),
        )


def memo_create(
    *,
    author: User,
    organisation: Organisation,
    text: str,
    coding: Coding | None = None,
    code: Code | None = None,
    experience_id: int | None = None,
) -> Memo:
    if sum(x is not None for x in (coding, code, experience_id)) != 1:
        raise ValidationError(_("Een memo hoort bij een fragment, een code of een verhaal."))
    if not text.strip():
        raise ValidationError({"text": _("Schrijf iets in het memo.")})
    return Memo.objects.create(
        author=author,
        organisation=organisation,
        text=text.strip(),
        coding=coding,
        code=code,
        experience_id=experience_id,
    )


def self_signification_save(
    *, story: SharedStory, author: User, organisation: Organisation, values: dict[str, Any]
) -> SelfSignification:
    signification, _created = SelfSignification.objects.update_or_create(
        experience_id=story.experience_id,
        defaults={"author": author, "organisation": organisation, "values": values},
    )
    return signification


# --- reacting to the knowledge bank ---------------------------------------------------------


@transaction.atomic
def story_reshared(*, experience_id: int, shared_hash: str, story: SharedStory | None) -> None:
    """A story is shared again: codings on the same text stay; on a changed text each
    is found again (exact, then fuzzy) or flagged; insights that lose evidence are
    checked again."""
    codings = list(
        Coding.objects.select_for_update()
        .filter(experience_id=experience_id)
        .exclude(shared_hash=shared_hash)
    )
    if not codings:
        return
    flagged = []
    for coding in codings:
        anchor = anchoring.reanchor(story.text, coding.quote, coding.start) if story else None
        if anchor is None:
            coding.status = CodingStatus.FLAGGED
            flagged.append(coding.pk)
        else:
            coding.start, coding.end, coding.quote = anchor.start, anchor.end, anchor.quote
            coding.status = CodingStatus.VALID
        coding.shared_hash = shared_hash
        coding.save(update_fields=["start", "end", "quote", "status", "shared_hash"])
    for insight in Insight.objects.filter(evidence__coding_id__in=flagged).distinct():
        insight_recheck(
            insight=insight,
            reason=_(
                "De verteller heeft een verhaal aangepast; een fragment is niet meer terug "
                "te vinden en telt niet mee tot een codeur het opnieuw bekijkt."
            ),
        )


@transaction.atomic
def story_withdrawn(*, experience_id: int) -> None:
    """A story is no longer shared: every coding of it (and so its evidence), every memo
    on it and its fragments go at once; insights are checked again."""
    codings = Coding.objects.filter(experience_id=experience_id)
    insights = list(Insight.objects.filter(evidence__coding__in=codings).distinct())
    Memo.objects.filter(experience_id=experience_id).delete()
    codings.delete()
    for insight in insights:
        insight_recheck(
            insight=insight,
            reason=_(
                "Een verteller heeft een verhaal ingetrokken; de fragmenten daaruit zijn "
                "weggehaald."
            ),
        )


# --- insights -------------------------------------------------------------------------------


def insight_create(
    *,
    codebook: Codebook,
    organisation: Organisation,
    by: User,
    statement: str,
    code: Code | None = None,
) -> Insight:
    if not statement.strip():
        raise ValidationError({"statement": _("Schrijf het inzicht in één of twee zinnen.")})
    if code is not None and code.codebook_id != codebook.pk:
        raise ValidationError({"code": _("Kies een code uit hetzelfde codeboek.")})
    return Insight.objects.create(
        codebook=codebook,
        organisation=organisation,
        created_by=by,
        statement=statement.strip(),
        code=code,
    )


@transaction.atomic
def evidence_add(*, insight: Insight, coding: Coding, by: User, stance: str) -> Evidence:
    if coding.code.codebook_id != insight.codebook_id:
        raise ValidationError({"coding": _("Dit fragment hoort bij een ander codeboek.")})
    if insight.status == InsightStatus.SUPERSEDED:
        raise ValidationError(_("Dit inzicht is vervangen; voeg bewijs toe aan het nieuwe."))
    if stance not in Stance.values:
        raise ValidationError({"stance": _("Kies ondersteunt of spreekt tegen.")})
    evidence, created = Evidence.objects.get_or_create(
        insight=insight, coding=coding, defaults={"stance": stance, "added_by": by}
    )
    if not created and evidence.stance != stance:
        evidence.stance = stance
        evidence.save(update_fields=["stance"])
    if not created or stance == Stance.CONTRADICTS:
        insight_recheck(insight=insight, reason=_("Er is tegensprekend bewijs bijgekomen."))
    return evidence


@transaction.atomic
def evidence_remove(*, evidence: Evidence, by: User) -> None:
    insight = evidence.insight
    evidence.delete()
    insight_recheck(insight=insight, reason=_("Er is bewijs weggehaald."))


def rule_message(result: RuleResult) -> str:
    """The publish rule's verdict in Dutch."""
    parts = []
    if not result.evidence_ok:
        parts.append(
            _(
                "Er is te weinig bewijs: %(fragments)s van de %(min_fragments)s ondersteunende "
                "fragmenten, van %(tellers)s van de %(min_tellers)s verschillende vertellers."
            )
            % {
                "fragments": result.fragments,
                "min_fragments": result.min_fragments,
                "tellers": result.tellers,
                "min_tellers": result.min_tellers,
            }
        )
    if not result.reviewed:
        parts.append(
            _("Een andere ervaringsdeskundige dan de schrijver moet het inzicht eerst beoordelen.")
        )
    return " ".join(parts)


@transaction.atomic
def insight_review(*, insight: Insight, reviewer: User, note: str = "") -> Insight:
    insight = Insight.objects.select_for_update().get(pk=insight.pk)
    if insight.created_by_id == reviewer.pk:
        raise ValidationError(
            _("U schreef dit inzicht zelf; een andere ervaringsdeskundige beoordeelt het.")
        )
    if insight.status in (InsightStatus.PUBLISHED, InsightStatus.SUPERSEDED):
        raise ValidationError(_("Dit inzicht is al gepubliceerd of vervangen."))
    insight.reviewed_by = reviewer
    insight.review_note = note.strip()
    insight.save(update_fields=["reviewed_by", "review_note"])
    return insight


@transaction.atomic
def insight_publish(*, insight: Insight, by: User) -> Insight:
    """Publish when the rule holds; otherwise a ValidationError with the reason."""
    insight = Insight.objects.select_for_update().select_related("codebook").get(pk=insight.pk)
    if insight.status == InsightStatus.PUBLISHED:
        return insight
    if insight.status == InsightStatus.SUPERSEDED:
        raise ValidationError(_("Dit inzicht is vervangen en kan niet meer worden gepubliceerd."))
    result = insight_rule(insight)
    if not result.ok:
        raise ValidationError({"evidence": rule_message(result)})
    insight.status = InsightStatus.PUBLISHED
    insight.published_at = timezone.now()
    insight.save(update_fields=["status", "published_at"])
    return insight


@transaction.atomic
def insight_supersede(*, insight: Insight, by: Insight) -> Insight:
    if by.pk == insight.pk or by.codebook_id != insight.codebook_id:
        raise ValidationError(
            {"superseded_by": _("Kies een ander inzicht uit hetzelfde codeboek.")}
        )
    insight.status = InsightStatus.SUPERSEDED
    insight.superseded_by = by
    insight.save(update_fields=["status", "superseded_by"])
    return insight


def insight_recheck(*, insight: Insight, reason: str) -> Insight:
    """A published insight that no longer meets the rule goes back to review, with why."""
    insight = Insight.objects.select_related("codebook").get(pk=insight.pk)
    if insight.status != InsightStatus.PUBLISHED:
        return insight
    result = insight_rule(insight)
    if result.evidence_ok:
        return insight
    insight.status = InsightStatus.REVIEW
    insight.reviewed_by = None
    insight.published_at = None
    insight.review_note = f"{reason} {rule_message(result)}".strip()
    insight.save(update_fields=["status", "reviewed_by", "published_at", "review_note"])
    return insight
