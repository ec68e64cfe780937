"""The kwartiermaakplan's panels on the home page (see core.home).

Kwartiermaker (and organisation administrator): the warnings of the plan being worked
on. Bestuurder: plan progress, this year's target against what was realised, and a
draft that waits for adoption. Financier: the adopted plans in the network."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from kwartier.accounts.models import Role
from kwartier.core.home import AttentionItem, Figure, HomePanel
from kwartier.planning import selectors
from kwartier.planning.models import Plan

ATTENTION_LIMIT = 5
EDITING_ROLES = (Role.KWARTIERMAKER, Role.ORGANISATION_ADMIN)


def _fte(value: Decimal | float | None) -> str:
    return "–" if value is None else number_format(value, decimal_pos=1)


def _latest_plan(membership: Any) -> Plan | None:
    return selectors.plan_list(organisation=membership.organisation).order_by("-created_at").first()


def _no_plan(membership: Any) -> HomePanel:
    editor = membership.role in EDITING_ROLES
    return HomePanel(
        title=_("Kwartiermaakplan"),
        empty_text=_("Er is nog geen kwartiermaakplan."),
        link_url=reverse("planning:create") if editor else "",
        link_label=_("Begin een plan"),
        order=40,
    )


def _section_url(plan: Plan, section: str) -> str:
    name = "planning:edit" if section == "bewerken" else f"planning:section_{section}"
    return reverse(name, args=[plan.pk])


def _warnings_panel(membership: Any, plan: Plan) -> HomePanel:
    version = selectors.version_current(plan=plan)
    warnings = [warning.render(_) for warning in selectors.version_warnings(version=version)]
    url = reverse("planning:detail", args=[plan.pk])
    return HomePanel(
        title=_("Kwartiermaakplan"),
        figures=(
            Figure(_("Waarschuwingen"), len(warnings), url=url),
            Figure(_("Versie"), version.number, note=version.get_status_display()),
        ),
        attention=tuple(
            AttentionItem(warning.title, _section_url(plan, warning.section))
            for warning in warnings[:ATTENTION_LIMIT]
        ),
        link_url=url,
        link_label=plan.title,
        order=40,
    )


def _progress_panel(membership: Any, plan: Plan) -> HomePanel:
    year = timezone.localdate().year
    adopted = selectors.version_adopted(plan=plan)
    current = selectors.version_current(plan=plan)
    version = adopted or current
    target = selectors.target_list(version=version).filter(year=year).first()
    realised = selectors.progress_list(plan=plan).filter(year=year).first()
    url = reverse("planning:detail", args=[plan.pk])
    attention: tuple[AttentionItem, ...] = ()
    if current.is_draft and membership.role == Role.BOARD_MEMBER:
        attention = (
            AttentionItem(
                _("Versie %(number)s wacht op vaststelling") % {"number": current.number},
                reverse("planning:adopt", args=[plan.pk]),
            ),
        )
    return HomePanel(
        title=_("Voortgang van het plan"),
        figures=(
            Figure(
                _("Doel %(year)s (fte)") % {"year": year}, _fte(target.paid_fte if target else None)
            ),
            Figure(
                _("Gerealiseerd %(year)s (fte)") % {"year": year},
                _fte(realised.fte if realised else None),
                url=reverse("planning:progress", args=[plan.pk]),
            ),
        ),
        attention=attention,
        link_url=url,
        link_label=plan.title,
        order=40,
    )


def _network_panel(request: Any, membership: Any) -> HomePanel:
    plans = selectors.network_plan_list(user=request.user, organisation=membership.organisation)
    count = plans.count()
    return HomePanel(
        title=_("Plannen in het netwerk"),
        figures=(Figure(_("Vastgestelde plannen"), count, url=reverse("planning:list")),)
        if count
        else (),
        empty_text=_("Nog geen organisatie in uw netwerk heeft een plan vastgesteld."),
        order=40,
    )


def panels(request: Any, membership: Any) -> list[HomePanel]:
    role = membership.role
    if role == Role.FINANCIER:
        return [_network_panel(request, membership)]
    if role not in (*EDITING_ROLES, Role.BOARD_MEMBER):
        return []
    plan = _latest_plan(membership)
    if plan is None:
        return [_no_plan(membership)]
    if role in EDITING_ROLES:
        return [_warnings_panel(membership, plan)]
    return [_progress_panel(membership, plan)]
