"""What identifies nobody and therefore stays (docs/decisions/0040).

National agencies and laws, countries, nationalities, provinces, bare years, decades,
seasons, diseases named after people, holidays, religions, amounts and durations
carry the meaning of a story and point at no one. The rules avoid them where they
can; :func:`drop_non_identifying` is the last word, applied to every span that deduce
or a rule proposes.
"""

from __future__ import annotations

import functools
import re

from kwartier.knowledge.deid import lists
from kwartier.knowledge.deid.patterns import lower_same_length, phrase_alternation
from kwartier.knowledge.deid.spans import LOCATION, ORGANISATION, PERSON, RawSpan

# National agencies: one for the whole country, so naming one identifies no one.
NATIONAL_AGENCIES: frozenset[str] = frozenset(
    [
        "UWV",
        "SVB",
        "CJIB",
        "DUO",
        "CAK",
        "IND",
        "COA",
        "CBR",
        "RDW",
        "LBIO",
        "BKR",
        "RvIG",
        "DJI",
        "OM",
        "AFM",
        "ACM",
        "NVWA",
        "RVO",
        "KvK",
        "Belastingdienst",
        "Belastingdienst/Toeslagen",
        "Dienst Toeslagen",
        "Kadaster",
        "Politie",
        "Nationale Politie",
        "Politie Nederland",
        "Openbaar Ministerie",
        "Bureau Halt",
        "Halt",
        "Dienst Justitiële Inrichtingen",
        "Sociale Verzekeringsbank",
        "Centraal Justitieel Incassobureau",
        "Dienst Uitvoering Onderwijs",
        "Centraal Administratie Kantoor",
        "Immigratie- en Naturalisatiedienst",
        "Centraal Orgaan opvang asielzoekers",
        "Nationale Ombudsman",
        "Raad van State",
        "Hoge Raad",
        "Raad voor de Kinderbescherming",
        "Raad voor Rechtsbijstand",
        "Stichting BKR",
        "Reclassering Nederland",
        "Nibud",
        "NIBUD",
        "Rijksoverheid",
        "Tweede Kamer",
        "Eerste Kamer",
        "Kamer",
        "Kabinet",
        "Regering",
        "GGD",
        "GGZ",
        "Ggz",
        "Veilig Thuis",
        "Juridisch Loket",
        "Het Juridisch Loket",
        "Sociale Dienst",
        "Kredietbank",
        "Werkplein",
        "Zorgverzekeraar",
        "Wijkteam",
        "Voedselbank",
    ]
)
PROVINCES: frozenset[str] = frozenset(
    [
        "Drenthe",
        "Flevoland",
        "Friesland",
        "Fryslân",
        "Gelderland",
        "Limburg",
        "Noord-Brabant",
        "Brabant",
        "Noord-Holland",
        "Zuid-Holland",
        "Holland",
        "Overijssel",
        "Zeeland",
        "Twente",
        "Achterhoek",
        "Veluwe",
        "Randstad",
    ]
)
COUNTRIES: frozenset[str] = frozenset(
    [
        "Nederland",
        "België",
        "Duitsland",
        "Frankrijk",
        "Engeland",
        "Groot-Brittannië",
        "Verenigd Koninkrijk",
        "Ierland",
        "Spanje",
        "Portugal",
        "Italië",
        "Griekenland",
        "Polen",
        "Roemenië",
        "Bulgarije",
        "Hongarije",
        "Tsjechië",
        "Slowakije",
        "Litouwen",
        "Letland",
        "Estland",
        "Oekraïne",
        "Rusland",
        "Wit-Rusland",
        "Moldavië",
        "Servië",
        "Kroatië",
        "Bosnië",
        "Albanië",
        "Kosovo",
        "Macedonië",
        "Turkije",
        "Marokko",
        "Algerije",
        "Tunesië",
        "Libië",
        "Egypte",
        "Soedan",
        "Zuid-Soedan",
        "Eritrea",
        "Ethiopië",
        "Somalië",
        "Somaliland",
        "Djibouti",
        "Kenia",
        "Oeganda",
        "Congo",
        "Nigeria",
        "Ghana",
        "Guinee",
        "Sierra Leone",
        "Liberia",
        "Angola",
        "Kaapverdië",
        "Syrië",
        "Irak",
        "Iran",
        "Afghanistan",
        "Pakistan",
        "India",
        "Bangladesh",
        "Sri Lanka",
        "Jemen",
        "Libanon",
        "Jordanië",
        "Israël",
        "Palestina",
        "Saoedi-Arabië",
        "Koeweit",
        "Georgië",
        "Armenië",
        "Azerbeidzjan",
        "China",
        "Vietnam",
        "Indonesië",
        "Filipijnen",
        "Thailand",
        "Suriname",
        "Curaçao",
        "Aruba",
        "Bonaire",
        "Sint Maarten",
        "Antillen",
        "Brazilië",
        "Colombia",
        "Venezuela",
        "Amerika",
        "Verenigde Staten",
        "Canada",
        "Mexico",
        "Europa",
        "Afrika",
        "Azië",
        "Zuid-Amerika",
        "Midden-Oosten",
        "Noord-Afrika",
        "Hoorn van Afrika",
    ]
)
HOLIDAYS: frozenset[str] = frozenset(
    [
        "Vaderdag",
        "Moederdag",
        "Oud en Nieuw",
        "Oudjaar",
        "Oudejaarsavond",
        "Nieuwjaar",
        "Nieuwjaarsdag",
        "Kerst",
        "Kerstmis",
        "Kerstavond",
        "Pasen",
        "Pinksteren",
        "Hemelvaart",
        "Hemelvaartsdag",
        "Koningsdag",
        "Koninginnedag",
        "Bevrijdingsdag",
        "Dodenherdenking",
        "Sinterklaas",
        "Sint",
        "Sinterklaasavond",
        "Pakjesavond",
        "Ramadan",
        "Suikerfeest",
        "Offerfeest",
        "Keti Koti",
        "Divali",
        "Holi",
        "Chanoeka",
        "Carnaval",
        "Halloween",
        "Valentijnsdag",
        "Prinsjesdag",
        "Black Friday",
        "Eid",
        "Eid al-Fitr",
        "Nowruz",
    ]
)
# Chat abbreviations and interjections that are capitalised at the start of a line.
CHAT_WORDS: frozenset[str] = frozenset(
    [
        "Mn",
        "Mijn",
        "Ff",
        "Idd",
        "Lol",
        "Ok",
        "Oke",
        "Oké",
        "Okee",
        "Haha",
        "Hahaha",
        "Top",
        "Yo",
        "Hoi",
        "Hey",
        "Hee",
        "Wauw",
        "Jaa",
        "Ja",
        "Nee",
        "Neej",
        "Gister",
        "Sorry",
        "Thanks",
        "Dank",
        "Dankje",
        "Dankjewel",
        "Tnx",
        "Thx",
        "Gr",
        "Grtz",
        "Xx",
        "Xxx",
        "Pfff",
        "Pff",
        "Omg",
        "Wtf",
        "Btw",
        "Sws",
        "Iig",
        "Zsm",
        "Nvm",
        "Ofz",
        "Mss",
        "Wss",
        "Ik",
        "Jij",
        "Je",
        "Ze",
        "Zij",
        "Hij",
        "Wij",
        "We",
        "Jullie",
        "Interviewer",
        "Interview",
        "Vraag",
        "Antwoord",
        "Notitie",
        "Notities",
        "Datum",
        "Onderwerp",
        "Aan",
        "Van",
        "Re",
        "Fwd",
        "Ps",
        "PS",
        "Tip",
        "Update",
        "Let",
        "Intake",
        "Gesprek",
        "Afspraak",
        "Actie",
        "Acties",
        "Doel",
        "Doelen",
        "Verslag",
        "Aanwezig",
        "Respondent",
        "Deelnemer",
        "Spreker",
        "Begeleider",
        "Moderator",
        "Opmerking",
        "Opmerkingen",
        "Situatie",
        "Schulden",
        "Adres",
        "Telefoon",
        "Mail",
        "Email",
        "E-mail",
        "Kenmerk",
        "Betreft",
        "Status",
        "Volgende",
    ]
)


# Idioms and fixed phrases with capitals that name no one ("Koning te rijk", "Jan en
# alleen"), and multi-word holidays: a span inside one of them is dropped.
_PHRASES = (
    "koning te rijk",
    "jan en alleen",
    "jan modaal",
    "jan met de pet",
    "jan en alleman",
    "klaas vaak",
    "sint-juttemis",
    "sint juttemis",
    "oud en nieuw",
    "oost west",
    "oost, west",
    "hollandse nieuwe",
    "jantje lacht",
    "boer zoekt vrouw",
    "heer en meester",
    "eerste kerstdag",
    "tweede kerstdag",
    "tweede paasdag",
    "tweede pinksterdag",
    "keti koti",
    "syndroom van ",
    "ziekte van ",
)
# Runs on the lower-cased text (same length); "ziekte van X" takes the next word along.
PHRASES_LOWER = re.compile(rf"(?:{phrase_alternation(_PHRASES)})(?<= )?\w*")
_JOINERS = frozenset(["en", "of", "-", "&", "/", ",", "de", "het", "van"])


@functools.cache
def never_identifying() -> frozenset[str]:
    """Exact texts that are never redacted as a name, place or organisation."""
    words = set(NATIONAL_AGENCIES) | PROVINCES | COUNTRIES | HOLIDAYS | CHAT_WORDS
    words |= {f"de {word}" for word in NATIONAL_AGENCIES} | {
        f"het {word}" for word in NATIONAL_AGENCIES
    }
    words |= {f"De {word}" for word in NATIONAL_AGENCIES} | {
        f"Het {word}" for word in NATIONAL_AGENCIES
    }
    words |= set(lists.NATIONALITIES)
    return frozenset(words)


@functools.cache
def disease_eponyms() -> frozenset[str]:
    """Names in diseases named after people ("Alzheimer", "Crohn"), from deduce's list."""
    return lists.load_deduce_disease_eponyms()


_DISEASE_BEFORE = re.compile(
    r"(?:ziekte|syndroom|zieke|vorm|soort|beginnende|vroege|jonge) van $"
    r"|(?:heeft|had|kreeg|krijgt|met|aan|lijdt aan|leed aan|door|tegen|vanwege) $",
)
_DISEASE_AFTER = re.compile(r"(?:'s)?[ -]?(?:ziekte|syndroom|patiënt|patiënten|dementie)\b")


_WORD_SEPARATORS = re.compile(r"[\s,/&]+")
_NAME_LABELS = frozenset([PERSON, LOCATION, ORGANISATION])


@functools.lru_cache(maxsize=4096)
def _every_word_never_identifying(bare: str) -> bool:
    """Names repeat within and across stories: each is split into words once."""
    never = never_identifying()
    words = [w for w in _WORD_SEPARATORS.split(bare) if w and w not in _JOINERS]
    return bool(words) and all(word in never for word in words)


def drop_non_identifying(text: str, spans: list[RawSpan]) -> list[RawSpan]:
    """Spans without what identifies nobody (see the module docstring).

    Each span is judged on its own, from the text and its offsets: the engine relies on
    that to skip spans it has already judged.
    """
    keep = []
    never = never_identifying()
    eponyms = disease_eponyms()
    phrases: list[tuple[int, int]] | None = None  # looked for once, when first needed
    for start, end, label in spans:
        if label in _NAME_LABELS:
            bare = text[start:end].strip(" .,;:")
            if bare in never:
                continue
            if phrases is None:
                lowered = lower_same_length(text)
                # Substring tests first: a match contains one of the phrases.
                phrases = (
                    [m.span() for m in PHRASES_LOWER.finditer(lowered)]
                    if any(phrase in lowered for phrase in _PHRASES)
                    else []
                )
            if phrases and any(a <= start and end <= b for a, b in phrases):
                continue
            if _every_word_never_identifying(bare):
                continue  # "SVB en CJIB", "Drenthe - Marokkaanse"
            if bare in eponyms and (
                _DISEASE_BEFORE.search(text, max(0, start - 25), start)
                or _DISEASE_AFTER.match(text, end)
            ):
                continue
        keep.append((start, end, label))
    return keep
