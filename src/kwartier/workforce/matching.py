"""Matching experience workers and vacancies: a plain-Python kernel (no Django).

Both directions use one comparison, :func:`compare`:

* :func:`matches_for_opening`: for a vacancy, the candidates that may be proposed,
  best first, each with its reasons in Dutch;
* :func:`openings_for_candidate`: for a worker, the vacancies that fit, best first.

Hard filters (a candidate that fails one is never listed):

1. consent and scope: ``none`` is never matched; ``organisation`` only with vacancies of
   the worker's own organisation; ``network`` also with those of organisations that share
   a regional network. A vacancy of scope ``organisation`` is only offered to its own
   organisation's workers, whatever their consent;
2. available hours per week at least the vacancy's hours;
3. not already in that position: a current position in the vacancy's organisation in
   the vacancy's role (and team, when the vacancy names one).

The score (0..1) is a weighted sum of four parts, each in 0..1: domain overlap (the
share of the vacancy's domains the worker has experience of), role experience (a
position in the role, and practice hours in it), training (the highest completed
experience-work training) and region. Every part is non-decreasing in what the worker
brings, so adding a matching domain, a training or practice hours never lowers a score.
Ties are broken by id, so the order is deterministic.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

CONSENT_NONE = "none"
CONSENT_ORGANISATION = "organisation"
CONSENT_NETWORK = "network"

SCOPE_ORGANISATION = "organisation"
SCOPE_NETWORK = "network"
SCOPE_PUBLIC = "public"

WEIGHT_DOMAINS = 0.40
WEIGHT_ROLE = 0.30
WEIGHT_TRAINING = 0.15
WEIGHT_REGION = 0.15

# Practice hours in a role at which the practice part of role experience is full.
FULL_PRACTICE_HOURS = Decimal(400)
# Role experience: a position in the role counts for this part, practice hours the rest.
ROLE_POSITION_PART = 0.6

# Completed training kind -> training part. Unknown kinds count as "other".
TRAINING_PARTS: Mapping[str, float] = {
    "hbo_ed": 1.0,
    "ed_mbo4": 0.9,
    "ed_mbo3": 0.75,
    "other": 0.4,
}
TRAINING_LABELS: Mapping[str, str] = {
    "hbo_ed": "hbo-opleiding ervaringsdeskundigheid",
    "ed_mbo4": "mbo-4 ervaringsdeskundige",
    "ed_mbo3": "mbo-3 ervaringsdeskundige",
    "other": "een andere opleiding",
}
ROLE_LABELS: Mapping[str, str] = {
    "hoopverschaffer": "hoopverschaffer / rolmodel",
    "bruggenbouwer": "bruggenbouwer",
    "gids": "gids naar collectieve ervaringskennis",
}


@dataclass(frozen=True)
class CurrentPosition:
    """A position the worker holds now: where, in which team (if any) and roles."""

    organisation_id: int
    team_id: int | None
    roles: frozenset[str]


@dataclass(frozen=True)
class Candidate:
    """An experience worker as the matcher sees them (built from a Profile)."""

    profile_id: int
    organisation_id: int
    network_ids: frozenset[int]
    consent: str
    available_hours: Decimal
    domains: frozenset[str] = frozenset()
    roles: frozenset[str] = frozenset()  # roles of any position, past or present
    practice_hours: Mapping[str, Decimal] = field(default_factory=dict)  # role -> hours
    trainings: frozenset[str] = frozenset()  # kinds of completed trainings
    region: str = ""
    current_positions: tuple[CurrentPosition, ...] = ()

    def __hash__(self) -> int:
        return hash(self.profile_id)


@dataclass(frozen=True)
class Opening:
    """A vacancy as the matcher sees it (built from a Vacancy)."""

    vacancy_id: int
    organisation_id: int
    network_ids: frozenset[int]
    scope: str
    role: str
    hours_per_week: Decimal
    domains: frozenset[str] = frozenset()
    region: str = ""
    team_id: int | None = None


@dataclass(frozen=True)
class Match:
    """A candidate for a vacancy: score 0..1 and the reasons, in Dutch."""

    profile_id: int
    score: float
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Fit:
    """A vacancy for a worker: score 0..1 and the reasons, in Dutch."""

    vacancy_id: int
    score: float
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Comparison:
    allowed: bool
    score: float
    reasons: tuple[str, ...]


def _hours(value: Decimal) -> str:
    text = f"{value.normalize():f}" if value == value.to_integral() else f"{value:.1f}"
    return text.replace(".", ",")


def _same_region(worker: str, wanted: str) -> bool:
    """Equal, or one is a part of the other ("Hofstad-Noord" lies in "Hofstad")."""
    a, b = worker.strip().casefold(), wanted.strip().casefold()
    if not a or not b:
        return False
    return a == b or a.startswith((b + "-", b + " ")) or b.startswith((a + "-", a + " "))


def within_scope(candidate: Candidate, opening: Opening) -> bool:
    """Hard filter 1: the worker's consent and the vacancy's scope both allow it."""
    if candidate.consent not in (CONSENT_ORGANISATION, CONSENT_NETWORK):
        return False
    if candidate.organisation_id == opening.organisation_id:
        return True
    if opening.scope == SCOPE_ORGANISATION or candidate.consent != CONSENT_NETWORK:
        return False
    return bool(candidate.network_ids & opening.network_ids)


def already_in_position(candidate: Candidate, opening: Opening) -> bool:
    """Hard filter 3: the worker already holds this position in the organisation."""
    return any(
        position.organisation_id == opening.organisation_id
        and opening.role in position.roles
        and (opening.team_id is None or position.team_id == opening.team_id)
        for position in candidate.current_positions
    )


def _domain_part(candidate: Candidate, opening: Opening) -> tuple[float, str]:
    if not opening.domains:
        return 1.0, ""
    shared = sorted(candidate.domains & opening.domains)
    part = len(shared) / len(opening.domains)
    if shared:
        reason = (
            f"Ervaring in {len(shared)} van de {len(opening.domains)} gevraagde domeinen: "
            f"{', '.join(shared)}."
        )
    else:
        reason = "Geen ervaring in de gevraagde domeinen bekend."
    return part, reason


def _role_part(candidate: Candidate, opening: Opening) -> tuple[float, str]:
    label = ROLE_LABELS.get(opening.role, opening.role)
    hours = max(Decimal(0), candidate.practice_hours.get(opening.role, Decimal(0)))
    practice = float(min(Decimal(1), hours / FULL_PRACTICE_HOURS))
    held = opening.role in candidate.roles
    part = (ROLE_POSITION_PART if held else 0.0) + (1 - ROLE_POSITION_PART) * practice
    if held and hours:
        reason = f"Werkt of werkte als {label}, met {_hours(hours)} praktijkuren in die rol."
    elif held:
        reason = f"Werkt of werkte als {label}."
    elif hours:
        reason = f"{_hours(hours)} praktijkuren als {label}."
    else:
        reason = f"Nog geen ervaring als {label} bekend."
    return min(1.0, part), reason


def _training_part(candidate: Candidate) -> tuple[float, str]:
    if not candidate.trainings:
        return 0.0, "Geen afgeronde opleiding ervaringsdeskundigheid bekend."
    best = max(candidate.trainings, key=lambda kind: (TRAINING_PARTS.get(kind, 0.4), kind))
    label = TRAINING_LABELS.get(best, TRAINING_LABELS["other"])
    return TRAINING_PARTS.get(best, TRAINING_PARTS["other"]), f"Afgeronde {label}."


def _region_part(candidate: Candidate, opening: Opening) -> tuple[float, str]:
    if not opening.region.strip():
        return 1.0, ""
    if _same_region(candidate.region, opening.region):
        return 1.0, f"Woont of werkt in de regio {opening.region.strip()}."
    if not candidate.region.strip():
        return 0.0, "Regio van de ervaringswerker onbekend."
    return 0.0, f"Andere regio ({candidate.region.strip()}) dan gevraagd."


def compare(candidate: Candidate, opening: Opening) -> Comparison:
    """Whether the pair passes the hard filters, the score and the reasons (in Dutch);
    reasons for what counts most come first."""
    if not within_scope(candidate, opening):
        return Comparison(False, 0.0, ("Geen toestemming voor matching binnen dit bereik.",))
    if candidate.available_hours < opening.hours_per_week:
        return Comparison(
            False,
            0.0,
            (
                f"Beschikbaar {_hours(candidate.available_hours)} uur per week, gevraagd "
                f"{_hours(opening.hours_per_week)}.",
            ),
        )
    if already_in_position(candidate, opening):
        return Comparison(False, 0.0, ("Heeft deze functie al in de organisatie.",))
    domain, domain_reason = _domain_part(candidate, opening)
    role, role_reason = _role_part(candidate, opening)
    training, training_reason = _training_part(candidate)
    region, region_reason = _region_part(candidate, opening)
    score = (
        WEIGHT_DOMAINS * domain
        + WEIGHT_ROLE * role
        + WEIGHT_TRAINING * training
        + WEIGHT_REGION * region
    )
    score = round(min(1.0, max(0.0, score)), 4)
    reasons = [domain_reason, role_reason, training_reason, region_reason]
    reasons.append(
        f"Beschikbaar {_hours(candidate.available_hours)} uur per week "
        f"(gevraagd {_hours(opening.hours_per_week)})."
    )
    return Comparison(True, score, tuple(reason for reason in reasons if reason))


def matches_for_opening(opening: Opening, candidates: Iterable[Candidate]) -> list[Match]:
    """The candidates that pass the hard filters, best first; ties by profile id."""
    found = []
    for candidate in candidates:
        result = compare(candidate, opening)
        if result.allowed:
            found.append(Match(candidate.profile_id, result.score, result.reasons))
    return sorted(found, key=lambda match: (-match.score, match.profile_id))


def openings_for_candidate(candidate: Candidate, openings: Iterable[Opening]) -> list[Fit]:
    """The vacancies that fit the worker, best first; ties by vacancy id."""
    found = []
    for opening in openings:
        result = compare(candidate, opening)
        if result.allowed:
            found.append(Fit(opening.vacancy_id, result.score, result.reasons))
    return sorted(found, key=lambda fit: (-fit.score, fit.vacancy_id))
