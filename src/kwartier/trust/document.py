"""The DPIA starter and processing register of one organisation, as one structure that
the web page, the PDF (WeasyPrint) and the DOCX (python-docx) all render.

The structure follows the Model DPIA Rijksdienst (parts A-D, 17 points; see
docs/trust.md for the source). Kwartier fills in what it knows from the apps'
declarations (core/processing.py), the settings that enforce retention and security, the
organisation's own details and the measured de-identification figures; each point says
what the organisation must still answer itself.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kwartier.accounts.models import Organisation, Role
from kwartier.core.processing import Processing
from kwartier.trust import selectors
from kwartier.trust.models import OrganisationDetails

MODEL_URL = "https://www.dpia.nu/dpia-publicaties/model-dpia-rijksdienst"


@dataclass
class Section:
    number: int
    title: str
    known: list[str] = field(default_factory=list)
    table: list[list[str]] = field(default_factory=list)  # first row: the header
    questions: list[str] = field(default_factory=list)


@dataclass
class Part:
    letter: str
    title: str
    sections: list[Section]


@dataclass
class Dpia:
    organisation: Organisation
    details: OrganisationDetails | None
    parts: list[Part]
    register: list[list[str]]
    generated_at: Any
    model_url: str = MODEL_URL


# What each role sees: a summary of the role matrix (tests/core/test_role_matrix.py).
ROLE_ACCESS: dict[str, str] = {
    Role.ORGANISATION_ADMIN: (
        "Leden, teams, uitnodigingen en het auditlog; resultaten van de verkenning; plannen; "
        "gedeelde verhalen. Geen originele verhalen."
    ),
    Role.KWARTIERMAKER: (
        "Leden en teams; verkenningen maken en resultaten zien; plannen maken; verhalen "
        "opnemen namens iemand; gedeelde verhalen."
    ),
    Role.EXPERIENCE_WORKER: (
        "Eigen verhalen (origineel en gedeeld), wie ze las, gedeelde verhalen van anderen; "
        "plannen lezen."
    ),
    Role.EMPLOYEE: "Gedeelde verhalen en plannen lezen.",
    Role.BOARD_MEMBER: (
        "Resultaten van de verkenning; plannen lezen en vaststellen; gedeelde verhalen."
    ),
    Role.FINANCIER: (
        "Vastgestelde plannen van organisaties in het netwerk en openbare verhalen. Niets anders."
    ),
}


def _str(value: object) -> str:
    return str(value) if value else ""


def _kind_table(items: list[Processing], *columns: tuple[str, str]) -> list[list[str]]:
    header = [_("Soort gegevens")] + [label for label, _attr in columns]
    rows = [header]
    for item in items:
        row = [str(item.name)]
        for _label, attr in columns:
            value = item.retention() if attr == "retention" else getattr(item, attr)
            row.append(_str(value) or "–")
        rows.append(row)
    return rows


def _percent(value: float) -> str:
    return f"{value * 100:.1f}".replace(".", ",") + " %"


def _deid_lines() -> list[str]:
    figures = selectors.deid_figures()
    lines = []
    for data in figures["sets"].values():
        engine = data["engine"]
        lines.append(
            _(
                "%(set)s: %(recall)s van %(n)s herkenbare gegevens gevonden (recall), "
                "%(precision)s van wat werd weggelaten was terecht (precisie). Deduce "
                "alleen: %(base)s recall."
            )
            % {
                "set": data["label"],
                "recall": _percent(engine["recall"]),
                "n": engine["identifiers"],
                "precision": _percent(engine["precision"]),
                "base": _percent(data["deduce_alone"]["recall"]),
            }
        )
    lines.append(
        _("Bron: %(source)s, gemeten op %(date)s (versie %(commit)s). Telling: %(scorer)s.")
        % {
            "source": figures["source"],
            "date": figures["measured_on"],
            "commit": figures["commit"],
            "scorer": figures["scorer"],
        }
    )
    return lines


def _storage_lines(organisation: Organisation) -> list[str]:
    engine = settings.DATABASES["default"]["ENGINE"]
    database = (
        "PostgreSQL" if "postgresql" in engine else "SQLite" if "sqlite" in engine else engine
    )
    return [
        _("Database: %(db)s. Zoekindex: %(search)s (alleen tekst zonder namen).")
        % {"db": database, "search": settings.SEARCH_BACKEND},
        _(
            "Originele verhalen, oude versies, de weggelaten stukken en namen in "
            "toestemmingen staan versleuteld (Fernet: AES-128-CBC met HMAC-SHA256). De "
            "sleutel komt uit KWARTIER_ENCRYPTION_KEY, buiten de database."
        ),
        _(
            "Verbinding: in productie alleen HTTPS (HSTS), cookies alleen over HTTPS. "
            "Sessies eindigen na %(idle)s minuten zonder gebruik."
        )
        % {"idle": settings.SESSION_IDLE_TIMEOUT // 60},
        (
            _("Tweestapsverificatie is verplicht voor alle leden van deze organisatie.")
            if organisation.require_mfa
            else _("Tweestapsverificatie is nu niet verplicht voor de leden van deze organisatie.")
        ),
    ]


def build(organisation: Organisation) -> Dpia:
    items = selectors.processing_register()
    details = selectors.details_of(organisation)
    special = [item for item in items if item.special_categories]
    controller = (
        [
            _("Verantwoordelijke: %(name)s, %(address)s.")
            % {"name": details.controller_name, "address": " ".join(details.address.split())},
            _("Contact voor privacy: %(email)s.") % {"email": details.contact_email},
        ]
        if details
        else []
    )
    if details and details.dpo_name:
        controller.append(
            _("Functionaris gegevensbescherming: %(name)s (%(email)s).")
            % {"name": details.dpo_name, "email": details.dpo_email}
        )
    processors = details.processor_lines() if details else []
    email_host = settings.EMAIL_HOST if "smtp" in (settings.EMAIL_BACKEND or "") else ""
    rights = [[_("Recht"), _("Waar in Kwartier")]]
    for item in items:
        for route in item.rights:
            where = str(route.label)
            if route.url_name:
                where += f" ({reverse(route.url_name)})"
            rights.append([f"{route.right} – {item.name}", where])
    rights.append(
        [
            _("Inzage, correctie of bezwaar voor alle andere gegevens"),
            _("Via de contactpersoon voor privacy van de organisatie"),
        ]
    )

    part_a = Part(
        "A",
        _("Beschrijving kenmerken gegevensverwerkingen"),
        [
            Section(
                1,
                _("Voorstel"),
                known=[
                    _(
                        "%(org)s gebruikt Kwartier om ervaringsdeskundigheid in de organisatie "
                        "te brengen: een verkenning onder medewerkers en cliënten, een "
                        "kwartiermaakplan en een kennisbank met verhalen van ervaringswerkers."
                    )
                    % {"org": organisation.name}
                ],
                questions=[
                    _("Waarom gaat uw organisatie Kwartier gebruiken, en vanaf wanneer?"),
                    _("Wie is eigenaar van deze DPIA, en wie stelt hem vast?"),
                ],
            ),
            Section(
                2,
                _("Persoonsgegevens"),
                table=_kind_table(
                    items,
                    (_("Gegevens"), "data"),
                    (_("Van wie"), "subjects"),
                    (_("Bijzondere gegevens"), "special_categories"),
                ),
                questions=[_("Verwerkt u nog meer gegevens in of naast Kwartier?")],
            ),
            Section(
                3,
                _("Gegevensverwerkingen"),
                known=[
                    _(
                        "Verkenning: medewerkers en cliënten vullen een vragenlijst in via een "
                        "persoonlijke of groepslink. Antwoorden zijn niet aan een persoon "
                        "gekoppeld. Resultaten tonen alleen groepen van genoeg mensen."
                    ),
                    _(
                        "Kennisbank: een ervaringswerker schrijft een verhaal. Kwartier zoekt "
                        "herkenbare gegevens; de schrijver kijkt alles na en kiest wie het "
                        "verhaal mag lezen en waarvoor. Alleen de tekst zonder namen wordt "
                        "gedeeld."
                    ),
                    _(
                        "Intrekken: de schrijver kan een gedeeld verhaal altijd intrekken. "
                        "Dan wist Kwartier de gedeelde tekst meteen uit pagina's en zoekindex. "
                        "Verwijderen wist ook het origineel."
                    ),
                    _(
                        "Leeslog: elke keer dat iemand anders een gevoelig gegeven leest of "
                        "downloadt, komt in het leeslog (NEN 7513). De schrijver ziet zelf wie "
                        "zijn verhaal las."
                    ),
                ],
            ),
            Section(
                4,
                _("Technieken en methoden van de gegevensverwerkingen"),
                known=[
                    _(
                        "Herkenbare gegevens worden gezocht met deduce 3.0.6 en eigen regels, "
                        "zonder statistisch model en zonder gegevens naar buiten te sturen. "
                        "Wat wordt weggelaten staat in besluit 0040 van Kwartier. Gemeten "
                        "kwaliteit:"
                    ),
                    *_deid_lines(),
                    _(
                        "Er is geen profilering en geen geautomatiseerd besluit over personen "
                        "(art. 22 AVG)."
                    ),
                ],
                questions=[
                    _(
                        "Is deze kwaliteit genoeg voor uw verhalen? Wie leest mee voordat een "
                        "verhaal openbaar wordt?"
                    )
                ],
            ),
            Section(
                5,
                _("Verwerkingsdoeleinden"),
                table=_kind_table(items, (_("Doel"), "purpose")),
            ),
            Section(
                6,
                _("Betrokken partijen"),
                known=[
                    *controller,
                    *(
                        [
                            _("Verwerkers volgens de organisatie: %(list)s.")
                            % {"list": "; ".join(processors)}
                        ]
                        if processors
                        else []
                    ),
                    *(
                        [_("E-mail gaat via de mailserver %(host)s.") % {"host": email_host}]
                        if email_host
                        else []
                    ),
                ],
                table=[[_("Rol"), _("Ziet")]]
                + [[str(label), ROLE_ACCESS[value]] for value, label in Role.choices],
                questions=[
                    *(
                        []
                        if details
                        else [
                            _(
                                "Vul de gegevens van de verantwoordelijke in "
                                "(Privacy en DPIA, Gegevens)."
                            )
                        ]
                    ),
                    _("Wie host Kwartier voor u? Is er een verwerkersovereenkomst?"),
                ],
            ),
            Section(
                7,
                _("Belangen bij de gegevensverwerkingen"),
                questions=[
                    _("Welk belang heeft uw organisatie, en welk belang hebben de betrokkenen?"),
                    _("Heeft u cliënten of ervaringswerkers om hun mening gevraagd?"),
                ],
            ),
            Section(
                8,
                _("Verwerkingslocaties"),
                known=_storage_lines(organisation),
                questions=[
                    _("In welk land en bij welk bedrijf staat de server? Waar staan de back-ups?"),
                ],
            ),
            Section(
                9,
                _("Juridisch en beleidsmatig kader"),
                known=[
                    _(
                        "AVG en UAVG; NEN 7513 voor het leeslog; Besluit digitale "
                        "toegankelijkheid overheid voor de webpagina's."
                    )
                ],
                questions=[
                    _(
                        "Welke sectorwetten gelden voor u (bijvoorbeeld Wmo "
                        "2015, Jeugdwet, Participatiewet)?"
                    ),
                    _("Welk eigen beleid geldt (informatiebeveiliging, bewaarbeleid)?"),
                ],
            ),
            Section(
                10,
                _("Bewaartermijnen"),
                table=_kind_table(
                    items,
                    (_("Bewaartermijn"), "retention"),
                    (_("Ingesteld in"), "retention_setting"),
                ),
                questions=[
                    str(item.open_question)
                    for item in items
                    if item.open_question and "bewaar" in str(item.open_question).lower()
                ],
            ),
        ],
    )
    part_b = Part(
        "B",
        _("Beoordeling rechtmatigheid gegevensverwerkingen"),
        [
            Section(
                11,
                _("Rechtsgrond"),
                table=_kind_table(items, (_("Rechtsgrond"), "legal_basis")),
                questions=[
                    str(item.open_question)
                    for item in items
                    if item.open_question and "grondslag" in str(item.open_question).lower()
                ],
            ),
            Section(
                12,
                _("Bijzondere persoonsgegevens"),
                known=[
                    *(f"{item.name}: {item.special_categories}" for item in special),
                    _(
                        "Voor verhalen is uitdrukkelijke toestemming de grond (art. 9 lid 2 a "
                        "AVG). De schrijver geeft die voor de tekst die hij ziet; verandert de "
                        "tekst, dan is nieuwe toestemming nodig."
                    ),
                    _(
                        "Schulden zijn geen bijzondere gegevens in de zin van art. 9, maar wel "
                        "gevoelig. Kwartier behandelt ze op dezelfde manier."
                    ),
                ],
                questions=[
                    _(
                        "Geldt een uitzondering van art. 9 lid 2 voor "
                        "andere gegevens die u verwerkt?"
                    )
                ],
            ),
            Section(
                13,
                _("Doelbinding"),
                known=[
                    _(
                        "Bij elk verhaal kiest de schrijver de doelen (kennis delen, scholing, "
                        "signalen aan beleid) en wie het mag lezen. Kwartier laat het verhaal "
                        "alleen aan die lezers zien."
                    )
                ],
                questions=[_("Gebruikt u gegevens uit Kwartier ook voor iets anders?")],
            ),
            Section(
                14,
                _("Noodzaak en evenredigheid"),
                known=[
                    _(
                        "Minder gegevens waar het kan: antwoorden op de verkenning zijn anoniem "
                        "en zonder tijdstip; e-mailadressen worden gewist als de ronde sluit; "
                        "open antwoorden worden zonder namen bewaard."
                    )
                ],
                questions=[
                    _("Kan het doel ook met minder gegevens worden bereikt (subsidiariteit)?"),
                    _("Staat de inbreuk in verhouding tot het doel (proportionaliteit)?"),
                ],
            ),
            Section(15, _("Rechten van de betrokkenen"), table=rights),
        ],
    )
    part_c = Part(
        "C",
        _("Beschrijving en beoordeling risico's voor de betrokkenen"),
        [
            Section(
                16,
                _("Risico's"),
                table=[
                    [_("Risico"), _("Wat Kwartier doet")],
                    [
                        _("Iemand is herkenbaar in een gedeeld verhaal"),
                        _(
                            "Automatisch zoeken, daarna kijkt de schrijver "
                            "alles na; intrekken kan altijd."
                        ),
                    ],
                    [
                        _("Een collega leest een verhaal dat niet voor hem is"),
                        _("Rechten per rol en per verhaal; elke lezing staat in het leeslog."),
                    ],
                    [
                        _("Antwoorden op de verkenning zijn terug te leiden naar een persoon"),
                        _(
                            "Geen tijden, geen koppeling met de "
                            "uitnodiging, kleine groepen verborgen."
                        ),
                    ],
                    [
                        _("Een gestolen database"),
                        _("Originele verhalen versleuteld; wachtwoorden en links alleen als hash."),
                    ],
                    [
                        _("Een overgenomen account"),
                        _(
                            "Tweestapsverificatie (verplicht te stellen), beperkte "
                            "inlogpogingen, sessies die aflopen."
                        ),
                    ],
                ],
                questions=[
                    _("Hoe groot is de kans en hoe ernstig is het gevolg van elk risico voor u?"),
                    _("Zijn er risico's die hier niet staan?"),
                ],
            )
        ],
    )
    part_d = Part(
        "D",
        _("Beschrijving voorgenomen maatregelen"),
        [
            Section(
                17,
                _("Maatregelen"),
                known=[
                    _(
                        "In Kwartier: versleuteling van originelen, rechten per rol, leeslog "
                        "(%(days)s dagen bewaard), intrekken en verwijderen door de schrijver, "
                        "nakijken voor delen, kleine groepen verborgen, beveiligingsheaders "
                        "(CSP, HSTS)."
                    )
                    % {"days": settings.ACCESS_LOG_RETENTION_DAYS}
                ],
                questions=[
                    _(
                        "Welke maatregelen neemt uw organisatie zelf (training, "
                        "verwerkersovereenkomst, meldprocedure datalekken)?"
                    ),
                    _("Wie controleert of de maatregelen werken, en wanneer?"),
                ],
            )
        ],
    )
    register = [
        [_("Soort gegevens"), _("Doel"), _("Van wie"), _("Rechtsgrond"), _("Bewaartermijn")]
    ] + [
        [str(i.name), str(i.purpose), str(i.subjects), str(i.legal_basis), str(i.retention())]
        for i in items
    ]
    return Dpia(
        organisation=organisation,
        details=details,
        parts=[part_a, part_b, part_c, part_d],
        register=register,
        generated_at=timezone.now(),
    )


def render_pdf(dpia: Dpia, *, request: HttpRequest) -> bytes:
    """The DPIA starter as PDF, from the same template part as the web page."""
    from weasyprint import CSS, HTML
    from weasyprint.urls import URLFetcher

    html = render_to_string("trust/dpia_print.html", {"dpia": dpia}, request=request)
    found = [finders.find(name) for name in ("planning/print.css", "trust/print.css")]
    stylesheets = [CSS(filename=path) for path in found if isinstance(path, str)]
    document = HTML(string=html, url_fetcher=URLFetcher(allowed_protocols={"data"}))
    return bytes(document.write_pdf(stylesheets=stylesheets))


def render_docx(dpia: Dpia) -> bytes:
    """The DPIA starter as an editable Word document (python-docx)."""
    from docx import Document
    from docx.enum.text import WD_COLOR_INDEX

    doc = Document()
    doc.core_properties.title = _("DPIA-startdocument %(org)s") % {"org": dpia.organisation.name}
    doc.core_properties.language = "nl-NL"
    doc.add_heading(doc.core_properties.title, level=0)
    doc.add_paragraph(
        _(
            "Gemaakt door Kwartier op %(date)s. Opbouw volgens het Model DPIA Rijksdienst "
            "(%(url)s). Wat Kwartier weet, is ingevuld. Wat uw organisatie zelf moet "
            "beantwoorden, staat geel gemarkeerd onder 'Zelf invullen'."
        )
        % {"date": timezone.localdate(dpia.generated_at).isoformat(), "url": dpia.model_url}
    )

    def table(rows: list[list[str]]) -> None:
        grid = doc.add_table(rows=len(rows), cols=len(rows[0]))
        grid.style = "Table Grid"
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                cell = grid.cell(r, c)
                cell.text = value
                if r == 0:
                    for run in cell.paragraphs[0].runs:
                        run.bold = True

    for part in dpia.parts:
        doc.add_heading(f"{part.letter}. {part.title}", level=1)
        for section in part.sections:
            doc.add_heading(f"{section.number}. {section.title}", level=2)
            for line in section.known:
                doc.add_paragraph(line)
            if section.table:
                table(section.table)
            for question in section.questions:
                paragraph = doc.add_paragraph()
                label = paragraph.add_run(_("Zelf invullen: "))
                label.bold = True
                label.font.highlight_color = WD_COLOR_INDEX.YELLOW
                paragraph.add_run(question).font.highlight_color = WD_COLOR_INDEX.YELLOW
                doc.add_paragraph(_("Antwoord: …"))
    doc.add_heading(_("Bijlage: verwerkingsregister (art. 30 AVG)"), level=1)
    table(dpia.register)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
