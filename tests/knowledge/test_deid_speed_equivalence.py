"""Property tests: the faster forms of engine steps give exactly what the plain forms gave.

The engine skips work where it cannot find anything (prefilters) and looks words up
once per text instead of once per occurrence (bench/deid.py, speed). These tests keep
the straightforward versions as references and compare on generated text.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kwartier.knowledge.deid import informal
from kwartier.knowledge.deid.spans import LOCATION, ORGANISATION, PERSON, Span

_NAMES = ["Yonas", "Hoop", "Senait", "Łukasz", "Ayşe", "Bram", "Koning"]
_PIECES = [*_NAMES, "yonas", "hoop", "YONAS", "s", "'s", "’s", "'", "’", "-", "@", ".", "_"]
_PIECES += [
    " ",
    " ",
    "\n",
    "de",
    "x",
    "é",
    "ə",
    "5",
    "x'",
    "a’",
    "b-'",
    " Yonas ",
    "Hoop's",
    "İ",
    "\u212aoning",
    "HOOP",
    "Senaits",
    "yonass",
]


def _reference_propagate(text: str, spans: list[Span]) -> list[tuple[int, int, str]]:
    """propagate_names as it was: one regular-expression pass over every word."""
    exact: dict[str, str] = {}
    folded: dict[str, str] = {}
    common = informal._common_words()
    never = informal.never_identifying()
    stop_words = informal.lists.load_deduce_stop_words()
    for span in spans:
        if span.label not in (PERSON, LOCATION, ORGANISATION):
            continue
        for word in informal._WORD_TOKEN.findall(span.text):
            if len(word) < 3 or word[0].islower() or word in never:
                continue
            lower = word.lower()
            if lower in stop_words:
                continue
            if lower in common:
                exact.setdefault(word, span.label)
            else:
                folded.setdefault(lower, span.label)
    found = []
    for m in informal._WORD_TOKEN.finditer(text):
        start, end, token = m.start(), m.end(), m[0]
        if start and text[start - 1] in "@.-_" or (end < len(text) and text[end] in "-_@"):
            continue
        label = exact.get(token) or folded.get(token.lower())
        if label is None:
            for ending in ("'s", "’s", "s"):
                if token.endswith(ending):
                    base = token[: -len(ending)]
                    label = exact.get(base) or folded.get(base.lower())
                    if label == PERSON:
                        end = start + len(base)
                        break
                    label = None
        if label is not None:
            found.append((start, end, label))
    return found


@st.composite
def texts_with_name_spans(draw: st.DrawFn) -> tuple[str, list[Span]]:
    text = "".join(draw(st.lists(st.sampled_from(_PIECES), max_size=40)))
    spans = []
    for name in draw(st.lists(st.sampled_from(_NAMES), max_size=3, unique=True)):
        start = text.find(name)
        if start >= 0:
            label = draw(st.sampled_from([PERSON, LOCATION, ORGANISATION]))
            spans.append(Span(start, start + len(name), label, name))
    return text, spans


@settings(max_examples=1000, deadline=None)
@given(texts_with_name_spans())
def test_propagate_names_finds_what_the_plain_word_loop_found(
    case: tuple[str, list[Span]],
) -> None:
    text, spans = case
    assert informal.propagate_names(text, spans) == sorted(_reference_propagate(text, spans))


def test_propagate_names_respects_word_runs_and_glued_marks() -> None:
    text = "Yonas: ok. x-Yonas, Yonas-x, @Yonas, Yonass, Yonas's broer, 'Yonas', x'Yonas, yonas."
    spans = [Span(0, 5, PERSON, "Yonas")]
    assert informal.propagate_names(text, spans) == sorted(_reference_propagate(text, spans))
    assert (0, 5, PERSON) in informal.propagate_names(text, spans)


_DATE_PIECES = ["Koningsdag", "koningsdag", "Kerst", "tweede pinksterdag", "Oud en Nieuw"]
_DATE_PIECES += ["Suikerfeest", "juni", "Jun.", "MEI", " ", " van ", "2016", "'09", "’21", "12"]
_DATE_PIECES += [
    "nummer",
    "Nr.",
    "nr",
    "huisnummer",
    "14",
    "in",
    "\n",
    ",",
    "op",
    "-",
    "/",
    ":",
    "aan ",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_DATE_PIECES), max_size=30).map("".join))
def test_prefilters_skip_only_texts_without_a_match(text: str) -> None:
    """Each prefiltered rule finds what its pattern alone finds."""
    dates = informal.find_informal_dates(text)
    for pattern in (informal.NAMED_DAY_YEAR, informal.MONTH_SHORT_YEAR):
        for m in pattern.finditer(text):
            assert (m.start(), m.end(), "DATE") in dates
    places = informal.find_informal_places(text)
    for m in informal.HOUSE_NUMBER_ALONE.finditer(text):
        assert (m.start(1), m.end(1), "ADDRESS") in places


# --- scans without their opening assertion ------------------------------------------------

_SCAN_PIECES = [
    "Beste",
    "hoi",
    "Hoi",
    "mevrouw",
    "Mevr.",
    "dhr.",
    "J.",
    "J.-P.",
    "Ł.",
    "kapsalon",
    "snackbar",
    "Knipoog",
    "De",
    "Vork",
    "in",
    "uit",
    "woont",
    "utrecht",
    "Asmara",
    "Keren",
    "dochter",
    "kinderen",
    "is",
    "nu",
    "van",
    "en",
    "Sanne",
    "Łukasz",
    "Yonas",
    "belt",
    "zei",
    "9",
    "12",
    "45",
    " ",
    " ",
    " ",
    ",",
    ".",
    "!",
    ":",
    ";",
    "-",
    "_",
    "\n",
    "'",
    "é",
    "ß",
    "İ",
    "ə",
    "x",
    "A",
    "7",
    "- Yonas belt",
    "zoon Tijn is nu 6",
    "xdochter Sanne was 12",
    ". Sanne zei",
    "x'Sanne",
    "zag Łukasz",
    ", Yonas",
    " - Beste Sanne",
    "_hoi Yonas,",
]


def _scans() -> list[tuple[str, object, object]]:
    """(name, the full pattern's matches, the faster scan's matches) per rewritten scan."""
    p = informal
    return [
        ("GREETING", p.GREETING, lambda t: p.find_at_word_starts(p._GREETING_BODY, t, "_-")),
        (
            "INITIALS_NAME",
            p.INITIALS_NAME,
            lambda t: p.find_at_word_starts(p._INITIALS_NAME_BODY, t, "_."),
        ),
        ("TITLE_NAME", p.TITLE_NAME, lambda t: p.find_at_word_starts(p._TITLE_NAME_BODY, t)),
        ("AGE_NOUN_IS", p.AGE_NOUN_IS, lambda t: p.find_at_word_starts(p._AGE_NOUN_IS_BODY, t)),
        (
            "AGE_CHILDREN_OF",
            p.AGE_CHILDREN_OF,
            lambda t: p.find_at_word_starts(p._AGE_CHILDREN_OF_BODY, t),
        ),
        (
            "AGE_NOUN_NAME_IS",
            p.AGE_NOUN_NAME_IS,
            lambda t: p.find_at_word_starts(p._AGE_NOUN_NAME_IS_BODY, t),
        ),
        ("BUSINESS", p.BUSINESS, lambda t: p.find_at_word_starts(p._BUSINESS_BODY, t, "_-")),
        (
            "PLACE_PREPOSITION_LOWER",
            p.PLACE_PREPOSITION_LOWER,
            lambda t: p.find_at_word_starts(p._PLACE_PREPOSITION_LOWER_BODY, t),
        ),
        (
            "FOREIGN_TOWN",
            p.FOREIGN_TOWN,
            lambda t: p.find_at_word_starts(p._FOREIGN_TOWN_BODY, t, "_-"),
        ),
        (
            "NAME_BEFORE_VERB",
            p.NAME_BEFORE_VERB,
            lambda t: p.find_where(p._NAME_BEFORE_VERB_BODY, t, p._opens_sentence_or_line),
        ),
    ]


def _groups(match) -> list[tuple[int, int]]:  # noqa: ANN001 - a re.Match
    return [match.span(group) for group in range((match.re.groups or 0) + 1)]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_SCAN_PIECES), max_size=40).map("".join))
def test_scans_without_opening_assertion_match_the_full_patterns(text: str) -> None:
    for name, full, fast in _scans():
        expected = [_groups(m) for m in full.finditer(text)]  # type: ignore[attr-defined]
        assert [_groups(m) for m in fast(text)] == expected, name  # type: ignore[operator]


def test_scans_without_opening_assertion_on_examples() -> None:
    text = (
        "Beste Sanne,\nIk zei tegen mevrouw De Vork dat J.-P. de Graaf uit Asmara komt.\n"
        "Yonas belt. zag Łukasz nog. mijn dochter is nu 9, kinderen van 7 en 12.\n"
        "xkapsalon Knipoog, snackbar De Vork; woont in utrecht. -Keren _Asmara\n"
        "- Yonas belt, x'Sanne zei"
    )
    found = 0
    for name, full, fast in _scans():
        expected = [_groups(m) for m in full.finditer(text)]  # type: ignore[attr-defined]
        assert [_groups(m) for m in fast(text)] == expected, name  # type: ignore[operator]
        found += len(expected)
    assert found >= 10


def test_isalnum_is_what_a_regex_word_character_is() -> None:
    """find_at_word_starts tests ``isalnum() or "_"`` where the pattern said ``\\w``."""
    import re

    word = re.compile(r"\w")
    for code in range(0x3000):
        char = chr(code)
        assert (word.match(char) is not None) == (char.isalnum() or char == "_"), hex(code)


def _reference_lowercase_places(text: str) -> list[tuple[int, int, str]]:
    """The lower-case municipality search of find_informal_places without its prefilters."""
    municipalities = informal.lists.load_deduce_municipalities()
    spans = []
    for m in informal.PLACE_PREPOSITION_LOWER.finditer(text):
        words = m[1].split()
        for size in range(min(4, len(words)), 0, -1):
            name = " ".join(words[:size])
            if name in municipalities and name not in informal._common_words():
                spans.append((m.start(1), m.start(1) + len(name), LOCATION))
                break
    return spans


def test_lowercase_municipalities_are_found_as_without_the_prefilter() -> None:
    names = sorted(informal.lists.load_deduce_municipalities())
    for name in names:
        for text in (f"we gingen naar {name}, echt", f"vanuit {name} en terug", f"bij {name}"):
            expected = _reference_lowercase_places(text)
            found = [s for s in informal.find_informal_places(text) if s in expected]
            assert found == expected, text
    assert sum(bool(_reference_lowercase_places(f"bij {name}")) for name in names) > 100


def _lowered_as_before(text: str) -> str:
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(char.lower() if len(char.lower()) == 1 else char for char in text)


@given(st.lists(st.sampled_from(["İk", "Zeg", "DAT", "ß", "Σ", "x", " "]), max_size=8).map("".join))
def test_lowered_copy_is_the_one_of_this_text(text: str) -> None:
    """lower_same_length keeps the last copy: a different text never gets it."""
    from kwartier.knowledge.deid.patterns import lower_same_length

    other = "Een ANDER verhaal " + text
    for _ in range(2):
        assert lower_same_length(text) == _lowered_as_before(text)
        assert lower_same_length(other) == _lowered_as_before(other)
        assert len(lower_same_length(text)) == len(text)


_ID_PIECES = ["DOS", "SHV-", "WMO/", "Z-", "ZK19-", "2019/", "2019-", "12345", "1234", "6"]
_ID_PIECES += ["641057", "0", "-", "/", ".", " ", "a", "x"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_ID_PIECES), max_size=20).map("".join))
def test_id_numbers_need_five_digits_in_a_row(text: str) -> None:
    """find_id_numbers scans ID_FORMAT only where five digits stand together."""
    from kwartier.knowledge.deid import patterns, rules

    found = rules.find_id_numbers(text)
    for m in patterns.ID_FORMAT.finditer(text):
        assert rules._FIVE_DIGITS.search(m[0])
        if patterns.starts_word(text, m.start()) and (m.start() == 0 or text[m.start() - 1] != "/"):
            assert (m.start(), m.end(), "ID_NUMBER") in found


def test_self_introduction_scan_is_any_of_its_words() -> None:
    for words in informal._SELF_INTRODUCTION_WORDS:
        for text in (words, f"en {words}Sanne", words.strip(), words.upper().lower()):
            expected = any(w in text for w in informal._SELF_INTRODUCTION_WORDS)
            assert (informal._SELF_INTRODUCTION_WORDS_LOWER.search(text) is not None) == expected


# --- one look at a text's words: list-word patterns run only where they can match ---------

# Examples of every gated pattern, and glue that may break them ("x", "É", "²", "-").
_WORD_GATE_PIECES = [
    *["mevrouw Bouzid", "Mevrouw Yilmaz", "dhr. Jansen", "de heer Koning", "samen met Dewi"],
    *["ze heet Els", "mijn coach Esra", "mijn schuldhulpverlener Sanne", "de buurman, Kees"],
    *["Stichting De Brug", "Humanitas", "Leger des Heils", "De Hoop", "bij woningcorporatie"],
    *[" Portaal", "Sanne Welzijn Groep", "werkgever PostNL", "de wijk Lombok", "Bijlmer"],
    *["buurt De Hoef", "Laan van Meerdervoort 23", "Weg der Naties 1", "3 januari 2016"],
    *["12 jun. 2019", "1e mei", "kapsalon Knipoog", "snackbar De Vork", "Asmara", "Keren"],
    *["Beste Sanne", ",\n", "hoi yonas!", "Dag Els:", "Habtoms broer", "Senait's moeder"],
    *["meneer Koning", "juf Ans", "fam. Bakker", "mijn zoon is nu 9", "ze was 34", "die is 7"],
    *["kinderen van 7 en 12", "zoon Tijn is 6", "dochter 12 jaar", "kenteken 83DFV6", "auto"],
    *["in utrecht", "naar de bilt", "azc in Budel", "Rotterdam-Zuid", "nummer 12 in"],
    *[" ", " ", " ", " ", ", ", ". ", "x", "É", "İ", "²", "-", "_", "'", "7", "\n", "De"],
]


class _EveryWord(frozenset[str]):
    """Stands for a text that has every word: no scan is skipped."""

    def isdisjoint(self, other: object) -> bool:  # type: ignore[override]
        return False


def _gated_rules() -> list[object]:
    from kwartier.knowledge.deid import rules

    return [
        rules.find_addresses,
        rules.find_places,
        rules.find_organisations,
        rules.find_persons,
        rules.find_dates,
        rules.find_license_plates,
        informal.find_greetings_and_signatures,
        informal.find_possessive_names,
        informal.find_initials_and_titles,
        informal.find_informal_ages,
        informal.find_informal_places,
        informal.find_businesses,
    ]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_WORD_GATE_PIECES), max_size=30).map("".join))
def test_word_gates_skip_only_texts_without_a_match(text: str) -> None:
    """Each rule finds with its word gates what it finds when every scan runs."""
    from unittest import mock

    from kwartier.knowledge.deid import patterns

    gated = [rule(text) for rule in _gated_rules()]  # type: ignore[operator]
    every = _EveryWord()
    with (
        mock.patch.object(patterns, "words_of", lambda _text: every),
        mock.patch.object(informal, "words_of", lambda _text: every),
    ):
        ungated = [rule(text) for rule in _gated_rules()]  # type: ignore[operator]
    assert gated == ungated


def test_word_gates_on_examples() -> None:
    """The examples of each gated pattern are still found (the gates let them through)."""
    from kwartier.knowledge.deid import rules

    text = (
        "Mijn schuldhulpverlener Esra belde. Samen met mevrouw Bouzid ging ik naar "
        "woningcorporatie Portaal en Stichting De Brug. Op 3 januari 2016 ging ik naar de "
        "wijk Lombok, Laan van Meerdervoort 23. Beste Sanne,\nHabtoms broer belde meneer "
        "Koning. Mijn zoon is nu 9, kinderen van 7 en 12. Bij kapsalon Knipoog in Asmara."
    )
    found = {label for rule in _gated_rules() for _, _, label in rule(text)}  # type: ignore[operator]
    assert {"PERSON", "ORGANISATION", "LOCATION", "ADDRESS", "DATE", "AGE"} <= found
    assert (text.index("Esra"), text.index("Esra") + 4, "PERSON") in rules.find_persons(text)


def test_runs_of_letters_stay_runs_when_lowered() -> None:
    """words_of takes runs of letters from the lowered text: lowering keeps them apart."""
    import re

    letter = re.compile(r"[^\W\d_]")
    for code in range(0x3000):
        char = chr(code)
        lowered = char.lower()
        if len(lowered) == 1:
            assert (letter.match(char) is None) == (letter.match(lowered) is None), hex(code)


def test_phrase_keys_refuse_a_phrase_without_a_standalone_word() -> None:
    import pytest

    from kwartier.knowledge.deid.patterns import phrase_keys

    assert phrase_keys(["de heer", "mevr.", "'s Heeren Loo"], left=True, right=True) == {
        "heer",
        "mevr",
        "heeren",
    }
    assert phrase_keys(["de heer in"], left=False, right=False) == {"heer"}
    for phrase, left, right in (("samen met", False, False), ("dossiernummer", True, False)):
        with pytest.raises(ValueError):
            phrase_keys([phrase], left=left, right=right)


_SUBSTRING_PIECES = ["kenteken", "auto", "Motor", "koning te rijk", "Jan en alleen", "ziekte van "]
_SUBSTRING_PIECES += ["12-AB-34", "83DFV6", "1234 5678 9012 3456", "nl91abna0417164300", "x"]
_SUBSTRING_PIECES += [" ", ".", "1", "NL91 ABNA 0417 1643 00", "٣", "Jan"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_SUBSTRING_PIECES), max_size=20).map("".join))
def test_substring_and_digit_tests_hold_wherever_the_scans_match(text: str) -> None:
    from kwartier.knowledge.deid import patterns, policy

    lowered = patterns.lower_same_length(text)
    has_context = any(word in lowered for word in patterns.PLATE_CONTEXT_WORDS)
    assert has_context == (patterns.PLATE_CONTEXT_LOWER.search(lowered) is not None)
    if policy.PHRASES_LOWER.search(lowered):
        assert any(phrase in lowered for phrase in policy._PHRASES)
    if text.isascii():
        digits = sum(map(text.count, "0123456789"))
        assert digits >= 16 or not informal._SIXTEEN_DIGITS.search(text)
        assert digits >= 12 or not informal._IBAN_LOWER_TAIL.search(text)


def test_every_case_number_context_word_has_a_part_looked_for_first() -> None:
    from kwartier.knowledge.deid import patterns

    for word in patterns._ID_CONTEXT_WORDS:
        assert any(part in word for part in patterns.ID_CONTEXT_PARTS), word
