"""Demo data of the vacancies part: public and network vacancies of De Brug and Op Weg,
an assignment, a volunteer role whose allowance is above the limits (so it stays a draft
with the refusal on its page), a few consenting experience workers so that the matching
list has something to rank, and an application.

Idempotent: vacancies are found by organisation and title, profiles by organisation and
name (profiles made by the workforce part's demo are used as they are)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any, TextIO

from django.utils import timezone

from kwartier.accounts.models import Domain, Membership, Organisation, User
from kwartier.workforce.models import (
    Application,
    Position,
    Profile,
    Training,
    Vacancy,
    VacancyState,
)

# Workers of this part's own (the workforce part's demo has Sam de Vries, Lotte Visser and
# others, mostly with few hours to spare): enough hours for the vacancies below.
PROFILES: list[dict[str, Any]] = [
    {
        "org": "opweg",
        "name": "Jeroen Bos",
        "domains": ["schulden", "dakloosheid", "verslaving"],
        "consent": "network",
        "hours": Decimal(24),
        "region": "Hofstad",
        "roles": ["bruggenbouwer"],
        "training": "hbo_ed",
    },
    {
        "org": "debrug",
        "name": "Anouk de Wit",
        "domains": ["schulden", "armoede", "psychische-kwetsbaarheid"],
        "consent": "organisation",
        "hours": Decimal(20),
        "region": "Hofstad-Noord",
        "roles": ["gids"],
        "training": "ed_mbo4",
    },
    {
        "org": "opweg",
        "name": "Mehmet Demir",
        "domains": ["verslaving", "detentie"],
        "consent": "organisation",
        "hours": Decimal(16),
        "region": "Hofstad-Zuid",
        "roles": ["gids"],
        "training": "ed_mbo3",
    },
]

SUPPORT = "Intervisie elke zes weken in de netwerkgroep Regio Oost, en een eigen coach."

VACANCIES: list[dict[str, Any]] = [
    {
        "org": "debrug",
        "title": "Ervaringswerker schuldhulp (bruggenbouwer)",
        "kind": "paid",
        "role": "bruggenbouwer",
        "domains": ["schulden", "armoede"],
        "hours": Decimal(20),
        "place": "Hofstad",
        "region": "Hofstad",
        "pay": {"pay_min": Decimal(2900), "pay_max": Decimal(3500), "pay_unit": "month"},
        "pay_scale": "FWG 40",
        "scope": "public",
        "publish": True,
        "description": (
            "In het wijkteam Noord ben je de brug tussen bewoners met geldzorgen en de "
            "schuldhulpverlening. Je kent schulden van binnenuit en helpt mensen de eerste "
            "stap te zetten.\n\nJe werkt samen met twee schuldhulpverleners en de wijkcoach."
        ),
    },
    {
        "org": "debrug",
        "title": "Opdracht: inbreng in de training 'Praten over geld'",
        "kind": "assignment",
        "role": "gids",
        "domains": ["schulden"],
        "hours": Decimal(2),
        "place": "Hofstad",
        "region": "Hofstad",
        "pay": {"pay_min": Decimal(45), "pay_unit": "hour"},
        "pay_scale": "",
        "scope": "network",
        "publish": True,
        "description": (
            "Het team van Youssef vraagt om twee dagdelen inbreng in een training voor "
            "professionals: hoe praat je met iemand over geld zonder te oordelen?"
        ),
    },
    {
        "org": "debrug",
        "title": "Maatje inloophuis (vrijwillig)",
        "kind": "volunteer",
        "role": "hoopverschaffer",
        "domains": ["eenzaamheid"],
        "hours": Decimal(16),
        "place": "Hofstad",
        "region": "Hofstad",
        "pay": {"allowance_per_hour": Decimal("5.00")},
        "pay_scale": "",
        "scope": "public",
        "publish": False,  # above the monthly maximum at 16 hours a week: refused
        "description": "Je bent er voor bezoekers van het inloophuis, drie middagen per week.",
    },
    {
        "org": "opweg",
        "title": "Ervaringsdeskundige nachtopvang (hoopverschaffer)",
        "kind": "paid",
        "role": "hoopverschaffer",
        "domains": ["dakloosheid", "verslaving"],
        "hours": Decimal(16),
        "place": "Hofstad",
        "region": "Hofstad",
        "pay": {"pay_min": Decimal("19.50"), "pay_unit": "hour"},
        "pay_scale": "Cao Sociaal Werk, schaal 6",
        "scope": "public",
        "publish": True,
        "description": (
            "In de nachtopvang laat je zien dat herstel kan. Je werkt in een vast team met "
            "twee begeleiders."
        ),
    },
    {
        "org": "opweg",
        "title": "Gids herstelacademie (netwerk)",
        "kind": "paid",
        "role": "gids",
        "domains": ["verslaving", "psychische-kwetsbaarheid"],
        "hours": Decimal(12),
        "place": "Hofstad",
        "region": "Hofstad",
        "pay": {"pay_min": Decimal(2700), "pay_max": Decimal(3200), "pay_unit": "month"},
        "pay_scale": "FWG 35",
        "scope": "network",
        "publish": True,
        "description": "Je ontwikkelt met deelnemers de cursussen van de herstelacademie.",
    },
]


def _domains(slugs: list[str]) -> list[Domain]:
    return list(Domain.objects.filter(slug__in=slugs))


def _profiles(organisations: dict[str, Organisation]) -> int:
    made = 0
    for spec in PROFILES:
        organisation = organisations[spec["org"]]
        profile = Profile.objects.filter(organisation=organisation, name=spec["name"]).first()
        if profile is not None:
            continue
        membership = Membership.objects.filter(
            organisation=organisation, user__full_name=spec["name"], workforce_profile=None
        ).first()
        profile = Profile.objects.create(
            organisation=organisation,
            membership=membership,
            name=spec["name"],
            employment="paid",
            available_hours=spec["hours"],
            region=spec["region"],
            matching_consent=spec["consent"],
        )
        profile.domains.set(_domains(spec["domains"]))
        if spec["roles"]:
            Position.objects.create(
                organisation=organisation,
                profile=profile,
                layer="werkvloer",
                roles=spec["roles"],
                fte=Decimal("0.4"),
                employment="paid",
                starts=date(2023, 1, 1),
                ends=date(2025, 12, 31),
            )
        if spec["training"]:
            Training.objects.create(
                organisation=organisation,
                profile=profile,
                kind=spec["training"],
                started=date(2022, 9, 1),
                completed=date(2024, 6, 30),
            )
        made += 1
    return made


def _poster(organisation: Organisation) -> User | None:
    membership = (
        Membership.objects.filter(organisation=organisation, role="kwartiermaker")
        .select_related("user")
        .first()
    )
    return membership.user if membership else None


def load(stdout: TextIO) -> None:
    organisations = {o.slug: o for o in Organisation.objects.filter(slug__in=["debrug", "opweg"])}
    if len(organisations) < 2:
        stdout.write("Vacatures: demo-organisaties ontbreken, overgeslagen.")
        return
    profiles = _profiles(organisations)
    now = timezone.now()
    made = 0
    for spec in VACANCIES:
        organisation = organisations[spec["org"]]
        if Vacancy.objects.filter(organisation=organisation, title=spec["title"]).exists():
            continue
        vacancy = Vacancy.objects.create(
            organisation=organisation,
            title=spec["title"],
            description=spec["description"],
            kind=spec["kind"],
            role=spec["role"],
            hours_per_week=spec["hours"],
            place=spec["place"],
            region=spec["region"],
            pay_scale=spec["pay_scale"],
            support_plan=SUPPORT,
            scope=spec["scope"],
            created_by=_poster(organisation),
            **spec["pay"],
        )
        vacancy.domains.set(_domains(spec["domains"]))
        if spec["publish"]:
            # Published directly (no alert job for demo data), open for eight weeks.
            vacancy.state = VacancyState.PUBLISHED
            vacancy.published_at = now - timedelta(days=3)
            vacancy.valid_through = timezone.localdate() + timedelta(weeks=8)
            vacancy.save()
        made += 1
    first = Vacancy.objects.filter(
        organisation=organisations["debrug"], title=VACANCIES[0]["title"]
    ).first()
    if first is not None and not first.applications.exists():
        Application.objects.create(
            organisation=first.organisation,
            vacancy=first,
            name="Lotte Visser",
            email="ervaringswerker@opweg.demo.kwartier.nl",
            motivation=(
                "Ik heb zelf jaren met schulden geleefd en werk nu in de opvang. Ik wil graag "
                "mensen helpen de eerste stap te zetten."
            ),
        )
    stdout.write(f"Vacatures: {made} nieuw, ervaringswerkers voor matching: {profiles} nieuw")
