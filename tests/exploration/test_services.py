"""Services of the verkenning: rounds, invitations, responses, closing, templates, concerns."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from kwartier.core.tokens import hash_token
from kwartier.exploration import services
from kwartier.exploration.default_template import TEMPLATE_KEY, default_template
from kwartier.exploration.models import (
    Response,
    RoundGroup,
    RoundInvitation,
    RoundStatus,
    TemplateVersion,
)
from tests.exploration.factories import add_responses, make_concern, make_round
from tests.factories import UserFactory

URL = "https://kwartier.example.nl/verkenning/uitnodiging/{token}/"


def test_default_template_is_stored_once_from_code(db):
    first = services.template_ensure_default()
    second = services.template_ensure_default()
    assert first.pk == second.pk and TemplateVersion.objects.count() == 1
    assert first.key == TEMPLATE_KEY and first.scan == default_template()


def test_round_gets_an_anonymous_link_per_group(tenant_a):
    round_ = make_round(tenant_a.organisation, groups=["werkvloer", "bestuur"])
    links = dict(RoundGroup.objects.filter(round=round_).values_list("key", "link_token"))
    assert set(links) == {"werkvloer", "bestuur"}
    assert all(links.values()) and len(set(links.values())) == 2


def test_round_without_anonymous_links(tenant_a):
    round_ = make_round(tenant_a.organisation, anonymous_links=False)
    assert not RoundGroup.objects.filter(round=round_, link_token__isnull=False).exists()


@pytest.mark.parametrize(
    "change,field",
    [
        ({"deadline": timezone.localdate() - timedelta(days=1)}, "deadline"),
        ({"groups": []}, "groups"),
        ({"groups": ["kantine"]}, "groups"),
    ],
)
def test_round_create_refuses_bad_input_and_stores_nothing(tenant_a, change, field):
    arguments = {
        "organisation": tenant_a.organisation,
        "template": services.template_ensure_default(),
        "title": "Verkenning",
        "deadline": timezone.localdate() + timedelta(days=7),
        "groups": ["werkvloer"],
        "anonymous_links": True,
        "created_by": tenant_a.manager,
    }
    arguments.update(change)
    with pytest.raises(ValidationError) as error:
        services.round_create(**arguments)
    assert field in error.value.message_dict
    assert not tenant_a.organisation.exploration_rounds.exists()


def test_invitations_are_mailed_with_single_use_links_and_hashed_tokens(
    tenant_a, django_capture_on_commit_callbacks
):
    round_ = make_round(tenant_a.organisation)
    with django_capture_on_commit_callbacks(execute=True):
        sent = services.round_invitations_send(
            round=round_,
            group="werkvloer",
            emails="a@alfa.example.nl\nB@alfa.example.nl, a@alfa.example.nl",
            start_url_template=URL,
        )
    assert sent == 2 and len(mail.outbox) == 2
    assert {message.to[0] for message in mail.outbox} == {"a@alfa.example.nl", "b@alfa.example.nl"}
    token = mail.outbox[0].body.split("/uitnodiging/")[1].split("/")[0]
    invitation = RoundInvitation.objects.get(token_hash=hash_token(token))
    assert token not in str(RoundInvitation.objects.values_list())
    assert invitation.group == "werkvloer" and not invitation.used

    # Inviting the same address again sends nothing new.
    with django_capture_on_commit_callbacks(execute=True):
        again = services.round_invitations_send(
            round=round_, group="werkvloer", emails="a@alfa.example.nl", start_url_template=URL
        )
    assert again == 0 and len(mail.outbox) == 2


def test_one_wrong_address_sends_nothing(tenant_a, django_capture_on_commit_callbacks):
    round_ = make_round(tenant_a.organisation)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError) as error:
        services.round_invitations_send(
            round=round_,
            group="werkvloer",
            emails="goed@alfa.example.nl\ngeen-adres",
            start_url_template=URL,
        )
    assert "geen-adres" in str(error.value)
    assert not RoundInvitation.objects.exists() and not mail.outbox


def test_single_use_invitation_cannot_start_twice_and_response_has_no_link_to_it(tenant_a):
    round_ = make_round(tenant_a.organisation)
    invitation = RoundInvitation.objects.create(
        round=round_, group="beleid", email="x@alfa.example.nl", token_hash="h" * 64
    )
    response, token = services.response_start(round=round_, group="beleid", invitation=invitation)
    invitation.refresh_from_db()
    assert invitation.used
    assert response.resume_token_hash == hash_token(token)
    # Nothing on the response points at the invitation or its address.
    field_names = {field.name for field in Response._meta.get_fields()}
    assert not field_names & {"invitation", "email", "ip", "created_at", "updated_at"}
    with pytest.raises(ValidationError):
        services.response_start(round=round_, group="beleid", invitation=invitation)
    assert Response.objects.count() == 1


def test_answers_are_saved_per_theme_and_validated(tenant_a):
    round_ = make_round(tenant_a.organisation)
    response, _token = services.response_start(round=round_, group="werkvloer")
    services.response_save_answers(
        response=response, theme="motive", answers={"motive_1": 5, "motive_2": None}, next_step=2
    )
    services.response_save_answers(
        response=response, theme="buy_in", answers={"buy_in_1": 2}, next_step=3
    )
    response.refresh_from_db()
    assert response.answers == {"motive_1": 5, "motive_2": None, "buy_in_1": 2}
    assert response.step == 3
    for bad in ({"motive_1": 6}, {"motive_1": True}, {"buy_in_1": 3}):
        with pytest.raises(ValidationError):
            services.response_save_answers(
                response=response, theme="motive", answers=bad, next_step=2
            )
    response.refresh_from_db()
    assert response.answers["motive_1"] == 5


def test_submitted_response_cannot_change(tenant_a):
    round_ = make_round(tenant_a.organisation)
    response, _token = services.response_start(round=round_, group="werkvloer")
    services.response_submit(response=response)
    with pytest.raises(ValidationError):
        services.response_save_answers(response=response, theme="motive", answers={}, next_step=2)


def test_closing_erases_addresses_and_unsent_lists_and_queues_deidentification(
    tenant_a, django_capture_on_commit_callbacks
):
    round_ = make_round(tenant_a.organisation)
    RoundInvitation.objects.create(
        round=round_, group="werkvloer", email="x@alfa.example.nl", token_hash="a" * 64
    )
    add_responses(round_, "werkvloer", 5)
    add_responses(round_, "werkvloer", 2, submitted=False)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.round_close(round=round_, closed_by=tenant_a.manager)
    round_.refresh_from_db()
    assert round_.status == RoundStatus.CLOSED and round_.closed_at is not None
    assert RoundInvitation.objects.get().email == ""
    assert Response.objects.filter(round=round_).count() == 5
    assert round_.deid_job is not None and len(callbacks) == 1
    with pytest.raises(ValidationError):
        services.round_close(round=round_, closed_by=tenant_a.manager)
    with pytest.raises(ValidationError):
        services.response_start(round=round_, group="werkvloer")


def test_template_edit_adds_a_version_and_keeps_the_old_one(db):
    base = services.template_ensure_default()
    content = dict(base.content)
    content["themes"] = [dict(theme) for theme in content["themes"]]
    content["themes"][0]["name"] = "Waarom ervaringswerk"
    new = services.template_version_create(
        base=base, name=base.name, content=content, change_note="Thema hernoemd", created_by=None
    )
    assert (new.key, new.version) == (base.key, base.version + 1)
    assert new.scan.themes[0].name == "Waarom ervaringswerk"
    base.refresh_from_db()
    assert base.scan.themes[0].name == "Motief en visie"


def test_template_edit_refuses_a_theme_with_too_few_statements(db):
    base = services.template_ensure_default()
    content = dict(base.content)
    content["statements"] = [
        s for s in content["statements"] if s["theme"] != "motive" or s["key"] == "motive_1"
    ]
    with pytest.raises(ValidationError):
        services.template_version_create(
            base=base, name=base.name, content=content, change_note="x", created_by=None
        )
    assert TemplateVersion.objects.count() == 1


def test_concern_owner_and_round_must_belong_to_the_organisation(tenant_a, tenant_b):
    other_round = make_round(tenant_b.organisation)
    with pytest.raises(ValidationError):
        make_concern(tenant_a.organisation, round=other_round)
    with pytest.raises(ValidationError):
        make_concern(tenant_a.organisation, owner=UserFactory())
    concern = make_concern(tenant_a.organisation, owner=tenant_a.member, title="Werkdruk")
    services.concern_update(concern=concern, status="addressed", response="Besproken in het MT.")
    concern.refresh_from_db()
    assert concern.status == "addressed" and concern.owner == tenant_a.member


def test_a_newer_default_template_in_the_code_is_stored_and_older_rounds_keep_theirs(db):
    from kwartier.exploration.default_template import TEMPLATE_KEY, TEMPLATE_VERSION
    from kwartier.exploration.models import TemplateVersion
    from kwartier.exploration.services import template_ensure_default

    stored = template_ensure_default()
    older = TemplateVersion.objects.create(
        key=TEMPLATE_KEY, version=TEMPLATE_VERSION - 1, name="oud", content=stored.content
    )
    stored.delete()
    assert template_ensure_default().version == TEMPLATE_VERSION
    assert TemplateVersion.objects.filter(pk=older.pk).exists()
    assert template_ensure_default().version == TEMPLATE_VERSION  # stored once
    assert TemplateVersion.objects.filter(key=TEMPLATE_KEY).count() == 2
