"""Organisation login through OpenID Connect, against a fake provider that speaks real
HTTP on localhost (discovery, token and userinfo endpoints)."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import parse_qs, urlparse

import pytest
from allauth.account.models import EmailAddress
from django.test import Client

PROVIDER_ID = "organisatie"


class FakeProvider(BaseHTTPRequestHandler):
    email = "alice@alfa.example.nl"

    def log_message(self, *args):  # keep test output quiet
        pass

    def _json(self, data: dict) -> None:
        body = json.dumps(data).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):  # noqa: N802
        base = f"http://127.0.0.1:{self.server.server_port}"
        if self.path.startswith("/.well-known/openid-configuration"):
            self._json(
                {
                    "issuer": base,
                    "authorization_endpoint": f"{base}/authorize",
                    "token_endpoint": f"{base}/token",
                    "userinfo_endpoint": f"{base}/userinfo",
                    "jwks_uri": f"{base}/jwks",
                    "token_endpoint_auth_methods_supported": ["client_secret_post"],
                }
            )
        elif self.path.startswith("/userinfo"):
            self._json(
                {"sub": "medewerker-42", "email": FakeProvider.email, "email_verified": True}
            )
        else:
            self.send_response(404)
            self.end_headers()

    def do_POST(self):  # noqa: N802
        length = int(self.headers.get("Content-Length", 0))
        form = parse_qs(self.rfile.read(length).decode())
        if self.path.startswith("/token") and form.get("code") == ["goede-code"]:
            self._json({"access_token": "toegang", "token_type": "Bearer", "expires_in": 300})
        else:
            self.send_response(400)
            self.end_headers()


@pytest.fixture
def provider(settings):
    server = HTTPServer(("127.0.0.1", 0), FakeProvider)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": {
            "APPS": [
                {
                    "provider_id": PROVIDER_ID,
                    "name": "Inloggen via uw organisatie",
                    "client_id": "kwartier",
                    "secret": "geheim",
                    "settings": {"server_url": f"http://127.0.0.1:{server.server_port}"},
                }
            ]
        }
    }
    yield server
    server.shutdown()


def _login_via_provider(client: Client) -> object:
    start = client.post(f"/accounts/oidc/{PROVIDER_ID}/login/", {"process": "login"})
    assert start.status_code == 302
    state = parse_qs(urlparse(start["Location"]).query)["state"][0]
    return client.get(
        f"/accounts/oidc/{PROVIDER_ID}/login/callback/", {"code": "goede-code", "state": state}
    )


def test_login_page_offers_the_organisation_login(provider, client, db):
    assert "Inloggen via uw organisatie" in client.get("/accounts/login/").content.decode()


def test_invited_account_logs_in_through_the_provider(provider, alice):
    EmailAddress.objects.create(user=alice, email=alice.email, verified=True, primary=True)
    client = Client()
    response = _login_via_provider(client)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(alice.pk)


def test_unknown_person_is_not_signed_up(provider, db):
    FakeProvider.email = "onbekend@elders.example.nl"
    try:
        client = Client()
        _login_via_provider(client)
        assert "_auth_user_id" not in client.session
    finally:
        FakeProvider.email = "alice@alfa.example.nl"
