"""API for organisations, teams and memberships: read-only lists of what the user's
own organisations hold; teams can be created and changed by those who manage them."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from rest_framework import mixins, permissions, serializers, viewsets
from rest_framework.request import Request
from rest_framework.routers import BaseRouter

from kwartier.accounts import selectors, services
from kwartier.accounts.models import Membership, Organisation, Team
from kwartier.core.http import acting_user


class OrganisationSerializer(serializers.ModelSerializer):
    networks: serializers.Field = serializers.SlugRelatedField(
        slug_field="slug", many=True, read_only=True
    )

    class Meta:
        model = Organisation
        fields = ["id", "name", "slug", "city", "description", "networks"]
        read_only_fields = fields


class TeamSerializer(serializers.ModelSerializer):
    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.none())

    class Meta:
        model = Team
        fields = ["id", "organisation", "name", "layer", "description"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None and request.user.is_authenticated:
            # Mass-assignment protection: a team can only be placed in an organisation
            # the user manages.
            # Any: the stubs type RelatedField.queryset as a class-level manager.
            organisation: Any = self.fields["organisation"]
            organisation.queryset = Organisation.objects.filter(
                memberships__user=request.user,
                memberships__role__in=selectors.MANAGING_ROLES,
            )

    def create(self, validated_data: dict[str, Any]) -> Team:
        return services.team_create(**validated_data)

    def update(self, instance: Team, validated_data: dict[str, Any]) -> Team:
        if validated_data.get("organisation", instance.organisation) != instance.organisation:
            raise serializers.ValidationError(
                {"organisation": _("Een team kan niet naar een andere organisatie verhuizen.")}
            )
        return services.team_update(
            team=instance,
            name=validated_data.get("name", instance.name),
            layer=validated_data.get("layer", instance.layer),
            description=validated_data.get("description", instance.description),
        )


class MembershipSerializer(serializers.ModelSerializer):
    email = serializers.EmailField(source="user.email", read_only=True)
    name = serializers.CharField(source="user.full_name", read_only=True)

    class Meta:
        model = Membership
        fields = ["id", "organisation", "email", "name", "role", "team"]
        read_only_fields = fields


class OrganisationViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = OrganisationSerializer
    queryset = Organisation.objects.none()  # for the schema; get_queryset scopes by tenant

    def get_queryset(self) -> QuerySet[Organisation]:
        return selectors.organisation_list_for_user(
            user=acting_user(self.request)
        ).prefetch_related("networks")


class CanManageTeam(permissions.BasePermission):
    message = "U mag de teams van deze organisatie niet beheren."

    def has_object_permission(self, request: Request, view: Any, obj: Team) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        return request.user.has_perm("accounts.manage_teams", obj.organisation)


class TeamViewSet(
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.ReadOnlyModelViewSet,
):
    serializer_class = TeamSerializer
    queryset = Team.objects.none()
    permission_classes = [permissions.IsAuthenticated, CanManageTeam]

    def get_queryset(self) -> QuerySet[Team]:
        return selectors.team_list_for_user(user=acting_user(self.request)).order_by(
            "organisation", "name"
        )


class MembershipViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = MembershipSerializer
    queryset = Membership.objects.none()

    def get_queryset(self) -> QuerySet[Membership]:
        return selectors.membership_list_visible_to(user=acting_user(self.request)).order_by("id")


def register(router: BaseRouter) -> None:
    router.register("organisations", OrganisationViewSet, basename="organisation")
    router.register("teams", TeamViewSet, basename="team")
    router.register("memberships", MembershipViewSet, basename="membership")
