"""A small organisation for the Resultaten tests: an ervaringswerker and a medewerker in
one team (the medewerker answers for it), a kwartiermaker, and another organisation."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.test import Client

from kwartier.accounts.models import Organisation, Role, Team, User
from tests.factories import MembershipFactory, OrganisationFactory, TeamFactory, UserFactory


@dataclass
class Cast:
    organisation: Organisation
    team: Team
    other_team: Team
    worker: User
    responder: User
    kwartiermaker: User
    board: User
    outsider: User  # kwartiermaker of another organisation

    def client(self, user: User) -> Client:
        client = Client()
        client.force_login(user)
        return client


@pytest.fixture
def cast(db) -> Cast:
    organisation = OrganisationFactory(name="Welzijn Test", slug="welzijn-test")
    team = TeamFactory(organisation=organisation, name="Wijkteam Noord")
    other_team = TeamFactory(organisation=organisation, name="Inloop")
    people = {}
    for key, role, member_team in (
        ("worker", Role.EXPERIENCE_WORKER, team),
        ("responder", Role.EMPLOYEE, team),
        ("kwartiermaker", Role.KWARTIERMAKER, None),
        ("board", Role.BOARD_MEMBER, None),
    ):
        people[key] = UserFactory(email=f"{key}@welzijn-test.example.nl")
        MembershipFactory(user=people[key], organisation=organisation, role=role, team=member_team)
    other = OrganisationFactory(name="Andere Stichting", slug="andere")
    outsider = UserFactory(email="km@andere.example.nl")
    MembershipFactory(user=outsider, organisation=other, role=Role.KWARTIERMAKER)
    return Cast(
        organisation=organisation,
        team=team,
        other_team=other_team,
        outsider=outsider,
        **people,
    )
