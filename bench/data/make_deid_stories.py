"""Generate development stories in five writing styles with exact gold spans.

    python bench/data/make_deid_stories.py > bench/data/deid-styles.jsonl

Styles: chat, letter (greeting and signature), interview transcript, quick notes, long
narrative. Every name, number and place value is invented or a common public place
name; nothing is copied from any real story. Templates mark identifiers as
``[[LABEL|text]]``; the marks are removed while the text is assembled, so every gold
span's offsets are exact by construction (and checked again at the end).

Two halves, to keep ourselves honest: ``split == "dev"`` uses template set A and value
pools A; ``split == "heldout"`` uses template set B and value pools B (other names,
towns, businesses, other wording). Rules are tuned on "dev" only; "heldout" is scored
at the end, and any gap between the two shows rules that memorise rather than
generalise. Labels follow the labelling policy of /work/shared/data/README.md and
docs/decisions/0040-what-deidentification-redacts.md.
"""

from __future__ import annotations

import json
import random
import re
import sys
from collections.abc import Callable

SEED = 20261127
PER_STYLE_AND_SPLIT = 34

# --- value pools (A: dev, B: held-out) -------------------------------------------------

FIRST = {
    "A": [
        "Marieke",
        "Ruben",
        "Sanne",
        "Dirk-Jan",
        "Joost",
        "Ilse",
        "Bram",
        "Femke",
        "Wojciech",
        "Małgorzata",
        "Łukasz",
        "Agnieszka",
        "Senait",
        "Habtom",
        "Yonas",
        "Selam",
        "Abdirahman",
        "Hodan",
        "Faadumo",
        "Ayaan",
        "Youssef",
        "Khadija",
        "Nordin",
        "Samira",
        "Emre",
        "Ayşe",
        "Mehmet",
        "Elif",
        "Sharon",
        "Rishi",
        "Romano",
        "Chandra",
        "Rami",
        "Lina",
        "Bashar",
        "Nour",
    ],
    "B": [
        "Wouter",
        "Lotte",
        "Geert",
        "Anouk",
        "Thijs",
        "Esmee",
        "Krzysztof",
        "Łucja",
        "Bartłomiej",
        "Zofia",
        "Tesfay",
        "Mebrat",
        "Berhane",
        "Luwam",
        "Abdikarim",
        "Sahra",
        "Warsame",
        "Idil",
        "Hamza",
        "Zineb",
        "Mustapha",
        "Naima",
        "Burak",
        "Zeynep",
        "Oğuz",
        "Hatice",
        "Glenn",
        "Priya",
        "Djamila",
        "Ravi",
        "Fadi",
        "Rasha",
        "Yazan",
        "Hiba",
    ],
}
SURNAME = {
    "A": [
        "de Graaf",
        "Bakker",
        "Hoop",
        "Koning",
        "Groen",
        "Nowak",
        "Kowalczyk",
        "Tesfamariam",
        "Ghebremedhin",
        "Abdullahi",
        "El Idrissi",
        "Bouzerda",
        "Yılmaz",
        "Öztürk",
        "Sital",
        "Kromosoeto",
        "Al-Hassan",
        "Haddad",
        "van Dijk",
        "Visser",
    ],
    "B": [
        "de Wit",
        "Smit",
        "Vos",
        "Bos",
        "Zwart",
        "Wiśniewski",
        "Lewandowska",
        "Gebremichael",
        "Tsegay",
        "Mohamud",
        "Farah",
        "Amrani",
        "Benali",
        "Demir",
        "Kaya",
        "Ramdin",
        "Doelwijt",
        "Al-Khatib",
        "Nasser",
        "van Leeuwen",
    ],
}
TOWN = {
    "A": [
        "Zwolle",
        "Almere",
        "Tilburg",
        "Deventer",
        "Leeuwarden",
        "Heerlen",
        "Zaandam",
        "Purmerend",
        "Emmen",
        "Lelystad",
    ],
    "B": [
        "Amersfoort",
        "Dordrecht",
        "Helmond",
        "Venlo",
        "Hoorn",
        "Assen",
        "Roosendaal",
        "Gouda",
        "Den Helder",
        "Vlaardingen",
    ],
}
ABROAD = {
    "A": ["Asmara", "Mogadishu", "Tanger", "Gaziantep", "Aleppo", "Gdańsk"],
    "B": ["Keren", "Hargeisa", "Nador", "Konya", "Homs", "Wrocław"],
}
COUNTRY = {
    "A": ["Eritrea", "Somalië", "Marokko", "Turkije", "Syrië", "Polen"],
    "B": ["Ethiopië", "Jemen", "Algerije", "Irak", "Suriname", "Roemenië"],
}
AZC_TOWN = {"A": ["Ter Apel", "Budel", "Zweeloo"], "B": ["Gilze", "Musselkanaal", "Dronten"]}
HOOD = {
    "A": ["Vogelwijk", "Bloemenbuurt", "Zeeheldenbuurt", "Indische buurt"],
    "B": ["Rivierenbuurt", "Componistenwijk", "Muziekwijk", "Schrijversbuurt"],
}
STREET = {
    "A": ["Merelstraat", "Lindelaan", "Kastanjeplein", "Dorpsweg", "Zonnebloemstraat"],
    "B": ["Spreeuwstraat", "Eikenlaan", "Beukenhof", "Molenweg", "Tulpstraat"],
}
# A generic noun (stays outside the span) and a business name.
BUSINESS = {
    "A": [
        ("kapsalon", "Knipoog"),
        ("snackbar", "De Vork"),
        ("buurthuis", "De Schakel"),
        ("garage", "Van Rijn"),
        ("sportschool", "Fitlife"),
    ],
    "B": [
        ("bakkerij", "Het Gouden Korstje"),
        ("kringloopwinkel", "De Tweede Ronde"),
        ("fietsenmaker", "Spaak"),
        ("café", "De Buren"),
        ("nagelstudio", "Glamour"),
    ],
}
LOCAL_ORG = {
    "A": [("Stichting Samen Thuis", "SST"), ("Stichting Budget Op Orde", "BOO")],
    "B": [("Stichting Nieuwe Kansen", "SNK"), ("Vereniging Thuis in de Wijk", "VTW")],
}
HANDLE = {
    "A": ["@sanne.loopt", "@habtom_fit", "@ilse.schrijft", "@nour.bakt"],
    "B": ["@geert.fietst", "@zeynep_kookt", "@luwam.leest", "@thijs.tekent"],
}
LINKTREE = {
    "A": ["linktr.ee/sanneloopt", "linktr.ee/habtomfit"],
    "B": ["linktr.ee/geertfietst", "linktr.ee/zeynepkookt"],
}
NUMBER_WORD_AGE = {
    "A": ["veertien", "zestien", "negentien", "elf"],
    "B": ["vijftien", "dertien", "zeventien", "twaalf"],
}
JARIGE = {"A": ["negentienjarige", "zestienjarige"], "B": ["achttienjarige", "twintigjarige"]}
NAMED_DAY = {
    "A": ["Koningsdag", "tweede pinksterdag", "eerste kerstdag"],
    "B": ["Bevrijdingsdag", "tweede paasdag", "Hemelvaartsdag"],
}
MONTHS = [
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
]
ABBREVIATED_MONTH = {"A": ["juni", "maart", "okt", "sept"], "B": ["juli", "april", "nov", "feb"]}

# Words that identify nobody: they appear in the stories without a span.
NATIONAL = ["UWV", "DUO", "CAK", "CJIB", "SVB", "de Belastingdienst", "het CAK", "de SVB"]
LAW = ["Participatiewet", "Wmo", "Wet schuldsanering", "Jeugdwet", "Wajong"]
DISEASE = ["Alzheimer", "Parkinson", "het syndroom van Down", "de ziekte van Crohn"]
HOLIDAY = ["Vaderdag", "Oud en Nieuw", "Moederdag", "Sinterklaas", "het Suikerfeest"]
PROVINCE = ["Friesland", "Limburg", "Drenthe", "Zeeland", "Noord-Brabant"]
NATIONALITY = ["Eritrese", "Somalische", "Marokkaanse", "Turkse", "Syrische", "Poolse"]


# --- random values -------------------------------------------------------------------


def iban(rng: random.Random) -> str:
    bank = rng.choice(["ABNA", "INGB", "RABO", "SNSB", "ASNB", "TRIO"])
    account = "".join(rng.choice("0123456789") for _ in range(10))
    digits = "".join(str(int(c, 36)) for c in bank + account + "NL00")
    check = 98 - int(digits) % 97
    return f"NL{check:02d}{bank}{account}"


def spaced(value: str) -> str:
    return " ".join(value[i : i + 4] for i in range(0, len(value), 4))


def bsn(rng: random.Random) -> str:
    while True:
        digits = [rng.randint(0, 9) for _ in range(8)]
        total = sum(d * w for d, w in zip(digits, range(9, 1, -1), strict=True))
        last = total % 11
        if last < 10 and digits[0] != 0:
            return "".join(map(str, digits)) + str(last)


def phone(rng: random.Random) -> str:
    digits = "".join(rng.choice("0123456789") for _ in range(8))
    return rng.choice(
        [f"06-{digits}", f"06 {digits[:2]} {digits[2:5]} {digits[5:]}", f"06{digits}"]
    )


def plate(rng: random.Random) -> str:
    letters = "BDFGHJKLNPRSTVXZ"
    return rng.choice(
        [
            f"{rng.randint(10, 99)}-{''.join(rng.choices(letters, k=3))}-{rng.randint(1, 9)}",
            f"{''.join(rng.choices(letters, k=2))}-{rng.randint(100, 999)}-{rng.choice(letters)}",
        ]
    )


def payment_reference(rng: random.Random) -> str:
    digits = "".join(rng.choice("0123456789") for _ in range(16))
    return rng.choice([digits, spaced(digits)])


def case_number(rng: random.Random) -> str:
    return rng.choice(
        [
            f"{rng.randint(100000, 999999)}",
            f"Z-{rng.randint(10000, 99999)}",
            f"2023-{rng.randint(10000, 99999)}",
        ]
    )


class Values(dict):
    """Random values for one story; each key is drawn once, so repeats agree."""

    def __init__(self, rng: random.Random, pool: str) -> None:
        super().__init__()
        self.rng, self.pool = rng, pool

    def __missing__(self, key: str) -> str:
        value = self._draw(key)
        self[key] = value
        return value

    def _draw(self, key: str) -> str:  # noqa: C901, PLR0911, PLR0912 - one table of kinds
        rng, pool = self.rng, self.pool
        kind = key.rstrip("0123456789")
        if kind == "first":
            taken = {v for k, v in self.items() if k.startswith("first")}
            return rng.choice([n for n in FIRST[pool] if n not in taken])
        if kind == "lower":  # a first name written in lower case
            return self["first" + key[5:]].lower()
        if kind == "surname":
            return rng.choice(SURNAME[pool])
        if kind == "Surname":  # capitalised particle at the start of a reference
            name = self["surname" + key[7:]]
            return name[0].upper() + name[1:]
        if kind == "initial":
            return self["first" + key[7:]][0] + "."
        if kind == "town":
            taken = {v for k, v in self.items() if k.startswith("town")}
            return rng.choice([t for t in TOWN[pool] if t not in taken])
        if kind == "townlower":
            return self["town" + key[9:]].lower()
        simple: dict[str, Callable[[], str]] = {
            "abroad": lambda: rng.choice(ABROAD[pool]),
            "country": lambda: rng.choice(COUNTRY[pool]),
            "azc": lambda: rng.choice(AZC_TOWN[pool]),
            "hood": lambda: rng.choice(HOOD[pool]),
            "street": lambda: rng.choice(STREET[pool]),
            "nr": lambda: str(rng.randint(2, 180)) + rng.choice(["", "", "", "a", "-2"]),
            "postcode": lambda: (
                f"{rng.randint(1000, 9999)} {rng.choice('BCDHJKLMNPRSTVWXZ')}"
                f"{rng.choice('ABCDEGHJKLNPRSTVXZ')}"
            ),
            "age": lambda: str(rng.randint(3, 17)),
            "adultage": lambda: str(rng.randint(19, 78)),
            "ageword": lambda: rng.choice(NUMBER_WORD_AGE[pool]),
            "jarige": lambda: rng.choice(JARIGE[pool]),
            "year": lambda: str(rng.randint(1998, 2024)),
            "yy": lambda: f"{rng.randint(0, 19):02d}",
            "day": lambda: str(rng.randint(1, 28)),
            "month": lambda: rng.choice(MONTHS),
            "mon": lambda: rng.choice(ABBREVIATED_MONTH[pool]),
            "dm": lambda: f"{rng.randint(1, 28)}/{rng.randint(1, 12)}",
            "named": lambda: rng.choice(NAMED_DAY[pool]),
            "iban": lambda: rng.choice([iban(rng), spaced(iban(rng)), iban(rng).lower()]),
            "bsn": lambda: bsn(rng),
            "phone": lambda: phone(rng),
            "plate": lambda: plate(rng),
            "payref": lambda: payment_reference(rng),
            "case": lambda: case_number(rng),
            "handle": lambda: rng.choice(HANDLE[pool]),
            "linktree": lambda: rng.choice(LINKTREE[pool]),
            "national": lambda: rng.choice(NATIONAL),
            "law": lambda: rng.choice(LAW),
            "disease": lambda: rng.choice(DISEASE),
            "holiday": lambda: rng.choice(HOLIDAY),
            "province": lambda: rng.choice(PROVINCE),
            "nationality": lambda: rng.choice(NATIONALITY),
            "amount": lambda: f"€ {rng.randint(2, 95) * 25},-",
            "months": lambda: rng.choice(
                ["drie maanden", "twee jaar", "een half jaar", "zes weken"]
            ),
        }
        if kind in ("bizkind", "biz"):
            index = int(key[len(kind) :] or 0)
            business = self.setdefault(f"_business{index}", rng.choice(BUSINESS[pool]))
            return business[0] if kind == "bizkind" else business[1]
        if kind in ("org", "orgabbr"):
            org = self.setdefault("_org", rng.choice(LOCAL_ORG[pool]))
            return org[0] if kind == "org" else org[1]
        if kind == "email":
            first = self["first"].lower().replace("ł", "l").replace("-", "")
            return f"{first}.{rng.randint(10, 99)}@{rng.choice(['gmail.com', 'hotmail.nl', 'ziggo.nl'])}"  # noqa: E501
        return simple[kind]()


# --- templates (A: dev, B: held-out) ---------------------------------------------------
# [[LABEL|text]] marks a gold span; {key} draws a value (see Values).

P, L, A, O, D, G = "PERSON", "LOCATION", "ADDRESS", "ORGANISATION", "DATE", "AGE"  # noqa: E741

TEMPLATES: dict[str, dict[str, list[str]]] = {
    "chat": {
        "A": [
            "[[P|{first} {initial2}]]: ben er zo\n[[P|{first2}]]: ok top\n[[P|{first} {initial2}]]: "  # noqa: E501
            "nog ff langs {national} geweest, idd weer een brief over de {law}",
            "[[P|{first}]]: heb je mn brief gezien?\n[[P|{first2}]]: ja ff kijken\n[[P|{first}]]: "
            "ik zei nog tegen [[P|{lower3}]] dat het niet ging",
            "hoi [[P|{lower}]]!! was gister bij [[P|{lower2}]] in [[L|{townlower}]], ze is nu "
            "[[G|{adultage}]] jaar en woont op nummer [[A|{nr}]] in de [[L|{hood}]]",
            "[[P|{first}]]: volg me op [[P|{handle}]] of via [[U|{linktree}]]\n[[P|{first2}]]: "
            "haha ok, ff mn insta checken",
            "[[P|{first}]]: mn dochter is nu [[G|{age}]] en wil niks meer met {national} te maken "
            "hebben lol\n[[P|{first2}]]: snap ik idd",
            "[[P|{first}]]: [[D|{dm}]] gesprek bij de schuldhulp\n[[P|{first}]]: rekening is "
            "[[I|{iban}]] als je iets wil overmaken voor {holiday}",
            "[[P|{first} {initial2}]]: bel me ff op [[T|{phone}]]\n[[P|{first3}]]: kan pas na "
            "{months}, zit nu bij [[O|{org}]] in [[L|{town}]]",
            "[[P|{first}]]: ik heb {months} bij {bizkind} [[O|{biz}]] gewerkt\n[[P|{first2}]]: "
            "en nu?\n[[P|{first}]]: nu Wajong en {national}, niks geks",
            "[[P|{first}]]: zag [[P|{first2}]] nog bij {bizkind} [[O|{biz}]], ze zei dat "
            "[[P|{lower3}]] weer in [[L|{townlower}]] woont",
            "[[P|{first}]]: mn moeder heeft {disease}, ze is [[G|{adultage}]]\n[[P|{first2}]]: "
            "sterkte!! Koning te rijk als ze nog thuis kan wonen",
        ],
        "B": [
            "[[P|{first} {initial2}]]: kom eraan\n[[P|{first2}]]: prima\n[[P|{first} {initial2}]]: "
            "moest nog ff naar {national}, alweer gedoe met de {law}",
            "[[P|{first}]]: heb jij [[P|{lower2}]] nog gesproken?\n[[P|{first3}]]: nee, mn "
            "telefoon was leeg. ik belde [[P|{lower2}]] gister ff maar geen antwoord",
            "yo [[P|{lower}]], we zijn bij [[P|{lower2}]] in [[L|{townlower}]], ze woont op "
            "nummer [[A|{nr}]] in de [[L|{hood}]], kom je ook?",
            "[[P|{first}]]: check [[P|{handle}]] en [[U|{linktree}]] voor de foto's\n"
            "[[P|{first2}]]: ff kijken idd",
            "[[P|{first}]]: mn zoon is inmiddels [[G|{age}]], gaat al alleen naar school\n"
            "[[P|{first2}]]: wauw, de mijne is pas [[G|{age2}]]",
            "[[P|{first}]]: op [[D|{dm}]] moet ik naar de bewindvoerder\n[[P|{first}]]: mijn "
            "rekening is [[I|{iban}]], ff voor de zekerheid",
            "[[P|{first} {initial2}]]: mijn nummer is [[T|{phone}]], sms ff\n[[P|{first3}]]: "
            "ok, na {months} ben ik klaar bij [[O|{org}]]",
            "[[P|{first}]]: werk nu bij {bizkind} [[O|{biz}]] in [[L|{town}]]\n[[P|{first2}]]: "
            "top, geen {national} meer dus",
            "[[P|{first}]]: [[P|{lower2}]] zei dat {bizkind} [[O|{biz}]] dicht is sinds {holiday}",
            "[[P|{first}]]: opa heeft {disease}\n[[P|{first2}]]: ah balen, hoe oud is ie?\n"
            "[[P|{first}]]: [[G|{adultage}]]",
        ],
    },
    "letter": {
        "A": [
            "Beste [[P|{first}]],\n\nDank voor je brief. Sinds [[D|{month} {year}]] woon ik aan de "
            "[[A|{street} {nr}]], [[A|{postcode} {town}]]. De {law} en {national} blijven lastig."
            "\n\nMet vriendelijke groet,\n[[P|{first2} {surname2}]]",
            "Geachte mevrouw [[P|{surname}]],\n\nHierbij stuur ik het betalingskenmerk "
            "[[N|{payref}]] voor de regeling. Mijn BSN is [[B|{bsn}]].\n\nHoogachtend,\n"
            "[[P|{initial} {surname2}]]",
            "Lieve [[P|{first}]],\n\nOp [[D|{named} {year}]] zagen we elkaar voor het laatst in "
            "[[L|{abroad}]]. Ik ben nu [[G|{adultage}]] en woon in [[L|{town}]], in "
            "{province}.\n\nLiefs,\n[[P|{first2}]]",
            "Geachte heer [[P|{surname}]],\n\nUw dossier [[N|{case}]] is overgedragen aan "
            "[[O|{org}]] ([[O|{orgabbr}]]). De [[O|{orgabbr}]] neemt contact op.\n\nMet "
            "vriendelijke groet,\n[[P|{first2} {surname2}]]\n[[O|{org}]]",
            "Beste [[P|{first}]] en [[P|{first2}]],\n\nMijn dochter is nu [[G|{age}]] en haalt "
            "haar diploma. Wij wonen nog steeds in de [[L|{hood}]].\n\nGroetjes,\n"
            "[[P|{first3}]] ([[E|{email}]])",
            "Geachte dhr. [[P|{Surname}]],\n\nHet bedrag van {amount} is overgemaakt naar "
            "[[I|{iban}]]. Vragen? Bel [[T|{phone}]].\n\nMet groet,\n[[P|{first2} {surname2}]]",
        ],
        "B": [
            "Hallo [[P|{first}]],\n\nIk schrijf je vanuit [[L|{town}]]. Per [[D|{day} {month}]] "
            "verhuis ik naar de [[A|{street} {nr}]]. Het {national} weet het al.\n\nHartelijke "
            "groet,\n[[P|{first2} {surname2}]]",
            "Geachte heer [[P|{surname}]],\n\nOnder vermelding van betalingskenmerk "
            "[[N|{payref}]] heb ik {amount} betaald. BSN: [[B|{bsn}]].\n\nMet vriendelijke "
            "groet,\n[[P|{initial} {surname2}]]",
            "Lieve [[P|{first}]],\n\nWeet je nog, [[D|{named} {year}]] in [[L|{abroad}]]? Nu "
            "woon ik in [[L|{town}]] en werk ik bij {bizkind} [[O|{biz}]].\n\nKus,\n"
            "[[P|{first2}]]",
            "Geachte mevrouw [[P|{surname}]],\n\nHet zaaknummer [[N|{case}]] is bij "
            "[[O|{org}]] ([[O|{orgabbr}]]) in behandeling. Bij de [[O|{orgabbr}]] kunt u "
            "terecht met vragen over de {law}.\n\nHoogachtend,\n[[P|{first2} {surname2}]]",
            "Beste [[P|{first}]],\n\nOnze kinderen van [[G|{age}]] en [[G|{age2}]] gaan nu naar "
            "school in de [[L|{hood}]]. In {province} was het rustiger.\n\nGroet,\n"
            "[[P|{first2}]] ([[E|{email}]])",
            "Geachte mw. [[P|{Surname}]],\n\nGraag {amount} storten op [[I|{iban}]]. U kunt mij "
            "bereiken op [[T|{phone}]].\n\nMet vriendelijke groet,\n[[P|{first2} {surname2}]]",
        ],
    },
    "interview": {
        "A": [
            "Interviewer: Waar kom je vandaan?\n[[P|{first}]]: Uit [[L|{abroad}]], in "
            "{country}. Toen ik [[G|{ageword}]] was, kwam ik naar Nederland.\n"
            "Interviewer: En daarna?\n[[P|{first}]]: Eerst het azc in [[L|{azc}]], toen "
            "[[L|{town}]].",
            "I: Wie hielp je?\nR: Mijn begeleider [[P|{first}]] van [[O|{org}]]. En "
            "[[P|{first2} {surname2}]] van het wijkteam. {national} deed niks.\nI: Hoe oud "
            "was je toen?\nR: [[G|{adultage}]].",
            "Interviewer: Vertel eens over je werk.\n[[P|{first}]]: Ik werk bij {bizkind} "
            "[[O|{biz}]] aan de [[A|{street}]]. Sinds begin [[D|{mon} '{yy}]] eigenlijk.",
            "Interviewer: Heb je familie hier?\n[[P|{first} {surname}]]: Ja, [[P|{first2}]]s "
            "broer woont in [[L|{town}]]. En [[P|{first3}]]'s moeder in [[L|{abroad}]].",
            "I: Wat gebeurde er toen?\n[[P|{first}]]: Als [[G|{jarige}]] stond ik op straat. "
            "Met {holiday} sliep ik bij [[P|{first2}]]. Daarna de {law}, {national}, alles.",
            "Interviewer: Wie was je contactpersoon?\n[[P|{first}]]: Meneer [[P|{surname}]], "
            "en later [[P|{initial2}-{initial3} {surname2}]] van [[O|{org}]].",
        ],
        "B": [
            "Interviewer: Waar ben je geboren?\n[[P|{first}]]: In [[L|{abroad}]], "
            "{country}. Toen ik [[G|{ageword}]] was, vluchtten we.\nInterviewer: En "
            "hier?\n[[P|{first}]]: Eerst azc [[L|{azc}]], daarna een huis in [[L|{town}]].",
            "I: Wie steunde je?\nR: [[P|{first}]], mijn maatje van [[O|{org}]]. En "
            "[[P|{first2} {surname2}]] van de gemeente. Bij {national} kreeg ik geen antwoord."
            "\nI: Hoe oud ben je nu?\nR: Inmiddels [[G|{adultage}]].",
            "Interviewer: Wat doe je overdag?\n[[P|{first}]]: Ik help bij {bizkind} "
            "[[O|{biz}]], al sinds eind [[D|{mon} '{yy}]].",
            "Interviewer: Zie je je familie nog?\n[[P|{first} {surname}]]: Soms. "
            "[[P|{first2}]]s zus woont in [[L|{town}]], [[P|{first3}]]'s vader in "
            "[[L|{abroad}]].",
            "I: Hoe begon het?\n[[P|{first}]]: Als [[G|{jarige}]] verloor ik mijn kamer. Met "
            "{holiday} sliep ik bij [[P|{first2}]] op de bank. {months} later kwam de "
            "{law}.",
            "Interviewer: Met wie had je contact?\n[[P|{first}]]: Mevrouw [[P|{surname}]], en "
            "daarna [[P|{initial2}-{initial3} {surname2}]] van [[O|{org}]].",
        ],
    },
    "notes": {
        "A": [
            "- gesprek met [[P|{first}]] ([[G|{adultage}]])\n- woont [[A|{street} {nr}]], "
            "[[L|{town}]]\n- schuld bij {national} en CJIB, totaal {amount}\n- afspraak "
            "[[D|{dm}]]",
            "notities [[D|{day} {month}]]: [[P|{first}]] belt terug op [[T|{phone}]]. kenteken "
            "auto [[K|{plate}]]. BSN [[B|{bsn}]]. kinderen van [[G|{age}]] en [[G|{age2}]].",
            "- [[P|{lower}]] wil ff praten over {law}\n- mn collega [[P|{first2}]] neemt het "
            "over\n- woont op nummer [[A|{nr}]] in de [[L|{hood}]]\n- iban [[I|{iban}]]",
            "[[P|{first} {surname}]] - [[E|{email}]] - moeder heeft {disease} - {province} - "
            "{nationality} achtergrond - {months} wachtlijst",
            "afspraak [[D|{named} {year}]] bij {bizkind} [[O|{biz}]]; [[P|{first}]] neemt "
            "[[P|{first2}]] mee. betalingskenmerk [[N|{payref}]].",
            "- [[P|{first}]] kwam in {year} of zo naar Nederland\n- in de jaren negentig in "
            "[[L|{abroad}]]\n- nu [[L|{town}]], dossier [[N|{case}]]",
        ],
        "B": [
            "- intake [[P|{first}]] ([[G|{adultage}]] jr)\n- adres [[A|{street} {nr}]], "
            "[[L|{town}]]\n- schulden: {national}, CJIB, {amount}\n- volgende keer [[D|{dm}]]",
            "[[D|{day} {month}]] - [[P|{first}]] bereikbaar op [[T|{phone}]], auto "
            "[[K|{plate}]], BSN [[B|{bsn}]], dochter [[G|{age}]] jaar",
            "- [[P|{lower}]] belt over {law}\n- [[P|{lower2}]] (mn collega) doet de intake\n"
            "- nr [[A|{nr}]] in de [[L|{hood}]]\n- rek. [[I|{iban}]]",
            "[[P|{first} {surname}]], [[E|{email}]], vader {disease}, uit {province}, "
            "{nationality}, al {months} bezig",
            "[[D|{named} {year}]]: [[P|{first}]] met [[P|{first2}]] naar {bizkind} "
            "[[O|{biz}]]. kenmerk [[N|{payref}]]",
            "- [[P|{first}]] sinds {year} in NL\n- jaren tachtig [[L|{abroad}]]\n- woont "
            "[[L|{town}]], zaak [[N|{case}]]",
        ],
    },
    "narrative": {
        "A": [
            "Ik ben [[P|{first}]] en ik kom uit [[L|{abroad}]]. Toen ik [[G|{ageword}]] was, "
            "vluchtte ik met mijn oom. Na het azc in [[L|{azc}]] kreeg ik een huis in "
            "[[L|{town}]]. De {law} begreep ik niet, en {national} stuurde brieven die ik "
            "niet kon lezen. Mijn buurvrouw [[P|{first2}]] las ze voor. Nu, {months} later, "
            "werk ik bij {bizkind} [[O|{biz}]] en help ik anderen bij [[O|{org}]].",
            "Op [[D|{named} {year}]] ging het mis. Mijn man [[P|{first}]] verloor zijn werk en "
            "de schulden liepen op tot {amount}. [[P|{first2} {surname2}]] van [[O|{org}]] "
            "zat met ons aan tafel. Onze kinderen van [[G|{age}]] en [[G|{age2}]] merkten "
            "alles. Met {holiday} hadden we geen geld voor cadeautjes. In de zomer kwam er "
            "rust.",
            "Mijn moeder heeft {disease} en woont in {province}. Ik zorg voor haar sinds "
            "[[D|{month} {year}]]. Mijn zus [[P|{first}]] woont in [[L|{town}]], op nummer "
            "[[A|{nr}]] in de [[L|{hood}]]. Zij is [[G|{adultage}]] en heeft zelf drie "
            "kinderen. Het CAK en de SVB sturen om beurten brieven.",
            "Als [[G|{jarige}]] kwam ik bij [[P|{first}]] {surname_word} in huis. Hij was "
            "streng maar eerlijk. Later leerde ik [[P|{first2} {surname2}]] kennen, die mij "
            "hielp met de Participatiewet. Koning te rijk was ik met die hulp.",
        ],
        "B": [
            "Mijn naam is [[P|{first}]]. Ik ben geboren in [[L|{abroad}]] en kwam als "
            "[[G|{jarige}]] naar Nederland. Eerst azc [[L|{azc}]], toen een flat in "
            "[[L|{town}]]. {national} en de {law}: niemand legde het uit. Mijn buurman "
            "[[P|{first2}]] hielp. Nu werk ik bij {bizkind} [[O|{biz}]] en ben ik vrijwilliger "
            "bij [[O|{org}]].",
            "Op [[D|{named} {year}]] stond de deurwaarder voor de deur. Mijn vrouw "
            "[[P|{first}]] huilde. [[P|{first2} {surname2}]] van [[O|{org}]] maakte een plan. "
            "Onze zoon van [[G|{age}]] begreep het al. Met {holiday} bleef het stil. In de "
            "winter werd het beter.",
            "Mijn vader heeft {disease}. Sinds [[D|{month} {year}]] woont hij bij ons. Mijn "
            "broer [[P|{first}]] woont in [[L|{town}]], op nummer [[A|{nr}]] in de "
            "[[L|{hood}]]. Hij is [[G|{adultage}]]. De SVB en het UWV weten ervan.",
            "Toen ik [[G|{ageword}]] was, woonde ik bij [[P|{first}]] {surname_word}. Later "
            "vond ik steun bij [[P|{first2} {surname2}]], die alles van de Participatiewet "
            "wist. Oud en Nieuw vierden we samen.",
        ],
    },
}
# Template letters: P person, L location, A address, O organisation, D date, G age,
# I IBAN, B BSN, T phone, E e-mail, U URL, K licence plate, N case/payment number.
LETTERS = {
    "P": "PERSON",
    "L": "LOCATION",
    "A": "ADDRESS",
    "O": "ORGANISATION",
    "D": "DATE",
    "G": "AGE",
    "I": "IBAN",
    "B": "BSN",
    "T": "PHONE",
    "E": "EMAIL",
    "U": "URL",
    "K": "LICENSE_PLATE",
    "N": "ID_NUMBER",
}
MARK = re.compile(r"\[\[([A-Z])\|(.*?)\]\]", re.DOTALL)


def render(template: str, values: Values) -> tuple[str, list[dict]]:
    """Fill values, then turn [[X|text]] marks into exact spans."""
    # Dutch-word surnames after a first name, written as a span together with it.
    filled = template.replace("[[P|{first}]] {surname_word}", "[[P|{first} {surname}]]").format_map(
        values
    )
    text_parts: list[str] = []
    spans: list[dict] = []
    position = 0
    cursor = 0
    for match in MARK.finditer(filled):
        plain = filled[cursor : match.start()]
        text_parts.append(plain)
        position += len(plain)
        value = match[2]
        spans.append(
            {
                "start": position,
                "end": position + len(value),
                "label": LETTERS[match[1]],
                "text": value,
            }
        )
        text_parts.append(value)
        position += len(value)
        cursor = match.end()
    text_parts.append(filled[cursor:])
    text = "".join(text_parts)
    for span in spans:
        assert text[span["start"] : span["end"]] == span["text"], span
    return text, spans


# Hand-written stories, one per line of thought, not built from the templates above.
# (style, split, text with [[X|...]] marks)
HANDWRITTEN: list[tuple[str, str, str]] = [
    (
        "chat",
        "dev",
        "[[P|Kees-Jan]]: ben onderweg\n[[P|Fenna R.]]: top, ik sta bij de "
        "ingang van het gemeentehuis\n[[P|Kees-Jan]]: kwartiertje, mn bus had vertraging",
    ),
    (
        "chat",
        "dev",
        "[[P|Patrycja]]: heb ff met [[P|tomasz]] gebeld, hij komt [[D|12/5]] "
        "langs\n[[P|Noor]]: ok! idd beter zo. groetjes aan je moeder, ze wordt [[G|80]] toch?",
    ),
    (
        "chat",
        "heldout",
        "[[P|Gerrit]]: wie was die vrouw van de SVB?\n[[P|Ilona D.]]: "
        "geen idee, ik vraag het [[P|mirjam]] wel. die weet dat soort dingen",
    ),
    (
        "chat",
        "heldout",
        "[[P|Amanuel]]: mn broertje is net [[G|6]] geworden haha\n"
        "[[P|Rosa]]: gefeliciteerd!! stuur je adres ff, ik doe een kaartje op de post",
    ),
    (
        "letter",
        "dev",
        "Beste [[P|Hanneke]],\n\nDank voor je hulp in het voorjaar. Het "
        "DUO heeft eindelijk geantwoord. Ik woon nu in [[L|Zutphen]], vlak bij het "
        "station.\n\nHartelijke groet,\n[[P|Ahmed Ouali]]",
    ),
    (
        "letter",
        "heldout",
        "Geachte mevrouw [[P|Verhoeven]],\n\nOp [[D|4 oktober]] "
        "ontving ik uw brief over de Wmo. Mijn zoon van [[G|14]] heeft extra zorg nodig."
        "\n\nMet vriendelijke groet,\n[[P|R. Bhoelai]]",
    ),
    (
        "interview",
        "dev",
        "Interviewer: Hoe kwam je bij de voedselbank?\n[[P|Tamara]]: "
        "Via [[P|Linda]], mijn buurvrouw. In [[D|maart 2021]] stond ik er voor het eerst. "
        "Ik schaamde me kapot.",
    ),
    (
        "interview",
        "heldout",
        "I: En je familie?\nR: Mijn moeder woont nog in "
        "[[L|Paramaribo]]. Mijn vader is overleden toen ik [[G|twaalf]] was. Ik ben de "
        "oudste van vijf.",
    ),
    (
        "notes",
        "dev",
        "- huisbezoek fam. [[P|Bulut]], [[A|Kerkpad 3]], [[L|Nijverdal]]\n"
        "- 2 kinderen ([[G|4]] en [[G|9]])\n- achterstand huur {amount}, ook CJIB",
    ),
    (
        "notes",
        "heldout",
        "tel. mw. [[P|Kaplan]] [[T|06 41 22 80 19]] - wil afspraak na "
        "het Suikerfeest - heeft schuld bij het CAK, loopt al twee jaar",
    ),
    (
        "narrative",
        "dev",
        "Ik groeide op in [[L|Winschoten]]. Mijn vader dronk, mijn "
        "moeder werkte in de thuiszorg. Op mijn [[G|zestiende]] liep ik weg. Jaren later "
        "vond ik via [[O|Stichting De Overstap]] een kamer. In 2012 of zo begon ik "
        "opnieuw.",
    ),
    (
        "narrative",
        "heldout",
        "Mijn naam is [[P|Zahra]]. Ik kwam in de winter uit "
        "Afghanistan, via Griekenland. In het azc in [[L|Ter Apel]] sliep ik op een "
        "stretcher. Nu woon ik in [[L|Almelo]] en werk ik bij supermarkt [[O|De Buurtwinkel]].",
    ),
]


def stories() -> list[dict]:
    rng = random.Random(SEED)
    records = []
    for style, halves in TEMPLATES.items():
        for split, pool in (("dev", "A"), ("heldout", "B")):
            templates = halves[pool]
            for number in range(PER_STYLE_AND_SPLIT):
                template = templates[number % len(templates)]
                text, spans = render(template, Values(rng, pool))
                records.append(
                    {
                        "id": f"{style}-{split}-{number:03d}",
                        "style": style,
                        "split": split,
                        "text": text,
                        "spans": spans,
                    }
                )
    for number, (style, split, template) in enumerate(HANDWRITTEN):
        text, spans = render(template, Values(rng, "A" if split == "dev" else "B"))
        records.append(
            {
                "id": f"hand-{style}-{split}-{number:02d}",
                "style": style,
                "split": split,
                "text": text,
                "spans": spans,
            }
        )
    return records


def main() -> int:
    for record in stories():
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
