"""clean_name: names that look the same are the same name (issue 18.6)."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kwartier.core.text import clean_name, clean_text

INVISIBLE = ["\u200b", "\u200e", "\u200f", "\u202e", "\u202a", "\u2066", "\ufeff", "\u00ad"]


@pytest.mark.parametrize("mark", INVISIBLE)
def test_invisible_and_direction_characters_do_not_make_another_name(mark):
    assert clean_name(f"In{mark}loop") == "Inloop"
    assert clean_name(f"{mark}Inloop{mark}") == "Inloop"


def test_composed_and_decomposed_accents_are_one_name():
    assert clean_name("Coo\u0308rdinatoren") == clean_name("Coördinatoren") == "Coördinatoren"


def test_white_space_is_folded():
    assert clean_name("  Wijkteam \t\n  Noord ") == "Wijkteam Noord"


def test_clean_text_keeps_lines_and_emoji_joiners():
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    assert clean_text(f"Regel een  \r\nRegel\u202e twee {family}") == (
        f"Regel een\nRegel twee {family}"
    )


@given(st.text())
def test_clean_name_is_idempotent_and_leaves_nothing_invisible(value):
    cleaned = clean_name(value)
    assert clean_name(cleaned) == cleaned
    assert unicodedata.is_normalized("NFC", cleaned)
    assert not any(unicodedata.category(char) in {"Cf", "Cc"} for char in cleaned)
    assert cleaned == cleaned.strip()


@given(st.text(), st.lists(st.sampled_from(INVISIBLE), max_size=5), st.data())
def test_inserting_invisible_characters_never_changes_the_name(value, marks, data):
    text = value
    for mark in marks:
        position = data.draw(st.integers(min_value=0, max_value=len(text)))
        text = text[:position] + mark + text[position:]
    assert clean_name(text) == clean_name(value)
