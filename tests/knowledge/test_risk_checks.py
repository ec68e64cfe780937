"""The re-identification risk check on the share page, in the share-preview API and
before an insight is published (decision 0105). Dates are fixed: no wall clock."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from kwartier.accounts.models import Domain, Role
from kwartier.knowledge import public
from kwartier.knowledge.exposure import experience_risk
from kwartier.knowledge.models import Experience, State, Visibility
from tests.conftest import login
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory, api_auth
from tests.knowledge.factories import ExperienceFactory


def _when(year: int) -> datetime:
    return datetime(year, 6, 15, 12, 0, tzinfo=UTC)


@pytest.fixture
def bank(db):
    organisation = OrganisationFactory(name="Buurthuis Oost", slug="oost", city="Zwolle")
    author = UserFactory()
    MembershipFactory(user=author, organisation=organisation, role=Role.EXPERIENCE_WORKER)
    domain, _ = Domain.objects.get_or_create(slug="schulden", defaults={"name": "Schulden"})
    for _ in range(3):
        e = ExperienceFactory(organisation=organisation, shared=True, life_phase="volwassen")
        e.domains.add(domain)
        Experience.objects.filter(pk=e.pk).update(published_at=_when(2023))
    candidate = ExperienceFactory(
        organisation=organisation,
        author=author,
        state=State.REVIEW,
        life_phase="volwassen",
        shared_text="",
    )
    candidate.domains.add(domain)
    return {"organisation": organisation, "author": author, "candidate": candidate}


def _set_year(experience: Experience, year: int) -> None:
    Experience.objects.filter(pk=experience.pk).update(created_at=_when(year))
    experience.refresh_from_db()


def test_a_rare_year_is_flagged_with_period_as_the_remedy(bank):
    candidate = bank["candidate"]
    _set_year(candidate, 2021)
    result = experience_risk(experience=candidate, visibility=Visibility.ORGANISATION)
    assert result.k == 1 and result.flagged
    assert ("year",) in result.rare_combinations
    assert result.plan[0].attribute == "year" and result.plan[0].k == 4
    _set_year(candidate, 2023)
    common = experience_risk(experience=candidate, visibility=Visibility.ORGANISATION)
    assert common.k == 4 and not common.flagged


def test_withdrawn_and_other_organisations_stories_do_not_count(bank):
    candidate = bank["candidate"]
    _set_year(candidate, 2023)
    Experience.objects.filter(organisation=bank["organisation"], state=State.PUBLISHED).exclude(
        pk=candidate.pk
    ).update(state=State.WITHDRAWN, shared_at=None, visibility=Visibility.PRIVATE)
    ExperienceFactory(shared=True)  # elsewhere, organisation-only: not this audience
    assert experience_risk(experience=candidate, visibility=Visibility.ORGANISATION).k == 1


def test_share_page_warns_and_publishing_is_still_possible(client, bank):
    candidate = bank["candidate"]
    _set_year(candidate, 2021)
    login(client, bank["author"])
    url = reverse("knowledge:publish", args=[candidate.pk])
    page = client.get(url)
    body = page.content.decode()
    assert page.status_code == 200
    assert 'data-risk="organisation" data-k="1"' in body
    assert "herkenbaar (k = 1)" in body
    assert "periode" in body
    preview_hash = page.context["form"].initial["preview_hash"]
    done = client.post(
        url,
        {
            "visibility": "organisation",
            "purposes": ["kennis"],
            "consent": "on",
            "preview_hash": preview_hash,
        },
    )
    assert done.status_code == 302
    candidate.refresh_from_db()
    assert candidate.state == State.PUBLISHED


def test_share_preview_api_adds_the_risk_field(client, bank):
    candidate = bank["candidate"]
    _set_year(candidate, 2021)
    response = client.get(
        f"/api/knowledge/experiences/{candidate.pk}/publish/", **api_auth(bank["author"])
    )
    assert response.status_code == 200
    data = response.json()
    assert {"title", "text", "preview_hash", "allowed_visibilities"} <= set(data)
    risk = {r["visibility"]: r for r in data["reidentification_risk"]}
    assert risk["organisation"]["k"] == 1 and risk["organisation"]["flagged"] is True
    assert risk["organisation"]["plan"][0]["attribute"] == "year"


def test_evidence_risk_through_the_public_module(bank):
    shared = list(
        Experience.objects.filter(organisation=bank["organisation"], state=State.PUBLISHED)
    )
    lonely = ExperienceFactory(organisation=bank["organisation"], shared=True, life_phase="jeugd")
    flagged = public.evidence_risk(
        experience_ids=[lonely.pk, *(e.pk for e in shared)], network_wide=False
    )
    assert [r.experience_id for r in flagged] == [lonely.pk]
    assert flagged[0].k == 1 and flagged[0].advice
