"""What every benchmark in ``bench/`` shares (this file is not a benchmark itself).

The convention (see bench/README.md):

* each benchmark takes its own size options, whose defaults are the full measurement,
  and ``--smoke``, which picks a size that finishes in seconds (``make bench-smoke``, CI);
* it prints exactly one JSON line on stdout, made by :func:`emit`: ``bench`` (its name),
  ``smoke``, its figures and the baseline measured in the same run; anything else goes to
  stderr (:func:`say`);
* data from outside the repository is optional: when it is missing the benchmark says so
  on stderr and falls back to data it generates (:func:`deid_texts`), and its JSON line
  names the data it used.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
# The development set lives next to the clone, not in it (it is not ours to publish).
DEID_DEV_SET = REPO_ROOT.parent / "shared" / "data" / "deid-dev.jsonl"


def add_smoke_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="smallest size that still runs every code path; finishes in seconds (CI)",
    )


def say(message: str) -> None:
    """A note for the person running the benchmark: stderr, so stdout stays one JSON line."""
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def emit(name: str, result: dict[str, Any], *, smoke: bool) -> None:
    print(json.dumps({"bench": name, "smoke": smoke, **result}), flush=True)


# -- De-identification stories: the development set, or generated ones --------------------


def deid_texts(path: Path = DEID_DEV_SET, *, generated: int = 400, seed: int = 7):
    """The story texts of ``path`` (JSON lines with a ``text``) and where they came from.

    Returns ``(texts, source)``, source ``"dev-set"`` or ``"generated"``. When ``path`` is
    absent (a fresh clone has no ``../shared/data``), ``generated`` synthetic stories of
    the same length and mix of identifiers are used instead, and stderr says so.
    """
    if path.is_file():
        with path.open(encoding="utf-8") as docs:
            return [json.loads(line)["text"] for line in docs if line.strip()], "dev-set"
    say(
        f"development set not found: {path}\n"
        "[bench]   It is kept outside the repository (../shared/data/deid-dev.jsonl next to "
        "the clone).\n"
        f"[bench]   Using {generated} generated stories instead; their figures are not "
        'comparable with runs on the development set (JSON: "data": "generated").'
    )
    return generate_stories(generated, seed), "generated"


_FIRST = ["Ingrid", "Dewi", "Tomasz", "Fatima", "Mohamed", "Sanne", "Kees", "Yusuf", "Anouk"]
_LAST = ["de Vries", "Jansen", "Smit", "van der Berg", "Bakker", "El Amrani", "Visser"]
_PLACES = ["Utrecht", "Zwolle", "Tilburg", "Heerlen", "Almere", "Leeuwarden", "Schiedam"]
_STREETS = ["Julianalaan", "Kerkstraat", "Dorpsweg", "Molenpad", "Stationsplein"]
_ORGS = ["Humanitas", "Leger des Heils", "Stichting Het Buurtnest", "Kringloop De Vonk"]
_MONTHS = ["januari", "maart", "juni", "september", "november", "jun.", "okt."]
_PLAIN = [
    "Het wijkteam zei dat ik eerst zelf moest bellen, maar ik durfde niet.",
    "Na de opname heb ik drie maanden in de maatschappelijke opvang gezeten.",
    "Herstel is geen rechte lijn, zei mijn coach, en dat klopte.",
    "De Participatiewet en de regels van de Wmo snapte ik pas na twee jaar.",
    "Elke week keken we samen naar de post en de rekeningen.",
    "Ik schaamde me lang voor mijn schulden en vertelde het aan niemand.",
]


def _bsn(rng: random.Random) -> str:
    while True:  # the eleven test: sum(digit * weight) % 11 == 0, last weight -1
        digits = [rng.randint(0, 9) for _ in range(8)]
        rest = sum(d * w for d, w in zip(digits, range(9, 1, -1), strict=True)) % 11
        if rest < 10 and digits[0] != 0:
            return "".join(map(str, digits)) + str(rest)


def _iban(rng: random.Random) -> str:
    account = "".join(str(rng.randint(0, 9)) for _ in range(10))
    numeric = "".join(str(ord(c) - 55) for c in "RABO") + account + "2321" + "00"
    check = 98 - int(numeric) % 97
    return f"NL{check:02d} RABO {account[:4]} {account[4:8]} {account[8:]}"


def _identifier_sentence(rng: random.Random) -> str:
    name = rng.choice(_FIRST)
    full = f"{name} {rng.choice(_LAST)}"
    place = rng.choice(_PLACES)
    phone = "06 " + " ".join(f"{rng.randint(10, 99)}" for _ in range(4))
    sentences = [
        f"Mijn schuldhulpverlener {full} belde elke week even, ook als het niet ging.",
        f"Op {rng.randint(1, 28)} {rng.choice(_MONTHS)} {rng.randint(2010, 2024)} kreeg ik de "
        f"sleutel van mijn kamer aan de {rng.choice(_STREETS)} {rng.randint(1, 120)}.",
        f"Ik ben opgegroeid in {place}, maar nu woon ik in {rng.choice(_PLACES)}.",
        f"Bij {rng.choice(_ORGS)} in {place} voelde ik me voor het eerst geen dossiernummer.",
        f"Je mag me altijd bellen op {phone} als je wilt weten hoe ik het deed.",
        f"Mailen kan naar {name.lower()}{rng.randint(10, 99)}@ziggo.nl, ik lees het 's avonds.",
        f"Mijn verhaal staat ook op www.{rng.choice(['schuldenlab', 'herstelnet'])}.nl.",
        f"Het geld ging naar {_iban(rng)}, maar de brief kwam nooit aan.",
        f"De auto met kenteken {rng.randint(10, 99)}-{rng.choice(['DFV', 'KLX', 'TRB'])}-"
        f"{rng.randint(1, 9)} was het enige wat ik nog had.",
        f"Mijn BSN {_bsn(rng)} stond op elke brief van de gemeente {place}.",
        f"Toen ik {rng.randint(16, 70)} jaar was, ging ik met {name} naar de inloop.",
        f"Dossier {rng.randint(2015, 2024)}-{rng.randint(10000, 99999)} lag maanden stil.",
    ]
    return rng.choice(sentences)


def generate_stories(count: int, seed: int = 7) -> list[str]:
    """Synthetic stories like the development set's: about 290 characters, about four
    identifiers each, among sentences without any."""
    rng = random.Random(seed)
    stories = []
    for _ in range(count):
        sentences = [_identifier_sentence(rng) for _ in range(rng.randint(2, 3))]
        sentences += rng.sample(_PLAIN, rng.randint(1, 2))
        rng.shuffle(sentences)
        stories.append(" ".join(sentences))
    return stories
