"""Background jobs of wij-kennis: the REFI-QDA project export (decision 0106)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django_tasks import task

from kwartier.collective import exchange, refi
from kwartier.collective.models import Codebook
from kwartier.core import services
from kwartier.core.models import AccessAction, Job
from kwartier.knowledge import public as knowledge


@task()
def project_export(job_id: str, codebook_id: int) -> None:
    """Write the `.qdpx` of a codebook as the job's creator may see it."""
    job = Job.objects.select_related("organisation", "created_by").get(pk=job_id)
    user, organisation = job.created_by, job.organisation
    assert user is not None and organisation is not None
    codebook = Codebook.objects.get(pk=codebook_id)
    total = exchange.project_story_count(user=user, organisation=organisation, codebook=codebook)
    services.job_start(job.pk, total=max(total, 1))
    try:
        built = exchange.project_build(
            user=user,
            organisation=organisation,
            codebook=codebook,
            advance=lambda: services.job_advance(job.pk),
        )
        path = services.export_path(job).with_suffix(".qdpx")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(refi.write_project(built.project))
    except OSError as error:
        services.job_fail(job.pk, message=str(error))
        raise
    knowledge.shared_stories_exported(
        user=user, organisation=organisation, experience_ids=built.story_ids, fmt="qdpx"
    )
    services.access_log_record(
        actor=user,
        action=AccessAction.EXPORT,
        organisation=organisation,
        object_type="collective_codebook",
        object_id=codebook.pk,
        detail=f"qdpx, {len(built.story_ids)} verhalen",
    )
    services.job_finish(
        job.pk,
        result_file=path.name,
        message=_("Project met %(count)s verhalen klaar om te downloaden.")
        % {"count": len(built.story_ids)},
    )
