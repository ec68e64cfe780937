"""Number formats and small components of the plan pages.

Numbers are formatted the Dutch way by Django's localisation (2,5 fte; € 1.250.000);
the filters only fix the precision, so the page, the PDF and the API agree to the digit.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def fte(value: Any) -> str:
    """One decimal: `{{ 2.75|fte }}` gives 2,8 (in Dutch)."""
    if value is None or value == "":
        return "–"
    # Round first: Django's number_format cuts digits off (2.96 would read 2,9).
    return number_format(round(float(value), 1), decimal_pos=1, use_l10n=True, force_grouping=True)


@register.filter
def euro(value: Any) -> str:
    """Whole euros with thousands separators: € 1.342.500."""
    if value is None or value == "":
        return "–"
    return "€\u00a0" + number_format(
        round(float(value)), decimal_pos=0, use_l10n=True, force_grouping=True
    )


@register.filter
def percent(value: Any) -> str:
    """A fraction as a percentage with one decimal: 0.255 gives 25,5 %."""
    if value is None or value == "":
        return "–"
    return number_format(round(float(value) * 100, 1), decimal_pos=1, use_l10n=True) + "\u00a0%"


@register.filter
def signed_fte(value: Any) -> str:
    if value is None:
        return "–"
    sign = "+" if float(value) > 0 else ""
    return sign + fte(value)


@register.inclusion_tag("planning/_chart.html")
def plan_chart(chart: Any, id_prefix: str = "grafiek") -> dict[str, Any]:
    """An SVG chart as an image with its title as caption and its text alternative as alt.

    Usage: `{% plan_chart scenarios_chart %}`. Renders nothing when there is no chart.
    """
    return {"chart": chart, "id_prefix": id_prefix}


@register.inclusion_tag("planning/_checkbox.html")
def plan_checkbox(field: Any) -> dict[str, Any]:
    """A checkbox with its label beside it, on Utrecht's checkbox grid.

    The shared `form_field` component puts box and label together in the grid's narrow
    first column, which breaks the label letter by letter; until that is fixed there,
    the plan's row forms ("Verwijderen", "Gehaald") use this.
    """
    return {
        "field": field,
        "widget": field.as_widget(attrs={"class": "utrecht-checkbox utrecht-checkbox--html-input"}),
    }
