"""The author's review page says what is redacted and what stays (decision 0040)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from kwartier.accounts.models import Role
from kwartier.core.models import Job
from tests.conftest import login
from tests.factories import MembershipFactory, UserFactory
from tests.knowledge.factories import ExperienceFactory

pytestmark = pytest.mark.usefixtures("search_index")


def test_review_page_explains_what_stays(tenant_a, engine):
    from kwartier.knowledge.tasks import deidentify_experiences

    author = UserFactory(email="sam@alfa.example.nl")
    MembershipFactory(user=author, organisation=tenant_a.organisation, role=Role.EXPERIENCE_WORKER)
    client = login(Client(), author)
    experience = ExperienceFactory(
        organisation=tenant_a.organisation,
        author=author,
        title_original="Brieven",
        text_original="Het UWV en het CJIB stuurden brieven aan Jan de Vries in Zwolle.",
    )
    client.post(reverse("knowledge:deidentify", args=[experience.pk]))
    deidentify_experiences.call(str(Job.objects.get().pk), [experience.pk])

    body = client.get(reverse("knowledge:review", args=[experience.pk])).content.decode()
    assert "Wat haalt Kwartier weg, en wat blijft staan?" in body
    assert "landelijke instanties en wetten" in body
    # The policy is followed, not only told: the agencies are no suggestion.
    assert "„UWV”" not in body and "„CJIB”" not in body
    assert "Naam van een persoon: „Jan de Vries”" in body
