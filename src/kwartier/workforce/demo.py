"""Demo data for Inzet (workforce part): experience workers of Welzijn De Brug and
Stichting Op Weg with positions, a network intervisie group with sessions, support, and a
portfolio with a confirmed and a pending supervision entry. Idempotent: a profile that
exists (by organisation and name) is left alone, and so is a group that exists.

The vacancies and allowance parts append their own ``load_*`` functions below and call
them from ``load``.
"""

from __future__ import annotations

import datetime
from datetime import timedelta
from decimal import Decimal
from typing import Any, TextIO

from django.utils import timezone

from kwartier.accounts.models import (
    Domain,
    ExperienceRole,
    Layer,
    Membership,
    Network,
    Organisation,
    Role,
    Team,
)
from kwartier.workforce import services, vacancy_demo
from kwartier.workforce.models import (
    CareerStep,
    CoachingTrajectory,
    ConfirmationStatus,
    DevelopmentGoal,
    Employment,
    HoursEntry,
    HoursKind,
    IntervisieGroup,
    IntervisieMethod,
    MatchingConsent,
    Profile,
    Registration,
    Training,
    TrainingKind,
)

GROUP_NAME = "Intervisie Regio Oost"

# ===== workforce part =====

# organisation slug, name, account e-mail (or None), employment, domains, consent, position
WORKERS: list[dict[str, Any]] = [
    {
        "org": "debrug",
        "name": "Sam de Vries",
        "account": "ervaringswerker@debrug.demo.kwartier.nl",
        "employment": Employment.PAID,
        "contract_hours": Decimal("24"),
        "pay_scale": "FWG 40",
        "available_hours": Decimal("4"),
        "region": "Hofstad-Noord",
        "domains": ["schulden", "armoede"],
        "consent": MatchingConsent.NETWORK,
        "position": (
            "Wijkteam Noord",
            [ExperienceRole.BRIDGE_BUILDER, ExperienceRole.HOPE_GIVER],
            "0.67",
            "2025-03-01",
        ),
        "training": (
            TrainingKind.ED_MBO4,
            "Ervaringsdeskundige zorg en welzijn",
            "2023-09-01",
            "2025-06-30",
        ),
    },
    {
        "org": "debrug",
        "name": "Fatima Yilmaz",
        "account": None,
        "email": "fatima.yilmaz@debrug.demo.kwartier.nl",
        "employment": Employment.PAID,
        "contract_hours": Decimal("18"),
        "pay_scale": "FWG 35",
        "available_hours": Decimal("0"),
        "region": "Hofstad-Centrum",
        "domains": ["verslaving"],
        "consent": MatchingConsent.NONE,
        "position": ("Inloop De Brug", [ExperienceRole.HOPE_GIVER], "0.5", "2025-09-01"),
        "training": (TrainingKind.ED_MBO3, "Ervaringsdeskundige mbo-3", "2025-09-01", None),
    },
    {
        "org": "debrug",
        "name": "Kees Mulder",
        "account": None,
        "email": "",
        "employment": Employment.VOLUNTEER,
        "allowance_per_hour": Decimal("2.75"),
        "available_hours": Decimal("6"),
        "region": "Hofstad-Noord",
        "domains": ["dakloosheid"],
        "consent": MatchingConsent.ORGANISATION,
        "position": ("Inloop De Brug", [ExperienceRole.KNOWLEDGE_GUIDE], "0", "2025-05-01"),
        "training": None,
    },
    {
        "org": "opweg",
        "name": "Lotte Visser",
        "account": "ervaringswerker@opweg.demo.kwartier.nl",
        "employment": Employment.PAID,
        "contract_hours": Decimal("20"),
        "pay_scale": "schaal 7",
        "available_hours": Decimal("8"),
        "region": "Hofstad-Oost",
        "domains": ["dakloosheid", "verslaving"],
        "consent": MatchingConsent.NETWORK,
        "position": ("Nachtopvang", [ExperienceRole.BRIDGE_BUILDER], "0.56", "2025-01-01"),
        "training": (TrainingKind.HBO_ED, "Hbo Ervaringsdeskundigheid", "2024-09-01", None),
    },
    {
        "org": "opweg",
        "name": "Mohamed Ait Said",
        "account": None,
        "email": "",
        "employment": Employment.VOLUNTEER,
        "allowance_per_month": Decimal("150"),
        "available_hours": Decimal("10"),
        "region": "Hofstad-Oost",
        "domains": ["detentie"],
        "consent": MatchingConsent.NETWORK,
        "position": ("Beschermd wonen", [ExperienceRole.HOPE_GIVER], "0", "2025-11-01"),
        "training": None,
    },
]

PROFILE_KEYS = (
    "employment",
    "contract_hours",
    "pay_scale",
    "allowance_per_hour",
    "allowance_per_month",
    "available_hours",
    "region",
)


def _worker(spec: dict[str, Any]) -> Profile:
    organisation = Organisation.objects.get(slug=spec["org"])
    existing = Profile.objects.filter(organisation=organisation, name=spec["name"]).first()
    if existing is not None:
        return existing
    membership = None
    email = spec.get("email", "")
    if spec["account"]:
        membership = Membership.objects.filter(
            organisation=organisation, user__email=spec["account"], role=Role.EXPERIENCE_WORKER
        ).first()
        email = spec["account"]
    profile = services.profile_create(
        organisation=organisation,
        created_by=None,
        domains=Domain.objects.filter(slug__in=spec["domains"]),
        membership=membership,
        name=spec["name"],
        email=email,
        matching_consent=spec["consent"],
        **{key: spec[key] for key in PROFILE_KEYS if key in spec},
    )
    team_name, roles, fte, starts = spec["position"]
    team = Team.objects.get(organisation=organisation, name=team_name)
    services.position_create(
        profile=profile,
        team=team,
        layer=team.layer,
        roles=[str(r) for r in roles],
        fte=Decimal(fte),
        employment=spec["employment"],
        starts=datetime.date.fromisoformat(starts),
        ends=None,
    )
    if spec["training"]:
        kind, name, started, completed = spec["training"]
        services.profile_part_create(
            Training,
            profile=profile,
            kind=kind,
            name=name,
            started=datetime.date.fromisoformat(started),
            completed=datetime.date.fromisoformat(completed) if completed else None,
        )
    return profile


def _portfolio(sam: Profile) -> None:
    if sam.hours_entries.exists():
        return
    services.profile_part_create(
        Registration,
        profile=sam,
        register="Registerplein",
        status="geregistreerd",
        number="ED-2025-0147",
        valid_until=datetime.date(2030, 7, 1),
    )
    base = dict(
        supervisor_name="Marieke Dekker", supervisor_email="supervisie@debrug.demo.kwartier.nl"
    )
    practice = services.hours_create(
        profile=sam,
        kind=HoursKind.PRACTICE,
        role=ExperienceRole.HOPE_GIVER,
        period_start=datetime.date(2025, 9, 1),
        period_end=datetime.date(2025, 12, 31),
        hours=Decimal("64"),
        description="Inloopspreekuur en herstelgroep",
        **base,
    )
    confirmed = services.hours_create(
        profile=sam,
        kind=HoursKind.SUPERVISION,
        role="",
        period_start=datetime.date(2025, 9, 1),
        period_end=datetime.date(2025, 12, 31),
        hours=Decimal("8"),
        description="Individuele supervisie",
        **base,
    )
    pending = services.hours_create(
        profile=sam,
        kind=HoursKind.SUPERVISION,
        role="",
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 3, 31),
        hours=Decimal("6"),
        description="Individuele supervisie",
        **base,
    )
    now = timezone.now()
    for entry in (practice, confirmed):
        # Decided as the supervisor would through the link (the demo has no mailbox).
        HoursEntry.objects.filter(pk=entry.pk).update(
            status=ConfirmationStatus.CONFIRMED,
            requested_at=now - timedelta(days=20),
            decided_at=now - timedelta(days=18),
            decided_by_name="Marieke Dekker",
            decided_by_email="supervisie@debrug.demo.kwartier.nl",
        )
    _token, token_hash = HoursEntry.new_token()
    HoursEntry.objects.filter(pk=pending.pk).update(
        status=ConfirmationStatus.PENDING,
        token_hash=token_hash,
        requested_at=now,
        link_expires_at=now + HoursEntry.LINK_VALID_FOR,
    )
    services.profile_part_create(
        DevelopmentGoal,
        profile=sam,
        title="De rol van gids oefenen in het beleidsoverleg",
        description="Twee keer per kwartaal ervaringskennis inbrengen bij Beleid en kwaliteit.",
        target_date=datetime.date(2026, 12, 31),
    )
    services.profile_part_create(
        CareerStep,
        profile=sam,
        title="Teamleider ervaringsdeskundigheid",
        layer=Layer.MIDDLE_MANAGEMENT,
        target_date=datetime.date(2027, 9, 1),
        note="Zoals het loopbaanpad in het kwartiermaakplan 2026-2030 het noemt.",
    )


def _intervisie(profiles: dict[str, Profile]) -> None:
    debrug = Organisation.objects.get(slug="debrug")
    if IntervisieGroup.objects.filter(organisation=debrug, name=GROUP_NAME).exists():
        return
    network = Network.objects.get(slug="regio-oost")
    group = services.group_create(
        organisation=debrug, name=GROUP_NAME, network=network, facilitator="Marieke Dekker"
    )
    members = ["Sam de Vries", "Fatima Yilmaz", "Lotte Visser", "Mohamed Ait Said"]
    for name in members:
        services.group_member_add(
            group=group, profile=profiles[name], joined=datetime.date(2025, 10, 1)
        )
    today = timezone.localdate()
    sessions = [
        (
            today - timedelta(weeks=7),
            IntervisieMethod.INCIDENT,
            ["Grenzen aan eigen verhaal"],
            members[:3],
        ),
        (
            today - timedelta(weeks=3),
            IntervisieMethod.SOCRATIC,
            ["Rolverwarring in het wijkteam", "Terugval van een cliënt"],
            ["Sam de Vries", "Lotte Visser"],
        ),
    ]
    for day, method, topics, present in sessions:
        session = services.session_create(
            group=group, organisation=debrug, date=day, method=method, topics=topics
        )
        for organisation in {profiles[n].organisation for n in present}:
            services.session_attendance_set(
                session=session,
                organisation=organisation,
                present=[profiles[n] for n in present if profiles[n].organisation == organisation],
            )
    lotte = profiles["Lotte Visser"]
    services.profile_part_create(
        CoachingTrajectory,
        profile=lotte,
        coach="Jeroen Pauw (Coachpraktijk Oost)",
        starts=today - timedelta(weeks=10),
        focus="Rolduidelijkheid in de nachtopvang",
    )


def load(stdout: TextIO) -> None:
    profiles = {spec["name"]: _worker(spec) for spec in WORKERS}
    _portfolio(profiles["Sam de Vries"])
    _intervisie(profiles)
    stdout.write(
        f"Inzet: {len(profiles)} ervaringswerkers, intervisiegroep {GROUP_NAME}, "
        "portfolio van Sam de Vries.\n"
    )
    load_allowance(stdout)  # allowance part, below
    # ===== vacancies part =====
    vacancy_demo.load(stdout)


# ===== end of the workforce part =====


# ===== allowance part: one volunteer allowance that trips the check =====
from kwartier.workforce import allowance  # noqa: E402 - kept inside the allowance part

ALLOWANCE_WORKER: dict[str, Any] = {
    "org": "debrug",
    "name": "Henk Smit",
    "account": None,
    "email": "",
    "employment": Employment.VOLUNTEER,
    "allowance_per_month": Decimal("250"),
    "available_hours": Decimal("8"),
    "region": "Hofstad-Zuid",
    "domains": ["verslaving"],
    "consent": MatchingConsent.NONE,
    "position": ("Inloop De Brug", [ExperienceRole.HOPE_GIVER], "0", "2025-03-01"),
    "training": None,
}
ALLOWANCE_WORKER_BORN = datetime.date(1969, 5, 2)


def load_allowance(stdout: TextIO) -> None:
    """A volunteer of De Brug with € 250 a month: above the monthly maximum (€ 210 in
    2024), so the check flags it and the whole allowance counts as income."""
    profile = _worker(ALLOWANCE_WORKER)
    if profile.date_of_birth is None:
        profile.date_of_birth = ALLOWANCE_WORKER_BORN
        profile.save(update_fields=["date_of_birth"])
    year = max(y for y in allowance.known_years() if allowance.limits_for(y).from_tax_authority)
    per_month: Decimal = ALLOWANCE_WORKER["allowance_per_month"]
    result = allowance.check(
        year=year,
        age=allowance.age_for_year(ALLOWANCE_WORKER_BORN, year),
        hourly=False,
        months=[allowance.MonthEntry(m, per_month) for m in range(1, 13)],
    )
    verdict = "binnen" if result.within_limits else "boven"
    stdout.write(
        f"Inzet: vrijwilligersvergoeding van {profile.name} "
        f"({allowance.euro(per_month)} per maand) ligt {verdict} "
        f"de grenzen van {year}.\n"
    )


# ===== end of the allowance part =====
