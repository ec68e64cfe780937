"""Values within reason for organisations and teams (issue 18.6): length limits on free
text, and names that differ only by invisible or direction characters are one name."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from kwartier.accounts.models import DESCRIPTION_MAX_LENGTH, Membership, Role, Team
from tests.conftest import login
from tests.factories import TeamFactory, api_auth


@pytest.mark.parametrize("mark", ["\u200b", "\u200e", "\u202e", "\ufeff"])
def test_team_name_with_invisible_characters_is_the_same_name(alice_client, tenant_a, mark):
    TeamFactory(organisation=tenant_a.organisation, name="Inloop")
    response = alice_client.post(
        reverse("accounts:team_create"), {"name": f"In{mark}loop", "layer": "werkvloer"}
    )
    assert "Er is al een team met deze naam." in response.content.decode()
    assert Team.objects.filter(organisation=tenant_a.organisation).count() == 1


def test_team_name_is_stored_cleaned(alice_client, tenant_a):
    alice_client.post(
        reverse("accounts:team_create"),
        {"name": "\u202eWijk\u200bteam  Zuid ", "layer": "werkvloer"},
    )
    assert Team.objects.get(organisation=tenant_a.organisation).name == "Wijkteam Zuid"


def test_team_description_has_a_length_limit_on_the_page(alice_client, tenant_a):
    response = alice_client.post(
        reverse("accounts:team_create"),
        {"name": "Lang", "layer": "werkvloer", "description": "x" * (DESCRIPTION_MAX_LENGTH + 1)},
    )
    assert response.status_code == 200
    assert "Zorg dat deze waarde niet meer dan 2000 tekens bevat" in response.content.decode()
    assert not Team.objects.filter(name="Lang").exists()


def test_team_description_has_a_length_limit_in_the_api(client, tenant_a):
    response = client.post(
        reverse("team-list"),
        {
            "organisation": tenant_a.organisation.pk,
            "name": "Lang",
            "layer": "werkvloer",
            "description": "x" * (DESCRIPTION_MAX_LENGTH + 1),
        },
        content_type="application/json",
        **api_auth(tenant_a.manager),
    )
    assert response.status_code == 400
    assert "description" in response.json()
    assert not Team.objects.filter(name="Lang").exists()


def test_organisation_description_has_a_length_limit(tenant_a):
    Membership.objects.filter(user=tenant_a.manager).update(role=Role.ORGANISATION_ADMIN)
    client = login(Client(), tenant_a.manager)
    response = client.post(
        reverse("accounts:organisation_edit"),
        {"name": "Welzijn Alfa", "description": "x" * (DESCRIPTION_MAX_LENGTH + 1)},
    )
    assert response.status_code == 200
    tenant_a.organisation.refresh_from_db()
    assert tenant_a.organisation.description == ""


def test_an_expired_invitation_makes_room_for_a_new_one(tenant_a):
    """The database allows one open invitation per address; an expired one is closed
    (and shown as expired) when the address is invited again."""
    from datetime import timedelta

    from django.utils import timezone

    from kwartier.accounts import services
    from kwartier.accounts.models import Invitation

    def invite() -> Invitation:
        return services.invitation_create(
            organisation=tenant_a.organisation,
            email="later@alfa.example.nl",
            role=Role.EMPLOYEE,
            team=None,
            invited_by=tenant_a.manager,
            accept_url_template="http://testserver/{token}/",
        )

    old = invite()
    Invitation.objects.filter(pk=old.pk).update(expires_at=timezone.now() - timedelta(days=1))
    new = invite()
    old.refresh_from_db()
    assert new.is_open and old.status == "Verlopen"
