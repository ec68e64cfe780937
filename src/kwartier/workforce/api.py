"""API of Inzet under /api/workforce/. Sections per part of issue 9: the vacancies and
allowance parts add their viewsets and views below their markers and in ``register``.

Profiles (``/api/workforce/profiles/``): the acting organisation's experience workers,
with the same visibility as the pages (selectors.profile_access): name and current roles
for every member; domains, training, available hours and region only with the worker's
matching consent; pay, allowance, e-mail and birth date only for the worker and the
organisation's kwartiermaker or beheerder. Only those two register new profiles.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, permissions, serializers, viewsets
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import BaseRouter

from kwartier.accounts.models import Domain, Organisation
from kwartier.accounts.tenancy import acting_organisation
from kwartier.core.http import acting_user
from kwartier.core.services import access_read_record
from kwartier.workforce import selectors, services, vacancy_api
from kwartier.workforce.models import Profile

# ===== workforce part: profiles =====

DETAIL_FIELDS = ("domains", "trainings", "available_hours", "region")
FULL_FIELDS = (
    "email",
    "employment",
    "contract_hours",
    "pay_scale",
    "hourly_wage",
    "allowance_per_hour",
    "allowance_per_month",
    "matching_consent",
    "date_of_birth",
    "has_account",
)


class ProfileSerializer(serializers.ModelSerializer):
    roles = serializers.SerializerMethodField(help_text="Rollen van de lopende functies.")
    domains: serializers.Field = serializers.SlugRelatedField(
        slug_field="slug",
        many=True,
        required=False,
        queryset=Domain.objects.filter(is_active=True),
        help_text="Slugs uit de gedeelde lijst ervaringsdomeinen.",
    )
    trainings = serializers.SerializerMethodField()
    has_account = serializers.SerializerMethodField()
    visibility = serializers.SerializerMethodField(
        help_text="full, details (met toestemming) of name (alleen naam en rol)."
    )

    class Meta:
        model = Profile
        fields = [
            "id",
            "name",
            "roles",
            "visibility",
            *DETAIL_FIELDS,
            *FULL_FIELDS,
        ]
        read_only_fields = ["id", "matching_consent"]

    def get_roles(self, obj: Profile) -> list[str]:
        today = timezone.localdate()
        return sorted({r for p in selectors.current_positions(obj, today) for r in p.roles})

    def get_trainings(self, obj: Profile) -> list[dict[str, Any]]:
        return [
            {
                "kind": t.kind,
                "name": t.name,
                "completed": t.completed.isoformat() if t.completed else None,
            }
            for t in obj.trainings.all()
        ]

    def get_has_account(self, obj: Profile) -> bool:
        return obj.membership_id is not None

    def _access(self, obj: Profile) -> str:
        organisation: Organisation = self.context["organisation"]
        return selectors.profile_access(
            organisation=organisation, user=self.context["request"].user, profile=obj
        )

    def get_visibility(self, obj: Profile) -> str:
        return self._access(obj)

    def to_representation(self, instance: Profile) -> dict[str, Any]:
        data = super().to_representation(instance)
        access = self._access(instance)
        hidden: tuple[str, ...] = ()
        if access == selectors.NAME:
            hidden = DETAIL_FIELDS + FULL_FIELDS
        elif access == selectors.DETAILS:
            hidden = FULL_FIELDS
        for name in hidden:
            data.pop(name, None)
        return data

    def create(self, validated_data: dict[str, Any]) -> Profile:
        domains = validated_data.pop("domains", [])
        fields = {k: v for k, v in validated_data.items() if k in services.PROFILE_FIELDS}
        return services.profile_create(
            organisation=self.context["organisation"],
            created_by=self.context["request"].user,
            domains=domains,
            **fields,
        )


@extend_schema_view(
    list=extend_schema(summary="Ervaringswerkers van de eigen organisatie"),
    retrieve=extend_schema(summary="Eén ervaringswerker"),
    create=extend_schema(summary="Ervaringswerker registreren (kwartiermaker, beheerder)"),
)
class ProfileViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = ProfileSerializer
    queryset = Profile.objects.none()  # for the schema; get_queryset scopes by tenant
    permission_classes = [permissions.IsAuthenticated]

    def _organisation(self) -> Organisation:
        organisation = acting_organisation(user=acting_user(self.request))
        if organisation is None:
            raise exceptions.NotFound()
        return organisation

    def get_queryset(self) -> QuerySet[Profile]:
        return (
            selectors.profile_list(organisation=self._organisation())
            .prefetch_related("trainings")
            .order_by("name", "id")
        )

    def get_serializer_context(self) -> dict[str, Any]:
        context = dict(super().get_serializer_context())
        if self.request.user.is_authenticated:
            context["organisation"] = self._organisation()
        return context

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        profile = self.get_object()
        organisation = self._organisation()
        full = selectors.profile_access(
            organisation=organisation, user=request.user, profile=profile
        )
        if full == selectors.FULL and not selectors.is_own_profile(
            user=request.user, profile=profile
        ):
            # A manager reads a worker's personal data: logged as on the page (NEN 7513).
            access_read_record(
                reader=request.user,
                organisation=organisation,
                object_type="workforce.profile",
                object_id=profile.pk,
                subject=profile.membership.user if profile.membership else None,
                detail="api",
            )
        return Response(self.get_serializer(profile).data)

    def perform_create(self, serializer: serializers.BaseSerializer[Profile]) -> None:
        if not self.request.user.has_perm(
            "workforce.manage_profiles", serializer.context["organisation"]
        ):
            raise exceptions.PermissionDenied(
                _(
                    "Alleen de kwartiermaker of de organisatiebeheerder registreert "
                    "ervaringswerkers."
                )
            )
        serializer.save()


# ===== end of the workforce part =====


def register(router: BaseRouter) -> None:
    # ===== workforce part =====
    router.register("workforce/profiles", ProfileViewSet, basename="workforce-profile")
    # ===== end of the workforce part =====
    # ===== vacancies part =====
    vacancy_api.register(router)


# ===== allowance part: POST /api/workforce/allowance-check/ (allowance_api.py) =====
from kwartier.workforce import allowance_api  # noqa: E402 - kept inside the allowance part

urlpatterns: list[Any] = [*allowance_api.urlpatterns]
# ===== end of the allowance part =====
