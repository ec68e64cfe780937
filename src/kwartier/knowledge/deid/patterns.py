"""Compiled regular expressions and checksum validators for the social-domain rules.

Every pattern is compiled once at import: the engine runs on every story and must stay
within a fraction of deduce's own time (see bench/deid.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import TypeAlias

from kwartier.knowledge.deid import lists

# Upper-case letters: ASCII, Latin-1 and Latin Extended-A ("Łukasz", "Şahin", "İlker").
UP = "A-ZÀ-ÖØ-Þ" + "".join(chr(c) for c in range(0x100, 0x17F) if chr(c).isupper())
# A capitalised name word: "Exodus", "Noord-Holland", "O'Neill", "Kanaleneiland".
CAP_WORD = rf"[{UP}][\w'’-]*\w"
# Lower-case joiners inside multi-word proper names: "Leger des Heils", "Bergen op Zoom".
NAME_JOINER = r"(?:van|de|der|den|des|het|op|aan|in|bij|voor|en|la|le|du|el|al|ten|ter|te|'t)"


def starts_word(text: str, index: int) -> bool:
    """True when ``index`` is not inside a word (nor right after a hyphen).

    Most patterns below leave this check to the caller instead of opening with a
    look-behind or ``\\b``: a pattern that opens with a literal or a character class lets
    the regex engine skip ahead quickly, which is several times faster on long texts.
    """
    if index == 0:
        return True
    before = text[index - 1]
    return not (before.isalnum() or before in "_-")


def without_opening(pattern: re.Pattern[str], opening: str) -> re.Pattern[str]:
    """``pattern`` without its ``opening`` assertion, for :func:`find_at_word_starts`
    and :func:`find_where`, which check that assertion themselves.

    ``opening`` is ``\\b`` (every branch then starts with a word character), or a
    look-behind on the characters before the match.
    """
    if not pattern.pattern.startswith(opening):
        raise ValueError(f"pattern does not open with {opening!r}")
    return re.compile(pattern.pattern[len(opening) :], pattern.flags)


def find_where(
    body: re.Pattern[str], text: str, accept: Callable[[str, int], bool]
) -> list[re.Match[str]]:
    """What ``finditer`` gives for ``body`` opened with an assertion that holds at a
    position exactly when ``accept(text, position)`` does.

    A pattern that opens with a look-behind (or ``\\b``) gives the regex engine nothing
    to skip ahead on, so it tries the whole pattern at every position; the body alone
    opens with its literals or a character class and is several times faster to scan.
    A match found where the assertion fails is skipped and the scan resumes one
    character later, exactly as the full pattern would have scanned
    (tests/knowledge/test_deid_speed_equivalence.py).
    """
    found: list[re.Match[str]] = []
    search = body.search
    position = 0
    while (match := search(text, position)) is not None:
        start = match.start()
        if not accept(text, start):
            position = start + 1
            continue
        found.append(match)
        position = match.end() if match.end() > start else start + 1
    return found


def find_at_word_starts(
    body: re.Pattern[str], text: str, not_after: str = "_"
) -> list[re.Match[str]]:
    """:func:`find_where` for ``body`` opened with ``(?<![\\w<not_after>])``: no letter,
    digit or one of ``not_after`` before the match ("_" alone stands for ``\\b``)."""
    found: list[re.Match[str]] = []
    search = body.search
    position = 0
    while (match := search(text, position)) is not None:
        start = match.start()
        if start and (text[start - 1].isalnum() or text[start - 1] in not_after):
            position = start + 1
            continue
        found.append(match)
        position = match.end() if match.end() > start else start + 1
    return found


def lower_same_length(text: str) -> str:
    """``text.lower()`` with the same length, so offsets found in it fit ``text``.

    Case-insensitive patterns run on this lowered copy without ``re.IGNORECASE``, which
    is several times faster. A few characters grow when lowered ("İ" becomes "i̇");
    those are kept as they are. The rules each ask for it in turn, so the last text's
    copy is kept and handed out again.
    """
    last_text, last_lowered = _last_lowered
    if text is last_text:
        return last_lowered
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = "".join(char.lower() if len(char.lower()) == 1 else char for char in text)
    _remember_lowered(text, lowered)
    return lowered


# (text, its lowered copy) of the latest call; one tuple, replaced whole, so threads
# never see a text paired with another text's copy.
_last_lowered: tuple[str, str] = ("", "")


def _remember_lowered(text: str, lowered: str) -> None:
    global _last_lowered  # noqa: PLW0603 - a one-entry cache
    _last_lowered = (text, lowered)


# --- one look at each text: which words it has -----------------------------------------

# A run of letters: word characters other than digits and "_" (isalnum minus decimals).
_LETTER_RUN = re.compile(r"[^\W\d_]+")


def words_of(text: str) -> frozenset[str]:
    """The runs of letters of the lower-cased ``text`` (:func:`lower_same_length`).

    Many patterns open with a word from a list ("mijn schuldhulpverlener Esra", "kapsalon
    Knipoog") and most texts have none of those words. A pattern whose accepted matches
    put one of its words between two characters that are no letters finds nothing in a
    text whose runs of letters miss all of them (see :func:`phrase_keys`), so one scan of
    the text for its words tells which of those patterns need to run at all. The rules
    each ask for it in turn, so the last text's set is kept and handed out again.
    """
    last_text, last_words = _last_words
    if text is last_text:
        return last_words
    words = frozenset(_LETTER_RUN.findall(lower_same_length(text)))
    _remember_words(text, words)
    return words


# (text, its words) of the latest call, replaced whole like _last_lowered.
_last_words: tuple[str, frozenset[str]] = ("", frozenset())


def _remember_words(text: str, words: frozenset[str]) -> None:
    global _last_words  # noqa: PLW0603 - a one-entry cache
    _last_words = (text, words)


def phrase_keys(phrases: Iterable[str], *, left: bool, right: bool) -> frozenset[str]:
    r"""One word per phrase that :func:`words_of` has for every text the phrase stands in.

    A run of letters of a phrase is a whole run of letters of the text wherever the
    phrase stands when a character that is no letter stands right before and after it:
    inside the phrase ("de heer": " " after "de"), or by what the pattern demands around
    the phrase: ``left`` when every accepted match has no letter right before the phrase
    (a word-start check: no letter, digit, "_" or "-"), ``right`` likewise after it
    (",? ", a space, ``(?![\w-])``). The longest such run is taken: the rarest word.
    Lower-cased as :func:`lower_same_length` lower-cases the text around it.
    """
    keys = set()
    for phrase in phrases:
        lowered = lower_same_length(phrase)
        runs = [
            m[0]
            for m in _LETTER_RUN.finditer(lowered)
            if (m.start() > 0 or left) and (m.end() < len(lowered) or right)
        ]
        if not runs:
            raise ValueError(f"no run of letters of {phrase!r} stands alone in every text")
        keys.add(max(runs, key=len))
    return frozenset(keys)


#: A character trie: each key one character ("" ends a phrase), each value the rest.
_Trie: TypeAlias = "dict[str, _Trie]"


def phrase_alternation(phrases: Iterable[str]) -> str:
    """A regex that matches any of ``phrases``, preferring the longest.

    Built as a trie ("Leger des Heils|Lentis" becomes "Le(?:ger des Heils|ntis)") so
    the regex engine follows one branch per character instead of trying every phrase
    at every position; flat alternations of a few hundred words were the slowest part
    of the rules. Longer phrases win because each node tries its longer branches first.
    The result has no capture groups.
    """
    trie: _Trie = {}
    for phrase in set(phrases):
        node = trie
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = {}  # end of a phrase
    return _trie_regex(trie)


def _trie_regex(node: _Trie) -> str:
    branches = [re.escape(char) + _trie_regex(child) for char, child in node.items() if char]
    # Longest first: a deeper match is tried before stopping here.
    branches.sort(key=len, reverse=True)
    ends_here = "" in node
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if ends_here else body


# --- numbers written as words ---------------------------------------------------------


def _number_words() -> list[str]:
    """Dutch cardinal words 2..99 ("twee", "zeventien", "vierendertig")."""
    words = list(lists.NUMBER_UNITS[1:]) + list(lists.NUMBER_TEENS) + list(lists.NUMBER_TENS)
    for tens in lists.NUMBER_TENS:
        for unit in lists.NUMBER_UNITS:
            joiner = "ën" if unit.endswith("e") else "en"
            words.append(f"{unit}{joiner}{tens}")
            if joiner == "ën":
                words.append(f"{unit}en{tens}")  # spelling without diaeresis
    return words


def _ordinal_words() -> list[str]:
    """Dutch ordinal words from "derde" to "negenennegentigste"."""
    irregular = {"drie": "derde", "acht": "achtste"}
    ordinals = []
    for word in _number_words():
        if word in irregular:
            ordinals.append(irregular[word])
        elif word.endswith(("tig", "ig")):
            ordinals.append(word + "ste")
        elif word == "twee":
            continue  # "mijn tweede ..." is almost never an age
        else:
            ordinals.append(word + "de")
    return ordinals


NUMBER_WORD = phrase_alternation(_number_words())
ORDINAL_WORD = phrase_alternation(_ordinal_words())
# An age as digits (1-119) or as a word.
AGE_NUMBER = rf"(?:1[01]\d|[1-9]?\d|{NUMBER_WORD})"
AGE_ORDINAL = rf"(?:(?:1[01]\d|[1-9]?\d)(?:e|ste|de)|{ORDINAL_WORD})"

# --- IBAN -----------------------------------------------------------------------------

# Country code, check digits, then 11..30 letters/digits in optional groups of four.
IBAN = re.compile(r"[A-Z](?<!\w[A-Z])[A-Z]\d{2}(?:[ ]?[A-Z0-9]){11,30}\b")
# A Dutch account number in IBAN shape: redacted even when its check digits are wrong,
# because a mistyped account number still points at a person.
DUTCH_IBAN_SHAPE = re.compile(r"NL(?<!\wNL)\d{2}[ ]?[A-Z]{4}(?:[ ]?\d){10}\b")

# Lengths per country (ISO 13616) for the countries people in the Netherlands mostly
# bank with; other countries are accepted on checksum alone.
IBAN_LENGTHS = {
    "NL": 18,
    "BE": 16,
    "DE": 22,
    "FR": 27,
    "GB": 22,
    "ES": 24,
    "IT": 27,
    "PL": 28,
    "PT": 25,
    "TR": 26,
    "LU": 20,
    "AT": 20,
    "CH": 21,
    "IE": 22,
}


def iban_is_valid(candidate: str) -> bool:
    """ISO 13616 check: known length for the country and mod-97 remainder 1."""
    compact = candidate.replace(" ", "").upper()
    if len(compact) < 15 or len(compact) > 34 or not compact.isalnum():
        return False
    expected = IBAN_LENGTHS.get(compact[:2])
    if expected is not None and len(compact) != expected:
        return False
    rearranged = compact[4:] + compact[:4]
    digits = "".join(str(int(char, 36)) for char in rearranged)
    return int(digits) % 97 == 1


# --- BSN ------------------------------------------------------------------------------

# Callers check starts_word() at the match start.
BSN_CANDIDATE = re.compile(r"\d(?:\d{8}|\d{3}\.\d{2}\.\d{3}|\d{2}[ .]\d{3}[ .]\d{3})(?![\d])")
# On lowered text: any number after "BSN", valid or not.
BSN_CONTEXT_LOWER = re.compile(
    r"(?:bsn|burgerservicenummer|burger ?service ?nummer|sofinummer|sofi-nummer)"
    r"(?:\s*(?:is|was|:|nummer|-?nr\.?)){0,2}\s*(\d[\d .]{6,10}\d)(?!\d)"
)


def bsn_is_valid(candidate: str) -> bool:
    """The eleven-test (elfproef) for a BSN of 8 or 9 digits."""
    digits = [int(char) for char in candidate if char.isdigit()]
    if len(digits) == 8:
        digits.insert(0, 0)
    if len(digits) != 9 or not any(digits):
        return False
    weights = (9, 8, 7, 6, 5, 4, 3, 2, -1)
    return sum(digit * weight for digit, weight in zip(digits, weights, strict=True)) % 11 == 0


# --- licence plates -------------------------------------------------------------------

# Side-codes 1..14 of Dutch licence plates; L = letter, D = digit.
PLATE_SIDE_CODES: tuple[str, ...] = (
    "LL-DD-DD",  # 1
    "DD-DD-LL",  # 2
    "DD-LL-DD",  # 3
    "LL-DD-LL",  # 4
    "LL-LL-DD",  # 5
    "DD-LL-LL",  # 6
    "DD-LLL-D",  # 7
    "D-LLL-DD",  # 8
    "LL-DDD-L",  # 9
    "L-DDD-LL",  # 10
    "LLL-DD-L",  # 11
    "L-DD-LLL",  # 12
    "D-LL-DDD",  # 13
    "DDD-LL-D",  # 14
)


def _side_code_regex(side_code: str, separator: str) -> str:
    groups = side_code.split("-")
    parts = [f"[A-Z]{{{len(g)}}}" if g[0] == "L" else rf"\d{{{len(g)}}}" for g in groups]
    return separator.join(parts)


# With dashes the shape alone is telling; without dashes or with spaces a context
# word is required, because six letters and digits in a row are also codes of all kinds.
# Callers check starts_word() at the match start.
PLATE_DASHED = re.compile(
    r"(?:" + "|".join(_side_code_regex(code, "-") for code in PLATE_SIDE_CODES) + r")(?![\w-])"
)
PLATE_LOOSE = re.compile(
    r"(?:"
    + "|".join(_side_code_regex(code, r"[- ]?") for code in PLATE_SIDE_CODES)
    + r")(?![\w-])",
    re.IGNORECASE,
)
# Any three dash-separated groups; PLATE_DASHED.fullmatch then checks the side-code.
# One simple scan is much faster than trying fourteen side-codes at every position.
PLATE_SHAPE = re.compile(r"[A-Z\d]{1,3}-[A-Z\d]{1,3}-[A-Z\d]{1,3}(?![\w-])")
PLATE_CONTEXT_WORDS: tuple[str, ...] = (
    "kenteken",
    "nummerbord",
    "auto",
    "wagen",
    "bestelbus",
    "busje",
    "scooter",
)
PLATE_CONTEXT_WORDS += ("brommer", "motor")
# Matches wherever one of the words stands, also inside a word ("autobedrijf").
PLATE_CONTEXT_LOWER = re.compile("(?:" + "|".join(PLATE_CONTEXT_WORDS) + ")")

# --- phone numbers --------------------------------------------------------------------

_SEP = r"(?:\s?[-.]\s?|\s)?"
# Callers check starts_word() and that no "+" precedes the match start.
PHONE = re.compile(
    r"(?:"
    # 0800/0900/0906/0909 service numbers: four or seven digits after the prefix
    rf"0[89]0[069]{_SEP}(?:\d{_SEP}){{6}}\d(?!\d)|0[89]0[069]{_SEP}(?:\d{_SEP}){{3}}\d(?!\d)"
    # +31 / 0031, optionally with (0): nine digits follow
    rf"|(?:\+|00)\s?31{_SEP}(?:\(0\){_SEP})?[1-9](?:{_SEP}\d){{8}}(?!\d)"
    # (020) 123 45 67, (0297) 79 04 51: area code in brackets
    rf"|\(0\d\){_SEP}(?:\d{_SEP}){{7}}\d(?!\d)"
    rf"|\(0\d\d\){_SEP}(?:\d{_SEP}){{6}}\d(?!\d)"
    rf"|\(0\d\d\d\){_SEP}(?:\d{_SEP}){{5}}\d(?!\d)"
    # national: 0 + nine digits, any grouping (06-12345678, 010 123 4567, 0297-790451)
    rf"|0[1-9](?:{_SEP}\d){{8}}(?!\d)"
    # other countries: +32 470 12 34 56
    rf"|\+(?!31)[1-9]\d{{0,2}}(?:{_SEP}\d){{6,12}}(?!\d)"
    r")"
)

# --- e-mail and URLs ------------------------------------------------------------------

EMAIL = re.compile(r"(?i)(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}\b")
# On lowered text: addresses with a scheme or "www.".
URL_PREFIXED_LOWER = re.compile(r"(?:https?://|www\.)[^\s<>\"']+")
# Bare domains ("schuldenlab.nl/verhalen") are found from their top-level domain; the
# caller extends the match to the left over the host name.
URL_TLD = re.compile(r"\.(?:nl|com|org|net|eu|be|de|info|nu|io|frl|online|app|amsterdam)\b")
URL_HOST_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-")
URL_PATH = re.compile(r"/[^\s<>\"']*")
URL_TRAILING_PUNCTUATION = ".,;:!?)]}'\""

# --- postcodes and addresses ----------------------------------------------------------

# A place name after a postcode: one to four capitalised words, with joiners
# ("Bergen op Zoom", "Capelle aan den IJssel", "'s-Hertogenbosch").
_PLACE_AFTER_POSTCODE = rf"(?:'s-|'s )?{CAP_WORD}(?:[ -](?:{NAME_JOINER}[ -])*{CAP_WORD}){{0,3}}"
POSTCODE = re.compile(
    rf"[1-9](?<![\w-][1-9])\d{{3}} ?(?!SA|SD|SS)[A-Z]{{2}}(?![\w-])(?:,? {_PLACE_AFTER_POSTCODE})?"
)
POSTBUS_LOWER = re.compile(r"postbus\s+\d{1,6}\b")

STREET_SUFFIXES: tuple[str, ...] = (
    "straat",
    "straatweg",
    "laan",
    "weg",
    "plein",
    "pleintje",
    "gracht",
    "kade",
    "singel",
    "dreef",
    "hof",
    "dijk",
    "dyk",
    "dam",
    "markt",
    "pad",
    "park",
    "plantsoen",
    "steeg",
    "baan",
    "boulevard",
    "wal",
    "veld",
    "erf",
    "haven",
    "ring",
    "oord",
    "hoek",
    "zijde",
    "allee",
    "passage",
    "promenade",
    "wetering",
    "vaart",
    "tuin",
    "tuinen",
    "hoven",
    "poort",
    "kanaal",
    "berg",
    "donk",
    "stede",
    "akker",
    "gaarde",
    "brink",
    "lei",
    "houw",
    "kwartier",
    "molen",
    "rode",
    "schans",
    "heuvel",
    "horst",
    "dal",
    "kamp",
    "hout",
    "meer",
    "burg",
)
# Title and other words that go before a street name: "Prinses Irenestraat",
# "Burgemeester de Vlugtlaan", "Tweede Oosterparkstraat", "Van Heekplein".
_STREET_PREFIX_WORD = rf"(?:{CAP_WORD}\.?|{NAME_JOINER})"
# House number with additions: 12, 12a, 12-2, 12 bis, 12 hs, 12-A, 12 III, 12/3.
HOUSE_NUMBER = (
    r"\d{1,5}(?![\d,.]\d)(?:[ ]?[a-zA-Z](?![\w])|[-/]\d{1,4}|-[A-Za-z]{1,3}(?![\w])"
    r"|[ ](?:bis|hs|huis|bg|boven|beneden|rood|zw|[A-Z](?![\w])|I{1,3}(?![\w])|IV(?![\w])))*"
)
# The street word and number; the caller extends the start over title words before it
# with STREET_PREFIX_BEFORE ("Prinses Irenestraat 64-2", "Burgemeester de Vlugtlaan 12").
STREET_WITH_NUMBER = re.compile(
    rf"[{UP}](?<![\w'’-][{UP}])[\w'’-]+?{phrase_alternation(STREET_SUFFIXES)}(?![\w-])"
    rf" {HOUSE_NUMBER}"
)
STREET_PREFIX_BEFORE = re.compile(rf"(?:{CAP_WORD}\.? (?:{_STREET_PREFIX_WORD} ){{0,3}})$")
# "Laan van Meerdervoort 23", "Weg der Verenigde Naties 1": the type word comes first.
# Callers check starts_word().
_STREET_TYPES: tuple[str, ...] = (
    "Laan",
    "Plein",
    "Weg",
    "Kade",
    "Singel",
    "Dreef",
    "Hof",
    "Straat",
    "Park",
)
_STREET_TYPES += ("Markt", "Wal", "Gracht")
STREET_TYPE_FIRST = re.compile(
    "(?:" + "|".join(_STREET_TYPES) + ")"
    rf"(?: {NAME_JOINER}){{1,2}}(?: {CAP_WORD}){{1,3}} {HOUSE_NUMBER}"
)
STREET_TYPE_FIRST_KEYS = phrase_keys(_STREET_TYPES, left=True, right=True)
# A street without number after an article: "in de Kerkstraat", "aan de Oudegracht";
# the caller checks for a preposition before the article (PREPOSITION_BEFORE_LOWER).
STREET_WITHOUT_NUMBER = re.compile(
    rf"(?:de|het) ((?:{CAP_WORD} ){{0,2}}[{UP}][\w'’-]+?{phrase_alternation(STREET_SUFFIXES)})"
    r"(?![\w-])"
)
PREPOSITION_BEFORE_LOWER = re.compile(
    r"\b(?:in|aan|op|naar|via|langs|bij|uit|vanaf|door|over|richting) $"
)

# --- neighbourhoods and places ---------------------------------------------------------

# Callers check starts_word() at the match start.
NEIGHBOURHOOD_LIST = re.compile(rf"{phrase_alternation(lists.NEIGHBOURHOODS)}(?![\w-])")
NEIGHBOURHOOD_LIST_KEYS = phrase_keys(lists.NEIGHBOURHOODS, left=True, right=True)
# "de Rivierenwijk", "Transvaalbuurt", "Regentessekwartier": names built on these words.
NEIGHBOURHOOD_SUFFIX = re.compile(
    rf"[{UP}](?<![\w-][{UP}])[\w'-]{{2,}}(?:wijk|buurt|kwartier)(?![\w-])"
)
_PLACE_NAME = rf"(?:'s-|'s )?{CAP_WORD}(?:[ -](?:{NAME_JOINER}[ -])*{CAP_WORD}){{0,2}}"
# "in de wijk Lombok", "buurt De Hoef", "stadsdeel Zuidoost". Callers check
# starts_word() at the context word.
_NEIGHBOURHOOD_WORDS: tuple[str, ...] = (
    "wijk",
    "buurt",
    "woonwijk",
    "stadsdeel",
    "stadswijk",
    "dorp",
    "gehucht",
)
_NEIGHBOURHOOD_WORDS += ("stad", "woonplaats")
NEIGHBOURHOOD_CONTEXT = re.compile(
    "(?:" + "|".join(_NEIGHBOURHOOD_WORDS) + ") "
    rf"((?:(?:De|Het|de|het) )?{_PLACE_NAME})"
)
NEIGHBOURHOOD_CONTEXT_KEYS = phrase_keys(_NEIGHBOURHOOD_WORDS, left=True, right=True)
# A capitalised name after a preposition of place; a place when a verb of living,
# birth or moving comes shortly before it (PLACE_VERB_BEFORE_LOWER): "geboren in
# Casablanca", "ik kom uit Eritrea", "verhuisd naar Lelystad".
PLACE_AFTER_PREPOSITION = re.compile(rf"(?:in|uit|naar|te|bij|vanuit) ({_PLACE_NAME})")
PLACE_VERB_BEFORE_LOWER = re.compile(
    r"\b(?:geboren|getogen|opgegroeid|groeide op|woonde|woon|wonen|woont|gewoond|verhuisd"
    r"|verhuisde|verhuisden|vertrokken|vertrok|gevlucht|vluchtte|kwam|kom|komt|kwamen"
    r"|afkomstig|opgevangen|terecht|terechtgekomen|geplaatst|ondergebracht)\b"
)

# --- organisations --------------------------------------------------------------------

# Callers check starts_word() at the match start of the ORGANISATION_* patterns.
ORGANISATION_LIST = re.compile(rf"{phrase_alternation(lists.SOCIAL_DOMAIN_ORGANISATIONS)}(?![\w-])")
ORGANISATION_LIST_KEYS = phrase_keys(lists.SOCIAL_DOMAIN_ORGANISATIONS, left=True, right=True)
# Name words after a head: capitalised, or "inGeest"-style, with joiners in between.
_ORG_NAME_WORD = rf"(?:[{UP}][\w'’&.-]*[\w&]|[a-z]+[A-Z][\w-]*)"
ORGANISATION_HEAD = re.compile(
    rf"{phrase_alternation(lists.ORGANISATION_HEADS)}"
    rf"(?: (?:{NAME_JOINER} ){{0,2}}{_ORG_NAME_WORD}){{1,4}}"
)
ORGANISATION_HEAD_KEYS = phrase_keys(lists.ORGANISATION_HEADS, left=True, right=True)
# An organisation named after its kind: "deurwaarder Flanderijn", "mijn werkgever
# PostNL", "de zorgverzekeraar Menzis", "woningcorporatie Portaal".
_ORGANISATION_KINDS = [
    "woningcorporatie",
    "corporatie",
    "woningbouwvereniging",
    "verhuurder",
    "huisbaas",
    "zorgverzekeraar",
    "verzekeraar",
    "verzekering",
    "energiemaatschappij",
    "energieleverancier",
    "leverancier",
    "incassobureau",
    "incassokantoor",
    "deurwaarderskantoor",
    "deurwaarder",
    "werkgever",
    "uitzendbureau",
    "bedrijf",
    "firma",
    "fabriek",
    "school",
    "basisschool",
    "hogeschool",
    "opleiding",
    "bank",
    "kliniek",
    "instelling",
    "zorginstelling",
    "zorgaanbieder",
    "opvang",
    "ziekenhuis",
    "verslavingskliniek",
    "huisartsenpraktijk",
    "vereniging",
    "club",
    "kerk",
    "moskee",
    "supermarkt",
    "winkel",
    "organisatie",
    "stichting",
    "provider",
    "telefoonprovider",
    "internetprovider",
    "webshop",
    "postorderbedrijf",
    "uitkeringsinstantie",
    "instantie",
]
ORGANISATION_CONTEXT = re.compile(
    phrase_alternation(_ORGANISATION_KINDS)
    + r"(?: (?:van|bij|genaamd|heette|heet|was|is|:))?"
    + rf" ((?:De |Het |'t )?{_ORG_NAME_WORD}(?: (?:{NAME_JOINER} ){{0,2}}{_ORG_NAME_WORD}){{0,3}})"
)
ORGANISATION_CONTEXT_KEYS = phrase_keys(_ORGANISATION_KINDS, left=True, right=True)
# Proper names after a preposition in mid-sentence: Dutch only capitalises names
# there, so "bij Markant", "via Sterk Huis", "uit Hatert" name an organisation, person
# or place even when no list knows them. rules.py filters out laws, holidays,
# languages and other capitalised words that identify no one.
# Joiners inside the name here leave out the prepositions of place, so that "aan Jan de
# Vries in Zwolle" gives a person and a place, not one organisation.
_TIGHT_JOINER = r"(?:van|de|der|den|des|het|voor|la|le|du|el|al|ten|ter|'t)"
NAME_AFTER_PREPOSITION = re.compile(
    r"(?<=[a-zà-ÿ,] )(in|uit|naar|bij|via|van|door|met|voor|aan|tegen|onder|op)"
    rf" ((?:De |Het )?{_ORG_NAME_WORD}(?: (?:{_TIGHT_JOINER} ){{0,2}}{_ORG_NAME_WORD}){{0,3}})"
)
ORGANISATION_TAIL = re.compile(
    rf"[{UP}](?<![\w-][{UP}])[\w'’-]*\w (?:{CAP_WORD} ){{0,2}}"
    rf"{phrase_alternation(lists.ORGANISATION_TAILS)}(?![\w-])"
)
ORGANISATION_TAIL_KEYS = phrase_keys(lists.ORGANISATION_TAILS, left=True, right=True)

# --- dates ----------------------------------------------------------------------------

_MONTH_WORDS = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
    "jan",
    "febr",
    "feb",
    "mrt",
    "maa",
    "apr",
    "jun",
    "jul",
    "aug",
    "sept",
    "sep",
    "okt",
    "oct",
    "nov",
    "dec",
]
_MONTH = "(?:" + "|".join(_MONTH_WORDS) + r")\.?"
_YEAR = r"(?:(?:19|20)\d{2}|['’]\d{2})"
# The DATE_* patterns run on lowered text; callers check starts_word() at the start.
# "3 maart", "15 jun. 2016", "1e januari 1980", "12-mei-2019"
DATE_DAY_MONTH_LOWER = re.compile(rf"(\d{{1,2}})(?:e|ste|de)?[ -]{_MONTH}(?:,?[ -]{_YEAR})?(?!\w)")
# The month stands after "[ -]" and before ".", ",", "[ -]" or no word character.
DATE_DAY_MONTH_KEYS = phrase_keys(_MONTH_WORDS, left=True, right=True)
# "maart 2019", "begin mei 2015": checked before each YEAR match.
MONTH_BEFORE_YEAR_LOWER = re.compile(rf"(?:(?:begin|eind|half|medio) )?\b{_MONTH} $")
# "12-04-2019", "17/7/1980", "5.4.16", "2019-04-12"; day and month are checked in rules.py.
DATE_NUMERIC = re.compile(
    r"\d{1,2}([-/.])\d{1,2}\1(?:(?:19|20)\d{2}|\d{2}|'\d{2})(?![\w/-]|\.\d)"
    r"|(?:19|20)\d{2}([-/.])\d{1,2}\2\d{1,2}(?![\w/-]|\.\d)"
)
# A year, made a date by the words before it (see rules.find_dates).
YEAR = re.compile(r"(?:19|20)\d{2}(?![\w-])")
NOT_A_YEAR_AFTER_LOWER = re.compile(
    r" ?(?:euro|eur|€|mensen|gezinnen|huishoudens|keer|km|meter|kilo)\b"
)

# --- ages -----------------------------------------------------------------------------

# Singular subjects only: "we waren met z'n vieren" or "wij twee zijn" count people.
_SUBJECT = r"(?:ik|hij|zij|ze|je|jij|u)"
_ADVERB = (
    r"(?:(?:pas|net|nog|maar|al|bijna|ongeveer|rond|toen|nu|inmiddels|ruim|amper|nauwelijks"
    r"|precies|zo'n|een jaar of|rond de) )"
)
_AGE_VERB = r"(?:was|werd|ben|is|word|wordt|bleek)"
_AGE_WITH_YEARS = rf"{AGE_NUMBER}(?: jaar(?: oud| jong)?)?"
# All AGE_* patterns run on lowered text and have one group: the age span. Each opens
# with a literal, so the regex engine can skip ahead; rules.py checks word starts and
# the words before and after (a duration or a count is no age).
# "toen ik 28 was", "toen ik zeventien jaar was", "dat hij 34 werd"
AGE_SUBJECT_NUMBER_VERB = re.compile(rf"{_SUBJECT} {_ADVERB}*({_AGE_WITH_YEARS}) {_AGE_VERB}\b")
# "ik was 34", "ik ben nu 52 jaar", "ze werd 18."
AGE_SUBJECT_VERB_NUMBER = re.compile(
    rf"{_SUBJECT} {_AGE_VERB} {_ADVERB}*({_AGE_WITH_YEARS})(?![\w-])"
)
# "34 jaar oud", "17 jaar jong"
AGE_YEARS_OLD = re.compile(rf"({AGE_NUMBER} jaar (?:oud|jong))\b")
# "op mijn 17e", "sinds mijn twintigste": the preposition is checked by the caller.
AGE_POSSESSIVE_ORDINAL = re.compile(
    rf"(?:mijn|m'n|zijn|z'n|haar|je|jouw|onze|hun) ({AGE_ORDINAL})(?![\w-])"
)
PREPOSITION_BEFORE_AGE = re.compile(r"\b(?:op|sinds|vanaf|tot|na|voor|vóór|rond|tegen) $")
# "17-jarige", "zeventienjarige", "op 16-jarige leeftijd"
AGE_JARIG = re.compile(rf"({AGE_NUMBER}-?jarige?)(?![\w-])")
# "op de leeftijd van 16", "leeftijd: 34"
AGE_LEEFTIJD = re.compile(rf"leeftijd(?: van|:)? ({_AGE_WITH_YEARS})(?![\w-])")
# "mijn zoon van 12", "een meisje van zestien": the noun is checked by the caller.
AGE_VAN_NUMBER = re.compile(rf"van ({_AGE_WITH_YEARS})(?![\w-])")
PERSON_NOUN_BEFORE_AGE = re.compile(
    r"\b(?:zoon|zoontje|dochter|dochtertje|jongen|jongetje|meisje|kind|kindje|broer"
    r"|broertje|zus|zusje|baby|tiener|puber|man|vrouw|moeder|vader|oma|opa|neef|nicht"
    r"|vriend|vriendin) $"
)
# "Jan (34)", "mijn moeder (72 jaar)"
AGE_IN_BRACKETS = re.compile(rf"(?<=\w) \(({AGE_NUMBER}(?: jaar| jr\.?)?)\)")
# "met 17 jaar ging ik het huis uit", "met zestien jaar, ..."
AGE_MET_YEARS = re.compile(
    rf"met ({AGE_NUMBER} jaar)(?:,| (?:ging|werd|kwam|moest|kreeg|begon|stond|zat"
    r"|liep|raakte|vertrok|verliet|was|had|ben|heb|zag|wist))"
)
# Words after an age-like number that show it counts something else.
NOT_AN_AGE_NEXT_WORD = frozenset(
    [
        "keer",
        "uur",
        "uren",
        "minuten",
        "seconden",
        "dagen",
        "weken",
        "maanden",
        "euro",
        "procent",
        "kilo",
        "kg",
        "km",
        "meter",
        "cm",
        "kinderen",
        "mensen",
        "man",
        "vrouwen",
        "jongens",
        "meisjes",
        "stuks",
        "brieven",
        "rekeningen",
        "schulden",
    ]
)
# After "N jaar" only these words keep it an age ("ik was 17 jaar toen ..."); any other
# lower-case word makes it a duration ("ik was vijf jaar dakloos").
AGE_AFTER_YEARS_OK = frozenset(
    [
        "oud",
        "jong",
        "toen",
        "en",
        "maar",
        "dus",
        "want",
        "of",
        "en,",
        "als",
        "ik",
        "hij",
        "zij",
        "ze",
        "was",
        "werd",
        "is",
        "ben",
    ]
)
# Nouns after "-jarig(e)" that make it a duration: "een tweejarige opleiding".
NOT_AN_AGE_AFTER_JARIG = frozenset(
    [
        "opleiding",
        "studie",
        "contract",
        "traject",
        "cursus",
        "periode",
        "programma",
        "relatie",
        "huwelijk",
        "jubileum",
        "bestaan",
        "samenwerking",
        "project",
        "plan",
        "garantie",
        "termijn",
        "dienstverband",
        "looptijd",
        "verblijf",
        "straf",
        "gevangenisstraf",
        "celstraf",
        "proeftijd",
        "training",
        "behandeling",
    ]
)
# Nouns after "op mijn <ordinal>" that make it a rank, not an age ("op mijn eerste dag").
NOT_AN_AGE_AFTER_ORDINAL = frozenset(
    [
        "keer",
        "plaats",
        "plek",
        "dag",
        "week",
        "kind",
        "baan",
        "afspraak",
        "gesprek",
        "poging",
        "maand",
        "klas",
        "jaar",
        "les",
        "werkdag",
        "school",
        "huis",
        "woning",
    ]
)

# --- case numbers and other identifiers -----------------------------------------------

_IDENTIFIER_SHAPE = r"[A-Za-z0-9][A-Za-z0-9/._-]*\d[A-Za-z0-9/._-]*[A-Za-z0-9]|\d{3,}"
# On lowered text; callers check that the context word does not start mid-word, so
# "nummer" in "huisnummer" or "telefoonnummer" is no case-number context.
_ID_CONTEXT_PREFIXES = [
    "dossier",
    "zaak",
    "cliënt",
    "client",
    "klant",
    "registratie",
    "referentie",
    "relatie",
    "polis",
    "lid",
    "leden",
    "patiënt",
    "patient",
    "debiteur",
    "debiteuren",
    "contract",
    "factuur",
    "aanvraag",
    "beschikking",
    "inschrijf",
    "inschrijvings",
    "vreemdelingen",
    "v",
    "paspoort",
    "document",
    "identiteitskaart",
    "id-kaart",
    "id",
    "rijbewijs",
    "verzekerings",
    "verzekerden",
    "personeels",
    "leerling",
    "studenten",
    "student",
    "huurder",
    "huur",
    "kenteken",
    "meld",
    "melding",
    "cjib",
    "uwv",
    "svb",
    "duo",
    "bericht",
    "betalings",
    "betaal",
    "aansluit",
    "werkgevers",
    "vonnis",
    "parket",
    "rol",
    "griffie",
    "zorgverzekerings",
    "toeslag",
    "aanslag",
    "machtigings",
]
_ID_CONTEXT_WORDS = [
    prefix + joiner + suffix
    for prefix in _ID_CONTEXT_PREFIXES
    for joiner in ("", "-", " ")
    for suffix in ("nummer", "nummers", "nr.", "nr", "id")
] + ["kenmerk", "referentie", "dossier", "zaak", "nummer", "nr.", "ons kenmerk", "uw kenmerk"]
# Every context word has one of these in it: a text without any has no match.
ID_CONTEXT_PARTS = ("nummer", "nr", "kenmerk", "referentie", "dossier", "zaak", "id")
ID_CONTEXT_LOWER = re.compile(
    phrase_alternation(_ID_CONTEXT_WORDS)
    + r"(?:\s*(?:is|was|luidt|luidde|:|met|van|mijn|het|de|nog|steeds|altijd|nummer|nr\.?)){0,3}"
    + rf"\s*(?<![\w/-])({_IDENTIFIER_SHAPE})(?![\w/-])"
)
# Shapes that are identifiers without a context word: a short letter prefix and at least
# five digits ("DOS641057", "SHV-2916106", "WMO/891753", "Z-1079835"), or a year-number
# case reference ("2019/123456", "ZK19-004567").
# Callers check starts_word() and that no "/" precedes the match.
ID_FORMAT = re.compile(
    r"(?:[A-Z]{1,5}\d{0,2}[-/.]?\d{5,}(?:[-/.]\d+)?|(?:19|20)\d{2}[-/]\d{5,})(?![\w/-])"
)
# Dutch passport and identity-card numbers: nine characters, letters then digits mixed,
# last one a digit; at least two letters and two digits so words and numbers stay out.
PASSPORT = re.compile(r"[A-NP-Z](?<![\w-][A-NP-Z])[A-NP-Z][A-NP-Z0-9]{6}\d(?![\w-])")

# --- persons --------------------------------------------------------------------------

# A person's name: capitalised words, with lower-case name particles in between
# ("Kevin van den Berg", "Fatima El Amrani", "Jan-Willem").
_NAME_PARTICLE = r"(?:van|de|der|den|ten|ter|te|el|al|la|le|da|di|du|'t)"
PERSON_NAME = rf"{CAP_WORD}(?: (?:{_NAME_PARTICLE}(?: |$))*{CAP_WORD}){{0,3}}"
# A role noun and the name after it; the caller checks for a determiner before the
# noun (DETERMINER_BEFORE_ROLE_LOWER): "mijn schuldhulpverlener Esra".
PERSON_AFTER_ROLE = re.compile(rf"{phrase_alternation(lists.PERSON_ROLE_NOUNS)},? ({PERSON_NAME})")
PERSON_AFTER_ROLE_KEYS = phrase_keys(lists.PERSON_ROLE_NOUNS, left=True, right=True)
DETERMINER_BEFORE_ROLE_LOWER = re.compile(
    r"\b(?:mijn|m'n|onze|haar|zijn|z'n|je|jouw|hun|de|een|die|deze)"
    r" (?:(?:nieuwe|oude|vaste|eigen|lieve|beste|ex-|toenmalige|jongste|oudste|grote|kleine) ?)?$"
)
# "mevrouw Bouzid", "samen met Dewi", "ze heet Els". Callers check starts_word().
_NAME_INTRODUCERS = (
    "Samen met",
    "samen met",
    "heet",
    "heette",
    "genaamd",
    "noemde zich",
    "naam is",
    "naam was",
)
PERSON_AFTER_ADDRESS = re.compile(
    rf"{phrase_alternation(lists.HONORIFICS + _NAME_INTRODUCERS)},? ({PERSON_NAME})"
)
PERSON_AFTER_ADDRESS_KEYS = phrase_keys(lists.HONORIFICS + _NAME_INTRODUCERS, left=True, right=True)
# "<Name> van het wijkteam", "<Name> van de gemeente": a name before a team or body.
_TEAM_AFTER_NAME = (
    r"(?:van|bij|uit) (?:het|de|ons|mijn) "
    r"(?:wijkteam|buurtteam|jeugdteam|sociaal team|gemeente|opvang|inloop|voedselbank"
    r"|woningcorporatie|schuldhulp\w*|ggz|ggd|uwv|kerk|moskee|politie|reclassering|kliniek"
    r"|begeleiding|thuiszorg|team)\b"
)
PERSON_BEFORE_TEAM = re.compile(rf"({PERSON_NAME}) (?:\((?:{AGE_NUMBER})\) )?{_TEAM_AFTER_NAME}")
# The end of PERSON_BEFORE_TEAM alone: a text without it needs no search for names.
TEAM_AFTER_NAME = re.compile(_TEAM_AFTER_NAME)
