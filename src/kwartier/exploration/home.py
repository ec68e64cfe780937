"""The verkenning's panels on the home page (see core.home).

A kwartiermaker (or organisation administrator) sees the rounds that are running and
those whose deadline passed without being closed. A bestuurder sees readiness: the theme
scores of the latest closed round, weakest first (its published figures only)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kwartier.accounts.models import Role
from kwartier.core.home import AttentionItem, Figure, HomePanel
from kwartier.exploration import selectors
from kwartier.exploration.models import Round, RoundStatus
from kwartier.exploration.rules import MANAGING_ROLES

ATTENTION_LIMIT = 5


def _rounds_panel(membership: Any) -> HomePanel:
    organisation = membership.organisation
    today = timezone.localdate()
    rounds = selectors.round_list(organisation=organisation)
    counts = Round.objects.filter(organisation=organisation).aggregate(
        open=Count("pk", filter=Q(status=RoundStatus.OPEN)),
        closed=Count("pk", filter=Q(status=RoundStatus.CLOSED)),
    )
    open_rounds = list(rounds.filter(status=RoundStatus.OPEN)[:ATTENTION_LIMIT])
    attention = tuple(
        AttentionItem(
            text=(
                _("Einddatum verstreken, sluit de ronde af: %(title)s")
                if round.deadline < today
                else _("Loopt tot %(deadline)s: %(title)s (%(respondents)s ingevuld)")
            )
            % {
                "title": round.title,
                "deadline": round.deadline.strftime("%d-%m-%Y"),
                # Annotated by selectors.round_list.
                "respondents": getattr(round, "respondents", 0),
            },
            url=reverse("exploration:round_detail", args=[round.pk]),
        )
        for round in open_rounds
    )
    has_any = counts["open"] or counts["closed"]
    return HomePanel(
        title=_("Verkenning"),
        figures=(
            (
                Figure(_("Lopende rondes"), counts["open"], url=reverse("exploration:round_list")),
                Figure(_("Afgesloten rondes"), counts["closed"]),
            )
            if has_any
            else ()
        ),
        attention=attention,
        empty_text=_("Nog geen verkenning. Een ronde laat zien hoe klaar de organisatie is."),
        link_url="" if has_any else reverse("exploration:round_create"),
        link_label=_("Start een verkenning"),
        order=20,
    )


def _readiness_panel(membership: Any) -> HomePanel:
    organisation = membership.organisation
    latest = (
        selectors.round_list(organisation=organisation)
        .filter(status=RoundStatus.CLOSED)
        .order_by("-closed_at", "-pk")
        .first()
    )
    if latest is None:
        return HomePanel(
            title=_("Gereedheid"),
            empty_text=_("Er is nog geen afgesloten verkenning met resultaten."),
            order=20,
        )
    results = selectors.round_results(round=latest, with_previous=False).results
    scored = sorted(
        (theme for theme in results.themes if theme.score is not None),
        key=lambda theme: theme.score or 0.0,
    )
    url = reverse("exploration:round_results", args=[latest.pk])
    return HomePanel(
        title=_("Gereedheid"),
        figures=tuple(
            Figure(theme.name, f"{theme.score:.0f}", note=_("van 100")) for theme in scored[:4]
        ),
        attention=tuple(
            AttentionItem(_("Zwak thema: %(name)s") % {"name": theme.name}, url=url)
            for theme in scored
            if theme.key in results.weak_themes
        )[:ATTENTION_LIMIT],
        empty_text=_("De laatste verkenning heeft nog geen publiceerbare resultaten."),
        link_url=url,
        link_label=_("Resultaten van %(title)s") % {"title": latest.title},
        order=20,
    )


def panels(request: Any, membership: Any) -> list[HomePanel]:
    if membership.role in MANAGING_ROLES:
        return [_rounds_panel(membership)]
    if membership.role == Role.BOARD_MEMBER:
        return [_readiness_panel(membership)]
    return []
