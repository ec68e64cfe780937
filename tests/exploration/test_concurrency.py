"""Two requests at the same moment (issue 18, points 4 and 5), on PostgreSQL with two
real connections: each thread of these tests has its own database connection. SQLite
serialises every write, so there these races cannot happen and the tests are skipped;
CI's PostgreSQL pass runs them."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, connections, transaction

from kwartier.exploration import selectors, services
from kwartier.exploration.models import Response, RoundInvitation
from tests.exploration.factories import make_round

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs DATABASE_URL pointing at PostgreSQL"
    ),
]


def run_together(*actions: Callable[[], Any]) -> list[Any]:
    """Run the actions in threads that start at the same moment; each returns its result
    or the exception it raised. Every thread closes its own connection."""
    barrier = threading.Barrier(len(actions))
    results: list[Any] = [None] * len(actions)

    def run(i: int, action: Callable[[], Any]) -> None:
        try:
            barrier.wait()
            results[i] = action()
        except Exception as error:  # noqa: BLE001 - handed back to the test
            results[i] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, a)) for i, a in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def _started_response(round_) -> tuple[Response, str]:
    return services.response_start(round=round_, group="werkvloer")


def _theme_answers(round_, theme_index: int, value: int) -> tuple[str, dict[str, int]]:
    scan = round_.template.scan
    theme = scan.themes[theme_index].key
    return theme, {s.key: value for s in scan.statements if s.theme == theme}


def test_two_pages_saved_at_once_keep_both_pages(tenant_a):
    round_ = make_round(tenant_a.organisation)
    _response, token = _started_response(round_)
    first_theme, first = _theme_answers(round_, 0, 4)
    second_theme, second = _theme_answers(round_, 1, 2)

    def save(theme: str, answers: dict[str, int]) -> Callable[[], Response]:
        # As the page does: the response is read when the request comes in, the save follows.
        stale = selectors.response_by_resume_token(token=token)

        def action() -> Response:
            return services.response_save_answers(
                response=stale, theme=theme, answers=answers, next_step=2
            )

        return action

    outcome = run_together(save(first_theme, first), save(second_theme, second))
    assert not [o for o in outcome if isinstance(o, Exception)]
    stored = Response.objects.get().answers
    assert stored == {**first, **second}  # neither page lost


def test_an_answer_changed_after_the_submit_is_refused_not_counted(tenant_a):
    round_ = make_round(tenant_a.organisation)
    _response, token = _started_response(round_)
    theme, answers = _theme_answers(round_, 0, 5)
    stale = selectors.response_by_resume_token(token=token)  # the second tab's copy
    [submitted] = run_together(
        lambda: services.response_submit(response=selectors.response_by_resume_token(token=token))
    )
    assert not isinstance(submitted, Exception)
    [late] = run_together(
        lambda: services.response_save_answers(
            response=stale, theme=theme, answers=answers, next_step=2
        )
    )
    assert isinstance(late, ValidationError)
    assert "al verstuurd" in " ".join(late.messages)
    assert Response.objects.get().answers == {}


def test_a_save_and_the_submit_at_once_never_change_a_submitted_list(tenant_a):
    round_ = make_round(tenant_a.organisation)
    _response, token = _started_response(round_)
    theme, answers = _theme_answers(round_, 0, 3)
    save_copy = selectors.response_by_resume_token(token=token)
    submit_copy = selectors.response_by_resume_token(token=token)
    saved, submitted = run_together(
        lambda: services.response_save_answers(
            response=save_copy, theme=theme, answers=answers, next_step=2
        ),
        lambda: services.response_submit(response=submit_copy),
    )
    assert not isinstance(submitted, Exception)
    stored = Response.objects.get()
    assert stored.submitted
    if isinstance(saved, Exception):  # came second: refused, nothing changed
        assert stored.answers == {}
    else:  # came first: part of what was handed in
        assert stored.answers == answers


def test_the_same_address_invited_twice_at_once_gets_one_invitation(tenant_a, mailoutbox):
    round_ = make_round(tenant_a.organisation)

    def invite() -> int:
        return services.round_invitations_send(
            round=round_,
            group="werkvloer",
            emails="zelfde@alfa.example.nl",
            start_url_template="https://kwartier.example/{token}",
        )

    outcome = run_together(invite, invite, invite)
    assert not [o for o in outcome if isinstance(o, Exception)]
    assert sorted(outcome) == [0, 0, 1]
    assert RoundInvitation.objects.filter(email="zelfde@alfa.example.nl").count() == 1


def test_the_database_refuses_a_second_invitation_of_an_address(tenant_a):
    round_ = make_round(tenant_a.organisation)
    RoundInvitation.objects.create(round=round_, group="werkvloer", email="a@b.nl", token_hash="1")
    with pytest.raises(IntegrityError), transaction.atomic():
        RoundInvitation.objects.create(round=round_, group="beleid", email="a@b.nl", token_hash="2")
    # Erased addresses (a closed round) may repeat.
    RoundInvitation.objects.create(round=round_, group="werkvloer", email="", token_hash="3")
    RoundInvitation.objects.create(round=round_, group="werkvloer", email="", token_hash="4")
