"""Factories of the vacancies part (profiles come in minimal form, for matching)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import factory
from django.utils import timezone

from kwartier.accounts.models import Domain
from kwartier.workforce.models import (
    PayUnit,
    Position,
    Profile,
    Vacancy,
    VacancyKind,
    VacancyScope,
    VacancyState,
)
from tests.factories import OrganisationFactory


def domain(name: str) -> Domain:
    return Domain.objects.get_or_create(
        slug=name.lower().replace(" ", "-"), defaults={"name": name}
    )[0]


class VacancyFactory(factory.django.DjangoModelFactory):
    """A paid vacancy with pay terms and a support plan: publishable as it is."""

    class Meta:
        model = Vacancy

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Ervaringswerker {n}")
    description = "Je werkt mee in het inloophuis.\n\nJe brengt je eigen ervaring in."
    kind = VacancyKind.PAID
    role = "bruggenbouwer"
    hours_per_week = Decimal("16")
    place = "Hofstad"
    region = "Hofstad"
    pay_min = Decimal("2800")
    pay_max = Decimal("3400")
    pay_unit = PayUnit.MONTH
    pay_scale = "FWG 40"
    support_plan = "Intervisie elke zes weken en een coach."
    scope = VacancyScope.PUBLIC


def published(vacancy: Vacancy, *, on: date | None = None) -> Vacancy:
    vacancy.state = VacancyState.PUBLISHED
    vacancy.published_at = timezone.now()
    vacancy.valid_through = (on or timezone.localdate()).replace(year=2099)
    vacancy.save()
    return vacancy


class ProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Profile

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Ervaringswerker {n}")
    available_hours = Decimal("24")
    region = "Hofstad"
    matching_consent = "network"


def position(profile: Profile, *roles: str, starts: date = date(2024, 1, 1), **kw) -> Position:
    return Position.objects.create(
        organisation=profile.organisation,
        profile=profile,
        layer="werkvloer",
        roles=list(roles),
        fte=Decimal("0.5"),
        employment="paid",
        starts=starts,
        **kw,
    )
