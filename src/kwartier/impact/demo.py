"""Demo data of Resultaten: a year of contributions and mirror signals for Welzijn De Brug
(some overdue, some changed; its responsiveness page is public) and fewer for Stichting
Op Weg, so that every chart shows something real.

Deterministic: a fixed seed, and dates counted back from today, read once. Idempotent:
an organisation that has contributions (or signals) already gets none added.
"""

from __future__ import annotations

import datetime
import random
from typing import TextIO

from django.db import transaction
from django.utils import timezone

from kwartier.accounts.models import ExperienceRole, Organisation, Role, Team, User
from kwartier.impact import measures, results_services
from kwartier.impact.models import (
    Contribution,
    ContributionKind,
    ImpactSettings,
    Indicator,
    IndicatorTarget,
    Level,
    Report,
    ReportPeriod,
    Signal,
    SignalState,
    SignalStep,
    StepKind,
    StoryLink,
)
from kwartier.knowledge.public import accountability_stories
from kwartier.planning.public import plan_goals

# ============================== impact section ==============================

SEED = 10
THEMES = ["toegang", "bejegening", "schulden", "wonen", "werk", "herstel", "wachttijd"]
NOTES = [
    "Gesprek over schaamte bij het aanvragen van hulp.",
    "Training voor nieuwe collega's over herstel.",
    "Advies over een folder in begrijpelijke taal.",
    "Overleg met het team over bejegening aan de balie.",
    "",
    "",
]
SIGNALS = [
    ("Wachttijd voor een eerste gesprek loopt op", "toegang"),
    ("Brieven over terugbetalen zijn onbegrijpelijk", "schulden"),
    ("Aan de balie wordt over mensen gesproken, niet met ze", "bejegening"),
    ("Na ontslag uit de opvang volgt geen nazorg", "wonen"),
    ("Bezoekers van de inloop weten niet wie hun contactpersoon is", "toegang"),
    ("Vrijwilligerswerk telt niet mee in het plan van aanpak", "werk"),
    ("Herstelverhalen worden alleen op papier gevraagd", "herstel"),
    ("Afspraken vallen uit zonder bericht", "bejegening"),
    ("Formulieren vragen meer dan nodig is", "toegang"),
    ("Cliëntenraad hoort pas achteraf van nieuw beleid", "herstel"),
    ("Wie te laat komt, wordt naar huis gestuurd", "bejegening"),
    ("Schuldhulp start pas na een maand", "schulden"),
]
DESCRIPTION = (
    "Ervaringswerkers horen dit de laatste tijd vaker. Het patroon: mensen haken af voordat "
    "de hulp begint. Wat vraagt de organisatie van hen, en kan dat eenvoudiger?"
)
RESPONSES = [
    "Dank voor het signaal. We bespreken het in het teamoverleg en komen erop terug.",
    "Herkenbaar. We kijken met de teamleider wat er kan veranderen.",
    "We hebben dit gezien en nemen het mee in de evaluatie van dit kwartaal.",
]
PLANNED = [
    "Een vast inloopmoment zonder afspraak, elke dinsdag.",
    "De brief wordt herschreven met de cliëntenraad.",
    "Elke bezoeker krijgt bij het eerste gesprek een vaste contactpersoon.",
]
NO_CHANGE = [
    "Dit ligt vast in de afspraken met de gemeente; we brengen het daar in.",
    "Geen budget dit jaar; we nemen het op in de begroting van volgend jaar.",
]


def _member(organisation: Organisation, role: str) -> User | None:
    membership = organisation.memberships.filter(role=role).select_related("user").first()
    return membership.user if membership else None


def _team(organisation: Organisation, name: str) -> Team | None:
    return Team.objects.filter(organisation=organisation, name=name).first()


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def _contributions(
    organisation: Organisation,
    authors: list[User],
    *,
    today: datetime.date,
    per_week: int,
    rng: random.Random,
) -> int:
    if Contribution.objects.filter(organisation=organisation).exists():
        return 0
    teams = list(Team.objects.filter(organisation=organisation))
    rows = []
    for week in range(52):
        for _ in range(rng.randint(max(1, per_week - 2), per_week + 1)):
            day = today - datetime.timedelta(days=week * 7 + rng.randint(0, 6))
            level = rng.choices(Level.values, weights=[5, 3, 1])[0]
            rows.append(
                Contribution(
                    organisation=organisation,
                    author=rng.choice(authors),
                    date=day,
                    role=rng.choice(ExperienceRole.values),
                    level=level,
                    kind=rng.choice(ContributionKind.values),
                    minutes=rng.choice([15, 30, 45, 60, 90, 120]),
                    team=rng.choice(teams) if teams and rng.random() < 0.6 else None,
                    theme=rng.choice(THEMES) if rng.random() < 0.7 else "",
                    note=rng.choice(NOTES),
                )
            )
    Contribution.objects.bulk_create(rows)
    return len(rows)


def _signal(
    organisation: Organisation,
    *,
    raised_by: User,
    owner_team: Team | None,
    owner: User | None,
    responder: User | None,
    raised: datetime.date,
    today: datetime.date,
    response_days: int,
    rng: random.Random,
    index: int,
) -> Signal:
    title, theme = SIGNALS[index % len(SIGNALS)]
    raised_at = _at(raised, 10)
    due_at = raised_at + datetime.timedelta(days=response_days)
    signal = Signal.objects.create(
        organisation=organisation,
        raised_by=raised_by,
        anonymous=rng.random() < 0.2,
        title=title,
        description=DESCRIPTION,
        level=rng.choices(Level.values, weights=[1, 4, 2])[0],
        theme=theme,
        owner_team=owner_team,
        owner=owner,
        raised_at=raised_at,
        due_at=due_at,
    )
    steps = [
        SignalStep(
            signal=signal, kind=StepKind.RAISED, state_after="open", by=raised_by, at=raised_at
        )
    ]
    age = (today - raised).days
    # Most signals are answered, a few too late, some never (yet): the figures show it.
    answer_after = rng.choice([2, 3, 5, 6, 8, 10, 12, 13, 18, 25]) if rng.random() < 0.85 else None
    if responder is not None and answer_after is not None and answer_after <= age:
        answered = raised + datetime.timedelta(days=answer_after)
        signal.answered_at = _at(answered, 14)
        signal.state = SignalState.ANSWERED
        steps.append(
            SignalStep(
                signal=signal,
                kind=StepKind.RESPONSE,
                state_after=SignalState.ANSWERED,
                text=rng.choice(RESPONSES),
                by=responder,
                at=signal.answered_at,
            )
        )
        outcome_day = answered + datetime.timedelta(days=rng.randint(5, 30))
        if outcome_day <= today:
            choice = rng.choices(["planned", "made", "none", "wait"], weights=[3, 3, 1, 1])[0]
            if choice in ("planned", "made"):
                signal.state = SignalState.CHANGE_PLANNED
                signal.planned_change = rng.choice(PLANNED)
                signal.planned_by = outcome_day + datetime.timedelta(days=60)
                steps.append(
                    SignalStep(
                        signal=signal,
                        kind=StepKind.OUTCOME,
                        state_after=SignalState.CHANGE_PLANNED,
                        text=signal.planned_change,
                        by=responder,
                        at=_at(outcome_day, 11),
                    )
                )
                made_day = outcome_day + datetime.timedelta(days=rng.randint(20, 70))
                if choice == "made" and made_day <= today:
                    signal.state = SignalState.CHANGE_MADE
                    signal.closed_at = _at(made_day, 11)
                    steps.append(
                        SignalStep(
                            signal=signal,
                            kind=StepKind.OUTCOME,
                            state_after=SignalState.CHANGE_MADE,
                            text="De verandering is doorgevoerd.",
                            by=responder,
                            at=signal.closed_at,
                        )
                    )
            elif choice == "none":
                signal.state = SignalState.NO_CHANGE
                signal.closed_at = _at(outcome_day, 11)
                steps.append(
                    SignalStep(
                        signal=signal,
                        kind=StepKind.OUTCOME,
                        state_after=SignalState.NO_CHANGE,
                        text=rng.choice(NO_CHANGE),
                        by=responder,
                        at=signal.closed_at,
                    )
                )
    if signal.state == SignalState.OPEN and timezone.localdate(due_at) < today:
        first_late = timezone.localdate(due_at) + datetime.timedelta(days=1)
        steps.append(
            SignalStep(
                signal=signal,
                kind=StepKind.ESCALATION,
                state_after=SignalState.OPEN,
                text="Geen reactie binnen de termijn: voorgelegd aan de kwartiermaker.",
                at=_at(first_late, 7),
                for_day=first_late,
            )
        )
    signal.save()
    SignalStep.objects.bulk_create(steps)
    return signal


def _signals(
    organisation: Organisation,
    *,
    raisers: list[User],
    owners: list[tuple[Team | None, User | None, User | None]],
    count: int,
    today: datetime.date,
    rng: random.Random,
) -> int:
    if Signal.objects.filter(organisation=organisation).exists():
        return 0
    days = (
        ImpactSettings.objects.filter(organisation=organisation)
        .values_list("response_days", flat=True)
        .first()
        or 14
    )
    for index in range(count):
        # Spread over the year, a few in the last weeks (still open, not yet due).
        raised = today - datetime.timedelta(
            days=int(360 * (count - index) / count) - rng.randint(0, 5)
        )
        if raised > today:
            raised = today
        owner_team, owner, responder = owners[index % len(owners)]
        _signal(
            organisation,
            raised_by=rng.choice(raisers),
            owner_team=owner_team,
            owner=owner,
            responder=responder,
            raised=raised,
            today=today,
            response_days=days,
            rng=rng,
            index=index,
        )
    return count


def load(stdout: TextIO) -> None:
    today = timezone.localdate()
    rng = random.Random(SEED)
    brug = Organisation.objects.filter(slug="debrug").first()
    opweg = Organisation.objects.filter(slug="opweg").first()
    with transaction.atomic():
        if brug is not None:
            ImpactSettings.objects.get_or_create(
                organisation=brug, defaults={"publish_responsiveness": True}
            )
            sam = _member(brug, Role.EXPERIENCE_WORKER)
            noor = _member(brug, Role.KWARTIERMAKER)
            youssef = _member(brug, Role.EMPLOYEE)
            ingrid = _member(brug, Role.BOARD_MEMBER)
            if sam and noor:
                made = _contributions(brug, [sam, sam, noor], today=today, per_week=4, rng=rng)
                signals = _signals(
                    brug,
                    raisers=[sam],
                    owners=[
                        (_team(brug, "Wijkteam Noord"), None, youssef),
                        (_team(brug, "Wijkteam Noord"), None, youssef),
                        (_team(brug, "Raad van bestuur"), None, ingrid),
                        (_team(brug, "Inloop De Brug"), None, None),  # nobody answers
                        (None, noor, noor),
                    ],
                    count=30,
                    today=today,
                    rng=rng,
                )
                stdout.write(f"  Resultaten De Brug: {made} bijdragen, {signals} signalen\n")
        if opweg is not None:
            lotte = _member(opweg, Role.EXPERIENCE_WORKER)
            ruben = _member(opweg, Role.KWARTIERMAKER)
            if lotte and ruben:
                made = _contributions(opweg, [lotte], today=today, per_week=1, rng=rng)
                signals = _signals(
                    opweg,
                    raisers=[lotte],
                    owners=[(_team(opweg, "Coördinatoren"), None, ruben), (None, ruben, ruben)],
                    count=7,
                    today=today,
                    rng=rng,
                )
                stdout.write(f"  Resultaten Op Weg: {made} bijdragen, {signals} signalen\n")
        results_load(stdout, brug=brug, today=today)


# ============================== results section ==============================


#: Goals per indicator for every year of De Brug's plan (what the kwartiermaker chose).
DEMO_INDICATOR_GOALS = {
    Indicator.CONTRIBUTIONS_CLIENT: 120,
    Indicator.CONTRIBUTIONS_ORGANISATION: 40,
    Indicator.CONTRIBUTIONS_POLICY: 15,
    Indicator.SIGNALS_ANSWERED: 20,
    Indicator.CHANGES_MADE: 6,
}


def results_load(stdout: TextIO, *, brug: Organisation | None, today: datetime.date) -> None:
    """De Brug's impact stories (every shared story whose author consented to
    verantwoording, the first one with a change it shows), its goals per indicator, and
    this year's report, queued for the worker that `make demo` starts."""
    if brug is None:
        return
    change = (
        Signal.objects.filter(organisation=brug, state=SignalState.CHANGE_MADE)
        .order_by("raised_at", "pk")
        .first()
    )
    linked = 0
    for index, story in enumerate(accountability_stories(organisation=brug)):
        _link, created = StoryLink.objects.get_or_create(
            organisation=brug,
            experience_id=story.id,
            defaults={"signal": change if index == 0 else None},
        )
        linked += int(created)
    goals = plan_goals(organisation=brug)
    if goals is not None:
        for year_goal in goals.years:
            for indicator, target in DEMO_INDICATOR_GOALS.items():
                IndicatorTarget.objects.get_or_create(
                    organisation=brug,
                    plan_id=goals.plan_id,
                    year=year_goal.year,
                    indicator=indicator,
                    defaults={"target": target},
                )
    period = measures.period_of(ReportPeriod.YEAR, today.year)
    if not Report.objects.filter(
        organisation=brug, network=None, period=period.kind, year=period.year
    ).exists():
        results_services.report_start(organisation=brug, user=None, period=period)
    stdout.write(f"  Resultaten De Brug: {linked} verhaal/verhalen bij de resultaten\n")
