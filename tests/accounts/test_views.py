"""Organisation pages as members use them: teams, members, invitations, switching."""

from __future__ import annotations

import re

from django.core import mail
from django.test import Client
from django.urls import reverse

from kwartier.accounts.models import Invitation, Membership, Role, Team
from tests.conftest import login
from tests.factories import MembershipFactory, TeamFactory, UserFactory


def test_anonymous_visitor_is_sent_to_dutch_login(client, db):
    response = client.get(reverse("core:home"))
    assert response.status_code == 302
    page = client.get(reverse("account_login"))
    assert "Inloggen bij Kwartier" in page.content.decode()
    assert page["Content-Language"] == "nl"


def test_browser_language_does_not_switch_but_the_switcher_does(client, db):
    page = client.get(reverse("account_login"), HTTP_ACCEPT_LANGUAGE="en-US")
    assert page["Content-Language"] == "nl"
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("account_login"))
    assert page["Content-Language"] == "en"
    assert "Log in to Kwartier" in page.content.decode()


def test_kwartiermaker_creates_a_team(alice_client, tenant_a):
    response = alice_client.post(
        reverse("accounts:team_create"), {"name": "Wijkteam Zuid", "layer": "werkvloer"}
    )
    assert response.status_code == 302
    assert Team.objects.get(name="Wijkteam Zuid").organisation == tenant_a.organisation


def test_duplicate_or_empty_team_name_gives_a_dutch_error_and_changes_nothing(
    alice_client, tenant_a
):
    TeamFactory(organisation=tenant_a.organisation, name="Inloop")
    response = alice_client.post(
        reverse("accounts:team_create"), {"name": "inloop", "layer": "werkvloer"}
    )
    assert "Er is al een team met deze naam." in response.content.decode()
    response = alice_client.post(reverse("accounts:team_create"), {"name": "", "layer": "xx"})
    body = response.content.decode()
    assert "Dit veld is vereist." in body
    assert "geen beschikbare keuze" in body
    assert Team.objects.filter(organisation=tenant_a.organisation).count() == 1


def test_employee_may_not_manage_teams(tenant_a):
    client = login(Client(), tenant_a.member)
    assert client.get(reverse("accounts:team_create")).status_code == 403
    assert client.get(reverse("accounts:teams")).status_code == 200


def test_team_delete_asks_for_confirmation(alice_client, tenant_a):
    team = TeamFactory(organisation=tenant_a.organisation)
    url = reverse("accounts:team_delete", kwargs={"team_id": team.pk})
    assert "verwijderen?" in alice_client.get(url).content.decode()
    assert Team.objects.filter(pk=team.pk).exists()
    alice_client.post(url)
    assert not Team.objects.filter(pk=team.pk).exists()


def invite(client, django_capture_on_commit_callbacks, **data):
    """Post the invitation form; the e-mail goes out when the transaction commits."""
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(reverse("accounts:invitations"), data)


def test_invitation_is_mailed_and_accepted_by_a_new_person(
    alice_client, tenant_a, django_capture_on_commit_callbacks
):
    response = invite(
        alice_client,
        django_capture_on_commit_callbacks,
        email="Nieuw@Alfa.example.nl",
        role="ervaringswerker",
    )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/\S+)", mail.outbox[0].body).group(1)
    invitation = Invitation.objects.get()
    assert invitation.email == "nieuw@alfa.example.nl"
    assert link.split("/")[-2] not in invitation.token_hash  # only the hash is stored

    visitor = Client()
    weak = visitor.post(
        link, {"full_name": "Nieuw", "password1": "12345678", "password2": "12345678"}
    )
    assert "Dit wachtwoord is te kort" in weak.content.decode()
    accepted = visitor.post(
        link,
        {
            "full_name": "Nina Nieuw",
            "password1": "ervaring-telt-2026",
            "password2": "ervaring-telt-2026",
        },
    )
    assert accepted.status_code == 302
    membership = Membership.objects.get(user__email="nieuw@alfa.example.nl")
    assert membership.role == Role.EXPERIENCE_WORKER
    assert membership.organisation == tenant_a.organisation
    # Single use: the link is closed now.
    assert Client().get(link).status_code == 410


def test_invitation_for_someone_else_is_refused(
    alice_client, tenant_a, tenant_b, django_capture_on_commit_callbacks
):
    invite(
        alice_client,
        django_capture_on_commit_callbacks,
        email="iemand@example.nl",
        role="medewerker",
    )
    link = re.search(r"http://testserver(/\S+)", mail.outbox[0].body).group(1)
    other = login(Client(), tenant_b.member)
    response = other.post(link)
    assert "Deze uitnodiging is voor iemand@example.nl" in response.content.decode()
    assert not Membership.objects.filter(
        user=tenant_b.member, organisation=tenant_a.organisation
    ).exists()


def test_unknown_invitation_token_is_404(client, db):
    assert (
        client.get(
            reverse("accounts:invitation_accept", kwargs={"token": "bestaat-niet"})
        ).status_code
        == 404
    )


def test_revoked_invitation_no_longer_works(alice_client, django_capture_on_commit_callbacks):
    invite(
        alice_client, django_capture_on_commit_callbacks, email="weg@example.nl", role="medewerker"
    )
    link = re.search(r"http://testserver(/\S+)", mail.outbox[0].body).group(1)
    invitation = Invitation.objects.get()
    alice_client.post(
        reverse("accounts:invitation_revoke", kwargs={"invitation_id": invitation.pk})
    )
    assert Client().get(link).status_code == 410


def test_last_manager_cannot_be_removed(alice_client, tenant_a):
    own = Membership.objects.get(user=tenant_a.manager)
    response = alice_client.post(
        reverse("accounts:member_remove", kwargs={"membership_id": own.pk})
    )
    assert "minstens één organisatiebeheerder of kwartiermaker" in response.content.decode()
    assert Membership.objects.filter(pk=own.pk).exists()


def test_switching_to_an_organisation_you_are_not_in_is_404(alice_client, tenant_b):
    response = alice_client.post(
        reverse("accounts:switch"), {"organisation": tenant_b.organisation.pk}
    )
    assert response.status_code == 404
    assert alice_client.post(reverse("accounts:switch"), {"organisation": "abc"}).status_code == 404


def test_member_search_and_empty_state(alice_client, tenant_a):
    page = alice_client.get(reverse("accounts:members"), {"q": "anne@"})
    assert "anne@alfa.example.nl" in page.content.decode()
    page = alice_client.get(reverse("accounts:members"), {"q": "niemand-bekend"})
    assert "Niemand gevonden" in page.content.decode()


def test_pagination_survives_nonsense_page_numbers(alice_client, tenant_a):
    for index in range(30):
        TeamFactory(organisation=tenant_a.organisation, name=f"Team {index:02d}")
    page = alice_client.get(reverse("accounts:teams"), {"pagina": "999"})
    assert page.status_code == 200 and "Pagina 2 van 2" in page.content.decode()
    assert alice_client.get(reverse("accounts:teams"), {"pagina": "x"}).status_code == 200


def test_audit_log_shows_changes_of_own_organisation_only(tenant_a, tenant_b):
    admin = UserFactory()
    MembershipFactory(user=admin, organisation=tenant_a.organisation, role=Role.ORGANISATION_ADMIN)
    client = login(Client(), admin)
    client.post(reverse("accounts:team_create"), {"name": "Zichtbaar team", "layer": "beleid"})
    TeamFactory(organisation=tenant_b.organisation, name="Geheim team van Beta")
    body = client.get(reverse("accounts:audit_log")).content.decode()
    assert "Zichtbaar team" in body
    assert "Geheim team van Beta" not in body


def test_audit_log_is_for_organisation_admins(alice_client):
    assert alice_client.get(reverse("accounts:audit_log")).status_code == 403


def test_pages_with_personal_data_are_not_cached(alice_client):
    assert alice_client.get(reverse("accounts:members"))["Cache-Control"] == "no-store"


def test_404_page_is_dutch(alice_client):
    response = alice_client.get("/bestaat/niet/")
    assert response.status_code == 404
    assert "Deze pagina bestaat niet" in response.content.decode()
