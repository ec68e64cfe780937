"""Platform administration, password reset and the error pages."""

from __future__ import annotations

from django.core import mail
from django.test import Client, RequestFactory
from django.urls import reverse

from kwartier.accounts.models import Network, Organisation
from kwartier.core.views import server_error
from tests.conftest import login
from tests.factories import UserFactory


def test_platform_admin_creates_a_network_and_an_organisation_in_it(db):
    admin = UserFactory(is_superuser=True, is_staff=True)
    client = login(Client(), admin)
    client.post(reverse("platform:networks"), {"name": "Regio West", "slug": "regio-west"})
    network = Network.objects.get(slug="regio-west")
    response = client.post(
        reverse("platform:organisations"),
        {
            "name": "Buurtwerk Zuid",
            "slug": "buurtwerk-zuid",
            "city": "Hofstad",
            "networks": [network.pk],
        },
    )
    assert response.status_code == 302
    assert list(Organisation.objects.get(slug="buurtwerk-zuid").networks.all()) == [network]


def test_bad_slug_is_refused_in_dutch(db):
    admin = UserFactory(is_superuser=True, is_staff=True)
    client = login(Client(), admin)
    response = client.post(reverse("platform:organisations"), {"name": "X", "slug": "geen slug!"})
    assert "geldige" in response.content.decode()
    assert not Organisation.objects.filter(name="X").exists()


def test_platform_pages_do_not_exist_for_others(alice_client):
    assert alice_client.get(reverse("platform:organisations")).status_code == 404
    assert alice_client.get(reverse("platform:networks")).status_code == 404


def test_password_reset_mails_a_link(client, alice):
    page = client.get(reverse("account_reset_password"))
    assert page.status_code == 200
    client.post(reverse("account_reset_password"), {"email": alice.email})
    assert len(mail.outbox) == 1
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


def test_server_error_page_is_dutch_and_generic(db):
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    body = response.content.decode()
    assert "Er ging iets mis" in body and "Traceback" not in body


def test_signup_is_closed(client, db):
    response = client.get("/accounts/signup/")
    assert "uitnodiging" in response.content.decode().lower() or response.status_code in {
        302,
        403,
        404,
    }
