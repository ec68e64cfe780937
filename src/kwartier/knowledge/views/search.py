"""The kennisbank: search with facets and excerpts, a shared story, the export, and the
public pages."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    StreamingHttpResponse,
)
from django.shortcuts import render
from django.utils.translation import gettext as _

from kwartier.core.decorators import organisation_view, require_membership
from kwartier.core.exports import CsvStream
from kwartier.core.http import AuthedRequest
from kwartier.core.ratelimit import rate_limit
from kwartier.knowledge import selectors, services
from kwartier.knowledge.forms import (
    SearchForm,
)
from kwartier.knowledge.models import (
    Experience,
    LifePhase,
    Visibility,
)
from kwartier.knowledge.search.base import Scope, SearchQuery
from kwartier.knowledge.views.common import (
    PER_PAGE,
    membership,
)

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
        organisation=membership(request).organisation,
        via="pagina",
    )
    return render(request, "knowledge/detail.html", {"experience": experience, "public": False})


@organisation_view("knowledge.view_kennisbank")
def export(request: AuthedRequest) -> StreamingHttpResponse:
    """Every shared story the member may read, de-identified, as CSV (logged)."""
    experiences = list(selectors.experience_list_shared(user=request.user).select_related("author"))
    services.experience_export_record(
        user=request.user,
        organisation=membership(request).organisation,
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
