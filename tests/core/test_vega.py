"""The charts' SVG is remembered per process, keyed by the spec itself (decision 0118)."""

from __future__ import annotations

import pytest

from kwartier.core import vega


@pytest.fixture(autouse=True)
def _empty_memory():
    vega.forget()
    yield
    vega.forget()


def _spec(value: float, title: str = "Ervaringswerkers") -> dict:
    return {
        "title": title,
        "data": {"values": [{"jaar": "2026", "fte": value}]},
        "mark": "bar",
        "encoding": {
            "x": {"field": "jaar", "type": "ordinal"},
            "y": {"field": "fte", "type": "quantitative"},
        },
    }


def test_the_same_spec_is_drawn_once_and_a_changed_one_again(monkeypatch):
    drawn = []
    real = vega.vl_convert.vegalite_to_svg

    def counting(spec, **options):
        drawn.append(spec["data"]["values"][0]["fte"])
        return real(spec, **options)

    monkeypatch.setattr(vega.vl_convert, "vegalite_to_svg", counting)
    first = vega.vegalite_to_svg(_spec(2.5), format_locale="nl-NL")
    assert vega.vegalite_to_svg(_spec(2.5), format_locale="nl-NL") == first
    assert drawn == [2.5]
    changed = vega.vegalite_to_svg(_spec(3.5), format_locale="nl-NL")
    assert changed != first and drawn == [2.5, 3.5]
    assert "Andere titel" in vega.vegalite_to_svg(_spec(2.5, "Andere titel"))
    assert drawn == [2.5, 3.5, 2.5]


def test_the_memory_keeps_at_most_size_charts(monkeypatch):
    monkeypatch.setattr(vega.vl_convert, "vegalite_to_svg", lambda spec, **_: str(spec["title"]))
    monkeypatch.setattr(vega, "SIZE", 3)
    for n in range(5):
        vega.vegalite_to_svg(_spec(1, title=f"t{n}"))
    assert len(vega._svgs) == 3
