"""The visibility rule: who may read which story. One rule, the same in the database
query and in the search index."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kwartier.accounts.models import Role
from kwartier.knowledge import index, selectors
from kwartier.knowledge.models import SHAREABLE_VISIBILITIES, State, Visibility
from kwartier.knowledge.search.base import SearchQuery
from tests.factories import MembershipFactory, NetworkFactory, OrganisationFactory, UserFactory
from tests.knowledge.factories import ExperienceFactory

pytestmark = pytest.mark.usefixtures("search_index")


@pytest.fixture
def region(db):
    """A and B share a network; C is in another one; D in none."""
    oost, west = NetworkFactory(name="Regio Oost"), NetworkFactory(name="Regio West")
    orgs = {name: OrganisationFactory(name=f"Organisatie {name}") for name in "ABCD"}
    orgs["A"].networks.add(oost)
    orgs["B"].networks.add(oost)
    orgs["C"].networks.add(west)
    people = {}
    for name, organisation in orgs.items():
        people[name] = UserFactory()
        MembershipFactory(user=people[name], organisation=organisation, role=Role.EMPLOYEE)
    return orgs, people


def _ids(queryset):
    return set(queryset.values_list("pk", flat=True))


def test_visibility_matrix(region):
    orgs, people = region
    author = UserFactory()
    MembershipFactory(user=author, organisation=orgs["A"], role=Role.EXPERIENCE_WORKER)
    made = {
        vis: ExperienceFactory(organisation=orgs["A"], author=author, shared=True, visibility=vis)
        for vis in SHAREABLE_VISIBILITIES
    }
    draft = ExperienceFactory(organisation=orgs["A"], author=author)
    expected = {
        "A": {"organisation", "network", "public"},
        "B": {"network", "public"},
        "C": {"public"},
        "D": {"public"},
    }
    for name, visibilities in expected.items():
        seen = _ids(selectors.experience_list_shared(user=people[name]))
        assert seen == {made[v].pk for v in visibilities}, name
        assert draft.pk not in seen
    anonymous = _ids(selectors.experience_list_shared(user=AnonymousUser()))
    assert anonymous == {made["public"].pk}
    # The author sees every own story, any state, in the organisation they act for.
    own = _ids(selectors.experience_list_own(user=author, organisation=orgs["A"]))
    assert own == {e.pk for e in made.values()} | {draft.pk}
    assert not selectors.experience_list_own(user=author, organisation=orgs["B"]).exists()


def test_a_member_of_two_organisations_sees_both(region):
    orgs, people = region
    MembershipFactory(user=people["D"], organisation=orgs["C"], role=Role.EMPLOYEE)
    story = ExperienceFactory(organisation=orgs["C"], shared=True, visibility="organisation")
    assert story.pk in _ids(selectors.experience_list_shared(user=people["D"]))
    scope = selectors.search_scope(user=people["D"])
    assert scope.organisation_ids == {orgs["C"].pk, orgs["D"].pk}


def test_a_shared_story_being_edited_stays_visible_and_a_withdrawn_one_does_not(region):
    orgs, people = region
    editing = ExperienceFactory(organisation=orgs["A"], shared=True, state=State.DRAFT)
    withdrawn = ExperienceFactory(
        organisation=orgs["A"], state=State.WITHDRAWN, withdrawn_at=timezone.now()
    )
    seen = _ids(selectors.experience_list_shared(user=people["A"]))
    assert editing.pk in seen and withdrawn.pk not in seen


STATES = [s.value for s in State]
VISIBILITIES = [v.value for v in Visibility]


@st.composite
def worlds(draw):
    org_networks = draw(st.lists(st.sets(st.integers(0, 1)), min_size=3, max_size=3))
    user_orgs = draw(st.lists(st.sets(st.integers(0, 2)), min_size=3, max_size=3))
    stories = draw(
        st.lists(
            st.tuples(
                st.integers(0, 2),  # organisation
                st.integers(0, 2),  # author
                st.sampled_from(STATES),
                st.sampled_from(VISIBILITIES),
                st.booleans(),  # has an approved shared version
            ),
            max_size=10,
        )
    )
    return org_networks, user_orgs, stories


def _may_read(user_org_ids, org_networks_by_id, story) -> bool:
    """The rule written out independently of the code under test."""
    if story.shared_at is None or story.state == State.WITHDRAWN:
        return False
    if story.visibility == Visibility.PUBLIC:
        return True
    if story.visibility == Visibility.PRIVATE:
        return False
    if story.organisation_id in user_org_ids:
        return True
    user_networks = (
        set().union(*(org_networks_by_id[o] for o in user_org_ids)) if user_org_ids else set()
    )
    return story.visibility == Visibility.NETWORK and bool(
        user_networks & org_networks_by_id[story.organisation_id]
    )


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(world=worlds())
def test_every_readable_story_is_allowed_by_the_rule_and_nothing_else_leaks(db, world):
    org_networks, user_orgs, stories = world
    with transaction.atomic():
        networks = [NetworkFactory() for _ in range(2)]
        orgs = [OrganisationFactory() for _ in range(3)]
        for organisation, wanted in zip(orgs, org_networks, strict=True):
            organisation.networks.set([networks[n] for n in wanted])
        users = [UserFactory() for _ in range(3)]
        for user, wanted in zip(users, user_orgs, strict=True):
            for o in wanted:
                MembershipFactory(user=user, organisation=orgs[o])
        made = []
        for org_i, author_i, state, visibility, approved in stories:
            shared = approved and visibility != "private" and state != "withdrawn"
            made.append(
                ExperienceFactory(
                    organisation=orgs[org_i],
                    author=users[author_i],
                    state=state,
                    visibility=visibility,
                    shared_at=timezone.now() if shared else None,
                    published_at=timezone.now() if shared else None,
                    shared_title="Gedeeld" if shared else "",
                    shared_text="schuld" if shared else "",
                )
            )
        index.search_backend().clear()
        index.index_experiences([e.pk for e in made])
        org_networks_by_id = {o.pk: {n.pk for n in o.networks.all()} for o in orgs}
        readers = [*users, AnonymousUser()]
        for reader in readers:
            user_org_ids = (
                {o.pk for o in orgs if o.memberships.filter(user=reader).exists()}
                if reader.is_authenticated
                else set()
            )
            expected = {e.pk for e in made if _may_read(user_org_ids, org_networks_by_id, e)}
            fetched = list(selectors.experience_list_shared(user=reader))
            assert {e.pk for e in fetched} == expected
            for story in fetched:
                assert story.shared_at is not None and story.state != State.WITHDRAWN
                assert story.visibility != Visibility.PRIVATE
            # The index applies the same rule inside the query.
            page = index.search_backend().search(
                SearchQuery(text="", scope=selectors.search_scope(user=reader), per_page=100)
            )
            assert {int(hit.id) for hit in page.hits} == expected
            assert page.total == len(expected)
        transaction.set_rollback(True)
