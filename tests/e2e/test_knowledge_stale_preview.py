"""Consent binds to the text the author saw, also with two tabs open (issue 18).

Sam opens the share page in one tab: the preview shows [PERSOON 1]. In a second tab Sam
changes the review and keeps the name. Back in the first tab Sam ticks consent and
clicks "Delen": Kwartier refuses, shares nothing, and shows the fresh preview (with the
name) to consent to again. Then Sam's first tab is sure of what it shares."""

from __future__ import annotations

import pytest

from kwartier.accounts.models import Role
from kwartier.knowledge.models import ConsentRecord, Experience, State
from tests.e2e.test_knowledge_journey import log_in
from tests.factories import MembershipFactory, NetworkFactory, OrganisationFactory, UserFactory
from tests.knowledge.fixtures import search_index  # noqa: F401
from tests.knowledge.test_concurrency import in_review


@pytest.mark.usefixtures("search_index")
def test_a_stale_share_preview_is_refused_in_the_other_tab(visitor_factory, transactional_db):
    network = NetworkFactory(name="Regio Oost", slug="regio-oost")
    brug = OrganisationFactory(name="Welzijn De Brug", slug="debrug")
    opweg = OrganisationFactory(name="Stichting Op Weg", slug="opweg")
    brug.networks.add(network)
    opweg.networks.add(network)
    sam_user = UserFactory(email="sam@debrug.example.nl", full_name="Sam de Vries")
    MembershipFactory(user=sam_user, organisation=brug, role=Role.EXPERIENCE_WORKER)
    experience = in_review(brug, sam_user)

    first = visitor_factory("tab-1")
    log_in(first, sam_user.email)
    second = visitor_factory("tab-2")
    log_in(second, sam_user.email)

    # Tab 1: the share page with the de-identified preview, and who "network" means.
    first.goto(f"/kennisbank/mijn/{experience.pk}/delen/")
    preview = first.page.locator(".kwartier-preview").inner_text()
    assert "[PERSOON 1]" in preview and "Jan de Vries" not in preview

    # Tab 2: the review changes, the name stays.
    second.goto(f"/kennisbank/mijn/{experience.pk}/nalopen/")
    for radio in second.page.get_by_label("Laten staan").all():
        radio.check()
    second.page.get_by_role("button", name="Opslaan en voorbeeld bekijken").click()
    second.check()
    assert "Jan de Vries" in second.page.locator(".kwartier-preview").inner_text()

    # Tab 1 consents to what it shows: refused, nothing shared, the fresh preview shown.
    first.page.get_by_label("Het regionale netwerk").check()
    first.page.get_by_label("Ik heb de tekst hierboven gelezen", exact=False).check()
    first.page.get_by_role("button", name="Delen").click()
    first.check()
    content = first.page.content()
    assert "veranderd sinds u het voorbeeld opende" in content
    assert "Jan de Vries" in first.page.locator(".kwartier-preview").inner_text()
    assert not first.page.get_by_label(
        "Ik heb de tekst hierboven gelezen", exact=False
    ).is_checked()
    experience.refresh_from_db()
    assert experience.state == State.REVIEW and not experience.is_shared
    assert not ConsentRecord.objects.exists()
    # The page says who "the regional network" is.
    assert "Stichting Op Weg" in first.page.locator(".kwartier-audience").inner_text()

    # Consent to the text now shown publishes exactly that text.
    first.page.get_by_label("Het regionale netwerk").check()
    first.page.get_by_label("Ik heb de tekst hierboven gelezen", exact=False).check()
    first.page.get_by_role("button", name="Delen").click()
    first.check()
    assert "Uw verhaal is gedeeld" in first.page.content()
    experience = Experience.objects.get(pk=experience.pk)
    assert "Jan de Vries" in experience.shared_text
    consent = ConsentRecord.objects.get(kind="publication")
    assert consent.text_hash == experience.shared_hash and consent.preview_hash
