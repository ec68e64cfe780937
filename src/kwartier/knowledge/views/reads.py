"""Who read my stories: the author's view of the read log."""

from __future__ import annotations

from typing import Any

from django.http import (
    HttpResponse,
)
from django.shortcuts import render
from django.utils.translation import gettext as _

from kwartier.core.decorators import organisation_view
from kwartier.core.http import AuthedRequest
from kwartier.core.pagination import paginate
from kwartier.knowledge import selectors, services


@organisation_view()
def access_log(request: AuthedRequest) -> HttpResponse:
    user = request.user
    reads = selectors.reads_of_own_experiences(user=user)
    page = paginate(request, reads)
    titles = {
        str(e.pk): e.title_original
        for e in selectors.experience_list_own_everywhere(user=user).filter(
            pk__in=[int(entry.object_id) for entry in page.object_list if entry.object_id.isdigit()]
        )
    }
    rows = [
        (entry, titles.get(entry.object_id, ""), _access_description(entry))
        for entry in page.object_list
    ]
    return render(request, "knowledge/access_log.html", {"page": page, "rows": rows})


def _access_description(entry: Any) -> str:
    """What the reader did, in the author's words."""
    if entry.action == "export":
        return _("gedownload in een export")
    if entry.detail == services.ADMIN_READ_DETAIL:
        return _("geopend door de beheerder van het platform (zonder uw eigen tekst)")
    excerpt = selectors.Excerpt.parse(entry.detail)
    if excerpt is not None:
        kinds = {
            "zoeken": _("een zoekopdracht"),
            "bladeren": _("bladeren door de kennisbank"),
            "api-zoeken": _("een zoekopdracht via de API"),
            "api-bladeren": _("bladeren via de API"),
        }
        return _("een fragment gezien bij %(kind)s: %(words)s woorden, %(characters)s tekens") % {
            "kind": kinds.get(excerpt.kind, excerpt.kind),
            "words": excerpt.words,
            "characters": excerpt.characters,
        }
    return _("gelezen")
