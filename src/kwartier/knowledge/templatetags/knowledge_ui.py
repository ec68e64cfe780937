"""Template helpers of the knowledge bank. Every piece of text is escaped here; only the
<mark> elements this code adds are markup."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django import template
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from kwartier.knowledge.forms import LABEL_NAMES
from kwartier.knowledge.models import Decision, State

register = template.Library()

CONTEXT_CHARS = 60


@register.filter
def snippet(segments: Iterable[tuple[str, bool]]) -> SafeString:
    """Search-hit segments as HTML: matched words in <mark>, everything escaped."""
    return format_html_join(
        "",
        "{}",
        (
            (format_html("<mark>{}</mark>", text) if is_match else escape(text),)
            for text, is_match in segments
        ),
    )


@register.filter
def label_name(label: str) -> str:
    return str(LABEL_NAMES.get(label, label))


@register.filter
def state_badge(state: str) -> str:
    """The status-badge modifier that fits a state."""
    badges: dict[str, str] = {
        State.PUBLISHED.value: "utrecht-status-badge--success",
        State.REVIEW.value: "utrecht-status-badge--warning",
        State.DEIDENTIFYING.value: "utrecht-status-badge--warning",
        State.WITHDRAWN.value: "utrecht-status-badge--error",
    }
    return badges.get(str(state), "")


@register.simple_tag
def suggestion_context(text: str, suggestion: Any) -> SafeString:
    """The words around a suggestion, with the suggestion itself marked."""
    start, end = suggestion.start, suggestion.end
    before_start = max(0, start - CONTEXT_CHARS)
    after_end = min(len(text), end + CONTEXT_CHARS)
    return format_html(
        "{}{}<mark>{}</mark>{}{}",
        "…" if before_start > 0 else "",
        text[before_start:start],
        text[start:end],
        text[end:after_end],
        "…" if after_end < len(text) else "",
    )


@register.simple_tag
def highlighted(text: str, suggestions: Sequence[Any]) -> SafeString:
    """The whole text with every suggestion marked and its kind named after it.

    Rejected suggestions stay visible but unmarked, so the author sees what they keep.
    """
    pieces: list[str] = []
    position = 0
    for suggestion in sorted(suggestions, key=lambda s: (s.start, s.end)):
        if suggestion.start < position:
            continue  # overlapping author additions: the first one shows the place
        pieces.append(escape(text[position : suggestion.start]))
        label = LABEL_NAMES.get(suggestion.label, suggestion.label)
        original = text[suggestion.start : suggestion.end]
        if suggestion.decision == Decision.REJECTED:
            pieces.append(
                format_html(
                    '{} <span class="kwartier-redaction-label">[{}: {}]</span>',
                    original,
                    label,
                    _kept(),
                )
            )
        else:
            pieces.append(
                format_html(
                    '<mark>{}</mark> <span class="kwartier-redaction-label">[{}]</span>',
                    original,
                    label,
                )
            )
        position = suggestion.end
    pieces.append(escape(text[position:]))
    return mark_safe("".join(pieces).replace("\n", "<br>"))  # noqa: S308  # nosec B308 B703  # escaped above


def _kept() -> str:
    from django.utils.translation import gettext

    return gettext("blijft staan")


@register.filter
def get_param(query: Any, name: str) -> str:
    """One query-string value (for keeping filters in a search form)."""
    return str(query.get(name, "")) if query is not None else ""
