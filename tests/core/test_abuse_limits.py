"""Abuse limits (issue 12 point 7, decision 0112): rate limits answered with a Dutch 429,
request bodies past the limit answered with a Dutch 413, never a 500. The counters live
in the database cache, so every test starts with none (its transaction is rolled back)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.throttling import ScopedRateThrottle

from kwartier.accounts.models import Team
from kwartier.core.tokens import hash_token
from kwartier.exploration.models import RoundInvitation
from tests.exploration.factories import make_round
from tests.factories import PASSWORD, api_auth


@pytest.fixture
def limits(settings):
    def set_limits(**rates: str) -> None:
        settings.RATE_LIMITS = {**settings.RATE_LIMITS, **rates}

    return set_limits


def test_public_pages_answer_429_in_dutch_past_the_limit(db, limits):
    limits(public="3/min")
    visitor = Client(REMOTE_ADDR="203.0.113.7")
    url = reverse("knowledge:public_search")
    assert [visitor.get(url).status_code for _ in range(3)] == [200, 200, 200]
    refused = visitor.get(url)
    assert refused.status_code == 429
    body = refused.content.decode()
    assert "Even wachten" in body and "seconden opnieuw" in body
    assert '<html lang="nl"' in body
    assert 1 <= int(refused["Retry-After"]) <= 60
    # The detail pages share the allowance; another address has its own.
    assert visitor.get(reverse("knowledge:public_detail", args=[_any_uuid()])).status_code == 429
    assert Client(REMOTE_ADDR="203.0.113.8").get(url).status_code == 200


def test_a_forged_forwarded_for_header_gives_no_fresh_allowance(db, limits):
    limits(public="2/min")
    url = reverse("knowledge:public_search")
    codes = [
        Client(REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}").get(url).status_code
        for n in range(3)
    ]
    assert codes == [200, 200, 429]


def test_behind_one_proxy_the_forwarded_address_counts(db, limits, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    limits(public="1/min")
    url = reverse("knowledge:public_search")
    proxy = "198.51.100.1"
    first = Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="203.0.113.7").get(url)
    second = Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="203.0.113.9").get(url)
    again = Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="203.0.113.7").get(url)
    assert (first.status_code, second.status_code, again.status_code) == (200, 200, 429)


def test_normal_use_stays_under_the_default_limits(db):
    visitor = Client(REMOTE_ADDR="203.0.113.7")
    url = reverse("knowledge:public_search")
    assert {visitor.get(url, {"q": f"werk {n}"}).status_code for n in range(30)} == {200}


def test_a_respondent_link_is_limited_per_address_and_per_link(tenant_a, limits):
    limits(respondent="4/min", respondent_link="2/min")
    round_ = make_round(tenant_a.organisation)
    for token in ("link-een", "link-twee", "link-drie"):
        RoundInvitation.objects.create(
            round=round_, group="werkvloer", email=f"{token}@alfa.example.nl",
            token_hash=hash_token(token),
        )  # fmt: skip

    def url(token: str) -> str:
        return reverse("exploration:invitation_start", kwargs={"token": token})

    one, two = Client(REMOTE_ADDR="203.0.113.7"), Client(REMOTE_ADDR="203.0.113.8")
    # Per link: two opens of link-een, from any address, then 429.
    assert one.get(url("link-een")).status_code == 200
    assert two.get(url("link-een")).status_code == 200
    assert one.get(url("link-een")).status_code == 429
    # Per address: every request counts (the refused one too): 3 and 4, then 429 on a
    # fresh link as well.
    assert one.get(url("link-twee")).status_code == 200
    assert one.get(url("link-drie")).status_code == 200
    refused = one.get(url("link-drie"))
    assert refused.status_code == 429
    assert "Wat u al had ingevuld" in refused.content.decode()
    # Guessing links is limited the same way: unknown links count before the 404.
    assert two.get(url("bestaat-niet")).status_code == 404


def test_member_search_is_limited_per_person(tenant_a, tenant_b, limits):
    limits(search="2/min")
    alice, bob = Client(), Client()
    alice.login(email=tenant_a.manager.email, password=PASSWORD)
    bob.login(email=tenant_b.manager.email, password=PASSWORD)
    url = reverse("knowledge:search")
    assert [alice.get(url).status_code for _ in range(3)] == [200, 200, 429]
    assert bob.get(url).status_code == 200


def test_the_search_api_answers_429_with_a_dutch_detail(tenant_a, monkeypatch, settings):
    assert ScopedRateThrottle.THROTTLE_RATES["search"] == settings.RATE_LIMITS["search"]
    # DRF reads its rates once, when the class is defined.
    monkeypatch.setattr(
        ScopedRateThrottle,
        "THROTTLE_RATES",
        {**ScopedRateThrottle.THROTTLE_RATES, "search": "1/min"},
    )
    client = Client()
    auth = api_auth(tenant_a.manager)
    url = reverse("knowledge-search")
    assert client.get(url, **auth).status_code == 200
    refused = client.get(url, **auth)
    assert refused.status_code == 429
    assert refused.json()["detail"].startswith("Te veel verzoeken in korte tijd.")
    assert "Expected" not in refused.json()["detail"]
    assert int(refused["Retry-After"]) >= 1


# --- request size ------------------------------------------------------------------------


def test_a_body_past_the_limit_is_a_dutch_413_page_and_nothing_is_saved(alice_client, settings):
    settings.MAX_REQUEST_BYTES = 5_000
    response = alice_client.post(
        reverse("accounts:team_create"),
        {"name": "Groot", "layer": "werkvloer", "description": "x" * 6_000},
    )
    assert response.status_code == 413
    body = response.content.decode()
    assert "Wat u verstuurde is te groot" in body and "0.0 MB" not in body
    assert not Team.objects.filter(name="Groot").exists()


def test_a_large_file_upload_is_refused_before_it_is_read(client, db, settings, tmp_path):
    settings.MAX_REQUEST_BYTES = 5_000
    upload = tmp_path / "groot.bin"
    upload.write_bytes(b"\0" * 20_000)
    with upload.open("rb") as handle:
        response = client.post(reverse("knowledge:public_search"), {"bestand": handle})
    assert response.status_code == 413


def test_the_api_answers_413_as_dutch_json(client, tenant_a, settings):
    settings.MAX_REQUEST_BYTES = 5_000
    response = client.post(
        reverse("team-list"),
        data='{"name": "' + "x" * 6_000 + '"}',
        content_type="application/json",
        **api_auth(tenant_a.manager),
    )
    assert response.status_code == 413
    assert response.json()["detail"].startswith("Het verzoek is te groot")


def test_a_malformed_content_length_is_no_500(client, db):
    response = client.post(
        reverse("knowledge:public_search"), data="a=1", content_type="text/plain",
        CONTENT_LENGTH="veel",
    )  # fmt: skip
    assert response.status_code < 500


def _any_uuid() -> str:
    return "00000000-0000-4000-8000-000000000000"


def test_public_vacancies_and_the_supervisors_link_are_limited_too(db, limits):
    limits(public="1/min", respondent_link="1/min")
    visitor = Client(REMOTE_ADDR="203.0.113.7")
    vacancies = reverse("vacancies_public:list")
    assert visitor.get(vacancies).status_code == 200
    assert visitor.get(vacancies).status_code == 429
    assert visitor.get(reverse("vacancies_public:feed")).status_code == 429
    link = reverse("workforce:confirm_hours", kwargs={"token": "geraden-link"})
    assert visitor.get(link).status_code != 429
    assert Client(REMOTE_ADDR="203.0.113.8").get(link).status_code == 429
