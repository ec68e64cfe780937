"""The work of the vacancy jobs (called by `vacancy_tasks`): e-mail alerts for saved
searches and the four-week question "did this lead to a placement?".

Each function advances its Job row, so the page that started it shows progress, and is
idempotent: a vacancy is sent to a saved search once (VacancyAlert), a poster is asked
once (placement_asked_at).
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kwartier.core import services as core_services
from kwartier.workforce import vacancy_selectors as selectors
from kwartier.workforce.models import SavedSearch, Vacancy, VacancyAlert


def site_url(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def vacancy_public_url(vacancy: Vacancy) -> str:
    return site_url(reverse("vacancies_public:detail", kwargs={"public_id": vacancy.public_id}))


def _send_alert(search: SavedSearch, vacancies: list[Vacancy]) -> None:
    context = {
        "search": search,
        "vacancies": [(vacancy, vacancy_public_url(vacancy)) for vacancy in vacancies],
        "searches_url": site_url(reverse("vacancies:searches")),
    }
    send_mail(
        subject=_("Nieuwe vacatures voor uw zoekopdracht “%(name)s”") % {"name": search.name},
        message=render_to_string("workforce/vacancies/email/alert.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[search.user.email],
    )


def _mark_sent(search: SavedSearch, vacancies: list[Vacancy]) -> list[Vacancy]:
    """Record the vacancies as sent; those another run recorded first are dropped."""
    fresh = []
    for vacancy in vacancies:
        try:
            with transaction.atomic():
                VacancyAlert.objects.create(search=search, vacancy=vacancy)
        except IntegrityError:
            continue
        fresh.append(vacancy)
    if fresh:
        SavedSearch.objects.filter(pk=search.pk).update(last_alert_at=timezone.now())
    return fresh


def alerts_for_vacancy(*, job_id: uuid.UUID | str, vacancy_id: int, today: date) -> int:
    """Send a just-published vacancy to every saved search it fits. Returns how many."""
    vacancy = Vacancy.objects.prefetch_related("domains").get(pk=vacancy_id)
    searches = selectors.saved_searches_for_vacancy(vacancy=vacancy, today=today)
    core_services.job_start(job_id, total=len(searches))
    sent = 0
    for search in searches:
        if _mark_sent(search, [vacancy]):
            _send_alert(search, [vacancy])
            sent += 1
        core_services.job_advance(job_id)
    return sent


def alerts_for_all(*, job_id: uuid.UUID | str, today: date) -> int:
    """Every saved search: the visible vacancies that fit it and were not sent yet."""
    searches = list(SavedSearch.objects.select_related("user", "domain"))
    core_services.job_start(job_id, total=len(searches))
    sent = 0
    for search in searches:
        if search.user.is_active:
            new = selectors.saved_search_new_vacancies(search=search, today=today)
            fresh = _mark_sent(search, new)
            if fresh:
                _send_alert(search, fresh)
                sent += 1
        core_services.job_advance(job_id)
    return sent


def placement_followups(*, job_id: uuid.UUID | str, now: Any) -> int:
    """Ask each poster, four weeks after publication, whether it led to a placement."""
    due = list(selectors.placement_followup_due(now=now))
    core_services.job_start(job_id, total=len(due))
    asked = 0
    for vacancy in due:
        claimed = Vacancy.objects.filter(pk=vacancy.pk, placement_asked_at__isnull=True).update(
            placement_asked_at=now
        )
        if claimed and vacancy.created_by is not None and vacancy.created_by.email:
            context = {
                "vacancy": vacancy,
                "answer_url": site_url(
                    reverse("vacancies:placement", kwargs={"vacancy_id": vacancy.pk})
                ),
            }
            send_mail(
                subject=_("Heeft de vacature “%(title)s” tot een plaatsing geleid?")
                % {"title": vacancy.title},
                message=render_to_string("workforce/vacancies/email/placement.txt", context),
                from_email=settings.DEFAULT_FROM_EMAIL,
                recipient_list=[vacancy.created_by.email],
            )
            asked += 1
        core_services.job_advance(job_id)
    return asked
