"""Factories for the knowledge bank. `ExperienceFactory(shared=True, ...)` gives a story
that is published with an approved de-identified text."""

from __future__ import annotations

import factory
from django.utils import timezone

from kwartier.knowledge.models import Experience, State, Visibility
from tests.factories import OrganisationFactory, UserFactory


class ExperienceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Experience

    organisation = factory.SubFactory(OrganisationFactory)
    author = factory.SubFactory(UserFactory)
    title_original = factory.Sequence(lambda n: f"Mijn verhaal {n}")
    text_original = "Mijn schulden werden te groot. Jan de Vries hielp mij toen."
    state = State.DRAFT
    visibility = Visibility.PRIVATE

    class Params:
        shared = factory.Trait(
            state=State.PUBLISHED,
            visibility=Visibility.ORGANISATION,
            shared_title=factory.LazyAttribute(lambda o: f"Gedeeld: {o.title_original}"),
            shared_text="Mijn schulden werden te groot. [PERSOON 1] hielp mij toen.",
            shared_hash="0" * 64,
            shared_at=factory.LazyFunction(timezone.now),
            published_at=factory.LazyFunction(timezone.now),
        )
