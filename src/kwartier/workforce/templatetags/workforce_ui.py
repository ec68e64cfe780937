"""UI pieces of Inzet: the section links, only those the person may open."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

from kwartier.workforce import selectors

register = template.Library()


@register.inclusion_tag("workforce/_subnav.html", takes_context=True)
def workforce_subnav(context: dict[str, Any]) -> dict[str, Any]:
    request = context["request"]
    membership = getattr(request, "membership", None)
    links = [(_("Ervaringswerkers"), reverse("workforce:home"))]
    if membership:
        organisation = membership.organisation
        manages = request.user.has_perm("workforce.manage_profiles", organisation)
        own = selectors.profile_of_user(organisation=organisation, user=request.user)
        if manages or own is not None:
            links.append((_("Ondersteuning"), reverse("workforce:support")))
        links.append((_("Intervisie"), reverse("workforce:group_list")))
        if own is not None:
            links.append((_("Mijn profiel"), reverse("workforce:profile_detail", args=[own.pk])))
            links.append((_("Mijn portfolio"), reverse("workforce:portfolio", args=[own.pk])))
        # allowance part: the volunteer-allowance check
        if request.user.has_perm("workforce.check_allowance", organisation):
            links.append((_("Vrijwilligersvergoeding"), reverse("workforce:allowance_check")))
        # vacancies part: the organisation's vacancies, and those that fit the worker
        if request.user.has_perm("workforce.view_vacancies", organisation):
            links.append((_("Vacatures"), reverse("vacancies:list")))
        if request.user.has_perm("workforce.view_vacancy_fits", organisation):
            links.append((_("Vacatures voor mij"), reverse("vacancies:for_me")))
    return {"links": links, "current": request.path}
