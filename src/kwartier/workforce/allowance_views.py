"""The page "Vrijwilligersvergoeding controleren" (issue 9, point 8).

For an experience worker or the kwartiermaker: year, age, hourly yes/no and up to twelve
months of hours and amounts; the answer in plain Dutch with the sources of the figures,
and, for paid hours on top of a benefit, what is certain about the income exemption and
what this page cannot compute. Nothing is stored. Thin: the form parses, the kernel
(:mod:`kwartier.workforce.allowance`) decides.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from django import forms
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kwartier.core.decorators import organisation_view
from kwartier.core.http import AuthedRequest
from kwartier.workforce.allowance import (
    MAX_AGE,
    MAX_AMOUNT_PER_MONTH,
    MAX_HOURS_PER_MONTH,
    AllowanceCheck,
    BadEntry,
    ExemptionIndication,
    MonthEntry,
    YearWithoutFigures,
    age_for_year,
    check,
    euro,
    figures,
    income_exemption_indication,
    known_years,
    limits_for,
)

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise as StrPromise

MONTH_NAMES = (
    gettext_lazy("januari"),
    gettext_lazy("februari"),
    gettext_lazy("maart"),
    gettext_lazy("april"),
    gettext_lazy("mei"),
    gettext_lazy("juni"),
    gettext_lazy("juli"),
    gettext_lazy("augustus"),
    gettext_lazy("september"),
    gettext_lazy("oktober"),
    gettext_lazy("november"),
    gettext_lazy("december"),
)
HOURLY_CHOICES = (
    ("ja", gettext_lazy("Ja, een bedrag per uur")),
    ("nee", gettext_lazy("Nee, een vast bedrag (per maand, dagdeel of keer)")),
)
_KERNEL_FIELD = re.compile(r"^months\[(\d+)\]\.(month|hours|amount)$")


def _money_field(label: str | StrPromise, maximum: Decimal) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=False,
        min_value=Decimal(0),
        max_value=maximum,
        max_digits=12,
        decimal_places=2,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "size": "8"}),
    )


class AllowanceCheckForm(forms.Form):
    year = forms.IntegerField(
        label=gettext_lazy("Jaar"),
        min_value=1900,
        max_value=2200,
        widget=forms.NumberInput(attrs={"size": "6"}),
    )
    age = forms.IntegerField(
        label=gettext_lazy("Leeftijd van de vrijwilliger"),
        min_value=0,
        max_value=MAX_AGE,
        help_text=gettext_lazy("Voor wie jonger is dan 21 jaar geldt een lager uurmaximum."),
        widget=forms.NumberInput(attrs={"size": "4"}),
    )
    hourly = forms.ChoiceField(
        label=gettext_lazy("Is er een vergoeding per uur afgesproken?"),
        choices=HOURLY_CHOICES,
        widget=forms.RadioSelect(
            attrs={"class": "utrecht-radio-button utrecht-radio-button--html-input"}
        ),
    )
    earned_per_month = _money_field(
        gettext_lazy("Netto verdiend met betaald werk, per maand"), MAX_AMOUNT_PER_MONTH
    )
    months_exempted = forms.IntegerField(
        label=gettext_lazy("Maanden waarin de vrijlating al is toegepast"),
        required=False,
        min_value=0,
        max_value=120,
        widget=forms.NumberInput(attrs={"size": "4"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        years = ", ".join(str(y) for y in known_years())
        self.fields["year"].help_text = _("Jaren met bedragen uit een bron: %(years)s.") % {
            "years": years
        }
        self.fields["earned_per_month"].help_text = _(
            "Alleen invullen bij betaald werk naast een bijstandsuitkering: dan ziet u wat "
            "zeker is over de inkomstenvrijlating."
        )
        for number, name in enumerate(MONTH_NAMES, start=1):
            self.fields[f"hours_{number}"] = _money_field(
                _("Uren in %(month)s") % {"month": name}, MAX_HOURS_PER_MONTH
            )
            self.fields[f"amount_{number}"] = _money_field(
                _("Vergoeding in %(month)s (euro)") % {"month": name}, MAX_AMOUNT_PER_MONTH
            )
        self.result: AllowanceCheck | None = None
        self.indication: ExemptionIndication | None = None

    @property
    def month_rows(self) -> list[dict[str, Any]]:
        """Per month its name and two inputs, labelled short on screen ("Uren",
        "Vergoeding") and in full for screen readers ("Uren in januari")."""
        rows = []
        for number, name in enumerate(MONTH_NAMES, start=1):
            inputs = []
            for prefix, short, hidden in (
                ("hours", _("Uren"), _("in %(month)s") % {"month": name}),
                ("amount", _("Vergoeding"), _("in %(month)s (euro)") % {"month": name}),
            ):
                bound = self[f"{prefix}_{number}"]
                attrs: dict[str, str | bool] = {
                    "class": "utrecht-textbox utrecht-textbox--html-input"
                }
                if bound.errors:
                    attrs["aria-invalid"] = "true"
                    attrs["aria-describedby"] = f"{bound.auto_id}_error"
                inputs.append(
                    {
                        "field": bound,
                        "widget": bound.as_widget(attrs=attrs),
                        "short": short,
                        "hidden": hidden,
                    }
                )
            rows.append({"name": str(name).capitalize(), "inputs": inputs})
        return rows

    def _entries(self) -> list[MonthEntry]:
        entries = []
        for number in range(1, 13):
            hours = self.cleaned_data.get(f"hours_{number}")
            amount = self.cleaned_data.get(f"amount_{number}")
            if amount is None:
                if hours is not None:
                    self.add_error(
                        f"amount_{number}", _("Vul ook de vergoeding van deze maand in.")
                    )
                continue
            entries.append(MonthEntry(month=number, amount=amount, hours=hours))
        return entries

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.errors:
            return cleaned
        entries = self._entries()
        if self.errors:
            return cleaned
        if not entries:
            raise forms.ValidationError(
                _("Vul voor ten minste één maand de vergoeding in."), code="no_months"
            )
        try:
            self.result = check(
                year=cleaned["year"],
                age=cleaned["age"],
                hourly=cleaned["hourly"] == "ja",
                months=entries,
            )
        except YearWithoutFigures as error:
            self.add_error("year", error.render(_))
            return cleaned
        except BadEntry as error:
            self.add_error(self._form_field(error.field, entries), error.render(_))
            return cleaned
        if cleaned.get("earned_per_month") is not None:
            self.indication = income_exemption_indication(
                year=cleaned["year"],
                age=cleaned["age"],
                earned_per_month=cleaned["earned_per_month"],
                months_already_exempted=cleaned.get("months_exempted") or 0,
            )
        return cleaned

    def _form_field(self, kernel_field: str, entries: list[MonthEntry]) -> str | None:
        match = _KERNEL_FIELD.match(kernel_field)
        if match is None:
            return kernel_field if kernel_field in self.fields else None
        month = entries[int(match.group(1))].month
        part = "amount" if match.group(2) == "month" else match.group(2)
        return f"{part}_{month}"


def check_url_for(
    *,
    born: Any,
    per_hour: Decimal | None,
    per_month: Decimal | None,
    hours_per_week: Decimal | None,
) -> str:
    """A link to the check with an agreed allowance filled in for the twelve months of
    the latest year with the tax authority's figures: a fixed monthly amount as it is; an
    hourly amount times the available hours (52 weeks / 12 months) when those are known.
    Without the date of birth the age is left for the user to fill in."""
    year = _initial_year()
    params: dict[str, str] = {"year": str(year)}
    if born is not None:
        params["age"] = str(age_for_year(born, year))
    monthly: Decimal | None = per_month
    hours: Decimal | None = None
    if per_hour and not per_month:
        params["hourly"] = "ja"
        if hours_per_week:
            hours = (hours_per_week * 52 / 12).quantize(Decimal("0.01"))
            monthly = (per_hour * hours).quantize(Decimal("0.01"))
    else:
        params["hourly"] = "nee"
    for number in range(1, 13):
        if monthly is not None:
            params[f"amount_{number}"] = f"{monthly:f}".replace(".", ",")
        if hours is not None:
            params[f"hours_{number}"] = f"{hours:f}".replace(".", ",")
    return f"{reverse('workforce:allowance_check')}?{urlencode(params)}"


def _initial_year() -> int:
    """The latest year whose figures all come from the tax authority (no wall clock)."""
    official = [y for y in known_years() if limits_for(y).from_tax_authority]
    return max(official or known_years())


@organisation_view("workforce.check_allowance")
def allowance_check(request: AuthedRequest) -> HttpResponse:
    if request.method == "POST":
        form = AllowanceCheckForm(request.POST)
        form.is_valid()
    elif "year" in request.GET:  # a link with the figures filled in (see check_url_for)
        form = AllowanceCheckForm(request.GET)
        form.is_valid()
    else:
        form = AllowanceCheckForm(initial={"year": _initial_year()})
    result = form.result
    indication = form.indication
    context: dict[str, Any] = {
        "form": form,
        "result": result,
        "indication": indication,
        "calculators": figures().calculators,
    }
    if result is not None:
        context["months"] = [
            {
                "name": str(MONTH_NAMES[m.month - 1]).capitalize(),
                "row": m,
                "hours": "–" if m.hours is None else f"{m.hours.normalize():f}".replace(".", ","),
                "amount": euro(m.amount),
                "rate": "–" if m.hourly_rate is None else euro(m.hourly_rate),
                "reasons": [r.render(_) for r in m.reasons],
            }
            for m in result.months
        ]
        context["summary"] = [r.render(_) for r in result.summary]
        limits = result.limits
        context["limits"] = {
            "hourly": euro(limits.hourly_for(result.age)),
            "monthly": euro(limits.monthly),
            "yearly": euro(limits.yearly),
            "total": euro(result.year_total),
        }
    if indication is not None:
        context["certain"] = [
            {"text": s.reason.render(_), "source": s.source} for s in indication.certain
        ]
        context["cannot"] = [r.render(_) for r in indication.cannot_compute]
        context["disclaimer"] = indication.disclaimer.render(_)
        context["exempt"] = None if indication.exempt is None else euro(indication.exempt)
    return render(request, "workforce/allowance_check.html", context)
