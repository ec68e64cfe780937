"""Demo stories for the knowledge bank (run by `kwartier demo` after the accounts' demo).

Twelve experiences of the demo experience workers of Welzijn De Brug and Stichting Op
Weg (both in network Regio Oost), in every state and visibility. Every name, place,
number and date in them is made up. The identifiers of each story are listed with it, so
the suggestions and the shared text are built the way the engine's would be, without
loading deduce: `make demo` stays fast. Idempotent: a story that exists is left alone.
Six more stories, recorded by the kwartiermakers and shared with the network, give
wij-kennis (`collective/demo.py`) a dozen network stories of nine tellers to code.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, TextIO

from django.utils import timezone

from kwartier.accounts.models import Domain, Organisation, User
from kwartier.knowledge import index, selectors, services, suggestions
from kwartier.knowledge.crypto import text_hash
from kwartier.knowledge.deid import Span
from kwartier.knowledge.models import (
    ConsentPurpose,
    Experience,
    ReplacementMode,
    State,
    Visibility,
)

NAMESPACE = uuid.UUID("6f1f0c52-3f5e-4d43-9c1e-6a0d3c9b7e21")

SAM = "ervaringswerker@debrug.demo.kwartier.nl"
LOTTE = "ervaringswerker@opweg.demo.kwartier.nl"
NOOR = "kwartiermaker@debrug.demo.kwartier.nl"


@dataclass(frozen=True)
class DemoStory:
    key: str
    author: str
    organisation: str
    title: str
    text: str
    identifiers: list[tuple[str, str]]
    domains: list[str]
    life_phase: str
    tags: list[str]
    state: str
    visibility: str = Visibility.PRIVATE
    shared_on: date | None = None
    mode: str = ReplacementMode.TAGS
    recorded_for: str = ""
    purposes: list[str] = field(default_factory=lambda: [ConsentPurpose.KNOWLEDGE])


STORIES: list[DemoStory] = [
    DemoStory(
        key="sam-schulden",
        author=SAM,
        organisation="debrug",
        title="De brievenbus die ik niet meer opendeed",
        text=(
            "Drie jaar lang heb ik de post niet geopend. Elke envelop van de Belastingdienst "
            "of het incassobureau ging ongelezen in een doos onder het bed. Ik schaamde me "
            "zo, dat ik zelfs mijn zus Anouk niets vertelde.\n\n"
            "Het keerpunt kwam toen Marieke Verbeek van het wijkteam in de Rivierenbuurt "
            "gewoon aanbelde. Ze vroeg niet waarom ik niet reageerde, ze vroeg of ze mocht "
            "helpen sorteren. Samen hebben we die doos leeggemaakt. Zevenenveertig brieven. "
            "Mijn schulden bleken hoger dan ik dacht, maar ook overzichtelijker.\n\n"
            "Wat ik collega's wil meegeven: schulden gaan zelden over rekenen. Ze gaan over "
            "schaamte. Wie belt of schrijft, bereikt iemand als ik niet. Wie langskomt en "
            "naast je gaat zitten wel. Je kunt me bereiken op 06-48213377 als je wilt "
            "sparren over outreachend werken."
        ),
        identifiers=[
            ("Anouk", "PERSON"),
            ("Marieke Verbeek", "PERSON"),
            ("Rivierenbuurt", "LOCATION"),
            ("06-48213377", "PHONE"),
        ],
        domains=["schulden", "armoede"],
        life_phase="volwassen",
        tags=["schaamte", "outreachend werken"],
        state=State.PUBLISHED,
        visibility=Visibility.NETWORK,
        shared_on=date(2025, 3, 12),
        # Also an impact story with De Brug's results (issue 10, impact/demo.py).
        purposes=[ConsentPurpose.KNOWLEDGE, ConsentPurpose.ACCOUNTABILITY],
    ),
    DemoStory(
        key="sam-armoedeval",
        author=SAM,
        organisation="debrug",
        title="Betaald werk dat me geld kostte",
        text=(
            "Toen ik eindelijk een betaalde baan kreeg als ervaringsdeskundige, voor "
            "zestien uur per week, dacht ik dat het beter zou worden. Maar mijn toeslagen "
            "gingen omlaag, mijn bijzondere bijstand stopte en de kwijtschelding van de "
            "gemeentelijke belastingen verviel. Aan het eind van de maand had ik minder "
            "dan toen ik vrijwilliger was.\n\n"
            "Mijn leidinggevende, Joost Hamers, wist niet wat een armoedeval was. Pas toen "
            "we samen met een budgetcoach alles op een rij zetten, zag hij het. Sindsdien "
            "rekenen we bij elke nieuwe collega eerst door wat een aanbod netto betekent.\n\n"
            "Mijn advies: vraag niet alleen of iemand wil werken, maar reken mee. "
            "Ervaringswerk mag geen schuld opleveren."
        ),
        identifiers=[("Joost Hamers", "PERSON")],
        domains=["armoede", "werkloosheid"],
        life_phase="volwassen",
        tags=["armoedeval", "toeslagen", "betaald werk"],
        state=State.PUBLISHED,
        visibility=Visibility.PUBLIC,
        shared_on=date(2025, 9, 2),
    ),
    DemoStory(
        key="sam-verslaving",
        author=SAM,
        organisation="debrug",
        title="Terugval hoort bij herstel",
        text=(
            "Na twee jaar zonder alcohol ging het mis op de verjaardag van mijn vader in "
            "Beekdal. Ik dacht dat ik alles kwijt was: mijn baan bij De Brug, het "
            "vertrouwen van mijn team.\n\n"
            "Wat me hielp was dat mijn coördinator niet schrok. Ze vroeg wat ik nodig had "
            "en gaf me een week om bij te komen. In de intervisie durfde ik het daarna te "
            "vertellen. Drie collega's bleken iets vergelijkbaars te hebben meegemaakt.\n\n"
            "Organisaties die met ervaringsdeskundigen werken, moeten weten dat herstel "
            "geen rechte lijn is. Een terugval is informatie, geen ontslaggrond."
        ),
        identifiers=[("Beekdal", "LOCATION"), ("De Brug", "ORGANISATION")],
        domains=["verslaving", "psychische-kwetsbaarheid"],
        life_phase="volwassen",
        tags=["herstel", "terugval", "intervisie"],
        state=State.PUBLISHED,
        visibility=Visibility.ORGANISATION,
        shared_on=date(2026, 1, 20),
    ),
    DemoStory(
        key="sam-jeugdzorg",
        author=SAM,
        organisation="debrug",
        title="Zeven plekken voor mijn achttiende",
        text=(
            "Ik ben geboren op 4 mei 1994 en woonde voor mijn achttiende op zeven "
            "verschillende plekken: twee pleeggezinnen, drie groepen, een crisisopvang en "
            "een kamer bij Jeugdhuis Het Anker. Bij elke verhuizing kreeg ik een nieuwe "
            "mentor. Mijn dossiernummer, JZ-2008-11734, kende ik beter dan de namen.\n\n"
            "Wat ik had willen hebben: één volwassene die bleef. Dat was later Ellen, mijn "
            "begeleider bij de overgang naar zelfstandig wonen."
        ),
        identifiers=[
            ("4 mei 1994", "DATE"),
            ("Jeugdhuis Het Anker", "ORGANISATION"),
            ("JZ-2008-11734", "ID_NUMBER"),
            ("Ellen", "PERSON"),
        ],
        domains=["jeugdzorg"],
        life_phase="jeugd",
        tags=["pleegzorg", "continuïteit"],
        state=State.REVIEW,
    ),
    DemoStory(
        key="sam-concept",
        author=SAM,
        organisation="debrug",
        title="Wat de intervisiegroep me leerde",
        text=(
            "Een eerste opzet. In de intervisie van donderdag ging het over grenzen: "
            "hoeveel van je eigen verhaal deel je met een cliënt? Ik wil hier later meer "
            "over schrijven."
        ),
        identifiers=[],
        domains=["psychische-kwetsbaarheid"],
        life_phase="volwassen",
        tags=["grenzen"],
        state=State.DRAFT,
    ),
    DemoStory(
        key="sam-ingetrokken",
        author=SAM,
        organisation="debrug",
        title="Over mijn broer",
        text=(
            "Mijn broer Ruud zat vier jaar vast in de PI Westerhaven. Ik schreef over de "
            "bezoeken en hoe ons gezin daardoor veranderde."
        ),
        identifiers=[("Ruud", "PERSON"), ("PI Westerhaven", "ORGANISATION")],
        domains=["detentie"],
        life_phase="jongvolwassen",
        tags=["familie"],
        state=State.WITHDRAWN,
        visibility=Visibility.NETWORK,
        shared_on=date(2024, 11, 5),
    ),
    DemoStory(
        key="lotte-dakloos",
        author=LOTTE,
        organisation="opweg",
        title="Bankslapen is ook dakloos zijn",
        text=(
            "Anderhalf jaar sliep ik op banken van vrienden. Eerst bij Samira in de "
            "Vogelwijk, daarna bij een ex-collega. Officieel was ik niet dakloos, want ik "
            "sliep niet op straat. Daardoor viel ik overal buiten: geen briefadres, geen "
            "uitkering, geen plek in de opvang.\n\n"
            "Pas toen een medewerker van de nachtopvang aan de Stationsweg 18 meedacht "
            "over een briefadres, kwam er beweging. Mijn boodschap aan gemeenten: tel de "
            "mensen die je niet ziet. Bankslapers zijn de grootste groep dakloze jongeren."
        ),
        identifiers=[
            ("Samira", "PERSON"),
            ("Vogelwijk", "LOCATION"),
            ("Stationsweg 18", "ADDRESS"),
        ],
        domains=["dakloosheid"],
        life_phase="jongvolwassen",
        tags=["bankslapen", "briefadres"],
        state=State.PUBLISHED,
        visibility=Visibility.NETWORK,
        shared_on=date(2025, 6, 18),
    ),
    DemoStory(
        key="lotte-huiselijk-geweld",
        author=LOTTE,
        organisation="opweg",
        title="Veilig is meer dan een adres",
        text=(
            "Toen ik met mijn dochter Noa naar de vrouwenopvang ging, dacht iedereen dat "
            "het ergste voorbij was. Maar mijn ex-partner Dennis bleef berichten sturen "
            "naar 0612345678, het nummer dat ik niet durfde op te zeggen omdat de school "
            "het had.\n\n"
            "Wat hielp was een hulpverlener die vroeg: wanneer voel jij je veilig? Niet "
            "waar. Dat verschil heb ik later in mijn eigen werk meegenomen. Veiligheid is "
            "een gevoel dat je samen opbouwt, geen vinkje in een plan."
        ),
        identifiers=[("Noa", "PERSON"), ("Dennis", "PERSON"), ("0612345678", "PHONE")],
        domains=["huiselijk-geweld", "trauma"],
        life_phase="volwassen",
        tags=["veiligheid", "vrouwenopvang"],
        state=State.PUBLISHED,
        visibility=Visibility.ORGANISATION,
        shared_on=date(2025, 11, 30),
        mode=ReplacementMode.SURROGATES,
    ),
    DemoStory(
        key="lotte-psychisch",
        author=LOTTE,
        organisation="opweg",
        title="Mijn diagnose is niet mijn functie",
        text=(
            "Op mijn eerste werkdag bij Stichting Op Weg stelde mijn teamleider mij voor "
            "als 'onze collega met borderline'. Ze bedoelde het goed, maar ik was daarna "
            "in de ogen van het team vooral een diagnose.\n\n"
            "Na een gesprek met de coördinator ervaringsdeskundigheid, Hanneke Bos, "
            "hebben we afgesproken dat ik zelf bepaal wat ik deel en wanneer. Dat lijkt "
            "klein, maar het gaf me mijn vak terug. Positionering begint bij hoe je "
            "iemand voorstelt."
        ),
        identifiers=[("Stichting Op Weg", "ORGANISATION"), ("Hanneke Bos", "PERSON")],
        domains=["psychische-kwetsbaarheid"],
        life_phase="volwassen",
        tags=["positionering", "stigma"],
        state=State.PUBLISHED,
        visibility=Visibility.NETWORK,
        shared_on=date(2026, 2, 9),
    ),
    DemoStory(
        key="lotte-migratie",
        author=LOTTE,
        organisation="opweg",
        title="Twee talen, één verhaal",
        text=(
            "Ik kwam op mijn vijftiende naar Nederland. In de opvang sprak niemand mijn "
            "taal en ik vertaalde voor mijn moeder bij de huisarts, bij de gemeente, bij "
            "de school van mijn broertje. Dat maakte me vroeg volwassen.\n\n"
            "Nu begeleid ik jongeren die hetzelfde meemaken. Ik zie hoe vaak kinderen "
            "tolk zijn in gesprekken over schulden of ziekte. Organisaties kunnen dat "
            "voorkomen door standaard een tolk te regelen."
        ),
        identifiers=[("op mijn vijftiende", "AGE")],
        domains=["migratie"],
        life_phase="jeugd",
        tags=["tolken", "kinderen als tolk"],
        state=State.PUBLISHED,
        visibility=Visibility.PUBLIC,
        shared_on=date(2024, 8, 22),
    ),
    DemoStory(
        key="lotte-rouw-concept",
        author=LOTTE,
        organisation="opweg",
        title="Afscheid in de nachtopvang",
        text=(
            "Vorige winter overleed Kees, een vaste gast van de nachtopvang. Er was geen "
            "familie. We hebben met bewoners en collega's zelf een afscheid georganiseerd."
        ),
        identifiers=[],
        domains=["rouw", "dakloosheid"],
        life_phase="ouder",
        tags=["afscheid"],
        state=State.DRAFT,
    ),
    DemoStory(
        key="noor-opgenomen",
        author=NOOR,
        organisation="debrug",
        title="Schuldhulp op de markt",
        text=(
            "Opgetekend na een gesprek bij de inloop. De verteller, die zelf geen account "
            "wil, vertelt: 'Ik kwam nooit bij loketten. Maar op zaterdag stond er een "
            "kraam van de schuldhulp op de markt aan het Dorpsplein. Daar heb ik met "
            "Fatima gepraat, gewoon tussen de groente door. Een week later had ik mijn "
            "eerste afspraak. Mijn schuld was toen al opgelopen tot boven de tienduizend "
            "euro.'\n\n"
            "Les voor de organisatie: laagdrempelig betekent dáár zijn waar mensen al zijn."
        ),
        identifiers=[("Dorpsplein", "LOCATION"), ("Fatima", "PERSON")],
        domains=["schulden"],
        life_phase="volwassen",
        tags=["laagdrempelig", "vindplaatsgericht"],
        state=State.PUBLISHED,
        visibility=Visibility.NETWORK,
        shared_on=date(2026, 3, 3),
        recorded_for="R. de Graaf",
    ),
]


# --- collective (wij-kennis): six more stories recorded for people without an account,
# shared with the network, so that two coders have a dozen stories of nine tellers.
KWARTIERMAKER_OPWEG = "kwartiermaker@opweg.demo.kwartier.nl"


def _recorded(key: str, recorder: str, org: str, title: str, text: str, **extra: Any) -> DemoStory:
    return DemoStory(
        key=key,
        author=recorder,
        organisation=org,
        title=title,
        text=text,
        identifiers=extra.pop("identifiers", []),
        domains=extra.pop("domains", []),
        life_phase="volwassen",
        tags=extra.pop("tags", []),
        state=State.PUBLISHED,
        visibility=Visibility.NETWORK,
        shared_on=extra.pop("shared_on"),
        recorded_for=extra.pop("recorded_for"),
    )


STORIES.extend(
    [
        _recorded(
            "wk-deurwaarder",
            NOOR,
            "debrug",
            "De deurwaarder en de buurvrouw",
            "Opgetekend bij de inloop. 'De brieven van de deurwaarder legde ik ongeopend "
            "weg. Bellen durfde ik niet, want dan moest ik uitleggen waarom ik niet betaalde. "
            "Het was de buurvrouw die zei: er komt hier iemand van de schuldhulp langs, die "
            "gaat gewoon aan je keukentafel zitten. Dat was het verschil. Iemand die "
            "langskomt, in plaats van nog een brief.'",
            identifiers=[],
            domains=["schulden"],
            tags=["schaamte", "huisbezoek"],
            shared_on=date(2026, 1, 14),
            recorded_for="M. Bakker",
        ),
        _recorded(
            "wk-toeslagen",
            KWARTIERMAKER_OPWEG,
            "opweg",
            "Meer uren, minder geld",
            "Opgetekend in de huiskamer. 'Ik ging van acht naar twintig uur werken. Iedereen "
            "was blij voor me. Maar mijn toeslagen werden teruggevorderd en de huur ging "
            "omhoog. Na een half jaar had ik minder te besteden dan ervoor. Niemand had "
            "voor mij uitgerekend wat werken netto zou opleveren. Nu zeg ik tegen iedereen: "
            "laat eerst doorrekenen wat het betekent voor je inkomen.'",
            domains=["armoede", "werkloosheid"],
            tags=["toeslagen", "armoedeval"],
            shared_on=date(2026, 2, 2),
            recorded_for="J. Yilmaz",
        ),
        _recorded(
            "wk-vrijwilliger",
            KWARTIERMAKER_OPWEG,
            "opweg",
            "Vrijwilliger blijven was goedkoper",
            "Opgetekend na de training. 'Mij werd een betaalde plek aangeboden als "
            "ervaringswerker. Ik heb nee gezegd. Met de vrijwilligersvergoeding hield ik "
            "mijn bijstand en kwijtschelding, met een contract van twaalf uur zou ik er "
            "op achteruit gaan. Het voelt krom: mijn ervaring is ineens geld waard, maar ik "
            "kan het me niet veroorloven om ervoor betaald te worden.'",
            domains=["armoede"],
            tags=["armoedeval", "vrijwilligerswerk"],
            shared_on=date(2026, 2, 20),
            recorded_for="S. de Wit",
        ),
        _recorded(
            "wk-terugval",
            NOOR,
            "debrug",
            "Dezelfde begeleider na de terugval",
            "Opgetekend bij de inloop. 'Na een terugval schaamde ik me zo dat ik mijn "
            "afspraken afzegde. Mijn begeleider bleef gewoon appen, zonder verwijt. Omdat "
            "het dezelfde persoon was als voor de terugval, hoefde ik mijn verhaal niet "
            "opnieuw te doen. Herstel is voor mij geen rechte lijn. Dat ze dat wist, hielp "
            "me om weer te komen.'",
            domains=["verslaving", "ggz"],
            tags=["herstel", "terugval", "vertrouwen"],
            shared_on=date(2026, 3, 9),
            recorded_for="P. Jansen",
        ),
        _recorded(
            "wk-vaste-persoon",
            KWARTIERMAKER_OPWEG,
            "opweg",
            "Eén vast gezicht",
            "Opgetekend in de huiskamer. 'In vier jaar had ik zeven verschillende "
            "hulpverleners. Elke keer opnieuw beginnen. Pas toen er één vaste persoon kwam, "
            "die bleef ook toen het slechter ging, durfde ik te vertellen over mijn "
            "terugval en mijn angsten. Vertrouwen bouw je niet op met een wisselend "
            "rooster. Voor mijn herstel was dat vaste gezicht het belangrijkst.'",
            domains=["ggz"],
            tags=["herstel", "vertrouwen", "continuïteit"],
            shared_on=date(2026, 3, 20),
            recorded_for="A. Mahmoud",
        ),
        _recorded(
            "wk-tolk",
            KWARTIERMAKER_OPWEG,
            "opweg",
            "Mijn dochter als tolk",
            "Opgetekend bij de taalcafé-avond. 'Bij de gesprekken met de gemeente moest "
            "mijn dochter van twaalf tolken. Zij hoorde dus alles over onze schulden. Een "
            "ervaringswerker die mijn taal sprak, heeft dat veranderd: zij legde uit wat er "
            "in de brieven stond en nam mijn dochter die last af. In je eigen taal uitleg "
            "krijgen geeft rust.'",
            domains=["migratie", "schulden"],
            tags=["taal", "tolk"],
            shared_on=date(2026, 4, 1),
            recorded_for="L. Haddad",
        ),
    ]
)


def _spans(text: str, identifiers: list[tuple[str, str]]) -> list[Span]:
    spans = []
    for phrase, label in identifiers:
        for start, end in services.find_phrase(text, phrase):
            spans.append(Span(start, end, label, text[start:end]))
    return spans


def _to_review(experience: Experience, story: DemoStory) -> None:
    source_hash = text_hash(story.title, story.text)
    Experience.objects.filter(pk=experience.pk).update(
        state=State.DEIDENTIFYING, source_hash=source_hash
    )
    suggestions.experience_suggestions_store(
        experience_id=experience.pk,
        source_hash=source_hash,
        title_spans=_spans(story.title, story.identifiers),
        text_spans=_spans(story.text, story.identifiers),
    )


def _create(story: DemoStory, organisation: Organisation, user: User) -> Experience:
    domains = list(Domain.objects.filter(slug__in=story.domains))
    content: dict[str, Any] = {
        "organisation": organisation,
        "title": story.title,
        "text": story.text,
        "domains": domains,
        "life_phase": story.life_phase,
        "tags": story.tags,
    }
    if story.recorded_for:
        return services.experience_record(
            recorded_by=user,
            narrator_name=story.recorded_for,
            consent_date=story.shared_on or timezone.localdate(),
            consent_scope=story.visibility,
            purposes=story.purposes,
            consent_signed=True,
            **content,
        )
    return services.experience_create(author=user, **content)


def _load_story(story: DemoStory, public_id: uuid.UUID) -> Experience:
    organisation = Organisation.objects.get(slug=story.organisation)
    user = User.objects.get(email=story.author)
    experience = _create(story, organisation, user)
    Experience.objects.filter(pk=experience.pk).update(public_id=public_id)
    if story.state == State.DRAFT:
        return experience
    _to_review(experience, story)
    experience.refresh_from_db()
    if story.mode != ReplacementMode.TAGS:
        services.experience_review_save(
            experience=experience, user=user, decisions={}, mode=story.mode
        )
    if story.state == State.REVIEW:
        return experience
    experience.refresh_from_db()
    services.experience_publish(
        experience=experience,
        user=user,
        visibility=story.visibility,
        purposes=story.purposes,
        consent_given=True,
        preview_hash=selectors.experience_share_preview(experience=experience).hash,
    )
    if story.shared_on:
        moment = timezone.make_aware(datetime.combine(story.shared_on, datetime.min.time()))
        Experience.objects.filter(pk=experience.pk).update(shared_at=moment, published_at=moment)
    if story.state == State.WITHDRAWN:
        services.experience_withdraw(experience=experience, user=user)
    return experience


def load(stdout: TextIO) -> None:
    created = 0
    for story in STORIES:
        public_id = uuid.uuid5(NAMESPACE, story.key)
        if Experience.objects.filter(public_id=public_id).exists():
            continue
        _load_story(story, public_id)
        created += 1
    shared = list(
        Experience.objects.filter(
            public_id__in=[uuid.uuid5(NAMESPACE, s.key) for s in STORIES]
        ).values_list("pk", flat=True)
    )
    index.index_experiences(shared)
    stdout.write(f"Kennisbank: {created} nieuwe verhalen, {len(STORIES)} in totaal.")
