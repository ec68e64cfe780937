"""API of wij-kennis (routes under /api/knowledge/…, tenant-scoped like the pages).

* `knowledge/codebooks/`: codebooks of the caller's organisation and networks, with their
  codes (`GET/POST …/{id}/codes/`) and the agreement per code (`…/{id}/agreement/`).
* `knowledge/codings/`: coded fragments of shared stories the caller may read; create by
  `start`/`end` or by `quote`; delete your own.
* `knowledge/insights/`: insights with their evidence and tellers count; `…/evidence/`,
  `…/review/`, `…/publish/` (400 with `field` and `detail` when the publish rule fails).
* `knowledge/ask/?q=`: ask the bank.

Another organisation's ids answer 404. Only experience experts (ervaringswerker,
kwartiermaker) write; a financier reads nothing here.
"""

from __future__ import annotations

from typing import Any, cast

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db.models import QuerySet
from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import BaseRouter
from rest_framework.views import APIView

from kwartier.accounts.models import Network, Organisation
from kwartier.accounts.tenancy import acting_organisation
from kwartier.collective import reads, selectors, services
from kwartier.collective.ask import ask as ask_bank
from kwartier.collective.models import Code, Codebook, Coding, Evidence, Insight, Stance
from kwartier.collective.rules import CODING_ROLES, can_code, can_view
from kwartier.core.http import acting_user
from kwartier.knowledge import public as knowledge


def _reading(user: Any) -> Organisation | None:
    organisation = acting_organisation(user=user)
    return organisation if organisation is not None and can_view(user, organisation) else None


def _writing(user: Any) -> Organisation:
    organisation = acting_organisation(user=user, roles=CODING_ROLES)
    if organisation is None or not can_code(user, organisation):
        raise exceptions.PermissionDenied(
            _("Alleen ervaringswerkers en kwartiermakers coderen en schrijven inzichten.")
        )
    return organisation


def _bad_request(field: str, detail: str) -> Response:
    return Response({"field": field, "detail": detail}, status=status.HTTP_400_BAD_REQUEST)


def _validation_response(error: ValidationError) -> Response:
    if hasattr(error, "error_dict"):
        field, errors = next(iter(error.error_dict.items()))
        return _bad_request(field, " ".join(e.messages[0] for e in errors))
    return _bad_request("", " ".join(error.messages))


class CollectiveErrorSerializer(serializers.Serializer):
    field = serializers.CharField(help_text="Het veld waar het om gaat; leeg voor het geheel.")
    detail = serializers.CharField(help_text="De reden, in het Nederlands.")


# --- codebooks ------------------------------------------------------------------------------


class CodeSerializer(serializers.ModelSerializer):
    parent_id = serializers.IntegerField(required=False, allow_null=True)
    active = serializers.BooleanField(source="is_active", read_only=True)

    class Meta:
        model = Code
        fields = [
            "id",
            "uuid",
            "name",
            "definition",
            "example",
            "colour",
            "parent",
            "parent_id",
            "retired_at",
            "merged_into",
            "active",
        ]
        read_only_fields = ["id", "uuid", "parent", "retired_at", "merged_into", "active"]


class CodebookSerializer(serializers.ModelSerializer):
    scope = serializers.ChoiceField(
        choices=["organisation", "network"], write_only=True, default="network"
    )
    codes = CodeSerializer(many=True, read_only=True)

    class Meta:
        model = Codebook
        fields = [
            "id",
            "uuid",
            "name",
            "description",
            "organisation",
            "network",
            "min_fragments",
            "min_tellers",
            "scope",
            "codes",
            "created_at",
        ]
        read_only_fields = ["id", "uuid", "organisation", "network", "codes", "created_at"]


class AgreementSerializer(serializers.Serializer):
    code = serializers.IntegerField(source="code.pk")
    name = serializers.CharField(source="code.name")
    units = serializers.IntegerField(source="result.units")
    coders = serializers.IntegerField(source="result.coders")
    kappa = serializers.FloatField(source="result.kappa", allow_null=True)
    alpha = serializers.FloatField(source="result.alpha", allow_null=True)
    observed = serializers.FloatField(source="result.observed", allow_null=True)


class CodebookViewSet(viewsets.ModelViewSet):
    """Codebooks (of the caller's organisation or network) with their codes."""

    serializer_class = CodebookSerializer
    queryset = Codebook.objects.none()
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[Codebook]:
        organisation = _reading(self.request.user)
        if organisation is None:
            return Codebook.objects.none()
        return selectors.codebook_list(organisation=organisation).prefetch_related("codes")

    def perform_create(self, serializer: serializers.BaseSerializer) -> None:
        user = acting_user(self.request)
        organisation = _writing(user)
        data = dict(serializer.validated_data)
        scope = data.pop("scope", "network")
        network = Network.objects.filter(organisations=organisation).order_by("name").first()
        if scope == "network" and network is None:
            raise serializers.ValidationError(
                {"scope": _("Uw organisatie hoort niet bij een regionaal netwerk.")}
            )
        serializer.instance = services.codebook_create(
            by=user,
            organisation=organisation if scope == "organisation" else None,
            network=network if scope == "network" else None,
            **data,
        )

    def perform_update(self, serializer: serializers.BaseSerializer) -> None:
        _writing(acting_user(self.request))
        serializer.validated_data.pop("scope", None)
        serializer.save()

    @extend_schema(
        request=CodeSerializer,
        responses={
            200: CodeSerializer(many=True),
            201: CodeSerializer,
            400: CollectiveErrorSerializer,
        },
    )
    @action(detail=True, methods=["get", "post"])
    def codes(self, request: Request, pk: str | None = None) -> Response:
        codebook = self.get_object()
        if request.method == "GET":
            return Response(CodeSerializer(codebook.codes.order_by("name", "pk"), many=True).data)
        _writing(acting_user(request))
        serializer = CodeSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        parent = None
        if data.pop("parent_id", None):
            parent = codebook.codes.filter(pk=serializer.validated_data["parent_id"]).first()
            if parent is None:
                return _bad_request("parent_id", _("Kies een code uit hetzelfde codeboek."))
        try:
            code = services.code_create(
                codebook=codebook, by=acting_user(request), parent=parent, **data
            )
        except ValidationError as error:
            return _validation_response(error)
        return Response(CodeSerializer(code).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses={200: AgreementSerializer(many=True)})
    @action(detail=True, methods=["get"])
    def agreement(self, request: Request, pk: str | None = None) -> Response:
        codebook = self.get_object()
        organisation = _reading(request.user)
        if organisation is None or not can_code(request.user, organisation):
            raise exceptions.NotFound
        report = selectors.agreement_report(
            user=request.user, organisation=organisation, codebook=codebook
        )
        return Response(AgreementSerializer(report.rows, many=True).data)


# --- codings --------------------------------------------------------------------------------


class CodingSerializer(serializers.ModelSerializer):
    code = serializers.PrimaryKeyRelatedField(queryset=Code.objects.none())
    start = serializers.IntegerField(required=False, min_value=0)
    end = serializers.IntegerField(required=False, min_value=0)
    quote = serializers.CharField(required=False, max_length=5000)
    coder = serializers.CharField(source="coder.full_name", read_only=True)

    class Meta:
        model = Coding
        fields = [
            "id",
            "uuid",
            "code",
            "experience_id",
            "start",
            "end",
            "quote",
            "coder",
            "status",
            "created_at",
        ]
        read_only_fields = ["id", "uuid", "coder", "status", "created_at"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        organisation = _reading(request.user) if request else None
        if organisation is not None:
            # Any: the stubs type RelatedField.queryset as a class-level manager.
            code: Any = self.fields["code"]
            code.queryset = Code.objects.filter(
                codebook__in=selectors.codebook_list(organisation=organisation)
            )


class CodingViewSet(viewsets.ModelViewSet):
    """Coded fragments of shared stories (never the original text)."""

    serializer_class = CodingSerializer
    queryset = Coding.objects.none()
    http_method_names = ["get", "post", "delete", "head", "options"]

    @extend_schema(
        parameters=[
            OpenApiParameter("codebook", OpenApiTypes.INT),
            OpenApiParameter("experience_id", OpenApiTypes.INT),
        ]
    )
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)

    def get_queryset(self) -> QuerySet[Coding]:
        organisation = _reading(self.request.user)
        if organisation is None:
            return Coding.objects.none()
        codings = selectors.coding_list(user=self.request.user, organisation=organisation)
        for param, lookup in (
            ("codebook", "code__codebook_id"),
            ("experience_id", "experience_id"),
        ):
            value = self.request.query_params.get(param)
            if value is not None:
                if not value.isdigit():
                    raise serializers.ValidationError({param: _("Geef een getal.")})
                codings = codings.filter(**{lookup: int(value)})
        return codings

    @extend_schema(responses={201: CodingSerializer, 400: CollectiveErrorSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        user = acting_user(request)
        organisation = _writing(user)
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            story = knowledge.shared_story_get(
                user=user, organisation=organisation, experience_id=data["experience_id"]
            )
        except ObjectDoesNotExist:
            return _bad_request("experience_id", _("Dit verhaal is niet (meer) met u gedeeld."))
        try:
            if data.get("start") is not None and data.get("end") is not None:
                coding = services.coding_create(
                    story=story,
                    code=data["code"],
                    coder=user,
                    organisation=organisation,
                    start=data["start"],
                    end=data["end"],
                )
            else:
                coding = services.coding_create_from_quote(
                    story=story,
                    code=data["code"],
                    coder=user,
                    organisation=organisation,
                    quote=data.get("quote", ""),
                )
        except ValidationError as error:
            return _validation_response(error)
        return Response(self.get_serializer(coding).data, status=status.HTTP_201_CREATED)

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        coding = self.get_object()
        try:
            services.coding_delete(coding=coding, by=acting_user(request))
        except ValidationError as error:
            raise exceptions.PermissionDenied(" ".join(error.messages)) from error
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- insights -------------------------------------------------------------------------------


class EvidenceSerializer(serializers.ModelSerializer):
    quote = serializers.CharField(source="coding.quote", read_only=True)
    code = serializers.CharField(source="coding.code.name", read_only=True)

    class Meta:
        model = Evidence
        fields = ["id", "coding", "stance", "quote", "code"]
        read_only_fields = ["id", "quote", "code"]
        extra_kwargs = {"coding": {"queryset": Coding.objects.none()}}


class InsightSerializer(serializers.ModelSerializer):
    evidence = serializers.SerializerMethodField()
    tellers = serializers.SerializerMethodField()
    fragments = serializers.SerializerMethodField()

    class Meta:
        model = Insight
        fields = [
            "id",
            "uuid",
            "codebook",
            "code",
            "statement",
            "status",
            "superseded_by",
            "review_note",
            "published_at",
            "created_at",
            "evidence",
            "tellers",
            "fragments",
        ]
        read_only_fields = [
            "id",
            "uuid",
            "status",
            "superseded_by",
            "review_note",
            "published_at",
            "created_at",
        ]
        extra_kwargs = {
            "codebook": {"queryset": Codebook.objects.none()},
            "code": {"queryset": Code.objects.none()},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        organisation = _reading(request.user) if request else None
        if organisation is not None:
            books = selectors.codebook_list(organisation=organisation)
            # Any: the stubs type RelatedField.queryset as a class-level manager.
            codebook: Any = self.fields["codebook"]
            code: Any = self.fields["code"]
            codebook.queryset = books
            code.queryset = Code.objects.filter(codebook__in=books)

    def get_evidence(self, insight: Insight) -> list[dict[str, Any]]:
        request = self.context["request"]
        shown = reads.evidence_shown(
            user=request.user, organisation=_reading(request.user), insight=insight
        )
        # With many=True the serializer is a ListSerializer, whose data is a list.
        evidence = cast(serializers.ListSerializer, EvidenceSerializer(shown, many=True))
        return evidence.data

    def get_tellers(self, insight: Insight) -> int:
        return selectors.insight_rule(insight).tellers

    def get_fragments(self, insight: Insight) -> int:
        return selectors.insight_rule(insight).fragments


class InsightReviewSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")


class InsightEvidenceAddSerializer(serializers.Serializer):
    coding = serializers.IntegerField(min_value=1)
    stance = serializers.ChoiceField(choices=Stance.choices, default=Stance.SUPPORTS)


class InsightSupersedeSerializer(serializers.Serializer):
    superseded_by = serializers.IntegerField(min_value=1)


class InsightViewSet(viewsets.ModelViewSet):
    """Insights with their evidence and how many tellers stand behind them."""

    serializer_class = InsightSerializer
    queryset = Insight.objects.none()
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[Insight]:
        organisation = _reading(self.request.user)
        if organisation is None:
            return Insight.objects.none()
        return selectors.insight_list(user=self.request.user, organisation=organisation)

    def perform_create(self, serializer: serializers.BaseSerializer) -> None:
        user = acting_user(self.request)
        organisation = _writing(user)
        data = serializer.validated_data
        serializer.instance = services.insight_create(
            codebook=data["codebook"],
            organisation=organisation,
            by=user,
            statement=data["statement"],
            code=data.get("code"),
        )

    def perform_update(self, serializer: serializers.BaseSerializer) -> None:
        _writing(acting_user(self.request))
        insight = cast(Insight, serializer.instance)  # an update always has its instance
        if insight.status != "draft":
            raise serializers.ValidationError(
                {"statement": _("Alleen een concept kan nog worden aangepast.")}
            )
        serializer.save()

    @extend_schema(
        request=InsightEvidenceAddSerializer,
        responses={201: EvidenceSerializer, 400: CollectiveErrorSerializer},
    )
    @action(detail=True, methods=["get", "post"])
    def evidence(self, request: Request, pk: str | None = None) -> Response:
        """GET: the evidence the caller may read; POST: add a coded fragment."""
        insight = self.get_object()
        if request.method == "GET":
            shown = reads.evidence_shown(
                user=request.user, organisation=_reading(request.user), insight=insight
            )
            return Response(EvidenceSerializer(shown, many=True).data)
        user = acting_user(request)
        organisation = _writing(user)
        params = InsightEvidenceAddSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        try:
            coding = selectors.coding_get(
                user=user, organisation=organisation, coding_id=params.validated_data["coding"]
            )
        except ObjectDoesNotExist:
            return _bad_request("coding", _("Dit fragment bestaat niet of is niet met u gedeeld."))
        try:
            evidence = services.evidence_add(
                insight=insight, coding=coding, by=user, stance=params.validated_data["stance"]
            )
        except ValidationError as error:
            return _validation_response(error)
        return Response(EvidenceSerializer(evidence).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=InsightReviewSerializer,
        responses={200: InsightSerializer, 400: CollectiveErrorSerializer},
    )
    @action(detail=True, methods=["get", "post"])
    def review(self, request: Request, pk: str | None = None) -> Response:
        """GET: the insight with its review; POST: review it (another expert than its
        author)."""
        insight = self.get_object()
        if request.method == "GET":
            return Response(self.get_serializer(insight).data)
        user = acting_user(request)
        _writing(user)
        params = InsightReviewSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        try:
            insight = services.insight_review(
                insight=insight, reviewer=user, note=params.validated_data["note"]
            )
        except ValidationError as error:
            return _validation_response(error)
        return Response(self.get_serializer(insight).data)

    @extend_schema(
        request=InsightSupersedeSerializer,
        responses={200: InsightSerializer, 400: CollectiveErrorSerializer},
    )
    @action(detail=True, methods=["get", "post"])
    def supersede(self, request: Request, pk: str | None = None) -> Response:
        """GET: the insight; POST `superseded_by`: a newer insight replaces it."""
        return _supersede_action(self, request)

    @extend_schema(request=None, responses={200: InsightSerializer, 400: CollectiveErrorSerializer})
    @action(detail=True, methods=["get", "post"])
    def publish(self, request: Request, pk: str | None = None) -> Response:
        """GET: whether the publish rule holds now (`ok`, counts, Dutch `detail`); POST:
        publish, or 400 with `field` "evidence" and the reason."""
        insight = self.get_object()
        if request.method == "GET":
            rule = selectors.insight_rule(insight)
            return Response(
                {
                    "ok": rule.ok,
                    "fragments": rule.fragments,
                    "tellers": rule.tellers,
                    "min_fragments": rule.min_fragments,
                    "min_tellers": rule.min_tellers,
                    "reviewed": rule.reviewed,
                    "detail": services.rule_message(rule),
                    # privacy hook (decision 0105): rare combinations behind the evidence.
                    "reidentification_risk": [
                        {
                            "experience_id": r.experience_id,
                            "k": r.k,
                            "threshold": r.threshold,
                            "explanation": r.explanation,
                            "advice": list(r.advice),
                        }
                        for r in knowledge.evidence_risk(
                            experience_ids={
                                e.coding.experience_id
                                for e in selectors.evidence_list(
                                    user=acting_user(request), insight=insight
                                )
                            },
                            network_wide=insight.codebook.network_id is not None,
                        )
                    ],
                }
            )
        user = acting_user(request)
        _writing(user)
        try:
            insight = services.insight_publish(insight=insight, by=user)
        except ValidationError as error:
            return _validation_response(error)
        return Response(self.get_serializer(insight).data)


def _supersede_action(view: InsightViewSet, request: Request) -> Response:
    insight = view.get_object()
    if request.method == "GET":
        return Response(view.get_serializer(insight).data)
    _writing(acting_user(request))
    params = InsightSupersedeSerializer(data=request.data)
    params.is_valid(raise_exception=True)
    newer = view.get_queryset().filter(pk=params.validated_data["superseded_by"]).first()
    if newer is None:
        return _bad_request("superseded_by", _("Dit inzicht bestaat niet of is niet zichtbaar."))
    try:
        insight = services.insight_supersede(insight=insight, by=newer)
    except ValidationError as error:
        return _validation_response(error)
    return Response(view.get_serializer(insight).data)


# --- ask ------------------------------------------------------------------------------------


class AskInsightSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="insight.pk")
    statement = serializers.CharField(source="insight.statement")
    tellers = serializers.IntegerField()
    matched_words = serializers.ListField(child=serializers.CharField())
    matched_codes = serializers.ListField(child=serializers.CharField())


class AskFragmentSerializer(serializers.Serializer):
    experience_id = serializers.IntegerField()
    story_title = serializers.CharField()
    quote = serializers.CharField()
    codes = serializers.ListField(child=serializers.CharField())
    tellers = serializers.IntegerField()
    matched_words = serializers.ListField(child=serializers.CharField())
    matched_codes = serializers.ListField(child=serializers.CharField())


class AskSerializer(serializers.Serializer):
    question = serializers.CharField()
    insights = AskInsightSerializer(many=True)
    fragments = AskFragmentSerializer(many=True)
    tellers = serializers.IntegerField(help_text="Verschillende verhalen achter de fragmenten.")


class AskView(APIView):
    """Ask the bank a question in plain Dutch: insights first, then fragments."""

    @extend_schema(
        operation_id="knowledge_ask",
        summary="Vraag het de kennisbank",
        parameters=[
            OpenApiParameter(
                "q",
                OpenApiTypes.STR,
                required=True,
                description="De vraag, in gewone woorden (max. 300 tekens).",
            )
        ],
        responses={200: AskSerializer, 400: CollectiveErrorSerializer},
        tags=["knowledge"],
    )
    def get(self, request: Request) -> Response:
        question = request.query_params.get("q", "")
        if not question.strip():
            return _bad_request("q", _("Stel een vraag."))
        if len(question) > 300:
            return _bad_request("q", _("Stel een kortere vraag (hoogstens 300 tekens)."))
        if any(0xD800 <= ord(c) <= 0xDFFF or c == "\x00" for c in question):
            return _bad_request("q", _("De vraag bevat ongeldige tekens."))
        organisation = _reading(request.user)
        if organisation is None:
            raise exceptions.PermissionDenied(_("U heeft geen toegang tot wij-kennis."))
        answer = ask_bank(user=request.user, organisation=organisation, question=question)
        return Response(AskSerializer(answer).data)


urlpatterns = [path("knowledge/ask/", AskView.as_view(), name="knowledge-ask")]


def register(router: BaseRouter) -> None:
    router.register("knowledge/codebooks", CodebookViewSet, basename="codebook")
    router.register("knowledge/codings", CodingViewSet, basename="coding")
    router.register("knowledge/insights", InsightViewSet, basename="insight")
