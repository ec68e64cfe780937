"""The results part of issue 10: impact stories, the network dashboard with small-number
suppression, goals per indicator, reports (PDF job, CSV/XLSX), the home panels."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kwartier.accounts.models import Role
from kwartier.core.models import JobState
from kwartier.impact import measures, results_selectors, results_services
from kwartier.impact.models import (
    Contribution,
    ContributionKind,
    Indicator,
    Level,
    Report,
    ReportPeriod,
    Signal,
    SignalState,
    StoryLink,
)
from kwartier.impact.report_tasks import report_build, report_path
from kwartier.knowledge import services as knowledge_services
from kwartier.knowledge.forms import PublishForm
from kwartier.knowledge.models import ConsentKind, ConsentPurpose, ConsentRecord
from kwartier.knowledge.public import accountability_stories
from tests.conftest import login
from tests.factories import MembershipFactory, NetworkFactory, OrganisationFactory, UserFactory
from tests.knowledge.factories import ExperienceFactory
from tests.planning.factories import add_targets, make_plan

YEAR = 2026
PERIOD = measures.period_of(ReportPeriod.YEAR, YEAR)
TODAY = date(2026, 11, 20)


def _story(organisation, author, purposes):
    story = ExperienceFactory(organisation=organisation, author=author, shared=True)
    ConsentRecord.objects.create(
        experience=story,
        experience_ref=story.public_id,
        organisation=organisation,
        kind=ConsentKind.PUBLICATION,
        given_by=author,
        consent_date=TODAY,
        scope=story.visibility,
        purposes=purposes,
    )
    return story


def _contributions(organisation, author, level, count, day=date(YEAR, 3, 1)):
    Contribution.objects.bulk_create(
        Contribution(
            organisation=organisation,
            author=author,
            date=day,
            role="ervaringswerker",
            level=level,
            kind=ContributionKind.CONVERSATION,
            minutes=30,
        )
        for _ in range(count)
    )


def _signals(organisation, raiser, count, *, answered=0, changed=0):
    raised = datetime(YEAR, 4, 1, 10, tzinfo=UTC)
    for index in range(count):
        done = index < answered
        Signal.objects.create(
            organisation=organisation,
            raised_by=raiser,
            owner=raiser,
            title="Signaal",
            description="Omschrijving",
            level=Level.ORGANISATION,
            raised_at=raised,
            due_at=raised + timedelta(days=14),
            answered_at=raised + timedelta(days=3) if done else None,
            state=SignalState.CHANGE_MADE
            if index < changed
            else (SignalState.ANSWERED if done else SignalState.OPEN),
        )


# --- impact stories --------------------------------------------------------------------------


def test_only_stories_with_accountability_consent_can_be_linked(tenant_a):
    organisation, author = tenant_a.organisation, tenant_a.manager
    with_consent = _story(organisation, author, [ConsentPurpose.ACCOUNTABILITY])
    without = _story(organisation, author, [ConsentPurpose.KNOWLEDGE])
    assert [story.id for story in accountability_stories(organisation=organisation)] == [
        with_consent.pk
    ]
    with pytest.raises(Exception, match="verantwoording"):
        results_services.story_link(
            organisation=organisation, user=author, experience_id=without.pk
        )
    results_services.story_link(
        organisation=organisation, user=author, experience_id=with_consent.pk
    )
    assert StoryLink.objects.filter(organisation=organisation).count() == 1


def test_withdrawal_removes_the_story_from_results_and_reports_at_once(
    tenant_a, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    organisation, author = tenant_a.organisation, tenant_a.manager
    story = _story(organisation, author, [ConsentPurpose.ACCOUNTABILITY])
    results_services.story_link(organisation=organisation, user=author, experience_id=story.pk)
    client = login(Client(), author)
    assert story.shared_title in client.get(reverse("impact:stories")).content.decode()
    report = results_services.report_start(organisation=organisation, user=author, period=PERIOD)
    report_build.call(report.pk)
    report.refresh_from_db()
    assert report.story_ids == [story.pk]
    assert client.get(reverse("impact:report_pdf", args=[report.pk])).status_code == 200

    knowledge_services.experience_withdraw(experience=story, user=author)

    assert story.shared_title not in client.get(reverse("impact:stories")).content.decode()
    assert results_selectors.story_links(organisation=organisation) == []
    # The PDF that showed it is no longer handed out, and its file is gone.
    assert client.get(reverse("impact:report_pdf", args=[report.pk])).status_code == 404
    assert not report_path(report).exists()
    # The kennisbank's story_unshared signal took the link along.
    assert not StoryLink.objects.filter(experience_id=story.pk).exists()
    # Nothing of the story's text was ever copied into the results tables.
    assert {field.name for field in StoryLink._meta.fields} == {
        "id",
        "organisation",
        "experience_id",
        "signal",
        "linked_by",
        "linked_at",
    }


def test_a_new_consent_without_accountability_hides_the_story_at_once(tenant_a):
    organisation, author = tenant_a.organisation, tenant_a.manager
    story = _story(organisation, author, [ConsentPurpose.ACCOUNTABILITY])
    results_services.story_link(organisation=organisation, user=author, experience_id=story.pk)
    assert len(results_selectors.story_links(organisation=organisation)) == 1
    ConsentRecord.objects.create(
        experience=story,
        experience_ref=story.public_id,
        organisation=organisation,
        kind=ConsentKind.PUBLICATION,
        given_by=author,
        consent_date=TODAY,
        scope=story.visibility,
        purposes=[ConsentPurpose.KNOWLEDGE],
        preview_hash="1" * 64,
    )
    assert results_selectors.story_links(organisation=organisation) == []


def test_another_organisations_story_cannot_be_linked(tenant_a, tenant_b):
    story = _story(tenant_b.organisation, tenant_b.manager, [ConsentPurpose.ACCOUNTABILITY])
    with pytest.raises(Exception, match="verantwoording"):
        results_services.story_link(
            organisation=tenant_a.organisation, user=tenant_a.manager, experience_id=story.pk
        )


# --- the network dashboard ---------------------------------------------------------------------


@pytest.fixture
def network(tenant_a, tenant_b):
    network = NetworkFactory()
    funder = OrganisationFactory(name="Gemeente Test")
    for organisation in (tenant_a.organisation, tenant_b.organisation, funder):
        organisation.networks.add(network)
    financier = UserFactory()
    MembershipFactory(user=financier, organisation=funder, role=Role.FINANCIER)
    return network, funder, financier


def test_the_network_table_hides_cells_under_five_and_totals_that_give_them_back(
    tenant_a, tenant_b, network
):
    network, funder, _financier = network
    _contributions(tenant_a.organisation, tenant_a.manager, Level.CLIENT, 12)
    _contributions(tenant_b.organisation, tenant_b.manager, Level.CLIENT, 7)
    _contributions(tenant_a.organisation, tenant_a.manager, Level.POLICY, 9)
    _contributions(tenant_b.organisation, tenant_b.manager, Level.POLICY, 2)
    table = measures.network_table(network=network, period=PERIOD, today=TODAY, excluding=funder)
    rows = {row.name: row for row in table.rows}
    alfa, beta = rows["Welzijn Alfa"], rows["Stichting Beta"]
    assert alfa.cells["contributions_client"].value == 12
    assert beta.cells["contributions_client"].value == 7
    assert table.total.cells["contributions_client"].value == 19
    assert alfa.cells["contributions_policy"].value == 9
    assert beta.cells["contributions_policy"].suppressed
    # 11 - 9 would give Beta's 2 back: the total of that column is not shown.
    assert table.total.cells["contributions_policy"].suppressed
    assert table.suppressed_cells >= 1


def test_the_financier_sees_the_dashboard_without_names_or_texts(tenant_a, tenant_b, network):
    network, _funder, financier = network
    _signals(tenant_a.organisation, tenant_a.manager, 6, answered=5, changed=2)
    Signal.objects.filter(organisation=tenant_a.organisation).update(title="Geheime titel")
    client = login(Client(), financier)
    page = client.get(reverse("impact:network"), {"jaar": YEAR, "periode": "year"}).content.decode()
    assert "Welzijn Alfa" in page
    assert "Geheime titel" not in page
    assert "&lt;5" in page
    csv = client.get(reverse("impact:network_csv"), {"jaar": YEAR, "periode": "year"})
    assert csv.status_code == 200 and b"Welzijn Alfa" in csv.content
    xlsx = client.get(reverse("impact:network_xlsx"), {"jaar": YEAR, "periode": "year"})
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"


def test_a_bad_period_is_refused_in_dutch_and_falls_back(tenant_a, network):
    _network, _funder, financier = network
    client = login(Client(), financier)
    response = client.get(reverse("impact:network"), {"jaar": "twintig", "periode": "year"})
    assert response.status_code == 200
    assert "Vul een jaartal in" in response.content.decode()


# --- goals per indicator ----------------------------------------------------------------------


def test_goals_are_measured_against_the_plan(tenant_a):
    organisation, kwartiermaker = tenant_a.organisation, tenant_a.manager
    plan = make_plan(organisation, kwartiermaker)
    add_targets(plan, kwartiermaker, {YEAR: "2.5"})
    _contributions(organisation, kwartiermaker, Level.POLICY, 3)
    client = login(Client(), kwartiermaker)
    response = client.post(
        reverse("impact:goals"),
        {"year": YEAR, "indicator": Indicator.CONTRIBUTIONS_POLICY, "target": 10},
    )
    assert response.status_code == 302
    overview = results_selectors.goals_overview(organisation=organisation, today=TODAY)
    assert overview is not None
    year = next(row for row in overview.years if row.year == YEAR)
    policy = next(r for r in year.indicators if r.indicator == Indicator.CONTRIBUTIONS_POLICY)
    assert (policy.target, policy.measured) == (10, 3)
    assert float(year.paid_fte) == 2.5
    page = client.get(reverse("impact:goals")).content.decode()
    assert f'id="goals-{YEAR}"' in page
    bad = client.post(reverse("impact:goals"), {"year": "x", "indicator": "nope", "target": -1})
    assert bad.status_code == 200


# --- reports ---------------------------------------------------------------------------------


def test_a_report_is_built_as_a_job_with_progress_and_downloaded(tenant_a, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    organisation, kwartiermaker = tenant_a.organisation, tenant_a.manager
    _contributions(organisation, kwartiermaker, Level.CLIENT, 6)
    client = login(Client(), kwartiermaker)
    response = client.post(reverse("impact:reports"), {"jaar": YEAR, "periode": "2"})
    report = Report.objects.get()
    assert response.status_code == 302
    assert (report.period, report.year, report.quarter) == (ReportPeriod.QUARTER, YEAR, 2)
    report_build.call(report.pk)
    report.job.refresh_from_db()
    assert report.job.state == JobState.DONE
    board = UserFactory()
    MembershipFactory(user=board, organisation=organisation, role=Role.BOARD_MEMBER)
    status = login(Client(), board).get(reverse("impact:report_status", args=[report.pk]))
    assert "Download het rapport (PDF)" in status.content.decode()
    assert "hx-get" not in status.content.decode().split("kwartier-job")[0]
    pdf = client.get(reverse("impact:report_pdf", args=[report.pk]))
    assert pdf.status_code == 200
    assert b"".join(pdf.streaming_content)[:4] == b"%PDF"
    assert client.post(reverse("impact:reports"), {"jaar": "", "periode": "9"}).status_code == 200


def test_the_quarterly_schedule_starts_each_report_once(
    tenant_a, django_capture_on_commit_callbacks
):
    _contributions(tenant_a.organisation, tenant_a.manager, Level.CLIENT, 1)
    now = datetime(2026, 7, 1, 6, tzinfo=UTC)
    first = results_services.quarterly_reports_start(now)
    assert [(r.year, r.quarter) for r in first] == [(2026, 2)]
    assert results_services.quarterly_reports_start(now) == []


def test_periods():
    assert measures.period_of("quarter", 2026, 4).end == date(2026, 12, 31)
    assert measures.period_of("quarter", 2026, 1).end == date(2026, 3, 31)
    assert measures.previous_quarter(date(2026, 1, 5)).label == "Q4 2025"
    with pytest.raises(ValueError):
        measures.period_of("quarter", 2026, 5)


# --- home panels -----------------------------------------------------------------------------


def test_the_home_overview_changes_after_a_contribution(tenant_a):
    worker = UserFactory()
    MembershipFactory(user=worker, organisation=tenant_a.organisation, role=Role.EXPERIENCE_WORKER)
    client = login(Client(), worker)
    page = client.get(reverse("core:home")).content.decode()
    assert "Mijn bijdragen deze maand" in page
    before = page.count(">0<")
    _contributions(tenant_a.organisation, worker, Level.CLIENT, 1, day=timezone.localdate())
    after = client.get(reverse("core:home")).content.decode().count(">0<")
    assert after == before - 1


def test_the_share_step_offers_accountability_with_an_explanation():
    form = PublishForm(allowed=["organisation"])
    assert ConsentPurpose.ACCOUNTABILITY.value in dict(form.fields["purposes"].choices)
    assert "verantwoording" in str(form.fields["purposes"].help_text)
    assert "meteen" in str(form.fields["purposes"].help_text)


def test_a_bestuurder_reads_goals_and_stories_but_changes_nothing(tenant_a):
    board = UserFactory()
    MembershipFactory(user=board, organisation=tenant_a.organisation, role=Role.BOARD_MEMBER)
    make_plan(tenant_a.organisation, tenant_a.manager)
    client = login(Client(), board)
    assert client.get(reverse("impact:goals")).status_code == 200
    assert client.post(reverse("impact:goals"), {"year": YEAR}).status_code == 403
    assert client.post(reverse("impact:stories"), {"experience": 1}).status_code == 403
