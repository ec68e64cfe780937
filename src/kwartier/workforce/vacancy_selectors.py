"""Reads of vacancies (the vacancies part of Inzet): tenant-scoped, and the visibility
rule of a vacancy in one place (:func:`vacancy_visible_q`).

A vacancy is seen by everyone when it is public, published and not expired; a vacancy of
scope ``network`` also by the signed-in members of the organisations that share a
regional network with its organisation; of scope ``organisation`` by the members of its
own organisation only. Drafts and closed vacancies are seen only on the organisation's
own pages.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db.models import Prefetch, Q, QuerySet

from kwartier.accounts.models import Organisation
from kwartier.accounts.tenancy import network_ids_of, reading_organisation_ids
from kwartier.workforce import matching
from kwartier.workforce.models import (
    PLACEMENT_ASK_AFTER,
    Application,
    ConfirmationStatus,
    HoursKind,
    MatchingConsent,
    Position,
    Profile,
    SavedSearch,
    Vacancy,
    VacancyScope,
    VacancyState,
)

if TYPE_CHECKING:
    from kwartier.accounts.models import User


@dataclass(frozen=True)
class VacancyFilters:
    """The filters of the public list and of a saved search (empty: any)."""

    role: str = ""
    kind: str = ""
    domain: str = ""  # slug
    region: str = ""

    @property
    def is_empty(self) -> bool:
        return not (self.role or self.kind or self.domain or self.region)


def _open_q(today: date) -> Q:
    return Q(state=VacancyState.PUBLISHED) & (
        Q(valid_through__isnull=True) | Q(valid_through__gte=today)
    )


def organisation_ids_sharing_network(organisation_ids: frozenset[int]) -> frozenset[int]:
    networks = network_ids_of(organisation_ids)
    if not networks:
        return frozenset()
    return frozenset(
        Organisation.objects.filter(networks__in=networks).values_list("pk", flat=True)
    )


def vacancy_visible_q(*, user: User | Any, today: date) -> Q:
    """The vacancies `user` (possibly anonymous) may see on the public pages."""
    visible = Q(scope=VacancyScope.PUBLIC)
    own = reading_organisation_ids(user=user)
    if own:
        visible |= Q(scope=VacancyScope.ORGANISATION, organisation_id__in=own)
        in_network = own | organisation_ids_sharing_network(own)
        visible |= Q(scope=VacancyScope.NETWORK, organisation_id__in=in_network)
    return _open_q(today) & visible


def _with_relations(queryset: QuerySet[Vacancy]) -> QuerySet[Vacancy]:
    return queryset.select_related("organisation", "team", "support_group").prefetch_related(
        "domains"
    )


def _filtered(queryset: QuerySet[Vacancy], filters: VacancyFilters) -> QuerySet[Vacancy]:
    if filters.role:
        queryset = queryset.filter(role=filters.role)
    if filters.kind:
        queryset = queryset.filter(kind=filters.kind)
    if filters.domain:
        queryset = queryset.filter(domains__slug=filters.domain)
    if filters.region:
        queryset = queryset.filter(
            Q(region__icontains=filters.region) | Q(place__icontains=filters.region)
        )
    return queryset.distinct()


def public_vacancy_list(
    *, user: User | Any, today: date, filters: VacancyFilters | None = None
) -> QuerySet[Vacancy]:
    """Vacancies on /vacatures/ for this visitor, newest first."""
    queryset = Vacancy.objects.filter(vacancy_visible_q(user=user, today=today))
    return _with_relations(_filtered(queryset, filters or VacancyFilters())).order_by(
        "-published_at", "-id"
    )


def feed_vacancy_list(*, today: date, limit: int = 50) -> list[Vacancy]:
    """The public vacancies only, for the Atom feed."""
    queryset = Vacancy.objects.filter(_open_q(today), scope=VacancyScope.PUBLIC)
    return list(_with_relations(queryset).order_by("-published_at", "-id")[:limit])


def visible_vacancy_get(*, user: User | Any, public_id: Any, today: date) -> Vacancy:
    """A vacancy this visitor may see (Vacancy.DoesNotExist otherwise)."""
    return _with_relations(Vacancy.objects.filter(vacancy_visible_q(user=user, today=today))).get(
        public_id=public_id
    )


def vacancy_list(*, organisation: Organisation) -> QuerySet[Vacancy]:
    """The organisation's own vacancies, every state."""
    return _with_relations(Vacancy.objects.filter(organisation=organisation)).order_by(
        "state", "-published_at", "-created_at", "-id"
    )


def vacancy_get(*, organisation: Organisation, vacancy_id: int) -> Vacancy:
    return _with_relations(Vacancy.objects.filter(organisation=organisation)).get(pk=vacancy_id)


def application_list(*, vacancy: Vacancy) -> QuerySet[Application]:
    return Application.objects.filter(
        vacancy=vacancy, organisation_id=vacancy.organisation_id
    ).select_related("profile")


def saved_search_list(*, user: User) -> QuerySet[SavedSearch]:
    return SavedSearch.objects.filter(user=user).select_related("domain")


def saved_search_get(*, user: User, search_id: int) -> SavedSearch:
    return SavedSearch.objects.select_related("domain").get(user=user, pk=search_id)


def saved_search_filters(search: SavedSearch) -> VacancyFilters:
    return VacancyFilters(
        role=search.role,
        kind=search.kind,
        domain=search.domain.slug if search.domain else "",
        region=search.region,
    )


def saved_search_new_vacancies(*, search: SavedSearch, today: date) -> list[Vacancy]:
    """Vacancies the search's owner may see, that fit it and were not sent to it yet."""
    queryset = public_vacancy_list(
        user=search.user, today=today, filters=saved_search_filters(search)
    ).exclude(pk__in=search.alerts.values("vacancy_id"))
    return list(queryset)


def saved_searches_for_vacancy(*, vacancy: Vacancy, today: date) -> list[SavedSearch]:
    """The saved searches whose owner may see `vacancy` and whose filters it fits."""
    found = []
    domains = {domain.slug for domain in vacancy.domains.all()}
    for search in SavedSearch.objects.select_related("domain", "user").exclude(
        alerts__vacancy=vacancy
    ):
        if not search.user.is_active:
            continue
        filters = saved_search_filters(search)
        if filters.role and filters.role != vacancy.role:
            continue
        if filters.kind and filters.kind != vacancy.kind:
            continue
        if filters.domain and filters.domain not in domains:
            continue
        if filters.region and not any(
            filters.region.casefold() in value.casefold()
            for value in (vacancy.region, vacancy.place)
        ):
            continue
        if not Vacancy.objects.filter(
            vacancy_visible_q(user=search.user, today=today), pk=vacancy.pk
        ).exists():
            continue
        found.append(search)
    return found


def placement_followup_due(*, now: Any) -> QuerySet[Vacancy]:
    """Vacancies published four weeks ago or more whose poster was not asked yet."""
    return Vacancy.objects.filter(
        published_at__isnull=False,
        published_at__lte=now - PLACEMENT_ASK_AFTER,
        placement_asked_at__isnull=True,
        created_by__isnull=False,
    ).select_related("organisation", "created_by")


# --- matching: from models to the kernel's plain values ---------------------------------


def _network_ids_by_organisation(organisation_ids: set[int]) -> dict[int, frozenset[int]]:
    pairs = Organisation.networks.through.objects.filter(
        organisation_id__in=organisation_ids
    ).values_list("organisation_id", "network_id")
    found: dict[int, set[int]] = {org: set() for org in organisation_ids}
    for organisation_id, network_id in pairs:
        found[organisation_id].add(network_id)
    return {org: frozenset(nets) for org, nets in found.items()}


def _candidates(profiles: QuerySet[Profile], *, today: date) -> list[matching.Candidate]:
    profiles = profiles.prefetch_related(
        "domains",
        "trainings",
        Prefetch("positions", queryset=Position.objects.all()),
        "hours_entries",
    )
    listed = list(profiles)
    networks = _network_ids_by_organisation({p.organisation_id for p in listed})
    candidates = []
    for profile in listed:
        positions = list(profile.positions.all())
        practice: dict[str, Decimal] = {}
        for entry in profile.hours_entries.all():
            if (
                entry.kind == HoursKind.PRACTICE
                and entry.status == ConfirmationStatus.CONFIRMED
                and entry.role
            ):
                practice[entry.role] = practice.get(entry.role, Decimal(0)) + entry.hours
        candidates.append(
            matching.Candidate(
                profile_id=profile.pk,
                organisation_id=profile.organisation_id,
                network_ids=networks.get(profile.organisation_id, frozenset()),
                consent=profile.matching_consent,
                available_hours=profile.available_hours,
                domains=frozenset(domain.name for domain in profile.domains.all()),
                roles=frozenset(role for position in positions for role in position.roles),
                practice_hours=practice,
                trainings=frozenset(
                    training.kind
                    for training in profile.trainings.all()
                    if training.completed is not None and training.completed <= today
                ),
                region=profile.region,
                current_positions=tuple(
                    matching.CurrentPosition(
                        organisation_id=position.organisation_id,
                        team_id=position.team_id,
                        roles=frozenset(position.roles),
                    )
                    for position in positions
                    if position.starts <= today
                    and (position.ends is None or position.ends >= today)
                ),
            )
        )
    return candidates


def opening_of(
    vacancy: Vacancy, networks: dict[int, frozenset[int]] | None = None
) -> matching.Opening:
    if networks is None or vacancy.organisation_id not in networks:
        networks = _network_ids_by_organisation({vacancy.organisation_id})
    return matching.Opening(
        vacancy_id=vacancy.pk,
        organisation_id=vacancy.organisation_id,
        network_ids=networks[vacancy.organisation_id],
        scope=vacancy.scope,
        role=vacancy.role,
        hours_per_week=vacancy.hours_per_week,
        domains=frozenset(domain.name for domain in vacancy.domains.all()),
        region=vacancy.region or vacancy.place,
        team_id=vacancy.team_id,
    )


@dataclass(frozen=True)
class ProfileMatch:
    profile: Profile
    score: float
    reasons: tuple[str, ...]

    @property
    def percent(self) -> int:
        return round(self.score * 100)


def vacancy_matches(*, vacancy: Vacancy, today: date) -> list[ProfileMatch]:
    """The profiles that consented in the vacancy's scope, ranked, with reasons.

    Only consenting profiles are read: of the own organisation (consent organisation or
    network) and, unless the vacancy is for the organisation only, of organisations that
    share a network with it (consent network)."""
    own = frozenset({vacancy.organisation_id})
    reach = Q(organisation_id=vacancy.organisation_id) & ~Q(matching_consent=MatchingConsent.NONE)
    if vacancy.scope != VacancyScope.ORGANISATION:
        reach |= Q(
            organisation_id__in=organisation_ids_sharing_network(own),
            matching_consent=MatchingConsent.NETWORK,
        )
    profiles = Profile.objects.filter(reach).select_related("organisation")
    by_id = {profile.pk: profile for profile in profiles}
    ranked = matching.matches_for_opening(
        opening_of(vacancy), _candidates(profiles.filter(pk__in=list(by_id)), today=today)
    )
    return [ProfileMatch(by_id[m.profile_id], m.score, m.reasons) for m in ranked]


@dataclass(frozen=True)
class VacancyFit:
    vacancy: Vacancy
    score: float
    reasons: tuple[str, ...]

    @property
    def percent(self) -> int:
        return round(self.score * 100)


def profile_of_user(*, user: User, organisation: Organisation) -> Profile | None:
    """The experience worker's own profile in the acting organisation, if any."""
    return Profile.objects.filter(
        organisation=organisation, membership__user=user, membership__organisation=organisation
    ).first()


def vacancies_for_profile(*, profile: Profile, today: date) -> list[VacancyFit]:
    """The open vacancies that fit this worker, best first (the reverse direction).

    Only vacancies the worker's consent reaches are compared; without consent, none."""
    if profile.matching_consent == MatchingConsent.NONE:
        return []
    own = frozenset({profile.organisation_id})
    reach = Q(organisation_id=profile.organisation_id)
    if profile.matching_consent == MatchingConsent.NETWORK:
        reach |= Q(organisation_id__in=organisation_ids_sharing_network(own)) & ~Q(
            scope=VacancyScope.ORGANISATION
        )
    vacancies = list(_with_relations(Vacancy.objects.filter(_open_q(today)).filter(reach)))
    by_id = {vacancy.pk: vacancy for vacancy in vacancies}
    candidate = _candidates(Profile.objects.filter(pk=profile.pk), today=today)[0]
    networks = _network_ids_by_organisation({vacancy.organisation_id for vacancy in vacancies})
    openings = [opening_of(vacancy, networks) for vacancy in vacancies]
    return [
        VacancyFit(by_id[fit.vacancy_id], fit.score, fit.reasons)
        for fit in matching.openings_for_candidate(candidate, openings)
    ]
