"""`POST /api/workforce/allowance-check/`: the volunteer-allowance check as an API view.

Takes ``{"year", "age", "hourly", "months": [{"month", "hours", "amount"}]}`` and returns
``{"within_limits", "limits": {"hourly", "monthly", "yearly"}, "months": [{"month",
"hourly_rate", "within", "reasons"}], "year_total", "sources"}`` (issue 9's contract),
plus a plain-Dutch ``summary``. Bad input of any kind, and a year without sourced figures,
is answered with 400 and ``field`` plus ``detail`` in Dutch, never a 500: the body is
parsed here, not by DRF's parsers, so every failure passes through one place (as the
planning projection does).

Who may call it: a member of the acting organisation in a role that works with
experience workers (``workforce.check_allowance``). Nothing is stored.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.http.request import RawPostDataException
from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import JSONParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kwartier.accounts.tenancy import acting_membership
from kwartier.workforce.allowance import (
    CENT,
    AllowanceCheck,
    BadEntry,
    MonthEntry,
    YearWithoutFigures,
    check,
)
from kwartier.workforce.rules import ALLOWANCE_ROLES

PERMISSION = "workforce.check_allowance"

# --- schema only: the view validates with the kernel -------------------------------------


class MonthInputSerializer(serializers.Serializer):
    month = serializers.IntegerField(min_value=1, max_value=12)
    hours = serializers.FloatField(
        min_value=0,
        max_value=744,
        required=False,
        allow_null=True,
        help_text="Uren in die maand (een getal); nodig als er een vergoeding per uur is "
        "afgesproken.",
    )
    amount = serializers.FloatField(
        min_value=0,
        max_value=1_000_000,
        help_text="Vergoeding voor de inzet in die maand, euro (een getal, geen tekst).",
    )


class AllowanceCheckInputSerializer(serializers.Serializer):
    year = serializers.IntegerField(
        help_text="Kalenderjaar; een jaar zonder bedragen uit een bron geeft 400 (field: year)."
    )
    age = serializers.IntegerField(min_value=0, max_value=120)
    hourly = serializers.BooleanField(help_text="Is er een vergoeding per uur afgesproken?")
    months = MonthInputSerializer(many=True)


class LimitsSerializer(serializers.Serializer):
    hourly = serializers.FloatField(help_text="Uurmaximum voor deze leeftijd.")
    monthly = serializers.FloatField()
    yearly = serializers.FloatField()


class MonthResultSerializer(serializers.Serializer):
    month = serializers.IntegerField()
    hours = serializers.FloatField(allow_null=True)
    amount = serializers.FloatField()
    hourly_rate = serializers.FloatField(allow_null=True, help_text="Bedrag per uur, op centen.")
    within = serializers.BooleanField()
    reasons = serializers.ListField(child=serializers.CharField())


class AllowanceCheckSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    age = serializers.IntegerField()
    hourly = serializers.BooleanField()
    within_limits = serializers.BooleanField()
    limits = LimitsSerializer()
    months = MonthResultSerializer(many=True)
    year_total = serializers.FloatField()
    summary = serializers.ListField(
        child=serializers.CharField(), help_text="De conclusie in gewoon Nederlands."
    )
    sources = serializers.ListField(child=serializers.URLField())
    from_tax_authority = serializers.BooleanField(
        help_text="Komen alle bedragen van pagina's van de Belastingdienst zelf?"
    )


class AllowanceErrorSerializer(serializers.Serializer):
    field = serializers.CharField(help_text="Pad van het veld, bijv. months[0].amount.")
    detail = serializers.CharField(help_text="De reden, in het Nederlands.")


EXAMPLE_INPUT = {
    "year": 2024,
    "age": 30,
    "hourly": True,
    "months": [{"month": 1, "hours": 20, "amount": 110.0}],
}


# --- parsing ------------------------------------------------------------------------------


class _Bad(Exception):
    def __init__(self, field: str, detail: str) -> None:
        self.field = field
        self.detail = detail


def _integer(data: Mapping[str, Any], key: str, field: str, label: str) -> int:
    if key not in data:
        raise _Bad(field, _("%(label)s ontbreekt.") % {"label": label})
    value = data[key]
    if isinstance(value, bool) or not isinstance(value, int):
        raise _Bad(field, _("%(label)s moet een heel getal zijn.") % {"label": label})
    return value


def _number(value: Any, field: str, label: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _Bad(field, _("%(label)s moet een getal zijn.") % {"label": label})
    # Through str, so 110.1 is 110.1 and not the binary float's long tail.
    return Decimal(str(value))


def parse_body(data: Any) -> dict[str, Any]:
    """The check's keyword arguments from the JSON body, or :class:`_Bad`."""
    if not isinstance(data, dict):
        raise _Bad("", _("Stuur een JSON-object met year, age, hourly en months."))
    year = _integer(data, "year", "year", _("Het jaar"))
    age = _integer(data, "age", "age", _("De leeftijd"))
    if "hourly" not in data:
        raise _Bad("hourly", _("Geef aan of er een vergoeding per uur is afgesproken."))
    hourly = data["hourly"]
    if not isinstance(hourly, bool):
        raise _Bad("hourly", _("Hourly moet true of false zijn."))
    raw_months = data.get("months")
    if not isinstance(raw_months, list):
        raise _Bad("months", _("Months moet een lijst van maanden zijn."))
    months: list[MonthEntry] = []
    for index, item in enumerate(raw_months[:13]):  # the kernel refuses more than twelve
        where = f"months[{index}]"
        if not isinstance(item, dict):
            raise _Bad(where, _("Elke maand is een object met month, hours en amount."))
        month = _integer(item, "month", f"{where}.month", _("De maand"))
        if "amount" not in item:
            raise _Bad(f"{where}.amount", _("Het bedrag ontbreekt."))
        amount = _number(item["amount"], f"{where}.amount", _("Het bedrag"))
        hours_raw = item.get("hours")
        hours = None if hours_raw is None else _number(hours_raw, f"{where}.hours", _("De uren"))
        months.append(MonthEntry(month=month, amount=amount, hours=hours))
    if len(raw_months) > 13:
        raise _Bad("months", _("Een jaar heeft twaalf maanden; stuur er niet meer dan twaalf."))
    return {"year": year, "age": age, "hourly": hourly, "months": months}


def _money(amount: Decimal) -> float:
    return float(amount.quantize(CENT))


def result_to_dict(result: AllowanceCheck) -> dict[str, Any]:
    limits = result.limits
    return {
        "year": result.year,
        "age": result.age,
        "hourly": result.hourly,
        "within_limits": result.within_limits,
        "limits": {
            "hourly": _money(limits.hourly_for(result.age)),
            "monthly": _money(limits.monthly),
            "yearly": _money(limits.yearly),
        },
        "months": [
            {
                "month": month.month,
                "hours": None if month.hours is None else float(month.hours),
                "amount": _money(month.amount),
                "hourly_rate": None if month.hourly_rate is None else _money(month.hourly_rate),
                "within": month.within,
                "reasons": [reason.render(_) for reason in month.reasons],
            }
            for month in result.months
        ],
        "year_total": _money(result.year_total),
        "summary": [reason.render(_) for reason in result.summary],
        "sources": list(result.sources),
        "from_tax_authority": limits.from_tax_authority,
    }


def _bad_request(field: str, detail: str) -> Response:
    return Response({"field": field, "detail": detail}, status=status.HTTP_400_BAD_REQUEST)


class AllowanceCheckView(APIView):
    """Volunteer-allowance check: every month within the monthly (and, if agreed, hourly)
    maximum and the year within the yearly maximum, with the sources of the figures."""

    # Declares JSON for the schema; the body itself is read raw below.
    parser_classes = [JSONParser]

    @extend_schema(
        operation_id="workforce_allowance_check",
        summary="Vrijwilligersvergoeding controleren",
        request=AllowanceCheckInputSerializer,
        responses={
            200: AllowanceCheckSerializer,
            400: AllowanceErrorSerializer,
            403: AllowanceErrorSerializer,
        },
        examples=[OpenApiExample("Januari 2024", value=EXAMPLE_INPUT, request_only=True)],
        tags=["workforce"],
    )
    def post(self, request: Request) -> Response:
        membership = acting_membership(user=request.user, roles=ALLOWANCE_ROLES)
        if not membership or not request.user.has_perm(PERMISSION, membership.organisation):
            return Response(
                {"field": "", "detail": _("U mag de vrijwilligersvergoeding niet controleren.")},
                status=status.HTTP_403_FORBIDDEN,
            )
        try:
            body = request.body
        except RequestDataTooBig:
            return _bad_request("", _("De invoer is te groot."))
        try:
            data = json.loads(body or b"")
        except (ValueError, RecursionError, RawPostDataException):
            return _bad_request("", _("De invoer is geen geldige JSON."))
        try:
            result = check(**parse_body(data))
        except _Bad as error:
            return _bad_request(error.field, error.detail)
        except YearWithoutFigures as error:
            return _bad_request(error.field, error.render(_))
        except BadEntry as error:
            return _bad_request(error.field, error.render(_))
        return Response(result_to_dict(result))


# Hooked into the workforce API (see api.py): /api/workforce/allowance-check/.
urlpatterns: list[Any] = [
    path(
        "workforce/allowance-check/",
        AllowanceCheckView.as_view(),
        name="workforce_allowance_check",
    ),
]
