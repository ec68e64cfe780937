"""Pages of the vacancies part: the organisation's vacancies (under /inzet/vacatures/),
the public pages /vacatures/ (list with filters, detail with JSON-LD, applications), the
Atom feed, saved searches, the worker's "vacatures voor mij" and the matching list."""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime, time
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.syndication.views import Feed
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from kwartier.core.decorators import organisation_view
from kwartier.core.forms import add_validation_errors
from kwartier.core.http import AuthedRequest, SignedInRequest, acting_user
from kwartier.core.models import Job
from kwartier.core.pagination import paginate
from kwartier.core.ratelimit import rate_limit
from kwartier.core.services import access_read_record
from kwartier.core.shortcuts import confirm_then, get_or_404
from kwartier.workforce import vacancy_selectors as selectors
from kwartier.workforce import vacancy_services as services
from kwartier.workforce.models import (
    PayUnit,
    Vacancy,
    VacancyKind,
    VacancyScope,
    VacancyState,
)
from kwartier.workforce.vacancy_forms import (
    ApplicationForm,
    PlacementForm,
    SavedSearchForm,
    VacancyFilterForm,
    VacancyForm,
)


def _today() -> date:
    return timezone.localdate()


def _vacancy_or_404(request: AuthedRequest, vacancy_id: int) -> Vacancy:
    return get_or_404(
        selectors.vacancy_get, organisation=request.membership.organisation, vacancy_id=vacancy_id
    )


# --- the organisation's own vacancies ----------------------------------------------------


@organisation_view("workforce.view_vacancies")
def vacancy_list(request: AuthedRequest) -> HttpResponse:
    organisation = request.membership.organisation
    return render(
        request,
        "workforce/vacancies/list.html",
        {
            "page": paginate(request, selectors.vacancy_list(organisation=organisation)),
            "can_post": request.user.has_perm("workforce.post_vacancies", organisation),
        },
    )


def _vacancy_form_data(form: VacancyForm) -> dict[str, Any]:
    data = dict(form.cleaned_data)
    domains = list(data.pop("domains"))
    return {"domains": domains, **data}


@organisation_view("workforce.post_vacancies")
def vacancy_create(request: AuthedRequest) -> HttpResponse:
    organisation = request.membership.organisation
    form = VacancyForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            vacancy = services.vacancy_create(
                organisation=organisation, created_by=request.user, **_vacancy_form_data(form)
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("De vacature is als concept opgeslagen."))
            return redirect("vacancies:detail", vacancy_id=vacancy.pk)
    return render(request, "workforce/vacancies/form.html", {"form": form, "vacancy": None})


@organisation_view("workforce.post_vacancies")
def vacancy_edit(request: AuthedRequest, vacancy_id: int) -> HttpResponse:
    organisation = request.membership.organisation
    vacancy = _vacancy_or_404(request, vacancy_id)
    form = VacancyForm(request.POST or None, instance=vacancy, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            services.vacancy_update(vacancy=vacancy, **_vacancy_form_data(form))
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("De vacature is opgeslagen."))
            return redirect("vacancies:detail", vacancy_id=vacancy.pk)
    return render(request, "workforce/vacancies/form.html", {"form": form, "vacancy": vacancy})


@organisation_view("workforce.view_vacancies")
def vacancy_detail(request: AuthedRequest, vacancy_id: int) -> HttpResponse:
    organisation = request.membership.organisation
    vacancy = _vacancy_or_404(request, vacancy_id)
    can_post = request.user.has_perm("workforce.post_vacancies", organisation)
    job = None
    if can_post and vacancy.alert_job_id:
        # Jobs are shown to who started them (core.selectors.job_get, used by the progress
        # component's refresh, has the same rule).
        job = Job.objects.filter(
            pk=vacancy.alert_job_id, organisation=organisation, created_by=request.user
        ).first()
    return render(
        request,
        "workforce/vacancies/detail.html",
        {
            "vacancy": vacancy,
            "pay": services.pay_summary(vacancy),
            "can_post": can_post,
            "can_match": request.user.has_perm("workforce.view_matches", organisation),
            "problems": services.vacancy_publish_problems(vacancy, today=_today())
            if vacancy.state != VacancyState.PUBLISHED
            else [],
            "applications": selectors.application_list(vacancy=vacancy) if can_post else [],
            "job": job,
        },
    )


@organisation_view("workforce.post_vacancies")
def vacancy_publish(request: AuthedRequest, vacancy_id: int) -> HttpResponse:
    vacancy = _vacancy_or_404(request, vacancy_id)
    problems = services.vacancy_publish_problems(vacancy, today=_today())
    if request.method == "POST":
        try:
            services.vacancy_publish(vacancy=vacancy, user=request.user, today=_today())
        except services.PublishRefused as refused:
            problems = refused.problems
        else:
            messages.success(request, _("De vacature is gepubliceerd."))
            return redirect("vacancies:detail", vacancy_id=vacancy.pk)
    return render(
        request,
        "workforce/vacancies/publish.html",
        {"vacancy": vacancy, "problems": problems, "posted": request.method == "POST"},
        status=400 if problems and request.method == "POST" else 200,
    )


@organisation_view("workforce.post_vacancies")
def vacancy_close(request: AuthedRequest, vacancy_id: int) -> HttpResponse:
    vacancy = _vacancy_or_404(request, vacancy_id)
    detail_url = reverse("vacancies:detail", kwargs={"vacancy_id": vacancy.pk})
    return confirm_then(
        request,
        action=lambda: services.vacancy_close(vacancy=vacancy),
        done_message=_("De vacature is gesloten."),
        done_url=detail_url,
        cancel_url=detail_url,
        title=_("Vacature “%(title)s” sluiten") % {"title": vacancy.title},
        explanation=_(
            "Na het sluiten staat de vacature niet meer op de vacaturepagina en in de "
            "feed. U kunt haar later opnieuw publiceren."
        ),
        confirm_label=_("Sluiten"),
    )


@organisation_view("workforce.view_matches")
def vacancy_matches(request: AuthedRequest, vacancy_id: int) -> HttpResponse:
    organisation = request.membership.organisation
    vacancy = _vacancy_or_404(request, vacancy_id)
    matches = selectors.vacancy_matches(vacancy=vacancy, today=_today())
    for match in matches:
        if match.profile.organisation_id != organisation.pk:
            access_read_record(
                reader=request.user,
                organisation=match.profile.organisation,
                object_type="workforce_profile_match",
                object_id=match.profile.pk,
                detail=f"vacancy {vacancy.pk}",
            )
    return render(
        request, "workforce/vacancies/matches.html", {"vacancy": vacancy, "matches": matches}
    )


@organisation_view("workforce.post_vacancies")
def vacancy_placement(request: AuthedRequest, vacancy_id: int) -> HttpResponse:
    vacancy = _vacancy_or_404(request, vacancy_id)
    initial = {"answer": vacancy.placement_answer, "note": vacancy.placement_note}
    form = PlacementForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.placement_answer(
                vacancy=vacancy,
                user=request.user,
                answer=form.cleaned_data["answer"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("Dank u wel: het antwoord is bewaard."))
            return redirect("vacancies:detail", vacancy_id=vacancy.pk)
    return render(request, "workforce/vacancies/placement.html", {"vacancy": vacancy, "form": form})


@organisation_view("workforce.view_vacancy_fits")
def vacancies_for_me(request: AuthedRequest) -> HttpResponse:
    profile = selectors.profile_of_user(
        user=request.user, organisation=request.membership.organisation
    )
    fits = selectors.vacancies_for_profile(profile=profile, today=_today()) if profile else []
    return render(request, "workforce/vacancies/for_me.html", {"profile": profile, "fits": fits})


# --- saved searches ------------------------------------------------------------------------


@login_required
def saved_searches(request: SignedInRequest) -> HttpResponse:
    form = SavedSearchForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.saved_search_create(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(
                request,
                _("De zoekopdracht is bewaard. U krijgt een e-mail bij nieuwe vacatures."),
            )
            return redirect("vacancies:searches")
    searches = list(selectors.saved_search_list(user=request.user))
    return render(
        request,
        "workforce/vacancies/searches.html",
        {"searches": searches, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def saved_search_delete(request: SignedInRequest, search_id: int) -> HttpResponse:
    search = get_or_404(selectors.saved_search_get, user=request.user, search_id=search_id)
    return confirm_then(
        request,
        action=lambda: services.saved_search_delete(search=search),
        done_message=_("De zoekopdracht is verwijderd."),
        done_url=reverse("vacancies:searches"),
        cancel_url=reverse("vacancies:searches"),
        title=_("Zoekopdracht “%(name)s” verwijderen") % {"name": search.name},
        explanation=_("U krijgt dan geen e-mail meer over nieuwe vacatures hiervoor."),
    )


# --- public pages --------------------------------------------------------------------------


def _filters(form: VacancyFilterForm) -> selectors.VacancyFilters:
    if not form.is_valid():
        return selectors.VacancyFilters()
    data = form.cleaned_data
    return selectors.VacancyFilters(
        role=data["role"], kind=data["kind"], domain=data["domain"], region=data["region"].strip()
    )


@rate_limit("public")
def public_list(request: HttpRequest) -> HttpResponse:
    form = VacancyFilterForm(request.GET or None)
    filters = _filters(form)
    user = acting_user(request) if request.user.is_authenticated else request.user
    vacancies = selectors.public_vacancy_list(user=user, today=_today(), filters=filters)
    save_form = SavedSearchForm(
        initial={
            "role": filters.role,
            "kind": filters.kind,
            "domain": filters.domain,
            "region": filters.region,
        }
    )
    return render(
        request,
        "workforce/vacancies/public_list.html",
        {
            "form": form if form.is_bound else VacancyFilterForm(),
            "page": paginate(request, vacancies),
            "filtered": not filters.is_empty,
            "save_form": save_form,
        },
    )


EMPLOYMENT_TYPES = {
    VacancyKind.PAID: "PART_TIME",
    VacancyKind.VOLUNTEER: "VOLUNTEER",
    VacancyKind.ASSIGNMENT: "CONTRACTOR",
}
UNIT_TEXT = {PayUnit.HOUR: "HOUR", PayUnit.MONTH: "MONTH", PayUnit.YEAR: "YEAR"}


def job_posting(vacancy: Vacancy, *, url: str, description: str) -> dict[str, Any]:
    """schema.org JobPosting for a public vacancy (Google's required and recommended
    properties; baseSalary for paid posts)."""
    place = vacancy.place or vacancy.organisation.city or vacancy.region
    data: dict[str, Any] = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": vacancy.title,
        "description": description,
        "datePosted": (vacancy.published_at or timezone.now()).date().isoformat(),
        "validThrough": datetime.combine(
            vacancy.valid_through or _today(), time(23, 59)
        ).isoformat(),
        "employmentType": EMPLOYMENT_TYPES.get(VacancyKind(vacancy.kind), "OTHER"),
        "hiringOrganization": {
            "@type": "Organization",
            "name": vacancy.organisation.name,
            **({"sameAs": vacancy.organisation.website} if vacancy.organisation.website else {}),
        },
        "jobLocation": {
            "@type": "Place",
            "address": {
                "@type": "PostalAddress",
                "addressLocality": place,
                "addressRegion": vacancy.region or place,
                "addressCountry": "NL",
            },
        },
        "identifier": {
            "@type": "PropertyValue",
            "name": vacancy.organisation.name,
            "value": str(vacancy.public_id),
        },
        "url": url,
        "directApply": True,
    }
    if vacancy.kind == VacancyKind.PAID and vacancy.pay_min and vacancy.pay_unit in UNIT_TEXT:
        value: dict[str, Any] = {
            "@type": "QuantitativeValue",
            "unitText": UNIT_TEXT[PayUnit(vacancy.pay_unit)],
        }
        if vacancy.pay_max and vacancy.pay_max != vacancy.pay_min:
            value["minValue"] = float(vacancy.pay_min)
            value["maxValue"] = float(vacancy.pay_max)
        else:
            value["value"] = float(vacancy.pay_min)
        data["baseSalary"] = {"@type": "MonetaryAmount", "currency": "EUR", "value": value}
    return data


def json_ld(data: dict[str, Any]) -> SafeString:
    """A JSON-LD script block; <, > and & escaped so the text cannot close the element."""
    text = json.dumps(data, ensure_ascii=False)
    text = text.replace("<", "\\u003C").replace(">", "\\u003E").replace("&", "\\u0026")
    # <, > and & are escaped above, as json_script does (bandit B308/B703 reviewed)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308  # nosec B308 B703


def _description_html(vacancy: Vacancy) -> str:
    paragraphs = [p.strip() for p in vacancy.description.split("\n\n") if p.strip()]
    return "".join(f"<p>{escape(p)}</p>" for p in paragraphs) or f"<p>{escape(vacancy.title)}</p>"


# Reactions without an account, per client address: at most this many per quarter hour.
PUBLIC_APPLICATIONS_PER_WINDOW = 5
PUBLIC_APPLICATION_WINDOW = 15 * 60


def _too_many_applications(request: HttpRequest) -> bool:
    """A plain guard against a script filling in the public form (the address is hashed
    and kept only in the cache, for the window)."""
    address = request.META.get("REMOTE_ADDR", "")
    key = "vacancy-apply:" + hashlib.sha256(address.encode()).hexdigest()[:32]
    cache.add(key, 0, PUBLIC_APPLICATION_WINDOW)
    try:
        count = cache.incr(key)
    except ValueError:
        return False
    return count > PUBLIC_APPLICATIONS_PER_WINDOW


@rate_limit("public")
def public_detail(request: HttpRequest, public_id: Any) -> HttpResponse:
    user = acting_user(request) if request.user.is_authenticated else request.user
    vacancy = get_or_404(
        selectors.visible_vacancy_get, user=user, public_id=public_id, today=_today()
    )
    signed_in = request.user.is_authenticated
    initial = {}
    if signed_in:
        initial = {"name": acting_user(request).full_name, "email": acting_user(request).email}
    form = ApplicationForm(request.POST or None, initial=initial)
    if request.method == "POST" and not signed_in and _too_many_applications(request):
        form.add_error(
            None,
            _("Er kwamen net veel reacties van dit adres. Probeer het over een kwartier opnieuw."),
        )
    if request.method == "POST" and form.is_valid():
        profile = None
        membership = getattr(request, "membership", None)
        if signed_in and membership:
            profile = selectors.profile_of_user(
                user=acting_user(request), organisation=membership.organisation
            )
        try:
            services.application_create(
                vacancy=vacancy,
                user=acting_user(request) if signed_in else None,
                profile=profile,
                **form.cleaned_data,
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(
                request,
                _("Dank u wel voor uw reactie. %(organisation)s neemt contact met u op.")
                % {"organisation": vacancy.organisation.name},
            )
            return redirect("vacancies_public:detail", public_id=vacancy.public_id)
    url = request.build_absolute_uri()
    structured = (
        json_ld(job_posting(vacancy, url=url, description=_description_html(vacancy)))
        if vacancy.scope == VacancyScope.PUBLIC
        else ""
    )
    return render(
        request,
        "workforce/vacancies/public_detail.html",
        {
            "vacancy": vacancy,
            "pay": services.pay_summary(vacancy),
            "form": form,
            "json_ld": structured,
        },
        status=400 if form.errors else 200,
    )


class VacancyFeed(Feed):
    """The public vacancies as an Atom feed (job sites and feed readers pick them up)."""

    feed_type = Atom1Feed
    link = "/vacatures/"

    def title(self) -> str:
        return _("Vacatures voor ervaringswerkers – Kwartier")

    def subtitle(self) -> str:
        return _("Betaalde functies, vrijwilligersrollen en opdrachten voor ervaringswerkers.")

    def items(self) -> list[Vacancy]:
        return selectors.feed_vacancy_list(today=_today())

    def item_title(self, item: Vacancy) -> str:
        return f"{item.title} – {item.organisation.name}"

    def item_description(self, item: Vacancy) -> str:
        parts = [
            item.get_kind_display(),
            item.get_role_display(),
            _("%(hours)s uur per week") % {"hours": f"{item.hours_per_week.normalize():f}"},
            item.place or item.region,
            services.pay_summary(item),
        ]
        summary = " · ".join(str(part) for part in parts if part)
        return f"{summary}\n\n{item.description}".strip()

    def item_link(self, item: Vacancy) -> str:
        return reverse("vacancies_public:detail", kwargs={"public_id": item.public_id})

    def item_guid(self, item: Vacancy) -> str:
        return f"urn:uuid:{item.public_id}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: Vacancy) -> datetime | None:
        return item.published_at

    def item_updateddate(self, item: Vacancy) -> datetime:
        return item.updated_at

    def item_author_name(self, item: Vacancy) -> str:
        return item.organisation.name

    def item_categories(self, item: Vacancy) -> list[str]:
        return [domain.name for domain in item.domains.all()]
