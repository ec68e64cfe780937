"""Charts of the results report: Vega-Lite rendered to SVG on the server, as in the plan
(decision 0021): the same ``data:`` image in the page and in the PDF, with a title and a
text alternative, the numbers beside it in a table. No Django import."""

from __future__ import annotations

import base64
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final

from kwartier.core import vega

COLOUR: Final = "#0072B2"
FONT: Final = "DejaVu Sans"


@dataclass(frozen=True)
class Chart:
    title: str
    description: str
    svg: str

    @property
    def data_uri(self) -> str:
        encoded = base64.b64encode(self.svg.encode("utf-8")).decode("ascii")
        return f"data:image/svg+xml;base64,{encoded}"


def bar_chart(title: str, bars: Sequence[tuple[str, int]], *, axis_title: str) -> Chart:
    """Horizontal bars, one per label, in the given order."""
    values: list[dict[str, Any]] = [{"label": label, "value": value} for label, value in bars]
    spec = {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "title": title,
        "width": 440,
        "height": {"step": 28},
        "data": {"values": values},
        "mark": {"type": "bar", "color": COLOUR},
        "encoding": {
            "y": {"field": "label", "type": "nominal", "sort": None, "title": None},
            "x": {"field": "value", "type": "quantitative", "title": axis_title},
        },
        "config": {
            "font": FONT,
            "axis": {"labelFontSize": 12, "titleFontSize": 12, "labelLimit": 260},
            "title": {"fontSize": 14},
        },
    }
    description = "; ".join(f"{label}: {value}" for label, value in bars)
    return Chart(title=title, description=description, svg=vega.vegalite_to_svg(spec))
