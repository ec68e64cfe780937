"""Demo data of Inzet (workforce part): loads once, and shows what the issue asks."""

from __future__ import annotations

import io

from kwartier.accounts import demo as accounts_demo
from kwartier.workforce import demo, selectors
from kwartier.workforce.models import ConfirmationStatus, HoursKind, IntervisieGroup, Profile


def test_demo_loads_once(db):
    accounts_demo.load(io.StringIO())
    demo.load(io.StringIO())
    demo.load(io.StringIO())  # idempotent
    # The vacancies part's demo adds workers of its own (vacancy_demo.PROFILES).
    workers = Profile.objects.filter(name__in=[spec["name"] for spec in demo.WORKERS])
    assert workers.filter(organisation__slug="debrug").count() == 3
    assert workers.filter(organisation__slug="opweg").count() == 2
    sam = Profile.objects.get(name="Sam de Vries")
    assert sam.membership is not None and sam.positions.count() == 1
    supervision = {e.status for e in sam.hours_entries.filter(kind=HoursKind.SUPERVISION)}
    assert supervision == {ConfirmationStatus.CONFIRMED, ConfirmationStatus.PENDING}
    group = IntervisieGroup.objects.get(name=demo.GROUP_NAME)
    assert group.network is not None and group.sessions.count() == 2
    opweg = Profile.objects.get(name="Lotte Visser").organisation
    seen = selectors.group_members(organisation=opweg, group=group)
    assert len(seen.own) == 2 and seen.others == 2
