"""An experience worker shares a story with the regional network and takes it back.

Sam (De Brug) writes a story with names and a phone number, lets Kwartier find the
identifiers (the real engine, in the worker), reviews them, and shares with the network.
Ruben, kwartiermaker at Op Weg in the same network, finds it by another word form and
sees no identifier; Sam sees that read in the inzage-log, withdraws the story, and from
then on the search finds nothing and its address answers 404."""

from __future__ import annotations

import pytest

from kwartier.accounts.models import Role
from kwartier.knowledge.models import Experience, State
from tests.factories import (
    PASSWORD,
    MembershipFactory,
    NetworkFactory,
    OrganisationFactory,
    UserFactory,
)
from tests.knowledge.fixtures import search_index  # noqa: F401

STORY = (
    "Drie jaar geleden liepen mijn schulden zo hoog op dat ik de post niet meer opende. "
    "Mijn buurvrouw Henriëtte Bakker zag de stapel enveloppen en belde het wijkteam. Daar "
    "hielp Mohammed el Idrissi mij om alles op een rij te zetten.\n\n"
    "Wat ik anderen wil meegeven: schaamte houdt mensen weg bij hulp. Wie wil sparren, kan "
    "mij bellen op 06-23456789."
)
IDENTIFIERS = ("Henriëtte", "Bakker", "Mohammed", "Idrissi", "06-23456789")


def log_in(visitor, email: str) -> None:
    visitor.goto("/accounts/login/")
    visitor.page.fill("#id_login", email)
    visitor.page.fill("#id_password", PASSWORD)
    visitor.page.get_by_role("button", name="Inloggen").click()
    visitor.page.wait_for_url(visitor.base_url + "/")
    visitor.check()


@pytest.mark.usefixtures("search_index")
def test_story_shared_with_the_network_found_read_and_withdrawn(
    visitor_factory, transactional_db, run_worker
):
    oost = NetworkFactory(name="Regio Oost", slug="regio-oost")
    brug = OrganisationFactory(name="Welzijn De Brug", slug="debrug")
    opweg = OrganisationFactory(name="Stichting Op Weg", slug="opweg")
    brug.networks.add(oost)
    opweg.networks.add(oost)
    sam_user = UserFactory(email="sam@debrug.example.nl", full_name="Sam de Vries")
    MembershipFactory(user=sam_user, organisation=brug, role=Role.EXPERIENCE_WORKER)
    ruben_user = UserFactory(email="ruben@opweg.example.nl", full_name="Ruben Jansen")
    MembershipFactory(user=ruben_user, organisation=opweg, role=Role.KWARTIERMAKER)

    # Sam writes the story.
    sam = visitor_factory("ervaringswerker")
    page = sam.page
    log_in(sam, sam_user.email)
    page.get_by_role("link", name="Mijn ervaringen").click()
    sam.check()
    assert "U hebt nog geen verhalen" in page.content()
    page.get_by_role("link", name="Schrijf uw eerste verhaal").click()
    sam.check()
    page.get_by_label("Titel").fill("Uit de schulden, met hulp van de buren")
    page.get_by_label("Uw verhaal").fill(STORY)
    page.get_by_label("Levensfase").select_option("volwassen")
    page.get_by_label("Trefwoorden").fill("schaamte, buren")
    page.get_by_role("button", name="Opslaan").click()
    sam.check()
    assert "Uw concept is opgeslagen" in page.content()
    experience = Experience.objects.get()
    # While typing, htmx saves in the background and says when.
    page.get_by_label("Uw verhaal").press("Control+End")
    page.get_by_label("Uw verhaal").type(" Nu gaat het beter.")
    page.locator("#autosave-status", has_text="Opgeslagen om").wait_for(timeout=10_000)
    experience.refresh_from_db()
    assert experience.text_original.endswith("Nu gaat het beter.")
    page.get_by_role("link", name="Annuleren").click()
    sam.check()

    # Kwartier looks for identifiers in the background.
    page.get_by_role("button", name="Zoek herkenbare gegevens").click()
    sam.check()
    assert "Herkenbare gegevens zoeken" in page.content()
    run_worker()
    experience.refresh_from_db()
    assert experience.state == State.REVIEW
    page.reload()
    sam.check()
    page.get_by_role("link", name="Gevonden gegevens nalopen").click()
    sam.check()

    # Sam reviews: each finding is a group named after its kind and text.
    assert page.get_by_role("group", name="Naam van een persoon: „Henriëtte Bakker”").is_visible()
    assert page.get_by_role("group", name="Telefoonnummer: „06-23456789”").is_visible()
    page.get_by_label("Extra tekst om weg te laten").fill("wijkteam")
    page.get_by_label("Soort gegeven", exact=True).select_option("ORGANISATION")
    page.get_by_role("button", name="Opslaan en voorbeeld bekijken").click()
    sam.check()
    preview = page.locator(".kwartier-preview").inner_text()
    assert "[ORGANISATIE 1]" in preview
    assert not any(identifier in preview for identifier in IDENTIFIERS)
    page.get_by_role("button", name="Goedkeuren en verder naar delen").click()
    sam.check()

    # Share with the regional network, with explicit consent.
    page.get_by_label("Het regionale netwerk").check()
    page.get_by_role("button", name="Delen").click()
    sam.check()
    assert "Geef toestemming door het vakje aan te vinken." in page.content()
    page.get_by_label("Het regionale netwerk").check()
    page.get_by_label("Ik heb de tekst hierboven gelezen", exact=False).check()
    page.get_by_role("button", name="Delen").click()
    sam.check()
    assert "Uw verhaal is gedeeld" in page.content()
    run_worker()  # the index update runs as a job

    # Ruben, of another organisation in the network, finds it by another word form.
    ruben = visitor_factory("kwartiermaker")
    log_in(ruben, ruben_user.email)
    ruben.page.get_by_role("link", name="Kennisbank", exact=True).click()
    ruben.check()
    ruben.page.get_by_label("Zoek in de kennisbank").fill("schuld")
    ruben.page.get_by_role("button", name="Zoeken").click()
    ruben.check()
    results = ruben.page.locator(".kwartier-results").inner_text()
    assert "1 verhaal gevonden voor „schuld”" in results
    assert ruben.page.locator("mark", has_text="schulden").count() >= 1
    ruben.page.get_by_role("link", name="Uit de schulden, met hulp van de buren").click()
    ruben.check()
    story_url = ruben.page.url.replace(ruben.base_url, "")
    article = ruben.page.locator("main").inner_text()
    assert "mijn schulden zo hoog op" in article
    assert not any(identifier in article for identifier in IDENTIFIERS)
    assert "Sam" not in article

    # Sam sees who read the story.
    sam.goto("/kennisbank/mijn/inzage/")
    reads = page.locator("table").inner_text()
    assert "Ruben Jansen" in reads and "Stichting Op Weg" in reads

    # Sam withdraws; from that response on the story is gone.
    sam.goto(f"/kennisbank/mijn/{experience.pk}/")
    page.get_by_role("link", name="Intrekken").click()
    sam.check()
    page.get_by_role("button", name="Ja, trek mijn verhaal in").click()
    sam.check()
    assert "Uw verhaal is ingetrokken" in page.content()

    ruben.goto("/kennisbank/?q=schuld")
    assert "Geen verhalen gevonden" in ruben.page.content()
    response = ruben.page.goto(ruben.base_url + story_url)
    assert response.status == 404
    ruben.check()

    assert len(sam.checked) + len(ruben.checked) >= 20
