"""API of the planning app: the formation projection as a plain API view.

`POST /api/planning/projection/` takes the projection input as JSON and returns the
projection. Bad input of any kind (not JSON, wrong types, booleans for numbers, missing
levels, years outside the projection) is answered with 400 and the field plus the reason
in Dutch, never with a 500: the body is parsed here, not by DRF's parsers, so every
failure passes through one place.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.http.request import RawPostDataException
from django.urls import path
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import JSONParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import BaseRouter
from rest_framework.views import APIView

from kwartier.planning.projection import (
    ProjectionInputError,
    parse_projection_input,
    project,
    projection_to_dict,
)

# --- schema only: the view validates with the kernel's parser ------------------------------


class LevelInputSerializer(serializers.Serializer):
    fte = serializers.FloatField(min_value=0, max_value=100_000)
    attrition = serializers.FloatField(
        min_value=0, max_value=1, help_text="Vertrek per jaar, 0..1."
    )
    cost_per_fte = serializers.FloatField(min_value=0, max_value=1_000_000)


class LevelsInputSerializer(serializers.Serializer):
    hbo = LevelInputSerializer()
    mbo = LevelInputSerializer()
    ervaringswerker = LevelInputSerializer()


class ProjectionInputSerializer(serializers.Serializer):
    start_year = serializers.IntegerField(min_value=2000, max_value=2100)
    years = serializers.IntegerField(min_value=1, max_value=50)
    levels = LevelsInputSerializer()
    growth = serializers.FloatField(required=False, min_value=0, max_value=0.5)
    job_carving = serializers.FloatField(
        required=False,
        min_value=0,
        max_value=100_000,
        help_text="Hbo-fte per jaar die naar ervaringswerkers gaat.",
    )
    share = serializers.FloatField(required=False, min_value=0, max_value=1)
    targets = serializers.DictField(
        child=serializers.FloatField(min_value=0, max_value=100_000),
        required=False,
        help_text="jaar -> fte",
    )
    budget = serializers.DictField(
        child=serializers.FloatField(min_value=0, max_value=1_000_000_000),
        required=False,
        help_text="jaar -> euro",
    )


class LevelAmountsSerializer(serializers.Serializer):
    hbo = serializers.FloatField()
    mbo = serializers.FloatField()
    ervaringswerker = serializers.FloatField()


class CostSerializer(LevelAmountsSerializer):
    total = serializers.FloatField()


class YearSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    fte = LevelAmountsSerializer()
    leavers = LevelAmountsSerializer()
    openings = serializers.FloatField()
    hires_ervaringswerker = serializers.FloatField()
    cost = CostSerializer()
    budget = serializers.FloatField(allow_null=True)
    within_budget = serializers.BooleanField(allow_null=True)


class TargetResultSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    fte = serializers.FloatField()
    projected = serializers.FloatField()
    met = serializers.BooleanField()


class ProjectionSerializer(serializers.Serializer):
    years = YearSerializer(many=True)
    targets = TargetResultSerializer(many=True)
    min_share = serializers.FloatField(
        allow_null=True,
        help_text="Kleinste deel (in stappen van 0,001) dat alle doelen haalt; null als geen "
        "enkel deel dat doet.",
    )


class ProjectionErrorSerializer(serializers.Serializer):
    field = serializers.CharField(
        help_text="Pad van het veld, bijv. levels.hbo.fte; leeg voor de hele invoer."
    )
    detail = serializers.CharField(help_text="De reden, in het Nederlands.")


EXAMPLE_INPUT = {
    "start_year": 2026,
    "years": 5,
    "levels": {
        "hbo": {"fte": 30, "attrition": 0.1, "cost_per_fte": 75000},
        "mbo": {"fte": 12.5, "attrition": 0.12, "cost_per_fte": 60000},
        "ervaringswerker": {"fte": 1, "attrition": 0.15, "cost_per_fte": 58000},
    },
    "growth": 0.02,
    "job_carving": 0.5,
    "share": 0.25,
    "targets": {"2027": 4, "2030": 8},
    "budget": {"2026": 3500000},
}


def _bad_request(field: str, detail: str) -> Response:
    return Response({"field": field, "detail": detail}, status=status.HTTP_400_BAD_REQUEST)


class ProjectionView(APIView):
    """Formation projection: FTE per level, year by year, and the smallest share of the
    openings for experience workers that meets every target."""

    # Declares JSON for the schema; the body itself is read raw below, because DRF's
    # parser would answer 415 to other content types and lose the field of the error.
    parser_classes = [JSONParser]

    @extend_schema(
        operation_id="planning_projection",
        summary="Formatieprojectie doorrekenen",
        request=ProjectionInputSerializer,
        responses={200: ProjectionSerializer, 400: ProjectionErrorSerializer},
        examples=[OpenApiExample("Vijf jaar", value=EXAMPLE_INPUT, request_only=True)],
        tags=["planning"],
    )
    def post(self, request: Request) -> Response:
        try:
            body = request.body
        except RequestDataTooBig:
            return _bad_request("", "De invoer is te groot. Stuur alleen de projectie-invoer.")
        try:
            data = json.loads(body or b"")
        except (ValueError, RecursionError, RawPostDataException):
            # ValueError covers JSONDecodeError, bad UTF-8 and over-long number literals;
            # RawPostDataException a multipart form already consumed by the CSRF check.
            return _bad_request("", "De invoer is geen geldige JSON.")
        try:
            projection_input = parse_projection_input(data)
        except ProjectionInputError as error:
            return _bad_request(error.field, error.message_nl)
        return Response(projection_to_dict(project(projection_input)))


urlpatterns: list[Any] = [
    path("planning/projection/", ProjectionView.as_view(), name="planning_projection"),
]


def register(router: BaseRouter) -> None:
    """No viewsets yet: plans are read and written through the pages."""
    return None
