"""Template helpers of wij-kennis."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def lookup(mapping: Any, key: Any) -> Any:
    """`mapping[key]`, or None (dicts keyed by id in views)."""
    try:
        return mapping.get(key)
    except AttributeError:
        return None


@register.filter
def score(value: float | None) -> str:
    """A kappa or alpha with two decimals (Dutch comma), or a dash when undefined."""
    if value is None:
        return "–"
    return f"{value:.2f}".replace(".", ",")
