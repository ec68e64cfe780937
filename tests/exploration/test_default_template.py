"""The default scan: complete, consistent, and usable by the scoring kernel."""

from __future__ import annotations

import re
from collections import Counter

from kwartier.exploration.default_template import (
    GROUP_LABELS,
    MAX_ADVICE_PER_THEME,
    MAX_STATEMENTS_PER_THEME,
    MIN_ADVICE_PER_THEME,
    MIN_STATEMENTS_PER_THEME,
    ScanTemplate,
    default_template,
)
from kwartier.exploration.scoring import ANSWER_KEYS, Response, Template, score_round

EXPECTED_THEMES = {
    "motive",
    "buy_in",
    "role",
    "positioning",
    "support",
    "conditions",
    "embedding",
    "results",
    "collective",
    "regional",
}


def test_is_a_scoring_template() -> None:
    template = default_template()
    assert isinstance(template, ScanTemplate)
    assert isinstance(template, Template)


def test_covers_the_themes_of_kwartiermaken() -> None:
    assert {theme.key for theme in default_template().themes} == EXPECTED_THEMES


def test_every_theme_has_three_to_six_statements() -> None:
    template = default_template()
    per_theme = Counter(statement.theme for statement in template.statements)
    for theme in template.themes:
        assert MIN_STATEMENTS_PER_THEME <= per_theme[theme.key] <= MAX_STATEMENTS_PER_THEME


def test_keys_are_unique_and_stable_in_form() -> None:
    template = default_template()
    keys = [s.key for s in template.statements] + [q.key for q in template.open_questions]
    assert len(keys) == len(set(keys))
    for statement in template.statements:
        assert re.fullmatch(rf"{statement.theme}_[1-9]", statement.key)


def test_reversed_and_red_flag_statements() -> None:
    statements = default_template().statements
    assert any(s.reversed and not s.red_flag for s in statements)
    red_flags = [s for s in statements if s.red_flag]
    assert len(red_flags) >= 3
    assert all(s.reversed for s in red_flags)
    assert {s.theme for s in red_flags} == {"motive"}


def test_every_theme_has_concrete_advice() -> None:
    template = default_template()
    assert set(template.advice) == EXPECTED_THEMES
    for steps in template.advice.values():
        assert MIN_ADVICE_PER_THEME <= len(steps) <= MAX_ADVICE_PER_THEME
        assert all(step.strip() and step.endswith((".", "?")) for step in steps)


def test_labels_and_open_questions() -> None:
    template = default_template()
    assert list(template.scale_labels) == list(ANSWER_KEYS)
    assert template.scale_labels["dont_know"] == "Weet niet"
    assert set(GROUP_LABELS) == {
        "werkvloer",
        "middenkader",
        "bestuur",
        "beleid",
        "ervaringswerkers",
        "clienten_partners",
    }
    assert template.group_labels == GROUP_LABELS
    assert len(template.open_questions) >= 3
    assert all(question.text.endswith("?") for question in template.open_questions)


def test_texts_are_complete_sentences() -> None:
    for statement in default_template().statements:
        assert statement.text[0].isupper() and statement.text.endswith(".")
        assert "  " not in statement.text


def test_each_call_returns_a_fresh_copy() -> None:
    first = default_template()
    first.advice["motive"] = ()  # type: ignore[index]
    assert default_template().advice["motive"]


def test_scores_a_round() -> None:
    template = default_template()
    everyone_agrees = {s.key: 5 for s in template.statements}
    results = score_round(
        template,
        [Response(group, everyone_agrees) for group in GROUP_LABELS for _ in range(5)],
        groups=tuple(GROUP_LABELS),
    )
    assert results.respondents == 30
    motive = results.themes[0]
    # motive: 3 ordinary statements at 5, 3 reversed red flags at 6 − 5 = 1:
    # mean (3 × 5 + 3 × 1) / 6 = 3 → 50.0; every red flag is raised (100 % agree)
    assert motive.score == 50.0
    assert len(results.red_flags) == 3
