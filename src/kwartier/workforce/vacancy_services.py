"""Writes of the vacancies part: vacancies, publishing (and its refusal), applications,
saved searches, the placement answer, and the starters of the vacancy jobs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kwartier.core import services as core_services
from kwartier.core.models import Job
from kwartier.workforce import allowance, vacancy_tasks
from kwartier.workforce.models import (
    Application,
    IntervisieGroup,
    PayUnit,
    PlacementAnswer,
    Profile,
    SavedSearch,
    Vacancy,
    VacancyKind,
    VacancyState,
)
from kwartier.workforce.vacancy_notify import site_url

if TYPE_CHECKING:
    from kwartier.accounts.models import Domain, Organisation, User

# A published vacancy without a closing date stays open this long.
DEFAULT_OPEN_FOR = timedelta(weeks=8)
VACANCY_FIELDS = (
    "title",
    "description",
    "kind",
    "role",
    "team",
    "hours_per_week",
    "place",
    "region",
    "pay_min",
    "pay_max",
    "pay_unit",
    "pay_scale",
    "allowance_per_hour",
    "allowance_per_month",
    "pay_note",
    "support_group",
    "support_plan",
    "scope",
    "valid_through",
)


@dataclass(frozen=True)
class PublishProblem:
    """Why a vacancy may not be published yet: the field and the reason, in Dutch."""

    field: str
    detail: str


class PublishRefused(Exception):
    def __init__(self, problems: list[PublishProblem]) -> None:
        super().__init__("; ".join(problem.detail for problem in problems))
        self.problems = problems


def _check_support_group(organisation: Organisation, group: IntervisieGroup | None) -> None:
    if group is None:
        return
    own = group.organisation_id == organisation.pk
    in_network = (
        group.network_id is not None and organisation.networks.filter(pk=group.network_id).exists()
    )
    if not (own or in_network):
        raise ValidationError({"support_group": _("Kies een intervisiegroep van uw netwerk.")})


def _save(vacancy: Vacancy, domains: list[Domain] | None) -> Vacancy:
    if vacancy.state == VacancyState.PUBLISHED:
        # A change must not slip past the publishing rules.
        problems = vacancy_publish_problems(vacancy, today=timezone.localdate())
        if problems:
            raise ValidationError({problem.field: problem.detail for problem in problems})
    vacancy.full_clean(exclude=["domains"])
    vacancy.save()
    if domains is not None:
        vacancy.domains.set(domains)
    return vacancy


@transaction.atomic
def vacancy_create(
    *, organisation: Organisation, created_by: User | None, domains: list[Domain], **data: Any
) -> Vacancy:
    unknown = set(data) - set(VACANCY_FIELDS)
    if unknown:
        raise TypeError(f"unknown vacancy fields: {sorted(unknown)}")
    if data.get("team") is not None and data["team"].organisation_id != organisation.pk:
        raise ValidationError({"team": _("Kies een team van uw eigen organisatie.")})
    _check_support_group(organisation, data.get("support_group"))
    vacancy = Vacancy(organisation=organisation, created_by=created_by, **data)
    return _save(vacancy, domains)


@transaction.atomic
def vacancy_update(
    *, vacancy: Vacancy, domains: list[Domain] | None = None, **data: Any
) -> Vacancy:
    unknown = set(data) - set(VACANCY_FIELDS)
    if unknown:
        raise TypeError(f"unknown vacancy fields: {sorted(unknown)}")
    if data.get("team") is not None and data["team"].organisation_id != vacancy.organisation_id:
        raise ValidationError({"team": _("Kies een team van uw eigen organisatie.")})
    _check_support_group(vacancy.organisation, data.get("support_group"))
    for name, value in data.items():
        setattr(vacancy, name, value)
    return _save(vacancy, domains)


def _pay_problems(vacancy: Vacancy) -> list[PublishProblem]:
    if vacancy.kind == VacancyKind.VOLUNTEER:
        amounts = [vacancy.allowance_per_hour, vacancy.allowance_per_month]
        if not any(amount is not None and amount > 0 for amount in amounts):
            return [
                PublishProblem(
                    "allowance_per_hour",
                    _(
                        "Vermeld de vrijwilligersvergoeding, per uur of per maand. Een bos "
                        "bloemen is geen vergoeding: ervaringskennis is werk."
                    ),
                )
            ]
        return []
    has_amount = vacancy.pay_min is not None and vacancy.pay_min > 0 and bool(vacancy.pay_unit)
    if vacancy.kind == VacancyKind.ASSIGNMENT and not has_amount:
        return [
            PublishProblem(
                "pay_min",
                _(
                    "Vermeld de vergoeding voor de opdracht: een bedrag per uur of per "
                    "opdracht. De inbreng van een ervaringswerker wordt betaald."
                ),
            )
        ]
    if vacancy.kind == VacancyKind.PAID and not (has_amount or vacancy.pay_scale.strip()):
        return [
            PublishProblem(
                "pay_min",
                _(
                    "Vermeld het salaris: een bedrag (per uur, maand of jaar) of een schaal. "
                    "Zonder beloning publiceren we geen betaalde functie."
                ),
            )
        ]
    if vacancy.pay_min is not None and vacancy.pay_min > 0 and not vacancy.pay_unit:
        return [PublishProblem("pay_unit", _("Kies waar het bedrag voor geldt (per uur, …)."))]
    return []


WEEKS_PER_MONTH = Decimal(52) / Decimal(12)


def _allowance_problems(vacancy: Vacancy, *, today: date) -> list[PublishProblem]:
    """A volunteer allowance above the fiscal limits of the year of publication (the
    allowance kernel's sourced figures); a year without figures is refused, not guessed.

    The vacancy does not know the worker's age, so the hourly maximum for 21 and older
    applies; the hourly amount is also turned into a month (hours per week × 52 / 12)."""
    try:
        limits = allowance.limits_for(today.year)
    except allowance.YearWithoutFigures as error:
        return [PublishProblem("allowance_per_hour", str(error))]
    problems = []
    values = {"year": today.year}
    hourly, monthly = vacancy.allowance_per_hour, vacancy.allowance_per_month
    if hourly is not None and hourly > limits.hourly_21_plus:
        problems.append(
            PublishProblem(
                "allowance_per_hour",
                _(
                    "%(amount)s per uur is meer dan het fiscale maximum van %(limit)s per uur "
                    "(21 jaar en ouder, %(year)s). Dan telt de hele vergoeding als inkomen. "
                    "Bron: %(source)s"
                )
                % {
                    **values,
                    "amount": allowance.euro(hourly),
                    "limit": allowance.euro(limits.hourly_21_plus),
                    "source": limits.source_of.get("hourly_21_plus", limits.sources[0]),
                },
            )
        )
    per_month = monthly
    if per_month is None and hourly is not None:
        per_month = (hourly * vacancy.hours_per_week * WEEKS_PER_MONTH).quantize(Decimal("0.01"))
    if per_month is not None and per_month > limits.monthly:
        problems.append(
            PublishProblem(
                "allowance_per_month" if monthly is not None else "hours_per_week",
                _(
                    "Een vergoeding van %(amount)s per maand%(estimate)s is meer dan het fiscale "
                    "maximum van %(limit)s per maand (%(year)s). Dan telt de hele vergoeding "
                    "als inkomen. Bron: %(source)s"
                )
                % {
                    **values,
                    "amount": allowance.euro(per_month),
                    "estimate": ""
                    if monthly is not None
                    else _(" (het uurbedrag bij de gevraagde uren per week)"),
                    "limit": allowance.euro(limits.monthly),
                    "source": limits.source_of.get("monthly", limits.sources[0]),
                },
            )
        )
    elif per_month is not None and per_month * 12 > limits.yearly:
        problems.append(
            PublishProblem(
                "allowance_per_month",
                _(
                    "Twaalf maanden van %(amount)s is meer dan het fiscale jaarmaximum van "
                    "%(limit)s (%(year)s). Bron: %(source)s"
                )
                % {
                    **values,
                    "amount": allowance.euro(per_month),
                    "limit": allowance.euro(limits.yearly),
                    "source": limits.source_of.get("yearly", limits.sources[0]),
                },
            )
        )
    return problems


def vacancy_publish_problems(vacancy: Vacancy, *, today: date) -> list[PublishProblem]:
    """Every reason the vacancy may not be published (empty: it may)."""
    problems = _pay_problems(vacancy)
    if vacancy.kind == VacancyKind.VOLUNTEER and not problems:
        problems += _allowance_problems(vacancy, today=today)
    if vacancy.support_group_id is None and not vacancy.support_plan.strip():
        problems.append(
            PublishProblem(
                "support_plan",
                _(
                    "Beschrijf de ondersteuning: een intervisiegroep of een coach. Zonder "
                    "ondersteuning publiceren we geen vacature voor een ervaringswerker."
                ),
            )
        )
    if vacancy.valid_through is not None and vacancy.valid_through < today:
        problems.append(
            PublishProblem("valid_through", _("De sluitingsdatum ligt in het verleden."))
        )
    return problems


@transaction.atomic
def vacancy_publish(*, vacancy: Vacancy, user: User, today: date | None = None) -> Vacancy:
    """Publish within its scope, or raise PublishRefused with every reason. Starts the
    alert job for the saved searches it fits."""
    today = today or timezone.localdate()
    vacancy = Vacancy.objects.select_for_update().get(pk=vacancy.pk)
    problems = vacancy_publish_problems(vacancy, today=today)
    if problems:
        raise PublishRefused(problems)
    if vacancy.state != VacancyState.PUBLISHED:
        vacancy.state = VacancyState.PUBLISHED
        vacancy.published_at = timezone.now()
        vacancy.closed_at = None
        if vacancy.valid_through is None:
            vacancy.valid_through = today + DEFAULT_OPEN_FOR
        vacancy.alert_job = vacancy_alerts_start(vacancy=vacancy, user=user)
        vacancy.save(
            update_fields=[
                "state",
                "published_at",
                "closed_at",
                "valid_through",
                "alert_job",
                "updated_at",
            ]
        )
    return vacancy


@transaction.atomic
def vacancy_close(*, vacancy: Vacancy) -> Vacancy:
    vacancy.state = VacancyState.CLOSED
    vacancy.closed_at = timezone.now()
    vacancy.save(update_fields=["state", "closed_at", "updated_at"])
    return vacancy


@transaction.atomic
def vacancy_delete(*, vacancy: Vacancy) -> None:
    vacancy.delete()


def vacancy_alerts_start(*, vacancy: Vacancy | None, user: User | None) -> Job:
    """The alert job: for one vacancy (after publishing) or for every saved search."""
    label = (
        _("Zoekberichten voor “%(title)s”") % {"title": vacancy.title}
        if vacancy
        else _("Zoekberichten voor alle bewaarde zoekopdrachten")
    )
    job = core_services.job_create(
        kind="vacancy_alerts",
        label=label[:200],
        organisation=vacancy.organisation if vacancy else None,
        created_by=user,
    )
    vacancy_id = vacancy.pk if vacancy else None
    transaction.on_commit(lambda: vacancy_tasks.vacancy_alerts.enqueue(str(job.pk), vacancy_id))
    return job


def placement_followups_start() -> Job:
    job = core_services.job_create(
        kind="vacancy_placement_followups",
        label=_("Vragen of vacatures tot een plaatsing leidden"),
        organisation=None,
        created_by=None,
    )
    transaction.on_commit(lambda: vacancy_tasks.placement_followups.enqueue(str(job.pk)))
    return job


@transaction.atomic
def placement_answer(*, vacancy: Vacancy, user: User, answer: str, note: str = "") -> Vacancy:
    if answer not in PlacementAnswer.values:
        raise ValidationError({"answer": _("Kies een van de antwoorden.")})
    vacancy.placement_answer = answer
    vacancy.placement_note = note
    vacancy.placement_answered_at = timezone.now()
    vacancy.placement_answered_by = user
    vacancy.full_clean(exclude=["domains"])
    vacancy.save(
        update_fields=[
            "placement_answer",
            "placement_note",
            "placement_answered_at",
            "placement_answered_by",
            "updated_at",
        ]
    )
    return vacancy


def _notify_poster(application: Application) -> None:
    vacancy = application.vacancy
    if vacancy.created_by is None or not vacancy.created_by.email:
        return
    context = {
        "vacancy": vacancy,
        "application": application,
        "url": site_url(reverse("vacancies:detail", kwargs={"vacancy_id": vacancy.pk})),
    }
    email = vacancy.created_by.email
    transaction.on_commit(
        lambda: send_mail(
            subject=_("Nieuwe reactie op “%(title)s”") % {"title": vacancy.title},
            message=render_to_string("workforce/vacancies/email/application.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[email],
        )
    )


@transaction.atomic
def application_create(
    *,
    vacancy: Vacancy,
    name: str,
    email: str,
    motivation: str,
    user: User | None = None,
    profile: Profile | None = None,
) -> Application:
    """An application or expression of interest for a visible, open vacancy (the caller
    found it through the visibility selector)."""
    if vacancy.state != VacancyState.PUBLISHED:
        raise ValidationError(_("Op deze vacature kan niet meer worden gereageerd."))
    email = email.strip().lower()
    earlier = Application.objects.filter(vacancy=vacancy, email=email)
    if user is not None and user.is_authenticated:
        earlier = earlier | Application.objects.filter(vacancy=vacancy, user=user)
    if earlier.exists():
        raise ValidationError(_("U hebt al op deze vacature gereageerd."))
    application = Application(
        organisation_id=vacancy.organisation_id,
        vacancy=vacancy,
        user=user if user is not None and user.is_authenticated else None,
        profile=profile,
        name=name.strip(),
        email=email,
        motivation=motivation.strip(),
    )
    application.full_clean()
    application.save()
    _notify_poster(application)
    return application


@transaction.atomic
def saved_search_create(
    *,
    user: User,
    name: str,
    role: str = "",
    kind: str = "",
    domain: Domain | None = None,
    region: str = "",
) -> SavedSearch:
    search = SavedSearch(
        user=user, name=name.strip(), role=role, kind=kind, domain=domain, region=region.strip()
    )
    search.full_clean()
    search.save()
    return search


@transaction.atomic
def saved_search_delete(*, search: SavedSearch) -> None:
    search.delete()


def pay_summary(vacancy: Vacancy) -> str:
    """The pay terms in one Dutch line, e.g. "€ 2.800 – € 3.400 per maand (FWG 40)"."""

    def euro(amount: Any) -> str:
        text = f"{amount:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")
        return "€ " + (text[:-3] if text.endswith(",00") else text)

    parts = []
    if vacancy.kind == VacancyKind.VOLUNTEER:
        if vacancy.allowance_per_hour:
            parts.append(_("%(amount)s per uur") % {"amount": euro(vacancy.allowance_per_hour)})
        if vacancy.allowance_per_month:
            parts.append(_("%(amount)s per maand") % {"amount": euro(vacancy.allowance_per_month)})
        text = _("Vrijwilligersvergoeding: %(amounts)s") % {"amounts": ", ".join(parts)}
        return text if parts else ""
    if vacancy.pay_min:
        amount = euro(vacancy.pay_min)
        if vacancy.pay_max and vacancy.pay_max != vacancy.pay_min:
            amount = f"{amount} – {euro(vacancy.pay_max)}"
        unit = dict(PayUnit.choices).get(vacancy.pay_unit, "")
        parts.append(f"{amount} {unit}".strip())
    if vacancy.pay_scale:
        parts.append(f"({vacancy.pay_scale})" if parts else vacancy.pay_scale)
    return " ".join(str(part) for part in parts)
