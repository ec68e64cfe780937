"""Pages of wij-kennis (UI "Wij-kennis", under /kennisbank/wij-kennis/)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kwartier.accounts.models import Network
from kwartier.collective import anchoring, forms, reads, selectors, services
from kwartier.collective.ask import ask as ask_bank
from kwartier.collective.models import Code, Codebook, Evidence, InsightStatus
from kwartier.core.decorators import organisation_view
from kwartier.core.forms import add_validation_errors
from kwartier.core.http import AuthedRequest
from kwartier.core.pagination import paginate
from kwartier.core.shortcuts import confirm_then, get_or_404
from kwartier.knowledge import public as knowledge

VIEW = "collective.view"
CODE = "collective.code"


def _org(request: AuthedRequest) -> Any:
    return request.membership.organisation


def _can_code(request: AuthedRequest) -> bool:
    return request.user.has_perm(CODE, _org(request))


def _codebook(request: AuthedRequest, codebook_id: int) -> Codebook:
    return get_or_404(selectors.codebook_get, organisation=_org(request), codebook_id=codebook_id)


def _code(request: AuthedRequest, code_id: int) -> Code:
    return get_or_404(selectors.code_get, organisation=_org(request), code_id=code_id)


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


# --- overview and ask ---------------------------------------------------------------------


@organisation_view(VIEW)
def home(request: AuthedRequest) -> HttpResponse:
    organisation = _org(request)
    insights = selectors.insight_list(user=request.user, organisation=organisation).filter(
        status=InsightStatus.PUBLISHED
    )[:5]
    return render(
        request,
        "collective/home.html",
        {
            "codebooks": selectors.codebook_list(organisation=organisation),
            "insights": insights,
            "tellers": selectors.teller_counts(insights),
            "can_code": _can_code(request),
            "form": forms.AskForm(),
        },
    )


@organisation_view(VIEW)
def ask(request: AuthedRequest) -> HttpResponse:
    form = forms.AskForm(request.GET or None)
    answer = None
    if form.is_valid() and form.cleaned_data["q"].strip():
        answer = ask_bank(
            user=request.user, organisation=_org(request), question=form.cleaned_data["q"]
        )
    return render(request, "collective/ask.html", {"form": form, "answer": answer})


# --- codebook -----------------------------------------------------------------------------


@organisation_view(CODE)
def codebook_create(request: AuthedRequest) -> HttpResponse:
    organisation = _org(request)
    network = Network.objects.filter(organisations=organisation).order_by("name").first()
    form = forms.CodebookForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if data["scope"] == "network" and network is None:
            form.add_error("scope", _("Uw organisatie hoort niet bij een regionaal netwerk."))
        else:
            codebook = services.codebook_create(
                name=data["name"],
                by=request.user,
                organisation=organisation if data["scope"] == "organisation" else None,
                network=network if data["scope"] == "network" else None,
                description=data["description"],
                min_fragments=data["min_fragments"],
                min_tellers=data["min_tellers"],
            )
            messages.success(request, _("Het codeboek is aangemaakt."))
            return redirect("collective:codebook", codebook_id=codebook.pk)
    return render(request, "collective/codebook_form.html", {"form": form, "network": network})


@organisation_view(VIEW)
def codebook(request: AuthedRequest, codebook_id: int) -> HttpResponse:
    book = _codebook(request, codebook_id)
    form = forms.CodeForm(request.POST or None, codebook=book)
    if request.method == "POST":
        if not _can_code(request):
            raise Http404
        if form.is_valid():
            try:
                code = services.code_create(codebook=book, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                messages.success(request, _("Code „%(name)s” toegevoegd.") % {"name": code.name})
                return redirect("collective:codebook", codebook_id=book.pk)
    return render(
        request,
        "collective/codebook.html",
        {
            "codebook": book,
            "tree": selectors.code_tree(codebook=book),
            "history": selectors.code_history(codebook=book)[:20],
            "last_change": selectors.last_undoable_change(codebook=book),
            "form": form,
            "can_code": _can_code(request),
        },
    )


@organisation_view(CODE)
def change_undo(request: AuthedRequest, codebook_id: int) -> HttpResponse:
    book = _codebook(request, codebook_id)
    url = reverse("collective:codebook", kwargs={"codebook_id": book.pk})
    change = selectors.last_undoable_change(codebook=book)
    if change is None:
        messages.info(request, _("Er is geen wijziging om ongedaan te maken."))
        return redirect(url)
    return confirm_then(
        request,
        action=lambda: services.change_undo(change=change, by=request.user),
        done_message=_("De laatste wijziging is ongedaan gemaakt."),
        done_url=url,
        cancel_url=url,
        title=_("Laatste wijziging ongedaan maken?"),
        explanation=_("%(kind)s: %(name)s, op %(at)s.")
        % {
            "kind": change.get_kind_display(),
            "name": change.code.name,
            "at": date_format(change.at, "j F Y H:i"),
        },
        confirm_label=_("Ongedaan maken"),
    )


@organisation_view(CODE)
def code_edit(request: AuthedRequest, code_id: int) -> HttpResponse:
    code = _code(request, code_id)
    book = code.codebook
    initial = {
        "name": code.name,
        "definition": code.definition,
        "example": code.example,
        "colour": code.colour,
        "parent": code.parent_id,
    }
    action = request.POST.get("action", "edit")
    form = forms.CodeForm(
        request.POST if action == "edit" and request.method == "POST" else None,
        codebook=book,
        exclude=code,
        initial=initial,
    )
    merge = forms.MergeForm(request.POST if action == "merge" else None, code=code, prefix="merge")
    memo = forms.MemoForm(request.POST if action == "memo" else None, prefix="memo")
    if request.method == "POST":
        try:
            if action == "edit" and form.is_valid():
                data = form.cleaned_data
                services.code_edit(
                    code=code,
                    by=request.user,
                    **{k: data[k] for k in ("name", "definition", "example", "colour")},
                )
                services.code_move(code=code, by=request.user, parent=data["parent"])
                messages.success(request, _("De code is bijgewerkt."))
                return redirect("collective:codebook", codebook_id=book.pk)
            if action == "merge" and merge.is_valid():
                services.code_merge(code=code, into=merge.cleaned_data["into"], by=request.user)
                messages.success(request, _("De codes zijn samengevoegd."))
                return redirect("collective:codebook", codebook_id=book.pk)
            if action == "memo" and memo.is_valid():
                services.memo_create(
                    author=request.user,
                    organisation=_org(request),
                    text=memo.cleaned_data["text"],
                    code=code,
                )
                messages.success(request, _("Het memo is opgeslagen."))
                return redirect("collective:code_edit", code_id=code.pk)
        except ValidationError as error:
            add_validation_errors({"merge": merge, "memo": memo}.get(action, form), error)
    return render(
        request,
        "collective/code_form.html",
        {
            "code": code,
            "codebook": book,
            "form": form,
            "merge": merge,
            "memo": memo,
            "memos": selectors.memos_of_code(code=code),
            "changes": code.changes.select_related("by")[:20],
        },
    )


@organisation_view(CODE)
def code_retire(request: AuthedRequest, code_id: int) -> HttpResponse:
    code = _code(request, code_id)
    url = reverse("collective:codebook", kwargs={"codebook_id": code.codebook_id})
    return confirm_then(
        request,
        action=lambda: services.code_retire(code=code, by=request.user),
        done_message=_("De code is buiten gebruik gezet."),
        done_url=url,
        cancel_url=url,
        title=_("Code „%(name)s” buiten gebruik zetten?") % {"name": code.name},
        explanation=_(
            "Bestaande coderingen blijven staan en blijven uitgelegd; er kan niet "
            "meer nieuw mee worden gecodeerd. U kunt dit ongedaan maken."
        ),
        confirm_label=_("Buiten gebruik zetten"),
    )


@organisation_view(VIEW)
def topic(request: AuthedRequest, code_id: int) -> HttpResponse:
    code = _code(request, code_id)
    organisation = _org(request)
    insights = selectors.topic_insights(user=request.user, organisation=organisation, code=code)
    fragments = selectors.topic_fragments(user=request.user, organisation=organisation, code=code)
    titles = {
        s.experience_id: s.title
        for s in knowledge.shared_story_list(
            user=request.user, ids={f.experience_id for f in fragments}
        )
    }
    page = paginate(request, fragments)
    shown: dict[int, list[str]] = {}
    for coding in page.object_list:
        shown.setdefault(coding.experience_id, []).append(coding.quote)
    allowed = knowledge.shared_excerpts_release(
        user=request.user,
        organisation=organisation,
        excerpts=[(pk, " ".join(quotes)) for pk, quotes in shown.items()],
        kind="wij-kennis",
    )
    return render(
        request,
        "collective/topic.html",
        {
            "code": code,
            "insights": insights,
            "tellers": selectors.teller_counts(insights),
            "page": page,
            "allowed": allowed,
            "titles": titles,
            "story_count": len(titles),
            "subcodes": code.children.filter(retired_at__isnull=True, merged_into__isnull=True),
        },
    )


# --- coding -------------------------------------------------------------------------------


@organisation_view(CODE)
def stories(request: AuthedRequest, codebook_id: int) -> HttpResponse:
    book = _codebook(request, codebook_id)
    shared = knowledge.shared_story_list(user=request.user)
    counts: dict[int, int] = {}
    mine: set[int] = set()
    for coding in selectors.coding_list(
        user=request.user, organisation=_org(request), codebook=book
    ):
        counts[coding.experience_id] = counts.get(coding.experience_id, 0) + 1
        if coding.coder_id == request.user.pk:
            mine.add(coding.experience_id)
    page = paginate(request, shared)
    return render(
        request,
        "collective/stories.html",
        {
            "codebook": book,
            "page": page,
            "counts": counts,
            "mine": mine,
        },
    )


def _segments(text: str, sentences: list[tuple[int, int]]) -> list[dict[str, Any]]:
    return [
        {"number": i + 1, "start": s, "end": e, "text": text[s:e]}
        for i, (s, e) in enumerate(sentences)
    ]


@organisation_view(CODE)
def code_story(request: AuthedRequest, codebook_id: int, experience_id: int) -> HttpResponse:
    book = _codebook(request, codebook_id)
    organisation = _org(request)
    story = get_or_404(
        knowledge.shared_story_get,
        user=request.user,
        organisation=organisation,
        experience_id=experience_id,
    )
    sentences = anchoring.sentences(story.text)
    action = request.POST.get("action", "")
    by_sentence = forms.SentenceCodingForm(
        request.POST if action == "sentences" else None,
        codebook=book,
        sentences=max(1, len(sentences)),
        prefix="zin",
    )
    by_quote = forms.QuoteCodingForm(
        request.POST if action == "quote" else None, codebook=book, prefix="passage"
    )
    memo = forms.MemoForm(request.POST if action == "memo" else None, prefix="memo")
    here = reverse(
        "collective:code_story",
        kwargs={"codebook_id": book.pk, "experience_id": story.experience_id},
    )
    if request.method == "POST":
        try:
            if action == "sentences" and by_sentence.is_valid() and sentences:
                data = by_sentence.cleaned_data
                services.coding_create(
                    story=story,
                    code=data["code"],
                    coder=request.user,
                    organisation=organisation,
                    start=sentences[data["first"] - 1][0],
                    end=sentences[data["last"] - 1][1],
                )
                messages.success(request, _("Het fragment is gecodeerd."))
                return redirect(here)
            if action == "quote" and by_quote.is_valid():
                data = by_quote.cleaned_data
                if (
                    data.get("start") is not None
                    and data.get("end") is not None
                    and (story.text[data["start"] : data["end"]].strip() == data["quote"].strip())
                ):
                    services.coding_create(
                        story=story,
                        code=data["code"],
                        coder=request.user,
                        organisation=organisation,
                        start=data["start"],
                        end=data["end"],
                    )
                else:
                    services.coding_create_from_quote(
                        story=story,
                        code=data["code"],
                        coder=request.user,
                        organisation=organisation,
                        quote=data["quote"],
                    )
                messages.success(request, _("Het fragment is gecodeerd."))
                return redirect(here)
            if action == "memo" and memo.is_valid():
                coding = None
                if memo.cleaned_data.get("coding"):
                    coding = (
                        selectors.codings_of_story(codebook=book, experience_id=story.experience_id)
                        .filter(pk=memo.cleaned_data["coding"])
                        .first()
                    )
                    if coding is None:
                        raise Http404
                services.memo_create(
                    author=request.user,
                    organisation=organisation,
                    text=memo.cleaned_data["text"],
                    coding=coding,
                    experience_id=None if coding else story.experience_id,
                )
                messages.success(request, _("Het memo is opgeslagen."))
                return redirect(here)
        except ValidationError as error:
            target = {"sentences": by_sentence, "quote": by_quote, "memo": memo}.get(action)
            if target is not None:
                add_validation_errors(target, error)
    codings = list(selectors.codings_of_story(codebook=book, experience_id=story.experience_id))
    return render(
        request,
        "collective/code_story.html",
        {
            "codebook": book,
            "story": story,
            "segments": _segments(story.text, sentences),
            "codings": codings,
            "by_sentence": by_sentence,
            "by_quote": by_quote,
            "memo": memo,
            "story_memos": selectors.memos_of_story(
                experience_id=story.experience_id, organisation=organisation
            ),
            "meaning": selectors.self_signification(experience_id=story.experience_id),
            "theme_labels": dict(forms.MeaningForm.THEMES),
        },
    )


@organisation_view(CODE)
def coding_delete(request: AuthedRequest, coding_id: int) -> HttpResponse:
    coding = get_or_404(
        selectors.coding_get, user=request.user, organisation=_org(request), coding_id=coding_id
    )
    if coding.coder_id != request.user.pk:
        raise Http404
    url = reverse(
        "collective:code_story",
        kwargs={
            "codebook_id": coding.code.codebook_id,
            "experience_id": coding.experience_id,
        },
    )
    return confirm_then(
        request,
        action=lambda: services.coding_delete(coding=coding, by=request.user),
        done_message=_("De codering is verwijderd."),
        done_url=url,
        cancel_url=url,
        title=_("Codering verwijderen?"),
        explanation=_(
            "„%(quote)s” verliest de code %(code)s. Inzichten die dit fragment als "
            "bewijs gebruiken, worden opnieuw gecontroleerd."
        )
        % {"quote": coding.quote[:120], "code": coding.code.name},
        confirm_label=_("Verwijderen"),
    )


@organisation_view(CODE)
def agreement(request: AuthedRequest, codebook_id: int) -> HttpResponse:
    book = _codebook(request, codebook_id)
    report = selectors.agreement_report(
        user=request.user, organisation=_org(request), codebook=book
    )
    return render(request, "collective/agreement.html", {"codebook": book, "report": report})


# --- insights -----------------------------------------------------------------------------


@organisation_view(VIEW)
def insights(request: AuthedRequest) -> HttpResponse:
    items = selectors.insight_list(user=request.user, organisation=_org(request))
    page = paginate(request, items)
    return render(
        request,
        "collective/insights.html",
        {
            "page": page,
            "tellers": selectors.teller_counts(page.object_list),
            "can_code": _can_code(request),
            "codebooks": selectors.codebook_list(organisation=_org(request)),
        },
    )


@organisation_view(CODE)
def insight_create(request: AuthedRequest, codebook_id: int) -> HttpResponse:
    book = _codebook(request, codebook_id)
    form = forms.InsightForm(request.POST or None, codebook=book)
    if request.method == "POST" and form.is_valid():
        try:
            insight = services.insight_create(
                codebook=book,
                organisation=_org(request),
                by=request.user,
                statement=form.cleaned_data["statement"],
                code=form.cleaned_data["code"],
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(
                request, _("Het inzicht is als concept opgeslagen. Voeg nu bewijs toe.")
            )
            return redirect("collective:insight", insight_id=insight.pk)
    return render(request, "collective/insight_form.html", {"form": form, "codebook": book})


def _evidence_choices(request: AuthedRequest, book: Codebook, used: set[int]) -> list[Any]:
    codings = selectors.coding_list(user=request.user, organisation=_org(request), codebook=book)
    return [
        (c.pk, f"{c.code.name}: „{c.quote[:90]}” ({_('verhaal')} {c.experience_id})")
        for c in codings
        if c.pk not in used
    ]


def _evidence_risks(item: Any, evidence: Any) -> list[Any]:
    """privacy hook (decision 0105): stories behind the evidence whose facts are rare in the
    insight's audience; a warning before publishing, not a block."""
    if item.status == "published":
        return []
    return knowledge.evidence_risk(
        experience_ids={e.coding.experience_id for e in evidence},
        network_wide=item.codebook.network_id is not None,
    )


@organisation_view(VIEW)
def insight(request: AuthedRequest, insight_id: int) -> HttpResponse:
    item = get_or_404(
        selectors.insight_get, user=request.user, organisation=_org(request), insight_id=insight_id
    )
    can_code = _can_code(request)
    evidence = reads.evidence_shown(user=request.user, organisation=_org(request), insight=item)
    action = request.POST.get("action", "")
    evidence_form = forms.EvidenceForm(
        request.POST if action == "evidence" else None,
        choices=_evidence_choices(request, item.codebook, {e.coding_id for e in evidence})
        if can_code
        else [],
        prefix="bewijs",
    )
    review = forms.ReviewForm(request.POST if action == "review" else None, prefix="review")
    newer = (
        selectors.insight_list(user=request.user, organisation=_org(request))
        .filter(codebook=item.codebook, status=InsightStatus.PUBLISHED)
        .exclude(pk=item.pk)
    )
    supersede = forms.SupersedeForm(
        request.POST if action == "supersede" else None,
        choices=[(i.pk, i.statement[:120]) for i in newer],
        prefix="vervang",
    )
    publish_error = ""
    if request.method == "POST":
        if not can_code:
            raise Http404
        here = reverse("collective:insight", kwargs={"insight_id": item.pk})
        try:
            if action == "evidence" and evidence_form.is_valid():
                coding = get_or_404(
                    selectors.coding_get,
                    user=request.user,
                    organisation=_org(request),
                    coding_id=evidence_form.cleaned_data["coding"],
                )
                services.evidence_add(
                    insight=item,
                    coding=coding,
                    by=request.user,
                    stance=evidence_form.cleaned_data["stance"],
                )
                messages.success(request, _("Het fragment is als bewijs toegevoegd."))
                return redirect(here)
            if action == "remove":
                found = Evidence.objects.filter(
                    insight=item, pk=request.POST.get("evidence") or 0
                ).first()
                if found is None:
                    raise Http404
                services.evidence_remove(evidence=found, by=request.user)
                messages.success(request, _("Het bewijs is weggehaald."))
                return redirect(here)
            if action == "review" and review.is_valid():
                services.insight_review(
                    insight=item, reviewer=request.user, note=review.cleaned_data["note"]
                )
                messages.success(request, _("Uw beoordeling is opgeslagen."))
                return redirect(here)
            if action == "supersede" and supersede.is_valid():
                services.insight_supersede(
                    insight=item, by=newer.get(pk=supersede.cleaned_data["superseded_by"])
                )
                messages.success(request, _("Het inzicht is vervangen door een nieuwer inzicht."))
                return redirect(here)
            if action == "publish":
                services.insight_publish(insight=item, by=request.user)
                messages.success(request, _("Het inzicht is gepubliceerd."))
                return redirect(here)
        except ValidationError as error:
            if action == "publish":
                publish_error = _error_text(error)
            elif action == "review":
                add_validation_errors(review, error)
            elif action == "supersede":
                add_validation_errors(supersede, error)
            else:
                add_validation_errors(evidence_form, error)
    rule = selectors.insight_rule(item)
    return render(
        request,
        "collective/insight.html",
        {
            "insight": item,
            "evidence": evidence,
            "rule": rule,
            "rule_message": services.rule_message(rule),
            "evidence_form": evidence_form,
            "review": review,
            "publish_error": publish_error,
            "can_code": can_code,
            "own": item.created_by_id == request.user.pk,
            "hidden_evidence": item.evidence.count() - len(evidence),
            # privacy hook (decision 0105): re-identification risk before publishing.
            "evidence_risks": _evidence_risks(item, evidence),
        },
    )


# --- the teller's own meaning -------------------------------------------------------------


@organisation_view(VIEW)
def meaning(request: AuthedRequest) -> HttpResponse:
    own = knowledge.own_shared_story_list(user=request.user, organisation=_org(request))
    given = selectors.self_significations_by(
        author=request.user, experience_ids=[o.experience_id for o in own]
    )
    return render(request, "collective/meaning.html", {"stories": own, "given": given})


@organisation_view(VIEW)
def meaning_edit(request: AuthedRequest, experience_id: int) -> HttpResponse:
    own = {
        s.experience_id: s
        for s in knowledge.own_shared_story_list(user=request.user, organisation=_org(request))
    }
    story = own.get(experience_id)
    if story is None:
        raise Http404
    current = selectors.self_signification(experience_id=experience_id)
    form = forms.MeaningForm(request.POST or None, initial=current.values if current else None)
    if request.method == "POST" and form.is_valid():
        services.self_signification_save(
            story=story,
            author=request.user,
            organisation=_org(request),
            values=form.cleaned_data,
        )
        messages.success(request, _("Uw betekenis bij het verhaal is opgeslagen."))
        return redirect("collective:meaning")
    return render(request, "collective/meaning_form.html", {"story": story, "form": form})
