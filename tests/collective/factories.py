"""Helpers to build wij-kennis objects in tests (plain functions on the services)."""

from __future__ import annotations

from kwartier.collective import services
from kwartier.collective.models import Code, Codebook, Coding, Insight
from kwartier.knowledge import public as knowledge
from tests.knowledge.factories import ExperienceFactory


def codebook_of(organisation, user, name="Codeboek") -> Codebook:
    return services.codebook_create(name=name, by=user, organisation=organisation)


def code_in(codebook, user, name="Geldzorgen", **kwargs) -> Code:
    return services.code_create(codebook=codebook, by=user, name=name, **kwargs)


def shared_story(organisation, author=None, text=None, **kwargs):
    extra = {"author": author} if author is not None else {}
    if text is not None:
        extra["shared_text"] = text
    return ExperienceFactory(organisation=organisation, shared=True, **extra, **kwargs)


def coding_on(experience, code, coder, organisation, quote=None) -> Coding:
    story = knowledge.shared_story_by_id(experience_id=experience.pk)
    assert story is not None
    quote = quote or story.text.split(".")[0]
    return services.coding_create_from_quote(
        story=story, code=code, coder=coder, organisation=organisation, quote=quote
    )


def insight_in(codebook, organisation, user, statement="Schulden maken eenzaam.") -> Insight:
    return services.insight_create(
        codebook=codebook, organisation=organisation, by=user, statement=statement
    )
