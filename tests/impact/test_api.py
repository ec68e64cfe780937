"""The API contract of Resultaten (paths and field names exactly as in issue 10)."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from kwartier.impact.models import Contribution, Signal, SignalState
from tests.factories import api_auth
from tests.impact.factories import ContributionFactory, SignalFactory

pytestmark = pytest.mark.django_db

CONTRIBUTIONS = "/api/impact/contributions/"
SIGNALS = "/api/impact/signals/"
RESPONSIVENESS = "/api/impact/responsiveness/"


def post(user, url, data):
    return Client().post(url, data, content_type="application/json", **api_auth(user))


def get(user, url):
    return Client().get(url, **api_auth(user))


def test_contribution_create_and_list(cast):
    before = timezone.localdate().isoformat()
    response = post(
        cast.worker,
        CONTRIBUTIONS,
        {"role": "bruggenbouwer", "level": "policy", "kind": "advice", "minutes": 90},
    )
    after = timezone.localdate().isoformat()
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["date"] in {before, after}  # today by default
    assert body["level"] == "policy" and body["author"] == cast.worker.pk
    ContributionFactory(organisation=cast.organisation, author=cast.kwartiermaker)
    own = get(cast.worker, CONTRIBUTIONS).json()
    assert own["count"] == 1
    everyone = get(cast.kwartiermaker, CONTRIBUTIONS).json()
    assert everyone["count"] == 2
    assert get(cast.outsider, CONTRIBUTIONS).json()["count"] == 0


def test_contribution_errors_have_field_and_detail(cast):
    response = post(cast.worker, CONTRIBUTIONS, {"role": "x", "level": "policy", "minutes": 5})
    assert response.status_code == 400
    assert set(response.json()) >= {"field", "detail"}
    response = post(
        cast.worker,
        CONTRIBUTIONS,
        {
            "role": "bruggenbouwer",
            "level": "client",
            "kind": "conversation",
            "minutes": 20,
            "note": "Gesprek met Jansen",
        },
    )
    assert response.status_code == 400
    body = response.json()
    assert body["field"] == "note" and body["identifying"]["note"][0]["text"] == "Jansen"
    confirmed = post(
        cast.worker,
        CONTRIBUTIONS,
        {
            "role": "bruggenbouwer",
            "level": "client",
            "kind": "conversation",
            "minutes": 20,
            "note": "Gesprek met Jansen",
            "confirm_not_identifying": body["fingerprint"],
        },
    )
    assert confirmed.status_code == 201
    assert post(cast.responder, CONTRIBUTIONS, {}).status_code == 403
    bad_json = Client().post(
        CONTRIBUTIONS, "{nope", content_type="application/json", **api_auth(cast.worker)
    )
    assert bad_json.status_code == 400
    assert Contribution.objects.count() == 1


def test_signal_lifecycle_through_the_api(cast):
    response = post(
        cast.worker,
        SIGNALS,
        {
            "title": "Lange wachttijd",
            "description": "Mensen wachten weken.",
            "level": "organisation",
            "owner_team": cast.team.pk,
        },
    )
    assert response.status_code == 201, response.json()
    signal_id = response.json()["id"]
    assert response.json()["state"] == "open"
    respond = f"{SIGNALS}{signal_id}/respond/"
    outcome = f"{SIGNALS}{signal_id}/outcome/"

    # a step out of order: 400 with the reason
    early = post(cast.responder, outcome, {"outcome": "change_made", "text": ""})
    assert early.status_code == 400 and early.json()["field"] == "outcome"
    # only the owner responds: 403 for one who sees it, 404 for one who does not
    assert post(cast.kwartiermaker, respond, {"text": "Ik"}).status_code == 403
    assert post(cast.worker, respond, {"text": "Ik"}).status_code == 403
    assert post(cast.board, respond, {"text": "Ik"}).status_code == 404
    assert post(cast.outsider, respond, {"text": "Ik"}).status_code == 404
    assert get(cast.responder, respond).json() == {
        "state": "open",
        "may_act": True,
        "allowed": ["answered"],
    }

    answered = post(cast.responder, respond, {"text": "We bekijken het."})
    assert answered.status_code == 200 and answered.json()["state"] == "answered"
    twice = post(cast.responder, respond, {"text": "Nog eens"})
    assert twice.status_code == 400 and twice.json()["field"] == "text"
    no_reason = post(cast.responder, outcome, {"outcome": "no_change", "text": ""})
    assert no_reason.status_code == 400 and no_reason.json()["field"] == "text"
    wrong = post(cast.responder, outcome, {"outcome": "maybe", "text": ""})
    assert wrong.status_code == 400 and wrong.json()["field"] == "outcome"
    made = post(cast.responder, outcome, {"outcome": "change_made", "text": "Gedaan"})
    assert made.status_code == 200 and made.json()["state"] == "change_made"
    closed = post(cast.responder, outcome, {"outcome": "no_change", "text": "Toch niet"})
    assert closed.status_code == 400 and "afgesloten" in closed.json()["detail"]
    assert Signal.objects.get().state == SignalState.CHANGE_MADE


def test_signal_create_errors(cast):
    response = post(cast.worker, SIGNALS, {"title": "x", "description": "y", "level": "client"})
    assert response.status_code == 400 and response.json()["field"] == "owner_team"
    other_team = post(
        cast.worker,
        SIGNALS,
        {"title": "x", "description": "y", "level": "client", "owner_team": 10**9},
    )
    assert other_team.status_code == 400 and other_team.json()["field"] == "owner_team"
    assert post(cast.responder, SIGNALS, {}).status_code == 403


def test_anonymous_raiser_hidden_in_the_api(cast):
    signal = SignalFactory(
        organisation=cast.organisation,
        raised_by=cast.worker,
        owner_team=cast.team,
        anonymous=True,
    )
    url = f"{SIGNALS}{signal.pk}/"
    assert get(cast.worker, url).json()["raised_by"] == cast.worker.pk
    assert get(cast.responder, url).json()["raised_by"] is None
    assert get(cast.kwartiermaker, url).json()["raised_by"] is None


def at(day: int, month: int = 1) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(2026, month, day, 12, 0))


def test_responsiveness(cast):
    signal = {"organisation": cast.organisation, "raised_by": cast.worker, "owner_team": cast.team}
    SignalFactory(
        **signal,
        raised_at=at(5),
        due_at=at(19),
        answered_at=at(9),
        state=SignalState.CHANGE_MADE,
    )
    SignalFactory(**signal, raised_at=at(15), due_at=at(29))
    SignalFactory(**signal, raised_at=at(2, 2))  # outside the period
    start, end = "2026-01-01", "2026-01-31"
    body = get(cast.board, f"{RESPONSIVENESS}?from={start}&to={end}").json()
    assert body == {
        "signals": 2,
        "answered": 1,
        "response_rate": 0.5,
        "median_days_to_response": 4.0,
        "change_planned": 0,
        "change_made": 1,
        "no_change": 0,
        "overdue": 1,  # unanswered, due 29 January 2026: past by any clock of this test
    }
    assert get(cast.outsider, f"{RESPONSIVENESS}?from={start}&to={end}").json()["signals"] == 0
    for query, field in (
        ("?from=2026-02-30", "from"),
        ("?from=gisteren", "from"),
        ("?to=2026-1-1", "to"),
        ("?from=2026-05-01&to=2026-04-01", "to"),
    ):
        response = get(cast.board, RESPONSIVENESS + query)
        assert response.status_code == 400, query
        assert response.json()["field"] == field and response.json()["detail"]
    assert Client().get(RESPONSIVENESS).status_code == 401


def test_schema_documents_the_routes(cast):
    schema = get(cast.board, "/api/schema/").content.decode()
    for route in (
        "/api/impact/contributions/",
        "/api/impact/signals/{id}/respond/",
        "/api/impact/signals/{id}/outcome/",
        "/api/impact/responsiveness/",
    ):
        assert route in schema


def test_reading_someone_elses_signal_is_logged(cast):
    from kwartier.core.models import AccessLog

    signal = SignalFactory(
        organisation=cast.organisation, raised_by=cast.worker, owner_team=cast.team
    )
    get(cast.worker, f"{SIGNALS}{signal.pk}/")
    assert not AccessLog.objects.filter(object_type="impact_signal").exists()
    get(cast.responder, f"{SIGNALS}{signal.pk}/")
    entry = AccessLog.objects.get(object_type="impact_signal")
    assert entry.actor_id == cast.responder.pk and entry.object_id == str(signal.pk)
