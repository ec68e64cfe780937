"""Vega-Lite to SVG, remembered per process: one chart costs 150 to 400 ms of CPU in
vl-convert, and the plan page, its PDF and a round's results draw the same charts again on
every request (decision 0118).

The SVG is a pure function of the spec and the locale, so the spec itself (as canonical
JSON) is the key: a changed number, label or title is a different key and is drawn anew;
nothing has to be invalidated. The spec holds only what the chart shows, which the page
around it shows too, and the memory is per process and never shared with another. At
most ``SIZE`` charts are kept (a chart is 10 to 60 kB of SVG).

No Django import: the chart modules are plain Python.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from threading import Lock
from typing import Any, Final, Literal

import vl_convert

SIZE: Final = 256

Locale = Literal["nl-NL"]  # the only one the product draws in

_svgs: OrderedDict[tuple[str, Locale | None], str] = OrderedDict()
_lock = Lock()


def vegalite_to_svg(spec: dict[str, Any], *, format_locale: Locale | None = None) -> str:
    """``vl_convert.vegalite_to_svg`` of ``spec``, drawn once per process and spec."""
    key = (json.dumps(spec, sort_keys=True, ensure_ascii=False, default=str), format_locale)
    with _lock:
        svg = _svgs.get(key)
        if svg is not None:
            _svgs.move_to_end(key)
            return svg
    if format_locale is None:
        svg = vl_convert.vegalite_to_svg(spec)
    else:
        svg = vl_convert.vegalite_to_svg(spec, format_locale=format_locale)
    with _lock:
        _svgs[key] = svg
        while len(_svgs) > SIZE:
            _svgs.popitem(last=False)
    return svg


def forget() -> None:
    """Empty the memory (tests)."""
    with _lock:
        _svgs.clear()
