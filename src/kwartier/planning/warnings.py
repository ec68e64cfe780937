"""Warnings on a kwartiermaakplan: what is likely to make the plan stall, and what to do.

Pure Python over plain data (no Django), so every rule is easy to read and to test. The
caller gathers :class:`PlanFacts` from the database; :func:`plan_warnings` returns the
warnings in a fixed order. Texts are Dutch message ids with ``%(name)s`` placeholders:
:meth:`PlanWarning.render` formats them, after the caller's ``translate`` (Django's
``gettext`` in the web layer, nothing in tests). ``gettext_noop`` only marks the strings
for ``makemessages``.

The rules come from what the field learned: experience workers alone in a team burn out
and are not heard; without coaching and intervisie they drop out; targets must fit the
openings that attrition and growth give (nobody is dismissed); a path into middle
management keeps experience in the organisation; paid work needs a financier; and the
plan should answer the weak points the exploration found.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from threading import Lock
from typing import Final

from kwartier.planning.projection import (
    SHARE_GRID,
    ProjectionInput,
    starting_formation,
    step,
)

FRONTLINE: Final = "werkvloer"
SUPPORT_KINDS_THAT_COUNT: Final = frozenset({"coaching", "intervisie"})
COMMITTED: Final = "toegezegd"


def gettext_noop(message: str) -> str:
    """Marks a message for translation without translating it (see the module docstring)."""
    return message


@dataclass(frozen=True)
class DeploymentFact:
    team: str
    layer: str
    headcount: int


@dataclass(frozen=True)
class SupportFact:
    kind: str
    budget_per_year: float


@dataclass(frozen=True)
class WeakTheme:
    key: str
    name: str
    score: float


@dataclass(frozen=True)
class StaffingFact:
    """The organisation's real positions today (from Inzet), as counts and team names."""

    workers: int
    teams_alone: Sequence[str] = ()
    middle_management: int = 0
    without_intervisie: int = 0
    intervisie_weeks: int = 8


@dataclass(frozen=True)
class PlanFacts:
    """What the rules need to know about one plan version."""

    deployments: Sequence[DeploymentFact] = ()
    supports: Sequence[SupportFact] = ()
    career_layers: Sequence[str] = ()
    financier_commitment: str = "geen"
    targets_fte: Mapping[int, float] = field(default_factory=dict)
    # The most recent scenario's projection input, if any; its own targets are replaced
    # by the plan's targets, so fixing a target clears the warning at once.
    projection: ProjectionInput | None = None
    exploration_done: bool = False
    weak_themes: Sequence[WeakTheme] = ()
    action_theme_keys: frozenset[str] = frozenset()
    # The real positions (Inzet), when the organisation registers them; None otherwise.
    staffing: StaffingFact | None = None


@dataclass(frozen=True)
class PlanWarning:
    code: str
    title: str
    explanation: str
    action: str
    section: str  # which part of the plan to change (a URL slug of the plan pages)
    params: Mapping[str, str] = field(default_factory=dict)

    def render(self, translate: Callable[[str], str] = lambda text: text) -> RenderedWarning:
        return RenderedWarning(
            code=self.code,
            title=translate(self.title) % self.params,
            explanation=translate(self.explanation) % self.params,
            action=translate(self.action) % self.params,
            section=self.section,
        )


@dataclass(frozen=True)
class RenderedWarning:
    code: str
    title: str
    explanation: str
    action: str
    section: str


def _dutch_list(items: Iterable[str]) -> str:
    """'a', 'a en b', 'a, b en c'."""
    names = list(items)
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " en " + names[-1]


def _number(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


# --- the rules, one function each ---------------------------------------------------------


def spread_thin(facts: PlanFacts) -> PlanWarning | None:
    per_team: dict[str, int] = {}
    for deployment in facts.deployments:
        per_team[deployment.team] = per_team.get(deployment.team, 0) + deployment.headcount
    alone = sorted(team for team, count in per_team.items() if count == 1)
    if not alone:
        return None
    return PlanWarning(
        code="spread_thin",
        title=gettext_noop("Ervaringswerkers staan er alleen voor"),
        explanation=gettext_noop(
            "In %(teams)s werkt één ervaringswerker. Wie als enige ervaringsdeskundige in "
            "een team staat, moet zijn rol steeds alleen uitleggen en verdedigen, en valt "
            "vaker uit."
        ),
        action=gettext_noop(
            "Zet per team minstens twee ervaringswerkers in, of voeg teams samen zodat "
            "collega-ervaringswerkers elkaar dagelijks treffen."
        ),
        section="inzet",
        params={"teams": _dutch_list(alone)},
    )


def no_support_budget(facts: PlanFacts) -> PlanWarning | None:
    funded = any(
        support.kind in SUPPORT_KINDS_THAT_COUNT and support.budget_per_year > 0
        for support in facts.supports
    )
    if funded:
        return None
    return PlanWarning(
        code="no_support_budget",
        title=gettext_noop("Geen budget voor coaching of intervisie"),
        explanation=gettext_noop(
            "Het plan reserveert geen geld voor coaching of intervisie. Ervaringswerkers "
            "zetten hun eigen geschiedenis in; zonder begeleiding en uitwisseling met "
            "collega's houden ze dat werk minder lang vol."
        ),
        action=gettext_noop(
            "Neem onder Ondersteuning coaching of intervisie op, met een budget per jaar."
        ),
        section="ondersteuning",
    )


def targets_out_of_reach(facts: PlanFacts) -> PlanWarning | None:
    """Targets that no share of the openings reaches, with the most that can be reached.

    Uses the most recent scenario's formation. Scans the whole share grid because the
    number of experience workers is not monotone in the share (see projection.min_share).
    """
    if facts.projection is None or not facts.targets_fte:
        return None
    inp = facts.projection
    targets = {
        year: fte
        for year, fte in facts.targets_fte.items()
        if inp.start_year <= year <= inp.end_year
    }
    if not targets:
        return None
    best = highest_reachable(replace(inp, targets=targets))
    missed = sorted(year for year, fte in targets.items() if best[year] < fte - 1e-9)
    if not missed:
        return None
    details = _dutch_list(
        f"{year}: {_number(targets[year])} fte gevraagd, hoogstens {_number(best[year])} fte"
        for year in missed
    )
    return PlanWarning(
        code="targets_out_of_reach",
        title=gettext_noop("Doelen hoger dan de openingen toelaten"),
        explanation=gettext_noop(
            "Met de formatie van het laatste scenario komen vertrek, groei en job carving "
            "niet ver genoeg, ook niet als elke opening naar een ervaringswerker gaat "
            "(%(details)s). Niemand wordt ontslagen, dus meer ruimte is er niet."
        ),
        action=gettext_noop(
            "Verlaag of verschuif de doelen, of reken een scenario door met meer groei of "
            "meer job carving."
        ),
        section="doelen",
        params={"details": details},
    )


# The grid scan runs the projection SHARE_GRID + 1 times (tens of ms) on every view of a
# plan page; it is a pure function of its input, remembered per process under the input's
# repr (frozen dataclasses of numbers: equal input, equal repr), at most _REACHABLE_SIZE.
_REACHABLE_SIZE: Final = 128
_reachable: OrderedDict[str, dict[int, float]] = OrderedDict()
_reachable_lock = Lock()


def highest_reachable(inp: ProjectionInput) -> dict[int, float]:
    """Per target year, the most experience-worker FTE any share on the grid reaches."""
    key = repr(inp)
    with _reachable_lock:
        remembered = _reachable.get(key)
        if remembered is not None:
            _reachable.move_to_end(key)
            return dict(remembered)
    best = scan_highest_reachable(inp)
    with _reachable_lock:
        _reachable[key] = dict(best)
        while len(_reachable) > _REACHABLE_SIZE:
            _reachable.popitem(last=False)
    return best


def scan_highest_reachable(inp: ProjectionInput) -> dict[int, float]:
    """:func:`highest_reachable` without the memory (benchmarks: the scan itself)."""
    last = max(inp.targets)
    best = dict.fromkeys(inp.targets, 0.0)
    start = starting_formation(inp)
    fallback = start.hbo / (start.hbo + start.mbo)
    for grid_step in range(SHARE_GRID + 1):
        share = grid_step / SHARE_GRID
        formation = start
        for year in range(inp.start_year, last + 1):
            formation = step(formation, inp, share, fallback).formation
            if year in best:
                best[year] = max(best[year], formation.ervaringswerker)
    return best


def frontline_only(facts: PlanFacts) -> PlanWarning | None:
    if not facts.deployments and not facts.career_layers:
        return None
    beyond_frontline = any(d.layer != FRONTLINE for d in facts.deployments) or any(
        layer != FRONTLINE for layer in facts.career_layers
    )
    if beyond_frontline:
        return None
    return PlanWarning(
        code="frontline_only",
        title=gettext_noop("Alleen functies op de werkvloer: geen loopbaanpad"),
        explanation=gettext_noop(
            "Alle ervaringswerkers werken volgens het plan op de werkvloer. Zonder "
            "doorgroeimogelijkheid naar bijvoorbeeld het middenkader vertrekken ervaren "
            "mensen, en ontbreekt hun perspectief waar besluiten vallen."
        ),
        action=gettext_noop(
            "Beschrijf onder Loopbaanpad minstens één functie in het middenkader, bestuur "
            "of beleid waar ervaringswerkers naartoe kunnen groeien."
        ),
        section="loopbaan",
    )


def no_financier_commitment(facts: PlanFacts) -> PlanWarning | None:
    if facts.financier_commitment == COMMITTED:
        return None
    return PlanWarning(
        code="no_financier_commitment",
        title=gettext_noop("Geen toezegging van een financier"),
        explanation=gettext_noop(
            "Het plan heeft nog geen toezegging van een financier. Betaalde "
            "ervaringsdeskundigheid die uit tijdelijk of eigen geld komt, verdwijnt vaak "
            "als dat op is."
        ),
        action=gettext_noop(
            "Leg de afspraken met de gemeente of een andere financier vast onder Plan "
            "bewerken, en zet de toezegging op 'Toegezegd' zodra die er is."
        ),
        section="bewerken",
    )


def exploration_gaps(facts: PlanFacts) -> PlanWarning | None:
    if not facts.exploration_done:
        return PlanWarning(
            code="no_exploration",
            title=gettext_noop("Nog geen verkenning gedaan"),
            explanation=gettext_noop(
                "Het plan rust niet op een verkenning. Zonder te weten hoe het draagvlak, "
                "de rol en de ondersteuning er in elke laag voor staan, mikt het plan op "
                "gevoel."
            ),
            action=gettext_noop(
                "Zet een verkenning uit onder alle lagen van de organisatie en koppel de "
                "acties van het plan aan de zwakke thema's die eruit komen."
            ),
            section="acties",
        )
    open_themes = [theme for theme in facts.weak_themes if theme.key not in facts.action_theme_keys]
    if not open_themes:
        return None
    return PlanWarning(
        code="weak_themes_without_action",
        title=gettext_noop("Zwakke thema's uit de verkenning zonder actie"),
        explanation=gettext_noop(
            "De laatste verkenning wijst %(themes)s aan als zwakke punten, maar het plan "
            "heeft daar nog geen actie voor."
        ),
        action=gettext_noop(
            "Voeg onder Acties voor elk van deze thema's een actie toe met een eigenaar."
        ),
        section="acties",
        params={"themes": _dutch_list(theme.name for theme in open_themes)},
    )


def alone_in_team_now(facts: PlanFacts) -> PlanWarning | None:
    if facts.staffing is None or not facts.staffing.teams_alone:
        return None
    return PlanWarning(
        code="positions_alone",
        title=gettext_noop("Nu staat een ervaringswerker alleen in een team"),
        explanation=gettext_noop(
            "Volgens de functies in Inzet werkt in %(teams)s nu één ervaringswerker. Wie "
            "als enige ervaringsdeskundige in een team staat, moet zijn rol steeds alleen "
            "uitleggen en valt vaker uit."
        ),
        action=gettext_noop(
            "Zet in deze teams een tweede ervaringswerker in, of laat de ervaringswerker "
            "samenwerken met die van een ander team."
        ),
        section="inzet",
        params={"teams": _dutch_list(facts.staffing.teams_alone)},
    )


def no_middle_management_now(facts: PlanFacts) -> PlanWarning | None:
    staffing = facts.staffing
    if staffing is None or staffing.workers == 0 or staffing.middle_management > 0:
        return None
    return PlanWarning(
        code="positions_no_middle_management",
        title=gettext_noop("Nog niemand in het middenkader"),
        explanation=gettext_noop(
            "Van de %(workers)s ervaringswerkers met een functie in Inzet werkt niemand in "
            "het middenkader. Zonder die stap blijft hun perspectief buiten de plek waar "
            "besluiten vallen."
        ),
        action=gettext_noop(
            "Maak onder Loopbaanpad een functie in het middenkader concreet en bespreek met "
            "ervaren ervaringswerkers wie die stap wil zetten."
        ),
        section="loopbaan",
        params={"workers": str(staffing.workers)},
    )


def without_intervisie_now(facts: PlanFacts) -> PlanWarning | None:
    staffing = facts.staffing
    if staffing is None or staffing.without_intervisie == 0:
        return None
    return PlanWarning(
        code="positions_without_intervisie",
        title=gettext_noop("Ervaringswerkers zonder intervisie"),
        explanation=gettext_noop(
            "%(count)s van de %(workers)s ervaringswerkers met een functie namen de "
            "afgelopen %(weeks)s weken niet deel aan intervisie. Zonder uitwisseling met "
            "collega's houden ze het werk minder lang vol."
        ),
        action=gettext_noop(
            "Zet hen in een intervisiegroep, zo nodig samen met de organisaties in het "
            "regionale netwerk, en neem het budget op onder Ondersteuning."
        ),
        section="ondersteuning",
        params={
            "count": str(staffing.without_intervisie),
            "workers": str(staffing.workers),
            "weeks": str(staffing.intervisie_weeks),
        },
    )


RULES: Final = (
    spread_thin,
    no_support_budget,
    targets_out_of_reach,
    frontline_only,
    no_financier_commitment,
    exploration_gaps,
    alone_in_team_now,
    no_middle_management_now,
    without_intervisie_now,
)


def plan_warnings(facts: PlanFacts) -> list[PlanWarning]:
    """Every warning that applies, in the order of :data:`RULES`."""
    return [warning for rule in RULES if (warning := rule(facts)) is not None]
