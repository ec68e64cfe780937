"""Factories of Resultaten. Signals are made directly (not through the service), so
makers and walkers never load the de-identification engine."""

from __future__ import annotations

import datetime

import factory
from django.utils import timezone

from kwartier.accounts.models import ExperienceRole
from kwartier.impact.models import (
    Contribution,
    ContributionKind,
    Level,
    Signal,
    SignalState,
    SignalStep,
    StepKind,
)
from tests.factories import OrganisationFactory, UserFactory


class ContributionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contribution

    organisation = factory.SubFactory(OrganisationFactory)
    author = factory.SubFactory(UserFactory)
    date = datetime.date(2026, 3, 10)
    role = ExperienceRole.BRIDGE_BUILDER
    level = Level.ORGANISATION
    kind = ContributionKind.CONVERSATION
    minutes = 45


class SignalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Signal
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    raised_by = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Signaal {n}")
    description = "Wachtenden horen weken niets over hun aanvraag."
    level = Level.ORGANISATION
    state = SignalState.OPEN
    raised_at = factory.LazyFunction(timezone.now)
    due_at = factory.LazyAttribute(lambda o: o.raised_at + datetime.timedelta(days=14))

    @factory.post_generation
    def raised_step(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            SignalStep.objects.create(
                signal=obj, kind=StepKind.RAISED, state_after=SignalState.OPEN, by=obj.raised_by
            )
