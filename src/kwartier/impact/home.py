"""Resultaten's panels on the home page (see core.home): overdue signals for a
kwartiermaker, one's own signals and contributions for an experience worker,
responsiveness for a bestuurder and the network's figures for a financier. Counts only."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from kwartier.accounts.models import Role
from kwartier.core.home import AttentionItem, Figure, HomePanel
from kwartier.impact import measures
from kwartier.impact.models import ReportPeriod, Signal, SignalState
from kwartier.impact.rules import RESULTS_MANAGING_ROLES

OPEN_STATES = (SignalState.OPEN,)


def _percent(rate: float | None) -> str:
    return "–" if rate is None else f"{round(100 * rate)}%"


def _days(days: float | None) -> str:
    return "–" if days is None else number_format(days, decimal_pos=0)


def _kwartiermaker(membership: Any) -> HomePanel:
    organisation = membership.organisation
    now = timezone.now()
    counts = Signal.objects.filter(organisation=organisation).aggregate(
        open=Count("pk", filter=Q(state__in=OPEN_STATES)),
        overdue=Count("pk", filter=Q(state__in=OPEN_STATES, due_at__lt=now)),
    )
    today = timezone.localdate()
    month = measures.contributions_by_level(
        organisation_ids=[organisation.pk], start=today.replace(day=1), end=today
    ).get(organisation.pk)
    return HomePanel(
        title=_("Resultaten"),
        figures=(
            Figure(_("Signalen over de termijn"), counts["overdue"], url=reverse("impact:signals")),
            Figure(_("Open signalen"), counts["open"], url=reverse("impact:signals")),
            Figure(_("Bijdragen deze maand"), sum(month[0].values()) if month else 0),
        ),
        attention=(
            (
                AttentionItem(
                    _("%(count)s signalen wachten te lang op antwoord")
                    % {"count": counts["overdue"]},
                    reverse("impact:signals"),
                ),
            )
            if counts["overdue"]
            else ()
        ),
        link_url=reverse("impact:goals"),
        link_label=_("Doelen en rapporten"),
        order=10,
    )


def _worker(request: Any, membership: Any) -> HomePanel:
    organisation = membership.organisation
    today = timezone.localdate()
    counts = Signal.objects.filter(organisation=organisation, raised_by=request.user).aggregate(
        open=Count("pk", filter=Q(state=SignalState.OPEN)),
        answered=Count(
            "pk", filter=Q(state__in=[SignalState.ANSWERED, SignalState.CHANGE_PLANNED])
        ),
        changed=Count("pk", filter=Q(state=SignalState.CHANGE_MADE)),
    )
    contributions = measures.contributions_of_user(
        user=request.user, organisation=organisation, start=today.replace(day=1), end=today
    )
    return HomePanel(
        title=_("Mijn bijdragen en signalen"),
        figures=(
            Figure(_("Mijn bijdragen deze maand"), contributions),
            Figure(_("Mijn signalen: wachten op antwoord"), counts["open"]),
            Figure(_("Mijn signalen: beantwoord"), counts["answered"]),
            Figure(_("Mijn signalen: veranderd"), counts["changed"]),
        ),
        link_url=reverse("impact:contribution_create"),
        link_label=_("Bijdrage vastleggen"),
        order=10,
    )


def _board(membership: Any) -> HomePanel:
    today = timezone.localdate()
    period = measures.period_of(ReportPeriod.YEAR, today.year)
    figures = measures.organisation_figures(
        organisation=membership.organisation, period=period, today=today
    )
    signals = figures.signals
    return HomePanel(
        title=_("Responsiviteit %(year)s") % {"year": today.year},
        figures=(
            Figure(_("Signalen"), signals.signals),
            Figure(_("Reactiegraad"), _percent(signals.response_rate)),
            Figure(_("Mediaan dagen tot reactie"), _days(signals.median_days_to_response)),
            Figure(_("Veranderingen doorgevoerd"), signals.change_made),
        ),
        link_url=reverse("impact:reports"),
        link_label=_("Rapporten"),
        order=10,
    )


def _financier(membership: Any) -> HomePanel:
    organisation = membership.organisation
    network = organisation.networks.order_by("name").first()
    if network is None:
        return HomePanel(
            title=_("Resultaten in het netwerk"),
            empty_text=_("Uw organisatie is nog geen lid van een netwerk in de regio."),
            order=10,
        )
    today = timezone.localdate()
    table = measures.network_table(
        network=network,
        period=measures.period_of(ReportPeriod.YEAR, today.year),
        today=today,
        excluding=organisation,
    )

    def shown(column: str) -> str | int:
        value = table.total.cells[column].value
        return _("<5") if value is None else value

    return HomePanel(
        title=_("Resultaten in %(network)s, %(year)s")
        % {"network": network.name, "year": today.year},
        figures=(
            Figure(_("Organisaties"), len(table.rows)),
            Figure(_("Bijdragen op beleidsniveau"), shown("contributions_policy")),
            Figure(_("Signalen"), shown("signals")),
            Figure(
                _("Reactiegraad"),
                _("<5") if table.total.rate_suppressed else _percent(table.total.response_rate),
            ),
            Figure(_("Veranderingen doorgevoerd"), shown("change_made")),
        ),
        link_url=reverse("impact:network"),
        link_label=_("Naar het netwerkoverzicht"),
        order=10,
    )


def panels(request: Any, membership: Any) -> list[HomePanel]:
    role = membership.role
    if role in RESULTS_MANAGING_ROLES:
        return [_kwartiermaker(membership)]
    if role == Role.EXPERIENCE_WORKER:
        return [_worker(request, membership)]
    if role == Role.BOARD_MEMBER:
        return [_board(membership)]
    if role == Role.FINANCIER:
        return [_financier(membership)]
    return []
