"""The author's own data (decision 0107): download everything (art. 15) and erase it
(art. 17), from "Mijn ervaringen"."""

from __future__ import annotations

from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from kwartier.core.decorators import organisation_view
from kwartier.core.http import AuthedRequest
from kwartier.core.shortcuts import confirm_then
from kwartier.knowledge import services
from kwartier.knowledge.personal import own_story_count
from kwartier.knowledge.views.common import membership


@organisation_view()
def my_data(request: AuthedRequest) -> HttpResponse:
    return render(
        request,
        "knowledge/my_data.html",
        {"story_count": own_story_count(request.user)},
    )


@organisation_view()
def my_data_download(request: AuthedRequest) -> HttpResponse:
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    job = services.personal_export_start(
        user=request.user, organisation=membership(request).organisation
    )
    return redirect("core:job", job_id=job.pk)


@organisation_view()
def my_data_erase(request: AuthedRequest) -> HttpResponse:
    organisation = membership(request).organisation
    count = own_story_count(request.user)
    return confirm_then(
        request,
        action=lambda: services.personal_erase(user=request.user, organisation=organisation),
        done_message=_("Uw verhalen zijn gewist. Niemand kan ze nog lezen of vinden."),
        done_url=reverse("knowledge:mine"),
        cancel_url=reverse("knowledge:my_data"),
        title=_("Wilt u al uw verhalen voorgoed wissen?"),
        explanation=_(
            "Alle %(count)s verhalen die u zelf schreef, in elke organisatie, verdwijnen met "
            "al hun versies, en daarmee ook uit de zoekfunctie, uit coderingen en uit "
            "inzichten van wij-kennis. Wat blijft: het bewijs van uw toestemmingen (zonder "
            "het verhaal), het logboek van wie wat las (de wet vraagt dat we dat een tijd "
            "bewaren) en uw account. Dit kunt u niet ongedaan maken."
        )
        % {"count": count},
    )
