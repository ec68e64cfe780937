"""Rendering a text with its identifiers replaced: numbered tags or fictional surrogates.

Kept apart from the engine so the web app can re-render after an author accepts,
rejects or adds spans, without loading deduce.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterable
from typing import Literal

from kwartier.knowledge.deid.patterns import bsn_is_valid
from kwartier.knowledge.deid.spans import (
    ADDRESS,
    AGE,
    BSN,
    DATE,
    EMAIL,
    IBAN,
    ID_NUMBER,
    LABELS,
    LICENSE_PLATE,
    LOCATION,
    ORGANISATION,
    PERSON,
    PHONE,
    URL,
    Span,
    resolve_overlaps,
)

Mode = Literal["tags", "surrogates"]

TAG_NAMES: dict[str, str] = {
    PERSON: "PERSOON",
    LOCATION: "PLAATS",
    ADDRESS: "ADRES",
    ORGANISATION: "ORGANISATIE",
    DATE: "DATUM",
    AGE: "LEEFTIJD",
    BSN: "BSN",
    IBAN: "IBAN",
    PHONE: "TELEFOON",
    EMAIL: "E-MAIL",
    URL: "URL",
    LICENSE_PLATE: "KENTEKEN",
    ID_NUMBER: "ID-NUMMER",
}

# Small fictional lists: surrogates must read naturally but point at nobody.
_FIRST_NAMES = (
    "Anna", "Bram", "Chris", "Daan", "Eva", "Fleur", "Gijs", "Hanna", "Iris", "Joost",
    "Karin", "Lotte", "Milan", "Noor", "Olaf", "Pien", "Ruben", "Sara", "Tess", "Vera",
)  # fmt: skip
_SURNAMES = (
    "de Boer", "Jansen", "Kok", "Meijer", "Peters", "Vos", "Willems", "Bos", "Dekker",
    "Smits", "Verbeek", "Hendriks", "van Dam", "Mulders", "Koster",
)  # fmt: skip
_TOWNS = (
    "Lindeburg", "Heidevoort", "Meerwolde", "Bosrijk", "Wilgendaal", "Elzenhorst",
    "Beukenrode", "Varenveld", "Klaverdorp", "Esdonk",
)  # fmt: skip
_STREETS = (
    "Voorbeeldstraat", "Lindelaan", "Kastanjeweg", "Esdoornplein", "Wilgenkade",
    "Berkensingel", "Populierendreef", "Iepenhof",
)  # fmt: skip
_ORGANISATIONS = (
    "Stichting De Brug", "Zorggroep Lindewei", "Woonstichting Het Anker", "Welzijn Meerwolde",
    "Stichting Opmaat", "Buurtteam Esdonk", "Herstelhuis De Linde", "Stichting Kompas",
)  # fmt: skip
_MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
    "september", "oktober", "november", "december",
)  # fmt: skip
_MAX_ATTEMPTS = 50


def _person(rng: random.Random, original: str) -> str:
    first = rng.choice(_FIRST_NAMES)
    return f"{first} {rng.choice(_SURNAMES)}" if " " in original.strip() else first


def _location(rng: random.Random, original: str) -> str:
    return rng.choice(_TOWNS)


def _address(rng: random.Random, original: str) -> str:
    if re.search(r"\d{4} ?[A-Z]{2}", original):
        return f"{rng.randint(1000, 9999)} ZZ {rng.choice(_TOWNS)}"
    if re.search(r"\d", original):
        return f"{rng.choice(_STREETS)} {rng.randint(1, 250)}"
    return rng.choice(_STREETS)


def _organisation(rng: random.Random, original: str) -> str:
    return rng.choice(_ORGANISATIONS)


def _date(rng: random.Random, original: str) -> str:
    year = rng.randint(1950, 2020)
    if re.fullmatch(r"\d{4}", original.strip()):
        return str(year)
    if re.fullmatch(r"\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}", original.strip()):
        return f"{rng.randint(1, 28):02d}-{rng.randint(1, 12):02d}-{year}"
    return f"{rng.randint(1, 28)} {rng.choice(_MONTHS)} {year}"


def _age(rng: random.Random, original: str) -> str:
    age = rng.randint(16, 80)
    lowered = original.lower()
    if "jarig" in lowered:
        return f"{age}-jarige" if lowered.endswith("e") else f"{age}-jarig"
    if "jaar" in lowered:
        return f"{age} jaar oud" if "oud" in lowered else f"{age} jaar"
    if re.search(r"(e|ste|de)$", lowered) and not lowered.isdigit():
        return f"{age}e"
    return str(age)


def _bsn(rng: random.Random, original: str) -> str:
    # Numbers starting with 9999 are set aside for testing and never issued.
    while True:
        candidate = f"9999{rng.randint(0, 99999):05d}"
        if bsn_is_valid(candidate):
            return candidate


def _iban(rng: random.Random, original: str) -> str:
    # "TEST" is no Dutch bank code, yet the check digits are valid.
    account = f"{rng.randint(0, 9_999_999_999):010d}"
    numeric = "".join(str(int(char, 36)) for char in f"TEST{account}NL00")
    check = 98 - int(numeric) % 97
    return f"NL{check:02d}TEST{account}"


def _phone(rng: random.Random, original: str) -> str:
    return f"06-0000{rng.randint(0, 9999):04d}"


def _email(rng: random.Random, original: str) -> str:
    return f"{rng.choice(_FIRST_NAMES).lower()}{rng.randint(1, 99)}@voorbeeld.nl"


def _url(rng: random.Random, original: str) -> str:
    return f"www.voorbeeld{rng.randint(1, 999)}.nl"


def _licence_plate(rng: random.Random, original: str) -> str:
    # Q never appears on Dutch plates.
    letter = rng.choice("BDFGHJKLNPRSTVXZ")
    return f"Q{letter}-{rng.randint(10, 99)}-{rng.randint(10, 99)}"


def _id_number(rng: random.Random, original: str) -> str:
    """Same shape as the original: digits and letters replaced, separators kept."""
    letters = "ABCDEFGHJKLMNPRSTUVWXYZ"
    return "".join(
        str(rng.randint(0, 9))
        if char.isdigit()
        else rng.choice(letters)
        if char.isalpha()
        else char
        for char in original
    )


SURROGATE_MAKERS: dict[str, Callable[[random.Random, str], str]] = {
    PERSON: _person,
    LOCATION: _location,
    ADDRESS: _address,
    ORGANISATION: _organisation,
    DATE: _date,
    AGE: _age,
    BSN: _bsn,
    IBAN: _iban,
    PHONE: _phone,
    EMAIL: _email,
    URL: _url,
    LICENSE_PLATE: _licence_plate,
    ID_NUMBER: _id_number,
}


def _identity(text: str) -> str:
    """Spellings of one identifier that count as the same: case and spacing ignored."""
    return " ".join(text.casefold().split())


def _surrogate(
    rng: random.Random, span: Span, originals: list[str], used: set[str], counter: int
) -> str:
    """A fictional value that repeats no original identifier of this text."""
    make = SURROGATE_MAKERS[span.label]
    for _ in range(_MAX_ATTEMPTS):
        candidate = make(rng, span.text)
        folded = candidate.casefold()
        if folded not in used and not any(original in folded for original in originals):
            return candidate
    # The lists ran out (a text with very many names): a tag is always safe.
    return f"[{TAG_NAMES[span.label]} {counter}]"


def apply_replacements(text: str, spans: Iterable[Span], mode: Mode = "tags", seed: int = 0) -> str:
    """``text`` with every span replaced; the same identifier gets the same replacement.

    ``spans`` may overlap or be unsorted (an author's manual additions); overlapping
    spans are merged first. Tags are numbered per label in order of appearance:
    ``[PERSOON 1]``, ``[PERSOON 2]``, ``[PLAATS 1]``. Surrogates are deterministic for a
    given ``seed``.
    """
    _check_mode(mode)
    span_list = list(spans)
    unknown = {span.label for span in span_list} - LABELS
    if unknown:
        raise ValueError(f"unknown labels: {sorted(unknown)}")
    resolved = resolve_overlaps(text, [(s.start, s.end, s.label) for s in span_list])
    return replace_resolved(text, resolved, mode=mode, seed=seed)


def _check_mode(mode: str) -> None:
    if mode not in ("tags", "surrogates"):
        raise ValueError(f"unknown mode {mode!r}: use 'tags' or 'surrogates'")


def replace_resolved(text: str, resolved: list[Span], mode: Mode = "tags", seed: int = 0) -> str:
    """:func:`apply_replacements` for spans that are already as ``resolve_overlaps``
    leaves them: sorted, not overlapping, known labels, ``span.text`` as in ``text``
    (the engine's own output). Skips merging them again."""
    _check_mode(mode)
    surrogates = mode == "surrogates"
    originals = (
        sorted({_identity(s.text) for s in resolved if _identity(s.text)}) if surrogates else []
    )
    rng = random.Random(seed) if surrogates else None
    replacements: dict[tuple[str, str], str] = {}
    counters: dict[str, int] = {}
    used: set[str] = set()
    pieces: list[str] = []
    position = 0
    for span in resolved:
        key = (span.label, _identity(span.text))
        replacement = replacements.get(key)
        if replacement is None:
            counters[span.label] = counters.get(span.label, 0) + 1
            if rng is None:
                replacement = f"[{TAG_NAMES[span.label]} {counters[span.label]}]"
            else:
                replacement = _surrogate(rng, span, originals, used, counters[span.label])
                used.add(replacement.casefold())
            replacements[key] = replacement
        pieces.append(text[position : span.start])
        pieces.append(replacement)
        position = span.end
    pieces.append(text[position:])
    return "".join(pieces)
