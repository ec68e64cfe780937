"""The main journeys with the keyboard alone: log in, answer a survey, write and share a
story, find it in the search, withdraw it.

After a page is opened (a link in an e-mail, an address typed in), everything is done
with ``page.keyboard``: Tab, Shift+Tab, Enter, Space, the arrow keys and typing. At
every step the focused element must

- be a real element (not the page body) that lies in the viewport,
- match ``:focus-visible`` and look different from the same element unfocused (its
  outline, shadow, colours or border are compared after focus has moved on), and
- come after the previously focused one in the page (Tab) or before it (Shift+Tab):
  the focus order follows the page.

Every page visited is also checked with axe-core (tests/e2e/conftest.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest

from kwartier.accounts.models import Role
from kwartier.exploration.models import Response, RoundGroup
from kwartier.knowledge.models import Experience, State, Visibility
from tests.exploration.factories import make_round
from tests.factories import PASSWORD, MembershipFactory, OrganisationFactory, UserFactory
from tests.knowledge.fixtures import search_index  # noqa: F401

STORY = (
    "Mijn schulden liepen zo hoog op dat ik de post niet meer opende. Mijn buurvrouw "
    "Henriëtte Bakker zag de stapel en belde het wijkteam. Samen zetten we alles op een rij."
)

DESCRIBE = """el => {
  const r = el.getBoundingClientRect();
  const label = el.labels && el.labels.length ? el.labels[0].innerText : '';
  const name = (label || el.getAttribute('aria-label') || el.innerText || el.value || '').trim();
  return {
    tag: el.tagName.toLowerCase(), id: el.id || '', type: el.type || '',
    name: name.replace(/\\s+/g, ' ').slice(0, 80),
    inView: r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0
      && r.top < window.innerHeight && r.left < window.innerWidth,
    focusVisible: el.matches(':focus-visible'),
  };
}"""
# What a focus indicator can change; compared for the same element focused and not.
LOOK = """el => {
  const s = getComputedStyle(el);
  return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow, s.backgroundColor,
          s.borderColor, s.color, s.textDecorationLine].join('|');
}"""
FOLLOWS = "([a, b]) => !!(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING)"


class KeyboardUser:
    """Drives one page with the keyboard and checks focus at every step."""

    def __init__(self, visitor) -> None:
        self.visitor = visitor
        self.page = visitor.page
        self.active: Any = None
        self.active_look = ""
        self.steps = 0

    def opened(self) -> None:
        """A new page: axe-check it and start the focus bookkeeping afresh."""
        self.page.wait_for_load_state("load")
        self.visitor.check()
        self.active = None
        assert self.page.locator("[tabindex]:not([tabindex='-1']):not([tabindex='0'])").count() == 0

    def goto(self, path: str) -> None:
        self.page.goto(self.visitor.base_url + path)
        self.opened()

    def press(self, key: str) -> dict[str, Any]:
        """Press a key that moves focus (Tab, Shift+Tab, arrows) and check the result."""
        previous, previous_look = self.active, self.active_look
        self.page.keyboard.press(key)
        handle = self.page.evaluate_handle("document.activeElement")
        info = handle.evaluate(DESCRIBE)
        assert info["tag"] != "body", f"{key} left the focus nowhere"
        assert info["inView"], f"focused element is not on screen: {info}"
        assert info["focusVisible"], f"focus is not visible: {info}"
        if previous is not None and key in ("Tab", "Shift+Tab"):
            assert previous.evaluate(LOOK) != previous_look, (
                f"no visible focus indicator on {self.last}"
            )
            pair = [previous, handle] if key == "Tab" else [handle, previous]
            assert self.page.evaluate(FOLLOWS, pair), f"focus order jumps back at {info}"
        self.active, self.active_look, self.last = handle, handle.evaluate(LOOK), info
        self.steps += 1
        return info

    def tab_to(self, wanted: Callable[[dict[str, Any]], bool], *, limit: int = 80) -> dict:
        for _ in range(limit):
            info = self.press("Tab")
            if wanted(info):
                return info
        raise AssertionError(f"Tab never reached the element; last: {self.last}")

    def tab_to_named(self, name: str) -> dict:
        return self.tab_to(lambda info: info["name"] == name)

    def activate(self, key: str = "Enter") -> None:
        """Enter on a link or button (or Space on a checkbox) that opens a new page."""
        with self.page.expect_navigation():
            self.page.keyboard.press(key)
        self.opened()

    def type(self, text: str) -> None:
        self.page.keyboard.type(text)
        self.active_look = self.active.evaluate(LOOK)


def _named(name: str) -> Callable[[dict[str, Any]], bool]:
    return lambda info: info["name"] == name


def log_in(user: KeyboardUser, email: str) -> None:
    user.goto("/accounts/login/")
    # The first Tab reaches the skip link; Enter on it moves to the content.
    first = user.press("Tab")
    assert first["name"] == "Naar de inhoud"
    user.page.keyboard.press("Enter")
    user.active = None
    email_field = user.tab_to(lambda info: info["id"] == "id_login")
    assert email_field["type"] == "email"
    user.type(email)
    # Between the two fields only the password's help link ("Wachtwoord vergeten?").
    between = user.press("Tab")
    if between["id"] != "id_password":
        assert between["name"] == "Wachtwoord vergeten?"
        assert user.press("Tab")["id"] == "id_password"
    user.type(PASSWORD)
    user.tab_to_named("Inloggen")
    user.activate()
    assert user.page.url == user.visitor.base_url + "/"


def test_log_in_and_answer_a_survey_with_the_keyboard(visitor_factory, transactional_db):
    organisation = OrganisationFactory(name="Welzijn De Brug", slug="debrug")
    noor = UserFactory(email="noor@debrug.example.nl", full_name="Noor Bakker")
    MembershipFactory(user=noor, organisation=organisation, role=Role.KWARTIERMAKER)

    # Logging in, and Shift+Tab walks back in the same order.
    kwartiermaker = KeyboardUser(visitor_factory("toetsenbord-inloggen"))
    kwartiermaker.goto("/accounts/login/")
    forward = [kwartiermaker.press("Tab")["name"] for _ in range(6)]
    backward = [kwartiermaker.press("Shift+Tab")["name"] for _ in range(5)]
    assert backward == list(reversed(forward[:5]))
    log_in(kwartiermaker, noor.email)

    # A respondent opens the group link and answers every statement with "Eens".
    round_ = make_round(organisation, groups=["werkvloer", "bestuur"])
    token = RoundGroup.objects.get(round=round_, key="werkvloer").link_token
    respondent = KeyboardUser(visitor_factory("toetsenbord-verkenning"))
    respondent.goto(f"/verkenning/groep/{token}/")
    privacy = respondent.tab_to(lambda info: info["name"].startswith("de privacypagina van"))
    assert privacy["tag"] == "a"
    respondent.tab_to_named("Beginnen")
    respondent.activate()
    statements = len(round_.template.scan.statements)
    answered = 0
    while not respondent.page.locator("h1").inner_text().startswith("Tot slot"):
        groups = respondent.page.locator("fieldset.kwartier-scan-item").count()
        for _ in range(groups):
            first = respondent.tab_to(lambda info: info["type"] == "radio")
            assert first["name"] == "Helemaal oneens"
            for _step in range(3):  # the arrow keys move and choose: the fourth is "Eens"
                chosen = respondent.press("ArrowRight")
            assert chosen["name"] == "Eens"
            answered += 1
        respondent.tab_to_named("Opslaan en verder")
        respondent.activate()
    assert answered == statements
    respondent.tab_to(lambda info: info["tag"] == "textarea")
    respondent.type("Meer tijd om samen te leren.")
    respondent.tab_to_named("Antwoorden versturen")
    respondent.activate()
    response = Response.objects.get(round=round_)
    assert response.submitted
    assert set(response.answers.values()) == {4}
    assert len(response.answers) == statements


@pytest.mark.usefixtures("search_index")
def test_write_share_find_and_withdraw_a_story_with_the_keyboard(
    visitor_factory, transactional_db, run_worker
):
    organisation = OrganisationFactory(name="Welzijn De Brug", slug="debrug")
    sam_user = UserFactory(email="sam@debrug.example.nl", full_name="Sam de Vries")
    MembershipFactory(user=sam_user, organisation=organisation, role=Role.EXPERIENCE_WORKER)
    lotte_user = UserFactory(email="lotte@debrug.example.nl", full_name="Lotte Smit")
    MembershipFactory(user=lotte_user, organisation=organisation, role=Role.EMPLOYEE)

    sam = KeyboardUser(visitor_factory("toetsenbord-verhaal"))
    log_in(sam, sam_user.email)

    # Write: title and story, then save.
    sam.tab_to_named("Mijn ervaringen")
    sam.activate()
    sam.tab_to(lambda info: info["name"].startswith("Schrijf uw eerste verhaal"))
    sam.activate()
    assert sam.tab_to(lambda info: info["id"] == "id_title")["name"].startswith("Titel")
    sam.type("Uit de schulden met hulp van de buren")
    sam.tab_to(lambda info: info["id"] == "id_text")
    sam.type(STORY)
    sam.tab_to_named("Opslaan")
    sam.activate()
    assert "Uw concept is opgeslagen" in sam.page.content()
    experience = Experience.objects.get()

    # Find identifiers (the worker runs the engine), review, approve.
    sam.goto(f"/kennisbank/mijn/{experience.pk}/")
    sam.tab_to_named("Zoek herkenbare gegevens")
    sam.activate()
    run_worker()
    experience.refresh_from_db()
    assert experience.state == State.REVIEW
    sam.goto(f"/kennisbank/mijn/{experience.pk}/")
    sam.tab_to_named("Gevonden gegevens nalopen")
    sam.activate()
    sam.tab_to_named("Goedkeuren en verder naar delen")
    sam.activate()

    # Share with the organisation: a radio group, purposes and the consent box.
    notice = sam.tab_to(lambda info: info["name"].startswith("de privacypagina van"))
    assert notice["tag"] == "a"
    organisation_choice = sam.tab_to(lambda info: info["type"] == "radio")
    if not organisation_choice["name"].startswith("Mijn organisatie"):
        while not sam.press("ArrowDown")["name"].startswith("Mijn organisatie"):
            pass
    sam.page.keyboard.press("Space")
    # The first purpose is chosen already; Space on the second adds training.
    sam.tab_to(lambda info: info["type"] == "checkbox")
    assert sam.page.evaluate("document.activeElement.checked")
    assert sam.press("Tab")["name"] == "Gebruik in scholing, training en intervisie"
    sam.page.keyboard.press("Space")
    assert sam.page.evaluate("document.activeElement.checked")
    sam.tab_to(lambda info: info["name"].startswith("Ik heb de tekst hierboven gelezen"))
    sam.page.keyboard.press("Space")
    sam.tab_to_named("Delen")
    sam.activate()
    assert "Uw verhaal is gedeeld" in sam.page.content()
    run_worker()  # the index update
    experience.refresh_from_db()
    assert experience.visibility == Visibility.ORGANISATION and experience.is_shared

    # A colleague searches with the keyboard and opens the story.
    lotte = KeyboardUser(visitor_factory("toetsenbord-zoeken"))
    log_in(lotte, lotte_user.email)
    lotte.tab_to_named("Kennisbank")
    lotte.activate()
    lotte.tab_to(lambda info: info["name"] == "Zoek in de kennisbank")
    lotte.type("schuld")
    lotte.activate("Enter")
    assert re.search(r"1 verhaal gevonden", lotte.page.content())
    lotte.tab_to_named("Uit de schulden met hulp van de buren")
    lotte.activate()
    assert "post niet meer opende" in lotte.page.locator("main").inner_text()
    assert "Henriëtte" not in lotte.page.locator("main").inner_text()

    # Sam withdraws it with the keyboard.
    sam.goto(f"/kennisbank/mijn/{experience.pk}/")
    sam.tab_to_named("Intrekken")
    sam.activate()
    sam.tab_to_named("Ja, trek mijn verhaal in")
    sam.activate()
    assert "Uw verhaal is ingetrokken" in sam.page.content()
    experience.refresh_from_db()
    assert experience.state == State.WITHDRAWN
    assert sam.steps + lotte.steps > 40


def test_the_focus_check_catches_a_page_without_focus_indicator(visitor_factory, db):
    """The checks above can fail: with every focus style removed, the second Tab finds
    that the first element looked the same focused and unfocused."""
    user = KeyboardUser(visitor_factory("toetsenbord-zonder-focus"))
    user.goto("/accounts/login/")
    # Inline styles set through the CSSOM (the CSP forbids a <style> element): the same
    # look whether focused or not.
    user.page.evaluate(
        """() => {
          for (const el of document.querySelectorAll('a, button, input, select, textarea')) {
            for (const [name, value] of [['outline', 'none'], ['box-shadow', 'none'],
                ['background', 'transparent'], ['color', 'black'], ['border-color', 'black'],
                ['text-decoration', 'none'], ['position', 'static'], ['clip', 'auto'],
                ['clip-path', 'none'], ['width', 'auto'], ['height', 'auto']]) {
              el.style.setProperty(name, value, 'important');
            }
          }
        }"""
    )
    with pytest.raises(AssertionError, match="no visible focus indicator"):
        for _ in range(4):
            user.press("Tab")
