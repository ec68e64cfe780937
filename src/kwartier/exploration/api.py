"""API of the verkenning: rounds the user may see, their aggregated results and the PDF.

Results are the same published figures as the page, the PDF and the exports
(``selectors.round_results``): a figure that would describe fewer than five people, on
its own or subtracted from others, is ``null``; while a round is open only the last
tussenstand is shown.
"""

from __future__ import annotations

import json
from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import renderers, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import BaseRouter
from rest_framework.views import APIView

from kwartier.core.http import acting_user
from kwartier.core.models import AccessAction
from kwartier.core.services import access_read_record
from kwartier.exploration import reports, selectors, services
from kwartier.exploration.models import Round
from kwartier.exploration.scoring import results_to_dict


class RoundSerializer(serializers.ModelSerializer):
    template = serializers.CharField(source="template.key", read_only=True)
    template_version = serializers.IntegerField(source="template.version", read_only=True)
    groups = serializers.ListField(child=serializers.CharField(), read_only=True)
    respondents = serializers.IntegerField(read_only=True)

    class Meta:
        model = Round
        fields = [
            "id",
            "organisation",
            "title",
            "template",
            "template_version",
            "status",
            "deadline",
            "groups",
            "respondents",
            "created_at",
            "closed_at",
        ]
        read_only_fields = fields


class ThemeResultSerializer(serializers.Serializer):
    key = serializers.CharField()
    name = serializers.CharField()
    score = serializers.FloatField(allow_null=True, help_text="0-100; null when nobody answered")
    groups = serializers.DictField(
        child=serializers.FloatField(allow_null=True),
        help_text="Score per group; null when any statement of the theme hides the group.",
    )


class ItemResultSerializer(serializers.Serializer):
    key = serializers.CharField()
    theme = serializers.CharField()
    reversed = serializers.BooleanField()
    red_flag = serializers.BooleanField()
    counts = serializers.DictField(
        child=serializers.IntegerField(),
        allow_null=True,
        help_text='Answers "1".."5" and "dont_know"; null when the total would describe '
        "fewer than 5 people.",
    )
    groups = serializers.DictField(
        child=serializers.DictField(child=serializers.IntegerField(), allow_null=True),
        help_text="Counts per group; null for a group that is hidden for this statement "
        "(fewer than 5 respondents or opinions, or hidden so that total minus shown groups "
        "never describes fewer than 5 people).",
    )


class RedFlagSerializer(serializers.Serializer):
    key = serializers.CharField()
    theme = serializers.CharField()
    text = serializers.CharField()
    agree = serializers.IntegerField()
    answered = serializers.IntegerField()
    share = serializers.FloatField()


class RoundResultsSerializer(serializers.Serializer):
    respondents = serializers.IntegerField()
    groups = serializers.DictField(
        child=serializers.IntegerField(), help_text="Respondents per group."
    )
    themes = ThemeResultSerializer(many=True)
    items = ItemResultSerializer(many=True)
    red_flags = RedFlagSerializer(many=True)


class RoundViewSet(viewsets.ReadOnlyModelViewSet):
    """Verkenning rounds of the organisations where the user may read results."""

    serializer_class = RoundSerializer
    queryset = Round.objects.none()  # for the schema; get_queryset scopes by tenant

    def get_queryset(self) -> QuerySet[Round]:
        return selectors.round_list_visible_to(user=acting_user(self.request)).order_by(
            "-created_at"
        )

    @extend_schema(responses=RoundResultsSerializer)
    @action(detail=True, methods=["get"])
    def results(self, request: Request, pk: str | None = None) -> Response:
        round_ = self.get_object()
        services.round_publish_due(round=round_)
        access_read_record(
            reader=request.user,
            organisation=round_.organisation,
            object_type="exploration_round",
            object_id=round_.pk,
            detail="api results",
        )
        return Response(results_to_dict(selectors.round_score(round=round_, with_previous=False)))


class PDFRenderer(renderers.BaseRenderer):
    media_type = "application/pdf"
    format = "pdf"
    charset = None
    render_style = "binary"

    def render(
        self, data: Any, accepted_media_type: str | None = None, renderer_context: Any = None
    ) -> bytes:
        # Only errors reach this renderer; the PDF itself is returned as it is.
        return data if isinstance(data, bytes) else json.dumps(data).encode()


class RoundReportView(APIView):
    renderer_classes = [renderers.JSONRenderer, PDFRenderer]

    @extend_schema(
        operation_id="exploration_rounds_report_pdf",
        responses={
            (200, "application/pdf"): OpenApiResponse(
                response=OpenApiTypes.BINARY, description="The round's report as a PDF."
            )
        },
    )
    def get(self, request: Request, round_id: int) -> HttpResponse:
        round_ = (
            selectors.round_list_visible_to(user=acting_user(request)).filter(pk=round_id).first()
        )
        if round_ is None:
            raise Http404
        services.round_publish_due(round=round_)
        pdf = reports.report_pdf(round=round_)
        access_read_record(
            reader=request.user,
            action=AccessAction.EXPORT,
            organisation=round_.organisation,
            object_type="exploration_round",
            object_id=round_.pk,
            detail="api pdf",
        )
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="verkenning-{round_.pk}.pdf"'
        return response


urlpatterns = [
    path(
        "exploration/rounds/<int:round_id>/report.pdf",
        RoundReportView.as_view(),
        name="exploration-round-report",
    ),
]


def register(router: BaseRouter) -> None:
    router.register("exploration/rounds", RoundViewSet, basename="exploration-round")
