"""Two people, or two tabs, at once: nobody's work is silently lost, the bestuurder adopts
the text they read, and a double submit saves once.

The forms are filled in from the pages, as a browser does: every token a test sends is one
a page handed out. The tests marked ``parallel`` run two requests at the same time, each
on its own database connection; they need PostgreSQL (SQLite runs one writer at a time).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse

from kwartier.accounts.models import Role
from kwartier.planning import selectors, services
from kwartier.planning.models import Plan, PlanVersion, ProgressEntry, Scenario, Target
from tests.conftest import login
from tests.factories import MembershipFactory, UserFactory
from tests.planning.factories import add_targets, adopt, make_plan
from tests.planning.test_views import formset_data, hidden_fields, scenario_form


@pytest.fixture
def plan(tenant_a, alice) -> Plan:
    return make_plan(tenant_a.organisation, alice, title="Plan Alfa", ambition="Eerste ambitie")


@pytest.fixture
def admin_client(tenant_a) -> Client:
    """The organisation admin, the second editor of the plan."""
    user = UserFactory(email="beheer@alfa.example.nl", full_name="Bram Beheer")
    MembershipFactory(user=user, organisation=tenant_a.organisation, role=Role.ORGANISATION_ADMIN)
    return login(Client(), user)


@pytest.fixture
def board_client(tenant_a) -> Client:
    user = UserFactory(email="bestuur@alfa.example.nl", full_name="Bea Bestuur")
    MembershipFactory(user=user, organisation=tenant_a.organisation, role=Role.BOARD_MEMBER)
    return login(Client(), user)


def texts(plan: Plan, **changes: str) -> dict[str, str]:
    data = {
        "title": plan.title,
        "ambition": "Eerste ambitie",
        "vision": "",
        "driver": "",
        "financier_name": "",
        "financier_commitment": "geen",
        "financier_note": "",
    }
    data.update(changes)
    return data


def target_row(year: str, fte: str) -> dict[str, str]:
    return {"year": year, "paid_headcount": "2", "paid_fte": fte, "volunteers": "0"}


# --- lost updates: texts ------------------------------------------------------------------


def test_second_editor_of_the_texts_sees_both_texts_and_chooses(alice_client, admin_client, plan):
    edit = reverse("planning:edit", args=[plan.pk])
    alice_form = hidden_fields(alice_client.get(edit).content.decode())
    admin_form = hidden_fields(admin_client.get(edit).content.decode())

    first = alice_client.post(
        edit, {**alice_form, **texts(plan, ambition="Ambitie van Alice", driver="Alice")}
    )
    assert first.status_code == 302
    second = admin_client.post(edit, {**admin_form, **texts(plan, ambition="Ambitie van Bram")})

    # Nothing of Alice's is lost: Bram sees both texts and nothing was saved.
    assert second.status_code == 409
    page = second.content.decode()
    assert "Iemand anders heeft dit onderdeel opgeslagen" in page
    assert "Ambitie van Alice" in page and "Ambitie van Bram" in page
    version = plan.versions.get()
    assert (version.ambition, version.driver) == ("Ambitie van Alice", "Alice")

    # Bram chooses his text: the conflict page carries the new token.
    again = admin_client.post(edit, {**hidden_fields(page), **texts(plan, ambition="Samen")})
    assert again.status_code == 302
    version.refresh_from_db()
    assert version.ambition == "Samen"


def test_a_texts_form_without_its_token_is_refused_in_dutch(alice_client, plan):
    response = alice_client.post(
        reverse("planning:edit", args=[plan.pk]), texts(plan, ambition="Zonder token")
    )
    assert response.status_code == 200
    assert "Open de pagina opnieuw" in response.content.decode()
    assert plan.versions.get().ambition == "Eerste ambitie"


def test_saving_the_texts_does_not_conflict_with_a_saved_section(alice_client, admin_client, plan):
    edit = reverse("planning:edit", args=[plan.pk])
    doelen = reverse("planning:section_doelen", args=[plan.pk])
    alice_form = hidden_fields(alice_client.get(edit).content.decode())
    admin_page = admin_client.get(doelen).content.decode()
    assert (
        admin_client.post(
            doelen,
            {**hidden_fields(admin_page), **formset_data("doelen", [target_row("2027", "3")])},
        ).status_code
        == 302
    )
    response = alice_client.post(edit, {**alice_form, **texts(plan, vision="Visie van Alice")})
    assert response.status_code == 302
    version = plan.versions.get()
    assert version.vision == "Visie van Alice"
    assert list(version.targets.values_list("year", flat=True)) == [2027]


# --- lost updates: sections ---------------------------------------------------------------


def test_second_editor_of_a_section_keeps_the_first_ones_targets(
    alice_client, admin_client, alice, plan
):
    add_targets(plan, alice, {2027: "3.0"})
    doelen = reverse("planning:section_doelen", args=[plan.pk])
    alice_page = alice_client.get(doelen).content.decode()
    admin_page = admin_client.get(doelen).content.decode()

    first = alice_client.post(
        doelen,
        {
            **hidden_fields(alice_page),
            **formset_data("doelen", [target_row("2027", "3"), target_row("2030", "8")], 1),
        },
    )
    assert first.status_code == 302
    second = admin_client.post(
        doelen,
        {**hidden_fields(admin_page), **formset_data("doelen", [target_row("2027", "4")], 1)},
    )

    assert second.status_code == 409
    page = second.content.decode()
    assert "Nu opgeslagen" in page and "Jaar: 2030" in page
    assert sorted(Target.objects.values_list("year", flat=True)) == [2027, 2030]


def test_a_section_row_is_updated_in_place(alice_client, alice, plan):
    add_targets(plan, alice, {2027: "3.0", 2028: "4.0"})
    before = dict(Target.objects.values_list("year", "pk"))
    doelen = reverse("planning:section_doelen", args=[plan.pk])
    page = alice_client.get(doelen).content.decode()
    response = alice_client.post(
        doelen,
        {
            **hidden_fields(page),
            # The two rows swap their years: stored in place, the unique year still holds.
            **formset_data("doelen", [target_row("2028", "3.5"), target_row("2027", "4.5")], 2),
        },
    )
    assert response.status_code == 302
    after = {t.pk: (t.year, t.paid_fte) for t in Target.objects.all()}
    assert after == {
        before[2027]: (2028, Decimal("3.50")),
        before[2028]: (2027, Decimal("4.50")),
    }


def test_rows_keep_their_identity_into_a_new_draft(alice, tenant_a):
    board = UserFactory()
    MembershipFactory(user=board, organisation=tenant_a.organisation, role=Role.BOARD_MEMBER)
    plan = make_plan(tenant_a.organisation, alice)
    add_targets(plan, alice, {2027: "3.0"})
    adopt(plan, board)
    adopted_target = Target.objects.get()
    services.version_parts_replace(
        plan=plan,
        user=alice,
        model=Target,
        rows=[
            {
                "key": adopted_target.key,
                "year": 2027,
                "paid_headcount": 5,
                "paid_fte": Decimal("4"),
                "volunteers": 0,
            }
        ],
    )
    draft_target = Target.objects.get(version__status="concept")
    assert draft_target.key == adopted_target.key and draft_target.paid_fte == Decimal("4")
    adopted_target.refresh_from_db()
    assert adopted_target.paid_fte == Decimal("3.00")  # the adopted version is untouched


# --- stale adoption -----------------------------------------------------------------------


def test_adoption_from_a_stale_confirmation_page_is_refused(alice_client, board_client, plan):
    adopt_url = reverse("planning:adopt", args=[plan.pk])
    confirmation = board_client.get(adopt_url).content.decode()
    assert "Eerste ambitie" in confirmation  # the bestuurder reads the text itself
    edit = reverse("planning:edit", args=[plan.pk])
    alice_form = hidden_fields(alice_client.get(edit).content.decode())
    alice_client.post(edit, {**alice_form, **texts(plan, ambition="Later veranderd")})

    response = board_client.post(adopt_url, hidden_fields(confirmation))

    assert response.status_code == 409
    page = response.content.decode()
    assert "Het plan is gewijzigd nadat u deze pagina opende" in page
    assert "Later veranderd" in page  # the current text, to read before adopting
    assert plan.versions.get().status == "concept"

    # Confirming the text now shown adopts it, with the hash of that text.
    assert board_client.post(adopt_url, hidden_fields(page)).status_code == 302
    version = plan.versions.get()
    assert version.status == "vastgesteld" and version.ambition == "Later veranderd"
    assert len(version.adopted_hash) == 64


def test_adoption_names_the_version_it_confirms(tenant_a, alice, plan):
    board = UserFactory()
    MembershipFactory(user=board, organisation=tenant_a.organisation, role=Role.BOARD_MEMBER)
    draft = selectors.version_newest(plan=plan)
    content_hash = selectors.version_fingerprint(version=draft)
    with pytest.raises(services.StaleAdoption):
        services.plan_adopt(
            plan=plan, user=board, version_id=draft.pk + 1, content_hash=content_hash
        )
    with pytest.raises(services.StaleAdoption):
        services.plan_adopt(plan=plan, user=board, version_id=draft.pk, content_hash="0" * 64)
    assert PlanVersion.objects.get(pk=draft.pk).status == "concept"


def test_adopting_without_the_confirmed_version_is_refused_in_dutch(board_client, plan):
    response = board_client.post(reverse("planning:adopt", args=[plan.pk]))
    assert response.status_code == 400
    assert "Open de pagina opnieuw" in response.content.decode()
    assert plan.versions.get().status == "concept"


# --- double submits -----------------------------------------------------------------------


def test_a_resent_scenario_form_saves_one_scenario(alice_client, plan):
    url = reverse("planning:scenario_create", args=[plan.pk])
    page = alice_client.get(url).content.decode()
    data = {**scenario_form("Basis", "20"), **hidden_fields(page)}
    first = alice_client.post(url, data)
    second = alice_client.post(url, data)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Scenario.objects.count() == 1


def _needs_postgresql() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("two writers at once need PostgreSQL (set DATABASE_URL)")


def _in_thread(work: Callable[[], Any], results: list[Any]) -> threading.Thread:
    def run() -> None:
        try:
            results.append(work())
        except Exception as error:  # reported by the test, not lost in the thread
            results.append(error)
        finally:
            connection.close()  # each thread had its own connection

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def _wait_until_a_request_waits_for_a_lock(timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
            if cursor.fetchone()[0]:
                return
            time.sleep(0.02)
    raise AssertionError("the second request never waited for the first")


@pytest.mark.django_db(transaction=True)
def test_two_parallel_scenario_submits_save_one_scenario(alice, plan):
    _needs_postgresql()
    url = reverse("planning:scenario_create", args=[plan.pk])
    clients = [login(Client(raise_request_exception=False), alice) for _ in range(2)]
    page = clients[0].get(url).content.decode()
    data = {**scenario_form("Dubbelklik", "20"), **hidden_fields(page)}
    barrier = threading.Barrier(2)
    results: list[Any] = []

    def submit(client: Client) -> Callable[[], Any]:
        def work() -> Any:
            barrier.wait()
            return client.post(url, data)

        return work

    threads = [_in_thread(submit(client), results) for client in clients]
    for thread in threads:
        thread.join(60)

    assert [r.status_code for r in results] == [302, 302]
    assert Scenario.objects.filter(name="Dubbelklik").count() == 1


@pytest.mark.django_db(transaction=True)
def test_progress_of_one_year_saved_twice_at_once_is_one_row(alice, plan):
    """One save holds its transaction open; the second request for the same year arrives
    meanwhile. Before: both inserted the year and the second got an IntegrityError (500)."""
    _needs_postgresql()
    client = login(Client(raise_request_exception=False), alice)
    started, release = threading.Event(), threading.Event()
    results: list[Any] = []

    def first_save() -> None:
        with transaction.atomic():
            services.progress_record(plan=plan, year=2026, headcount=2, fte=Decimal("1.5"))
            started.set()
            release.wait(30)

    first = _in_thread(first_save, results)
    assert started.wait(30)
    second = _in_thread(
        lambda: client.post(
            reverse("planning:progress", args=[plan.pk]),
            {"year": "2026", "headcount": "3", "fte": "2,5", "note": ""},
        ),
        results,
    )
    _wait_until_a_request_waits_for_a_lock()
    release.set()
    first.join(30)
    second.join(30)

    response = results[-1]
    assert not isinstance(response, Exception), response
    assert response.status_code == 302
    assert list(ProgressEntry.objects.values_list("year", "headcount")) == [(2026, 3)]


@pytest.mark.django_db(transaction=True)
def test_two_plans_with_one_title_at_once_get_a_dutch_error(alice, tenant_a):
    _needs_postgresql()
    client = login(Client(raise_request_exception=False), alice)
    started, release = threading.Event(), threading.Event()
    results: list[Any] = []

    def first_create() -> None:
        with transaction.atomic():
            make_plan(tenant_a.organisation, alice, title="Plan 2027")
            started.set()
            release.wait(30)

    first = _in_thread(first_create, results)
    assert started.wait(30)
    second = _in_thread(
        lambda: client.post(
            reverse("planning:create"), {"title": "Plan 2027", "financier_commitment": "geen"}
        ),
        results,
    )
    _wait_until_a_request_waits_for_a_lock()
    release.set()
    first.join(30)
    second.join(30)

    response = results[-1]
    assert not isinstance(response, Exception), response
    assert response.status_code == 200
    assert "al een plan met deze titel" in response.content.decode()
    assert Plan.objects.filter(title="Plan 2027").count() == 1
