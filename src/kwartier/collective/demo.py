"""Demo data of wij-kennis (run by `kwartier demo` after the knowledge bank's demo).

A network codebook of Regio Oost; Sam (De Brug) and Lotte (Op Weg) code the same twelve
shared stories, mostly alike and sometimes not, so the agreement page has a kappa to
discuss; three insights reviewed by the other coder and published, and one held back by
the publish rule (two tellers where three are needed). Idempotent: an existing codebook
of the same name is left alone.
"""

from __future__ import annotations

import uuid
from typing import TextIO

from django.core.exceptions import ValidationError

from kwartier.accounts.models import Membership, Network, User
from kwartier.collective import services
from kwartier.collective.models import Code, Codebook, Coding
from kwartier.knowledge import public as knowledge

CODEBOOK = "Wij-kennis Regio Oost"
SAM = "ervaringswerker@debrug.demo.kwartier.nl"
LOTTE = "ervaringswerker@opweg.demo.kwartier.nl"
NAMESPACE = uuid.UUID("6f1f0c52-3f5e-4d43-9c1e-6a0d3c9b7e21")  # the kennisbank demo's

#: (name, parent, definition, example, colour)
CODES = [
    ("Bestaanszekerheid", "", "Geld, inkomen, schulden en wat dat met iemand doet.", "", "#1f6fb2"),
    (
        "Geldzorgen en schulden",
        "Bestaanszekerheid",
        "Schulden, rekeningen, incasso, deurwaarder, brieven die niet worden geopend.",
        "Elke envelop ging ongelezen in een doos.",
        "#0b5394",
    ),
    (
        "Armoedeval",
        "Bestaanszekerheid",
        "Meer werken of betaald werk levert netto minder op: toeslagen, bijstand, "
        "kwijtschelding vallen weg.",
        "Aan het eind van de maand had ik minder.",
        "#6aa84f",
    ),
    ("Hulpverlening", "", "Hoe hulp wordt geboden en ervaren.", "", "#a61c00"),
    (
        "Erop af",
        "Hulpverlening",
        "Outreachend, vindplaatsgericht: de hulp komt langs of staat waar mensen al zijn, "
        "in plaats van bellen of brieven.",
        "Ze belde gewoon aan.",
        "#cc4125",
    ),
    (
        "Vast gezicht",
        "Hulpverlening",
        "Continuïteit en vertrouwen: dezelfde begeleider, niet steeds opnieuw beginnen.",
        "",
        "#e69138",
    ),
    ("Herstel", "", "Herstel als proces, met terugval; wat daarbij helpt.", "", "#674ea7"),
    ("Terugval", "Herstel", "Terugval benoemd als deel van herstel.", "", "#8e7cc3"),
    ("Schaamte", "", "Schaamte, je verstoppen, niemand iets vertellen.", "", "#741b47"),
    ("Taal en cultuur", "", "Taal, tolken, cultuur; uitleg in de eigen taal.", "", "#38761d"),
    ("Wonen", "", "Dakloosheid, bankslapen, opvang, een eigen plek.", "", "#45818e"),
]

#: (story key, quote, code, coders: "s" Sam, "l" Lotte, "sl" both)
CODINGS = [
    ("sam-schulden", "Drie jaar lang heb ik de post niet geopend.", "Geldzorgen en schulden", "sl"),
    ("sam-schulden", "Ik schaamde me zo", "Schaamte", "sl"),
    ("sam-schulden", "Wie langskomt en naast je gaat zitten wel.", "Erop af", "sl"),
    (
        "sam-armoedeval",
        "Aan het eind van de maand had ik minder dan toen ik vrijwilliger was.",
        "Armoedeval",
        "sl",
    ),
    ("sam-armoedeval", "Ervaringswerk mag geen schuld opleveren.", "Geldzorgen en schulden", "l"),
    ("noor-opgenomen", "laagdrempelig betekent dáár zijn waar mensen al zijn", "Erop af", "sl"),
    ("noor-opgenomen", "Ik kwam nooit bij loketten.", "Geldzorgen en schulden", "s"),
    ("wk-deurwaarder", "Iemand die langskomt, in plaats van nog een brief.", "Erop af", "sl"),
    (
        "wk-deurwaarder",
        "De brieven van de deurwaarder legde ik ongeopend weg.",
        "Geldzorgen en schulden",
        "sl",
    ),
    ("wk-deurwaarder", "Bellen durfde ik niet", "Schaamte", "s"),
    ("wk-toeslagen", "Na een half jaar had ik minder te besteden dan ervoor.", "Armoedeval", "sl"),
    (
        "wk-vrijwilliger",
        "met een contract van twaalf uur zou ik er op achteruit gaan",
        "Armoedeval",
        "sl",
    ),
    ("wk-terugval", "Herstel is voor mij geen rechte lijn.", "Terugval", "sl"),
    ("wk-terugval", "Omdat het dezelfde persoon was als voor de terugval", "Vast gezicht", "sl"),
    ("wk-vaste-persoon", "Pas toen er één vaste persoon kwam", "Vast gezicht", "sl"),
    (
        "wk-vaste-persoon",
        "Voor mijn herstel was dat vaste gezicht het belangrijkst.",
        "Herstel",
        "l",
    ),
    ("wk-tolk", "In je eigen taal uitleg krijgen geeft rust.", "Taal en cultuur", "sl"),
    ("wk-tolk", "Zij hoorde dus alles over onze schulden.", "Geldzorgen en schulden", "l"),
    ("lotte-migratie", "", "Taal en cultuur", "sl"),
    ("lotte-psychisch", "", "Herstel", "sl"),
    ("lotte-dakloos", "", "Wonen", "sl"),
]

#: (statement, code, [(story key, code)], published?)
INSIGHTS = [
    (
        "Bij schulden bereikt hulp die langskomt mensen die brieven en telefoontjes niet "
        "meer bereiken: schaamte houdt hen weg bij het loket.",
        "Erop af",
        [("sam-schulden", "Erop af"), ("noor-opgenomen", "Erop af"), ("wk-deurwaarder", "Erop af")],
        True,
    ),
    (
        "Betaald ervaringswerk of meer uren kan netto minder inkomen opleveren; reken vooraf "
        "door wat een aanbod betekent voor toeslagen, bijstand en kwijtschelding.",
        "Armoedeval",
        [
            ("sam-armoedeval", "Armoedeval"),
            ("wk-toeslagen", "Armoedeval"),
            ("wk-vrijwilliger", "Armoedeval"),
        ],
        True,
    ),
    (
        "Een vaste begeleider die blijft na een terugval helpt herstel: mensen hoeven hun "
        "verhaal niet opnieuw te doen en durven terug te komen.",
        "Vast gezicht",
        [
            ("wk-terugval", "Vast gezicht"),
            ("wk-vaste-persoon", "Vast gezicht"),
            ("lotte-psychisch", "Herstel"),
        ],
        True,
    ),
    (
        "Uitleg in de eigen taal door een ervaringswerker voorkomt dat kinderen moeten tolken.",
        "Taal en cultuur",
        [("wk-tolk", "Taal en cultuur"), ("lotte-migratie", "Taal en cultuur")],
        False,
    ),
]


def _story_id(key: str) -> int | None:
    ids = knowledge.shared_story_ids_by_public_id([uuid.uuid5(NAMESPACE, key)])
    return next(iter(ids.values()), None)


def _first_sentence(text: str) -> str:
    return text.split(".")[0].strip() + "."


def load(stdout: TextIO) -> None:
    network = Network.objects.filter(slug="regio-oost").first() or Network.objects.first()
    sam = User.objects.filter(email=SAM).first()
    lotte = User.objects.filter(email=LOTTE).first()
    if network is None or sam is None or lotte is None:
        stdout.write("Wij-kennis: geen demo-netwerk of demo-ervaringswerkers; overgeslagen.")
        return
    if Codebook.objects.filter(name=CODEBOOK, network=network).exists():
        stdout.write("Wij-kennis: demo-codeboek bestaat al.")
        return
    organisation = {
        u.pk: Membership.objects.select_related("organisation").get(user=u).organisation
        for u in (sam, lotte)
    }
    codebook = services.codebook_create(
        name=CODEBOOK,
        by=sam,
        network=network,
        description="Gedeeld codeboek van de ervaringswerkers in het netwerk.",
    )
    codes: dict[str, Code] = {}
    for name, parent, definition, example, colour in CODES:
        codes[name] = services.code_create(
            codebook=codebook,
            by=sam,
            name=name,
            definition=definition,
            example=example,
            colour=colour,
            parent=codes.get(parent),
        )
    made: dict[tuple[str, str, int], Coding] = {}
    for key, quote, code_name, who in CODINGS:
        experience_id = _story_id(key)
        if experience_id is None:
            continue
        for coder in [u for flag, u in (("s", sam), ("l", lotte)) if flag in who]:
            story = knowledge.shared_story_get(
                user=coder, organisation=organisation[coder.pk], experience_id=experience_id
            )
            try:
                coding = services.coding_create_from_quote(
                    story=story,
                    code=codes[code_name],
                    coder=coder,
                    organisation=organisation[coder.pk],
                    quote=quote or _first_sentence(story.text),
                )
            except ValidationError:
                stdout.write(f"Wij-kennis: passage niet gevonden in {key}.")
                continue
            made[(key, code_name, coder.pk)] = coding
    published = 0
    for statement, code_name, evidence, publish in INSIGHTS:
        author, reviewer = (sam, lotte) if publish else (lotte, sam)
        insight = services.insight_create(
            codebook=codebook,
            organisation=organisation[author.pk],
            by=author,
            statement=statement,
            code=codes[code_name],
        )
        for key, evidence_code in evidence:
            found = made.get((key, evidence_code, sam.pk)) or made.get(
                (key, evidence_code, lotte.pk)
            )
            if found is not None:
                services.evidence_add(insight=insight, coding=found, by=author, stance="supports")
        services.insight_review(
            insight=insight, reviewer=reviewer, note="Past bij de fragmenten." if publish else ""
        )
        try:
            services.insight_publish(insight=insight, by=author)
            published += 1
        except ValidationError:
            pass
    stdout.write(
        f"Wij-kennis: codeboek met {len(codes)} codes, {len(made)} coderingen, "
        f"{published} gepubliceerde inzichten."
    )
