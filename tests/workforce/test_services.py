"""Writes of Inzet: profiles tied to accounts, positions, intervisie across a network,
and the supervisor's single-use confirmation of portfolio hours."""

from __future__ import annotations

import datetime
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from kwartier.accounts import services as accounts_services
from kwartier.accounts.models import Invitation, Layer, Role
from kwartier.workforce import selectors, services
from kwartier.workforce.models import (
    CoachingTrajectory,
    ConfirmationStatus,
    HoursEntry,
    MatchingConsent,
)
from tests.factories import MembershipFactory, NetworkFactory, TeamFactory, UserFactory
from tests.workforce.factories import (
    make_group,
    make_hours,
    make_position,
    make_profile,
    make_session,
)

pytestmark = pytest.mark.django_db


def test_invited_profile_is_tied_to_the_membership_on_acceptance(tenant_a, alice):
    profile = make_profile(tenant_a.organisation, email="Sam@Alfa.example.nl")
    invitation = services.profile_invite(
        profile=profile, invited_by=alice, accept_url_template="https://k.example/{token}"
    )
    assert invitation.role == Role.EXPERIENCE_WORKER
    assert invitation.email == "sam@alfa.example.nl"
    user, membership = accounts_services.invitation_accept(
        invitation=Invitation.objects.get(pk=invitation.pk),
        user=None,
        full_name="Sam",
        password="een-lang-wachtwoord-123",
    )
    profile.refresh_from_db()
    assert profile.membership == membership
    assert selectors.profile_of_user(organisation=tenant_a.organisation, user=user) == profile


def test_invite_refused_without_email_or_with_an_account(tenant_a, alice):
    profile = make_profile(tenant_a.organisation)
    with pytest.raises(ValidationError) as error:
        services.profile_invite(profile=profile, invited_by=alice, accept_url_template="{token}")
    assert "e-mailadres" in str(error.value)
    worker = UserFactory(email="w@alfa.example.nl")
    MembershipFactory(user=worker, organisation=tenant_a.organisation, role=Role.EXPERIENCE_WORKER)
    linked = make_profile(tenant_a.organisation, email="w@alfa.example.nl")
    assert linked.membership is not None  # an existing member with that address is tied at once
    with pytest.raises(ValidationError):
        services.profile_invite(profile=linked, invited_by=alice, accept_url_template="{token}")


def test_position_refuses_another_organisations_team_and_bad_roles(tenant_a, tenant_b):
    profile = make_profile(tenant_a.organisation)
    with pytest.raises(ValidationError) as error:
        make_position(profile, team=TeamFactory(organisation=tenant_b.organisation))
    assert "team" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        make_position(profile, roles=["directeur"])
    assert "roles" in error.value.message_dict
    with pytest.raises(ValidationError):
        make_position(profile, starts=datetime.date(2026, 2, 1), ends=datetime.date(2026, 1, 1))
    assert profile.positions.count() == 0


def test_network_group_shows_other_organisations_as_counts(tenant_a, tenant_b):
    network = NetworkFactory()
    tenant_a.organisation.networks.add(network)
    tenant_b.organisation.networks.add(network)
    group = make_group(tenant_a.organisation, network=network)
    own = make_profile(tenant_a.organisation, name="Eigen Deelnemer")
    other = make_profile(tenant_b.organisation, name="Andere Deelnemer")
    services.group_member_add(group=group, profile=own)
    services.group_member_add(group=group, profile=other)
    seen_by_b = selectors.group_members(organisation=tenant_b.organisation, group=group)
    assert [m.profile.name for m in seen_by_b.own] == ["Andere Deelnemer"]
    assert seen_by_b.others == 1
    # B reaches the group through the network, and records its own member's attendance.
    assert selectors.group_get(organisation=tenant_b.organisation, group_id=group.pk) == group
    session = make_session(group)
    services.session_attendance_set(
        session=session, organisation=tenant_a.organisation, present=[own]
    )
    services.session_attendance_set(
        session=session, organisation=tenant_b.organisation, present=[other]
    )
    seen = selectors.session_attendance(organisation=tenant_a.organisation, session=session)
    assert [p.name for p in seen.own_present] == ["Eigen Deelnemer"] and seen.others_present == 1
    # Only the keeping organisation records meetings.
    with pytest.raises(ValidationError):
        services.session_create(
            group=group,
            organisation=tenant_b.organisation,
            date=datetime.date(2026, 4, 1),
            method="incidentmethode",
        )


def test_group_outside_the_network_refuses_members(tenant_a, tenant_b):
    group = make_group(tenant_a.organisation)
    with pytest.raises(ValidationError):
        services.group_member_add(group=group, profile=make_profile(tenant_b.organisation))
    network = NetworkFactory()
    with pytest.raises(ValidationError):
        make_group(tenant_a.organisation, name="Niet ons netwerk", network=network)


def test_support_rows_follow_intervisie_and_coaching(tenant_a):
    profile = make_profile(tenant_a.organisation)
    group = make_group(tenant_a.organisation)
    services.group_member_add(group=group, profile=profile)
    session = make_session(group, date=datetime.date(2026, 3, 2))
    services.session_attendance_set(
        session=session, organisation=tenant_a.organisation, present=[profile]
    )
    in_time = selectors.support_rows(
        organisation=tenant_a.organisation, today=datetime.date(2026, 4, 1)
    )
    late = selectors.support_rows(
        organisation=tenant_a.organisation, today=datetime.date(2026, 6, 1)
    )
    assert in_time[0].status.in_place and not late[0].status.in_place
    services.profile_part_create(
        CoachingTrajectory, profile=profile, coach="Coach", starts=datetime.date(2026, 5, 1)
    )
    coached = selectors.support_rows(
        organisation=tenant_a.organisation, today=datetime.date(2026, 6, 1)
    )
    assert coached[0].status.in_place and coached[0].coach == "Coach"


def _request(entry, alice):
    return services.hours_request_confirmation(
        entry=entry,
        confirm_url_template="https://k.example/inzet/bevestigen/{token}/",
        requested_by=alice,
    )


def _token_from_mail() -> str:
    body = mail.outbox[-1].body
    return body.split("/inzet/bevestigen/")[1].split("/")[0]


def test_supervisor_confirms_once_with_name_and_time(
    tenant_a, alice, django_capture_on_commit_callbacks
):
    entry = make_hours(make_profile(tenant_a.organisation))
    with django_capture_on_commit_callbacks(execute=True):
        _request(entry, alice)
    assert mail.outbox[-1].to == ["petra@begeleiding.example.nl"]
    token = _token_from_mail()
    stored = HoursEntry.objects.get(pk=entry.pk)
    assert stored.status == ConfirmationStatus.PENDING
    assert stored.token_hash == HoursEntry.hash_token(token) and token not in stored.token_hash
    decided = services.hours_decide(token=token, confirm=True, name="Petra", email="P@x.nl")
    assert decided.status == ConfirmationStatus.CONFIRMED
    assert decided.decided_by_name == "Petra" and decided.decided_by_email == "p@x.nl"
    assert decided.decided_at is not None
    with pytest.raises(ValidationError) as error:
        services.hours_decide(token=token, confirm=False, name="Petra", email="")
    assert "al gebruikt of verlopen" in str(error.value)
    assert HoursEntry.objects.get(pk=entry.pk).status == ConfirmationStatus.CONFIRMED


def test_expired_link_decides_nothing_and_a_new_request_replaces_the_old(
    tenant_a, alice, django_capture_on_commit_callbacks
):
    entry = make_hours(make_profile(tenant_a.organisation))
    with django_capture_on_commit_callbacks(execute=True):
        _request(entry, alice)
    first = _token_from_mail()
    HoursEntry.objects.filter(pk=entry.pk).update(
        link_expires_at=timezone.now() - timedelta(seconds=1)
    )
    with pytest.raises(ValidationError):
        services.hours_decide(token=first, confirm=True, name="Petra", email="")
    with django_capture_on_commit_callbacks(execute=True):
        _request(entry, alice)
    second = _token_from_mail()
    with pytest.raises(ValidationError):
        services.hours_decide(token=first, confirm=True, name="Petra", email="")
    assert services.hours_decide(token=second, confirm=False, name="Petra", email="").status == (
        ConfirmationStatus.DECLINED
    )


def test_confirmed_hours_stay_and_count_per_role(
    tenant_a, alice, django_capture_on_commit_callbacks
):
    profile = make_profile(tenant_a.organisation)
    entry = make_hours(profile, hours=Decimal("10"))
    make_hours(profile, kind="supervision", role="", hours=Decimal("2"))
    with django_capture_on_commit_callbacks(execute=True):
        _request(entry, alice)
    services.hours_decide(token=_token_from_mail(), confirm=True, name="Petra", email="")
    with pytest.raises(ValidationError):
        services.hours_delete(entry=HoursEntry.objects.get(pk=entry.pk))
    totals = {t.label: (t.confirmed, t.total) for t in selectors.hours_totals(profile=profile)}
    assert totals["Hoopverschaffer / rolmodel"] == (Decimal("10"), Decimal("10"))
    assert totals["Supervisie-uren"] == (Decimal("0"), Decimal("2"))
    assert selectors.practice_hours_by_role(profile=profile) == {"hoopverschaffer": Decimal("10")}


def test_practice_hours_need_a_role(tenant_a):
    with pytest.raises(ValidationError) as error:
        make_hours(make_profile(tenant_a.organisation), role="")
    assert "role" in error.value.message_dict


def test_consent_is_kept_when_a_manager_edits(tenant_a):
    profile = make_profile(tenant_a.organisation, matching_consent=MatchingConsent.NETWORK)
    services.profile_update(profile=profile, name="Nieuwe Naam")
    profile.refresh_from_db()
    assert profile.matching_consent == MatchingConsent.NETWORK and profile.name == "Nieuwe Naam"


def test_staffing_layer_choice_is_kept(tenant_a):
    team = TeamFactory(organisation=tenant_a.organisation, layer=Layer.MIDDLE_MANAGEMENT)
    position = make_position(make_profile(tenant_a.organisation), team=team, layer="")
    assert position.layer == Layer.MIDDLE_MANAGEMENT
