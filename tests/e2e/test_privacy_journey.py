"""Privacy in Chromium: a risky combination is flagged before sharing, the author still
decides; she downloads everything Kwartier holds about her as a ZIP, and sees what
erasing would mean; a coder opens the exchange page of a codebook. Every page is
checked with axe (decisions 0105-0107)."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import UTC, datetime

from kwartier.accounts.models import Domain, Role
from kwartier.collective import services as collective
from kwartier.knowledge.models import Experience, State
from tests.factories import PASSWORD, MembershipFactory, OrganisationFactory, UserFactory
from tests.knowledge.factories import ExperienceFactory

ORIGINAL = "Ik zat in 2021 diep in de schulden en schaamde me."


def log_in(visitor, email: str) -> None:
    visitor.goto("/accounts/login/")
    visitor.page.fill("#id_login", email)
    visitor.page.fill("#id_password", PASSWORD)
    visitor.page.get_by_role("button", name="Inloggen").click()
    visitor.page.wait_for_url(visitor.base_url + "/")
    visitor.check()


def test_risk_flagged_before_sharing_then_the_author_downloads_her_data(
    visitor_factory, transactional_db, tmp_path, run_worker
):
    noord = OrganisationFactory(name="Buurthuis Noord", slug="noord", city="Zwolle")
    mila_user = UserFactory(email="mila@noord.example.nl", full_name="Mila Bos")
    MembershipFactory(user=mila_user, organisation=noord, role=Role.EXPERIENCE_WORKER)
    coder_user = UserFactory(email="kees@noord.example.nl", full_name="Kees Mulder")
    MembershipFactory(user=coder_user, organisation=noord, role=Role.KWARTIERMAKER)
    schulden, _ = Domain.objects.get_or_create(slug="schulden", defaults={"name": "Schulden"})
    for number in range(3):
        other = ExperienceFactory(organisation=noord, shared=True, life_phase="volwassen")
        other.domains.add(schulden)
        Experience.objects.filter(pk=other.pk).update(
            published_at=datetime(2023, 3, number + 1, tzinfo=UTC)
        )
    story = ExperienceFactory(
        organisation=noord,
        author=mila_user,
        state=State.REVIEW,
        life_phase="volwassen",
        title_original="Diep in de schulden",
        text_original=ORIGINAL,
    )
    story.domains.add(schulden)
    Experience.objects.filter(pk=story.pk).update(created_at=datetime(2021, 5, 1, tzinfo=UTC))

    mila = visitor_factory("mila")
    log_in(mila, "mila@noord.example.nl")
    page = mila.page

    # --- Before sharing: the rare year is flagged, with what to change.
    mila.goto(f"/kennisbank/mijn/{story.pk}/delen/")
    warning = page.locator('[data-risk="organisation"]')
    assert warning.get_attribute("data-k") == "1"
    text = warning.inner_text()
    assert "herkenbaar (k = 1)" in text
    assert "periode" in text
    # A warning, not a block: she shares with her organisation anyway.
    page.get_by_label("Mijn organisatie").check()
    page.get_by_label("Ik heb de tekst hierboven gelezen", exact=False).check()
    page.get_by_role("button", name="Delen").click()
    mila.check()
    assert "Uw verhaal is gedeeld" in page.content()

    # --- Her own data, from "Mijn ervaringen".
    mila.goto("/kennisbank/mijn/")
    page.get_by_role("link", name="Wat Kwartier van mij weet: downloaden of wissen").click()
    mila.check()
    page.get_by_role("button", name="Mijn gegevens downloaden").click()
    mila.check()
    run_worker()
    page.reload()
    mila.check()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download het resultaat").click()
    path = tmp_path / "mijn-gegevens.zip"
    download_info.value.save_as(str(path))
    with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as archive:
        stories = json.loads(archive.read("verhalen.json"))
    assert [s["id"] for s in stories] == [story.pk]
    assert stories[0]["oorspronkelijke_tekst"] == ORIGINAL

    # Erasing: the confirmation says what goes and what stays; she cancels.
    mila.goto("/kennisbank/mijn/gegevens/wissen/")
    assert "bewijs van uw toestemmingen" in page.content()
    assert Experience.objects.filter(pk=story.pk).exists()

    # --- A coder's exchange page (REFI-QDA, CSV, JSON, import).
    codebook = collective.codebook_create(name="Noord", by=coder_user, organisation=noord)
    kees = visitor_factory("kees")
    log_in(kees, "kees@noord.example.nl")
    kees.goto(f"/kennisbank/wij-kennis/codeboeken/{codebook.pk}/")
    kees.page.get_by_role("link", name="Exporteren en inlezen (REFI-QDA, CSV, JSON)").click()
    kees.check()
    assert "Codeboek inlezen (.qdc)" in kees.page.content()
