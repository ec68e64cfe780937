"""Positions feed the kwartiermaakplan: actual figures per year and warnings from the real
positions; a figure entered by hand overrides them, with a note."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from kwartier.accounts.models import Layer
from kwartier.planning import selectors as plan_selectors
from kwartier.planning import services as plan_services
from kwartier.planning.document import progress_context
from kwartier.planning.warnings import PlanFacts, StaffingFact, plan_warnings
from kwartier.workforce import public, services
from tests.factories import TeamFactory
from tests.planning.factories import make_plan
from tests.workforce.factories import make_group, make_position, make_profile, make_session

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 6, 15)


def test_positions_by_year_through_the_public_module(tenant_a):
    a = make_profile(tenant_a.organisation, name="A")
    b = make_profile(tenant_a.organisation, name="B")
    make_position(a, fte="0.6", starts=datetime.date(2025, 3, 1))
    make_position(b, fte="0.4", starts=datetime.date(2026, 1, 1))
    make_position(b, fte="0", employment="volunteer", starts=datetime.date(2025, 1, 1))
    figures = public.positions_by_year(
        organisation=tenant_a.organisation, years=[2024, 2025, 2026, 2027], today=TODAY
    )
    assert set(figures) == {2025, 2026}
    assert (figures[2025].paid_headcount, figures[2025].paid_fte, figures[2025].volunteers) == (
        1,
        Decimal("0.6"),
        1,
    )
    assert (figures[2026].paid_headcount, figures[2026].paid_fte) == (2, Decimal("1.0"))


def test_progress_comes_from_positions_and_a_hand_figure_overrides_with_a_note(tenant_a, alice):
    plan = make_plan(tenant_a.organisation, alice)
    version = plan_selectors.version_current(plan=plan)
    make_position(make_profile(tenant_a.organisation), fte="0.8", starts=datetime.date(2025, 1, 1))
    rows = {r["year"]: r for r in progress_context(plan, version, today=TODAY)["progress_rows"]}
    assert rows[2025]["actual"] == 0.8 and rows[2025]["source"].source == "functies"
    assert rows[2026]["actual"] == 0.8
    # Overriding a year the positions count needs a note (the service uses today's date:
    # 2025 has ended, so it is counted whatever today is).
    with pytest.raises(ValidationError) as error:
        plan_services.progress_record(plan=plan, year=2025, headcount=2, fte=Decimal("1.5"))
    assert "toelichting" in str(error.value)
    plan_services.progress_record(
        plan=plan, year=2025, headcount=2, fte=Decimal("1.5"), note="Inhuur telt mee"
    )
    rows = {r["year"]: r for r in progress_context(plan, version, today=TODAY)["progress_rows"]}
    assert rows[2025]["actual"] == 1.5
    assert rows[2025]["source"].source == "handmatig"
    assert rows[2025]["source"].note == "Inhuur telt mee"
    assert rows[2025]["source"].positions_fte == 0.8


def test_without_positions_progress_is_as_entered(tenant_a, alice):
    plan = make_plan(tenant_a.organisation, alice)
    plan_services.progress_record(plan=plan, year=2025, headcount=1, fte=Decimal("0.5"))
    rows = progress_context(plan, plan_selectors.version_current(plan=plan), today=TODAY)[
        "progress_rows"
    ]
    assert [(r["year"], r["actual"]) for r in rows] == [(2025, 0.5)]


def test_plan_warnings_use_real_positions(tenant_a, alice):
    plan = make_plan(tenant_a.organisation, alice)
    version = plan_selectors.version_current(plan=plan)
    inloop = TeamFactory(organisation=tenant_a.organisation, name="Inloop", layer=Layer.FRONTLINE)
    alone = make_profile(tenant_a.organisation, name="Alleen")
    make_position(alone, team=inloop, starts=datetime.date(2025, 1, 1))
    codes = {w.code for w in plan_selectors.version_warnings(version=version, today=TODAY)}
    assert {
        "positions_alone",
        "positions_no_middle_management",
        "positions_without_intervisie",
    } <= codes
    # A second worker in the team, one in middle management, both in intervisie: all clear.
    second = make_profile(tenant_a.organisation, name="Tweede")
    make_position(second, team=inloop, starts=datetime.date(2025, 1, 1))
    make_position(second, layer=Layer.MIDDLE_MANAGEMENT, starts=datetime.date(2025, 1, 1))
    group = make_group(tenant_a.organisation)
    session = make_session(group, date=datetime.date(2026, 6, 1))
    for profile in (alone, second):
        services.group_member_add(group=group, profile=profile)
    services.session_attendance_set(
        session=session, organisation=tenant_a.organisation, present=[alone, second]
    )
    codes = {w.code for w in plan_selectors.version_warnings(version=version, today=TODAY)}
    assert not codes & {
        "positions_alone",
        "positions_no_middle_management",
        "positions_without_intervisie",
    }


def test_staffing_rules_in_the_kernel():
    facts = PlanFacts(
        financier_commitment="toegezegd",
        exploration_done=True,
        staffing=StaffingFact(
            workers=3, teams_alone=("Inloop", "Schuldhulp"), without_intervisie=2
        ),
    )
    rendered = {w.code: w.render() for w in plan_warnings(facts)}
    assert "Inloop en Schuldhulp" in rendered["positions_alone"].explanation
    assert "2 van de 3" in rendered["positions_without_intervisie"].explanation
    assert "positions_no_middle_management" in rendered
    assert not {"positions_alone"} & {w.code for w in plan_warnings(PlanFacts())}
