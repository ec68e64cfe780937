"""The re-identification risk check, applied to stories (decision 0105).

Builds the quasi-identifiers of a story and of the shared stories its audience already
sees, and hands them to the pure kernel `kwartier.knowledge.risk`. Nothing of a story's
text is used here: only facts about it (domains, life phase, organisation, place and
region, year, a small team), the facts a reader could combine with what they know.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from kwartier.accounts.models import Membership, Organisation
from kwartier.accounts.tenancy import network_ids_of
from kwartier.knowledge.models import SHAREABLE_VISIBILITIES, Experience, State, Visibility
from kwartier.knowledge.risk import DEFAULT_THRESHOLD, Assessment, Record, assess, ladder

#: A team with fewer members than this is "small": saying you are in it narrows you down.
SMALL_TEAM = 6


def _period(year: int) -> str:
    start = year - year % 5
    return f"{start}-{start + 4}"


def _small_team_ids(organisation_ids: Iterable[int]) -> set[tuple[int, int]]:
    """(organisation_id, user_id) of members whose team is small."""
    teams = (
        Membership.objects.filter(organisation_id__in=list(organisation_ids), team__isnull=False)
        .values("team_id")
        .annotate(n=Count("user_id", distinct=True))
        .filter(n__lt=SMALL_TEAM)
        .values_list("team_id", flat=True)
    )
    return set(
        Membership.objects.filter(team_id__in=list(teams)).values_list("organisation_id", "user_id")
    )


def _region(organisation: Organisation, names: dict[int, str]) -> str:
    return names.get(organisation.pk, "")


def _network_names(organisation_ids: Iterable[int]) -> dict[int, str]:
    pairs = Organisation.networks.through.objects.filter(
        organisation_id__in=list(organisation_ids)
    ).values_list("organisation_id", "network__name")
    names: dict[int, list[str]] = {}
    for organisation_id, name in pairs:
        names.setdefault(organisation_id, []).append(name)
    return {pk: " / ".join(sorted(v)) for pk, v in names.items()}


def _records(experiences: list[Experience]) -> list[Record]:
    organisation_ids = {e.organisation_id for e in experiences}
    networks = _network_names(organisation_ids)
    small = _small_team_ids(organisation_ids)
    records: list[Record] = []
    for e in experiences:
        when = e.published_at or e.created_at
        domains = ", ".join(sorted(d.name for d in e.domains.all()))
        records.append(
            {
                "domain": ladder(domains),
                "life_phase": ladder(e.life_phase or ""),
                "organisation": ladder(e.organisation.name),
                "region": ladder(e.organisation.city, _region(e.organisation, networks)),
                "year": ladder(str(when.year), _period(when.year)) if when else ladder(),
                "team": ladder("klein team" if (e.organisation_id, e.author_id) in small else ""),
            }
        )
    return records


def _audience(experience: Experience, visibility: str) -> QuerySet[Experience]:
    """Shared stories that every reader of `experience` at `visibility` also sees."""
    shared = (
        Q(shared_at__isnull=False)
        & ~Q(state=State.WITHDRAWN)
        & Q(visibility__in=list(SHAREABLE_VISIBILITIES))
    )
    public = Q(visibility=Visibility.PUBLIC)
    if visibility == Visibility.PUBLIC:
        reach = public
    else:
        in_network = Organisation.objects.filter(
            networks__in=list(network_ids_of([experience.organisation_id]))
        ).values("pk")
        network = Q(visibility=Visibility.NETWORK, organisation_id__in=in_network)
        if visibility == Visibility.NETWORK:
            reach = public | network
        else:
            reach = public | network | Q(organisation_id=experience.organisation_id)
    return (
        Experience.objects.filter(shared & reach)
        .exclude(pk=experience.pk)
        .select_related("organisation")
        .prefetch_related("domains")
    )


def experience_risk(
    *, experience: Experience, visibility: str, threshold: int = DEFAULT_THRESHOLD
) -> Assessment:
    """The risk of sharing `experience` with `visibility`'s audience."""
    others = list(_audience(experience, visibility))
    records = _records([experience, *others])
    return assess(records[0], records[1:], threshold=threshold)


@dataclass(frozen=True)
class ReachRisk:
    visibility: str
    label: str
    assessment: Assessment


def experience_risk_by_reach(
    *, experience: Experience, visibilities: Iterable[str]
) -> list[ReachRisk]:
    labels = dict(Visibility.choices)
    return [
        ReachRisk(
            str(v), str(labels[Visibility(v)]), experience_risk(experience=experience, visibility=v)
        )
        for v in visibilities
    ]


def stories_risk(
    *, experience_ids: Iterable[int], visibility: str, threshold: int = DEFAULT_THRESHOLD
) -> dict[int, Assessment]:
    """Risk of each story when shown (as evidence of an insight) to `visibility`'s audience
    of that story. Stories that no longer exist are left out."""
    result: dict[int, Assessment] = {}
    for experience in (
        Experience.objects.filter(pk__in=list(experience_ids))
        .select_related("organisation")
        .prefetch_related("domains")
    ):
        result[experience.pk] = experience_risk(
            experience=experience, visibility=visibility, threshold=threshold
        )
    return result
