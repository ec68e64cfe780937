"""Wij-kennis from coding to asking, and back to review when a teller withdraws.

Sam (De Brug) sets up a network codebook and codes three shared stories; Ruben (Op Weg)
codes two of them, one differently; the agreement shows. Sam writes an insight with
evidence from two tellers: Ruben reviews it, publishing is refused (three tellers
needed), and succeeds after a third fragment. Eva, a professional at Op Weg, asks the
bank in plain Dutch and gets the insight with its tellers count. The first teller
withdraws her story: the insight goes back to review and says why. Every page is checked
with axe."""

from __future__ import annotations

from kwartier.accounts.models import Role
from kwartier.collective.models import Codebook, Coding, Insight
from kwartier.knowledge.models import Visibility
from tests.factories import (
    PASSWORD,
    MembershipFactory,
    NetworkFactory,
    OrganisationFactory,
    UserFactory,
)
from tests.knowledge.factories import ExperienceFactory

TEXTS = [
    "Ik opende de brieven niet meer. De schulden groeiden elke maand. Pas toen iemand "
    "van het wijkteam langskwam, durfde ik hulp te vragen.",
    "Mijn schulden maakten me eenzaam. Niemand wist ervan. Een buurvrouw kwam langs en "
    "bleef koffie drinken.",
    "Door de schuldhulp aan huis kreeg ik rust. Eindelijk overzicht over mijn geld.",
]


def log_in(visitor, email: str) -> None:
    visitor.goto("/accounts/login/")
    visitor.page.fill("#id_login", email)
    visitor.page.fill("#id_password", PASSWORD)
    visitor.page.get_by_role("button", name="Inloggen").click()
    visitor.page.wait_for_url(visitor.base_url + "/")
    visitor.check()


def code_by_sentence(
    visitor, codebook_id: int, story_id: int, sentence: int, code: str = "Geldzorgen"
) -> None:
    visitor.goto(f"/kennisbank/wij-kennis/codeboeken/{codebook_id}/verhalen/{story_id}/")
    page = visitor.page
    page.locator("#id_zin-code").select_option(label=code)
    page.locator("#id_zin-first").fill(str(sentence))
    page.get_by_role("button", name="Zinnen coderen").click()
    visitor.check()
    assert "Het fragment is gecodeerd" in page.content()


def test_two_coders_an_insight_held_back_then_published_asked_and_withdrawn(
    visitor_factory, transactional_db
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
    eva_user = UserFactory(email="eva@opweg.example.nl", full_name="Eva Smit")
    MembershipFactory(user=eva_user, organisation=opweg, role=Role.EMPLOYEE)
    tellers = []
    for number in range(3):
        teller = UserFactory(email=f"verteller{number}@debrug.example.nl")
        MembershipFactory(user=teller, organisation=brug, role=Role.EXPERIENCE_WORKER)
        tellers.append(teller)
    stories = [
        ExperienceFactory(
            organisation=brug,
            author=teller,
            shared=True,
            visibility=Visibility.NETWORK,
            shared_title=f"Verhaal over geld {number + 1}",
            shared_text=text,
        )
        for number, (teller, text) in enumerate(zip(tellers, TEXTS, strict=True))
    ]

    # Sam makes a network codebook and a code.
    sam = visitor_factory("sam")
    page = sam.page
    log_in(sam, sam_user.email)
    page.get_by_role("link", name="Wij-kennis").first.click()
    sam.check()
    page.get_by_role("link", name="Nieuw codeboek").click()
    sam.check()
    page.get_by_label("Naam").fill("Geld en hulp")
    page.get_by_role("button", name="Opslaan").click()
    sam.check()
    codebook = Codebook.objects.get()
    assert codebook.network == oost
    page.get_by_label("Naam").fill("Geldzorgen")
    page.get_by_label("Omschrijving").fill("Schulden, rekeningen, brieven die dicht blijven.")
    page.get_by_role("button", name="Code toevoegen").click()
    sam.check()
    assert "Code „Geldzorgen” toegevoegd" in page.content()
    page.get_by_label("Naam").fill("Hoop")
    page.get_by_role("button", name="Code toevoegen").click()
    sam.check()

    # Sam codes the three stories: by sentence numbers and by a quoted passage.
    code_by_sentence(sam, codebook.pk, stories[0].pk, 2)
    code_by_sentence(sam, codebook.pk, stories[1].pk, 1)
    sam.goto(f"/kennisbank/wij-kennis/codeboeken/{codebook.pk}/verhalen/{stories[2].pk}/")
    page.locator("#id_passage-code").select_option(label="Geldzorgen")
    page.locator("#id_passage-quote").fill("Eindelijk overzicht over mijn geld.")
    page.get_by_role("button", name="Passage coderen").click()
    sam.check()
    assert Coding.objects.filter(coder=sam_user).count() == 3

    # Ruben codes two of the same stories, differently on the third: agreement to discuss.
    ruben = visitor_factory("ruben")
    log_in(ruben, ruben_user.email)
    code_by_sentence(ruben, codebook.pk, stories[0].pk, 2)
    # ... and the third sentence of the second story by selecting it (the small script
    # fills in the passage and its offsets; the server checks them against the text).
    ruben.goto(f"/kennisbank/wij-kennis/codeboeken/{codebook.pk}/verhalen/{stories[1].pk}/")
    ruben.page.evaluate(
        """() => {
          const text = document.querySelectorAll('.kw-sentence')[2].lastChild;
          const range = document.createRange();
          range.setStart(text, 1);
          range.setEnd(text, text.length);
          const selection = window.getSelection();
          selection.removeAllRanges();
          selection.addRange(range);
        }"""
    )
    ruben.page.wait_for_function("() => document.querySelector('#id_passage-start').value !== ''")
    ruben.page.locator("#id_passage-code").select_option(label="Hoop")
    ruben.page.get_by_role("button", name="Passage coderen").click()
    ruben.check()
    selected = Coding.objects.get(coder=ruben_user, code__name="Hoop")
    assert selected.quote == "Een buurvrouw kwam langs en bleef koffie drinken."
    assert TEXTS[1][selected.start : selected.end] == selected.quote
    ruben.goto(f"/kennisbank/wij-kennis/codeboeken/{codebook.pk}/verhalen/")
    ruben.goto(f"/kennisbank/wij-kennis/codeboeken/{codebook.pk}/overeenstemming/")
    assert "2 verhalen zijn door meer dan één codeur gecodeerd" in ruben.page.content()
    row = ruben.page.locator("tr", has_text="Geldzorgen").inner_text()
    assert "50%" in row and "0,00" in row  # p_o = p_e = 0.5: agreement no better than chance

    # Sam writes an insight with evidence from two tellers.
    sam.goto(f"/kennisbank/wij-kennis/codeboeken/{codebook.pk}/nieuw-inzicht/")
    page.get_by_label("Inzicht").fill("Bij schulden helpt hulp die langskomt.")
    page.get_by_label("Onderwerp (code)").select_option(label="Geldzorgen")
    page.get_by_role("button", name="Als concept opslaan").click()
    sam.check()
    insight = Insight.objects.get()
    sam_codings = list(Coding.objects.filter(coder=sam_user).order_by("experience_id"))
    for coding in sam_codings[:2]:
        page.locator("#id_bewijs-coding").select_option(str(coding.pk))
        page.get_by_role("button", name="Als bewijs toevoegen").click()
        sam.check()

    # Ruben reviews it; Sam publishes: refused, two tellers where three are needed.
    ruben.goto(f"/kennisbank/wij-kennis/inzichten/{insight.pk}/")
    ruben.page.get_by_label("Toelichting").fill("De fragmenten dragen dit.")
    ruben.page.get_by_role("button", name="Beoordeling opslaan").click()
    ruben.check()
    sam.goto(f"/kennisbank/wij-kennis/inzichten/{insight.pk}/")
    page.get_by_role("button", name="Publiceren").click()
    sam.check()
    assert "2 van de 3" in page.locator("#publish-error").inner_text()
    insight.refresh_from_db()
    assert insight.status == "draft"
    page.locator("#id_bewijs-coding").select_option(str(sam_codings[2].pk))
    page.get_by_role("button", name="Als bewijs toevoegen").click()
    sam.check()
    page.get_by_role("button", name="Publiceren").click()
    sam.check()
    assert "Het inzicht is gepubliceerd" in page.content()
    assert "gedragen door 3 vertellers" in page.locator("#tellers").inner_text()

    # Eva, a professional of the other organisation in the network, asks.
    eva = visitor_factory("eva")
    log_in(eva, eva_user.email)
    eva.goto("/kennisbank/wij-kennis/")
    eva.page.get_by_label("Vraag het de kennisbank").fill("Wat helpt mensen met geldproblemen?")
    eva.page.get_by_role("button", name="Vragen").click()
    eva.check()
    answer = eva.page.locator("main").inner_text()
    assert "Bij schulden helpt hulp die langskomt." in answer
    assert "Gedragen door 3 vertellers" in answer
    eva.goto(f"/kennisbank/wij-kennis/codes/{insight.code_id}/")
    eva.goto("/kennisbank/wij-kennis/inzichten/")

    # The first teller withdraws her story: the insight goes back to review, with why.
    teller = visitor_factory("verteller")
    log_in(teller, tellers[0].email)
    teller.goto("/kennisbank/wij-kennis/mijn-betekenis/")
    teller.goto(f"/kennisbank/mijn/{stories[0].pk}/intrekken/")
    teller.page.get_by_role("button", name="Ja, trek mijn verhaal in").click()
    teller.check()
    sam.goto(f"/kennisbank/wij-kennis/inzichten/{insight.pk}/")
    assert page.locator("#insight-status").inner_text() == "Ter beoordeling"
    reason = page.locator("#review-reason").inner_text()
    assert "ingetrokken" in reason and "2 van de 3" in reason
    assert not Coding.objects.filter(experience_id=stories[0].pk).exists()
    sam.goto(f"/kennisbank/wij-kennis/codeboeken/{codebook.pk}/")
