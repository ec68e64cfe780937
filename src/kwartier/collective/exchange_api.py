"""API for exchange (decision 0106): `GET knowledge/codebooks/{id}/export/{format}/`
(qdc, codes.csv, codes.json, insights.csv, insights.json) and `POST
knowledge/codebooks/{id}/import/` (multipart `file`, a `.qdc`; coders only; 400 with
`field` and `detail` in Dutch). Same visibility as the pages; exports are logged."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import BaseRouter
from rest_framework.views import APIView

from kwartier.accounts.tenancy import acting_organisation
from kwartier.collective import exchange, selectors
from kwartier.collective.models import Codebook
from kwartier.collective.rules import CODING_ROLES, can_code, can_view
from kwartier.core.http import acting_user


def _codebook(user: Any, codebook_id: int, *, write: bool) -> tuple[Any, Codebook]:
    if write:
        organisation = acting_organisation(user=user, roles=CODING_ROLES)
        if organisation is None or not can_code(user, organisation):
            raise exceptions.PermissionDenied(
                _("Alleen ervaringswerkers en kwartiermakers lezen een codeboek in.")
            )
    else:
        organisation = acting_organisation(user=user)
        if organisation is None or not can_view(user, organisation):
            raise exceptions.PermissionDenied(_("U hebt geen toegang tot wij-kennis."))
    try:
        return organisation, selectors.codebook_get(
            organisation=organisation, codebook_id=codebook_id
        )
    except Codebook.DoesNotExist as error:
        raise Http404 from error


class ImportResultSerializer(serializers.Serializer):
    created = serializers.IntegerField()
    skipped = serializers.IntegerField()


class ImportSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="A REFI-QDA codebook (.qdc), at most 2 MB.")


class CodebookExportView(APIView):
    @extend_schema(
        responses={(200, "application/octet-stream"): OpenApiTypes.BINARY},
        summary="Export a codebook: qdc, codes.csv, codes.json, insights.csv, insights.json",
    )
    def get(self, request: Request, codebook_id: int, fmt: str) -> HttpResponse:
        user = acting_user(request)
        organisation, codebook = _codebook(user, codebook_id, write=False)
        if fmt not in exchange.FORMATS:
            raise Http404
        content, content_type, name = exchange.export_bytes(
            user=user, organisation=organisation, codebook=codebook, fmt=fmt
        )
        response = HttpResponse(content, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


class CodebookImportView(APIView):
    parser_classes = [MultiPartParser]

    @extend_schema(
        request={"multipart/form-data": ImportSerializer},
        responses={201: ImportResultSerializer},
        summary="Import a REFI-QDA codebook (.qdc) into this codebook",
    )
    def post(self, request: Request, codebook_id: int) -> Response:
        user = acting_user(request)
        _organisation, codebook = _codebook(user, codebook_id, write=True)
        upload = request.FILES.get("file")
        if upload is None:
            return Response(
                {"field": "file", "detail": _("Kies een .qdc-bestand.")},
                status=status.HTTP_400_BAD_REQUEST,
            )
        if upload.size is not None and upload.size > exchange.MAX_UPLOAD:
            return Response(
                {"field": "file", "detail": _("Het bestand is te groot (meer dan 2 MB).")},
                status=status.HTTP_400_BAD_REQUEST,
            )
        try:
            result = exchange.codebook_import(codebook=codebook, by=user, data=upload.read())
        except ValidationError as error:
            return Response(
                {"field": "file", "detail": " ".join(error.messages)},
                status=status.HTTP_400_BAD_REQUEST,
            )
        return Response(
            {"created": result.created, "skipped": result.skipped}, status=status.HTTP_201_CREATED
        )


urlpatterns = [
    path(
        "knowledge/codebooks/<int:codebook_id>/export/<str:fmt>/",
        CodebookExportView.as_view(),
        name="knowledge-codebook-export",
    ),
    path(
        "knowledge/codebooks/<int:codebook_id>/import/",
        CodebookImportView.as_view(),
        name="knowledge-codebook-import",
    ),
]


def register(router: BaseRouter) -> None:
    """Plain views only (see `urlpatterns`)."""
