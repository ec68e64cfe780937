"""API of Resultaten (`/api/impact/`), tenant-scoped: every call acts for the caller's
organisation (accounts' tenancy entry point); another organisation's ids are 404.

* `contributions/`: `POST` logs a contribution; `GET` lists the caller's own, or the
  organisation's for a kwartiermaker.
* `signals/`: `POST` raises a signal (`title`, `description`, `level`, `owner_team`,
  optional `owner`, `theme`, `anonymous`, `on_behalf_of_team`); `GET` lists the signals
  the caller may see.
  `POST signals/{id}/respond/` (`text`) and `POST signals/{id}/outcome/` (`outcome`,
  `text`, optional `planned_by`) are the owner's steps; `GET` on them tells whether the
  caller may take that step now. A step out of order is 400 with the reason; a caller
  who sees the signal but does not own it gets 403, one who does not see it 404.
* `responsiveness/?from=YYYY-MM-DD&to=YYYY-MM-DD`: the figures of the caller's
  organisation (`figures.responsiveness`).

Errors are 400 with `field` and `detail` (Dutch). Free texts that look identifying are
400 with `field: "identifying"`, the spans per field and a `fingerprint`; send the same
texts again with `confirm_not_identifying` set to that fingerprint to save them anyway.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import BaseRouter
from rest_framework.views import APIView

from kwartier.accounts.models import ExperienceRole, Organisation
from kwartier.accounts.tenancy import acting_organisation
from kwartier.core.http import acting_user
from kwartier.core.services import access_read_record
from kwartier.impact import selectors, services
from kwartier.impact.models import (
    DESCRIPTION_MAX,
    MINUTES_MAX,
    NOTE_MAX,
    STEP_TEXT_MAX,
    THEME_MAX,
    TITLE_MAX,
    Contribution,
    ContributionKind,
    Level,
    Signal,
    SignalState,
)
from kwartier.impact.rules import CONTRIBUTING_ROLES

# --- errors ---------------------------------------------------------------------------------


class ErrorSerializer(serializers.Serializer):
    field = serializers.CharField(help_text="Het veld; leeg of 'detail' voor de hele invoer.")
    detail = serializers.CharField(help_text="De reden, in het Nederlands.")


def _first_error(errors: Any) -> tuple[str, str]:
    if isinstance(errors, dict):
        for field, value in errors.items():
            _inner, message = _first_error(value)
            return str(field), message
    if isinstance(errors, list) and errors:
        return "", _first_error(errors[0])[1]
    return "", str(errors)


def bad_request(errors: Any, **extra: Any) -> Response:
    field, detail = _first_error(errors)
    if field in ("non_field_errors", "__all__"):
        field = ""
    return Response({"field": field, "detail": detail, **extra}, status=400)


def _service_error(error: DjangoValidationError) -> Response:
    if isinstance(error, services.IdentifyingText):
        field, detail = _first_error(error.message_dict)
        return Response(
            {
                "field": field,
                "detail": detail,
                "identifying": {
                    name: [span.as_dict() for span in spans]
                    for name, spans in error.findings.items()
                },
                "fingerprint": error.fingerprint,
            },
            status=400,
        )
    if hasattr(error, "error_dict"):
        return bad_request(error.message_dict)
    return bad_request({"detail": error.messages})


def _validated(serializer: serializers.Serializer) -> dict[str, Any] | Response:
    if not serializer.is_valid():
        return bad_request(serializer.errors)
    return dict(serializer.validated_data)


def _organisation(user: Any, roles: Any = None) -> Organisation:
    organisation = acting_organisation(user=user, roles=roles)
    if organisation is None:
        raise exceptions.NotFound(_("U bent geen lid van een organisatie."))
    return organisation


# --- contributions --------------------------------------------------------------------------


class ContributionSerializer(serializers.ModelSerializer):
    date = serializers.DateField(required=False, help_text="Standaard vandaag.")
    role = serializers.ChoiceField(choices=ExperienceRole.choices)
    level = serializers.ChoiceField(choices=Level.choices)
    kind = serializers.ChoiceField(choices=ContributionKind.choices)
    minutes = serializers.IntegerField(min_value=1, max_value=MINUTES_MAX)
    team = serializers.IntegerField(required=False, allow_null=True, source="team_id")
    theme = serializers.CharField(required=False, allow_blank=True, max_length=THEME_MAX)
    note = serializers.CharField(required=False, allow_blank=True, max_length=NOTE_MAX)
    confirm_not_identifying = serializers.CharField(
        required=False,
        allow_blank=True,
        write_only=True,
        max_length=64,
        help_text="De fingerprint uit een eerdere 400: bewaar deze teksten toch.",
    )
    author = serializers.IntegerField(source="author_id", read_only=True)

    class Meta:
        model = Contribution
        fields = [
            "id",
            "date",
            "role",
            "level",
            "kind",
            "minutes",
            "team",
            "theme",
            "note",
            "author",
            "created_at",
            "confirm_not_identifying",
        ]
        read_only_fields = ["id", "author", "created_at"]


class ContributionViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Contributions: the caller's own, or the organisation's for a kwartiermaker."""

    serializer_class = ContributionSerializer
    queryset = Contribution.objects.none()

    def get_queryset(self) -> QuerySet[Contribution]:
        user = acting_user(self.request)
        organisation = acting_organisation(user=user)
        if organisation is None:
            return Contribution.objects.none()
        return selectors.contribution_list_visible(
            user=user, organisation=organisation, everyone=True
        )

    @extend_schema(responses={201: ContributionSerializer, 400: ErrorSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        user = acting_user(request)
        organisation = acting_organisation(user=user, roles=CONTRIBUTING_ROLES)
        if organisation is None:
            raise exceptions.PermissionDenied(
                _("U mag in geen enkele organisatie bijdragen vastleggen.")
            )
        data = _validated(ContributionSerializer(data=request.data))
        if isinstance(data, Response):
            return data
        try:
            contribution = services.contribution_create(
                organisation=organisation,
                author=user,
                date=data.get("date"),
                role=data["role"],
                level=data["level"],
                kind=data["kind"],
                minutes=data["minutes"],
                team=data.get("team_id"),
                theme=data.get("theme", ""),
                note=data.get("note", ""),
                confirmed=data.get("confirm_not_identifying", ""),
            )
        except DjangoValidationError as error:
            return _service_error(error)
        return Response(ContributionSerializer(contribution).data, status=201)


# --- signals --------------------------------------------------------------------------------


class StepSerializer(serializers.Serializer):
    kind = serializers.CharField()
    state_after = serializers.CharField()
    text = serializers.CharField()
    at = serializers.DateTimeField()


class SignalSerializer(serializers.ModelSerializer):
    title = serializers.CharField(max_length=TITLE_MAX)
    description = serializers.CharField(max_length=DESCRIPTION_MAX)
    level = serializers.ChoiceField(choices=Level.choices)
    theme = serializers.CharField(required=False, allow_blank=True, max_length=THEME_MAX)
    owner_team = serializers.IntegerField(required=False, allow_null=True, source="owner_team_id")
    owner = serializers.IntegerField(required=False, allow_null=True, source="owner_id")
    on_behalf_of_team = serializers.IntegerField(
        required=False, allow_null=True, source="on_behalf_of_team_id"
    )
    anonymous = serializers.BooleanField(required=False, default=False)
    confirm_not_identifying = serializers.CharField(
        required=False, allow_blank=True, write_only=True, max_length=64
    )
    raised_by = serializers.SerializerMethodField()
    steps = serializers.SerializerMethodField()

    class Meta:
        model = Signal
        fields = [
            "id",
            "title",
            "description",
            "level",
            "theme",
            "owner_team",
            "owner",
            "on_behalf_of_team",
            "anonymous",
            "raised_by",
            "state",
            "raised_at",
            "due_at",
            "answered_at",
            "closed_at",
            "planned_change",
            "planned_by",
            "steps",
            "confirm_not_identifying",
        ]
        read_only_fields = [
            "id",
            "raised_by",
            "state",
            "raised_at",
            "due_at",
            "answered_at",
            "closed_at",
            "planned_change",
            "planned_by",
            "steps",
        ]

    def get_raised_by(self, signal: Signal) -> int | None:
        request = self.context.get("request")
        if request is None:
            return None
        shown = selectors.raiser_shown(signal, viewer=acting_user(request))
        return shown.pk if shown else None

    def get_steps(self, signal: Signal) -> list[dict[str, Any]]:
        return [
            {"kind": step.kind, "state_after": step.state_after, "text": step.text, "at": step.at}
            for step in signal.steps.all()
        ]


class RespondSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=STEP_TEXT_MAX)


class OutcomeSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=services.OUTCOMES)
    text = serializers.CharField(required=False, allow_blank=True, max_length=STEP_TEXT_MAX)
    planned_by = serializers.DateField(required=False, allow_null=True)


class StepStatusSerializer(serializers.Serializer):
    state = serializers.CharField()
    may_act = serializers.BooleanField()
    allowed = serializers.ListField(child=serializers.CharField())


class SignalViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Mirror signals the caller may see (the raiser, the owner, the kwartiermaker)."""

    serializer_class = SignalSerializer
    queryset = Signal.objects.none()

    def get_queryset(self) -> QuerySet[Signal]:
        user = acting_user(self.request)
        organisation = acting_organisation(user=user)
        if organisation is None:
            return Signal.objects.none()
        return selectors.signal_list_visible(user=user, organisation=organisation).prefetch_related(
            "steps"
        )

    @extend_schema(responses={201: SignalSerializer, 400: ErrorSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        user = acting_user(request)
        organisation = acting_organisation(user=user, roles=CONTRIBUTING_ROLES)
        if organisation is None:
            raise exceptions.PermissionDenied(_("U mag in geen enkele organisatie signalen geven."))
        data = _validated(SignalSerializer(data=request.data))
        if isinstance(data, Response):
            return data
        try:
            signal = services.signal_create(
                organisation=organisation,
                raised_by=user,
                title=data["title"],
                description=data["description"],
                level=data["level"],
                theme=data.get("theme", ""),
                owner_team=data.get("owner_team_id"),
                owner=data.get("owner_id"),
                anonymous=data.get("anonymous", False),
                on_behalf_of_team=data.get("on_behalf_of_team_id"),
                confirmed=data.get("confirm_not_identifying", ""),
            )
        except DjangoValidationError as error:
            return _service_error(error)
        return Response(SignalSerializer(signal, context={"request": request}).data, status=201)

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        signal = self.get_object()
        user = acting_user(request)
        if signal.raised_by_id != user.pk:
            # The same NEN 7513 entry as the signal's page.
            access_read_record(
                reader=user,
                organisation=signal.organisation,
                object_type="impact_signal",
                object_id=signal.pk,
                detail="api",
            )
        return Response(SignalSerializer(signal, context={"request": request}).data)

    def _step_status(self, signal: Signal, step: str) -> dict[str, Any]:
        owner = acting_user(self.request).has_perm("impact.respond_signal", signal)
        if step == "respond":
            allowed = ["answered"] if signal.state == SignalState.OPEN else []
        else:
            allowed = list(services.ALLOWED_OUTCOMES.get(signal.state, ()))
        return {"state": signal.state, "may_act": owner and bool(allowed), "allowed": allowed}

    def _act(self, request: Request, signal: Signal, step: str) -> Response:
        user = acting_user(request)
        if not user.has_perm("impact.respond_signal", signal):
            raise exceptions.PermissionDenied(
                _("Alleen de eigenaar van dit signaal reageert erop.")
            )
        serializer_class = RespondSerializer if step == "respond" else OutcomeSerializer
        data = _validated(serializer_class(data=request.data))
        if isinstance(data, Response):
            return data
        try:
            if step == "respond":
                signal = services.signal_respond(signal=signal, user=user, text=data["text"])
            else:
                signal = services.signal_outcome(
                    signal=signal,
                    user=user,
                    outcome=data["outcome"],
                    text=data.get("text", ""),
                    planned_by=data.get("planned_by"),
                )
        except DjangoPermissionDenied as error:
            raise exceptions.PermissionDenied(str(error)) from error
        except DjangoValidationError as error:
            return _service_error(error)
        return Response(SignalSerializer(signal, context={"request": request}).data)

    @extend_schema(methods=["GET"], responses=StepStatusSerializer, summary="May I respond?")
    @extend_schema(
        methods=["POST"],
        request=RespondSerializer,
        responses={200: SignalSerializer, 400: ErrorSerializer},
        summary="The owner's first response (open → answered)",
    )
    @action(detail=True, methods=["get", "post"])
    def respond(self, request: Request, pk: str | None = None) -> Response:
        signal = self.get_object()
        if request.method == "GET":
            return Response(self._step_status(signal, "respond"))
        return self._act(request, signal, "respond")

    @extend_schema(methods=["GET"], responses=StepStatusSerializer, summary="Which outcomes now?")
    @extend_schema(
        methods=["POST"],
        request=OutcomeSerializer,
        responses={200: SignalSerializer, 400: ErrorSerializer},
        summary="Record the outcome (change_planned, change_made, no_change)",
    )
    @action(detail=True, methods=["get", "post"])
    def outcome(self, request: Request, pk: str | None = None) -> Response:
        signal = self.get_object()
        if request.method == "GET":
            return Response(self._step_status(signal, "outcome"))
        return self._act(request, signal, "outcome")


# --- responsiveness -------------------------------------------------------------------------


class ResponsivenessSerializer(serializers.Serializer):
    signals = serializers.IntegerField()
    answered = serializers.IntegerField()
    response_rate = serializers.FloatField(allow_null=True, help_text="0..1; null zonder signalen.")
    median_days_to_response = serializers.FloatField(allow_null=True)
    change_planned = serializers.IntegerField()
    change_made = serializers.IntegerField()
    no_change = serializers.IntegerField()
    overdue = serializers.IntegerField()


def _date_param(request: Request, name: str) -> datetime.date | None:
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return None
    try:
        return datetime.date.fromisoformat(raw) if len(raw) == 10 else _bad_date()
    except ValueError:
        return _bad_date()


class BadDate(Exception):
    pass


def _bad_date() -> datetime.date:
    raise BadDate


class ResponsivenessView(APIView):
    """Responsiveness in figures for the caller's organisation and a period."""

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "from", datetime.date, description="JJJJ-MM-DD (standaard: een jaar terug)"
            ),
            OpenApiParameter("to", datetime.date, description="JJJJ-MM-DD (standaard: vandaag)"),
        ],
        responses={200: ResponsivenessSerializer, 400: ErrorSerializer},
        summary="Responsiveness of the caller's organisation",
    )
    def get(self, request: Request) -> Response:
        organisation = _organisation(acting_user(request))
        today = timezone.localdate()
        values: dict[str, datetime.date | None] = {}
        for name in ("from", "to"):
            try:
                values[name] = _date_param(request, name)
            except BadDate:
                return bad_request(
                    {name: [_("Geef een geldige datum als JJJJ-MM-DD, bijvoorbeeld 2026-01-31.")]}
                )
        end = values["to"] or today
        start = values["from"] or end - datetime.timedelta(days=364)
        if end < start:
            return bad_request({"to": [_("De einddatum ligt vóór de begindatum.")]})
        figures = selectors.responsiveness_for(
            organisation=organisation, start=start, end=end, today=today
        )
        return Response(ResponsivenessSerializer(figures.as_dict()).data)


urlpatterns = [
    path(
        "impact/responsiveness/",
        ResponsivenessView.as_view(),
        name="impact-responsiveness",
    )
]


def register(router: BaseRouter) -> None:
    router.register("impact/contributions", ContributionViewSet, basename="impact-contribution")
    router.register("impact/signals", SignalViewSet, basename="impact-signal")
