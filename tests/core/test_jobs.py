"""Background jobs: enqueued by a page, run by the real database worker, progress
visible on a page and as an htmx fragment."""

from __future__ import annotations

from django.core.management import call_command
from django.urls import reverse

from kwartier.core.models import AccessLog, Job, JobState


def test_member_export_runs_in_the_worker_with_progress(
    transactional_db, alice_client, tenant_a, django_capture_on_commit_callbacks
):
    # The worker opens and closes its own database connections, as it does in
    # production, so this test commits for real instead of running in a transaction.
    with django_capture_on_commit_callbacks(execute=True):
        response = alice_client.post(reverse("accounts:member_export"))
    job = Job.objects.get()
    assert response["Location"] == reverse("core:job", kwargs={"job_id": job.pk})
    page = alice_client.get(response["Location"]).content.decode()
    assert "In de wachtrij" in page and 'hx-trigger="every 1s"' in page

    call_command("db_worker", batch=True, no_startup_delay=True, interval=0)

    job.refresh_from_db()
    assert job.state == JobState.DONE and job.percent == 100 and job.total == 2
    fragment = alice_client.get(
        reverse("core:job_progress", kwargs={"job_id": job.pk})
    ).content.decode()
    assert "Klaar" in fragment and "hx-trigger" not in fragment
    download = alice_client.get(reverse("core:job_download", kwargs={"job_id": job.pk}))
    content = b"".join(download.streaming_content).decode()
    assert "anne@alfa.example.nl" in content and "alice@alfa.example.nl" in content
    assert AccessLog.objects.filter(action="export", actor=tenant_a.manager).exists()


def test_running_the_same_job_twice_duplicates_nothing(alice_client, tenant_a):
    from kwartier.accounts.tasks import member_export
    from kwartier.core.services import export_path, job_create

    job = job_create(
        kind="member_export",
        label="Export",
        organisation=tenant_a.organisation,
        created_by=tenant_a.manager,
    )
    member_export.call(str(job.pk))
    member_export.call(str(job.pk))
    job.refresh_from_db()
    assert job.state == JobState.DONE and job.done == job.total == 2
    assert export_path(job).read_text().count("\n") == 3


def test_invalid_job_id_is_404(alice_client):
    assert alice_client.get("/taken/geen-uuid/").status_code == 404


def test_member_export_neutralises_formulas(tenant_a):
    """Issue 17.8: a name typed as a formula is text in the spreadsheet."""
    from kwartier.accounts.tasks import member_export
    from kwartier.core.services import export_path, job_create

    tenant_a.member.full_name = '=HYPERLINK("https://example.org";"Klik hier")'
    tenant_a.member.save()
    job = job_create(
        kind="member_export",
        label="Export",
        organisation=tenant_a.organisation,
        created_by=tenant_a.manager,
    )
    member_export.call(str(job.pk))
    content = export_path(job).read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in content
    assert ";=HYPERLINK" not in content and "\n=HYPERLINK" not in content
