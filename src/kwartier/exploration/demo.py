"""Demo verkenning: two finished rounds for Welzijn De Brug (the latest with about 60
respondents, the board below five so its breakdown stays hidden) and a running round
for Stichting Op Weg. Answers are generated from a fixed seed, so every run gives the
same figures; running it again adds nothing.
"""

from __future__ import annotations

import random
import secrets
from datetime import timedelta
from typing import TextIO

from django.utils import timezone

from kwartier.accounts.models import Organisation, User
from kwartier.core.tokens import new_token
from kwartier.exploration import services
from kwartier.exploration.models import (
    ConcernSource,
    ConcernStatus,
    OpenAnswersState,
    Response,
    Round,
    RoundGroup,
    RoundInvitation,
    RoundStatus,
    TemplateVersion,
)
from kwartier.exploration.scoring import Answer

# Mean answer (1..5, before reversal) per theme: where De Brug stands.
THEME_LEVEL = {
    "motive": 3.9,
    "buy_in": 3.3,
    "role": 3.7,
    "positioning": 3.1,
    "support": 2.7,
    "conditions": 2.5,
    "embedding": 2.9,
    "results": 3.2,
    "collective": 3.4,
    "regional": 3.6,
}
# How much more (or less) positive each group is; the board is the most optimistic.
GROUP_SHIFT = {
    "werkvloer": -0.4,
    "middenkader": 0.0,
    "bestuur": 0.8,
    "beleid": 0.3,
    "ervaringswerkers": -0.6,
    "clienten_partners": 0.1,
}
LATEST_SIZES = {
    "werkvloer": 22,
    "middenkader": 9,
    "bestuur": 3,
    "beleid": 6,
    "ervaringswerkers": 12,
    "clienten_partners": 8,
}
EARLIER_SIZES = {
    "werkvloer": 15,
    "middenkader": 7,
    "bestuur": 2,
    "beleid": 5,
    "ervaringswerkers": 8,
}
OPWEG_SIZES = {"werkvloer": 8, "middenkader": 5, "bestuur": 2, "ervaringswerkers": 4}

# Already without identifiers (as the de-identification job leaves them), with the
# labels it writes where a name or place stood.
OPEN_ANSWERS = {
    "open_reason": [
        "Cliënten voelen zich sneller begrepen door iemand die het zelf heeft meegemaakt.",
        "Eerlijk gezegd vooral omdat de gemeente erom vraagt in de aanbesteding.",
        "Ze laten ons zien waar onze regels mensen juist tegenwerken.",
        "Hoop: laten zien dat je uit de schulden kunt komen.",
    ],
    "open_concerns": [
        "Ik ben bang dat ervaringswerkers terugvallen als de werkdruk hoog is.",
        "Wie betaalt het als de subsidie stopt? Bij [ORGANISATIE 1] ging het zo mis.",
        "Collega's vragen zich af of het werk van hen wordt overgenomen.",
    ],
    "open_before_start": [
        "Een vaste coach en intervisie vanaf dag één.",
        "Uitzoeken wat betaald werk doet met iemands uitkering.",
    ],
    "open_difference": [
        "In het wijkteam van [PLAATS 1], bij mensen die instanties niet meer vertrouwen.",
        "Bij beleid: daar wordt over mensen besloten zonder hen.",
    ],
}

CONCERNS = [
    (
        "Angst dat ervaringswerkers taken van collega's overnemen",
        "Kwam terug in open antwoorden en in het teamoverleg van het wijkteam.",
        ConcernSource.ANSWER,
        "werkvloer",
        "We beschrijven samen met het team welke taken wel en niet bij de rol horen.",
        ConcernStatus.IN_PROGRESS,
    ),
    (
        "Financiering na afloop van de projectsubsidie",
        "Het bestuur wil eerst resultaten zien voordat er structureel geld komt.",
        ConcernSource.MEETING,
        "bestuur",
        "",
        ConcernStatus.OPEN,
    ),
    (
        "Zorg over terugval bij hoge werkdruk",
        "Genoemd door teamleiders.",
        ConcernSource.ANSWER,
        "middenkader",
        "Coaching en intervisie zijn vastgelegd; inwerkperiode met opbouw van uren.",
        ConcernStatus.ADDRESSED,
    ),
]


# Share agreeing with each wrong motive: "the financier wants it" is the one to flag.
RED_FLAG_AGREEMENT = {"motive_4": 0.12, "motive_5": 0.18, "motive_6": 0.42}


def _answer(
    rng: random.Random, mean: float, *, key: str, reversed_: bool, red_flag: bool
) -> Answer:
    if rng.random() < 0.08:
        return None  # weet niet
    if red_flag:
        agreeing = rng.random() < RED_FLAG_AGREEMENT.get(key, 0.15)
        return rng.choice((4, 5)) if agreeing else rng.choice((1, 2, 2, 3))
    value = min(5, max(1, round(rng.gauss(mean, 0.9))))
    return 6 - value if reversed_ else value


def _responses(
    round_: Round, sizes: dict[str, int], rng: random.Random, *, lift: float, open_answers: bool
) -> list[Response]:
    scan = round_.template.scan
    responses = []
    for group, size in sizes.items():
        for person in range(size):
            answers: dict[str, Answer] = {}
            for statement in scan.statements:
                if rng.random() < 0.03:
                    continue  # skipped
                mean = THEME_LEVEL[statement.theme] + GROUP_SHIFT[group] + lift
                answers[statement.key] = _answer(
                    rng,
                    mean,
                    key=statement.key,
                    reversed_=statement.reversed,
                    red_flag=statement.red_flag,
                )
            clean = None
            if open_answers:
                clean = {
                    key: texts[(person + len(group)) % len(texts)]
                    for key, texts in OPEN_ANSWERS.items()
                    if rng.random() < 0.1
                }
            responses.append(
                Response(
                    round=round_,
                    group=group,
                    answers=answers,
                    open_answers_clean=clean,
                    resume_token_hash=new_token()[1],
                    step=len(scan.themes) + 1,
                    submitted=True,
                )
            )
    return responses


def _round(
    organisation: Organisation,
    template: TemplateVersion,
    title: str,
    *,
    groups: list[str],
    deadline_in_days: int,
    created_days_ago: int,
    creator: User | None,
) -> Round:
    deadline = timezone.localdate() + timedelta(days=deadline_in_days)
    season = "voorjaar" if deadline.month <= 6 else "najaar"
    round_ = Round(
        organisation=organisation,
        template=template,
        # Demo data is relative to today, so the title follows the deadline's season.
        title=title.format(season=season, year=deadline.year),
        deadline=deadline,
        groups=groups,
        created_by=creator,
    )
    round_.full_clean()
    round_.save()
    Round.objects.filter(pk=round_.pk).update(
        created_at=timezone.now() - timedelta(days=created_days_ago)
    )
    for group in groups:
        RoundGroup.objects.create(round=round_, key=group, link_token=secrets.token_urlsafe(24))
    return round_


def _close(round_: Round, days_ago: int) -> None:
    Round.objects.filter(pk=round_.pk).update(
        status=RoundStatus.CLOSED,
        closed_at=timezone.now() - timedelta(days=days_ago),
        open_answers_state=OpenAnswersState.DONE,
    )


def _load_debrug(template: TemplateVersion) -> None:
    organisation = Organisation.objects.get(slug="debrug")
    if Round.objects.filter(organisation=organisation).exists():
        return
    creator = User.objects.filter(email="kwartiermaker@debrug.demo.kwartier.nl").first()
    rng = random.Random(2026)
    earlier = _round(
        organisation,
        template,
        "Verkenning {season} {year}",
        groups=list(EARLIER_SIZES),
        deadline_in_days=-150,
        created_days_ago=180,
        creator=creator,
    )
    Response.objects.bulk_create(
        _responses(earlier, EARLIER_SIZES, rng, lift=-0.3, open_answers=True)
    )
    _close(earlier, days_ago=150)
    latest = _round(
        organisation,
        template,
        "Verkenning {season} {year}",
        groups=list(LATEST_SIZES),
        deadline_in_days=-5,
        created_days_ago=30,
        creator=creator,
    )
    Response.objects.bulk_create(_responses(latest, LATEST_SIZES, rng, lift=0.0, open_answers=True))
    for group, size in LATEST_SIZES.items():
        for _ in range(size + 2):  # a few invited people did not take part
            RoundInvitation.objects.create(
                round=latest, group=group, email="", token_hash=new_token()[1], used=True
            )
    _close(latest, days_ago=4)
    owner = User.objects.filter(email="kwartiermaker@debrug.demo.kwartier.nl").first()
    for title, description, source, layer, response, status in CONCERNS:
        services.concern_create(
            organisation=organisation,
            title=title,
            description=description,
            source=source,
            layer=layer,
            response=response,
            status=status,
            owner=owner,
            round=latest if source == ConcernSource.ANSWER else None,
        )


def _load_opweg(template: TemplateVersion) -> None:
    organisation = Organisation.objects.get(slug="opweg")
    if Round.objects.filter(organisation=organisation).exists():
        return
    creator = User.objects.filter(email="kwartiermaker@opweg.demo.kwartier.nl").first()
    rng = random.Random(7)
    running = _round(
        organisation,
        template,
        "Verkenning 2026",
        groups=list(OPWEG_SIZES),
        deadline_in_days=21,
        created_days_ago=7,
        creator=creator,
    )
    Response.objects.bulk_create(
        _responses(running, OPWEG_SIZES, rng, lift=0.2, open_answers=False)
    )
    for number in range(1, 7):
        RoundInvitation.objects.create(
            round=running,
            group="werkvloer",
            email=f"collega{number}@opweg.demo.kwartier.nl",
            token_hash=new_token()[1],
            used=number <= 3,
        )


def load(stdout: TextIO) -> None:
    template = services.template_ensure_default()
    _load_debrug(template)
    _load_opweg(template)
    rounds = Round.objects.filter(organisation__slug__in=["debrug", "opweg"]).count()
    responses = Response.objects.filter(round__organisation__slug__in=["debrug", "opweg"]).count()
    stdout.write(f"Verkenning: {rounds} rondes, {responses} antwoordenlijsten\n")
