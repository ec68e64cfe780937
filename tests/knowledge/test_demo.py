"""Demo data: a dozen believable stories in every state, loaded fast and only once."""

from __future__ import annotations

import io

import pytest

from kwartier.accounts import demo as accounts_demo
from kwartier.knowledge import demo, index
from kwartier.knowledge.models import Experience, State


@pytest.mark.usefixtures("search_index")
def test_demo_loads_once_in_every_state_and_indexes_the_shared_stories(db):
    accounts_demo.load(io.StringIO())
    demo.load(io.StringIO())
    demo.load(io.StringIO())
    assert Experience.objects.count() == len(demo.STORIES) == 18  # 12 + 6 for wij-kennis
    states = set(Experience.objects.values_list("state", flat=True))
    assert states == {s.value for s in State} - {State.DEIDENTIFYING}
    shared = [e for e in Experience.objects.all() if e.is_shared]
    assert {e.visibility for e in shared} == {"organisation", "network", "public"}
    assert index.search_backend().count() == len(shared)
    for story in demo.STORIES:
        experience = Experience.objects.get(public_id=demo.uuid.uuid5(demo.NAMESPACE, story.key))
        for phrase, _label in story.identifiers:
            assert phrase not in experience.shared_text + experience.shared_title
