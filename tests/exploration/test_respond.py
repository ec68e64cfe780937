"""Respondents without an account: single-use invitation links, anonymous group links,
stop and continue later, and clear Dutch pages when a link no longer works."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from kwartier.core.tokens import hash_token
from kwartier.exploration.models import Response, RoundGroup, RoundInvitation
from tests.exploration.factories import close, make_round


def _invitation(round_, group="werkvloer", token="uitnodiging-token-1"):  # noqa: S107
    return RoundInvitation.objects.create(
        round=round_, group=group, email="x@alfa.example.nl", token_hash=hash_token(token)
    ), token


@pytest.fixture
def round_(tenant_a):
    return make_round(tenant_a.organisation)


@pytest.mark.parametrize("name", ["invitation_start", "group_start", "respond", "respond_saved"])
def test_unknown_token_is_404(client, db, name):
    assert (
        client.get(reverse(f"exploration:{name}", kwargs={"token": "bestaat-niet"})).status_code
        == 404
    )


def test_opening_an_invitation_link_does_not_use_it(client, round_):
    invitation, token = _invitation(round_)
    page = client.get(reverse("exploration:invitation_start", kwargs={"token": token}))
    assert page.status_code == 200 and "Beginnen" in page.content.decode()
    invitation.refresh_from_db()
    assert not invitation.used and not Response.objects.exists()


def test_invitation_is_single_use(round_):
    invitation, token = _invitation(round_)
    url = reverse("exploration:invitation_start", kwargs={"token": token})
    first = Client()
    started = first.post(url, {"action": "start"})
    assert started.status_code == 302 and "/verkenning/invullen/" in started["Location"]
    response = Response.objects.get()
    assert response.group == "werkvloer"
    # Someone else with the same link gets a clear page, not a second response.
    other = Client().get(url)
    assert other.status_code == 410
    assert "Deze link is al gebruikt" in other.content.decode()
    assert Client().post(url, {"action": "start"}).status_code == 410
    assert Response.objects.count() == 1
    # The same browser is taken back to its own answers.
    again = first.get(url)
    assert again.status_code == 302 and again["Location"] == started["Location"]


def test_closed_round_shows_a_clear_page(round_):
    _invitation_row, token = _invitation(round_)
    group = RoundGroup.objects.filter(round=round_).first()
    resume = "hervat-token"
    Response.objects.create(round=round_, group="werkvloer", resume_token_hash=hash_token(resume))
    close(round_)
    for url in (
        reverse("exploration:invitation_start", kwargs={"token": token}),
        reverse("exploration:group_start", kwargs={"token": group.link_token}),
        reverse("exploration:respond", kwargs={"token": resume}),
    ):
        page = Client().get(url)
        assert page.status_code == 410, url
        assert "Deze verkenning is gesloten" in page.content.decode()


def _start_by_group_link(client: Client, round_, group="middenkader") -> str:
    link = RoundGroup.objects.get(round=round_, key=group).link_token
    started = client.post(
        reverse("exploration:group_start", kwargs={"token": link}), {"action": "start"}
    )
    return started["Location"]


def test_stop_and_continue_later_with_the_resume_link(round_):
    phone = Client()
    answer_url = _start_by_group_link(phone, round_)
    token = answer_url.split("/invullen/")[1].strip("/")
    first_page = phone.get(answer_url).content.decode()
    assert "Motief en visie" in first_page and "Stap 1 van 11" in first_page

    saved = phone.post(answer_url, {"motive_1": "4", "motive_2": "dont_know", "action": "later"})
    assert saved["Location"] == reverse("exploration:respond_saved", kwargs={"token": token})
    saved_page = phone.get(saved["Location"]).content.decode()
    assert f"/verkenning/invullen/{token}/" in saved_page

    # Later, on another device, the resume link shows the stored answers.
    laptop = Client()
    resumed = laptop.get(answer_url).content.decode()
    assert re.search(r'value="4"[^>]*checked|checked[^>]*value="4"', resumed)
    response = Response.objects.get()
    assert response.answers == {"motive_1": 4, "motive_2": None} and response.group == "middenkader"

    # Through every theme to the open questions, then send.
    for step in range(1, 11):
        laptop.post(f"{answer_url}?stap={step}", {"action": "next"})
    open_page = laptop.get(f"{answer_url}?stap=11").content.decode()
    assert "open vragen" in open_page
    done = laptop.post(
        f"{answer_url}?stap=11",
        {"open_reason": "Omdat Jan de Vries uit Utrecht het zegt.", "action": "submit"},
    )
    assert done.status_code == 302
    assert "Bedankt voor het invullen" in laptop.get(answer_url).content.decode()
    response.refresh_from_db()
    assert response.submitted and response.open_answers == {
        "open_reason": "Omdat Jan de Vries uit Utrecht het zegt."
    }
    # A sent list cannot be changed any more.
    laptop.post(f"{answer_url}?stap=1", {"motive_1": "1", "action": "next"})
    response.refresh_from_db()
    assert response.answers["motive_1"] == 4


def test_a_wrong_answer_changes_nothing_and_is_explained_in_dutch(round_):
    client = Client()
    answer_url = _start_by_group_link(client, round_)
    page = client.post(answer_url, {"motive_1": "9", "action": "next"})
    assert page.status_code == 200
    assert "Kies een van de antwoorden." in page.content.decode()
    assert Response.objects.get().answers == {}


def test_group_link_on_a_shared_device_can_continue_or_start_anew(round_):
    device = Client()
    answer_url = _start_by_group_link(device, round_)
    link = RoundGroup.objects.get(round=round_, key="middenkader").link_token
    start_page = device.get(
        reverse("exploration:group_start", kwargs={"token": link})
    ).content.decode()
    assert "Verdergaan waar ik was" in start_page
    back = device.post(
        reverse("exploration:group_start", kwargs={"token": link}), {"action": "continue"}
    )
    assert back["Location"] == answer_url
    device.post(reverse("exploration:group_start", kwargs={"token": link}), {"action": "start"})
    assert Response.objects.count() == 2


def test_respondent_pages_are_not_cached(round_):
    link = RoundGroup.objects.get(round=round_, key="werkvloer").link_token
    page = Client().get(reverse("exploration:group_start", kwargs={"token": link}))
    assert "no-store" in page["Cache-Control"] or "no-cache" in page["Cache-Control"]
