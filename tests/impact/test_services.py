"""The writes of Resultaten: contributions, a signal's life, the de-identification check."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from kwartier.accounts.models import ExperienceRole
from kwartier.impact import services
from kwartier.impact.models import (
    Contribution,
    ImpactSettings,
    Signal,
    SignalState,
    StepKind,
)

pytestmark = pytest.mark.django_db


def contribution(cast, **overrides):
    values = {
        "organisation": cast.organisation,
        "author": cast.worker,
        "date": datetime.date(2026, 3, 10),
        "role": ExperienceRole.BRIDGE_BUILDER,
        "level": "organisation",
        "kind": "conversation",
        "minutes": 30,
    }
    values.update(overrides)
    return services.contribution_create(**values)


def raise_signal(cast, **overrides):
    values = {
        "organisation": cast.organisation,
        "raised_by": cast.worker,
        "title": "Lange wachttijd inloop",
        "description": "Mensen wachten weken op een eerste gesprek.",
        "level": "organisation",
        "owner_team": cast.team,
    }
    values.update(overrides)
    return services.signal_create(**values)


def test_contribution_is_saved_with_its_organisation(cast):
    saved = contribution(cast, note="Gesprek over schulden.", team=cast.team.pk)
    assert saved.organisation == cast.organisation and saved.team == cast.team
    assert Contribution.objects.count() == 1


def test_identifying_note_is_not_saved_and_the_spans_are_told(cast):
    with pytest.raises(services.IdentifyingText) as caught:
        contribution(cast, note="Gesprek met mevrouw Jansen.")
    assert [span.text for span in caught.value.findings["note"]] == ["Jansen"]
    assert "Jansen" in caught.value.message_dict["note"][0]
    assert Contribution.objects.count() == 0


def test_confirmation_covers_exactly_the_checked_text(cast):
    with pytest.raises(services.IdentifyingText) as caught:
        contribution(cast, note="Overleg met team Jansen.")
    fingerprint = caught.value.fingerprint
    with pytest.raises(services.IdentifyingText):
        contribution(cast, note="Overleg met team Jansen, en Utrecht.", confirmed=fingerprint)
    saved = contribution(cast, note="Overleg met team Jansen.", confirmed=fingerprint)
    assert saved.note == "Overleg met team Jansen."


def test_contribution_refusals(cast):
    with pytest.raises(PermissionDenied):
        contribution(cast, author=cast.responder)
    with pytest.raises(ValidationError) as caught:
        contribution(cast, minutes=0)
    assert "minutes" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        contribution(cast, role="kapitein")
    assert "role" in caught.value.message_dict
    other_team = type(cast.team).objects.create(
        organisation_id=cast.outsider.memberships.get().organisation_id, name="X", layer="werkvloer"
    )
    with pytest.raises(ValidationError) as caught:
        contribution(cast, team=other_team.pk)
    assert "team" in caught.value.message_dict
    assert Contribution.objects.count() == 0


def test_signal_life_and_every_step_told_to_the_raiser(cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        signal = raise_signal(cast)
    assert signal.state == SignalState.OPEN
    assert signal.due_at - signal.raised_at == datetime.timedelta(days=14)
    assert [m.to for m in mail.outbox] == [[cast.responder.email]]  # the owner is told
    with django_capture_on_commit_callbacks(execute=True):
        services.signal_respond(signal=signal, user=cast.responder, text="We kijken ernaar.")
    with django_capture_on_commit_callbacks(execute=True):
        services.signal_outcome(
            signal=signal,
            user=cast.responder,
            outcome="change_planned",
            text="Extra inloopspreekuur",
            planned_by=datetime.date(2099, 1, 1),
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.signal_outcome(signal=signal, user=cast.responder, outcome="change_made")
    signal.refresh_from_db()
    assert signal.state == SignalState.CHANGE_MADE and signal.closed_at is not None
    assert signal.planned_change == "Extra inloopspreekuur"
    kinds = list(signal.steps.values_list("kind", "state_after"))
    assert kinds == [
        (StepKind.RAISED, "open"),
        (StepKind.RESPONSE, "answered"),
        (StepKind.OUTCOME, "change_planned"),
        (StepKind.OUTCOME, "change_made"),
    ]
    to_raiser = [m for m in mail.outbox if m.to == [cast.worker.email]]
    assert len(to_raiser) == 3
    # no signal text goes into a mail
    assert all("Mensen wachten" not in m.body for m in mail.outbox)


def test_steps_out_of_order_are_refused_with_the_reason(cast):
    signal = raise_signal(cast)
    with pytest.raises(ValidationError) as caught:
        services.signal_outcome(signal=signal, user=cast.responder, outcome="change_made")
    assert "Reageer eerst" in caught.value.message_dict["outcome"][0]
    services.signal_respond(signal=signal, user=cast.responder, text="Gezien.")
    with pytest.raises(ValidationError) as caught:
        services.signal_respond(signal=signal, user=cast.responder, text="Nog eens.")
    assert "al gereageerd" in caught.value.message_dict["text"][0]
    with pytest.raises(ValidationError) as caught:
        services.signal_outcome(signal=signal, user=cast.responder, outcome="no_change")
    assert "reden" in caught.value.message_dict["text"][0]
    services.signal_outcome(
        signal=signal, user=cast.responder, outcome="no_change", text="Past niet in het budget."
    )
    with pytest.raises(ValidationError) as caught:
        services.signal_outcome(
            signal=signal, user=cast.responder, outcome="change_made", text="Toch wel"
        )
    assert "afgesloten" in caught.value.message_dict["outcome"][0]
    signal.refresh_from_db()
    assert signal.state == SignalState.NO_CHANGE


def test_only_the_owner_responds(cast):
    signal = raise_signal(cast)
    for user in (cast.worker, cast.kwartiermaker, cast.board, cast.outsider):
        with pytest.raises(PermissionDenied):
            services.signal_respond(signal=signal, user=user, text="Ik?")
    signal.refresh_from_db()
    assert signal.state == SignalState.OPEN


def test_owner_person_instead_of_team(cast):
    signal = raise_signal(cast, owner_team=None, owner=cast.board.pk)
    with pytest.raises(PermissionDenied):
        services.signal_respond(signal=signal, user=cast.responder, text="Niet van mij")
    services.signal_respond(signal=signal, user=cast.board, text="Ik pak het op.")


def test_signal_refusals(cast):
    with pytest.raises(ValidationError) as caught:
        raise_signal(cast, owner_team=None)
    assert "owner_team" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        raise_signal(cast, owner_team=None, owner=cast.outsider.pk)
    assert "owner" in caught.value.message_dict
    with pytest.raises(PermissionDenied):
        raise_signal(cast, raised_by=cast.responder)
    with pytest.raises(services.IdentifyingText) as caught:
        raise_signal(cast, description="Meneer Jansen uit Utrecht wacht al weken.")
    assert set(caught.value.findings) == {"description"}
    assert Signal.objects.count() == 0


def test_deadline_follows_the_organisation_setting(cast):
    ImpactSettings.objects.create(organisation=cast.organisation, response_days=7)
    signal = raise_signal(cast)
    assert signal.due_at - signal.raised_at == datetime.timedelta(days=7)


def test_settings_update_validates(cast):
    with pytest.raises(ValidationError):
        services.settings_update(
            organisation=cast.organisation,
            user=cast.kwartiermaker,
            response_days=0,
            publish_responsiveness=True,
        )
    with pytest.raises(PermissionDenied):
        services.settings_update(
            organisation=cast.organisation,
            user=cast.worker,
            response_days=10,
            publish_responsiveness=True,
        )
    saved = services.settings_update(
        organisation=cast.organisation,
        user=cast.kwartiermaker,
        response_days=10,
        publish_responsiveness=True,
    )
    assert saved.response_days == 10 and saved.publish_responsiveness


def test_real_engine_flags_a_client_name(cast, real_deid):
    with pytest.raises(services.IdentifyingText) as caught:
        contribution(cast, note="Gesprek met Henriëtte Bakker over haar schulden.")
    found = " ".join(span.text for span in caught.value.findings["note"])
    assert "Bakker" in found
    saved = contribution(cast, note="Gesprek over schulden en schaamte.")
    assert saved.pk


def test_a_signal_outlives_its_owner_team(cast):
    signal = raise_signal(cast, owner_team=cast.other_team)
    cast.other_team.delete()
    signal.refresh_from_db()
    assert signal.owner_team is None and signal.owner is None
    with pytest.raises(PermissionDenied):
        services.signal_respond(signal=signal, user=cast.responder, text="Van niemand")
