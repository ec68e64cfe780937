"""A kwartiermaker sets up their organisation in the browser: log in, switch language,
create a team, invite a colleague, and the colleague accepts the invitation."""

from __future__ import annotations

import re

from django.core import mail

from kwartier.accounts.models import Membership, Role, Team
from tests.factories import PASSWORD, MembershipFactory, OrganisationFactory, UserFactory


def test_kwartiermaker_sets_up_the_organisation(visitor_factory, transactional_db):
    organisation = OrganisationFactory(name="Welzijn De Brug", slug="debrug")
    noor = UserFactory(email="noor@debrug.example.nl", full_name="Noor Bakker")
    MembershipFactory(user=noor, organisation=organisation, role=Role.KWARTIERMAKER)

    noor_browser = visitor_factory("kwartiermaker")
    page = noor_browser.page
    noor_browser.goto("/")
    assert page.locator("h1").inner_text() == "Inloggen bij Kwartier"
    page.fill("#id_login", noor.email)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(noor_browser.base_url + "/")
    noor_browser.check()
    assert "Welkom, Noor Bakker" in page.locator("h1").inner_text()

    # Switch to English and back.
    page.select_option("#language-switch", "en")
    page.get_by_role("button", name="Kies taal").click()
    page.wait_for_load_state("load")
    noor_browser.check()
    assert page.locator("html").get_attribute("lang") == "en"
    assert "Welcome, Noor Bakker" in page.locator("h1").inner_text()
    page.select_option("#language-switch", "nl")
    page.get_by_role("button", name="Choose language").click()
    page.wait_for_load_state("load")
    assert page.locator("html").get_attribute("lang") == "nl"

    # Create a team; an empty name first gives a Dutch error.
    noor_browser.goto("/organisatie/teams/")
    page.get_by_role("link", name="Eerste team aanmaken").click()
    noor_browser.check()
    page.get_by_role("button", name="Opslaan").click()
    noor_browser.check()
    assert "Dit veld is vereist." in page.content()
    page.get_by_label("Naam van het team").fill("Wijkteam Noord")
    page.get_by_label("Laag").select_option("werkvloer")
    page.get_by_role("button", name="Opslaan").click()
    noor_browser.check()
    assert "Team Wijkteam Noord is aangemaakt." in page.content()
    assert Team.objects.filter(organisation=organisation, name="Wijkteam Noord").exists()

    # Invite a colleague as experience worker in that team. A kwartiermaker is offered
    # only the roles they may grant: not organisatiebeheerder, never financier.
    noor_browser.goto("/organisatie/uitnodigingen/")
    offered = page.locator("#id_role option").evaluate_all("options => options.map(o => o.value)")
    assert "ervaringswerker" in offered
    assert "organisatiebeheerder" not in offered and "financier" not in offered
    page.get_by_label("E-mailadres").fill("sam@debrug.example.nl")
    page.get_by_label("Rol").select_option("ervaringswerker")
    page.get_by_label("Team").select_option(label="Wijkteam Noord")
    page.get_by_role("button", name="Uitnodiging versturen").click()
    noor_browser.check()
    assert "De uitnodiging is verstuurd naar sam@debrug.example.nl." in page.content()
    link = re.search(r"https?://\S+/organisatie/uitnodiging/\S+/", mail.outbox[-1].body).group(0)

    # The colleague accepts in their own browser.
    sam = visitor_factory("ervaringswerker")
    sam.page.goto(link)
    sam.check()
    sam.page.get_by_label("Uw naam").fill("Sam de Vries")
    sam.page.get_by_label("Kies een wachtwoord").fill("ervaring-telt-2026")
    sam.page.get_by_label("Herhaal het wachtwoord").fill("ervaring-telt-2026")
    sam.page.get_by_role("button", name="Account aanmaken en accepteren").click()
    sam.page.wait_for_load_state("load")
    sam.check()
    assert "Welkom bij Welzijn De Brug in Kwartier." in sam.page.content()
    membership = Membership.objects.get(user__email="sam@debrug.example.nl")
    assert membership.role == Role.EXPERIENCE_WORKER and membership.team.name == "Wijkteam Noord"

    # The kwartiermaker sees the new member and the accepted invitation.
    noor_browser.goto("/organisatie/leden/")
    assert "sam@debrug.example.nl" in page.content()
    noor_browser.goto("/organisatie/uitnodigingen/")
    assert "Geaccepteerd" in page.content()
    noor_browser.goto("/organisatie/")
    noor_browser.goto("/bestaat-niet/")
    # Account pages from allauth share the layout and pass the same checks.
    noor_browser.goto("/accounts/2fa/")
    noor_browser.goto("/accounts/2fa/totp/activate/")
    noor_browser.goto("/accounts/password/change/")
    anonymous = visitor_factory("anoniem")
    anonymous.goto("/accounts/password/reset/")
    anonymous.goto("/accounts/signup/")

    # The platform administrator invites a financier; the technical admin (/beheer/)
    # asks for two-step verification first.
    UserFactory(email="platform@kwartier.example.nl", is_staff=True, is_superuser=True)
    admin = visitor_factory("platformbeheerder")
    admin.goto("/accounts/login/")
    admin.page.fill("#id_login", "platform@kwartier.example.nl")
    admin.page.fill("#id_password", PASSWORD)
    admin.page.get_by_role("button", name="Inloggen").click()
    admin.page.wait_for_load_state("load")
    admin.goto("/platform/financiers/")
    admin.page.get_by_label("Organisatie van de financier").select_option(label="Welzijn De Brug")
    admin.page.get_by_label("E-mailadres").fill("wethouder@hofstad.example.nl")
    admin.page.get_by_role("button", name="Uitnodiging versturen").click()
    admin.page.wait_for_load_state("load")
    admin.check()
    assert "De uitnodiging is verstuurd naar wethouder@hofstad.example.nl." in admin.page.content()
    admin.goto("/beheer/")
    assert "Het technisch beheer vraagt om tweestapsverificatie" in admin.page.content()

    assert len(noor_browser.checked) + len(sam.checked) + len(anonymous.checked) >= 17
    assert len(admin.checked) >= 3
