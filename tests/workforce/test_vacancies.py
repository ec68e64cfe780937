"""Vacancies: publishing refusals, public pages (list, filters, JSON-LD, feed), visibility
by scope, applications, saved searches with alerts, the placement follow-up, matching."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kwartier.accounts.models import Role
from kwartier.core.models import Job, JobState
from kwartier.workforce import vacancy_services as services
from kwartier.workforce import vacancy_tasks
from kwartier.workforce.models import (
    Application,
    SavedSearch,
    Training,
    Vacancy,
    VacancyKind,
    VacancyScope,
    VacancyState,
)
from tests.factories import (
    MembershipFactory,
    NetworkFactory,
    OrganisationFactory,
    UserFactory,
    api_auth,
)
from tests.workforce.vacancy_factories import (
    ProfileFactory,
    VacancyFactory,
    domain,
    position,
    published,
)


@pytest.fixture(autouse=True)
def _immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def _json_ld(html: str) -> dict:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1, blocks
    return json.loads(blocks[0])


# --- publishing ----------------------------------------------------------------------------


def test_publishing_without_support_plan_is_refused_with_dutch_reason(tenant_a, alice_client):
    vacancy = VacancyFactory(organisation=tenant_a.organisation, support_plan="")
    url = reverse("vacancies:publish", kwargs={"vacancy_id": vacancy.pk})
    response = alice_client.post(url)
    assert response.status_code == 400
    body = response.content.decode()
    assert "Beschrijf de ondersteuning" in body and 'data-field="support_plan"' in body
    vacancy.refresh_from_db()
    assert vacancy.state == VacancyState.DRAFT and vacancy.published_at is None


@pytest.mark.parametrize(
    "kind,changes,field,words",
    [
        (
            VacancyKind.PAID,
            {"pay_min": None, "pay_max": None, "pay_scale": ""},
            "pay_min",
            "salaris",
        ),
        (VacancyKind.ASSIGNMENT, {"pay_min": None, "pay_max": None}, "pay_min", "opdracht"),
        (VacancyKind.VOLUNTEER, {}, "allowance_per_hour", "bos bloemen"),
    ],
)
def test_publishing_without_pay_terms_is_refused(tenant_a, kind, changes, field, words):
    vacancy = VacancyFactory(organisation=tenant_a.organisation, kind=kind, **changes)
    with pytest.raises(services.PublishRefused) as refused:
        services.vacancy_publish(vacancy=vacancy, user=tenant_a.manager, today=date(2026, 3, 2))
    assert [(p.field, words in p.detail) for p in refused.value.problems] == [(field, True)]


def test_every_reason_at_once_and_the_api_error_shape(tenant_a):
    vacancy = VacancyFactory(
        organisation=tenant_a.organisation,
        pay_min=None,
        pay_max=None,
        pay_scale="",
        support_plan="",
    )
    url = reverse("workforce-vacancy-publish", args=[vacancy.pk])
    response = Client().post(url, **api_auth(tenant_a.manager))
    assert response.status_code == 400
    body = response.json()
    assert [e["field"] for e in body["errors"]] == ["pay_min", "support_plan"]
    assert body["field"] == "pay_min" and body["detail"] == body["errors"][0]["detail"]
    check = Client().get(url, **api_auth(tenant_a.manager)).json()
    assert check["publishable"] is False and len(check["errors"]) == 2


def test_published_vacancy_cannot_lose_its_support_plan(tenant_a):
    vacancy = VacancyFactory(organisation=tenant_a.organisation)
    vacancy = services.vacancy_publish(vacancy=vacancy, user=tenant_a.manager)

    with pytest.raises(ValidationError) as error:
        services.vacancy_update(vacancy=vacancy, support_plan="")
    assert "support_plan" in error.value.message_dict


# --- the API -------------------------------------------------------------------------------


def test_api_create_then_publish(tenant_a):
    domain("Schulden")
    auth = api_auth(tenant_a.manager)
    payload = {
        "title": "Bruggenbouwer schuldhulp",
        "kind": "paid",
        "role": "bruggenbouwer",
        "domains": ["schulden"],
        "hours_per_week": 16,
        "scope": "public",
        "pay_min": "2800.00",
        "pay_unit": "month",
        "support_plan": "",
    }
    created = Client().post(
        reverse("workforce-vacancy-list"), payload, content_type="application/json", **auth
    )
    assert created.status_code == 201, created.content
    vacancy_id = created.json()["id"]
    assert created.json()["domains"] == ["schulden"] and created.json()["state"] == "draft"
    url = reverse("workforce-vacancy-publish", args=[vacancy_id])
    refused = Client().post(url, **auth)
    assert refused.status_code == 400 and refused.json()["field"] == "support_plan"
    Client().patch(
        reverse("workforce-vacancy-detail", args=[vacancy_id]),
        {"support_plan": "Intervisiegroep Regio Oost"},
        content_type="application/json",
        **auth,
    )
    done = Client().post(url, **auth)
    assert done.status_code == 200 and done.json()["state"] == "published"


def test_api_bad_input_is_dutch_400(tenant_a):
    response = Client().post(
        reverse("workforce-vacancy-list"),
        {"title": "", "kind": "baan", "role": "x", "hours_per_week": "veel"},
        content_type="application/json",
        **api_auth(tenant_a.manager),
    )
    assert response.status_code == 400
    assert set(response.json()) >= {"title", "kind", "role", "hours_per_week"}


def test_api_worker_may_not_create(tenant_a):
    worker = UserFactory()
    MembershipFactory(user=worker, organisation=tenant_a.organisation, role=Role.EXPERIENCE_WORKER)
    response = Client().post(
        reverse("workforce-vacancy-list"),
        {"title": "x", "kind": "paid", "role": "gids", "hours_per_week": 8},
        content_type="application/json",
        **api_auth(worker),
    )
    assert response.status_code == 403


# --- public pages --------------------------------------------------------------------------


def test_public_vacancy_on_list_feed_and_with_valid_json_ld(tenant_a):
    tenant_a.organisation.website = "https://alfa.example.nl"
    tenant_a.organisation.save()
    vacancy = VacancyFactory(organisation=tenant_a.organisation, title="Gids herstelacademie")
    vacancy.domains.add(domain("Verslaving"))
    services.vacancy_publish(vacancy=vacancy, user=tenant_a.manager)
    anonymous = Client()
    listing = anonymous.get(reverse("vacancies_public:list"))
    assert "Gids herstelacademie" in listing.content.decode()

    page = anonymous.get(reverse("vacancies_public:detail", args=[vacancy.public_id]))
    assert page.status_code == 200
    data = _json_ld(page.content.decode())
    assert data["@context"] == "https://schema.org/" and data["@type"] == "JobPosting"
    for key in ("title", "description", "datePosted", "validThrough", "employmentType"):
        assert isinstance(data[key], str) and data[key]
    date.fromisoformat(data["datePosted"])
    timezone.datetime.fromisoformat(data["validThrough"])
    assert data["hiringOrganization"]["@type"] == "Organization"
    assert data["hiringOrganization"]["name"] == "Welzijn Alfa"
    assert data["jobLocation"]["@type"] == "Place"
    assert data["jobLocation"]["address"]["@type"] == "PostalAddress"
    assert data["jobLocation"]["address"]["addressCountry"] == "NL"
    salary = data["baseSalary"]
    assert salary["@type"] == "MonetaryAmount" and salary["currency"] == "EUR"
    assert salary["value"]["@type"] == "QuantitativeValue"
    assert salary["value"]["unitText"] == "MONTH"
    assert salary["value"]["minValue"] == 2800.0 and salary["value"]["maxValue"] == 3400.0

    feed = anonymous.get(reverse("vacancies_public:feed"))
    assert feed.status_code == 200 and feed["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(feed.content)  # noqa: S314 (our own feed)
    atom = "{http://www.w3.org/2005/Atom}"
    titles = [entry.find(f"{atom}title").text for entry in root.findall(f"{atom}entry")]
    assert titles == ["Gids herstelacademie – Welzijn Alfa"]


def test_volunteer_post_has_no_base_salary_and_script_cannot_break_out(tenant_a):
    vacancy = VacancyFactory(
        organisation=tenant_a.organisation,
        kind=VacancyKind.VOLUNTEER,
        title="Maatje </script><script>alert(1)</script>",
        allowance_per_hour=Decimal("3.00"),
    )
    published(vacancy)
    html = Client().get(reverse("vacancies_public:detail", args=[vacancy.public_id]))
    html = html.content.decode()
    assert "<script>alert(1)" not in html
    data = _json_ld(html)
    assert "baseSalary" not in data and data["employmentType"] == "VOLUNTEER"
    assert data["title"].startswith("Maatje </script>")


def test_scope_decides_who_sees_a_vacancy(tenant_a, tenant_b):
    network = NetworkFactory()
    partner = OrganisationFactory()
    tenant_a.organisation.networks.add(network)
    partner.networks.add(network)
    partner_user = UserFactory()
    MembershipFactory(user=partner_user, organisation=partner, role=Role.EXPERIENCE_WORKER)
    net = published(
        VacancyFactory(organisation=tenant_a.organisation, scope=VacancyScope.NETWORK, title="Net")
    )
    own = published(
        VacancyFactory(
            organisation=tenant_a.organisation, scope=VacancyScope.ORGANISATION, title="Eigen"
        )
    )
    partner_client = Client()
    partner_client.force_login(partner_user)
    anonymous, outsider = Client(), Client()
    outsider.force_login(tenant_b.manager)
    member = Client()
    member.force_login(tenant_a.member)

    def sees(client, vacancy):
        return client.get(reverse("vacancies_public:detail", args=[vacancy.public_id])).status_code

    assert (sees(anonymous, net), sees(outsider, net), sees(partner_client, net)) == (404, 404, 200)
    assert (sees(partner_client, own), sees(member, own)) == (404, 200)
    listing = partner_client.get(reverse("vacancies_public:list")).content.decode()
    assert "Net" in listing and "Eigen" not in listing
    # No JSON-LD for a vacancy that is not public: search engines must not index it.
    assert (
        "ld+json"
        not in member.get(reverse("vacancies_public:detail", args=[own.public_id])).content.decode()
    )
    feed = anonymous.get(reverse("vacancies_public:feed")).content.decode()
    assert "<entry>" not in feed


def test_expired_drafts_and_closed_are_not_public(tenant_a):
    expired = published(VacancyFactory(organisation=tenant_a.organisation, title="Verlopen"))
    expired.valid_through = timezone.localdate() - timedelta(days=1)
    expired.save()
    VacancyFactory(organisation=tenant_a.organisation, title="Concept")
    closed = published(VacancyFactory(organisation=tenant_a.organisation, title="Dicht"))
    services.vacancy_close(vacancy=closed)
    body = Client().get(reverse("vacancies_public:list")).content.decode()
    assert "0 vacatures" in body
    assert (
        Client().get(reverse("vacancies_public:detail", args=[expired.public_id])).status_code
        == 404
    )


def test_filters(tenant_a):
    a = published(VacancyFactory(organisation=tenant_a.organisation, title="Alpha", role="gids"))
    a.domains.add(domain("Schulden"))
    published(
        VacancyFactory(
            organisation=tenant_a.organisation,
            title="Beta",
            kind=VacancyKind.VOLUNTEER,
            allowance_per_hour=Decimal(3),
            region="Zuid",
            place="Zuidstad",
        )
    )
    client = Client()

    def titles(**query):
        body = client.get(reverse("vacancies_public:list"), query).content.decode()
        return [t for t in ("Alpha", "Beta") if f">{t}</a>" in body]

    assert titles() == ["Alpha", "Beta"]
    assert titles(role="gids") == ["Alpha"]
    assert titles(domain="schulden") == ["Alpha"]
    assert titles(kind="volunteer") == ["Beta"]
    assert titles(region="zuid") == ["Beta"]
    assert client.get(reverse("vacancies_public:list"), {"role": "onzin"}).status_code == 200


# --- applications --------------------------------------------------------------------------


def test_public_application_validates_in_dutch_then_reaches_the_poster(
    tenant_a, django_capture_on_commit_callbacks
):
    vacancy = published(
        VacancyFactory(organisation=tenant_a.organisation, created_by=tenant_a.manager)
    )
    url = reverse("vacancies_public:detail", args=[vacancy.public_id])
    bad = Client().post(url, {"name": "", "email": "geen-adres", "motivation": "kort"})
    assert bad.status_code == 400
    body = bad.content.decode()
    assert "Vul uw naam in." in body and "Vul een geldig e-mailadres in" in body
    assert "Schrijf minstens 20 tekens." in body
    assert not Application.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        good = Client().post(
            url,
            {
                "name": "Sam de Vries",
                "email": "Sam@Example.nl",
                "motivation": "Ik heb zelf schulden gehad en help graag anderen verder.",
            },
        )
    assert good.status_code == 302
    application = Application.objects.get()
    assert (
        application.email == "sam@example.nl" and application.organisation == tenant_a.organisation
    )
    assert [m.to for m in mail.outbox] == [[tenant_a.manager.email]]
    detail = Client()
    detail.force_login(tenant_a.manager)
    page = detail.get(reverse("vacancies:detail", kwargs={"vacancy_id": vacancy.pk}))
    assert "sam@example.nl" in page.content.decode()


def test_signed_in_worker_applies_with_profile(tenant_a):
    worker = UserFactory()
    membership = MembershipFactory(
        user=worker, organisation=tenant_a.organisation, role=Role.EXPERIENCE_WORKER
    )
    profile = ProfileFactory(organisation=tenant_a.organisation, membership=membership)
    vacancy = published(VacancyFactory(organisation=tenant_a.organisation))
    client = Client()
    client.force_login(worker)
    url = reverse("vacancies_public:detail", args=[vacancy.public_id])
    data = {"name": "W", "email": worker.email, "motivation": "Dit past precies bij mijn ervaring."}
    assert client.post(url, data).status_code == 302
    assert Application.objects.get().profile == profile
    again = client.post(url, data)
    assert again.status_code == 400 and "al op deze vacature gereageerd" in again.content.decode()


# --- saved searches and alerts -------------------------------------------------------------


def test_saved_search_alert_is_sent_once_by_the_publish_job(
    tenant_a, tenant_b, django_capture_on_commit_callbacks
):
    domain("Schulden")
    searcher = Client()
    searcher.force_login(tenant_b.member)
    response = searcher.post(
        reverse("vacancies:searches"), {"name": "Schulden", "domain": "schulden", "role": ""}
    )
    assert response.status_code == 302
    search = SavedSearch.objects.get()
    vacancy = VacancyFactory(organisation=tenant_a.organisation, title="Schuldmaatje")
    vacancy.domains.add(domain("Schulden"))
    other = VacancyFactory(organisation=tenant_a.organisation, title="Zonder domein")
    with django_capture_on_commit_callbacks(execute=True):
        services.vacancy_publish(vacancy=vacancy, user=tenant_a.manager)
        services.vacancy_publish(vacancy=other, user=tenant_a.manager)
    assert len(mail.outbox) == 1 and "Schuldmaatje" in mail.outbox[0].body
    assert mail.outbox[0].to == [tenant_b.member.email]
    jobs = Job.objects.filter(kind="vacancy_alerts").order_by("created_at")
    assert [(j.state, j.total, j.done) for j in jobs] == [("done", 1, 1), ("done", 0, 0)]
    # The sweep over all searches sends nothing again.
    job = services.vacancy_alerts_start(vacancy=None, user=None)
    vacancy_tasks.vacancy_alerts.call(str(job.pk))
    assert len(mail.outbox) == 1
    search.refresh_from_db()
    assert search.last_alert_at is not None
    # The poster sees the job's progress on the vacancy page.
    poster = Client()
    poster.force_login(tenant_a.manager)
    page = poster.get(reverse("vacancies:detail", kwargs={"vacancy_id": vacancy.pk}))
    assert "Zoekberichten voor" in page.content.decode()


def test_saved_search_with_unknown_filter_is_refused(tenant_a, alice_client):
    response = alice_client.post(reverse("vacancies:searches"), {"name": "x", "role": "baas"})
    assert response.status_code == 400 and "Onbekende rol." in response.content.decode()
    assert not SavedSearch.objects.exists()


# --- placement follow-up -------------------------------------------------------------------


def test_placement_question_after_four_weeks_and_answer_kept(tenant_a, alice_client):
    vacancy = published(
        VacancyFactory(organisation=tenant_a.organisation, created_by=tenant_a.manager)
    )
    recent = published(
        VacancyFactory(organisation=tenant_a.organisation, created_by=tenant_a.manager)
    )
    Vacancy.objects.filter(pk=vacancy.pk).update(published_at=timezone.now() - timedelta(days=29))
    Vacancy.objects.filter(pk=recent.pk).update(published_at=timezone.now() - timedelta(days=27))
    for _run in range(2):
        job = services.placement_followups_start()
        vacancy_tasks.placement_followups.call(str(job.pk))
    assert (
        len(mail.outbox) == 1 and f"/inzet/vacatures/{vacancy.pk}/plaatsing/" in mail.outbox[0].body
    )
    job.refresh_from_db()
    assert job.state == JobState.DONE
    url = reverse("vacancies:placement", kwargs={"vacancy_id": vacancy.pk})
    assert alice_client.post(url, {"answer": "misschien"}).status_code == 200
    assert alice_client.post(url, {"answer": "yes", "note": "Via de feed"}).status_code == 302
    vacancy.refresh_from_db()
    assert vacancy.placement_answer == "yes" and vacancy.placement_answered_by == tenant_a.manager


def test_followup_command_runs_the_job(tenant_a, django_capture_on_commit_callbacks):
    from django.core.management import call_command

    with django_capture_on_commit_callbacks(execute=True):
        call_command("vacancy_followups")
    assert Job.objects.get(kind="vacancy_placement_followups").state == JobState.DONE


# --- matching ------------------------------------------------------------------------------


@pytest.fixture
def matching_world(tenant_a):
    network = NetworkFactory()
    partner = OrganisationFactory(name="Partner")
    tenant_a.organisation.networks.add(network)
    partner.networks.add(network)
    schulden, verslaving = domain("Schulden"), domain("Verslaving")
    vacancy = published(
        VacancyFactory(organisation=tenant_a.organisation, scope=VacancyScope.NETWORK)
    )
    vacancy.domains.add(schulden, verslaving)
    best = ProfileFactory(organisation=partner, name="Beste")
    best.domains.add(schulden, verslaving)
    position(best, "bruggenbouwer")
    Training.objects.create(
        organisation=partner, profile=best, kind="hbo_ed", completed=date(2024, 6, 1)
    )
    second = ProfileFactory(organisation=tenant_a.organisation, name="Tweede")
    second.domains.add(schulden)
    ProfileFactory(
        organisation=tenant_a.organisation, name="Geen toestemming", matching_consent="none"
    )
    ProfileFactory(organisation=partner, name="Alleen eigen", matching_consent="organisation")
    ProfileFactory(organisation=tenant_a.organisation, name="Te weinig uren", available_hours=8)
    holder = ProfileFactory(organisation=tenant_a.organisation, name="Zit er al")
    position(holder, "bruggenbouwer")
    ProfileFactory(organisation=OrganisationFactory(), name="Buiten netwerk")
    return vacancy, best, second


def test_matches_api_ranked_with_reasons(tenant_a, matching_world):
    vacancy, best, second = matching_world
    response = Client().get(
        reverse("workforce-vacancy-matches", args=[vacancy.pk]), **api_auth(tenant_a.manager)
    )
    assert response.status_code == 200
    body = response.json()
    assert [m["profile"] for m in body] == [best.pk, second.pk]
    assert all(0 <= m["score"] <= 1 for m in body) and body[0]["score"] > body[1]["score"]
    assert body[0]["reasons"][0] == (
        "Ervaring in 2 van de 2 gevraagde domeinen: Schulden, Verslaving."
    )


def test_matching_page_explains_and_logs_reads_of_other_organisations(
    tenant_a, alice_client, matching_world
):
    from kwartier.core.models import AccessLog

    vacancy, best, _second = matching_world
    page = alice_client.get(reverse("vacancies:matches", kwargs={"vacancy_id": vacancy.pk}))
    body = page.content.decode()
    assert body.index("Beste") < body.index("Tweede")
    assert "Geen toestemming" not in body and "Buiten netwerk" not in body
    assert "Zit er al" not in body and "Te weinig uren" not in body
    assert "Afgeronde hbo-opleiding ervaringsdeskundigheid." in body
    assert AccessLog.objects.filter(object_type="workforce_profile_match").count() == 1


def test_vacancies_for_me(tenant_a, matching_world):
    vacancy, best, _second = matching_world
    worker = UserFactory()
    membership = MembershipFactory(
        user=worker, organisation=best.organisation, role=Role.EXPERIENCE_WORKER
    )
    best.membership = membership
    best.save()
    client = Client()
    client.force_login(worker)
    body = client.get(reverse("vacancies:for_me")).content.decode()
    assert vacancy.title in body and "% passend" in body


# --- volunteer allowance above the fiscal limits (written last: the allowance kernel) -----


@pytest.mark.parametrize(
    "hourly,monthly,hours,field,words",
    [
        (Decimal("6.00"), None, Decimal(4), "allowance_per_hour", "€ 5,50 per uur"),
        (Decimal("4.00"), None, Decimal(16), "hours_per_week", "€ 210,00 per maand"),
        (None, Decimal("250"), Decimal(8), "allowance_per_month", "€ 210,00 per maand"),
    ],
)
def test_volunteer_allowance_above_the_limits_is_refused_with_source(
    tenant_a, hourly, monthly, hours, field, words
):
    vacancy = VacancyFactory(
        organisation=tenant_a.organisation,
        kind=VacancyKind.VOLUNTEER,
        allowance_per_hour=hourly,
        allowance_per_month=monthly,
        hours_per_week=hours,
    )
    problems = services.vacancy_publish_problems(vacancy, today=date(2024, 5, 1))
    assert [p.field for p in problems] == [field]
    assert words in problems[0].detail and "https://www.belastingdienst.nl/" in problems[0].detail


def test_volunteer_allowance_within_the_limits_is_published(tenant_a):
    vacancy = VacancyFactory(
        organisation=tenant_a.organisation,
        kind=VacancyKind.VOLUNTEER,
        allowance_per_hour=Decimal("3.00"),
        hours_per_week=Decimal(8),
    )
    assert services.vacancy_publish_problems(vacancy, today=date(2024, 5, 1)) == []
    vacancy = services.vacancy_publish(
        vacancy=vacancy, user=tenant_a.manager, today=date(2024, 5, 1)
    )
    assert vacancy.state == VacancyState.PUBLISHED


def test_volunteer_allowance_in_a_year_without_figures_is_refused(tenant_a):
    vacancy = VacancyFactory(
        organisation=tenant_a.organisation,
        kind=VacancyKind.VOLUNTEER,
        allowance_per_hour=Decimal("1.00"),
        hours_per_week=Decimal(2),
    )
    problems = services.vacancy_publish_problems(vacancy, today=date(2031, 5, 1))
    assert [p.field for p in problems] == ["allowance_per_hour"]
    assert "Voor 2031 zijn geen bevestigde bedragen" in problems[0].detail


def test_public_applications_are_limited_per_address_and_once_per_email(tenant_a):
    vacancy = published(VacancyFactory(organisation=tenant_a.organisation))
    url = reverse("vacancies_public:detail", args=[vacancy.public_id])
    motivation = "Ik ken dit werk van binnenuit en wil graag helpen."
    client = Client()
    first = {"name": "A", "email": "a@voorbeeld.nl", "motivation": motivation}
    assert client.post(url, first).status_code == 302
    again = client.post(url, first)
    assert again.status_code == 400 and "al op deze vacature gereageerd" in again.content.decode()
    statuses = [
        client.post(
            url, {"name": "B", "email": f"b{n}@voorbeeld.nl", "motivation": motivation}
        ).status_code
        for n in range(5)
    ]
    assert statuses == [302, 302, 302, 400, 400]
    assert Application.objects.count() == 4


def test_api_team_of_another_organisation_is_unknown(tenant_a, tenant_b):
    from tests.factories import TeamFactory

    other_team = TeamFactory(organisation=tenant_b.organisation)
    response = Client().post(
        reverse("workforce-vacancy-list"),
        {"title": "x", "kind": "paid", "role": "gids", "hours_per_week": 8, "team": other_team.pk},
        content_type="application/json",
        **api_auth(tenant_a.manager),
    )
    assert response.status_code == 400 and "team" in response.json()
    assert not Vacancy.objects.exists()


def test_form_reads_dutch_decimals_and_refuses_nonsense_in_dutch(tenant_a, alice_client):
    url = reverse("vacancies:create")
    data = {
        "title": "Gids",
        "kind": "volunteer",
        "role": "gids",
        "hours_per_week": "12,5",
        "allowance_per_hour": "3,25",
        "scope": "organisation",
    }
    response = alice_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    vacancy = Vacancy.objects.get()
    assert vacancy.hours_per_week == Decimal("12.5")
    assert vacancy.allowance_per_hour == Decimal("3.25")
    bad = alice_client.post(url, {**data, "hours_per_week": "veel", "title": ""})
    body = bad.content.decode()
    assert "Vul een getal in, bijvoorbeeld 16 of 12,5." in body
    assert "Geef de vacature een titel." in body
    assert Vacancy.objects.count() == 1
