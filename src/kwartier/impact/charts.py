"""The responsiveness chart: a Vega-Lite spec rendered to SVG on the server (decision
0021, as the plan's charts), shown as an ``<img>`` with a text alternative and, beside
it, the same numbers as a table. No Django import: the views pass plain numbers in.
"""

from __future__ import annotations

import base64
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Final

from kwartier.core import vega
from kwartier.impact.figures import Responsiveness

RAISED: Final = "Ingediend"
ANSWERED: Final = "Beantwoord"
CHANGED: Final = "Verandering doorgevoerd"
# Okabe-Ito, colour-blind safe.
COLOURS: Final = ("#0072B2", "#009E73", "#D55E00")
FONT: Final = "DejaVu Sans"
MONTHS: Final = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


@dataclass(frozen=True)
class Chart:
    title: str
    description: str
    svg: str

    @property
    def data_uri(self) -> str:
        encoded = base64.b64encode(self.svg.encode("utf-8")).decode("ascii")
        return f"data:image/svg+xml;base64,{encoded}"


def month_label(first: date) -> str:
    return f"{MONTHS[first.month - 1]} {first.year}"


def responsiveness_chart(*, title: str, rows: Sequence[tuple[date, Responsiveness]]) -> Chart:
    """Signals raised, answered and changed per month (grouped bars)."""
    values: list[dict[str, Any]] = []
    order = [month_label(first) for first, _figures in rows]
    for first, figures in rows:
        for series, count in (
            (RAISED, figures.signals),
            (ANSWERED, figures.answered),
            (CHANGED, figures.change_made),
        ):
            values.append({"maand": month_label(first), "reeks": series, "aantal": count})
    highest = max([figures.signals for _first, figures in rows] + [1])
    step = max(1, math.ceil(highest / 5))
    ticks = list(range(0, highest + step, step))
    spec: dict[str, Any] = {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "title": title,
        "width": 640,
        "height": 220,
        "data": {"values": values},
        "mark": {"type": "bar"},
        "config": {
            "font": FONT,
            "axis": {"labelFontSize": 11, "titleFontSize": 12},
            "legend": {"labelFontSize": 12, "orient": "bottom", "title": None},
            "title": {"fontSize": 14},
        },
        "encoding": {
            "x": {
                "field": "maand",
                "type": "ordinal",
                "sort": order,
                "title": None,
                "axis": {"labelAngle": -45},
            },
            "xOffset": {"field": "reeks", "sort": [RAISED, ANSWERED, CHANGED]},
            "y": {
                "field": "aantal",
                "type": "quantitative",
                "title": "Signalen",
                "axis": {"values": ticks, "format": "d"},
                "scale": {"domain": [0, ticks[-1]]},
            },
            "color": {
                "field": "reeks",
                "type": "nominal",
                "scale": {"domain": [RAISED, ANSWERED, CHANGED], "range": list(COLOURS)},
            },
        },
    }
    total = sum(figures.signals for _first, figures in rows)
    answered = sum(figures.answered for _first, figures in rows)
    changed = sum(figures.change_made for _first, figures in rows)
    description = (
        f"{title}. Over {len(rows)} maanden: {total} signalen ingediend, {answered} beantwoord, "
        f"{changed} met een doorgevoerde verandering. "
        "De tabel hieronder geeft de cijfers per maand."
    )
    svg = vega.vegalite_to_svg(spec, format_locale="nl-NL")
    return Chart(title=title, description=description, svg=svg)
