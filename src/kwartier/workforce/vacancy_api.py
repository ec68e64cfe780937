"""API of the vacancies part (tenant-scoped: the caller's acting organisation).

* `GET/POST /api/workforce/vacancies/`: the organisation's vacancies; create as a draft.
* `GET/PATCH /api/workforce/vacancies/{id}/`: one vacancy; change it.
* `POST /api/workforce/vacancies/{id}/publish/`: publish, or 400 with every reason:
  `{"field": .., "detail": .., "errors": [{"field": .., "detail": ..}, ..]}`.
* `GET /api/workforce/vacancies/{id}/matches/`: the consenting profiles, best first:
  `[{"profile": id, "score": 0..1, "reasons": [..]}]`.

Other organisations' ids are 404. Creating and publishing need the right to post
vacancies; the matches need the kwartiermaker's or administrator's role (403 otherwise).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiExample, extend_schema, inline_serializer
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import BaseRouter

from kwartier.accounts.models import Domain, ExperienceRole, Organisation, Team
from kwartier.accounts.tenancy import acting_organisation
from kwartier.core.http import acting_user
from kwartier.core.services import access_read_record
from kwartier.workforce import vacancy_selectors as selectors
from kwartier.workforce import vacancy_services as services
from kwartier.workforce.models import (
    IntervisieGroup,
    PayUnit,
    Vacancy,
    VacancyKind,
    VacancyScope,
)


def _organisation(user: Any) -> Organisation | None:
    return acting_organisation(user=user)


class VacancySerializer(serializers.ModelSerializer):
    kind = serializers.ChoiceField(
        choices=VacancyKind.choices, help_text="paid | volunteer | assignment"
    )
    role = serializers.ChoiceField(
        choices=ExperienceRole.choices, help_text="hoopverschaffer | bruggenbouwer | gids"
    )
    scope = serializers.ChoiceField(
        choices=VacancyScope.choices, required=False, help_text="organisation | network | public"
    )
    domains = serializers.SlugRelatedField(
        slug_field="slug",
        many=True,
        required=False,
        queryset=Domain.objects.filter(is_active=True),
        help_text="Slugs of the shared domain list.",
    )
    pay_unit = serializers.ChoiceField(
        choices=[("", ""), *PayUnit.choices], required=False, allow_blank=True
    )
    support_plan = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=500,
        help_text="The support: an intervisie group or a coach (free text).",
    )
    support_group = serializers.PrimaryKeyRelatedField(
        queryset=IntervisieGroup.objects.all(), required=False, allow_null=True
    )
    hours_per_week = serializers.DecimalField(
        max_digits=5,
        decimal_places=2,
        min_value=Decimal("0.5"),
        max_value=Decimal(80),
        coerce_to_string=False,
    )
    public_url = serializers.SerializerMethodField()

    class Meta:
        model = Vacancy
        fields = [
            "id",
            "public_id",
            "title",
            "description",
            "kind",
            "role",
            "domains",
            "team",
            "hours_per_week",
            "place",
            "region",
            "pay_min",
            "pay_max",
            "pay_unit",
            "pay_scale",
            "allowance_per_hour",
            "allowance_per_month",
            "pay_note",
            "support_group",
            "support_plan",
            "scope",
            "valid_through",
            "state",
            "published_at",
            "placement_answer",
            "public_url",
        ]
        read_only_fields = ["id", "public_id", "state", "published_at", "placement_answer"]

    def get_fields(self) -> dict[str, Any]:
        """Team and intervisie group choices of the caller's organisation (and network)
        only, so another organisation's ids are unknown, not refused."""
        fields = super().get_fields()
        request = self.context.get("request")
        organisation = _organisation(request.user) if request is not None else None
        # Any: the stubs type RelatedField.queryset as a class-level manager.
        team: Any = fields["team"]
        group: Any = fields["support_group"]
        if organisation is None:
            team.queryset = Team.objects.none()
            group.queryset = IntervisieGroup.objects.none()
        else:
            team.queryset = Team.objects.filter(organisation=organisation)
            group.queryset = IntervisieGroup.objects.filter(
                Q(organisation=organisation) | Q(network__in=organisation.networks.all())
            ).distinct()
        return fields

    def get_public_url(self, vacancy: Vacancy) -> str | None:
        from_request = self.context.get("request")
        if vacancy.state != "published" or from_request is None:
            return None
        return str(from_request.build_absolute_uri(f"/vacatures/{vacancy.public_id}/"))

    def _service_data(self, validated: dict[str, Any]) -> dict[str, Any]:
        data = dict(validated)
        for name in ("pay_unit", "support_plan", "description", "place", "region"):
            if name in data and data[name] is None:
                data[name] = ""
        return data

    def create(self, validated_data: dict[str, Any]) -> Vacancy:
        request = self.context["request"]
        organisation = _organisation(request.user)
        if organisation is None or not request.user.has_perm(
            "workforce.post_vacancies", organisation
        ):
            raise exceptions.PermissionDenied(
                _("U mag in deze organisatie geen vacatures plaatsen.")
            )
        data = self._service_data(validated_data)
        domains = data.pop("domains", [])
        try:
            return services.vacancy_create(
                organisation=organisation, created_by=acting_user(request), domains=domains, **data
            )
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.message_dict) from error

    def update(self, instance: Vacancy, validated_data: dict[str, Any]) -> Vacancy:
        data = self._service_data(validated_data)
        domains = data.pop("domains", None)
        try:
            return services.vacancy_update(vacancy=instance, domains=domains, **data)
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.message_dict) from error


class ProblemSerializer(serializers.Serializer):
    field = serializers.CharField(help_text="The field that blocks publishing.")
    detail = serializers.CharField(help_text="The reason, in Dutch.")


# `errors` cannot be a declared field (Serializer.errors), so these two are inline.
PublishRefusedSerializer = inline_serializer(
    name="VacancyPublishRefused",
    fields={
        "field": serializers.CharField(help_text="The first field that blocks publishing."),
        "detail": serializers.CharField(help_text="Its reason, in Dutch."),
        "errors": ProblemSerializer(many=True, help_text="Every reason, one per field."),
    },
)
PublishCheckSerializer = inline_serializer(
    name="VacancyPublishCheck",
    fields={
        "publishable": serializers.BooleanField(),
        "errors": ProblemSerializer(many=True),
    },
)


class MatchSerializer(serializers.Serializer):
    profile = serializers.IntegerField(help_text="Profile id.")
    score = serializers.FloatField(help_text="0..1, higher fits better.")
    reasons = serializers.ListField(child=serializers.CharField(), help_text="In Dutch.")


class VacancyViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Vacancies and assignments of the caller's organisation."""

    serializer_class = VacancySerializer
    queryset = Vacancy.objects.none()
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[Vacancy]:
        organisation = _organisation(self.request.user)
        if organisation is None:
            return Vacancy.objects.none()
        return selectors.vacancy_list(organisation=organisation).order_by("-created_at", "-id")

    def _require(self, permission: str) -> None:
        organisation = _organisation(self.request.user)
        if organisation is None or not self.request.user.has_perm(permission, organisation):
            raise exceptions.PermissionDenied(_("Dat mag u in deze organisatie niet."))

    def perform_update(self, serializer: serializers.BaseSerializer[Vacancy]) -> None:
        self._require("workforce.post_vacancies")
        serializer.save()

    @extend_schema(
        methods=["GET"],
        responses=PublishCheckSerializer,
        summary="Whether the vacancy may be published, and every reason why not",
    )
    @extend_schema(
        methods=["POST"],
        request=None,
        responses={200: VacancySerializer, 400: PublishRefusedSerializer},
        summary="Publish a vacancy (refused without pay terms or support plan)",
        examples=[
            OpenApiExample(
                "Geweigerd",
                response_only=True,
                status_codes=["400"],
                value={
                    "field": "support_plan",
                    "detail": "Beschrijf de ondersteuning: een intervisiegroep of een coach.",
                    "errors": [
                        {
                            "field": "support_plan",
                            "detail": "Beschrijf de ondersteuning: een intervisiegroep of een "
                            "coach.",
                        }
                    ],
                },
            )
        ],
    )
    @action(detail=True, methods=["get", "post"])
    def publish(self, request: Request, pk: Any = None) -> Response:
        vacancy = self.get_object()
        if request.method == "GET":
            problems = services.vacancy_publish_problems(vacancy, today=timezone.localdate())
            return Response(
                {
                    "publishable": not problems,
                    "errors": [{"field": p.field, "detail": p.detail} for p in problems],
                }
            )
        self._require("workforce.post_vacancies")
        try:
            vacancy = services.vacancy_publish(
                vacancy=vacancy, user=acting_user(request), today=timezone.localdate()
            )
        except services.PublishRefused as refused:
            errors = [{"field": p.field, "detail": p.detail} for p in refused.problems]
            return Response(
                {"field": errors[0]["field"], "detail": errors[0]["detail"], "errors": errors},
                status=status.HTTP_400_BAD_REQUEST,
            )
        return Response(self.get_serializer(vacancy).data)

    @extend_schema(
        responses=MatchSerializer(many=True),
        summary="Consenting experience workers for this vacancy, best first, with reasons",
    )
    @action(detail=True, methods=["get"], pagination_class=None)
    def matches(self, request: Request, pk: Any = None) -> Response:
        vacancy = self.get_object()
        self._require("workforce.view_matches")
        found = selectors.vacancy_matches(vacancy=vacancy, today=timezone.localdate())
        for match in found:
            if match.profile.organisation_id != vacancy.organisation_id:
                access_read_record(
                    reader=acting_user(request),
                    organisation=match.profile.organisation,
                    object_type="workforce_profile_match",
                    object_id=match.profile.pk,
                    detail=f"vacancy {vacancy.pk}",
                )
        return Response(
            [
                {"profile": match.profile.pk, "score": match.score, "reasons": list(match.reasons)}
                for match in found
            ]
        )


def register(router: BaseRouter) -> None:
    router.register("workforce/vacancies", VacancyViewSet, basename="workforce-vacancy")
