"""Charts render to SVG that works under the CSP; numbers read the Dutch way, rounded."""

from __future__ import annotations

import base64

from django.utils import translation

from kwartier.planning.charts import progress_chart, scenarios_chart
from kwartier.planning.templatetags.planning_ui import euro, fte, percent, signed_fte


def test_scenarios_chart_is_svg_with_a_text_alternative():
    chart = scenarios_chart(
        title="Ervaringswerkers per scenario",
        targets={2027: 3.0},
        scenarios=[("A", {2026: 1.5, 2027: 2.96}), ("B", {2026: 2.0, 2027: 4.0})],
    )
    assert chart.svg.startswith("<svg") and "style=" not in chart.svg
    assert base64.b64decode(chart.data_uri.split(",", 1)[1]).decode() == chart.svg
    assert chart.description == (
        "Ervaringswerkers per scenario. A: 3,0 fte in 2027; B: 4,0 fte in 2027; "
        "doelen: 3,0 fte in 2027."
    )


def test_progress_chart_without_actuals_says_so():
    chart = progress_chart(title="Voortgang", targets={2030: 8.0}, actuals={})
    assert "nog niets ingevoerd" in chart.description and "<svg" in chart.svg


def test_numbers_are_rounded_not_cut_off():
    with translation.override("nl"):
        assert fte(2.96) == "3,0"
        assert fte(1234.56) == "1.234,6"
        assert fte(None) == "–"
        assert euro(3074682.7) == "€\u00a03.074.683"
        assert percent(0.1916) == "19,2\u00a0%"
        assert signed_fte(0.5) == "+0,5" and signed_fte(-0.25) == "-0,2"
