"""Pages of the knowledge bank: the author's own stories (write, review, share, withdraw,
who read them) and the kennisbank for members and, public items only, for everyone."""

from __future__ import annotations

import dataclasses
import secrets
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseNotAllowed,
    StreamingHttpResponse,
)
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kwartier.core.decorators import organisation_view, require_membership
from kwartier.core.exports import CsvStream
from kwartier.core.forms import add_validation_errors
from kwartier.core.http import AuthedRequest
from kwartier.core.pagination import paginate
from kwartier.core.ratelimit import rate_limit
from kwartier.knowledge import selectors, services
from kwartier.knowledge.forms import (
    LABEL_NAMES,
    ExperienceForm,
    PublishForm,
    RecordingForm,
    ReviewExtraForm,
    SearchForm,
)
from kwartier.knowledge.models import (
    Decision,
    Experience,
    LifePhase,
    State,
    Visibility,
)
from kwartier.knowledge.search.base import Scope, SearchQuery

PER_PAGE = 10


def _membership(request: AuthedRequest) -> Any:
    return request.membership


def _own_or_404(request: AuthedRequest, experience_id: int) -> Experience:
    try:
        return selectors.experience_get_own(
            user=request.user,
            organisation=_membership(request).organisation,
            experience_id=experience_id,
        )
    except Experience.DoesNotExist as error:
        raise Http404 from error


def _can_write(request: AuthedRequest) -> bool:
    return request.user.has_perm("knowledge.write_experience", _membership(request).organisation)


def _record_read_of_original(request: AuthedRequest, experience: Experience) -> None:
    """A recorder reading the original of someone else's story is a read to log too."""
    services.experience_read_record(
        experience=experience,
        reader=request.user,
        organisation=_membership(request).organisation,
        via="eigen verhaal",
    )


# --- my experiences ------------------------------------------------------------------------


@organisation_view()
def mine(request: AuthedRequest) -> HttpResponse:
    organisation = _membership(request).organisation
    experiences = selectors.experience_list_own(user=request.user, organisation=organisation)
    drafts = [e for e in experiences if e.state == State.DRAFT and e.text_original]
    return render(
        request,
        "knowledge/mine.html",
        {
            "page": paginate(request, experiences),
            "can_write": _can_write(request),
            "can_record": request.user.has_perm("knowledge.record_experience", organisation),
            "draft_count": len(drafts),
        },
    )


@organisation_view("knowledge.write_experience")
def create(request: AuthedRequest) -> HttpResponse:
    form = ExperienceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            experience = services.experience_create(
                organisation=_membership(request).organisation,
                author=request.user,
                **_content(form),
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("Uw concept is opgeslagen. Alleen u kunt het zien."))
            return redirect("knowledge:edit", experience_id=experience.pk)
    return render(request, "knowledge/experience_form.html", {"form": form, "experience": None})


@organisation_view("knowledge.record_experience")
def record(request: AuthedRequest) -> HttpResponse:
    form = RecordingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            experience = services.experience_record(
                organisation=_membership(request).organisation,
                recorded_by=request.user,
                narrator_name=data["narrator_name"],
                consent_date=data["consent_date"],
                consent_scope=data["consent_scope"],
                purposes=data["purposes"],
                consent_signed=data["consent_signed"],
                **_content(form),
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("Het verhaal is opgeslagen als concept."))
            return redirect("knowledge:edit", experience_id=experience.pk)
    return render(request, "knowledge/record_form.html", {"form": form})


def _content(form: ExperienceForm) -> dict[str, Any]:
    data = form.cleaned_data
    return {
        "title": data["title"],
        "text": data["text"],
        "domains": list(data["domains"]),
        "life_phase": data["life_phase"],
        "tags": data["tags"],
        "language": data["language"],
    }


def _initial(experience: Experience) -> dict[str, Any]:
    return {
        "title": experience.title_original,
        "text": experience.text_original,
        "domains": list(experience.domains.all()),
        "life_phase": experience.life_phase,
        "tags": ", ".join(experience.tags),
        "language": experience.language,
        "revision": experience.revision,
        "edit_session": secrets.token_hex(16),
    }


def _save(request: AuthedRequest, experience: Experience, form: ExperienceForm) -> Experience:
    """The edit form's and the autosave's save. A form without a revision (opened before
    there was one) counts as stale: the editor then sees both texts."""
    revision = form.cleaned_data.get("revision")
    return services.experience_update(
        experience=experience,
        editor=request.user,
        revision=revision if revision is not None else 0,
        edit_session=form.cleaned_data.get("edit_session") or "",
        **_content(form),
    )


def _conflict_form(request: AuthedRequest, current: Experience) -> ExperienceForm:
    """The editor's own text again, now on the saved revision: saving it is the choice
    "keep my text"; the saved text is shown beside it."""
    data = request.POST.copy()
    data["revision"] = str(current.revision)
    form = ExperienceForm(data)
    form.is_valid()
    return form


@organisation_view()
def my_detail(request: AuthedRequest, experience_id: int) -> HttpResponse:
    experience = _own_or_404(request, experience_id)
    _record_read_of_original(request, experience)
    return render(
        request,
        "knowledge/my_detail.html",
        {
            "experience": experience,
            "versions": selectors.version_list(experience=experience)[:10],
            "consents": selectors.consent_list(experience=experience),
            "recording": selectors.recording_consent(experience=experience),
        },
    )


@organisation_view()
def edit(request: AuthedRequest, experience_id: int) -> HttpResponse:
    experience = _own_or_404(request, experience_id)
    form = ExperienceForm(request.POST or None, initial=_initial(experience))
    conflict: Experience | None = None
    if request.method == "POST" and form.is_valid():
        try:
            _save(request, experience, form)
        except services.EditConflict as error:
            conflict = error.current
            form = _conflict_form(request, conflict)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("Uw verhaal is opgeslagen."))
            return redirect("knowledge:my_detail", experience_id=experience.pk)
    _record_read_of_original(request, experience)
    return render(
        request,
        "knowledge/experience_form.html",
        {"form": form, "experience": experience, "conflict": conflict},
    )


@organisation_view()
def autosave(request: AuthedRequest, experience_id: int) -> HttpResponse:
    """htmx: save the form in the background and answer a small status line."""
    experience = _own_or_404(request, experience_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = ExperienceForm(request.POST)
    error = ""
    if form.is_valid():
        try:
            _save(request, experience, form)
        except services.EditConflict:
            error = _(
                "dit verhaal is intussen ergens anders opgeslagen. Klik op Opslaan om beide "
                "teksten te zien en te kiezen."
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
    else:
        error = " ".join(str(e) for errors in form.errors.values() for e in errors)
    return render(
        request,
        "knowledge/_autosave_status.html",
        {"saved_at": None if error else timezone.localtime(), "error": error},
    )


@organisation_view()
def deidentify(request: AuthedRequest, experience_id: int) -> HttpResponse:
    experience = _own_or_404(request, experience_id)
    if request.method == "POST":
        try:
            services.experience_deidentify_request(experience=experience, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("Kwartier zoekt nu naar herkenbare gegevens. Dat duurt meestal even."),
            )
    return redirect("knowledge:my_detail", experience_id=experience.pk)


@organisation_view()
def deidentify_bulk(request: AuthedRequest) -> HttpResponse:
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    organisation = _membership(request).organisation
    experiences = list(
        selectors.experience_list_own(user=request.user, organisation=organisation).filter(
            state=State.DRAFT
        )
    )
    try:
        job = services.experience_deidentify_bulk_request(
            user=request.user,
            organisation=organisation,
            experiences=experiences,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("knowledge:mine")
    return redirect("core:job", job_id=job.pk)


def _decisions_from_post(request: AuthedRequest, suggestions: list[Any]) -> dict[int, bool]:
    decisions = {}
    for suggestion in suggestions:
        value = request.POST.get(f"s{suggestion.pk}")
        if value in {"weglaten", "laten"}:
            decisions[suggestion.pk] = value == "weglaten"
    return decisions


@organisation_view()
def review(request: AuthedRequest, experience_id: int) -> HttpResponse:
    experience = _own_or_404(request, experience_id)
    if experience.state != State.REVIEW:
        if experience.state == State.DEIDENTIFYING:
            messages.info(request, _("Kwartier is nog bezig met zoeken. Probeer het zo weer."))
        return redirect("knowledge:my_detail", experience_id=experience.pk)
    suggestions = selectors.suggestion_list(experience=experience)
    form = ReviewExtraForm(
        request.POST or None,
        initial={"mode": experience.replacement_mode, "extra_label": "PERSON"},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.experience_review_save(
                experience=experience,
                user=request.user,
                decisions=_decisions_from_post(request, suggestions),
                extra_phrases=form.cleaned_data["extra"].splitlines(),
                extra_label=form.cleaned_data["extra_label"],
                mode=form.cleaned_data["mode"],
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            if request.POST.get("action") == "approve":
                return redirect("knowledge:publish", experience_id=experience.pk)
            messages.success(
                request, _("Uw keuzes zijn opgeslagen. Bekijk het voorbeeld hieronder.")
            )
            return redirect(reverse("knowledge:review", args=[experience.pk]) + "#voorbeeld")
    _record_read_of_original(request, experience)
    return render(
        request,
        "knowledge/review.html",
        {
            "experience": experience,
            "form": form,
            "suggestions": suggestions,
            "title_suggestions": [s for s in suggestions if s.field == "title"],
            "text_suggestions": [s for s in suggestions if s.field == "text"],
            "preview": selectors.experience_preview(experience=experience, suggestions=suggestions),
            "label_names": LABEL_NAMES,
            "Decision": Decision,
        },
    )


@organisation_view()
def publish(request: AuthedRequest, experience_id: int) -> HttpResponse:
    experience = _own_or_404(request, experience_id)
    if experience.state not in (State.REVIEW, State.PUBLISHED):
        messages.info(request, _("Loop eerst de gevonden herkenbare gegevens na."))
        return redirect("knowledge:my_detail", experience_id=experience.pk)
    allowed = services.shareable_visibilities(experience)
    initial_visibility = (
        experience.visibility if experience.visibility in allowed else Visibility.ORGANISATION
    )
    preview = selectors.experience_share_preview(experience=experience)
    form = PublishForm(
        request.POST or None,
        allowed=allowed,
        initial={"visibility": initial_visibility, "preview_hash": preview.hash},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.experience_publish(
                experience=experience,
                user=request.user,
                visibility=form.cleaned_data["visibility"],
                purposes=form.cleaned_data["purposes"],
                consent_given=form.cleaned_data["consent"],
                preview_hash=form.cleaned_data["preview_hash"],
            )
        except services.StalePreview as error:
            # Show what would be shared now; consent has to be given again.
            messages.error(request, " ".join(error.messages))
            experience = _own_or_404(request, experience_id)
            preview = error.fresh
            form = PublishForm(
                allowed=allowed,
                initial={
                    "visibility": form.cleaned_data["visibility"],
                    "purposes": form.cleaned_data["purposes"],
                    "preview_hash": preview.hash,
                },
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            label = dict(Visibility.choices)[form.cleaned_data["visibility"]]
            messages.success(
                request,
                _(
                    "Uw verhaal is gedeeld (zichtbaar voor: %(reach)s). U kunt het altijd "
                    "weer intrekken."
                )
                % {"reach": label},
            )
            return redirect("knowledge:my_detail", experience_id=experience.pk)
    return render(
        request,
        "knowledge/publish.html",
        {
            "experience": experience,
            "form": form,
            "preview_title": preview.title,
            "preview_text": preview.text,
            "preview_tags": preview.tags,
            "audience": selectors.experience_audience(experience=experience),
            "network_allowed": Visibility.NETWORK in allowed,
            "recording": selectors.recording_consent(experience=experience),
        },
    )


@organisation_view()
def withdraw(request: AuthedRequest, experience_id: int) -> HttpResponse:
    experience = _own_or_404(request, experience_id)
    if experience.state == State.WITHDRAWN:
        messages.info(request, _("Dit verhaal is al ingetrokken."))
        return redirect("knowledge:my_detail", experience_id=experience.pk)
    if request.method == "POST":
        services.experience_withdraw(experience=experience, user=request.user)
        messages.success(
            request,
            _("Uw verhaal is ingetrokken. Niemand anders kan het nog lezen of vinden."),
        )
        return redirect("knowledge:my_detail", experience_id=experience.pk)
    return render(request, "knowledge/withdraw.html", {"experience": experience})


@organisation_view()
def delete(request: AuthedRequest, experience_id: int) -> HttpResponse:
    experience = _own_or_404(request, experience_id)
    if request.method == "POST":
        services.experience_delete(experience=experience, user=request.user)
        messages.success(request, _("Het verhaal is verwijderd."))
        return redirect("knowledge:mine")
    return render(
        request,
        "core/confirm_delete.html",
        {
            "title": _("Dit verhaal definitief verwijderen?"),
            "explanation": _(
                "Het verhaal en al zijn versies verdwijnen. Wat u eerder deelde, is meteen "
                "voor niemand meer te zien. Het bewijs van uw toestemmingen blijft bewaard, "
                "zonder het verhaal."
            ),
            "cancel_url": reverse("knowledge:my_detail", args=[experience.pk]),
        },
    )


@organisation_view()
def access_log(request: AuthedRequest) -> HttpResponse:
    user = request.user
    reads = selectors.reads_of_own_experiences(user=user)
    page = paginate(request, reads)
    titles = {
        str(e.pk): e.title_original
        for e in selectors.experience_list_own_everywhere(user=user).filter(
            pk__in=[int(entry.object_id) for entry in page.object_list if entry.object_id.isdigit()]
        )
    }
    rows = [
        (entry, titles.get(entry.object_id, ""), _access_description(entry))
        for entry in page.object_list
    ]
    return render(request, "knowledge/access_log.html", {"page": page, "rows": rows})


def _access_description(entry: Any) -> str:
    """What the reader did, in the author's words."""
    if entry.action == "export":
        return _("gedownload in een export")
    if entry.detail == services.ADMIN_READ_DETAIL:
        return _("geopend in het platformbeheer (zonder uw oorspronkelijke tekst)")
    excerpt = selectors.Excerpt.parse(entry.detail)
    if excerpt is not None:
        kinds = {
            "zoeken": _("een zoekopdracht"),
            "bladeren": _("bladeren door de kennisbank"),
            "api-zoeken": _("een zoekopdracht via de API"),
            "api-bladeren": _("bladeren via de API"),
        }
        return _("een fragment gezien bij %(kind)s: %(words)s woorden, %(characters)s tekens") % {
            "kind": kinds.get(excerpt.kind, excerpt.kind),
            "words": excerpt.words,
            "characters": excerpt.characters,
        }
    return _("gelezen")


# --- the kennisbank ----------------------------------------------------------------------------


def _search_query(form: SearchForm, scope: Scope) -> SearchQuery:
    data = form.cleaned_data
    return SearchQuery(
        text=data.get("q") or "",
        scope=scope,
        domain=data.get("domein") or None,
        life_phase=data.get("levensfase") or None,
        tag=(data.get("trefwoord") or "").lower() or None,
        organisation_id=data.get("organisatie"),
        year=data.get("jaar"),
        page=data.get("pagina") or 1,
        per_page=PER_PAGE,
    )


def _url_with(request: HttpRequest, **changes: Any) -> str:
    query = request.GET.copy()
    query.pop("pagina", None)
    for name, value in changes.items():
        if value is None:
            query.pop(name, None)
        else:
            query[name] = str(value)
    encoded = urlencode(sorted(query.items()))
    return f"?{encoded}" if encoded else "?"


FACET_PARAMS = {
    "domain": "domein",
    "life_phase": "levensfase",
    "tag": "trefwoord",
    "organisation_id": "organisatie",
    "year": "jaar",
}


def _facets(request: HttpRequest, facets: dict[str, list[tuple[Any, int]]]) -> list[dict[str, Any]]:
    domains = selectors.domain_names()
    phases = dict(LifePhase.choices)
    organisations = selectors.organisation_names(
        [value for value, _count in facets.get("organisation_id", [])]
    )
    titles = {
        "domain": _("Ervaringsdomein"),
        "life_phase": _("Levensfase"),
        "tag": _("Trefwoord"),
        "organisation_id": _("Organisatie"),
        "year": _("Jaar"),
    }
    labels: dict[str, Any] = {
        "domain": domains,
        "life_phase": phases,
        "organisation_id": organisations,
    }
    groups = []
    for name, values in facets.items():
        param = FACET_PARAMS[name]
        current = request.GET.get(param, "")
        options = []
        for value, count in values[:15]:
            active = str(value) == current
            options.append(
                {
                    "label": labels.get(name, {}).get(value, value),
                    "count": count,
                    "active": active,
                    "url": _url_with(request, **{param: None if active else value}),
                }
            )
        if options:
            groups.append({"title": titles[name], "options": options, "param": param})
    return groups


def _active_filters(request: HttpRequest, form: SearchForm) -> list[dict[str, str]]:
    if not form.is_valid():
        return []
    domains = selectors.domain_names()
    phases = dict(LifePhase.choices)
    shown = []
    for param in SearchForm.FILTERS:
        value = form.cleaned_data.get(param)
        if not value:
            continue
        label = str(value)
        if param == "domein":
            label = domains.get(value, label)
        elif param == "levensfase":
            label = str(phases.get(value, label))
        elif param == "organisatie":
            label = selectors.organisation_names([value]).get(value, label)
        shown.append({"label": label, "url": _url_with(request, **{param: None})})
    return shown


def _released(
    result: selectors.SearchResult, *, user: Any, organisation: Any, kind: str
) -> selectors.SearchResult:
    """Log the excerpts shown and leave out those past the reader's daily budget."""
    allowed = services.experience_excerpts_release(
        user=user,
        organisation=organisation,
        excerpts=[(e, selectors.excerpt_text(hit)) for hit, e in result.hits],
        kind=kind,
    )
    hits = [
        (hit if e.pk in allowed else dataclasses.replace(hit, body_snippet=()), e)
        for hit, e in result.hits
    ]
    return selectors.SearchResult(page=result.page, hits=hits)


def _search_context(
    request: HttpRequest, *, user: Any, scope: Scope, public: bool
) -> dict[str, Any]:
    form = SearchForm(request.GET or None)
    context: dict[str, Any] = {"form": form, "public": public, "result": None}
    if request.GET and not form.is_valid():
        return context
    if not request.GET:
        form = SearchForm({})
        form.is_valid()
    query = _search_query(form, scope)
    result = selectors.experience_search(user=user, query=query)
    if not public:
        result = _released(
            result,
            user=user,
            organisation=require_membership(request).organisation,
            kind="bladeren" if query.is_browse else "zoeken",
        )
    page = result.page
    context.update(
        result=result,
        query=query,
        facets=_facets(request, page.facets),
        active_filters=_active_filters(request, form),
        previous_url=_url_with(request, pagina=page.page - 1) if page.page > 1 else "",
        next_url=_url_with(request, pagina=page.page + 1) if page.page < page.num_pages else "",
        domains=selectors.domain_list(),
        filtered=bool(form.filters_text()),
    )
    if not public:
        services.experience_search_record(
            user=user,
            organisation=require_membership(request).organisation,
            query_text=query.text,
            filters=form.filters_text(),
        )
    return context


@organisation_view("knowledge.view_kennisbank")
@rate_limit("search", per="user")
def search(request: AuthedRequest) -> HttpResponse:
    context = _search_context(
        request,
        user=request.user,
        scope=selectors.search_scope(user=request.user),
        public=False,
    )
    return render(request, "knowledge/search.html", context)


@organisation_view("knowledge.view_kennisbank")
def detail(request: AuthedRequest, experience_id: int) -> HttpResponse:
    try:
        experience = selectors.experience_get_shared(user=request.user, experience_id=experience_id)
    except Experience.DoesNotExist as error:
        raise Http404 from error
    services.experience_read_record(
        experience=experience,
        reader=request.user,
        organisation=_membership(request).organisation,
        via="pagina",
    )
    return render(request, "knowledge/detail.html", {"experience": experience, "public": False})


@organisation_view("knowledge.view_kennisbank")
def export(request: AuthedRequest) -> StreamingHttpResponse:
    """Every shared story the member may read, de-identified, as CSV (logged)."""
    experiences = list(selectors.experience_list_shared(user=request.user).select_related("author"))
    services.experience_export_record(
        user=request.user,
        organisation=_membership(request).organisation,
        experiences=experiences,
    )
    phases = dict(LifePhase.choices)
    visibilities = dict(Visibility.choices)
    header = [
        _("titel"),
        _("verhaal"),
        _("domeinen"),
        _("levensfase"),
        _("trefwoorden"),
        _("organisatie"),
        _("jaar"),
        _("zichtbaar voor"),
    ]

    def rows() -> Iterator[list[Any]]:
        for e in experiences:
            yield [
                e.shared_title,
                e.shared_text,
                ", ".join(d.name for d in e.domains.all()),
                phases.get(e.life_phase, ""),
                ", ".join(e.shared_tags),
                e.organisation.name,
                e.published_at.year if e.published_at else "",
                visibilities[e.visibility],
            ]

    # CsvStream neutralises cells that a spreadsheet would run (a title "=HYPERLINK(…)").
    response = StreamingHttpResponse(
        CsvStream().rows(header, rows()), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="kennisbank.csv"'
    return response


@rate_limit("public")
def public_search(request: HttpRequest) -> HttpResponse:
    context = _search_context(
        request, user=selectors.AnonymousReader(), scope=Scope.anonymous(), public=True
    )
    return render(request, "knowledge/search.html", context)


@rate_limit("public")
def public_detail(request: HttpRequest, public_id: Any) -> HttpResponse:
    try:
        experience = selectors.experience_get_public(public_id=public_id)
    except Experience.DoesNotExist as error:
        raise Http404 from error
    return render(request, "knowledge/detail.html", {"experience": experience, "public": True})
