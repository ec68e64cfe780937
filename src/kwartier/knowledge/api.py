"""API of the knowledge bank.

* `knowledge/experiences/`: the caller's own stories (written or recorded): create, read,
  change, erase; detail actions to request de-identification, review the suggestions,
  publish with consent and withdraw. The original text only ever goes to its author or
  recorder. Author, organisation and state are never taken from input.
* `knowledge/items/`: shared stories the caller may read, de-identified text only; every
  read of a non-public story by someone other than its author is logged.
* `knowledge/search/`: full-text search with facets and pages, scoped inside the query.
  Excerpts of other people's non-public stories are logged for their authors and limited
  per reader, story and day; past the limit `snippet` is empty.

Everything is scoped by the caller's memberships; other organisations' ids are 404.

Concurrency: every story carries `version`. `PUT`/`PATCH` must send the `version` they
read; when the story was saved since, the answer is 409 with a Dutch `detail` and the
saved `current` story, and nothing changes. Publishing must send the `preview_hash` of
the preview the author saw (`GET .../publish/`); a changed text, review or reach answers
409 with the fresh preview. The same publish request twice shares once.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers, status, validators, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import BaseRouter
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from kwartier.accounts.models import Domain, Organisation
from kwartier.accounts.tenancy import acting_organisation
from kwartier.core.http import acting_user
from kwartier.knowledge import selectors, services
from kwartier.knowledge.deid import LABELS
from kwartier.knowledge.exposure import experience_risk_by_reach
from kwartier.knowledge.models import (
    ConsentPurpose,
    Experience,
    LifePhase,
    RedactionSuggestion,
    ReplacementMode,
    Visibility,
)
from kwartier.knowledge.rules import WRITING_ROLES
from kwartier.knowledge.search.base import MAX_PER_PAGE, SearchQuery


def _active_organisation(user: Any) -> Organisation | None:
    """The organisation API calls that write act for (accounts' tenancy entry point)."""
    return acting_organisation(user=user, roles=WRITING_ROLES)


def _reading_organisation(user: Any) -> Organisation | None:
    return acting_organisation(user=user)


# --- Dutch input errors ------------------------------------------------------------------------


def _no_surrogates(value: str) -> None:
    if any(0xD800 <= ord(char) <= 0xDFFF for char in value):
        raise serializers.ValidationError(
            _("De tekst bevat ongeldige tekens (losse surrogaattekens); kies andere tekens.")
        )


class DutchCharField(serializers.CharField):
    """A text field whose every error is Dutch (DRF's surrogate and type messages are
    not translated)."""

    default_error_messages = {
        **serializers.CharField.default_error_messages,
        "invalid": gettext_lazy("Geef tekst op."),
        "max_length": gettext_lazy("Hoogstens {max_length} tekens."),
        "min_length": gettext_lazy("Minstens {min_length} tekens."),
    }

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.validators = [
            v
            for v in self.validators
            if not isinstance(v, validators.ProhibitSurrogateCharactersValidator)
        ] + [_no_surrogates]


class DutchListField(serializers.ListField):
    default_error_messages = {
        **serializers.ListField.default_error_messages,
        "not_a_list": gettext_lazy("Geef een lijst op."),
        "max_length": gettext_lazy("Hoogstens {max_length} waarden."),
        "min_length": gettext_lazy("Minstens {min_length} waarden."),
    }


def _conflict(detail: str, **body: Any) -> Response:
    return Response({"detail": detail, **body}, status=status.HTTP_409_CONFLICT)


# --- the author's own stories ----------------------------------------------------------------


class ExperienceSerializer(serializers.ModelSerializer):
    title = DutchCharField(source="title_original", max_length=services.TITLE_MAX)
    text = DutchCharField(
        source="text_original", allow_blank=True, required=False, max_length=services.TEXT_MAX
    )
    domains = serializers.SlugRelatedField(
        slug_field="slug", many=True, required=False, queryset=Domain.objects.filter(is_active=True)
    )
    tags = DutchListField(
        child=DutchCharField(max_length=services.TAG_MAX),
        required=False,
        max_length=services.TAGS_MAX,
    )
    version = serializers.IntegerField(
        source="revision",
        required=False,
        min_value=0,
        max_value=2**31 - 1,
        help_text="The story's revision. Required in PUT and PATCH: send the version you "
        "read; 409 when the story was saved since.",
    )
    life_phase = serializers.ChoiceField(
        choices=[("", ""), *LifePhase.choices], required=False, allow_blank=True
    )
    is_shared = serializers.BooleanField(read_only=True)
    is_recorded = serializers.BooleanField(read_only=True)

    class Meta:
        model = Experience
        fields = [
            "id",
            "public_id",
            "organisation",
            "title",
            "text",
            "domains",
            "life_phase",
            "tags",
            "language",
            "state",
            "visibility",
            "replacement_mode",
            "version",
            "is_shared",
            "is_recorded",
            "shared_title",
            "shared_text",
            "created_at",
            "updated_at",
            "published_at",
            "withdrawn_at",
        ]
        read_only_fields = [
            "id",
            "public_id",
            "organisation",
            "state",
            "visibility",
            "replacement_mode",
            "shared_title",
            "shared_text",
            "created_at",
            "updated_at",
            "published_at",
            "withdrawn_at",
        ]

    def create(self, validated_data: dict[str, Any]) -> Experience:
        request = self.context["request"]
        organisation = _active_organisation(request.user)
        if organisation is None:
            raise exceptions.PermissionDenied(
                _("U mag in geen enkele organisatie verhalen schrijven.")
            )
        return services.experience_create(
            organisation=organisation,
            author=request.user,
            title=validated_data["title_original"],
            text=validated_data.get("text_original", ""),
            domains=validated_data.get("domains", []),
            life_phase=validated_data.get("life_phase", ""),
            tags=validated_data.get("tags", []),
            language=validated_data.get("language", "nl"),
        )

    def update(self, instance: Experience, validated_data: dict[str, Any]) -> Experience:
        if "revision" not in validated_data:
            raise serializers.ValidationError(
                {
                    "version": [
                        _(
                            "Geef de version mee die u las; zo overschrijft u nooit "
                            "ongemerkt een nieuwere tekst."
                        )
                    ]
                }
            )
        # Missing fields keep the values this request read; the service compares the
        # revision under its lock, so a copy read here can never overwrite a newer save.
        return services.experience_update(
            experience=instance,
            editor=self.context["request"].user,
            revision=validated_data["revision"],
            title=validated_data.get("title_original", instance.title_original),
            text=validated_data.get("text_original", instance.text_original),
            domains=validated_data.get("domains"),
            life_phase=validated_data.get("life_phase"),
            tags=validated_data.get("tags"),
            language=validated_data.get("language"),
        )


class SuggestionSerializer(serializers.ModelSerializer):
    class Meta:
        model = RedactionSuggestion
        fields = ["id", "field", "start", "end", "label", "original", "origin", "decision"]
        read_only_fields = fields


class DecisionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    accept = serializers.BooleanField(
        help_text="true: replace this text; false: keep it as written."
    )


DECISIONS_MAX = 1000


class ReviewSerializer(serializers.Serializer):
    decisions = DecisionSerializer(many=True, required=False, default=list)
    extra = DutchListField(
        child=DutchCharField(max_length=services.PHRASE_MAX),
        max_length=services.PHRASES_MAX,
        required=False,
        default=list,
        help_text="Exact words to leave out as well; every occurrence is replaced.",
    )
    extra_label = serializers.ChoiceField(choices=sorted(LABELS), required=False, default="PERSON")
    replacement_mode = serializers.ChoiceField(choices=ReplacementMode.choices, required=False)

    def validate_decisions(self, value: list[dict[str, Any]]) -> list[dict[str, Any]]:
        if len(value) > DECISIONS_MAX:
            raise serializers.ValidationError(
                _("Hoogstens %(max)s beslissingen tegelijk.") % {"max": DECISIONS_MAX}
            )
        return value


class ReviewStateSerializer(serializers.Serializer):
    state = serializers.CharField()
    replacement_mode = serializers.CharField()
    suggestions = SuggestionSerializer(many=True)
    preview_title = serializers.CharField()
    preview_text = serializers.CharField()


class PublishSerializer(serializers.Serializer):
    visibility = serializers.ChoiceField(
        choices=Visibility.choices,
        help_text="organisation, network or public; see allowed_visibilities in the preview.",
    )
    purposes = serializers.MultipleChoiceField(choices=ConsentPurpose.choices)
    consent = serializers.BooleanField(
        help_text="Must be true: the author consents to sharing exactly the previewed text."
    )
    preview_hash = DutchCharField(
        max_length=64,
        help_text="preview_hash of the preview the author saw (GET publish/); 409 with a "
        "fresh preview when the text, review or reach changed since.",
    )


class RiskStepSerializer(serializers.Serializer):
    attribute = serializers.CharField()
    level = serializers.IntegerField()
    k = serializers.IntegerField()
    advice = serializers.CharField()


class RiskSerializer(serializers.Serializer):
    visibility = serializers.CharField()
    k = serializers.IntegerField()
    threshold = serializers.IntegerField()
    flagged = serializers.BooleanField()
    rare_combinations = serializers.ListField(
        child=serializers.ListField(child=serializers.CharField())
    )
    plan = RiskStepSerializer(many=True)
    explanation = serializers.CharField()


class PublishPreviewSerializer(serializers.Serializer):
    state = serializers.CharField()
    title = serializers.CharField()
    text = serializers.CharField()
    tags = serializers.ListField(child=serializers.CharField())
    allowed_visibilities = serializers.ListField(child=serializers.CharField())
    preview_hash = serializers.CharField()
    reidentification_risk = RiskSerializer(
        many=True,
        help_text="Per allowed visibility: k (stories the same readers see with the same "
        "quasi-identifiers, this one included), flagged when k < threshold, and what to "
        "generalise (decision 0105). A warning: publishing is not refused.",
    )


class DeidentifyStatusSerializer(serializers.Serializer):
    state = serializers.CharField()
    job_id = serializers.UUIDField(allow_null=True)
    job_state = serializers.CharField(allow_blank=True)
    job_percent = serializers.IntegerField()


class ConsentSerializer(serializers.Serializer):
    kind = serializers.CharField()
    scope = serializers.CharField()
    purposes = serializers.ListField(child=serializers.CharField())
    text_hash = serializers.CharField()
    created_at = serializers.DateTimeField()


class WithdrawStatusSerializer(serializers.Serializer):
    state = serializers.CharField()
    withdrawn_at = serializers.DateTimeField(allow_null=True)
    consents = ConsentSerializer(many=True)


class ExperienceViewSet(viewsets.ModelViewSet):
    """The caller's own stories (written, or recorded on someone's behalf)."""

    serializer_class = ExperienceSerializer
    queryset = Experience.objects.none()

    def get_queryset(self) -> QuerySet[Experience]:
        return selectors.experience_list_own_everywhere(user=acting_user(self.request))

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        try:
            return super().update(request, *args, **kwargs)
        except services.EditConflict as error:
            current = self.get_queryset().get(pk=error.current.pk)
            return _conflict(
                " ".join(error.messages),
                current=ExperienceSerializer(current, context={"request": request}).data,
            )

    def perform_destroy(self, instance: Experience) -> None:
        services.experience_delete(experience=instance, user=acting_user(self.request))

    def _review_state(self, experience: Experience) -> dict[str, Any]:
        suggestions = selectors.suggestion_list(experience=experience)
        preview = selectors.experience_preview(experience=experience, suggestions=suggestions)
        return {
            "state": experience.state,
            "replacement_mode": experience.replacement_mode,
            "suggestions": SuggestionSerializer(suggestions, many=True).data,
            "preview_title": preview.title,
            "preview_text": preview.text,
        }

    @extend_schema(
        methods=["GET"], responses=DeidentifyStatusSerializer, summary="De-identification status"
    )
    @extend_schema(
        methods=["POST"],
        request=None,
        responses={202: DeidentifyStatusSerializer},
        summary="Find identifiers (runs as a job)",
    )
    @action(detail=True, methods=["get", "post"])
    def deidentify(self, request: Request, pk: str | None = None) -> Response:
        experience = self.get_object()
        code: int = status.HTTP_200_OK
        if request.method == "POST":
            services.experience_deidentify_request(experience=experience, user=acting_user(request))
            experience = self.get_queryset().get(pk=experience.pk)
            code = status.HTTP_202_ACCEPTED
        job = experience.deid_job
        data = {
            "state": experience.state,
            "job_id": job.pk if job else None,
            "job_state": job.state if job else "",
            "job_percent": job.percent if job else 0,
        }
        return Response(DeidentifyStatusSerializer(data).data, status=code)

    @extend_schema(methods=["GET"], responses=ReviewStateSerializer, summary="Suggestions")
    @extend_schema(
        methods=["POST"],
        request=ReviewSerializer,
        responses=ReviewStateSerializer,
        summary="Review decisions, extra text and replacement mode",
    )
    @action(detail=True, methods=["get", "post"])
    def suggestions(self, request: Request, pk: str | None = None) -> Response:
        experience = self.get_object()
        if request.method == "POST":
            review = ReviewSerializer(data=request.data)
            review.is_valid(raise_exception=True)
            services.experience_review_save(
                experience=experience,
                user=acting_user(request),
                decisions={d["id"]: d["accept"] for d in review.validated_data["decisions"]},
                extra_phrases=review.validated_data["extra"],
                extra_label=review.validated_data["extra_label"],
                mode=review.validated_data.get("replacement_mode"),
            )
            experience = self.get_queryset().get(pk=experience.pk)
        return Response(ReviewStateSerializer(self._review_state(experience)).data)

    @extend_schema(
        methods=["GET"], responses=PublishPreviewSerializer, summary="Text that would be shared"
    )
    @extend_schema(
        methods=["POST"],
        request=PublishSerializer,
        responses=ExperienceSerializer,
        summary="Publish with explicit consent",
    )
    @action(detail=True, methods=["get", "post"])
    def publish(self, request: Request, pk: str | None = None) -> Response:
        experience = self.get_object()
        if request.method == "POST":
            params = PublishSerializer(data=request.data)
            params.is_valid(raise_exception=True)
            try:
                experience = services.experience_publish(
                    experience=experience,
                    user=acting_user(request),
                    visibility=params.validated_data["visibility"],
                    purposes=sorted(params.validated_data["purposes"]),
                    consent_given=params.validated_data["consent"],
                    preview_hash=params.validated_data["preview_hash"],
                )
            except services.StalePreview as error:
                fresh = self.get_queryset().get(pk=experience.pk)
                return _conflict(" ".join(error.messages), preview=self._preview(fresh))
            return Response(ExperienceSerializer(experience, context={"request": request}).data)
        return Response(self._preview(experience))

    def _preview(self, experience: Experience) -> dict[str, Any]:
        preview = selectors.experience_share_preview(experience=experience)
        data = {
            "state": experience.state,
            "title": preview.title,
            "text": preview.text,
            "tags": list(preview.tags),
            "allowed_visibilities": services.shareable_visibilities(experience),
            "preview_hash": preview.hash,
            "reidentification_risk": [
                {
                    "visibility": reach.visibility,
                    "k": reach.assessment.k,
                    "threshold": reach.assessment.threshold,
                    "flagged": reach.assessment.flagged,
                    "rare_combinations": [list(c) for c in reach.assessment.rare_combinations],
                    "plan": reach.assessment.plan,
                    "explanation": reach.assessment.explanation,
                }
                for reach in experience_risk_by_reach(
                    experience=experience, visibilities=services.shareable_visibilities(experience)
                )
            ],
        }
        return dict(PublishPreviewSerializer(data).data)

    @extend_schema(methods=["GET"], responses=WithdrawStatusSerializer, summary="Consent trail")
    @extend_schema(
        methods=["POST"],
        request=None,
        responses=WithdrawStatusSerializer,
        summary="Withdraw: gone everywhere at once",
    )
    @action(detail=True, methods=["get", "post"])
    def withdraw(self, request: Request, pk: str | None = None) -> Response:
        experience = self.get_object()
        if request.method == "POST":
            experience = services.experience_withdraw(
                experience=experience, user=acting_user(request)
            )
        data = {
            "state": experience.state,
            "withdrawn_at": experience.withdrawn_at,
            "consents": [
                {
                    "kind": c.kind,
                    "scope": c.scope,
                    "purposes": c.purposes,
                    "text_hash": c.text_hash,
                    "created_at": c.created_at,
                }
                for c in selectors.consent_list(experience=experience)
            ],
        }
        return Response(WithdrawStatusSerializer(data).data)


# --- shared stories and search -------------------------------------------------------------------


class SharedExperienceSerializer(serializers.ModelSerializer):
    title = serializers.CharField(source="shared_title")
    text = serializers.CharField(source="shared_text")
    tags = serializers.ListField(source="shared_tags", child=serializers.CharField())
    domains: serializers.Field = serializers.SlugRelatedField(
        slug_field="slug", many=True, read_only=True
    )
    organisation_name = serializers.CharField(source="organisation.name")
    year = serializers.SerializerMethodField()

    class Meta:
        model = Experience
        fields = [
            "id",
            "public_id",
            "title",
            "text",
            "domains",
            "life_phase",
            "tags",
            "organisation",
            "organisation_name",
            "visibility",
            "year",
        ]
        read_only_fields = fields

    def get_year(self, experience: Experience) -> int | None:
        return experience.published_at.year if experience.published_at else None


class SharedExperienceListSerializer(SharedExperienceSerializer):
    """The list leaves the story text out: reading a story is opening it (and logged)."""

    class Meta(SharedExperienceSerializer.Meta):
        fields = [f for f in SharedExperienceSerializer.Meta.fields if f != "text"]
        read_only_fields = fields


class SharedExperienceViewSet(viewsets.ReadOnlyModelViewSet):
    """Shared stories the caller may read: only the approved de-identified text."""

    serializer_class = SharedExperienceSerializer
    queryset = Experience.objects.none()

    def get_queryset(self) -> QuerySet[Experience]:
        return selectors.experience_list_shared(user=self.request.user)

    def get_serializer_class(self) -> type[serializers.BaseSerializer]:
        if self.action == "list":
            return SharedExperienceListSerializer
        return SharedExperienceSerializer

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        services.experience_search_record(
            user=request.user,
            organisation=_reading_organisation(request.user),
            query_text="",
            filters="lijst",
        )
        return super().list(request, *args, **kwargs)

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        experience = self.get_object()
        services.experience_read_record(
            experience=experience,
            reader=request.user,
            organisation=_reading_organisation(request.user),
            via="api",
        )
        return Response(self.get_serializer(experience).data)


class SearchParamsSerializer(serializers.Serializer):
    q = DutchCharField(required=False, allow_blank=True, max_length=200, default="")
    domain = serializers.SlugField(required=False, max_length=80)
    life_phase = serializers.ChoiceField(choices=LifePhase.choices, required=False)
    tag = DutchCharField(required=False, max_length=40)
    organisation = serializers.IntegerField(required=False, min_value=1)
    year = serializers.IntegerField(required=False, min_value=1900, max_value=2200)
    page = serializers.IntegerField(required=False, min_value=1, max_value=10_000, default=1)
    per_page = serializers.IntegerField(
        required=False, min_value=1, max_value=MAX_PER_PAGE, default=10
    )


class SegmentSerializer(serializers.Serializer):
    text = serializers.CharField()
    match = serializers.BooleanField()


class SearchHitSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    title_highlight = SegmentSerializer(many=True)
    snippet = SegmentSerializer(many=True)
    domains = serializers.ListField(child=serializers.CharField())
    organisation = serializers.IntegerField()
    year = serializers.IntegerField(allow_null=True)
    score = serializers.FloatField()


class FacetValueSerializer(serializers.Serializer):
    value = serializers.CharField()
    count = serializers.IntegerField()


class SearchResponseSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    page = serializers.IntegerField()
    per_page = serializers.IntegerField()
    num_pages = serializers.IntegerField()
    results = SearchHitSerializer(many=True)
    facets = serializers.DictField(child=FacetValueSerializer(many=True))


def _segments(segments: Any) -> list[dict[str, Any]]:
    return [{"text": text, "match": is_match} for text, is_match in segments]


class SearchView(APIView):
    """Full-text search over the shared stories the caller may read (Dutch word forms)."""

    # Per signed-in caller, KWARTIER_RATE_LIMIT_SEARCH (decision 0112).
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "search"

    @extend_schema(
        parameters=[SearchParamsSerializer],
        responses=SearchResponseSerializer,
        summary="Search the knowledge bank",
        description=gettext_lazy(
            "Visibility is applied inside the query. Facets count every visible match."
        ),
    )
    def get(self, request: Request) -> Response:
        params = SearchParamsSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        query = SearchQuery(
            text=data["q"],
            scope=selectors.search_scope(user=request.user),
            domain=data.get("domain"),
            life_phase=data.get("life_phase"),
            tag=(data.get("tag") or "").lower() or None,
            organisation_id=data.get("organisation"),
            year=data.get("year"),
            page=data["page"],
            per_page=data["per_page"],
        )
        result = selectors.experience_search(user=request.user, query=query)
        allowed = services.experience_excerpts_release(
            user=request.user,
            organisation=_reading_organisation(request.user),
            excerpts=[(e, selectors.excerpt_text(hit)) for hit, e in result.hits],
            kind="api-bladeren" if query.is_browse else "api-zoeken",
        )
        filters = " ".join(
            f"{name}={data[name]}"
            for name in ("domain", "life_phase", "tag", "organisation", "year")
            if data.get(name)
        )
        services.experience_search_record(
            user=request.user,
            organisation=_reading_organisation(request.user),
            query_text=query.text,
            filters=filters,
        )
        page = result.page
        body = {
            "count": page.total,
            "page": page.page,
            "per_page": page.per_page,
            "num_pages": page.num_pages,
            "results": [
                {
                    "id": experience.pk,
                    "title": experience.shared_title,
                    "title_highlight": _segments(hit.title_snippet),
                    "snippet": _segments(hit.body_snippet) if experience.pk in allowed else [],
                    "domains": [d.slug for d in experience.domains.all()],
                    "organisation": experience.organisation_id,
                    "year": experience.published_at.year if experience.published_at else None,
                    "score": hit.score,
                }
                for hit, experience in result.hits
            ],
            "facets": {
                name: [{"value": str(value), "count": count} for value, count in values]
                for name, values in page.facets.items()
            },
        }
        return Response(SearchResponseSerializer(body).data)


urlpatterns = [path("knowledge/search/", SearchView.as_view(), name="knowledge-search")]


def register(router: BaseRouter) -> None:
    router.register("knowledge/experiences", ExperienceViewSet, basename="experience")
    router.register("knowledge/items", SharedExperienceViewSet, basename="shared-experience")
