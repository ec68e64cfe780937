"""`{% allowance_check_url profile %}`: a link to the volunteer-allowance check with the
profile's agreed allowance filled in (allowance part of issue 9)."""

from __future__ import annotations

from typing import Any

from django import template

from kwartier.workforce.allowance_views import check_url_for

register = template.Library()


@register.simple_tag
def allowance_check_url(profile: Any) -> str:
    return check_url_for(
        born=profile.date_of_birth,
        per_hour=profile.allowance_per_hour,
        per_month=profile.allowance_per_month,
        hours_per_week=profile.available_hours,
    )
