"""The default readiness scan (verkenning) that ships with Kwartier, as plain data.

Organisations start from this template and may copy and adapt it; scan rounds keep a
reference to the version they used, so results stay comparable. The themes follow what
the knowledge base on kwartiermaken names as conditions for experience work that lasts;
the statements and advice are written in our own words (see docs/product.md: no
sentences copied from the sources).

Each statement is answered on a five-point scale plus "weet niet". A *reversed*
statement is worded so that agreeing means the organisation is less ready. A *red flag*
statement is a wrong motive (cheap labour, image, "the financier wants it"); agreeing
with it is the warning, so red-flag statements are always reversed as well (the scoring
module enforces this).

Keys are stable: stored answers refer to them, so change wording freely but never reuse a
key for a different question; add a new key instead.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from kwartier.exploration.scoring import ScoringError, Statement, Template, Theme

TEMPLATE_KEY: Final = "kwartier-standaard"
# 2: the statements rewritten in plain language (B1, issue 15). Rounds keep the version
# they were started with; new rounds get this one.
TEMPLATE_VERSION: Final = 2
MIN_STATEMENTS_PER_THEME: Final = 3
MAX_STATEMENTS_PER_THEME: Final = 6
MIN_ADVICE_PER_THEME: Final = 2
MAX_ADVICE_PER_THEME: Final = 4

SCALE_LABELS: Final[Mapping[str, str]] = {
    "1": "Helemaal oneens",
    "2": "Oneens",
    "3": "Niet eens, niet oneens",
    "4": "Eens",
    "5": "Helemaal eens",
    "dont_know": "Weet niet",
}

GROUP_LABELS: Final[Mapping[str, str]] = {
    "werkvloer": "Werkvloer",
    "middenkader": "Middenkader",
    "bestuur": "Bestuur en directie",
    "beleid": "Beleid",
    "ervaringswerkers": "Ervaringswerkers",
    "clienten_partners": "Cliënten en partners",
}


@dataclass(frozen=True)
class OpenQuestion:
    key: str
    text: str


@dataclass(frozen=True)
class ScanTemplate(Template):
    """A scoring :class:`Template` plus everything a respondent and a report need."""

    key: str
    version: int
    name: str
    advice: Mapping[str, tuple[str, ...]]  # theme key -> next steps when the theme is weak
    open_questions: tuple[OpenQuestion, ...]
    scale_labels: Mapping[str, str]
    group_labels: Mapping[str, str]

    def __post_init__(self) -> None:
        super().__post_init__()
        theme_keys = {theme.key for theme in self.themes}
        if set(self.advice) != theme_keys:
            raise ScoringError("every theme needs advice, and advice only for known themes")
        if len({question.key for question in self.open_questions}) != len(self.open_questions):
            raise ScoringError("duplicate open question key")


# (key, name) per theme, in the order the scan shows them.
_THEMES: Final = (
    ("motive", "Motief en visie"),
    ("buy_in", "Draagvlak in alle lagen"),
    ("role", "Rol en taak"),
    ("positioning", "Positionering"),
    ("support", "Ondersteuning"),
    ("conditions", "Arbeidsvoorwaarden en armoedeval"),
    ("embedding", "Borging en duurzame financiering"),
    ("results", "Resultaten zichtbaar maken"),
    ("collective", "Collectieve ervaringskennis"),
    ("regional", "Regionale samenwerking"),
)

_ORDINARY: Final = "ordinary"
_REVERSED: Final = "reversed"
_RED_FLAG: Final = "red_flag"  # always reversed too

# theme key -> statements as (kind, text); keys become f"{theme}_{n}", numbered from 1.
_STATEMENTS: Final[Mapping[str, tuple[tuple[str, str], ...]]] = {
    "motive": (
        (
            _ORDINARY,
            "We hebben met elkaar gezegd wat we willen bereiken met mensen met eigen ervaring.",
        ),
        (
            _ORDINARY,
            "Ik kan in eigen woorden uitleggen wat ervaringskennis toevoegt aan ons werk.",
        ),
        (
            _ORDINARY,
            "Mensen met eigen ervaring hebben zelf mee bedacht waarom en hoe wij met hen werken.",
        ),
        (
            _RED_FLAG,
            "We nemen mensen met eigen ervaring vooral aan omdat ze ons minder geld kosten dan "
            "anderen.",
        ),
        (
            _RED_FLAG,
            "We werken vooral met mensen met eigen ervaring, omdat dat er goed uitziet voor de "
            "buitenwereld.",
        ),
        (
            _RED_FLAG,
            "We beginnen hieraan vooral omdat de gemeente of een andere financier het van "
            "ons verlangt.",
        ),
    ),
    "buy_in": (
        (
            _ORDINARY,
            "Collega's op de werkvloer kijken uit naar de samenwerking met ervaringswerkers.",
        ),
        (
            _ORDINARY,
            "Teamleiders en managers maken tijd vrij om ervaringswerkers een goede plek te geven.",
        ),
        (
            _ORDINARY,
            "Het bestuur staat zichtbaar achter ervaringswerk, ook wanneer het even tegenzit.",
        ),
        (
            _ORDINARY,
            "Bij het maken en toetsen van beleid wordt ervaringskennis standaard betrokken.",
        ),
        (
            _REVERSED,
            "Twijfels over ervaringswerk zeggen we bij ons vaak niet hardop.",
        ),
    ),
    "role": (
        (
            _ORDINARY,
            "Het is helder wat ervaringswerkers bij ons doen en wat niet tot hun taak hoort.",
        ),
        (
            _ORDINARY,
            "Ervaringswerkers krijgen de ruimte om cliënten te laten zien dat het beter kan "
            "worden.",
        ),
        (
            _ORDINARY,
            "Als een ervaringswerker laat zien hoe onze werkwijze bij cliënten uitpakt, "
            "doen we daar iets mee.",
        ),
        (
            _ORDINARY,
            "Ervaringswerkers brengen naast hun eigen verhaal ook in wat zij weten uit de "
            "ervaringen van veel anderen.",
        ),
        (
            _REVERSED,
            "Ervaringswerkers worden bij ons vooral ingezet voor klussen waar anderen niet "
            "aan toekomen.",
        ),
    ),
    "positioning": (
        (
            _ORDINARY,
            "We hebben bewust gekozen of ervaringswerkers een eigen team vormen of deel "
            "uitmaken van de gewone teams.",
        ),
        (
            _ORDINARY,
            "Er werken genoeg ervaringswerkers bij ons om van elkaar te leren en elkaar op "
            "te vangen.",
        ),
        (
            _REVERSED,
            "Onze ervaringswerkers zijn dun uitgesmeerd: één persoon voor veel teams of locaties.",
        ),
        (
            _ORDINARY,
            "Collega's zien een ervaringswerker als een echte collega, net zo goed als "
            "ieder ander.",
        ),
        (
            _ORDINARY,
            "Een ervaringswerker kan bij ons hogerop komen, ook tot leider van een team.",
        ),
    ),
    "support": (
        (
            _ORDINARY,
            "Elke ervaringswerker heeft een vaste coach bij wie hij of zij terechtkan.",
        ),
        (
            _ORDINARY,
            "Ervaringswerkers praten vaak met elkaar over hun werk en leren van elkaar.",
        ),
        (
            _ORDINARY,
            "Er zijn tijd en geld voor scholing van ervaringswerkers.",
        ),
        (
            _ORDINARY,
            "De taken van een nieuwe ervaringswerker groeien stap voor stap, in een tempo "
            "dat bij die persoon past.",
        ),
        (
            _REVERSED,
            "Van een nieuwe ervaringswerker wordt verwacht dat die vanaf de eerste dag "
            "volledig meedraait.",
        ),
    ),
    "conditions": (
        (
            _ORDINARY,
            "Ervaringswerkers krijgen een contract en salaris dat past bij het werk dat ze "
            "doen, net als andere collega's.",
        ),
        (
            _ORDINARY,
            "Voordat iemand betaald begint, zoeken we samen uit wat dat betekent voor "
            "uitkering, toeslagen en schulden.",
        ),
        (
            _ORDINARY,
            "Als betaald werk iemand er financieel op achteruit zou laten gaan, zoeken we "
            "samen naar een oplossing.",
        ),
        (
            _REVERSED,
            "Mensen met eigen ervaring doen bij ons als vrijwilliger werk waar eigenlijk loon "
            "voor hoort.",
        ),
    ),
    "embedding": (
        (
            _ORDINARY,
            "Ervaringswerk heeft een vaste plek in ons meerjarenbeleid en onze begroting.",
        ),
        (
            _ORDINARY,
            "De functies van ervaringswerkers blijven bestaan als een project of subsidie afloopt.",
        ),
        (
            _ORDINARY,
            "We hebben een plan met aantallen ervaringswerkers voor over twee en over vijf jaar.",
        ),
        (
            _REVERSED,
            "Als de trekker van het ervaringswerk vertrekt, valt het bij ons waarschijnlijk stil.",
        ),
    ),
    "results": (
        (
            _ORDINARY,
            "We houden bij wat ervaringswerkers doen voor cliënten, voor de organisatie en voor "
            "het beleid.",
        ),
        (
            _ORDINARY,
            "Samen met ervaringswerkers, cliënten en collega's hebben we bepaald wat we als "
            "succes zien.",
        ),
        (
            _ORDINARY,
            "Wat er binnen en buiten de organisatie goed gaat door ervaringswerk, vertellen "
            "we aan anderen.",
        ),
        (
            _REVERSED,
            "Wat ervaringswerkers opleveren is bij ons vooral een gevoel; aantonen kunnen we "
            "het niet.",
        ),
    ),
    "collective": (
        (
            _ORDINARY,
            "We schrijven de ervaringen van veel mensen op en bewaren ze, zodat we ze niet "
            "vergeten.",
        ),
        (
            _ORDINARY,
            "Ervaringswerkers bepalen zelf wat er met hun verhaal gebeurt en wie het mag zien.",
        ),
        (
            _ORDINARY,
            "Collega's weten bij wie ze met een vraag over ervaring terecht kunnen.",
        ),
        (
            _ORDINARY,
            "Ervaringswerkers hebben tijd om met mensen bij een andere organisatie te praten "
            "over wat zij weten.",
        ),
    ),
    "regional": (
        (
            _ORDINARY,
            "We zoeken samen met anderen in de regio naar nieuwe ervaringswerkers.",
        ),
        (
            _ORDINARY,
            "In onze regio kun je een opleiding tot ervaringswerker doen, bijvoorbeeld op een "
            "mbo-school.",
        ),
        (
            _ORDINARY,
            "We trekken met de gemeente en andere partners op om ervaringswerk blijvend te "
            "bekostigen.",
        ),
        (
            _REVERSED,
            "Iedere organisatie in onze regio zoekt het op het gebied van ervaringswerk zelf uit.",
        ),
    ),
}

_ADVICE: Final[Mapping[str, tuple[str, ...]]] = {
    "motive": (
        "Breng ervaringsdeskundigen, cliënten, medewerkers en bestuur een middag samen en "
        "vat daarna op één pagina samen wat jullie met ervaringswerk willen bereiken.",
        "Benoem de verkeerde redenen hardop (het is goedkoop, het staat goed, de financier "
        "wil het) en spreek af dat ze geen grond zijn om ervaringswerkers aan te nemen.",
        "Leg elk nieuw voorstel voor ervaringswerk langs één vraag: wat wordt er beter voor "
        "de mensen die bij ons hulp zoeken?",
    ),
    "buy_in": (
        "Vraag in elk team, van werkvloer tot bestuur, welke zorgen er leven en zet ze in het "
        "zorgenregister, elk met een eigenaar en een volgende stap.",
        "Laat een ervaren ervaringswerker in teamoverleggen vertellen wat het werk inhoudt, "
        "nog vóór de eerste nieuwe collega begint.",
        "Zet de voortgang van ervaringswerk vast op de agenda van het bestuur, zodat het geen "
        "vrijblijvend project blijft.",
        "Ga met twijfelaars persoonlijk in gesprek en spreek af wat zij nodig hebben om mee te "
        "gaan, zonder het doel los te laten.",
    ),
    "role": (
        "Beschrijf per functie welke rol voorop staat (hoopverschaffer en rolmodel, "
        "bruggenbouwer, gids naar collectieve ervaringskennis) en welke taken er niet bij "
        "horen.",
        "Maak een vaste route waarlangs signalen van ervaringswerkers het management "
        "bereiken, en laat terugkoppelen wat ermee gebeurd is.",
        "Laat een nieuwe ervaringswerker de eerste maanden optrekken met een ervaren collega "
        "om de rol samen in te vullen.",
    ),
    "positioning": (
        "Kies bewust tussen een eigen team en plaatsing in de gewone teams, en schrijf op waarom.",
        "Zet ervaringswerkers met minstens twee tegelijk in per team of locatie, in plaats "
        "van één persoon over veel plekken te verdelen.",
        "Beschrijf hoe een ervaringswerker kan doorgroeien, tot en met coördinerende functies "
        "en het middenkader.",
    ),
    "support": (
        "Stel vóór de eerste werkdag een vaste coach aan, bij voorkeur iemand anders dan de "
        "leidinggevende.",
        "Plan minstens eens per zes weken intervisie voor ervaringswerkers; doe het samen met "
        "andere organisaties als jullie er zelf te weinig hebben.",
        "Reserveer per ervaringswerker een scholingsbudget en bespreek elk jaar de "
        "ontwikkelwensen.",
        "Spreek een inwerkperiode af waarin uren en taken geleidelijk toenemen.",
    ),
    "conditions": (
        "Bied elke kandidaat vóór het aanbod een onafhankelijk gesprek aan over de gevolgen "
        "voor uitkering, toeslagen en een eventuele schuldregeling.",
        "Deel ervaringswerkers in hetzelfde functiegebouw in als andere medewerkers, op basis "
        "van het werk dat ze doen.",
        "Zet vrijwilligerswerk dat in feite een vaste functie is om in een betaalde aanstelling.",
    ),
    "embedding": (
        "Maak een gefaseerd plan met het aantal betaalde ervaringswerkers over twee en over "
        "vijf jaar, en neem het op in de begroting.",
        "Maak met de gemeente afspraken over financiering die langer loopt dan één project.",
        "Beleg het ervaringswerk bij meer dan één persoon, zodat het doorgaat als de trekker "
        "vertrekt.",
    ),
    "results": (
        "Kies samen met ervaringswerkers en cliënten drie tot vijf tekenen van succes en houd "
        "die vanaf het begin bij.",
        "Registreer bijdragen op drie niveaus: voor de cliënt, voor de organisatie en voor beleid.",
        "Laat elk kwartaal met één concreet voorbeeld aan teams en bestuur zien wat "
        "ervaringswerk heeft opgeleverd.",
    ),
    "collective": (
        "Spreek af waar en hoe ervaringsverhalen met toestemming worden vastgelegd, zodat de "
        "kennis niet alleen in hoofden zit.",
        "Laat ervaringswerkers zelf bepalen wie hun verhaal mag zien, en zorg dat ze het op "
        "elk moment kunnen intrekken.",
        "Plan vaste momenten waarop ervaringswerkers uit de ervaringen van velen gezamenlijke "
        "inzichten halen.",
    ),
    "regional": (
        "Verken met andere organisaties in de regio of jullie samen ervaringswerkers kunnen "
        "werven.",
        "Onderzoek met een mbo-school een opleidingsroute, zodat ook ervaringsdeskundigen "
        "zonder diploma kunnen instromen.",
        "Organiseer regionale intervisie en een gezamenlijke vacaturepagina, zodat "
        "ervaringswerkers elkaar en het werk kunnen vinden.",
    ),
}

_OPEN_QUESTIONS: Final = (
    OpenQuestion(
        "open_reason",
        "Wat is voor jou de belangrijkste reden om met ervaringsdeskundigen te werken, of "
        "om dat juist (nog) niet te doen?",
    ),
    OpenQuestion(
        "open_concerns",
        "Welke zorgen of bezwaren hoor je, bij jezelf of bij anderen?",
    ),
    OpenQuestion(
        "open_before_start",
        "Wat moet er volgens jou geregeld zijn voordat een nieuwe ervaringswerker begint?",
    ),
    OpenQuestion(
        "open_difference",
        "Waar in de organisatie zou een ervaringswerker het meeste verschil maken, en waarom?",
    ),
)


def _statements() -> tuple[Statement, ...]:
    return tuple(
        Statement(
            key=f"{theme}_{number}",
            theme=theme,
            text=text,
            reversed=kind in (_REVERSED, _RED_FLAG),
            red_flag=kind == _RED_FLAG,
        )
        for theme, _name in _THEMES
        for number, (kind, text) in enumerate(_STATEMENTS[theme], start=1)
    )


def default_template() -> ScanTemplate:
    """A fresh copy of the default scan; scoring accepts it as a :class:`Template`."""
    return ScanTemplate(
        themes=tuple(Theme(key=key, name=name) for key, name in _THEMES),
        statements=_statements(),
        key=TEMPLATE_KEY,
        version=TEMPLATE_VERSION,
        name="Verkenning ervaringsdeskundigheid",
        advice=dict(_ADVICE),
        open_questions=_OPEN_QUESTIONS,
        scale_labels=dict(SCALE_LABELS),
        group_labels=dict(GROUP_LABELS),
    )
