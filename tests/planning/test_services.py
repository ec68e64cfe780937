"""Writing plans: versions, adoption, parts, scenarios and progress."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from kwartier.accounts.models import Role
from kwartier.planning import selectors, services
from kwartier.planning.models import (
    Milestone,
    PlanVersion,
    ProgressEntry,
    Scenario,
    Support,
    Target,
    VersionStatus,
)
from tests.factories import MembershipFactory, UserFactory
from tests.planning.factories import (
    add_support,
    add_targets,
    adopt,
    make_plan,
    make_scenario,
    projection_data,
)


@pytest.fixture
def board(tenant_a):
    user = UserFactory(email="bestuur@alfa.example.nl")
    MembershipFactory(user=user, organisation=tenant_a.organisation, role=Role.BOARD_MEMBER)
    return user


def test_a_new_plan_starts_as_draft_version_one(tenant_a, alice):
    plan = make_plan(tenant_a.organisation, alice, ambition="10 fte in 2030")
    [version] = plan.versions.all()
    assert (version.number, version.status, version.ambition) == (1, "concept", "10 fte in 2030")


def test_titles_are_unique_per_organisation(tenant_a, tenant_b, alice, bob):
    make_plan(tenant_a.organisation, alice, title="Plan")
    make_plan(tenant_b.organisation, bob, title="Plan")  # another organisation may
    with pytest.raises(ValidationError):
        make_plan(tenant_a.organisation, alice, title="Plan")


def test_adopting_freezes_and_editing_starts_a_new_draft(tenant_a, alice, board):
    plan = make_plan(tenant_a.organisation, alice, vision="eerste visie")
    add_targets(plan, alice, {2027: "3.0"})
    make_scenario(plan, alice, name="Basis")
    adopted = adopt(plan, board)
    assert adopted.status == VersionStatus.ADOPTED and adopted.adopted_by == board

    draft = services.plan_update(plan=plan, user=alice, title=plan.title, vision="tweede visie")

    adopted.refresh_from_db()
    assert adopted.vision == "eerste visie" and adopted.status == VersionStatus.ADOPTED
    assert (draft.number, draft.status, draft.vision) == (2, VersionStatus.DRAFT, "tweede visie")
    # The draft starts as a full copy: targets and scenarios come along.
    assert [(t.year, t.paid_fte) for t in draft.targets.all()] == [(2027, Decimal("3.00"))]
    assert [s.name for s in draft.scenarios.all()] == ["Basis"]
    assert selectors.version_current(plan=plan) == draft
    assert selectors.version_adopted(plan=plan) == adopted

    # A second change goes into the same draft; adopting it replaces version 1.
    services.plan_update(plan=plan, user=alice, title="Nieuwe titel", vision="derde visie")
    assert plan.versions.count() == 2
    adopt(plan, board)
    statuses = dict(plan.versions.values_list("number", "status"))
    assert statuses == {1: VersionStatus.SUPERSEDED, 2: VersionStatus.ADOPTED}


def test_adopting_without_a_draft_is_refused(tenant_a, alice, board):
    plan = make_plan(tenant_a.organisation, alice)
    adopt(plan, board)
    with pytest.raises(ValidationError, match="geen conceptversie"):
        adopt(plan, board)


def test_replacing_parts_is_all_or_nothing(tenant_a, alice, board):
    plan = make_plan(tenant_a.organisation, alice)
    add_targets(plan, alice, {2027: "3.0"})
    adopt(plan, board)
    bad_rows = [
        {"year": 2028, "paid_headcount": 2, "paid_fte": Decimal("2.0"), "volunteers": 0},
        {"year": 1999, "paid_headcount": 2, "paid_fte": Decimal("2.0"), "volunteers": 0},
    ]
    with pytest.raises(ValidationError):
        services.version_parts_replace(plan=plan, user=alice, model=Target, rows=bad_rows)
    # Nothing changed: no new draft, the adopted targets intact.
    assert plan.versions.count() == 1
    assert list(Target.objects.values_list("year", flat=True)) == [2027]


def test_parts_are_replaced_in_the_draft(tenant_a, alice):
    plan = make_plan(tenant_a.organisation, alice)
    add_support(plan, alice, budget=1000)
    add_support(plan, alice, kind="coaching", budget=2000)
    version = selectors.version_current(plan=plan)
    assert list(version.supports.values_list("kind", "budget_per_year")) == [("coaching", 2000)]
    assert Support.objects.count() == 1


def test_scenario_keeps_input_and_output(tenant_a, alice):
    plan = make_plan(tenant_a.organisation, alice)
    scenario = make_scenario(plan, alice, name="Groei", targets={"2027": 3.0})
    assert scenario.input["share"] == 0.2
    assert [row["year"] for row in scenario.output["years"]] == [2026, 2027, 2028, 2029, 2030]
    assert scenario.output["targets"][0]["year"] == 2027
    assert isinstance(scenario.output["min_share"], float)


def test_scenario_with_bad_input_is_refused_in_dutch(tenant_a, alice):
    plan = make_plan(tenant_a.organisation, alice)
    with pytest.raises(ValidationError) as caught:
        services.scenario_create(
            plan=plan, user=alice, name="Fout", projection_data=projection_data(growth=-0.1)
        )
    assert "growth: moet tussen 0 en 0,5 liggen" in str(caught.value)
    assert not Scenario.objects.exists()


def test_scenarios_of_an_adopted_version_stay(tenant_a, alice, board):
    plan = make_plan(tenant_a.organisation, alice)
    scenario = make_scenario(plan, alice)
    adopt(plan, board)
    with pytest.raises(ValidationError, match="vastgestelde versie"):
        services.scenario_delete(scenario=scenario)
    draft_scenario = make_scenario(plan, alice, name="Nieuw")  # starts version 2
    assert draft_scenario.version.number == 2
    services.scenario_delete(scenario=draft_scenario)
    assert Scenario.objects.filter(pk=scenario.pk).exists()


def test_progress_is_recorded_per_year_and_corrected(tenant_a, alice, board):
    plan = make_plan(tenant_a.organisation, alice)
    adopt(plan, board)
    services.progress_record(plan=plan, year=2026, headcount=3, fte=Decimal("2.4"))
    services.progress_record(
        plan=plan, year=2026, headcount=4, fte=Decimal("3.2"), note="na werving"
    )
    entry = ProgressEntry.objects.get()
    assert (entry.headcount, entry.fte, entry.note) == (4, Decimal("3.20"), "na werving")
    # Progress is a fact, not plan content: it does not start a new version.
    assert plan.versions.count() == 1
    with pytest.raises(ValidationError):
        services.progress_record(plan=plan, year=2026, headcount=1, fte=Decimal("-1"))


def test_one_draft_per_plan_is_enforced(tenant_a, alice):
    plan = make_plan(tenant_a.organisation, alice)
    with pytest.raises(ValidationError):
        PlanVersion(plan=plan, number=2, status=VersionStatus.DRAFT).full_clean()


def test_milestones_copy_with_their_dates(tenant_a, alice, board):
    import datetime

    plan = make_plan(tenant_a.organisation, alice)
    services.version_parts_replace(
        plan=plan,
        user=alice,
        model=Milestone,
        rows=[
            {
                "title": "Start",
                "owner": "Noor",
                "due_date": datetime.date(2026, 9, 1),
                "done": False,
            }
        ],
    )
    adopt(plan, board)
    draft = services.plan_update(plan=plan, user=alice, title=plan.title)
    assert list(draft.milestones.values_list("title", "due_date")) == [
        ("Start", datetime.date(2026, 9, 1))
    ]


def test_titles_differing_only_by_invisible_characters_are_the_same(tenant_a, alice):
    make_plan(tenant_a.organisation, alice, title="Plan 2026")
    with pytest.raises(ValidationError):
        make_plan(tenant_a.organisation, alice, title="Plan\u200b 2026\u202e")
