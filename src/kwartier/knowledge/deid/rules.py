"""Social-domain rules that complement deduce.

Each ``find_*`` function takes the original text and returns ``(start, end, label)``
tuples; :func:`find_rule_spans` runs them all. They are plain regular expressions with
checksums, context words and general lookup lists, so they carry over to stories that
are written differently from the ones we develop on.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from kwartier.knowledge.deid import lists
from kwartier.knowledge.deid import patterns as p
from kwartier.knowledge.deid.spans import (
    ADDRESS,
    AGE,
    BSN,
    DATE,
    EMAIL,
    IBAN,
    ID_NUMBER,
    LICENSE_PLATE,
    LOCATION,
    ORGANISATION,
    PERSON,
    PHONE,
    URL,
    RawSpan,
)

_DIGIT = re.compile(r"\d")
_DIGIT_SEPARATOR_DIGIT = re.compile(r"\d[-/.]\d")
_FIVE_DIGITS = re.compile(r"\d{5}")
_WORD = re.compile(r"[\w'’-]+")
_NEXT_WORD = re.compile(r"\s*([\w'’-]+|[^\w\s])?")

# Capitalised words that are never a person's name even after a role noun:
# nationalities and languages ("mijn vader Marokkaans"), which Dutch capitalises.
_NOT_A_NAME = frozenset(lists.NATIONALITIES) | {"Nederlander"}
# Places too large to identify anyone: "ik kwam naar Nederland".
_TOO_WIDE_TO_IDENTIFY = frozenset(
    [
        "Nederland",
        "Holland",
        "Europa",
        "Afrika",
        "Azië",
        "Amerika",
        "Randstad",
        "God",
        "Allah",
        "Jezus",
    ]
)


# Sentence-initial words swept into a street name by the capitalised-word prefix
# ("Op Julianalaan 64"). "Van" and "De" are missing on purpose: "Van Heekplein",
# "De Ruijterkade".
_NOT_A_STREET_WORD = frozenset(
    [
        "op",
        "in",
        "aan",
        "naar",
        "bij",
        "mijn",
        "ons",
        "onze",
        "ik",
        "toen",
        "het",
        "een",
        "via",
        "vanaf",
        "langs",
        "over",
        "uit",
        "tot",
        "door",
        "nu",
        "daarna",
        "later",
        "eerst",
        "sinds",
        "adres",
        "woonadres",
        "huisadres",
        "postadres",
        "straat",
        "en",
        "of",
        "maar",
    ]
)


# Capitalised words that identify no one: laws and schemes of the social domain,
# holidays, religions, languages, platforms and generic abbreviations.
_NOT_IDENTIFYING = frozenset(
    [
        "Wmo",
        "WMO",
        "Wlz",
        "Zvw",
        "Wajong",
        "Wsnp",
        "WSNP",
        "Msnp",
        "AOW",
        "WW",
        "WIA",
        "WAO",
        "BSN",
        "GGZ",
        "Ggz",
        "ADHD",
        "PTSS",
        "PTSD",
        "LVB",
        "NAH",
        "HBO",
        "MBO",
        "VMBO",
        "HAVO",
        "VWO",
        "ZZP",
        "ROC",
        "OV",
        "DigiD",
        "Kerst",
        "Kerstmis",
        "Pasen",
        "Pinksteren",
        "Ramadan",
        "Suikerfeest",
        "Offerfeest",
        "Sinterklaas",
        "Koningsdag",
        "Oud",
        "Nieuw",
        "Corona",
        "Covid",
        "God",
        "Allah",
        "Jezus",
        "Bijbel",
        "Koran",
        "Islam",
        "Internet",
        "Facebook",
        "WhatsApp",
        "Instagram",
        "TikTok",
        "Google",
        "YouTube",
        "Netflix",
        "Marktplaats",
        "Beschermd",
        "Begeleid",
        "Jeugdzorg",
        "Schuldhulpverlening",
        "Bijstand",
        "Toeslagen",
        "Huurtoeslag",
        "Zorgtoeslag",
        "Kinderopvangtoeslag",
        "Maatschappelijke",
        "Opvang",
        "Sociale",
        "Dienst",
        "Nederland",
        "Holland",
        "Europa",
        "Afrika",
        "Azië",
        "Amerika",
        "Randstad",
    ]
)
_LAW_SUFFIX = re.compile(r"(?:wet|wetten|regeling|besluit|toeslag)$")
_PREPOSITION_LABELS = {
    "in": LOCATION,
    "uit": LOCATION,
    "naar": LOCATION,
    "met": PERSON,
}


def _next_word(text: str, end: int) -> str:
    """The word (or punctuation mark) right after ``end``, '' at the end of the text."""
    match = _NEXT_WORD.match(text, end)
    return (match.group(1) or "") if match else ""


def _trim_common_words(
    text: str, start: int, end: int, common: frozenset[str] | None = None
) -> tuple[int, int]:
    """Drop leading ordinary words ("Toen Kevin Smit" -> "Kevin Smit").

    Name patterns start at any capital letter, so a sentence-initial word can be
    swept in; deduce's list of common Dutch words tells it apart from a name. Lower-case
    words are dropped too: a name does not start with one. Trailing words are kept:
    patterns end on a capitalised word, and surnames are often common words ("Berg").
    """
    if common is None:
        common = lists.load_deduce_common_words()
    words = [(m.start() + start, m.end() + start) for m in _WORD.finditer(text[start:end])]
    while words and (
        text[words[0][0] : words[0][1]].lower() in common or text[words[0][0]].islower()
    ):
        words.pop(0)
    if not words:
        return start, start
    return words[0][0], words[-1][1]


# --- numbers with checksums or fixed shapes -------------------------------------------


def find_ibans(text: str) -> list[RawSpan]:
    spans = [(m.start(), m.end(), IBAN) for m in p.IBAN.finditer(text) if p.iban_is_valid(m[0])]
    spans += [(m.start(), m.end(), IBAN) for m in p.DUTCH_IBAN_SHAPE.finditer(text)]
    return spans


def find_bsns(text: str) -> list[RawSpan]:
    """Nine-digit numbers that pass the eleven-test, and any number after "BSN"."""
    spans = [
        (m.start(), m.end(), BSN)
        for m in p.BSN_CANDIDATE.finditer(text)
        if _starts_number(text, m.start()) and p.bsn_is_valid(m[0])
    ]
    lowered = p.lower_same_length(text)
    if "bsn" in lowered or "burger" in lowered or "sofi" in lowered:
        spans += [(m.start(1), m.end(1), BSN) for m in p.BSN_CONTEXT_LOWER.finditer(lowered)]
    return spans


def _starts_number(text: str, index: int) -> bool:
    """Not glued to a word, another number, a decimal point or a sign."""
    return p.starts_word(text, index) and (index == 0 or text[index - 1] not in ".,+/")


def find_license_plates(text: str) -> list[RawSpan]:
    spans: list[RawSpan] = []
    if "-" in text:
        spans += [
            (m.start(), m.end(), LICENSE_PLATE)
            for m in p.PLATE_SHAPE.finditer(text)
            if p.starts_word(text, m.start()) and p.PLATE_DASHED.fullmatch(m[0])
        ]
    # Plates without dashes only near a word about vehicles ("kenteken 83DFV6").
    lowered = p.lower_same_length(text)
    # A few substring tests are quicker than the scan, and most texts have none.
    has_context = any(word in lowered for word in p.PLATE_CONTEXT_WORDS)
    for context in p.PLATE_CONTEXT_LOWER.finditer(lowered) if has_context else ():
        window_end = min(len(text), context.end() + 40)
        for m in p.PLATE_LOOSE.finditer(text, context.end(), window_end):
            plate = m[0]
            if (
                p.starts_word(text, m.start())
                and any(char.isdigit() for char in plate)
                and any(char.isalpha() for char in plate)
            ):
                spans.append((m.start(), m.end(), LICENSE_PLATE))
    return spans


def find_phone_numbers(text: str) -> list[RawSpan]:
    return [
        (m.start(), m.end(), PHONE)
        for m in p.PHONE.finditer(text)
        if _starts_number(text, m.start()) or text[m.start()] in "+("
    ]


def find_emails(text: str) -> list[RawSpan]:
    if "@" not in text:
        return []
    return [(m.start(), m.end(), EMAIL) for m in p.EMAIL.finditer(text)]


def _strip_trailing_punctuation(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in p.URL_TRAILING_PUNCTUATION:
        end -= 1  # "zie www.x.nl." - the full stop ends the sentence, not the URL
    return end


def find_urls(text: str) -> list[RawSpan]:
    spans: list[RawSpan] = []
    lowered = p.lower_same_length(text)
    if "www." in lowered or "://" in lowered:
        for m in p.URL_PREFIXED_LOWER.finditer(lowered):
            if p.starts_word(text, m.start()):
                spans.append(
                    (m.start(), _strip_trailing_punctuation(text, m.start(), m.end()), URL)
                )
    for m in p.URL_TLD.finditer(text):
        start = m.start()
        while start > 0 and text[start - 1] in p.URL_HOST_CHARS:
            start -= 1
        while start < m.start() and text[start] in ".-":
            start += 1
        if start == m.start() or (start > 0 and text[start - 1] in "@_"):
            continue  # no host name, or the domain of an e-mail address
        end = m.end()
        path = p.URL_PATH.match(text, end)
        if path:
            end = _strip_trailing_punctuation(text, end, path.end())
        spans.append((start, end, URL))
    return spans


def _is_identifier_token(token: str) -> bool:
    """A case or document number: 4+ digits, or letters with 2+ digits; not a year."""
    digits = sum(char.isdigit() for char in token)
    if re.fullmatch(r"(?:19|20)\d{2}", token):
        return False
    return digits >= 4 or (digits >= 2 and any(char.isalpha() for char in token))


def find_id_numbers(text: str) -> list[RawSpan]:
    lowered = p.lower_same_length(text)
    has_context = any(part in lowered for part in p.ID_CONTEXT_PARTS)
    spans = [
        (m.start(1), m.end(1), ID_NUMBER)
        for m in (p.ID_CONTEXT_LOWER.finditer(lowered) if has_context else ())
        if _is_identifier_token(m[1]) and (m.start() == 0 or not lowered[m.start() - 1].isalpha())
    ]
    if _FIVE_DIGITS.search(text):  # what both branches of ID_FORMAT contain
        spans += [
            (m.start(), m.end(), ID_NUMBER)
            for m in p.ID_FORMAT.finditer(text)
            if p.starts_word(text, m.start()) and (m.start() == 0 or text[m.start() - 1] != "/")
        ]
    for m in p.PASSPORT.finditer(text):
        digits = sum(char.isdigit() for char in m[0])
        if digits >= 2 and len(m[0]) - digits >= 2:
            spans.append((m.start(), m.end(), ID_NUMBER))
    return spans


# --- addresses and places -------------------------------------------------------------


def find_addresses(text: str) -> list[RawSpan]:
    spans = [(m.start(), m.end(), ADDRESS) for m in p.POSTCODE.finditer(text)]
    lowered = p.lower_same_length(text)
    if "postbus" in lowered:
        spans += [(m.start(), m.end(), ADDRESS) for m in p.POSTBUS_LOWER.finditer(lowered)]
    for m in p.STREET_WITH_NUMBER.finditer(text):
        start = m.start()
        prefix = p.STREET_PREFIX_BEFORE.search(text, max(0, start - 60), start)
        if prefix and p.starts_word(text, prefix.start()):
            start, _ = _trim_common_words(text, prefix.start(), m.end(), _NOT_A_STREET_WORD)
        spans.append((start, m.end(), ADDRESS))
    if not p.words_of(text).isdisjoint(p.STREET_TYPE_FIRST_KEYS):
        spans += [
            (m.start(), m.end(), ADDRESS)
            for m in p.STREET_TYPE_FIRST.finditer(text)
            if p.starts_word(text, m.start())
        ]
    for m in p.STREET_WITHOUT_NUMBER.finditer(text):
        if p.starts_word(text, m.start()) and p.PREPOSITION_BEFORE_LOWER.search(
            lowered, max(0, m.start() - 12), m.start()
        ):
            spans.append((m.start(1), m.end(1), ADDRESS))
    return spans


def find_places(text: str) -> list[RawSpan]:
    """Neighbourhoods (list, -wijk/-buurt names, "in de wijk X") and places after verbs
    of living, birth and moving. Municipalities themselves come from deduce's lists."""
    words = p.words_of(text)
    spans: list[RawSpan] = []
    if not words.isdisjoint(p.NEIGHBOURHOOD_LIST_KEYS):
        spans += [
            (m.start(), m.end(), LOCATION)
            for m in p.NEIGHBOURHOOD_LIST.finditer(text)
            if p.starts_word(text, m.start())
        ]
    spans += [(m.start(), m.end(), LOCATION) for m in p.NEIGHBOURHOOD_SUFFIX.finditer(text)]
    candidates = (
        []
        if words.isdisjoint(p.NEIGHBOURHOOD_CONTEXT_KEYS)
        else [m for m in p.NEIGHBOURHOOD_CONTEXT.finditer(text) if p.starts_word(text, m.start())]
    )
    lowered = p.lower_same_length(text)
    for m in p.PLACE_AFTER_PREPOSITION.finditer(text):
        if p.starts_word(text, m.start()) and p.PLACE_VERB_BEFORE_LOWER.search(
            lowered, max(0, m.start() - 50), m.start()
        ):
            candidates.append(m)
    municipalities = lists.load_deduce_municipalities()
    for m in candidates:
        if m[1] in _TOO_WIDE_TO_IDENTIFY:
            continue
        start, end = _trim_common_words(text, m.start(1), m.end(1))
        if start == end and m[1].lower() in municipalities:
            # A town whose name is also a word ("in Leiden", "naar Echt"): after a verb
            # of living or moving and a preposition it is the town.
            start, end = m.start(1), m.end(1)
        if start < end:
            spans.append((start, end, LOCATION))
    return spans


# --- organisations and persons --------------------------------------------------------


def find_organisations(text: str) -> list[RawSpan]:
    words = p.words_of(text)
    spans = [
        (m.start(), m.end(), ORGANISATION)
        for pattern, keys in (
            (p.ORGANISATION_LIST, p.ORGANISATION_LIST_KEYS),
            (p.ORGANISATION_HEAD, p.ORGANISATION_HEAD_KEYS),
        )
        if not words.isdisjoint(keys)
        for m in pattern.finditer(text)
        if p.starts_word(text, m.start())
    ]
    for m in (
        p.ORGANISATION_CONTEXT.finditer(text)
        if not words.isdisjoint(p.ORGANISATION_CONTEXT_KEYS)
        else ()
    ):
        if not p.starts_word(text, m.start()):
            continue
        start, end = _trim_common_words(text, m.start(1), m.end(1))
        if start < end and not _identifies_no_one(text[start:end]):
            spans.append((start, end, ORGANISATION))
    for m in (
        p.ORGANISATION_TAIL.finditer(text) if not words.isdisjoint(p.ORGANISATION_TAIL_KEYS) else ()
    ):
        start, end = _trim_common_words(text, m.start(), m.end())
        if start < end and " " in text[start:end]:
            spans.append((start, end, ORGANISATION))
    return spans


def _identifies_no_one(name: str) -> bool:
    words = name.split()
    return (
        any(word in _NOT_IDENTIFYING or word in _NOT_A_NAME for word in words)
        or _LAW_SUFFIX.search(words[-1]) is not None
    )


@functools.cache
def _first_names_not_words() -> frozenset[str]:
    return lists.load_deduce_first_names() - lists.load_deduce_common_words()


def find_names_after_prepositions(text: str) -> list[RawSpan]:
    """Capitalised names in mid-sentence after a preposition ("bij Markant")."""
    spans: list[RawSpan] = []
    for m in p.NAME_AFTER_PREPOSITION.finditer(text):
        start, end = _trim_common_words(text, m.start(2), m.end(2))
        if start < end and not _identifies_no_one(text[start:end]):
            label = _PREPOSITION_LABELS.get(m[1], ORGANISATION)
            first_word = text[start:end].split()[0]
            if label == ORGANISATION and first_word.lower() in _first_names_not_words():
                label = PERSON  # "brieven aan Jan de Vries": a person, not a body
            spans.append((start, end, label))
    return spans


def find_persons(text: str) -> list[RawSpan]:
    """Names that deduce's name lists may not know, found by what goes before or after
    them: a role noun ("mijn schuldhulpverlener Esra"), a form of address ("mevrouw
    Bouzid"), "samen met", or a team after them ("Bouzid van het wijkteam")."""
    lowered = p.lower_same_length(text)
    words = p.words_of(text)
    matches = (
        []
        if words.isdisjoint(p.PERSON_AFTER_ROLE_KEYS)
        else [
            m
            for m in p.PERSON_AFTER_ROLE.finditer(text)
            if p.starts_word(text, m.start())
            and p.DETERMINER_BEFORE_ROLE_LOWER.search(lowered, max(0, m.start() - 30), m.start())
        ]
    )
    if not words.isdisjoint(p.PERSON_AFTER_ADDRESS_KEYS):
        matches += [
            m for m in p.PERSON_AFTER_ADDRESS.finditer(text) if p.starts_word(text, m.start())
        ]
    stop_words = lists.load_deduce_stop_words()
    spans: list[RawSpan] = [
        (m.start(1), m.end(1), PERSON)
        for m in matches
        if m[1] not in _NOT_A_NAME and m[1].lower() not in stop_words
    ]
    # Only here can a sentence-initial word be swept in ("Toen Bouzid van het wijkteam").
    for m in p.PERSON_BEFORE_TEAM.finditer(text) if p.TEAM_AFTER_NAME.search(text) else ():
        start, end = _trim_common_words(text, m.start(1), m.end(1))
        if start < end and text[start:end] not in _NOT_A_NAME:
            if _is_compound_job_title(text[start:end]):
                continue
            spans.append((start, end, PERSON))
    return spans


def _is_compound_job_title(words: str) -> bool:
    """ "Wmo-consulent", "GGZ-medewerker": a capitalised prefix and a lower-case job after
    the hyphen. A double first name is capitalised on both sides ("Jan-Willem")."""
    if " " in words or "-" not in words:
        return False
    return words.rsplit("-", 1)[1].islower()


# --- dates and ages -------------------------------------------------------------------


def _numeric_date_is_valid(candidate: str) -> bool:
    parts = [int(part) for part in re.split(r"[-/.]", candidate.replace("'", ""))]
    day, month = (parts[2], parts[1]) if parts[0] > 31 else (parts[0], parts[1])
    return 1 <= day <= 31 and 1 <= month <= 12


def find_dates(text: str) -> list[RawSpan]:
    lowered = p.lower_same_length(text)
    spans = (
        []
        if p.words_of(text).isdisjoint(p.DATE_DAY_MONTH_KEYS)
        else [
            (m.start(), m.end(), DATE)
            for m in p.DATE_DAY_MONTH_LOWER.finditer(lowered)
            if p.starts_word(text, m.start()) and 1 <= int(m[1]) <= 31
        ]
    )
    if _DIGIT_SEPARATOR_DIGIT.search(text):  # what every DATE_NUMERIC branch contains
        spans += [
            (m.start(), m.end(), DATE)
            for m in p.DATE_NUMERIC.finditer(text)
            if _starts_number(text, m.start()) and _numeric_date_is_valid(m[0])
        ]
    for m in p.YEAR.finditer(text):
        if not p.starts_word(text, m.start()) or p.NOT_A_YEAR_AFTER_LOWER.match(lowered, m.end()):
            continue
        # A month with its year is a date; a bare year, a season or a decade with a
        # year ("in 2015", "de zomer van 2015") pins no one and stays (decision 0040).
        window_start = max(0, m.start() - 30)
        phrase = p.MONTH_BEFORE_YEAR_LOWER.search(lowered, window_start, m.start())
        if phrase:
            spans.append((phrase.start(), m.end(), DATE))
    return spans


def _age_is_plausible(text: str, match: re.Match[str]) -> bool:
    """Reject age-shaped numbers that count something else (see patterns.AGE_*)."""
    age = match[1].lower()
    next_word = _next_word(text, match.end(1)).lower()
    if age.endswith(("jarig", "jarige")):
        return next_word not in p.NOT_AN_AGE_AFTER_JARIG
    if age.endswith(("oud", "jong")):
        return True
    if age.endswith("jaar"):
        return not next_word.isalpha() or next_word in p.AGE_AFTER_YEARS_OK
    if next_word == "jaar":
        word_after_years = _next_word(text, text.index("jaar", match.end(1)) + 4).lower()
        return not word_after_years.isalpha() or word_after_years in p.AGE_AFTER_YEARS_OK
    return next_word not in p.NOT_AN_AGE_NEXT_WORD and next_word not in p.NOT_AN_AGE_AFTER_ORDINAL


_DURATION_VERB_BEFORE = re.compile(
    r"\b(?:woonde|woon|woont|zat|zit|werkte|werk|werkt|wachtte|wacht|duurde|duurt|sliep|slaap"
    r"|bleef|blijf|leefde|leef|liep|loop|studeerde|zorgde|betaalde|spaarde)"
    r" (?:ik|hij|zij|ze|we|wij|jij|je|u|het|daar|er|al|nog|toen|maar|bijna|ruim)"
    r"(?: (?:daar|er|al|nog|toen|maar|bijna|ruim))* $",
    re.IGNORECASE,
)


def deduce_age_is_plausible(text: str, start: int, end: int) -> bool:
    """deduce marks "4" in "ik zat 4 jaar in de schuldsanering": a duration, not an age.

    Same test as our own age rules: after "N jaar" only certain words keep it an age.
    "een vrouw van 45 jaar met ..." stays an age because of the "van" before it.
    """
    if text[max(0, start - 4) : start].lower() == "van ":
        return True
    if _DURATION_VERB_BEFORE.search(text, max(0, start - 25), start):
        return False  # "daar woonde ik 3 jaar": how long, not how old
    if _next_word(text, end).lower() != "jaar":
        return True
    word_after_years = _next_word(text, text.index("jaar", end) + 4)
    return not word_after_years.isalpha() or word_after_years.lower() in p.AGE_AFTER_YEARS_OK


def _ages_matching(
    lowered: str, pattern: re.Pattern[str], left_context: re.Pattern[str] | None = None
) -> list[re.Match[str]]:
    """Matches of an AGE_* pattern at word starts, with a required left context."""
    return [
        m
        for m in pattern.finditer(lowered)
        if p.starts_word(lowered, m.start())
        and (
            left_context is None
            or left_context.search(lowered, max(0, m.start() - 25), m.start()) is not None
        )
    ]


def find_ages(text: str) -> list[RawSpan]:
    lowered = p.lower_same_length(text)
    matches = _ages_matching(lowered, p.AGE_SUBJECT_NUMBER_VERB)
    matches += _ages_matching(lowered, p.AGE_SUBJECT_VERB_NUMBER)
    if "jaar oud" in lowered or "jaar jong" in lowered:
        matches += _ages_matching(lowered, p.AGE_YEARS_OLD)
    matches += _ages_matching(lowered, p.AGE_POSSESSIVE_ORDINAL, p.PREPOSITION_BEFORE_AGE)
    if "jarig" in lowered:
        matches += _ages_matching(lowered, p.AGE_JARIG)
    matches += _ages_matching(lowered, p.AGE_VAN_NUMBER, p.PERSON_NOUN_BEFORE_AGE)
    spans = [(m.start(1), m.end(1), AGE) for m in matches if _age_is_plausible(lowered, m)]
    # Unambiguous contexts skip the duration check: "op de leeftijd van 16 jaar begon",
    # "met 17 jaar ging ik", "Jan (34)".
    certain: list[re.Match[str]] = []
    if "leeftijd" in lowered:
        certain += _ages_matching(lowered, p.AGE_LEEFTIJD)
    if "met " in lowered and " jaar" in lowered:
        certain += _ages_matching(lowered, p.AGE_MET_YEARS)
    if "(" in lowered:
        certain += list(p.AGE_IN_BRACKETS.finditer(lowered))
    return spans + [(m.start(1), m.end(1), AGE) for m in certain]


# Rules that need a digit somewhere in the text; skipped for texts without one, which
# keeps the engine fast on the many short texts that have no numbers at all.
_RULES_NEEDING_DIGITS: tuple[Callable[[str], list[RawSpan]], ...] = (
    find_ibans,
    find_bsns,
    find_license_plates,
    find_phone_numbers,
    find_id_numbers,
    find_dates,
)
_RULES_ALWAYS: tuple[Callable[[str], list[RawSpan]], ...] = (
    find_emails,
    find_urls,
    find_addresses,
    find_places,
    find_organisations,
    find_persons,
    find_names_after_prepositions,
    find_ages,
)


def find_rule_spans(text: str) -> list[RawSpan]:
    """All spans our own rules find; may overlap (see spans.resolve_overlaps)."""
    spans: list[RawSpan] = []
    if _DIGIT.search(text):
        for rule in _RULES_NEEDING_DIGITS:
            spans += rule(text)
    for rule in _RULES_ALWAYS:
        spans += rule(text)
    return spans
