"""Demo data of the vacancies part: loaded once, public and network vacancies with
matches for De Brug and Op Weg, and the volunteer role that publishing refuses."""

from __future__ import annotations

import io
from datetime import date

from django.utils import timezone

from kwartier.accounts import demo as accounts_demo
from kwartier.workforce import vacancy_demo
from kwartier.workforce import vacancy_selectors as selectors
from kwartier.workforce import vacancy_services as services
from kwartier.workforce.models import Vacancy


def test_vacancy_demo_loads_once_with_matches(db):
    accounts_demo.load(io.StringIO())
    vacancy_demo.load(io.StringIO())
    vacancy_demo.load(io.StringIO())
    assert Vacancy.objects.count() == len(vacancy_demo.VACANCIES)
    published = Vacancy.objects.filter(state="published")
    assert {(v.organisation.slug, v.scope) for v in published} >= {
        ("debrug", "public"),
        ("debrug", "network"),
        ("opweg", "public"),
        ("opweg", "network"),
    }
    today = timezone.localdate()
    for vacancy in published:
        assert selectors.vacancy_matches(vacancy=vacancy, today=today), vacancy.title
    volunteer = Vacancy.objects.get(kind="volunteer")
    assert volunteer.state == "draft"
    problems = services.vacancy_publish_problems(volunteer, today=date(2024, 5, 1))
    assert [p.field for p in problems] == ["hours_per_week"]
