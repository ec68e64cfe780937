"""Small display helpers for the verkenning's pages and PDF."""

from __future__ import annotations

from django import template

register = template.Library()

NO_SCORE = "–"


@register.filter
def score(value: float | None) -> str:
    """A 0-100 score as a whole number; a dash when there is none (or it is hidden)."""
    return NO_SCORE if value is None else f"{value:.0f}"


@register.filter
def signed(value: float | None) -> str:
    """A change with its sign (+4, −3, 0); a dash when it cannot be computed."""
    if value is None:
        return NO_SCORE
    rounded = round(value)
    if rounded > 0:
        return f"+{rounded}"
    if rounded < 0:
        return f"\u2212{abs(rounded)}"
    return "0"


@register.filter
def get_item(mapping: dict, key: str) -> object:
    return mapping.get(key, "")
