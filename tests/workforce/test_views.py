"""Pages of Inzet: who sees what of a profile, the worker's own profile and consent, the
supervisor's link page, exports, and bad input."""

from __future__ import annotations

import datetime
import json

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from kwartier.accounts.models import Role
from kwartier.core.models import AccessLog
from kwartier.workforce.models import ConfirmationStatus, HoursEntry, MatchingConsent, Profile
from tests.conftest import login
from tests.factories import MembershipFactory, UserFactory
from tests.workforce.factories import make_hours, make_position, make_profile

pytestmark = pytest.mark.django_db


@pytest.fixture
def worker(tenant_a):
    user = UserFactory(email="wessel@alfa.example.nl", full_name="Wessel")
    MembershipFactory(user=user, organisation=tenant_a.organisation, role=Role.EXPERIENCE_WORKER)
    return user


@pytest.fixture
def own_profile(tenant_a, worker):
    profile = make_profile(
        tenant_a.organisation,
        name="Wessel Werker",
        email=worker.email,
        region="Regio Midden",
        pay_scale="FWG 40",
    )
    assert profile.membership is not None
    return profile


def test_kwartiermaker_registers_a_worker_and_a_position(alice_client, tenant_a):
    response = alice_client.post(
        reverse("workforce:profile_create"),
        {
            "name": "Noor Nieuw",
            "employment": "paid",
            "available_hours": "16",
            "contract_hours": "16",
        },
    )
    profile = Profile.objects.get(name="Noor Nieuw")
    assert response.status_code == 302
    assert response["Location"] == reverse("workforce:profile_detail", args=[profile.pk])
    response = alice_client.post(
        reverse("workforce:position_create", args=[profile.pk]),
        {
            "layer": "werkvloer",
            "roles": ["hoopverschaffer", "gids"],
            "fte": "0,5",
            "employment": "paid",
            "starts": "2026-01-01",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert profile.positions.get().roles == ["hoopverschaffer", "gids"]


def test_bad_position_input_is_refused_in_dutch(alice_client, tenant_a):
    profile = make_profile(tenant_a.organisation)
    response = alice_client.post(
        reverse("workforce:position_create", args=[profile.pk]),
        {
            "layer": "werkvloer",
            "fte": "9",
            "employment": "paid",
            "starts": "2026-02-01",
            "ends": "2026-01-01",
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Kies één of meer van de drie rollen." in body
    assert "Vul hoogstens 1.50 in." in body or "Vul hoogstens 1,50 in." in body
    assert profile.positions.count() == 0


def test_colleague_sees_name_and_role_only_without_consent(tenant_a, own_profile):
    make_position(own_profile, roles=["bruggenbouwer"], starts=datetime.date(2020, 1, 1))
    colleague = login(Client(), tenant_a.member)
    url = reverse("workforce:profile_detail", args=[own_profile.pk])
    body = colleague.get(url).content.decode()
    assert "Bruggenbouwer" in body
    assert "Regio Midden" not in body and "FWG 40" not in body and own_profile.email not in body
    Profile.objects.filter(pk=own_profile.pk).update(matching_consent=MatchingConsent.ORGANISATION)
    body = colleague.get(url).content.decode()
    assert "Regio Midden" in body
    assert "FWG 40" not in body and own_profile.email not in body


def test_worker_edits_own_profile_and_chooses_consent(tenant_a, worker, own_profile):
    client = login(Client(), worker)
    assert client.get(reverse("workforce:my_profile"))["Location"] == reverse(
        "workforce:profile_detail", args=[own_profile.pk]
    )
    response = client.post(
        reverse("workforce:profile_edit", args=[own_profile.pk]),
        {
            "name": "Wessel Werker",
            "email": worker.email,
            "employment": "paid",
            "available_hours": "12",
            "matching_consent": "network",
        },
    )
    assert response.status_code == 302
    own_profile.refresh_from_db()
    assert own_profile.matching_consent == "network"
    # The kwartiermaker's form has no consent field: only the worker chooses it.
    manager_form = login(Client(), tenant_a.manager).get(
        reverse("workforce:profile_edit", args=[own_profile.pk])
    )
    assert 'name="matching_consent"' not in manager_form.content.decode()


def test_manager_reading_a_profile_is_logged(alice_client, own_profile):
    alice_client.get(reverse("workforce:profile_detail", args=[own_profile.pk]))
    assert AccessLog.objects.filter(
        object_type="workforce.profile", object_id=str(own_profile.pk)
    ).exists()


def test_worker_requests_confirmation_and_supervisor_answers_by_link(
    worker, own_profile, django_capture_on_commit_callbacks
):
    entry = make_hours(own_profile)
    client = login(Client(), worker)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("workforce:hours_request", args=[entry.pk]))
    assert response.status_code == 302
    link = mail.outbox[-1].body.split("http://testserver")[1].split()[0]
    anonymous = Client()
    page = anonymous.get(link)
    assert page.status_code == 200 and "Wessel Werker" in page.content.decode()
    # No choice made: refused, nothing decided.
    assert anonymous.post(link, {"name": "Petra"}).status_code == 200
    assert HoursEntry.objects.get(pk=entry.pk).status == ConfirmationStatus.PENDING
    done = anonymous.post(link, {"name": "Petra", "email": "petra@x.nl", "decision": "confirm"})
    assert done.status_code == 200 and "bevestigd" in done.content.decode()
    again = anonymous.get(link)
    assert again.status_code == 410
    assert "Deze link is al gebruikt" in again.content.decode()
    assert anonymous.get("/inzet/bevestigen/onzin/").status_code == 404


def test_portfolio_exports(worker, own_profile):
    make_hours(own_profile)
    client = login(Client(), worker)
    data = json.loads(
        client.get(reverse("workforce:portfolio_json", args=[own_profile.pk])).content
    )
    assert data["format"] == "kwartier-portfolio/1"
    assert data["worker"]["name"] == "Wessel Werker"
    assert data["hours"][0]["hours"] == "12.00" and data["hours"][0]["status"] == "open"
    pdf = client.get(reverse("workforce:portfolio_pdf", args=[own_profile.pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_colleague_cannot_open_someone_elses_portfolio(tenant_a, own_profile):
    colleague = login(Client(), tenant_a.member)
    assert colleague.get(reverse("workforce:portfolio", args=[own_profile.pk])).status_code == 403


def test_other_organisation_sees_none_of_the_profiles(bob_client, tenant_a):
    profile = make_profile(tenant_a.organisation, name="Alleen Bij Alfa")
    listing = bob_client.get(reverse("workforce:home")).content.decode()
    assert "Alleen Bij Alfa" not in listing
    assert bob_client.get(reverse("workforce:profile_detail", args=[profile.pk])).status_code == 404


def test_support_page_lists_workers_for_the_manager(alice_client, tenant_a):
    make_profile(tenant_a.organisation, name="Zonder Steun")
    body = alice_client.get(reverse("workforce:support")).content.decode()
    assert "Zonder Steun" in body and "geen coach" in body


def test_worker_sees_only_their_own_support_row(tenant_a, worker, own_profile):
    make_profile(tenant_a.organisation, name="Iemand Anders")
    body = login(Client(), worker).get(reverse("workforce:support")).content.decode()
    assert "Wessel Werker" in body and "Iemand Anders" not in body


def test_registering_with_an_invitation_sends_it(
    alice_client, tenant_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = alice_client.post(
            reverse("workforce:profile_create"),
            {
                "name": "Uitgenodigd",
                "email": "uitgenodigd@alfa.example.nl",
                "employment": "volunteer",
                "available_hours": "3",
                "invite": "on",
            },
        )
    assert response.status_code == 302
    assert mail.outbox[-1].to == ["uitgenodigd@alfa.example.nl"]
    invitation = tenant_a.organisation.invitations.get()
    assert invitation.role == Role.EXPERIENCE_WORKER


@pytest.mark.parametrize(
    ("consent", "viewer", "sees_region", "sees_pay"),
    [
        ("none", "member", False, False),
        ("organisation", "member", True, False),
        ("network", "member", True, False),
        ("none", "manager", True, True),
        ("none", "self", True, True),
    ],
)
def test_visibility_by_consent_and_viewer(
    tenant_a, worker, own_profile, consent, viewer, sees_region, sees_pay
):
    Profile.objects.filter(pk=own_profile.pk).update(matching_consent=consent)
    user = {"member": tenant_a.member, "manager": tenant_a.manager, "self": worker}[viewer]
    body = (
        login(Client(), user)
        .get(reverse("workforce:profile_detail", args=[own_profile.pk]))
        .content.decode()
    )
    assert ("Regio Midden" in body) is sees_region
    assert ("FWG 40" in body) is sees_pay
