"""Rules for the way people really write: chat, letters, interviews, quick notes.

Capital letters are a weak signal in such texts ("ik zei nog tegen ruben", "hoi
sanne!!"), so these rules look at where a word stands instead: a chat sender label at
the start of a line, a greeting or a signature in a letter, a verb of saying or
meeting before it, a social-media handle, a possessive before a family word. Each
returns ``(start, end, label)`` tuples like the rules in :mod:`.rules`.
"""

from __future__ import annotations

import functools
import re

from kwartier.knowledge.deid import lists
from kwartier.knowledge.deid.patterns import (
    find_at_word_starts,
    find_where,
    lower_same_length,
    phrase_alternation,
    phrase_keys,
    starts_word,
    without_opening,
    words_of,
)
from kwartier.knowledge.deid.policy import CHAT_WORDS, never_identifying
from kwartier.knowledge.deid.spans import (
    ADDRESS,
    AGE,
    DATE,
    IBAN,
    ID_NUMBER,
    LOCATION,
    ORGANISATION,
    PERSON,
    URL,
    RawSpan,
    Span,
)

_UP = "A-ZÀ-ÖØ-Þ" + "".join(chr(c) for c in range(0x100, 0x17F) if chr(c).isupper())
_LOW = "a-zß-öø-ÿ" + "".join(chr(c) for c in range(0x100, 0x17F) if chr(c).islower())
_NAME_WORD = rf"[{_UP}](?:[{_LOW}{_UP}'’]*[{_LOW}{_UP}])?(?:-[{_UP}{_LOW}][{_LOW}'’]*[{_LOW}])*"
_INITIAL = rf"[{_UP}]\.(?:-?[{_UP}]\.)*"
_PARTICLE = r"(?:van|de|der|den|ten|ter|te|el|al|la|le|da|di|du|'t|op|in)"
# "Sanne", "Dirk-Jan V.", "Nour Al-Hassan", "S. Al-Hassan", "J.-P. de Graaf"
_FULL_NAME = (
    rf"(?:{_INITIAL} ?(?:{_PARTICLE} ){{0,2}}{_NAME_WORD}"
    rf"|{_NAME_WORD}(?: (?:{_PARTICLE} ){{0,2}}{_NAME_WORD}){{0,2}}(?: {_INITIAL})?)"
)

# A chat or transcript label at the start of a line: "Dirk-Jan V.: ben er zo",
# "[12:03] sanne: ok", "Interviewer: ..." (role words are left out by the caller).
SENDER = re.compile(
    rf"^[ \t]*(?:\[?\d{{1,2}}[:.]\d{{2}}\]?[ \t]*-?[ \t]*)?({_FULL_NAME}|[{_LOW}][{_LOW}-]{{1,20}}):[ \t]",  # noqa: E501
    re.MULTILINE,
)
# Greetings and closings of letters and messages.
# The caller checks that a greeting opens a line or follows the end of a sentence.
_GREETING_WORDS = (
    "Beste|Lieve|Liefste|Hoi|Hallo|Hey|Hee|Hi|Dag|Goedemorgen|Goedemiddag"
    "|Goedenavond|Dear|Yo|Ha|Hai|Hoii|hoi|hallo|hey|hee|hi|lieve|beste|dag|yo"
)
GREETING = re.compile(
    rf"(?<![\w-])(?:{_GREETING_WORDS})"
    rf"[ \t]+((?:{_FULL_NAME}|[{_LOW}][{_LOW}-]{{2,20}})(?: (?:en|&) {_FULL_NAME})?)"
    rf"(?=[ \t]*[,!\n:]|$)"
)
_GREETING_OPENS = re.compile(r"(?:^|[\n.!?])[ \t]*$")
CLOSING = re.compile(
    r"(?:groet(?:en|jes)?|groeten|hoogachtend|liefs|kus(?:jes)?|x+|doei|tot (?:zo|snel|later)"
    r"|dank(?: je wel| u wel)?|bedankt|vriendelijke groet|hartelijke groet|mvg|gr)[ \t]*[,.!]?[ \t]*\n"  # noqa: E501
    rf"[ \t]*({_FULL_NAME})[ \t]*(?=\n|$|\()",
    re.IGNORECASE,
)
HANDLE = re.compile(r"(?<![\w.@])@[A-Za-z0-9_](?:[\w.]*[A-Za-z0-9_])?")
# Verbs of saying and meeting, and prepositions after them, before a lower-case name.
LOWER_NAME_CONTEXT = re.compile(
    r"(?:tegen|met|bij|van|aan|voor|zei|zegt|belde|bel|appte|app|sprak|spreek|zag|zie|ziet"
    r"|ken|kent|kende|vroeg|vraag|mailde|hielp|helpt|heb|had|is|was|en|of|dat|want|hoi|hey"
    r"|hallo|dag|lieve|beste|samen met|ook|nog|gister|vandaag|morgen|ff|even|die|zus"
    r"|broer|vriend|vriendin|buurman|buurvrouw|collega|maatje|begeleider|moeder|vader"
    r"|oom|tante|neef|nicht|opa|oma|man|vrouw|zoon|dochter"
    r"|(?:heb|had|ken|kende|zag|zie|sprak|spreek|bel|belde|mail|app|vroeg|vraag) (?:jij|je|u)) $"
)
_LOWER_WORD = re.compile(rf"[{_LOW}][{_LOW}]+(?:-[{_LOW}]+)?")
# "Habtoms broer", "Senait's moeder": the name without the ending.
_POSSESSED = (
    "broer|broertje|zus|zusje|moeder|vader|ouders|man|vrouw"
    "|zoon|dochter|kind|kinderen|oom|tante|opa|oma|neef|nicht|vriend|vriendin|familie|huis"
    "|kamer|auto|baas|partner|ex"
)
POSSESSIVE_SIMPLE = re.compile(rf"({_NAME_WORD}?)(?:s|'s|’s|') (?:{_POSSESSED})\b")
# The possessed word stands after a space and before \b (no letter).
_POSSESSED_KEYS = phrase_keys(_POSSESSED.split("|"), left=True, right=True)
# "J.-P. de Graaf", "S. Al-Hassan", "Ł. Nowak": initials before a surname.
INITIALS_NAME = re.compile(
    rf"(?<![\w.])({_INITIAL} ?(?:{_PARTICLE} ){{0,2}}{_NAME_WORD}(?:[ -]{_NAME_WORD})?)"
)
# Title words before a surname that may be a Dutch word: "heer Koning", "mevrouw Hoop".
_TITLES = (
    r"heer|mevrouw|meneer|mevr\.|mw\.|dhr\.|Heer|Mevrouw|Meneer|Mevr\.|Mw\.|Dhr\."
    r"|juf|Juf|meester|dokter|Dokter|agent|wijkagent|zuster|Zuster|fam\.|Fam\.|familie|Familie"
)
TITLE_NAME = re.compile(
    rf"\b(?:{_TITLES})"
    rf" ({_INITIAL} ?)?((?:{_PARTICLE} ){{0,2}}{_NAME_WORD}(?:-{_NAME_WORD})?)"
)
# A first name followed by a capitalised word that may be a Dutch word: "Bram Hoop".
FIRST_THEN_SURNAME = re.compile(rf"({_NAME_WORD}) ((?:{_PARTICLE} ){{0,2}}{_NAME_WORD})")

# --- ages -------------------------------------------------------------------------------

_HAS_DIGIT = re.compile(r"\d")

_AGE = r"(?:1[01]\d|[1-9]?\d)"
_AGE_NOUN_WORDS = (
    "zoon|zoontje|dochter|dochtertje|kind|kindje|jongste|oudste|broer|broertje|zus"
    "|zusje|moeder|vader|man|vrouw|opa|oma|neef|nicht|vriend|vriendin|baby|ie|hij|zij|ze"
    "|die|de mijne|de hare|de zijne|mijne|jongen|meisje|partner"
)
_AGE_WORD_NOUNS = f"(?:{_AGE_NOUN_WORDS})"
# "mijn dochter is nu 9", "ze is 68", "hij wordt 12"
AGE_NOUN_IS = re.compile(
    rf"\b{_AGE_WORD_NOUNS} (?:is|was|wordt|werd|word|ben) (?:nu |pas |al |net |bijna |inmiddels "
    rf"|toen |ook |maar |ongeveer |zo'n |rond de )*({_AGE})(?: jaar(?: oud)?| jr\.?)?(?![\w,.]\d|\w)"  # noqa: E501
)
# "mijn zoon Tijn is nu 6": the same with the child's name (capitalised) in between;
# matched on the text as written, so the name must look like one.
AGE_NOUN_NAME_IS = re.compile(
    rf"\b{_AGE_WORD_NOUNS}(?: {_NAME_WORD}){{1,2}} (?:is|was|wordt|werd|word) (?:nu |pas |al "
    rf"|net |bijna |inmiddels |toen |ook |maar |ongeveer |zo'n |rond de )*({_AGE})"
    rf"(?: jaar(?: oud)?| jr\.?)?(?![\w,.]\d|\w)"
)
# "kinderen van 7 en 12", "een zoon van 4", "dochter 12 jaar"
_CHILD_WORDS = (
    "kinderen|kids|jongens|meiden|meisjes|zonen|dochters|tweeling|zoon|dochter|kind"
    "|jongen|meisje|baby|broer|zus|broertje|zusje"
)
AGE_CHILDREN_OF = re.compile(
    rf"\b(?:{_CHILD_WORDS}) (?:van )?({_AGE})(?: jaar| jr\.?)?"
    rf"(?: (?:en|of|,) ({_AGE})(?: jaar| jr\.?)?)?(?![\w,.]\d|\w)"
)
# "2 kinderen (4 en 9)", "kids (3, 7 en 12)"
AGE_CHILDREN_BRACKETS = re.compile(
    r"(?:kinderen|kids|kinders|zonen|dochters|jongens|meiden|tweeling) \(((?:\d{1,2}(?:, | en ))+"
    r"\d{1,2})(?: jaar| jr\.?)?\)"
)
# "inmiddels 15", "Inmiddels 59."
AGE_INMIDDELS = re.compile(
    rf"\b(?:[Ii]nmiddels|[Nn]u al|[Pp]as) ({_AGE})(?: jaar| jr\.?)?(?=[ \t]*(?:[.,!?\n)]|$|en\b))"
)
# "(59 jr)", "- Hodan (39)" are in rules; "59 jr" after a name in notes:
AGE_JR = re.compile(rf"(?<![\w,.])({_AGE}) (?:jr\.?|jaar oud)(?!\w)")

# --- dates ------------------------------------------------------------------------------

_NAMED_DAYS = (
    r"(?:[Kk]oningsdag|[Kk]oninginnedag|[Bb]evrijdingsdag|[Hh]emelvaartsdag|[Hh]emelvaart"
    r"|(?:eerste|tweede|1e|2e) (?:kerstdag|paasdag|pinksterdag)|[Kk]erstavond|[Kk]erstmis|[Kk]erst"
    r"|[Oo]udejaarsavond|[Oo]udjaar|[Nn]ieuwjaarsdag|[Nn]ieuwjaar|[Vv]aderdag|[Mm]oederdag"
    r"|[Pp]asen|[Pp]inksteren|[Ss]interklaas|[Pp]akjesavond|[Ss]uikerfeest|[Oo]fferfeest"
    r"|[Kk]eti [Kk]oti|[Oo]ud en [Nn]ieuw|[Cc]arnaval|[Vv]alentijnsdag|[Pp]rinsjesdag)"
)
NAMED_DAY_YEAR = re.compile(rf"{_NAMED_DAYS}(?: van)? (?:(?:19|20)\d{{2}}|['’]\d{{2}})(?![\w-])")
# Every day in _NAMED_DAYS contains one of these in the lower-cased text: a text
# without any of them cannot match, and NAMED_DAY_YEAR (no literal to skip ahead on)
# was the slowest single pattern of the engine.
_NAMED_DAY_KEYS = (
    "koning",
    "bevrijdingsdag",
    "hemelvaart",
    "kerst",
    "paasdag",
    "pinksterdag",
    "oudejaars",
    "oudjaar",
    "oud en ",
    "nieuwjaar",
    "vaderdag",
    "moederdag",
    "pasen",
    "pinksteren",
    "sinterklaas",
    "pakjesavond",
    "feest",
    "keti",
    "carnaval",
    "valentijnsdag",
    "prinsjesdag",
)
_MONTH = (
    r"(?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november"
    r"|december|jan|febr|feb|mrt|apr|jun|jul|aug|sept|sep|okt|nov|dec)\.?"
)
MONTH_SHORT_YEAR = re.compile(rf"(?<![\w])(?:{_MONTH}) ['’]\d{{2}}(?![\w])", re.IGNORECASE)
_SHORT_YEAR = re.compile(r" ['’]\d\d")  # what MONTH_SHORT_YEAR needs; cheap to look for
DAY_SLASH_MONTH = re.compile(r"(?<![\w/.,-])(\d{1,2})/(\d{1,2})(?![\w/]|[.,]\d)")
_NOT_A_DATE_AFTER = re.compile(
    r" ?(?:van|deel|procent|%|liter|kilo|kg|uur|jaar|maand|week|dagen|keer|stuks?|deel)\b"
)

# --- numbers ----------------------------------------------------------------------------

# 16-digit payment references (betalingskenmerk), in groups of four or not.
PAYMENT_REFERENCE = re.compile(r"(?<![\d-])\d{4}(?:[ .]?\d{4}){3}(?![\d-])")
IBAN_LOWER = re.compile(r"(?<![\w])[a-z]{2}\d{2}[ ]?[a-z]{4}(?:[ ]?\d){10}(?!\w)")
URL_SHORT = re.compile(
    r"(?<![\w@/.])(?:linktr\.ee|bit\.ly|tinyurl\.com|wa\.me|t\.me|youtu\.be|instagram\.com"
    r"|facebook\.com|fb\.com|tiktok\.com|x\.com|twitter\.com|linkedin\.com)/[\w./?=&%-]*\w"
)

# --- places and organisations -------------------------------------------------------------

# Every branch of HOUSE_NUMBER_ALONE ends in "nummer", "nummer:", "nr" or "nr." before
# " <digit>": a cheap first look in the lower-cased text.
_HOUSE_NUMBER_WORD_LOWER = re.compile(r"(?:ummer:?|nr\.?) \d")
HOUSE_NUMBER_ALONE = re.compile(
    r"(?:\b[Oo]p (?:nummer|nr\.?|huisnummer)|\b[Hh]uisnummer:?|^[ \t]*-?[ \t]*[Nn]r\.?|\b[Nn]ummer)"
    r" (\d{1,4}(?:[ -]?[a-zA-Z](?!\w)|-\d{1,3})?)(?=[ ,.]*(?:in |aan |op |bij |,|$|\n))",
    re.MULTILINE,
)
NEIGHBOURHOOD_TWO_WORDS = re.compile(
    rf"(?<!\w)([{_UP}][{_LOW}]+ (?:buurt|wijk|kwartier|dorp|polder))\b"
)
AZC_TOWN = re.compile(
    rf"\b(?:azc|AZC|asielzoekerscentrum|noodopvang|pop-upazc)(?: (?:in|te|van|bij))? "
    rf"((?:{_NAME_WORD})(?: (?:{_PARTICLE} )?{_NAME_WORD})?)"
)
ABBREVIATION_INTRODUCED = re.compile(r"\(([A-Z][A-Za-z]{1,7})\)")
BUSINESS = re.compile(
    r"(?<![\w-])(?:"
    + phrase_alternation(lists.BUSINESS_NOUNS)
    + rf")(?: (?:van|genaamd|heet|heette))? ((?:(?:De|Het|'t|Van|La|Le|El|Al) )?{_NAME_WORD}"
    rf"(?: (?:{_PARTICLE} )?{_NAME_WORD}){{0,2}})"
)
PLACE_PREPOSITION_LOWER = re.compile(
    r"\b(?:in|uit|naar|te|vanuit|richting|rond|bij|woon|woont|wonen|woonde) ([a-z][a-z' -]{1,30}?)(?=[ ,.!?\n)]|$)"  # noqa: E501
)
FOREIGN_TOWN = re.compile(
    r"(?<![\w-])(?:" + phrase_alternation(lists.FOREIGN_TOWNS) + r")(?![\w-])"
)

# What the patterns above that open with a word from a list need among the words of a
# text (patterns.words_of): each of those words stands there with no letter on either
# side, by the word-start check of the scan and what the pattern puts after the word.
# AGE_NOUN_IS and AGE_NOUN_NAME_IS need a noun and a verb ("zoon ... is"), AGE_CHILDREN_OF a
# noun for children; each stands between a word start and a space.
_AGE_NOUN_KEYS = phrase_keys(_AGE_NOUN_WORDS.split("|"), left=True, right=True)
_AGE_VERB_KEYS = frozenset(["is", "was", "wordt", "werd", "word", "ben"])
_CHILD_KEYS = phrase_keys(_CHILD_WORDS.split("|"), left=True, right=True)
_GREETING_KEYS = phrase_keys(_GREETING_WORDS.split("|"), left=True, right=True)
_TITLE_KEYS = phrase_keys(_TITLES.replace("\\.", ".").split("|"), left=True, right=True)
_BUSINESS_KEYS = phrase_keys(lists.BUSINESS_NOUNS, left=True, right=True)
_FOREIGN_TOWN_KEYS = phrase_keys(lists.FOREIGN_TOWNS, left=True, right=True)

# The patterns above that open with a word-start assertion, without it: scanned with
# find_at_word_starts, which gives the same matches several times faster.
_GREETING_BODY = without_opening(GREETING, r"(?<![\w-])")
_INITIALS_NAME_BODY = without_opening(INITIALS_NAME, r"(?<![\w.])")
_TITLE_NAME_BODY = without_opening(TITLE_NAME, r"\b")
_AGE_NOUN_IS_BODY = without_opening(AGE_NOUN_IS, r"\b")
_AGE_CHILDREN_OF_BODY = without_opening(AGE_CHILDREN_OF, r"\b")
_AGE_NOUN_NAME_IS_BODY = without_opening(AGE_NOUN_NAME_IS, r"\b")
_BUSINESS_BODY = without_opening(BUSINESS, r"(?<![\w-])")
_PLACE_PREPOSITION_LOWER_BODY = without_opening(PLACE_PREPOSITION_LOWER, r"\b")
_FOREIGN_TOWN_BODY = without_opening(FOREIGN_TOWN, r"(?<![\w-])")

_ROLE_LABELS = frozenset(
    {
        "i",
        "r",
        "v",
        "a",
        "int",
        "resp",
        "interviewer",
        "interviewster",
        "geïnterviewde",
        "geinterviewde",
        "respondent",
        "deelnemer",
        "deelneemster",
        "cliënt",
        "client",
        "begeleider",
        "begeleidster",
        "ervaringsdeskundige",
        "hulpverlener",
        "onderzoeker",
        "gespreksleider",
        "voorzitter",
        "iedereen",
        "allen",
        "vraag",
        "antwoord",
        "spreker",
        "moderator",
        "notulist",
        "ik",
        "wij",
        "jij",
        "hij",
        "zij",
        "ze",
        "we",
    }
)


@functools.cache
def _common_words() -> frozenset[str]:
    return (
        lists.load_deduce_common_words()
        | {word.lower() for word in CHAT_WORDS}
        | _DUTCH_WORDS_THAT_ARE_NAMES
    )


# Dutch words that are also in the first-name list; in lower case they are words.
_DUTCH_WORDS_THAT_ARE_NAMES = frozenset(
    [
        "ben",
        "bas",
        "mark",
        "rob",
        "roos",
        "kees",
        "floor",
        "hoop",
        "berg",
        "jan",
        "ster",
        "dirk",
        "koen",
        "bart",
        "lot",
        "gijs",
        "wil",
        "will",
        "mag",
        "zeg",
        "kim",
        "sam",
        "ad",
        "ed",
        "ria",
        "ans",
        "jet",
        "pit",
        "teun",
        "toon",
        "tom",
        "tim",
        "max",
        "fleur",
        "lente",
        "zomer",
        "winter",
        "herfst",
        "mei",
        "juni",
        "juli",
        "august",
        "mars",
        "sterre",
        "storm",
        "vera",
        "hanna",
        "dean",
        "eden",
        "faith",
        "hope",
        "grace",
        "joy",
        "victoria",
        "rosa",
        "lotus",
        "jade",
        "amber",
        "iris",
        "melissa",
        "dex",
        "vince",
        "frank",
        "sem",
        "noah",
        "finn",
        "luc",
        "bo",
        "mo",
        "li",
        "la",
        "le",
        "lo",
        "do",
        "re",
        "mi",
        "fa",
        "so",
        "ti",
        "ka",
        "ko",
        "ma",
        "pa",
        "na",
        "ne",
        "ni",
        "no",
        "nu",
        "saar",
        "ruth",
        "jos",
        "hans",
        "pim",
        "pien",
        "puck",
        "kiki",
        "coco",
        "lola",
        "lara",
        "zoë",
        "job",
        "stijn",
        "mats",
        "guus",
        "thijs",
        "anna",
        "kevin",
        "bob",
        "chris",
        "evi",
        "fem",
        "jip",
        "lieke",
        "nina",
        "tess",
        "tijn",
        "twan",
        "mee",
        "terug",
        "echt",
        "heel",
        "erg",
        "toch",
        "wel",
        "even",
        "alle",
        "elke",
        "iets",
        "niks",
        "alles",
        "samen",
        "thuis",
        "buiten",
        "binnen",
        "later",
        "eerst",
        "straks",
        "vast",
        "zeker",
        "gewoon",
        "lekker",
        "mooi",
        "goed",
        "leuk",
        "fijn",
        "blij",
        "boos",
        "moe",
        "ziek",
        "lief",
        "stil",
        "rust",
        "hard",
        "zacht",
        "snel",
        "laat",
        "vroeg",
        "net",
        "pas",
        "bijna",
        "soms",
        "vaak",
        "nooit",
        "altijd",
        "morgen",
        "vandaag",
        "gister",
        "week",
        "maand",
        "jaar",
        "dag",
        "nacht",
        "avond",
        "ochtend",
        "middag",
        "huis",
        "werk",
        "school",
        "geld",
        "brief",
        "post",
        "hulp",
        "zorg",
        "baan",
        "vrede",
        "hoop",
        "liefde",
        "geluk",
        "trouw",
        "eer",
        "roem",
        "lot",
        "kans",
        "wens",
        "droom",
        "deur",
        "raam",
        "bed",
        "tafel",
        "stoel",
        "hond",
        "kat",
        "paard",
        "vogel",
        "vis",
        "bloem",
        "boom",
        "bos",
        "berg",
        "zee",
        "strand",
        "meer",
        "rivier",
        "stad",
        "dorp",
        "land",
        "wereld",
        "kerk",
        "markt",
        "haven",
        "brug",
        "weg",
        "straat",
        "plein",
        "park",
        "tuin",
        "veld",
        "wind",
        "regen",
        "zon",
        "maan",
        "wilt",
        "wilde",
        "kun",
        "kunt",
        "kon",
        "moet",
        "moest",
        "zal",
        "zult",
        "zou",
        "mag",
        "mocht",
        "ging",
        "gaat",
        "kom",
        "komt",
        "kwam",
        "sta",
        "staat",
        "stond",
        "zit",
        "zat",
        "lig",
        "ligt",
        "lag",
        "loop",
        "loopt",
        "liep",
        "werk",
        "werkt",
        "woon",
        "woont",
        "praat",
        "lees",
        "leest",
        "schrijf",
        "kijk",
        "kijkt",
        "denk",
        "denkt",
        "vind",
        "vindt",
        "weet",
        "wist",
        "hoor",
        "hoort",
        "voel",
        "voelt",
    ]
)


def _is_name_like_lower(word: str) -> bool:
    """A lower-case word that is a known first name and not an ordinary word."""
    return (
        len(word) >= 3 and word in lists.load_deduce_first_names() and word not in _common_words()
    )


def _capital_word_is_name(word: str) -> bool:
    return (
        word not in never_identifying()
        and word.lower() not in lists.load_deduce_stop_words()
        and word not in CHAT_WORDS
    )


# --- persons ----------------------------------------------------------------------------


def find_chat_senders(text: str) -> list[RawSpan]:
    if ":" not in text:
        return []
    spans: list[RawSpan] = []
    for m in SENDER.finditer(text):
        label = m[1]
        first = label.split()[0]
        if label.lower() in _ROLE_LABELS or first.lower() in _ROLE_LABELS:
            continue
        if label[0].islower():
            if not _is_name_like_lower(label):
                continue
        elif not _capital_word_is_name(first) or (
            " " not in label and first.lower() in _common_words()
        ):
            continue
        spans.append((m.start(1), m.end(1), PERSON))
    return spans


def find_greetings_and_signatures(text: str) -> list[RawSpan]:
    spans: list[RawSpan] = []
    greeted = not words_of(text).isdisjoint(_GREETING_KEYS)
    for m in find_at_word_starts(_GREETING_BODY, text, "_-") if greeted else ():
        if not _GREETING_OPENS.search(text, max(0, m.start() - 3), m.start()):
            continue
        names = m[1]
        offset = m.start(1)
        for part in re.finditer(rf"{_FULL_NAME}|[{_LOW}][{_LOW}-]+", names):
            word = part[0]
            if word in ("en",):
                continue
            if word[0].islower():
                if not _is_name_like_lower(word):
                    continue
            elif not _capital_word_is_name(word.split()[0]):
                continue
            spans.append((offset + part.start(), offset + part.end(), PERSON))
    for m in CLOSING.finditer(text) if "\n" in text else ():
        if _capital_word_is_name(m[1].split()[0]):
            spans.append((m.start(1), m.end(1), PERSON))
    return spans


def find_handles(text: str) -> list[RawSpan]:
    if "@" not in text:
        return []
    spans = []
    for m in HANDLE.finditer(text):
        end = m.end()
        if end < len(text) and text[end] == "@":
            continue
        if len(m[0]) >= 3:
            spans.append((m.start(), end, PERSON))
    return spans


@functools.cache
def _lower_name_words() -> frozenset[str]:
    """Every word for which :func:`_is_name_like_lower` holds, for one set intersection."""
    return (
        frozenset(word for word in lists.load_deduce_first_names() if len(word) >= 3)
        - _common_words()
    )


def find_lowercase_names(text: str) -> list[RawSpan]:
    candidates = _lower_name_words().intersection(_LOWER_WORD.findall(text))
    if not candidates:
        return []
    spans: list[RawSpan] = []
    lowered = lower_same_length(text)
    for m in _LOWER_WORD.finditer(text):
        word = m[0]
        if word not in candidates or not starts_word(text, m.start()):
            continue
        if LOWER_NAME_CONTEXT.search(lowered, max(0, m.start() - 12), m.start()) or re.match(
            _LOWER_NAME_AFTER, text[m.end() : m.end() + 12]
        ):
            spans.append((m.start(), m.end(), PERSON))
    return spans


_LOWER_NAME_AFTER = re.compile(
    r"[ \t]*(?:[!?,:(]|en ik|zei|zegt|belde|belt|appte|appt|vroeg|kwam|komt|was|is|heeft"
    r"|had|woont|wil|wilde|gaat|ging|moet|moest|kan|kon|neemt|nam|zit|zat|werkt|doet"
    r"|bereikbaar|met|bellen)\b"
)


def find_possessive_names(text: str) -> list[RawSpan]:
    spans: list[RawSpan] = []
    if words_of(text).isdisjoint(_POSSESSED_KEYS):
        return spans
    first_names = lists.load_deduce_first_names()
    for m in POSSESSIVE_SIMPLE.finditer(text):
        name = m[1]
        if not starts_word(text, m.start(1)) or not name or not name[0].isupper():
            continue
        ending = text[m.end(1) : m.end(1) + 2]
        if ending.startswith("s") and not ending.startswith("s'"):  # noqa: SIM102
            # "Habtoms": the name is the word without its last "s" when that is a name,
            # or any capitalised word in mid-sentence.
            if name.lower() not in first_names and (
                m.start() == 0 or text[m.start() - 2 : m.start()].strip() in ("", ".", "!", "?")
            ):
                continue
        if not _capital_word_is_name(name) or name.lower() in lists.load_deduce_common_words():
            continue
        spans.append((m.start(1), m.end(1), PERSON))
    return spans


def find_initials_and_titles(text: str) -> list[RawSpan]:
    spans: list[RawSpan] = []
    if "." in text:
        for m in find_at_word_starts(_INITIALS_NAME_BODY, text, "_."):
            surname = m[1].split()[-1]
            if _capital_word_is_name(surname):
                spans.append((m.start(1), m.end(1), PERSON))
    if words_of(text).isdisjoint(_TITLE_KEYS):
        return spans
    for m in find_at_word_starts(_TITLE_NAME_BODY, text):
        name = m[2].split()[-1]
        if _capital_word_is_name(name):
            start = m.start(1) if m[1] else m.start(2)
            spans.append((start, m.end(2), PERSON))
    return spans


SELF_INTRODUCTION = re.compile(
    rf"\b(?:[Ii]k ben|[Ii]k heet|[Mm]ijn naam is|[Nn]oem me|[Dd]it is|[Hh]ier is|[Zz]e heet"
    rf"|[Hh]ij heet) ({_NAME_WORD}(?: (?:{_PARTICLE} ){{0,2}}{_NAME_WORD})?)(?=[ \t]*(?:[,.!?\n]|en\b|$))"  # noqa: E501
)
# A capitalised word inside a sentence (after a lower-case word) that is a known first
# name: "zag Łukasz nog", "neemt Selam mee".
MID_SENTENCE_NAME = re.compile(rf"(?<=[{_LOW},] )({_NAME_WORD})")
NAME_BEFORE_VERB = re.compile(
    rf"(?:^|(?<=[.!?:;\n-] ))({_NAME_WORD}) (?:belt|belde|zei|zegt|vraagt|vroeg|komt|kwam|wil"
    r"|wilde|gaat|ging|moet|moest|neemt|nam|heeft|had|woont|woonde|werkt|werkte|appt|appte"
    r"|mailt|mailde|is|was|bereikbaar|met|en|\(|, mijn|, de|, onze|, die)(?!\w)",
    re.MULTILINE,
)
_NAME_BEFORE_VERB_BODY = without_opening(NAME_BEFORE_VERB, r"(?:^|(?<=[.!?:;\n-] ))")


def _opens_sentence_or_line(text: str, start: int) -> bool:
    """The opening of NAME_BEFORE_VERB: a line start, or a space after [.!?:;\\n-]."""
    return (
        start == 0
        or text[start - 1] == "\n"
        or (start >= 2 and text[start - 1] == " " and text[start - 2] in ".!?:;\n-")
    )


# "Hoe oud was je toen?\nR: 44." - a bare number answering a question about age.
AGE_ANSWER = re.compile(
    r"[Hh]oe oud[^\n]*\n[^\n:]{0,30}:?[ \t]*(?:[Ii]k was |[Ii]k ben |[Tt]oen )?(\d{1,3})"
    r"(?: jaar(?: oud)?)?[ \t]*[.!]?[ \t]*(?=\n|$)"
)


_SELF_INTRODUCTION_WORDS = (
    "ik ben ",
    "ik heet ",
    "mijn naam is ",
    "noem me ",
    "dit is ",
    "hier is ",
    "ze heet ",
    "hij heet ",
)
# Any of the words above, in one scan of the lower-cased text.
_SELF_INTRODUCTION_WORDS_LOWER = re.compile("|".join(map(re.escape, _SELF_INTRODUCTION_WORDS)))


def find_named_persons(text: str) -> list[RawSpan]:
    lowered = lower_same_length(text)
    introduced = _SELF_INTRODUCTION_WORDS_LOWER.search(lowered) is not None
    spans = [
        (m.start(1), m.end(1), PERSON)
        for m in (SELF_INTRODUCTION.finditer(text) if introduced else ())
        if _capital_word_is_name(m[1].split()[0])
        and m[1].split()[0].lower() not in lists.load_deduce_common_words()
    ]
    first_names = lists.load_deduce_first_names()
    matches = list(MID_SENTENCE_NAME.finditer(text))
    matches += find_where(_NAME_BEFORE_VERB_BODY, text, _opens_sentence_or_line)
    for m in matches:
        word = m[1]
        if word.lower() in first_names and word.lower() not in _common_words():  # noqa: SIM102
            if _capital_word_is_name(word):
                spans.append((m.start(1), m.end(1), PERSON))
    return spans


def find_first_name_surnames(text: str) -> list[RawSpan]:
    """A known first name followed by a capitalised word: "Bram Hoop", "Ayşe Yılmaz"."""
    spans: list[RawSpan] = []
    first_names = lists.load_deduce_first_names()
    for m in FIRST_THEN_SURNAME.finditer(text):
        if not starts_word(text, m.start()):
            continue
        if m[1].lower() in first_names and m[1].lower() not in _common_words():
            surname = m[2].split()[-1]
            if _capital_word_is_name(surname) and surname not in lists.NATIONALITIES:
                spans.append((m.start(1), m.end(2), PERSON))
    return spans


# --- ages and dates -----------------------------------------------------------------------


def find_informal_ages(text: str) -> list[RawSpan]:
    if not _HAS_DIGIT.search(text):
        return []
    spans: list[RawSpan] = []
    lowered = lower_same_length(text)
    words = words_of(text)
    noun_and_verb = not words.isdisjoint(_AGE_NOUN_KEYS) and not words.isdisjoint(_AGE_VERB_KEYS)
    matches = find_at_word_starts(_AGE_NOUN_IS_BODY, lowered) if noun_and_verb else []
    if not words.isdisjoint(_CHILD_KEYS):
        matches += find_at_word_starts(_AGE_CHILDREN_OF_BODY, lowered)
    # "mijn zoon Tijn is nu 6": only where a capitalised name stands after a noun.
    if noun_and_verb and (
        " is " in lowered or " was " in lowered or " wordt " in lowered or " werd " in lowered
    ):
        matches += find_at_word_starts(_AGE_NOUN_NAME_IS_BODY, text)
    for m in matches:
        after = lowered[m.end() : m.end() + 12].lstrip()
        if re.match(
            r"(?:kinderen|keer|uur|euro|procent|%|maanden|weken|dagen|minuten|kilo|km|stuks|mensen|jaar (?!oud))",  # noqa: E501
            after,
        ):
            continue
        for group in range(1, (m.lastindex or 1) + 1):
            if m[group]:
                spans.append((m.start(group), m.end(group), AGE))
    # Each pattern only where the words it needs are in the text.
    if "inmiddels " in lowered or "nu al " in lowered or "pas " in lowered:
        spans += [(m.start(1), m.end(1), AGE) for m in AGE_INMIDDELS.finditer(text)]
    if " jr" in text or " jaar oud" in text:
        spans += [(m.start(1), m.end(1), AGE) for m in AGE_JR.finditer(text)]
    if "oe oud" in text:
        spans += [(m.start(1), m.end(1), AGE) for m in AGE_ANSWER.finditer(text)]
    for m in AGE_CHILDREN_BRACKETS.finditer(lowered) if _BRACKETED_NUMBER.search(lowered) else ():
        spans += [
            (m.start(1) + n.start(), m.start(1) + n.end(), AGE) for n in re.finditer(r"\d+", m[1])
        ]
    return spans


_BRACKETED_NUMBER = re.compile(r" \(\d")  # what AGE_CHILDREN_BRACKETS needs
_YEAR_LIKE = re.compile(r"(?:19|20)\d\d|['’]\d\d")


def find_informal_dates(text: str) -> list[RawSpan]:
    if not _HAS_DIGIT.search(text):
        return []
    spans: list[RawSpan] = []
    if _YEAR_LIKE.search(text):
        lowered = lower_same_length(text)
        if any(key in lowered for key in _NAMED_DAY_KEYS):
            spans += [(m.start(), m.end(), DATE) for m in NAMED_DAY_YEAR.finditer(text)]
    if _SHORT_YEAR.search(text):
        spans += [(m.start(), m.end(), DATE) for m in MONTH_SHORT_YEAR.finditer(text)]
    if "/" in text:
        for m in DAY_SLASH_MONTH.finditer(text):
            day, month = int(m[1]), int(m[2])
            if 1 <= day <= 31 and 1 <= month <= 12 and not _NOT_A_DATE_AFTER.match(text, m.end()):
                if (
                    (day, month) in ((1, 2), (1, 3), (1, 4), (2, 3), (3, 4), (1, 5))
                    and not re.search(
                        r"(?:op|om|afspraak|gesprek|datum|per|tot|vanaf|sinds|ma|di|wo|do|vr|za|zo|maandag"
                        r"|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|[\n:-])[ \t]*$",
                        text[max(0, m.start() - 12) : m.start()],
                    )
                    and not re.match(r" (?:gesprek|afspraak|intake)", text[m.end() : m.end() + 12])
                ):
                    continue  # "3/4 van mijn loon": a fraction
                spans.append((m.start(), m.end(), DATE))
    return spans


# --- numbers ------------------------------------------------------------------------------


def find_informal_numbers(text: str) -> list[RawSpan]:
    if not _HAS_DIGIT.search(text):
        return []
    spans: list[RawSpan] = []
    # A payment reference has 16 digits, an IBAN 12; counted in ASCII text only (\d also
    # matches other scripts' digits). The count is quicker than either scan.
    digits = sum(map(text.count, "0123456789")) if text.isascii() else 16
    # The patterns without their look-arounds open with a digit: a quick first look.
    if digits >= 16 and _SIXTEEN_DIGITS.search(text):
        spans += [(m.start(), m.end(), ID_NUMBER) for m in PAYMENT_REFERENCE.finditer(text)]
    if digits >= 12 and _IBAN_LOWER_TAIL.search(text):
        spans += [(m.start(), m.end(), IBAN) for m in IBAN_LOWER.finditer(text)]
    return spans


_SIXTEEN_DIGITS = re.compile(r"\d{4}(?:[ .]?\d{4}){3}")
_IBAN_LOWER_TAIL = re.compile(r"\d{2}[ ]?[a-z]{4}(?:[ ]?\d){10}")


def find_short_urls(text: str) -> list[RawSpan]:
    if "/" not in text:
        return []
    return [(m.start(), m.end(), URL) for m in URL_SHORT.finditer(text)]


# --- places and organisations ---------------------------------------------------------------


# "Rotterdam-Zuid", "Amsterdam-Noord": a town with its district is one place.
TOWN_DISTRICT = re.compile(
    rf"[{_UP}][{_LOW}]+(?:[ -](?:aan|op|in|de|den)[ -][{_UP}][{_LOW}]+)?-(?:Noord|Zuid|Oost|West"
    r"|Centrum|Noordwest|Noordoost|Zuidwest|Zuidoost|Nieuw-West)(?![\w-])"
)
_NEIGHBOURHOOD_WORD = re.compile(r" (?:buurt|wijk|kwartier|dorp|polder)\b")
_LOWER_TOKEN = re.compile(r"(?<![\w'-])[a-z'][a-z'-]*")


@functools.cache
def _municipality_first_words() -> frozenset[str]:
    return frozenset(name.split()[0] for name in lists.load_deduce_municipalities())


@functools.cache
def _municipality_last_words() -> frozenset[str]:
    """Last words of municipality names: a lower-case name found after a preposition
    ends in one of them, and few texts have one ("bilt", not "de")."""
    return frozenset(name.split()[-1] for name in lists.load_deduce_municipalities())


@functools.cache
def _municipality_keys() -> frozenset[str]:
    """A word of each municipality name that the lower-case search below can find: the
    name stands after a preposition and a space, and before a space or [,.!?\\n)]."""
    names = [name for name in lists.load_deduce_municipalities() if name not in _common_words()]
    return phrase_keys(names, left=True, right=True)


def find_informal_places(text: str) -> list[RawSpan]:
    spans: list[RawSpan] = []
    lowered_text = lower_same_length(text)
    if ("ummer" in lowered_text or "nr" in lowered_text) and _HOUSE_NUMBER_WORD_LOWER.search(
        lowered_text
    ):
        spans += [(m.start(1), m.end(1), ADDRESS) for m in HOUSE_NUMBER_ALONE.finditer(text)]
    if "-" in text:
        spans += [(m.start(), m.end(), LOCATION) for m in TOWN_DISTRICT.finditer(text)]
    if _NEIGHBOURHOOD_WORD.search(lowered_text):
        spans += [(m.start(1), m.end(1), LOCATION) for m in NEIGHBOURHOOD_TWO_WORDS.finditer(text)]
    if "azc" in lowered_text or "asielzoeker" in lowered_text or "noodopvang" in lowered_text:
        spans += [
            (m.start(1), m.end(1), LOCATION)
            for m in AZC_TOWN.finditer(text)
            if _capital_word_is_name(m[1].split()[0])
        ]
    if not words_of(text).isdisjoint(_FOREIGN_TOWN_KEYS):
        spans += [
            (m.start(), m.end(), LOCATION)
            for m in find_at_word_starts(_FOREIGN_TOWN_BODY, text, "_-")
        ]
    municipalities = lists.load_deduce_municipalities()
    if words_of(text).isdisjoint(_municipality_keys()) or not (
        _municipality_last_words().intersection(_LOWER_TOKEN.findall(text))
    ):
        return spans
    first_words = _municipality_first_words()
    for m in find_at_word_starts(_PLACE_PREPOSITION_LOWER_BODY, text):
        candidate = m[1]
        words = candidate.split()
        if words[0] not in first_words:
            continue  # every name tried below starts with this word
        for size in range(min(4, len(words)), 0, -1):
            name = " ".join(words[:size])
            if name in municipalities and name not in _common_words():
                start = m.start(1)
                spans.append((start, start + len(name), LOCATION))
                break
    return spans


def find_businesses(text: str) -> list[RawSpan]:
    spans: list[RawSpan] = []
    if words_of(text).isdisjoint(_BUSINESS_KEYS):
        return spans
    for m in find_at_word_starts(_BUSINESS_BODY, text, "_-"):
        name = m[1]
        first = name.split()[0]
        if first in ("De", "Het", "'t", "Van", "La", "Le", "El", "Al") or _capital_word_is_name(  # noqa: SIM102
            first
        ):
            if name not in never_identifying() and name.split()[-1] not in lists.NATIONALITIES:
                spans.append((m.start(1), m.end(1), ORGANISATION))
    return spans


def propagate_abbreviations(text: str, spans: list[Span]) -> list[RawSpan]:
    """An organisation introduced with its abbreviation: "Stichting Samen Thuis (SST)".

    The abbreviation is redacted there and everywhere else in the text.
    """
    if "(" not in text:
        return []
    found: list[RawSpan] = []
    organisation_ends = {span.end for span in spans if span.label == ORGANISATION}
    for m in ABBREVIATION_INTRODUCED.finditer(text):
        if m.start() - 1 not in organisation_ends and m.start() not in organisation_ends:
            continue
        abbreviation = m[1]
        if abbreviation in never_identifying():
            continue
        for other in re.finditer(rf"(?<![\w-]){re.escape(abbreviation)}(?![\w-])", text):
            found.append((other.start(), other.end(), ORGANISATION))
    return found


_WORD_TOKEN = re.compile(rf"[{_UP}{_LOW}][{_UP}{_LOW}'’-]*[{_UP}{_LOW}]")
# The letters of _WORD_TOKEN (all below U+0180) and what it allows inside a word.
_TOKEN_LETTERS = frozenset(
    char for char in map(chr, range(0x180)) if re.fullmatch(rf"[{_UP}{_LOW}]", char)
)
_WORD_INNER_MARKS = "'’-"


def _is_word_token_at(text: str, start: int, end: int) -> bool:
    """Whether ``_WORD_TOKEN.finditer(text)`` yields exactly ``text[start:end]``.

    ``text[start:end]`` must itself be a match of _WORD_TOKEN. The pattern takes a whole
    run of letters and inner marks, from its first letter to its last, so it is a
    token there unless a letter follows or precedes it across inner marks only.
    """
    before = start - 1
    while before >= 0 and text[before] in _WORD_INNER_MARKS:
        before -= 1
    if before >= 0 and text[before] in _TOKEN_LETTERS:
        return False
    after = end
    while after < len(text) and text[after] in _WORD_INNER_MARKS:
        after += 1
    return not (after < len(text) and text[after] in _TOKEN_LETTERS)


def propagate_names(text: str, spans: list[Span]) -> list[RawSpan]:
    """Every other mention of a name already found: "Yonas:" makes "tegen yonas" a name.

    Single words of three letters or more; a name that is also an ordinary word
    ("Hoop", "Koning") is matched with its capital only; a person's name also with a
    possessive ending ("Yonas' broer", "Habtoms zus": the ending stays outside).
    No regular expression per name: each name is looked for with ``str.find`` and each
    word found that way is checked once.
    """
    exact: dict[str, str] = {}
    folded: dict[str, str] = {}
    common = _common_words()
    never = never_identifying()
    stop_words = lists.load_deduce_stop_words()
    for span in spans:
        if span.label not in (PERSON, LOCATION, ORGANISATION):
            continue
        for word in _WORD_TOKEN.findall(span.text):
            if len(word) < 3 or word[0].islower() or word in never:
                continue
            lower = word.lower()
            if lower in stop_words:
                continue
            if lower in common:
                exact.setdefault(word, span.label)
            else:
                folded.setdefault(lower, span.label)
    if not exact and not folded:
        return []
    found: list[RawSpan] = []
    for token in _tokens_to_look_up(text, exact, folded):
        label = exact.get(token) or folded.get(token.lower())
        length = len(token)
        if label is None:
            # Every possessive ending ends in "s"; most words do not.
            if token[-1] != "s":
                continue
            hit = _possessive_person(token, exact, folded)
            if hit is None:
                continue
            label, length = PERSON, hit
        start = text.find(token)
        while start >= 0:
            end = start + len(token)
            if (
                _is_word_token_at(text, start, end)
                and not (start and text[start - 1] in "@.-_")
                and not (end < len(text) and text[end] in "-_@")
            ):
                found.append((start, start + length, label))
            start = text.find(token, start + 1)
    found.sort()
    return found


def _tokens_to_look_up(text: str, exact: dict[str, str], folded: dict[str, str]) -> set[str]:
    """The words of ``text`` that may be a name found (or one with a possessive ending).

    Instead of every word of the text, only what each name spells wherever it occurs:
    a name is looked for with ``str.find`` (in the lower-cased text for ``folded``), and
    the text there, with any possessive ending after it, becomes a candidate. The caller
    checks each candidate as it checks a word, so the result is the same; candidates
    that are no word of the text find nothing there.
    """
    lowered = lower_same_length(text)
    if len(lowered) != len(text):  # offsets would not line up: every word, as before
        return set(_WORD_TOKEN.findall(text))
    candidates: set[str] = set()
    for keys, haystack in ((exact, text), (folded, lowered)):
        for key in keys:
            start = haystack.find(key)
            while start >= 0:
                end = start + len(key)
                candidates.add(text[start:end])
                for ending in ("'s", "’s", "s"):
                    if text.startswith(ending, end):
                        candidates.add(text[start : end + len(ending)])
                start = haystack.find(key, start + 1)
    return {token for token in candidates if _WORD_TOKEN.fullmatch(token)}


def _possessive_person(token: str, exact: dict[str, str], folded: dict[str, str]) -> int | None:
    """The length of a person's name with a possessive ending ("Habtoms", "Yonas's")."""
    for ending in ("'s", "’s", "s"):
        if token.endswith(ending):
            base = token[: -len(ending)]
            if (exact.get(base) or folded.get(base.lower())) == PERSON:
                return len(base)
    return None


INFORMAL_RULES = (
    find_chat_senders,
    find_greetings_and_signatures,
    find_handles,
    find_lowercase_names,
    find_possessive_names,
    find_initials_and_titles,
    find_first_name_surnames,
    find_named_persons,
    find_informal_ages,
    find_informal_dates,
    find_informal_numbers,
    find_short_urls,
    find_informal_places,
    find_businesses,
)


def find_informal_spans(text: str) -> list[RawSpan]:
    spans: list[RawSpan] = []
    for rule in INFORMAL_RULES:
        spans += rule(text)
    return spans
