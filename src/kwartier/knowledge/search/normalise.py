"""Dutch word normalisation shared by every search backend, plus the snippet builder.

Index text and query text go through the same function, so a word in any inflection the
lemmatiser knows ("schulden", "liep", "wijkteams") meets the story that uses another form
("schuld", "lopen", "wijkteam"). We use simplemma rather than the Snowball ``dutch``
stemmer (see docs/architecture.md, row "Dutch word forms"), with three repairs measured on
simplemma 2.0.0:

* lemma chains are followed to their end, because simplemma maps "liep" to "lopen" but
  "lopen" to "loop" (and "loop" back to "lopen"): we take the smallest word of the cycle
  the chain ends in, so all forms meet;
* compounds missing from the dictionary ("wijkteams", "uithuiszettingen") are split on
  their longest known head ("teams", "zettingen"), whose lemma replaces the head;
* diacritics are folded after lemmatising, so "cafe" finds "café" and "financiele"
  finds "financiële" when the lemmatiser leaves them alone.

Stop words are the Snowball Dutch list, the one PostgreSQL's ``dutch`` configuration
uses, so no backend silently drops a word the other one keeps.

Everything here is pure Python with no Django import, cached with ``lru_cache``: a
social-domain corpus has a small vocabulary, so after warm-up a word costs one dict hit.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

import simplemma

LANG = "nl"

#: Unicode letters and digits; underscores and punctuation separate words. Every
#: normalised token matches this, so PostgreSQL's parser never splits one further.
TOKEN_RE = re.compile(r"[^\W_]+")

#: Longer "words" are noise (hashes, pasted URLs) and PostgreSQL refuses very long lexemes.
MAX_TOKEN_LENGTH = 60

#: Compounds are split only with a modifier and a head of at least these lengths, so
#: short accidental heads ("en", "sen") never decide a lemma.
_MIN_MODIFIER = 3
_MIN_HEAD = 4

_SNOWBALL_DUTCH_STOP = """
    de en van ik te dat die in een hij het niet zijn is was op aan met als voor had er
    maar om hem dan zou of wat mijn men dit zo door over ze zich bij ook tot je mij uit
    der daar haar naar heb hoe heeft hebben deze u want nog zal me zij nu ge geen omdat
    iets worden toch al waren veel meer doen toen moet ben zonder kan hun dus alles onder
    ja eens hier wie werd altijd doch wordt wezen kunnen ons zelf tegen na reeds wil kon
    niets uw iemand geweest andere
"""
#: Snowball Dutch stop words (PostgreSQL ``dutch.stop``).
STOP_WORDS: frozenset[str] = frozenset(_SNOWBALL_DUTCH_STOP.split())

Segment = tuple[str, bool]
"""A piece of original text and whether it matched a query word."""


def _fold(word: str) -> str:
    """Strip diacritics ("ë" -> "e"); compatibility forms ("ĳ") become plain letters."""
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _simplemma(word: str) -> str:
    """One simplemma step, reduced to a single lower-case token."""
    return "".join(TOKEN_RE.findall(simplemma.lemmatize(word, lang=LANG).lower())) or word


def _follow_chain(word: str) -> str:
    """Follow lemma -> lemma until it repeats; return the smallest word of the final cycle.

    Taking the cycle's minimum (not the first word reached) makes the result independent
    of where the chain was entered, so "liep", "liepen", "lopen" and "loop" all agree.
    """
    chain = [word]
    position = {word: 0}
    current = word
    for _ in range(10):
        following = _simplemma(current)
        if following in position:
            return min(chain[position[following] :])
        position[following] = len(chain)
        chain.append(following)
        current = following
    return current


@lru_cache(maxsize=262_144)
def normalise_word(word: str) -> str:
    """Canonical index form of one lower-case word (see the module docstring)."""
    lemma = _follow_chain(word)
    if lemma == word and not simplemma.is_known(word, lang=LANG):
        for cut in range(_MIN_MODIFIER, len(word) - _MIN_HEAD + 1):
            head = word[cut:]
            if simplemma.is_known(head, lang=LANG):
                lemma = word[:cut] + _follow_chain(head)
                break
    return _fold(lemma)


def words(text: str) -> list[str]:
    """Lower-case words of ``text`` (NFC first, so decomposed "e\u0308" equals "ë")."""
    return TOKEN_RE.findall(unicodedata.normalize("NFC", text).lower())


def _is_stop(word: str, lemma: str) -> bool:
    return word in STOP_WORDS or lemma in STOP_WORDS


def normalise_tokens(text: str, *, drop_stop_words: bool = True) -> list[str]:
    """Canonical tokens of ``text`` in order, the unit both backends index and query."""
    out: list[str] = []
    for word in words(text):
        if len(word) > MAX_TOKEN_LENGTH:
            continue
        lemma = normalise_word(word)
        if drop_stop_words and _is_stop(word, lemma):
            continue
        out.append(lemma)
    return out


def normalise(text: str, *, drop_stop_words: bool = True) -> str:
    """``normalise_tokens`` joined by spaces: the text a whitespace tokenizer indexes."""
    return " ".join(normalise_tokens(text, drop_stop_words=drop_stop_words))


def query_terms(text: str) -> tuple[str, ...]:
    """Distinct canonical tokens of a query, in the order typed."""
    return tuple(dict.fromkeys(normalise_tokens(text)))


def _merge(segments: Iterable[Segment]) -> tuple[Segment, ...]:
    """Join neighbouring segments of the same kind and drop empty ones."""
    merged: list[Segment] = []
    for text, is_match in segments:
        if not text:
            continue
        if merged and merged[-1][1] == is_match:
            merged[-1] = (merged[-1][0] + text, is_match)
        else:
            merged.append((text, is_match))
    return tuple(merged)


def highlight(
    text: str, terms: Iterable[str], *, window: int | None = 30, ellipsis: str = "…"
) -> tuple[Segment, ...]:
    """Segments of ``text`` around its densest run of query matches.

    Each original word is normalised the way the index was, so "schulden" in the story is
    marked for the query "schuld". The window of ``window`` words with the most matches
    wins (the earliest on a tie; the start of the text when nothing matches);
    ``window=None`` keeps the whole text, which suits titles. Returning plain
    ``(text, is_match)`` pairs lets a template escape the text and add ``<mark>`` itself,
    so no stored text is ever marked safe.
    """
    wanted = frozenset(terms)
    text = unicodedata.normalize("NFC", text)
    spans = [m.span() for m in TOKEN_RE.finditer(text)]
    if not spans:
        return _merge([(text, False)]) if text.strip() else ()
    hits = [int(normalise_word(text[a:b].lower()) in wanted) for a, b in spans]
    count = len(spans)
    size = count if window is None else max(1, min(window, count))
    running = sum(hits[:size])
    best, first = running, 0
    for start in range(1, count - size + 1):
        running += hits[start + size - 1] - hits[start - 1]
        if running > best:
            best, first = running, start
    matched = [i for i in range(first, first + size) if hits[i]]
    if matched:
        # Centre the window on its matches, so they get context on both sides.
        centred = min(max(0, (matched[0] + matched[-1]) // 2 - size // 2), count - size)
        if sum(hits[centred : centred + size]) >= best:
            first = centred
    last = first + size - 1
    char_from = 0 if first == 0 else spans[first][0]
    char_to = len(text) if last == len(spans) - 1 else spans[last][1]
    segments: list[Segment] = []
    if char_from > 0:
        segments.append((ellipsis + " ", False))
    cursor = char_from
    for index in range(first, last + 1):
        a, b = spans[index]
        segments.append((text[cursor:a], False))
        segments.append((text[a:b], bool(hits[index])))
        cursor = b
    segments.append((text[cursor:char_to], False))
    if char_to < len(text):
        segments.append((" " + ellipsis, False))
    return _merge(segments)
