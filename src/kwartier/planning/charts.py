"""Charts of the plan: Vega-Lite specs rendered to SVG on the server (no chart JavaScript).

The SVG goes into the page and into the PDF as the same ``data:`` image, with a title and
a text alternative; the page also shows the numbers as a table. An ``<img>`` keeps the
SVG out of the page's DOM, so its styling can never clash with the Content-Security-Policy
(``img-src`` allows ``data:``), and WeasyPrint draws the same image.

No Django import: the views pass plain numbers in.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from kwartier.core import vega

TARGET_SERIES: Final = "Doel"
ACTUAL_SERIES: Final = "Werkelijk"
# Colour-blind safe pairs (Okabe-Ito), the target in dark grey.
PALETTE: Final = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9")
TARGET_COLOUR: Final = "#333333"
FONT: Final = "DejaVu Sans"


@dataclass(frozen=True)
class Chart:
    title: str
    description: str  # the text alternative: one sentence with the main numbers
    svg: str

    @property
    def data_uri(self) -> str:
        encoded = base64.b64encode(self.svg.encode("utf-8")).decode("ascii")
        return f"data:image/svg+xml;base64,{encoded}"


def _render(spec: dict[str, Any]) -> str:
    return vega.vegalite_to_svg(spec, format_locale="nl-NL")


def _base(title: str, values: list[dict[str, Any]], series: Sequence[str]) -> dict[str, Any]:
    colours = [
        TARGET_COLOUR if name == TARGET_SERIES else PALETTE[i % len(PALETTE)]
        for i, name in enumerate(series)
    ]
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "title": title,
        "width": 520,
        "height": 240,
        "data": {"values": values},
        "config": {
            "font": FONT,
            "axis": {"labelFontSize": 12, "titleFontSize": 12},
            "legend": {"labelFontSize": 12, "titleFontSize": 12, "orient": "bottom"},
            "title": {"fontSize": 14},
        },
        "encoding": {
            "x": {"field": "jaar", "type": "ordinal", "title": "Jaar", "axis": {"labelAngle": 0}},
            "y": {
                "field": "fte",
                "type": "quantitative",
                "title": "Ervaringswerkers (fte)",
                "axis": {"format": ",.1f"},
            },
            "color": {
                "field": "reeks",
                "type": "nominal",
                "title": None,
                "scale": {"domain": list(series), "range": colours},
            },
        },
    }


def _layers(series_with_lines: Sequence[str]) -> list[dict[str, Any]]:
    return [
        {
            "transform": [{"filter": {"field": "reeks", "oneOf": list(series_with_lines)}}],
            "mark": {"type": "line", "point": {"filled": True, "size": 50}, "strokeWidth": 2.5},
            "encoding": {"strokeDash": {"field": "reeks", "type": "nominal", "legend": None}},
        },
        {
            "transform": [{"filter": {"field": "reeks", "equal": TARGET_SERIES}}],
            "mark": {"type": "point", "shape": "diamond", "size": 140, "filled": True},
        },
    ]


def _fte(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


def scenarios_chart(
    *,
    title: str,
    targets: Mapping[int, float],
    scenarios: Sequence[tuple[str, Mapping[int, float]]],
) -> Chart:
    """Experience-worker FTE per year of each scenario, with the targets as diamonds."""
    values = [
        {"jaar": year, "fte": fte, "reeks": name}
        for name, per_year in scenarios
        for year, fte in sorted(per_year.items())
    ]
    values += [
        {"jaar": year, "fte": fte, "reeks": TARGET_SERIES} for year, fte in sorted(targets.items())
    ]
    names = [name for name, _ in scenarios]
    series = [*names, TARGET_SERIES] if targets else names
    spec = _base(title, values, series)
    spec["layer"] = _layers(names)
    sentences = []
    for name, per_year in scenarios:
        if per_year:
            last_year = max(per_year)
            sentences.append(f"{name}: {_fte(per_year[last_year])} fte in {last_year}")
    if targets:
        sentences.append(
            "doelen: "
            + ", ".join(f"{_fte(fte)} fte in {year}" for year, fte in sorted(targets.items()))
        )
    description = f"{title}. " + "; ".join(sentences) + "." if sentences else f"{title}."
    return Chart(title=title, description=description, svg=_render(spec))


def progress_chart(
    *, title: str, targets: Mapping[int, float], actuals: Mapping[int, float]
) -> Chart:
    """Actual experience-worker FTE per year against the targets."""
    values = [
        {"jaar": year, "fte": fte, "reeks": ACTUAL_SERIES} for year, fte in sorted(actuals.items())
    ]
    values += [
        {"jaar": year, "fte": fte, "reeks": TARGET_SERIES} for year, fte in sorted(targets.items())
    ]
    series = [ACTUAL_SERIES, TARGET_SERIES]
    spec = _base(title, values, series)
    spec["layer"] = _layers([ACTUAL_SERIES])
    parts = [f"{_fte(fte)} fte in {year}" for year, fte in sorted(actuals.items())]
    goals = [f"{_fte(fte)} fte in {year}" for year, fte in sorted(targets.items())]
    description = (
        f"{title}. Werkelijk: {', '.join(parts) or 'nog niets ingevoerd'}; "
        f"doelen: {', '.join(goals) or 'geen'}."
    )
    return Chart(title=title, description=description, svg=_render(spec))
