"""Names as people mean them: one helper that every app uses before it stores or compares
a name (team, organisation, network, person, plan title).

Two names that look the same on screen must be the same name. Unicode allows many ways
to write what looks like one name: composed or decomposed accents (``é`` as one code
point or as ``e`` plus a combining accent), invisible characters (zero-width space
U+200B, byte-order mark U+FEFF, soft hyphen U+00AD) and direction marks and overrides
(U+200E, U+202E, …) that can even make a name read backwards. :func:`clean_name`
normalises to NFC, drops every invisible formatting character (Unicode category ``Cf``)
and control character, and folds runs of white space to one space.

Pure Python: imports nothing from Django, so kernels and forms can both use it.
"""

from __future__ import annotations

import unicodedata

# Unicode categories that never show as a character of a name: formatting characters
# (zero-width, direction marks and overrides, BOM, soft hyphen) and control characters.
INVISIBLE_CATEGORIES = frozenset({"Cf", "Cc"})


def strip_invisible(value: str) -> str:
    """The text without invisible formatting and control characters; line breaks and
    tabs count as white space and become spaces."""
    out = []
    for char in value:
        if char in "\t\n\r\f\v":
            out.append(" ")
        elif unicodedata.category(char) not in INVISIBLE_CATEGORIES:
            out.append(char)
    return "".join(out)


def clean_name(value: str) -> str:
    """A name in its one stored form: NFC, no invisible or direction characters, single
    spaces, no spaces at either end."""
    # Strip first, then compose: an invisible character between a letter and its
    # combining accent must not keep them apart.
    text = unicodedata.normalize("NFC", strip_invisible(value))
    return " ".join(text.split())


def clean_text(value: str) -> str:
    """Free text (descriptions): NFC, no direction overrides or other invisible
    characters; line breaks, tabs and the joiners that emoji and some scripts need
    (U+200C, U+200D) are kept; trailing spaces on each line go."""
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    kept = "".join(
        char
        for char in text
        if char in "\n\t\u200c\u200d" or unicodedata.category(char) not in INVISIBLE_CATEGORIES
    )
    kept = unicodedata.normalize("NFC", kept)
    return "\n".join(line.rstrip() for line in kept.split("\n")).strip()
