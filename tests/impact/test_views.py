"""The pages of Resultaten: forms without JavaScript, the findings shown, who sees what."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kwartier.accounts.models import ExperienceRole
from kwartier.impact import views
from kwartier.impact.models import Contribution, ImpactSettings, Signal, SignalState
from tests.impact.factories import ContributionFactory, SignalFactory

pytestmark = pytest.mark.django_db


def contribution_post(**overrides):
    data = {
        "date": "2026-03-10",
        "role": ExperienceRole.BRIDGE_BUILDER,
        "level": "client",
        "kind": "conversation",
        "minutes": "30",
        "team": "",
        "theme": "",
        "note": "",
    }
    data.update(overrides)
    return data


def test_worker_logs_a_contribution(cast):
    client = cast.client(cast.worker)
    page = client.get(reverse("impact:contribution_create"))
    assert page.status_code == 200
    assert isinstance(page.context["form"]["date"].value(), datetime.date)  # today
    response = client.post(reverse("impact:contribution_create"), contribution_post())
    assert response.status_code == 302
    saved = Contribution.objects.get()
    assert saved.author == cast.worker and saved.organisation == cast.organisation


def test_identifying_note_shows_the_spans_and_saves_only_when_confirmed(cast):
    client = cast.client(cast.worker)
    url = reverse("impact:contribution_create")
    response = client.post(url, contribution_post(note="Gesprek met mevrouw Jansen."))
    assert response.status_code == 200
    assert Contribution.objects.count() == 0
    html = response.content.decode()
    assert '<mark class="kwartier-mark">Jansen</mark>' in html
    assert "Ik heb het nagekeken" in html
    fingerprint = response.context["form"].data["fingerprint"]
    # Confirming without the tick saves nothing; with it, exactly that text is saved.
    again = contribution_post(note="Gesprek met mevrouw Jansen.", fingerprint=fingerprint)
    assert client.post(url, again).status_code == 200
    assert Contribution.objects.count() == 0
    again["confirm_not_identifying"] = "on"
    assert client.post(url, again).status_code == 302
    assert Contribution.objects.get().note == "Gesprek met mevrouw Jansen."


def test_bad_input_is_a_dutch_error_not_a_500(cast):
    client = cast.client(cast.worker)
    url = reverse("impact:contribution_create")
    for bad in (
        {"minutes": "0"},
        {"minutes": "abc"},
        {"date": "2026-13-40"},
        {"role": "kapitein"},
        {"date": (timezone.localdate() + datetime.timedelta(days=5)).isoformat()},
        {"team": "999999"},
        {"note": "x" * 5000},
    ):
        response = client.post(url, contribution_post(**bad))
        assert response.status_code == 200, bad
    assert Contribution.objects.count() == 0


def test_own_list_with_month_total_and_the_kwartiermaker_sees_all(cast, monkeypatch):
    today = datetime.date(2026, 3, 18)
    monkeypatch.setattr(views, "today", lambda: today)
    ContributionFactory(
        organisation=cast.organisation, author=cast.worker, date=datetime.date(2026, 2, 28)
    )  # last month: listed, not in the total
    ContributionFactory(organisation=cast.organisation, author=cast.worker, date=today, minutes=20)
    ContributionFactory(organisation=cast.organisation, author=cast.worker, date=today, minutes=25)
    ContributionFactory(
        organisation=cast.organisation, author=cast.kwartiermaker, date=today, minutes=60
    )
    page = cast.client(cast.worker).get(reverse("impact:contributions"))
    assert page.context["month_total"] == {"count": 2, "minutes": 45}
    assert len(page.context["page"].object_list) == 3
    # ?alle=1 means nothing for a worker
    page = cast.client(cast.worker).get(reverse("impact:contributions") + "?alle=1")
    assert len(page.context["page"].object_list) == 3
    page = cast.client(cast.kwartiermaker).get(reverse("impact:contributions") + "?alle=1")
    assert page.context["month_total"] == {"count": 3, "minutes": 105}


def test_contribution_delete_only_own_with_confirmation(cast):
    mine = ContributionFactory(organisation=cast.organisation, author=cast.worker)
    url = reverse("impact:contribution_delete", kwargs={"contribution_id": mine.pk})
    assert cast.client(cast.kwartiermaker).post(url).status_code == 404
    client = cast.client(cast.worker)
    assert client.get(url).status_code == 200
    assert Contribution.objects.filter(pk=mine.pk).exists()
    assert client.post(url).status_code == 302
    assert not Contribution.objects.filter(pk=mine.pk).exists()


def signal_post(cast, **overrides):
    data = {
        "title": "Lange wachttijd",
        "description": "Mensen wachten weken op een eerste gesprek.",
        "level": "organisation",
        "theme": "toegang",
        "owner_team": str(cast.team.pk),
        "owner": "",
        "on_behalf_of_team": "",
    }
    data.update(overrides)
    return data


def test_signal_raised_answered_and_changed_through_the_pages(cast):
    worker = cast.client(cast.worker)
    response = worker.post(reverse("impact:signal_create"), signal_post(cast))
    signal = Signal.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("impact:signal_detail", args=[signal.pk])
    owner = cast.client(cast.responder)
    detail = owner.get(response["Location"])
    assert detail.context["may_respond"]
    respond = reverse("impact:signal_respond", args=[signal.pk])
    assert owner.post(respond, {"text": ""}).status_code == 200  # required
    assert owner.post(respond, {"text": "Dank, we bekijken het."}).status_code == 302
    outcome = reverse("impact:signal_outcome", args=[signal.pk])
    bad = owner.post(outcome, {"outcome": "change_planned", "text": "", "planned_by": ""})
    assert bad.status_code == 200 and "Schrijf wat er gaat veranderen" in bad.content.decode()
    ok = owner.post(
        outcome,
        {"outcome": "change_planned", "text": "Extra spreekuur", "planned_by": "2099-01-01"},
    )
    assert ok.status_code == 302
    owner.post(outcome, {"outcome": "change_made", "text": "Het spreekuur draait."})
    signal.refresh_from_db()
    assert signal.state == SignalState.CHANGE_MADE
    page = worker.get(reverse("impact:signal_detail", args=[signal.pk])).content.decode()
    assert "Het spreekuur draait." in page and "Verandering doorgevoerd" in page


def test_who_sees_and_acts_on_a_signal(cast):
    signal = SignalFactory(
        organisation=cast.organisation, raised_by=cast.worker, owner_team=cast.team
    )
    detail = reverse("impact:signal_detail", args=[signal.pk])
    respond = reverse("impact:signal_respond", args=[signal.pk])
    assert cast.client(cast.worker).get(detail).status_code == 200
    assert cast.client(cast.responder).get(detail).status_code == 200
    assert cast.client(cast.kwartiermaker).get(detail).status_code == 200
    assert cast.client(cast.board).get(detail).status_code == 404  # not theirs to know
    assert cast.client(cast.outsider).get(detail).status_code == 404
    assert cast.client(cast.kwartiermaker).get(respond).status_code == 403  # sees, may not act
    assert cast.client(cast.worker).post(respond, {"text": "zelf"}).status_code == 403
    assert cast.client(cast.responder).get(respond).status_code == 200


def test_anonymous_raiser_is_hidden_from_owner_and_kwartiermaker(cast):
    cast.worker.full_name = "Zichtbare Naam"
    cast.worker.save()
    worker = cast.client(cast.worker)
    worker.post(reverse("impact:signal_create"), signal_post(cast, anonymous="on"))
    signal = Signal.objects.get()
    url = reverse("impact:signal_detail", args=[signal.pk])
    for user in (cast.responder, cast.kwartiermaker):
        page = cast.client(user).get(url).content.decode()
        assert "Zichtbare Naam" not in page and cast.worker.email not in page
    assert "Zichtbare Naam" in worker.get(url).content.decode()
    # the raiser still follows it
    assert signal in worker.get(reverse("impact:signals")).context["page"].object_list


def test_responsiveness_page_and_public_page(cast):
    today = timezone.localdate()
    now = timezone.now()
    SignalFactory(
        organisation=cast.organisation,
        raised_by=cast.worker,
        owner_team=cast.team,
        title="Geheime titel",
        raised_at=now - datetime.timedelta(days=30),
        due_at=now - datetime.timedelta(days=16),
    )
    page = cast.client(cast.board).get(reverse("impact:responsiveness"))
    assert page.status_code == 200
    assert page.context["figures"].signals == 1 and page.context["figures"].overdue == 1
    assert "<svg" not in page.content.decode()  # an <img>, and a table beside it
    assert 'alt="Signalen per maand' in page.content.decode()
    bad = cast.client(cast.board).get(reverse("impact:responsiveness") + "?van=2026-99-01")
    assert bad.status_code == 200
    team = cast.client(cast.board).get(
        reverse("impact:responsiveness") + f"?team={cast.other_team.pk}&tot={today.isoformat()}"
    )
    assert team.context["figures"].signals == 0
    public = reverse("impact:public_responsiveness", args=[cast.organisation.slug])
    assert Client().get(public).status_code == 404  # not published
    ImpactSettings.objects.create(organisation=cast.organisation, publish_responsiveness=True)
    response = Client().get(public)
    assert response.status_code == 200
    assert "Geheime titel" not in response.content.decode()
    assert response.context["figures"].signals == 1


def test_settings_page(cast):
    url = reverse("impact:settings")
    assert cast.client(cast.worker).get(url).status_code == 403
    client = cast.client(cast.kwartiermaker)
    assert client.post(url, {"response_days": "0"}).status_code == 200
    assert (
        client.post(url, {"response_days": "21", "publish_responsiveness": "on"}).status_code == 302
    )
    saved = ImpactSettings.objects.get(organisation=cast.organisation)
    assert saved.response_days == 21 and saved.publish_responsiveness


def test_home_shows_what_needs_me(cast):
    signal = SignalFactory(
        organisation=cast.organisation, raised_by=cast.worker, owner_team=cast.team
    )
    page = cast.client(cast.responder).get(reverse("impact:home"))
    assert signal in list(page.context["to_answer"])
    page = cast.client(cast.worker).get(reverse("impact:home"))
    assert signal in list(page.context["raised"]) and not list(page.context["to_answer"])
