"""The kennisbank's panels on the home page (see core.home): the writer's own stories
that wait for them, and for a kwartiermaker the stories recorded on someone's behalf
that wait for review. Two queries: the counts in one aggregate, then the few items."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from kwartier.accounts.models import Role
from kwartier.core.home import AttentionItem, Figure, HomePanel
from kwartier.knowledge import selectors
from kwartier.knowledge.models import State

#: How many stories the to-do list names; the figures count them all.
ATTENTION_LIMIT = 5
WAITING = (State.DRAFT, State.REVIEW)


def panels(request: Any, membership: Any) -> list[HomePanel]:
    if membership.role not in (Role.KWARTIERMAKER, Role.EXPERIENCE_WORKER):
        return []
    own = selectors.experience_list_own(user=request.user, organisation=membership.organisation)
    counts = own.order_by().aggregate(
        drafts=Count("pk", filter=Q(state=State.DRAFT)),
        review=Count("pk", filter=Q(state=State.REVIEW)),
        shared=Count("pk", filter=selectors.shared_q()),
    )
    waiting = list(
        own.filter(state__in=WAITING)
        .select_related(None)
        .prefetch_related(None)
        .only("pk", "state", "title_original")[:ATTENTION_LIMIT]
    )
    attention = tuple(
        AttentionItem(
            text=(
                _("Nalopen: %(title)s") if story.state == State.REVIEW else _("Concept: %(title)s")
            )
            % {"title": story.title_original},
            url=reverse(
                "knowledge:review" if story.state == State.REVIEW else "knowledge:my_detail",
                args=[story.pk],
            ),
        )
        for story in waiting
    )
    mine = reverse("knowledge:mine")
    is_kwartiermaker = membership.role == Role.KWARTIERMAKER
    has_any = any(counts.values())
    return [
        HomePanel(
            title=_("Verhalen") if is_kwartiermaker else _("Mijn verhalen"),
            empty_text=_("U heeft nog geen verhalen geschreven of opgenomen."),
            figures=()
            if not has_any
            else (
                Figure(_("Wachten op nalopen"), counts["review"], url=mine),
                Figure(_("Concepten"), counts["drafts"], url=mine),
                Figure(_("Gedeeld"), counts["shared"]),
            ),
            attention=attention,
            order=30,
            link_url=reverse("knowledge:record" if is_kwartiermaker else "knowledge:create"),
            link_label=_("Verhaal opnemen") if is_kwartiermaker else _("Nieuw verhaal schrijven"),
        )
    ]
