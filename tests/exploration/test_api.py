"""API of the verkenning: scoped lists, results with null for small groups, the PDF."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from kwartier.accounts.models import Role
from tests.exploration.factories import add_responses, close, make_round
from tests.factories import MembershipFactory, UserFactory, api_auth


def auth(user) -> dict[str, str]:
    return api_auth(user)


def test_rounds_list_only_what_the_user_may_see(tenant_a, tenant_b):
    own = make_round(tenant_a.organisation, title="Alfa")
    make_round(tenant_b.organisation, title="Beta")
    listing = Client().get(reverse("exploration-round-list"), **auth(tenant_a.manager)).json()
    assert [(r["id"], r["title"]) for r in listing["results"]] == [(own.pk, "Alfa")]
    assert listing["results"][0]["template"] == "kwartier-standaard"
    # An employee (medewerker) reads no results.
    employee = Client().get(reverse("exploration-round-list"), **auth(tenant_a.member)).json()
    assert employee["results"] == []


def test_results_have_the_documented_shape_and_null_for_small_groups(tenant_a):
    round_ = make_round(tenant_a.organisation, groups=["werkvloer", "bestuur", "beleid"])
    add_responses(round_, "werkvloer", 6, value=4)
    add_responses(round_, "beleid", 5, value=3)
    add_responses(round_, "bestuur", 3, value=2)
    close(round_)
    body = (
        Client()
        .get(
            reverse("exploration-round-results", kwargs={"pk": round_.pk}), **auth(tenant_a.manager)
        )
        .json()
    )
    assert set(body) == {"respondents", "groups", "themes", "items", "red_flags"}
    assert body["respondents"] == 14
    assert body["groups"] == {"werkvloer": 6, "bestuur": 3, "beleid": 5}
    motive = body["themes"][0]
    assert motive["key"] == "motive" and motive["groups"]["bestuur"] is None
    assert motive["groups"]["beleid"] is None  # hidden too: total − werkvloer = 8 people
    assert motive["groups"]["werkvloer"] is not None
    item = body["items"][0]
    assert set(item["counts"]) == {"1", "2", "3", "4", "5", "dont_know"}
    assert item["groups"]["bestuur"] is None and item["groups"]["beleid"] is None
    assert item["groups"]["werkvloer"]["4"] == 6
    assert item["counts"]["4"] == 6 and item["counts"]["2"] == 3


def test_report_pdf_through_the_api(tenant_a, tenant_b):
    round_ = make_round(tenant_a.organisation)
    add_responses(round_, "werkvloer", 5)
    url = f"/api/exploration/rounds/{round_.pk}/report.pdf"
    response = Client().get(url, HTTP_ACCEPT="application/pdf", **auth(tenant_a.manager))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert Client().get(url, **auth(tenant_b.manager)).status_code == 404
    assert (
        Client().get(url, HTTP_ACCEPT="application/pdf", **auth(tenant_b.manager)).status_code
        == 404
    )
    assert Client().get(url, **auth(tenant_a.member)).status_code == 404
    assert Client().get(url).status_code == 401


def test_board_member_reads_results_through_the_api(tenant_a):
    round_ = make_round(tenant_a.organisation)
    board = UserFactory()
    MembershipFactory(user=board, organisation=tenant_a.organisation, role=Role.BOARD_MEMBER)
    response = Client().get(
        reverse("exploration-round-results", kwargs={"pk": round_.pk}), **auth(board)
    )
    assert response.status_code == 200 and response.json()["respondents"] == 0


def test_schema_documents_the_endpoints(db, alice_client):
    schema = alice_client.get("/api/schema/").content.decode()
    for path in (
        "/api/exploration/rounds/:",
        "/api/exploration/rounds/{id}/results/:",
        "/api/exploration/rounds/{round_id}/report.pdf:",
    ):
        assert path in schema
    assert "RoundResults" in schema
