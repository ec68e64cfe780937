"""Charts of a round's results: Vega-Lite specs rendered to SVG on the server.

The same SVG goes into the web page and the PDF; its title is the ``figcaption``
around it, in both. It carries no style attributes (the
Content-Security-Policy would block them) and no fixed width, so it scales with its
container; the page puts a data table beside it as the text alternative, and the SVG
itself is hidden from screen readers to avoid reading everything twice.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from django.utils.safestring import SafeString, mark_safe

from kwartier.core import vega

PETROL = "#14606a"
ORANGE = "#a86b12"
INK = "#1f2a2c"
FONT = "DejaVu Sans, Noto Sans, Arial, sans-serif"
WEAK_BELOW = 50

_SIZE_ATTRIBUTES = re.compile(
    r'^(<svg\b[^>]*?)\s(?:width|height)="[^"]*"([^>]*?)\s(?:width|height)="[^"]*"'
)


def _config() -> dict[str, Any]:
    return {
        "font": FONT,
        "view": {"stroke": None},
        "axis": {
            "labelColor": INK,
            "titleColor": INK,
            "labelFontSize": 12,
            "titleFontSize": 12,
            "labelLimit": 260,
        },
    }


def to_svg(spec: dict[str, Any]) -> SafeString:
    """Render a spec; drop the fixed size so the viewBox scales, hide it from readers.

    vl-convert escapes every text it draws, so labels from templates are safe here.
    """
    svg = vega.vegalite_to_svg(spec)
    svg = _SIZE_ATTRIBUTES.sub(r"\1\2", svg, count=1)
    svg = svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1)
    return mark_safe(svg)  # noqa: S308  # nosec B308 B703  # vl-convert output of our own spec


def theme_profile_svg(themes: Sequence[tuple[str, float | None]]) -> SafeString:
    """Horizontal bars: score 0-100 per theme, weak themes in orange, a rule at 50."""
    values = [
        {
            "theme": name,
            "score": round(score, 1),
            "weak": "zwak" if score < WEAK_BELOW else "voldoende",
        }
        for name, score in themes
        if score is not None
    ]
    order = [name for name, _score in themes]
    y = {"field": "theme", "type": "nominal", "sort": order, "title": None}
    spec = {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "width": 420,
        "config": _config(),
        "data": {"values": values},
        "layer": [
            {
                "mark": {"type": "bar", "height": 16},
                "encoding": {
                    "y": y,
                    "x": {
                        "field": "score",
                        "type": "quantitative",
                        "scale": {"domain": [0, 100]},
                        "title": "Score (0-100)",
                    },
                    "color": {
                        "field": "weak",
                        "type": "nominal",
                        "scale": {"domain": ["voldoende", "zwak"], "range": [PETROL, ORANGE]},
                        "legend": {"title": None, "orient": "bottom"},
                    },
                },
            },
            {
                "mark": {"type": "text", "align": "left", "dx": 4, "color": INK},
                "encoding": {
                    "y": y,
                    "x": {"field": "score", "type": "quantitative"},
                    "text": {"field": "score", "type": "quantitative", "format": ".0f"},
                },
            },
            {
                "data": {"values": [{"x": WEAK_BELOW}]},
                "mark": {"type": "rule", "color": INK, "strokeDash": [4, 3]},
                "encoding": {"x": {"field": "x", "type": "quantitative"}},
            },
        ],
    }
    return to_svg(spec)


def group_response_svg(groups: Sequence[tuple[str, int]]) -> SafeString:
    """Respondents per group as bars, with the count printed beside each bar."""
    values = [{"group": label, "count": count} for label, count in groups]
    order = [label for label, _count in groups]
    y = {"field": "group", "type": "nominal", "sort": order, "title": None}
    spec = {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "width": 420,
        "config": _config(),
        "data": {"values": values},
        "layer": [
            {
                "mark": {"type": "bar", "height": 16, "color": PETROL},
                "encoding": {
                    "y": y,
                    "x": {
                        "field": "count",
                        "type": "quantitative",
                        "title": "Respondenten",
                        "axis": {"tickMinStep": 1},
                    },
                },
            },
            {
                "mark": {"type": "text", "align": "left", "dx": 4, "color": INK},
                "encoding": {
                    "y": y,
                    "x": {"field": "count", "type": "quantitative"},
                    "text": {"field": "count", "type": "quantitative"},
                },
            },
        ],
    }
    return to_svg(spec)
