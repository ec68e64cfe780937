"""Volunteer-allowance and poverty-trap check (issue 9, point 8).

Pure Python over the sourced figures in ``data/allowance.toml`` (decision 0088): no
Django, so the rules are easy to read and to test. Money is :class:`~decimal.Decimal`
throughout; rounding to cents happens only where a number is shown (:func:`euro`).

The rule, from the tax authority's page: a volunteer allowance stays untaxed only while
*every* limit is kept: per hour (if an hourly allowance was agreed; the maximum depends on
whether the volunteer is 21 or older), per month and per year. If one limit is passed, the
*whole* allowance counts as income, not only the part above the limit.

A year whose figures were not found in a source is refused with :class:`YearWithoutFigures`,
never filled in from another year.

Texts are Dutch message ids with ``%(name)s`` placeholders (as in ``planning.warnings``):
:meth:`Reason.render` formats them after the caller's ``translate`` (Django's ``gettext``
in the web layer); ``str()`` gives the Dutch text.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cache
from importlib import resources
from typing import Any, Final

CENT: Final = Decimal("0.01")
ADULT_AGE: Final = 21
MAX_AGE: Final = 120
MAX_HOURS_PER_MONTH: Final = Decimal(744)  # 31 days x 24 hours
MAX_AMOUNT_PER_MONTH: Final = Decimal(1_000_000)

Translate = Callable[[str], str]
MONTHS_NL: Final = (
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
)


def gettext_noop(message: str) -> str:
    """Marks a message for translation without translating it (see the module docstring)."""
    return message


def _identity(message: str) -> str:
    return message


def euro(amount: Decimal) -> str:
    """`€ 1.234,50`: Dutch notation, rounded to cents (for display only)."""
    cents = amount.quantize(CENT)
    sign = "-" if cents < 0 else ""
    whole, _, fraction = f"{abs(cents):.2f}".partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return f"{sign}€ {'.'.join(groups)},{fraction}"


# ---------------------------------------------------------------------------------------
# Errors
# ---------------------------------------------------------------------------------------


class YearWithoutFigures(ValueError):
    """The year has no sourced figures; ``str()`` is the Dutch reason, ``render(translate)``
    the reason in the caller's language."""

    field = "year"
    message = gettext_noop(
        "Voor %(year)s zijn geen bevestigde bedragen voor de vrijwilligersvergoeding bekend. "
        "Kwartier vult die niet aan met bedragen van een ander jaar. Jaren met bedragen en "
        "bronnen: %(years)s."
    )

    def __init__(self, year: int, known: Sequence[int]) -> None:
        self.year = year
        self.known = tuple(known)
        self.params = {"year": str(year), "years": ", ".join(str(y) for y in self.known) or "–"}
        super().__init__(self.render())

    def render(self, translate: Translate = _identity) -> str:
        return translate(self.message) % self.params


class BadEntry(ValueError):
    """Input the check cannot use: ``field`` names it, ``detail`` (and ``str()``) is the
    Dutch reason, ``render(translate)`` the reason in the caller's language."""

    def __init__(self, field: str, message: str, params: Mapping[str, str] | None = None) -> None:
        self.field = field
        self.message = message
        self.params = dict(params or {})
        self.detail = self.render()
        super().__init__(self.detail)

    def render(self, translate: Translate = _identity) -> str:
        return translate(self.message) % self.params


BAD_AGE: Final = gettext_noop("De leeftijd moet een heel getal van 0 tot en met %(max)s zijn.")
BAD_YEAR: Final = gettext_noop("Het jaar moet een heel getal zijn, bijvoorbeeld 2024.")


# ---------------------------------------------------------------------------------------
# Figures
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Limits:
    """The volunteer-allowance maxima of one year, each with the page it comes from."""

    year: int
    hourly_21_plus: Decimal
    hourly_under_21: Decimal
    monthly: Decimal
    yearly: Decimal
    sources: tuple[str, ...]
    # Per figure: name -> source URL (hourly_21_plus, hourly_under_21, monthly, yearly).
    source_of: Mapping[str, str] = field(default_factory=dict)
    # "belastingdienst" (read on the tax authority's pages) or "secondary" (see data file).
    authority: str = "belastingdienst"
    checked: dt.date | None = None

    def hourly_for(self, age: int) -> Decimal:
        return self.hourly_21_plus if age >= ADULT_AGE else self.hourly_under_21

    @property
    def from_tax_authority(self) -> bool:
        return self.authority == "belastingdienst"


@dataclass(frozen=True)
class Calculator:
    title: str
    url: str


@dataclass(frozen=True)
class ExemptionFigures:
    rate: Decimal
    rate_source: str
    max_months: int
    max_months_source: str
    min_age: int
    min_age_source: str
    law: str
    # year -> (amount, source, period as the source names it)
    monthly_maximum: Mapping[int, tuple[Decimal, str, str]]


@dataclass(frozen=True)
class Figures:
    volunteer: Mapping[int, Limits]
    exemption: ExemptionFigures
    calculators: tuple[Calculator, ...]


VOLUNTEER_FIELDS: Final = ("hourly_21_plus", "hourly_under_21", "monthly", "yearly")


def _decimal(raw: object, where: str) -> Decimal:
    try:
        value = Decimal(str(raw))
    except InvalidOperation as exc:
        raise ValueError(f"allowance.toml: {where} is not a number: {raw!r}") from exc
    if not value.is_finite() or value < 0:
        raise ValueError(f"allowance.toml: {where} must be a non-negative number")
    return value


def _source(raw: object, where: str) -> str:
    if not isinstance(raw, str) or not raw.startswith("https://"):
        raise ValueError(f"allowance.toml: {where} needs a source URL (https://…)")
    return raw


def parse_figures(data: Mapping[str, Any]) -> Figures:
    """Reads the data file's structure; a number without a source is an error."""
    volunteer: dict[int, Limits] = {}
    for key, entry in data.get("volunteer", {}).items():
        year = int(key)
        amounts: dict[str, Decimal] = {}
        source_of: dict[str, str] = {}
        for name in VOLUNTEER_FIELDS:
            item = entry.get(name)
            if not isinstance(item, Mapping):
                raise ValueError(f"allowance.toml: volunteer.{year}.{name} is missing")
            amounts[name] = _decimal(item.get("amount"), f"volunteer.{year}.{name}")
            source_of[name] = _source(item.get("source"), f"volunteer.{year}.{name}")
        authority = str(entry.get("authority", ""))
        if authority not in {"belastingdienst", "secondary"}:
            raise ValueError(f"allowance.toml: volunteer.{year}.authority is unknown")
        checked = entry.get("checked")
        volunteer[year] = Limits(
            year=year,
            hourly_21_plus=amounts["hourly_21_plus"],
            hourly_under_21=amounts["hourly_under_21"],
            monthly=amounts["monthly"],
            yearly=amounts["yearly"],
            sources=tuple(dict.fromkeys(source_of[name] for name in VOLUNTEER_FIELDS)),
            source_of=source_of,
            authority=authority,
            checked=checked if isinstance(checked, dt.date) else None,
        )
    ex = data["income_exemption"]
    maxima: dict[int, tuple[Decimal, str, str]] = {}
    for key, entry in ex.get("monthly_maximum", {}).items():
        where = f"income_exemption.monthly_maximum.{key}"
        maxima[int(key)] = (
            _decimal(entry.get("amount"), where),
            _source(entry.get("source"), where),
            str(entry.get("period", key)),
        )
    exemption = ExemptionFigures(
        rate=_decimal(ex["rate"]["value"], "income_exemption.rate"),
        rate_source=_source(ex["rate"]["source"], "income_exemption.rate"),
        max_months=int(ex["max_months"]["value"]),
        max_months_source=_source(ex["max_months"]["source"], "income_exemption.max_months"),
        min_age=int(ex["min_age"]["value"]),
        min_age_source=_source(ex["min_age"]["source"], "income_exemption.min_age"),
        law=_source(ex["law"], "income_exemption.law"),
        monthly_maximum=maxima,
    )
    calculators = tuple(
        Calculator(title=str(c["title"]), url=_source(c["url"], "calculators"))
        for c in data.get("calculators", [])
    )
    return Figures(volunteer=volunteer, exemption=exemption, calculators=calculators)


@cache
def figures() -> Figures:
    """The figures of the shipped data file (read once)."""
    text = (
        resources.files("kwartier.workforce")
        .joinpath("data/allowance.toml")
        .read_text(encoding="utf-8")
    )
    return parse_figures(tomllib.loads(text))


def known_years() -> tuple[int, ...]:
    return tuple(sorted(figures().volunteer))


def limits_for(year: int) -> Limits:
    """The limits of ``year``; raises :class:`YearWithoutFigures` when none were sourced."""
    found = figures().volunteer.get(year)
    if found is None:
        raise YearWithoutFigures(year, known_years())
    return found


def age_on(born: dt.date, day: dt.date) -> int:
    """Age in whole years on ``day`` (a birthday on 29 February counts from 1 March)."""
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def age_for_year(born: dt.date, year: int) -> int:
    """The age to check a year with: on 1 January, so that someone who turns 21 during the
    year is held to the lower hourly maximum (the safe side)."""
    return max(0, age_on(born, dt.date(year, 1, 1)))


# ---------------------------------------------------------------------------------------
# The check
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reason:
    """One Dutch explanation: a message id and its values (already formatted as text)."""

    code: str
    message: str
    params: Mapping[str, str] = field(default_factory=dict)

    def render(self, translate: Translate = _identity) -> str:
        return translate(self.message) % dict(self.params)

    def __str__(self) -> str:
        return self.render()


@dataclass(frozen=True)
class MonthEntry:
    month: int
    amount: Decimal
    hours: Decimal | None = None


@dataclass(frozen=True)
class MonthResult:
    month: int
    amount: Decimal
    hours: Decimal | None
    hourly_rate: Decimal | None  # exact; round with euro() or quantize(CENT) to show
    within: bool
    reasons: tuple[Reason, ...]


@dataclass(frozen=True)
class AllowanceCheck:
    year: int
    age: int
    hourly: bool
    limits: Limits
    hourly_limit: Decimal | None  # the maximum for this age when hourly, else None
    months: tuple[MonthResult, ...]
    year_total: Decimal
    year_within: bool
    within_limits: bool
    # The conclusion in plain Dutch: first the verdict, then the notes that always apply.
    summary: tuple[Reason, ...]

    @property
    def sources(self) -> tuple[str, ...]:
        return self.limits.sources


def _as_decimal(value: object, field_name: str, not_a_number: str) -> Decimal:
    if isinstance(value, bool):
        raise BadEntry(field_name, not_a_number)
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value))
    except (InvalidOperation, ValueError) as exc:
        raise BadEntry(field_name, not_a_number) from exc
    if not number.is_finite():
        raise BadEntry(field_name, not_a_number)
    return number


def _validated(year: int, age: int, months: Sequence[MonthEntry], hourly: bool) -> list[MonthEntry]:
    if isinstance(year, bool) or not isinstance(year, int):
        raise BadEntry("year", BAD_YEAR)
    if isinstance(age, bool) or not isinstance(age, int) or not 0 <= age <= MAX_AGE:
        raise BadEntry("age", BAD_AGE, {"max": str(MAX_AGE)})
    if not months:
        raise BadEntry("months", gettext_noop("Vul ten minste één maand in."))
    if len(months) > 12:
        raise BadEntry(
            "months",
            gettext_noop("Een jaar heeft twaalf maanden; vul er niet meer dan twaalf in."),
        )
    seen: set[int] = set()
    clean: list[MonthEntry] = []
    for index, entry in enumerate(months):
        where = f"months[{index}]"
        month = entry.month
        if isinstance(month, bool) or not isinstance(month, int) or not 1 <= month <= 12:
            raise BadEntry(
                f"{where}.month", gettext_noop("De maand moet een getal van 1 tot en met 12 zijn.")
            )
        if month in seen:
            raise BadEntry(
                f"{where}.month",
                gettext_noop("Maand %(month)s staat er twee keer in."),
                {"month": str(month)},
            )
        seen.add(month)
        amount = _as_decimal(
            entry.amount, f"{where}.amount", gettext_noop("Het bedrag moet een getal zijn.")
        )
        if amount < 0:
            raise BadEntry(f"{where}.amount", gettext_noop("Het bedrag kan niet negatief zijn."))
        if amount > MAX_AMOUNT_PER_MONTH:
            raise BadEntry(f"{where}.amount", gettext_noop("Het bedrag is onwaarschijnlijk hoog."))
        hours: Decimal | None = None
        if entry.hours is not None:
            hours = _as_decimal(
                entry.hours, f"{where}.hours", gettext_noop("Het aantal uren moet een getal zijn.")
            )
            if hours < 0:
                raise BadEntry(
                    f"{where}.hours", gettext_noop("Het aantal uren kan niet negatief zijn.")
                )
            if hours > MAX_HOURS_PER_MONTH:
                raise BadEntry(f"{where}.hours", gettext_noop("Een maand heeft niet zoveel uren."))
        if hourly and hours is None:
            raise BadEntry(
                f"{where}.hours",
                gettext_noop(
                    "Bij een vergoeding per uur zijn de uren nodig om het uurbedrag te toetsen."
                ),
            )
        clean.append(MonthEntry(month=month, amount=amount, hours=hours))
    return sorted(clean, key=lambda e: e.month)


def _month_result(entry: MonthEntry, limits: Limits, hourly_limit: Decimal | None) -> MonthResult:
    reasons: list[Reason] = []
    within = True
    rate: Decimal | None = None
    if entry.hours is not None and entry.hours > 0:
        rate = entry.amount / entry.hours
    if entry.amount > limits.monthly:
        within = False
        reasons.append(
            Reason(
                "monthly",
                gettext_noop(
                    "%(amount)s is meer dan het maximum van %(limit)s per maand in %(year)s."
                ),
                {
                    "amount": euro(entry.amount),
                    "limit": euro(limits.monthly),
                    "year": str(limits.year),
                },
            )
        )
    if hourly_limit is not None:
        hours = entry.hours or Decimal(0)
        if hours == 0 and entry.amount > 0:
            within = False
            reasons.append(
                Reason(
                    "hourly_no_hours",
                    gettext_noop(
                        "Er is %(amount)s vergoed zonder uren; bij een vergoeding per uur "
                        "kan dat niet binnen het uurmaximum vallen."
                    ),
                    {"amount": euro(entry.amount)},
                )
            )
        elif entry.amount > hourly_limit * hours:
            within = False
            reasons.append(
                Reason(
                    "hourly",
                    gettext_noop(
                        "%(rate)s per uur is meer dan het maximum van %(limit)s per uur "
                        "voor deze leeftijd in %(year)s."
                    ),
                    {
                        "rate": euro(entry.amount / hours),
                        "limit": euro(hourly_limit),
                        "year": str(limits.year),
                    },
                )
            )
    if within:
        reasons.append(
            Reason(
                "month_ok",
                gettext_noop("Binnen het maximum van %(limit)s per maand%(hourly)s."),
                {
                    "limit": euro(limits.monthly),
                    "hourly": (
                        f" en {euro(hourly_limit)} per uur" if hourly_limit is not None else ""
                    ),
                },
            )
        )
    return MonthResult(
        month=entry.month,
        amount=entry.amount,
        hours=entry.hours,
        hourly_rate=rate,
        within=within,
        reasons=tuple(reasons),
    )


def check(*, year: int, age: int, hourly: bool, months: Sequence[MonthEntry]) -> AllowanceCheck:
    """Checks a volunteer's allowance of one calendar year against that year's limits.

    Raises :class:`YearWithoutFigures` for a year without sourced figures and
    :class:`BadEntry` for input that cannot be checked (with the field it is about).
    """
    entries = _validated(year, age, months, hourly)
    limits = limits_for(year)
    hourly_limit = limits.hourly_for(age) if hourly else None
    results = tuple(_month_result(e, limits, hourly_limit) for e in entries)
    total = sum((e.amount for e in entries), Decimal(0))
    year_within = total <= limits.yearly
    within = year_within and all(r.within for r in results)

    summary: list[Reason] = []
    if within:
        summary.append(
            Reason(
                "within",
                gettext_noop(
                    "Binnen de grenzen van %(year)s: de vergoeding is een onbelaste "
                    "vrijwilligersvergoeding (totaal %(total)s, jaarmaximum %(yearly)s)."
                ),
                {"year": str(year), "total": euro(total), "yearly": euro(limits.yearly)},
            )
        )
    else:
        if not year_within:
            summary.append(
                Reason(
                    "yearly",
                    gettext_noop(
                        "Het totaal over %(year)s (%(total)s) is meer dan het jaarmaximum "
                        "van %(yearly)s."
                    ),
                    {"year": str(year), "total": euro(total), "yearly": euro(limits.yearly)},
                )
            )
        over = [MONTHS_NL[r.month - 1] for r in results if not r.within]
        if over:
            summary.append(
                Reason(
                    "months_over",
                    gettext_noop("Boven een maximum in: %(months)s."),
                    {"months": ", ".join(over)},
                )
            )
        summary.append(
            Reason(
                "whole_is_income",
                gettext_noop(
                    "Omdat een grens is overschreden, telt de hele vergoeding van %(total)s "
                    "als inkomen, niet alleen het deel boven het maximum. Daarover wordt "
                    "belasting betaald, en wie een uitkering heeft moet de vergoeding "
                    "melden: zij kan dan gevolgen hebben voor de uitkering."
                ),
                {"total": euro(total)},
            )
        )
    if hourly_limit is not None:
        summary.append(
            Reason(
                "hourly_note",
                gettext_noop(
                    "De Belastingdienst ziet %(limit)s per uur als niet-marktconform. Een "
                    "hoger uurbedrag kan soms toch, als de organisatie kan uitleggen dat het "
                    "niet marktconform is; dat beoordeelt deze check niet."
                ),
                {"limit": euro(hourly_limit)},
            )
        )
    summary.append(
        Reason(
            "add_up",
            gettext_noop(
                "Vergoedingen van verschillende organisaties worden bij elkaar opgeteld; "
                "deze check ziet alleen de bedragen die hier zijn ingevuld."
            ),
        )
    )
    if not limits.from_tax_authority:
        summary.append(
            Reason(
                "secondary",
                gettext_noop(
                    "De bedragen voor %(year)s komen niet van een pagina van de "
                    "Belastingdienst zelf maar van andere openbare bronnen die het eens "
                    "zijn; controleer ze bij de Belastingdienst."
                ),
                {"year": str(year)},
            )
        )
    return AllowanceCheck(
        year=year,
        age=age,
        hourly=hourly,
        limits=limits,
        hourly_limit=hourly_limit,
        months=results,
        year_total=total,
        year_within=year_within,
        within_limits=within,
        summary=tuple(summary),
    )


# ---------------------------------------------------------------------------------------
# Paid hours on top of a benefit: an indication, never advice
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Statement:
    """Something certain, with the page that says it."""

    reason: Reason
    source: str


# What this indication cannot compute. Fixed, and always shown.
CANNOT_COMPUTE: Final[tuple[Reason, ...]] = (
    Reason(
        "benefit_amount",
        gettext_noop(
            "De hoogte van uw uitkering na verrekening: die hangt af van uw leefsituatie, "
            "woonsituatie en de regels en beslissingen van uw gemeente of het UWV."
        ),
    ),
    Reason(
        "allowances",
        gettext_noop(
            "Toeslagen die veranderen als uw inkomen stijgt: huurtoeslag, zorgtoeslag, "
            "kindgebonden budget en kinderopvangtoeslag."
        ),
    ),
    Reason(
        "local_schemes",
        gettext_noop(
            "Gemeentelijke regelingen die aan een inkomensgrens hangen, zoals bijzondere "
            "bijstand, kwijtschelding van gemeentelijke belastingen en de stadspas."
        ),
    ),
    Reason(
        "tax",
        gettext_noop(
            "Loonheffing, heffingskortingen en een eventuele terugbetaling of naheffing achteraf."
        ),
    ),
    Reason(
        "timing",
        gettext_noop(
            "Het moment waarop loon, uitkering en toeslagen binnenkomen: in de eerste "
            "maanden kan er tijdelijk minder geld zijn."
        ),
    ),
    Reason(
        "other_exemptions",
        gettext_noop(
            "Andere vrijlatingen, zoals die voor alleenstaande ouders of bij een medische "
            "urenbeperking."
        ),
    ),
)


@dataclass(frozen=True)
class ExemptionIndication:
    year: int
    earned: Decimal
    applies: bool
    exempt: Decimal | None  # None: the maximum for the year is not sourced, or no exemption
    monthly_maximum: Decimal | None
    monthly_maximum_period: str
    certain: tuple[Statement, ...]
    cannot_compute: tuple[Reason, ...]
    calculators: tuple[Calculator, ...]
    disclaimer: Reason


def income_exemption_indication(
    *, year: int, age: int, earned_per_month: Decimal, months_already_exempted: int = 0
) -> ExemptionIndication:
    """What is certain about the Participatiewet income exemption for paid hours.

    An indication, never advice: it applies the sourced rule (a share of the earned
    income, up to a monthly maximum, for a limited number of months, from a minimum age)
    and lists, always, what it cannot compute, with official places that can.
    """
    if isinstance(year, bool) or not isinstance(year, int):
        raise BadEntry("year", BAD_YEAR)
    if isinstance(age, bool) or not isinstance(age, int) or not 0 <= age <= MAX_AGE:
        raise BadEntry("age", BAD_AGE, {"max": str(MAX_AGE)})
    earned = _as_decimal(
        earned_per_month,
        "earned_per_month",
        gettext_noop("Het verdiende bedrag moet een getal zijn."),
    )
    if earned < 0:
        raise BadEntry(
            "earned_per_month", gettext_noop("Het verdiende bedrag kan niet negatief zijn.")
        )
    if earned > MAX_AMOUNT_PER_MONTH:
        raise BadEntry(
            "earned_per_month", gettext_noop("Het verdiende bedrag is onwaarschijnlijk hoog.")
        )
    if (
        isinstance(months_already_exempted, bool)
        or not isinstance(months_already_exempted, int)
        or months_already_exempted < 0
    ):
        raise BadEntry(
            "months_already_exempted",
            gettext_noop("Het aantal maanden moet een heel getal van 0 of meer zijn."),
        )
    ex = figures().exemption
    maximum = ex.monthly_maximum.get(year)
    certain: list[Statement] = [
        Statement(
            Reason(
                "rule",
                gettext_noop(
                    "Wie %(age)s jaar of ouder is en bijstand (Participatiewet) krijgt, mag "
                    "%(percent)s van de inkomsten uit werk houden, tot een maximumbedrag per "
                    "maand, gedurende ten hoogste %(months)s maanden."
                ),
                {
                    "age": str(ex.min_age),
                    "percent": f"{(ex.rate * 100).normalize():f}%",
                    "months": str(ex.max_months),
                },
            ),
            ex.rate_source,
        ),
        Statement(
            Reason(
                "min_age",
                gettext_noop("Voor wie jonger is dan %(age)s jaar geldt deze vrijlating niet."),
                {"age": str(ex.min_age)},
            ),
            ex.min_age_source,
        ),
    ]
    applies = age >= ex.min_age and months_already_exempted < ex.max_months
    exempt: Decimal | None = None
    if maximum is not None:
        amount, source, period = maximum
        certain.append(
            Statement(
                Reason(
                    "maximum",
                    gettext_noop("Het maximum per maand is %(amount)s (%(period)s)."),
                    {"amount": euro(amount), "period": period},
                ),
                source,
            )
        )
    else:
        certain.append(
            Statement(
                Reason(
                    "maximum_unknown",
                    gettext_noop(
                        "Het maximumbedrag per maand voor %(year)s hebben wij niet in een bron "
                        "gevonden; het verandert elk halfjaar. Uw gemeente weet het."
                    ),
                    {"year": str(year)},
                ),
                ex.law,
            )
        )
    if applies and maximum is not None:
        exempt = min(earned * ex.rate, maximum[0])
    return ExemptionIndication(
        year=year,
        earned=earned,
        applies=applies,
        exempt=exempt,
        monthly_maximum=maximum[0] if maximum is not None else None,
        monthly_maximum_period=maximum[2] if maximum is not None else "",
        certain=tuple(certain),
        cannot_compute=CANNOT_COMPUTE,
        calculators=figures().calculators,
        disclaimer=Reason(
            "disclaimer",
            gettext_noop(
                "Dit is een indicatie, geen advies. De gemeente beslist over de vrijlating; "
                "vraag haar wat er voor u geldt voordat u een keuze maakt."
            ),
        ),
    )
