"""The page /inzet/vergoeding/: renders, checks in plain Dutch with the sources, refuses a
year without figures and bad input in Dutch, and shows the income-exemption indication
with its honest limits and links."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from kwartier.accounts import demo as accounts_demo
from kwartier.accounts.models import Role
from kwartier.workforce import demo as workforce_demo
from kwartier.workforce.allowance_views import check_url_for
from kwartier.workforce.models import Profile
from tests.conftest import login
from tests.factories import MembershipFactory, UserFactory
from tests.workforce.factories import make_profile

URL = "/inzet/vergoeding/"


@pytest.fixture
def worker_client(tenant_a) -> Client:
    user = UserFactory()
    MembershipFactory(user=user, organisation=tenant_a.organisation, role=Role.EXPERIENCE_WORKER)
    return login(Client(), user)


def form(**overrides: str) -> dict[str, str]:
    data = {"year": "2024", "age": "30", "hourly": "ja"}
    data.update(overrides)
    return data


def test_the_url_is_named():
    assert reverse("workforce:allowance_check") == URL


def test_renders_for_a_worker(worker_client):
    response = worker_client.get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Vrijwilligersvergoeding controleren" in page
    assert 'name="amount_12"' in page and 'name="hours_1"' in page
    assert "Proefberekening toeslagen" in page  # official calculators, always shown
    assert response.context["form"]["year"].value() == 2024  # latest tax-authority year


def test_within_the_limits(alice_client):
    response = alice_client.post(URL, form(hours_1="20", amount_1="110,00"))
    assert response.status_code == 200
    page = response.content.decode()
    assert response.context["result"].within_limits
    assert "Binnen de grenzen." in page
    assert "€ 5,50" in page
    assert "vrijwilligersvergoedingen" in page  # the Belastingdienst source is linked


def test_over_the_monthly_limit_is_flagged_with_the_source(worker_client):
    response = worker_client.post(URL, form(year="2023", hours_1="52", amount_1="208"))
    page = response.content.decode()
    assert not response.context["result"].within_limits
    assert "Boven de grens: de hele vergoeding telt als inkomen." in page
    assert "€ 208,00 is meer dan het maximum van € 190,00 per maand in 2023." in page
    assert "vergoeding_voor_inzet_en_voor_kosten" in page


def test_a_year_without_figures_is_refused_in_dutch(worker_client):
    response = worker_client.post(URL, form(year="2026", hours_1="2", amount_1="10"))
    assert response.context["result"] is None
    errors = response.context["form"].errors["year"]
    assert "Voor 2026 zijn geen bevestigde bedragen" in errors[0]


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (form(), "__all__", "Vul voor ten minste één maand de vergoeding in."),
        (form(hours_3="4"), "amount_3", "Vul ook de vergoeding van deze maand in."),
        (form(amount_3="20"), "hours_3", "uren nodig"),
        (form(amount_3="-5", hours_3="1"), "amount_3", "minstens 0"),
        (form(amount_3="tien", hours_3="1"), "amount_3", "getal"),
        (form(age="abc", amount_3="1", hours_3="1"), "age", "geheel getal"),
        (form(hourly="misschien", amount_3="1", hours_3="1"), "hourly", "geldige keuze"),
    ],
)
def test_bad_input_is_refused_in_dutch(worker_client, data, field, message):
    response = worker_client.post(URL, data)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert response.context["result"] is None


def test_income_exemption_indication_is_honest(worker_client):
    response = worker_client.post(URL, form(hours_1="20", amount_1="100", earned_per_month="100"))
    page = response.content.decode()
    assert "Dit is een indicatie, geen advies." in page
    assert "€ 25,00 per maand" in page
    assert "huurtoeslag, zorgtoeslag" in page  # what it cannot compute
    assert "uithoorn.nl" in page  # the source of the rule


def test_indication_without_a_sourced_maximum_gives_no_amount(worker_client):
    response = worker_client.post(
        URL, form(year="2025", hours_1="20", amount_1="100", earned_per_month="400")
    )
    page = response.content.decode()
    assert "hebben wij niet in een bron" in page
    assert "Zonder het maximumbedrag van dit jaar rekent deze pagina geen bedrag uit." in page


@pytest.mark.parametrize("role", [Role.EMPLOYEE, Role.BOARD_MEMBER])
def test_other_roles_are_refused(tenant_a, role):
    user = UserFactory()
    MembershipFactory(user=user, organisation=tenant_a.organisation, role=role)
    client = login(Client(), user)
    assert client.get(URL).status_code == 403
    assert client.post(URL, form(amount_1="1", hours_1="1")).status_code == 403


def test_anonymous_goes_to_login(db):
    response = Client().get(URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


# --- a profile's agreed allowance, checked by a link (and the demo volunteer) -------------


def test_a_link_with_the_figures_filled_in_checks_at_once(worker_client):
    url = check_url_for(
        born=datetime.date(1990, 6, 1), per_hour=None, per_month=Decimal("250"), hours_per_week=None
    )
    assert url.startswith(URL + "?year=2024&age=33&hourly=nee&amount_1=250")
    response = worker_client.get(url)
    result = response.context["result"]
    assert not result.within_limits
    assert result.year_total == Decimal("3000") and len(result.months) == 12


def test_an_hourly_allowance_is_filled_in_with_the_available_hours(worker_client):
    url = check_url_for(
        born=None, per_hour=Decimal("2.75"), per_month=None, hours_per_week=Decimal("6")
    )
    assert "hourly=ja" in url and "age=" not in url and "hours_1=26%2C00" in url
    response = worker_client.get(url + "&age=40")
    result = response.context["result"]
    assert result.within_limits  # 26 hours at € 2,75 is € 71,50 a month, € 858 a year
    assert result.months[0].amount == Decimal("71.50")


def test_the_volunteers_profile_links_to_the_check(tenant_a, alice_client):
    profile = make_profile(
        tenant_a.organisation,
        name="Henk Smit",
        employment="volunteer",
        allowance_per_month=Decimal("250"),
        available_hours=Decimal("8"),
    )
    page = alice_client.get(reverse("workforce:profile_detail", args=[profile.pk])).content
    assert b"Controleer de fiscale grenzen" in page
    assert b"/inzet/vergoeding/?year=2024&amp;hourly=nee&amp;amount_1=250" in page


def test_the_demo_volunteer_trips_the_check(db):
    accounts_demo.load(io.StringIO())
    out = io.StringIO()
    workforce_demo.load(out)
    workforce_demo.load(io.StringIO())  # idempotent
    assert "Henk Smit (€ 250,00 per maand) ligt boven de grenzen van 2024" in out.getvalue()
    henk = Profile.objects.get(name="Henk Smit")
    assert henk.date_of_birth == datetime.date(1969, 5, 2)
    assert Profile.objects.filter(name="Henk Smit").count() == 1
