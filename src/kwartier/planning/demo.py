"""Demo plans: an adopted plan with two scenarios for Welzijn De Brug, a draft for
Stichting Op Weg. Idempotent: a plan that already exists (by title) is left alone."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any, TextIO

from kwartier.accounts.models import ExperienceRole, Organisation, Role, Team, User
from kwartier.planning import selectors, services
from kwartier.planning.models import (
    Action,
    CareerStep,
    Commitment,
    Deployment,
    Milestone,
    Partner,
    Plan,
    Risk,
    RiskKind,
    SharedActivity,
    Support,
    SupportKind,
    Target,
    VersionPart,
)

DEBRUG_TITLE = "Kwartiermaakplan 2026-2030"
OPWEG_TITLE = "Plan ervaringsdeskundigheid 2026-2028"


def _user(organisation: Organisation, role: str) -> User:
    membership = organisation.memberships.filter(role=role).select_related("user").first()
    if membership is None:
        raise RuntimeError(f"demo account with role {role} missing in {organisation.slug}")
    return membership.user


def _team(organisation: Organisation, name: str) -> Team:
    return Team.objects.get(organisation=organisation, name=name)


def _parts(plan: Plan, user: User, model: type[VersionPart], rows: list[dict[str, Any]]) -> None:
    services.version_parts_replace(plan=plan, user=user, model=model, rows=rows)


def _deployment(team: Team, role: str, headcount: int) -> dict[str, Any]:
    return {
        "team": team,
        "team_name": team.name,
        "layer": team.layer,
        "role": role,
        "headcount": headcount,
    }


def _projection(share: float, job_carving: float, growth: float) -> dict[str, Any]:
    return {
        "start_year": 2026,
        "years": 5,
        "levels": {
            "hbo": {"fte": 38.0, "attrition": 0.1, "cost_per_fte": 76000},
            "mbo": {"fte": 16.0, "attrition": 0.12, "cost_per_fte": 61000},
            "ervaringswerker": {"fte": 2.4, "attrition": 0.1, "cost_per_fte": 58000},
        },
        "growth": growth,
        "job_carving": job_carving,
        "share": share,
        "targets": {"2027": 5.0, "2030": 10.0},
        "budget": {str(year): 4_300_000 for year in range(2026, 2031)},
    }


def _debrug(stdout: TextIO) -> None:
    organisation = Organisation.objects.get(slug="debrug")
    if Plan.objects.filter(organisation=organisation, title=DEBRUG_TITLE).exists():
        return
    kwartiermaker = _user(organisation, Role.KWARTIERMAKER)
    board = _user(organisation, Role.BOARD_MEMBER)
    plan = services.plan_create(
        organisation=organisation,
        created_by=kwartiermaker,
        title=DEBRUG_TITLE,
        ambition=(
            "Over twee jaar werken er 5 fte betaalde ervaringswerkers in de wijkteams en de "
            "inloop; over vijf jaar 10 fte, verspreid over alle teams, en zit er een "
            "ervaringsdeskundige teamleider in het middenkader."
        ),
        vision=(
            "Ervaringswerkers geven hoop, bouwen bruggen tussen bewoners en de organisatie en "
            "houden ons een spiegel voor. We willen dat hun kennis meetelt in elk team."
        ),
        driver="Noor Bakker (kwartiermaker) met Ingrid Hoekstra (bestuur)",
        financier_name="Gemeente Hofstad",
        financier_commitment=Commitment.COMMITTED,
        financier_note=(
            "Structurele subsidie voor 5 fte vanaf 2027, te verhogen bij goede resultaten."
        ),
    )
    _parts(
        plan,
        kwartiermaker,
        Target,
        [
            {"year": 2027, "paid_headcount": 6, "paid_fte": Decimal("5.0"), "volunteers": 12},
            {"year": 2030, "paid_headcount": 12, "paid_fte": Decimal("10.0"), "volunteers": 15},
        ],
    )
    _parts(
        plan,
        kwartiermaker,
        Deployment,
        [
            _deployment(_team(organisation, "Wijkteam Noord"), ExperienceRole.BRIDGE_BUILDER, 2),
            _deployment(_team(organisation, "Inloop De Brug"), ExperienceRole.HOPE_GIVER, 2),
            _deployment(
                _team(organisation, "Beleid en kwaliteit"), ExperienceRole.KNOWLEDGE_GUIDE, 2
            ),
        ],
    )
    _parts(
        plan,
        kwartiermaker,
        Support,
        [
            {
                "kind": SupportKind.INTERVISIE,
                "description": "Maandelijkse intervisie met Op Weg",
                "budget_per_year": 9000,
            },
            {
                "kind": SupportKind.COACHING,
                "description": "Externe coach, 10 sessies per persoon",
                "budget_per_year": 15000,
            },
            {
                "kind": SupportKind.TRAINING,
                "description": "Mbo-opleiding ervaringsdeskundige",
                "budget_per_year": 20000,
            },
        ],
    )
    _parts(
        plan,
        kwartiermaker,
        CareerStep,
        [
            {
                "title": "Teamleider met ervaringsdeskundigheid",
                "layer": "middenkader",
                "positions": 1,
                "year": 2029,
            },
        ],
    )
    _parts(
        plan,
        kwartiermaker,
        Partner,
        [
            {
                "name": "Stichting Op Weg",
                "shares": [SharedActivity.RECRUITMENT, SharedActivity.TRAINING],
                "description": "Gezamenlijke vacatures en intervisie",
            },
            {
                "name": "ROC Hofstad",
                "shares": [SharedActivity.MBO_TRACK],
                "description": "Mbo-3 traject ervaringsdeskundigheid vanaf 2027",
            },
        ],
    )
    _parts(
        plan,
        kwartiermaker,
        Milestone,
        [
            {
                "title": "Functieprofielen vastgesteld",
                "owner": "Noor Bakker",
                "due_date": datetime.date(2026, 6, 1),
                "done": True,
            },
            {
                "title": "Eerste gezamenlijke werving met Op Weg",
                "owner": "HR",
                "due_date": datetime.date(2026, 10, 1),
                "done": False,
            },
            {
                "title": "Start mbo-traject met ROC Hofstad",
                "owner": "Noor Bakker",
                "due_date": datetime.date(2027, 9, 1),
                "done": False,
            },
        ],
    )
    _parts(
        plan,
        kwartiermaker,
        Risk,
        [
            {
                "kind": RiskKind.RESISTANCE,
                "description": "Collega's vrezen dat hun werk wordt overgenomen",
                "mitigation": "Teamsessies over de drie rollen, met ervaringswerkers aan tafel",
            },
            {
                "kind": RiskKind.RISK,
                "description": "Armoedeval bij deeltijdcontracten",
                "mitigation": "Vooraf uitrekenen met de gemeente; maatwerk in uren",
            },
        ],
    )
    _parts(
        plan,
        kwartiermaker,
        Action,
        [
            {
                "description": "Draagvlaksessies in elk wijkteam",
                "owner": "Teamleiders",
                "theme_key": "",
                "theme_name": "",
            },
        ],
    )
    services.scenario_create(
        plan=plan,
        user=kwartiermaker,
        name="Rustig groeien",
        projection_data=_projection(share=0.15, job_carving=0.0, growth=0.01),
    )
    services.scenario_create(
        plan=plan,
        user=kwartiermaker,
        name="Met job carving",
        projection_data=_projection(share=0.2, job_carving=0.8, growth=0.02),
    )
    draft = selectors.version_newest(plan=plan)
    services.plan_adopt(
        plan=plan,
        user=board,
        version_id=draft.pk,
        content_hash=selectors.version_fingerprint(version=draft),
    )
    services.progress_record(
        plan=plan,
        year=2026,
        headcount=4,
        fte=Decimal("3.2"),
        # Overrides what Inzet counts from the positions (workforce demo): with a reason.
        note="Inclusief twee ingehuurde ervaringsdeskundigen van de GGZ",
    )
    stdout.write(f"Plan {DEBRUG_TITLE} (De Brug) vastgesteld met twee scenario's.\n")


def _opweg(stdout: TextIO) -> None:
    organisation = Organisation.objects.get(slug="opweg")
    if Plan.objects.filter(organisation=organisation, title=OPWEG_TITLE).exists():
        return
    kwartiermaker = _user(organisation, Role.KWARTIERMAKER)
    plan = services.plan_create(
        organisation=organisation,
        created_by=kwartiermaker,
        title=OPWEG_TITLE,
        ambition="Van 1 naar 4 betaalde ervaringswerkers in de nachtopvang en beschermd wonen.",
        vision="Wie zelf dakloos is geweest, ziet wat wij over het hoofd zien.",
        driver="Ruben Jansen (kwartiermaker)",
        financier_name="Gemeente Hofstad",
        financier_commitment=Commitment.IN_TALKS,
    )
    _parts(
        plan,
        kwartiermaker,
        Target,
        [
            {"year": 2027, "paid_headcount": 2, "paid_fte": Decimal("1.6"), "volunteers": 6},
            {"year": 2028, "paid_headcount": 4, "paid_fte": Decimal("3.2"), "volunteers": 8},
        ],
    )
    _parts(
        plan,
        kwartiermaker,
        Deployment,
        [
            _deployment(_team(organisation, "Nachtopvang"), ExperienceRole.HOPE_GIVER, 1),
        ],
    )
    stdout.write(f"Plan {OPWEG_TITLE} (Op Weg) staat als concept klaar.\n")


def load(stdout: TextIO) -> None:
    _debrug(stdout)
    _opweg(stdout)
