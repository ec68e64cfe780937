"""Demo organisations and accounts (see README: demo accounts)."""

from __future__ import annotations

from typing import TextIO

from allauth.account.models import EmailAddress
from django.conf import settings

from kwartier.accounts.models import Layer, Membership, Network, Organisation, Role, Team, User

NETWORK = ("Regio Oost", "regio-oost", "Samenwerkingsverband van welzijn, opvang en gemeente.")

ORGANISATIONS = [
    ("Welzijn De Brug", "debrug", "Hofstad", "Welzijnsorganisatie met wijkteams en inloop."),
    ("Stichting Op Weg", "opweg", "Hofstad", "Maatschappelijke opvang en beschermd wonen."),
    ("Gemeente Hofstad", "hofstad", "Hofstad", "Financier van het sociaal domein in de regio."),
]

TEAMS = {
    "debrug": [
        ("Wijkteam Noord", Layer.FRONTLINE),
        ("Inloop De Brug", Layer.FRONTLINE),
        ("Teamleiders", Layer.MIDDLE_MANAGEMENT),
        ("Raad van bestuur", Layer.BOARD),
        ("Beleid en kwaliteit", Layer.POLICY),
    ],
    "opweg": [
        ("Nachtopvang", Layer.FRONTLINE),
        ("Beschermd wonen", Layer.FRONTLINE),
        ("Coördinatoren", Layer.MIDDLE_MANAGEMENT),
        ("Directie", Layer.BOARD),
    ],
    "hofstad": [("Sociaal domein", Layer.POLICY)],
}

ACCOUNTS: list[tuple[str, str, str, Role, str | None]] = [
    # email, name, organisation slug, role, team
    (
        "kwartiermaker@debrug.demo.kwartier.nl",
        "Noor Bakker",
        "debrug",
        Role.KWARTIERMAKER,
        "Beleid en kwaliteit",
    ),
    (
        "ervaringswerker@debrug.demo.kwartier.nl",
        "Sam de Vries",
        "debrug",
        Role.EXPERIENCE_WORKER,
        "Wijkteam Noord",
    ),
    (
        "bestuurder@debrug.demo.kwartier.nl",
        "Ingrid Hoekstra",
        "debrug",
        Role.BOARD_MEMBER,
        "Raad van bestuur",
    ),
    (
        "medewerker@debrug.demo.kwartier.nl",
        "Youssef el Amrani",
        "debrug",
        Role.EMPLOYEE,
        "Wijkteam Noord",
    ),
    ("beheer@debrug.demo.kwartier.nl", "Petra Smit", "debrug", Role.ORGANISATION_ADMIN, None),
    (
        "kwartiermaker@opweg.demo.kwartier.nl",
        "Ruben Jansen",
        "opweg",
        Role.KWARTIERMAKER,
        "Coördinatoren",
    ),
    (
        "ervaringswerker@opweg.demo.kwartier.nl",
        "Lotte Visser",
        "opweg",
        Role.EXPERIENCE_WORKER,
        "Nachtopvang",
    ),
    (
        "financier@hofstad.demo.kwartier.nl",
        "Karim Bouzid",
        "hofstad",
        Role.FINANCIER,
        "Sociaal domein",
    ),
]

PLATFORM_ADMIN = ("beheerder@demo.kwartier.nl", "Platformbeheer Kwartier")


def _account(email: str, name: str, *, superuser: bool = False) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        create = User.objects.create_superuser if superuser else User.objects.create_user
        user = create(email=email, password=settings.DEMO_PASSWORD, full_name=name)
    EmailAddress.objects.get_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def load(stdout: TextIO) -> None:
    network, _ = Network.objects.get_or_create(
        slug=NETWORK[1], defaults={"name": NETWORK[0], "description": NETWORK[2]}
    )
    organisations = {}
    for name, slug, city, description in ORGANISATIONS:
        organisation, _ = Organisation.objects.get_or_create(
            slug=slug, defaults={"name": name, "city": city, "description": description}
        )
        organisation.networks.add(network)
        organisations[slug] = organisation
        for team_name, layer in TEAMS[slug]:
            Team.objects.get_or_create(
                organisation=organisation, name=team_name, defaults={"layer": layer}
            )
    _account(*PLATFORM_ADMIN, superuser=True)
    for email, full_name, slug, role, team_of_user in ACCOUNTS:
        user = _account(email, full_name)
        team = Team.objects.filter(organisation=organisations[slug], name=team_of_user).first()
        Membership.objects.get_or_create(
            user=user, organisation=organisations[slug], defaults={"role": role, "team": team}
        )
    stdout.write(f"Organisaties: {len(organisations)}, accounts: {len(ACCOUNTS) + 1}")
