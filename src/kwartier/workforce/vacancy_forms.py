"""Forms of the vacancies part (Dutch labels and errors; they work without JavaScript)."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kwartier.accounts.models import Domain, ExperienceRole, Organisation, Team
from kwartier.workforce.models import (
    MOTIVATION_MAX,
    IntervisieGroup,
    PlacementAnswer,
    Vacancy,
    VacancyKind,
)
from kwartier.workforce.vacancy_services import VACANCY_FIELDS


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class VacancyForm(forms.ModelForm):
    domains = forms.ModelMultipleChoiceField(
        label=_("Ervaringsdomeinen"),
        queryset=Domain.objects.filter(is_active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Met welke ervaringen zoekt u iemand?"),
    )

    class Meta:
        model = Vacancy
        fields = [*VACANCY_FIELDS[:4], "domains", *VACANCY_FIELDS[4:]]
        # Dutch decimals: "12,5" and "18,50" (and "12.5") are read as numbers.
        localized_fields = [
            "hours_per_week",
            "pay_min",
            "pay_max",
            "allowance_per_hour",
            "allowance_per_month",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "pay_note": forms.Textarea(attrs={"rows": 2}),
            "support_plan": forms.Textarea(attrs={"rows": 3}),
            "valid_through": DateInput(),
        }
        error_messages = {
            "title": {"required": _("Geef de vacature een titel.")},
            "kind": {"required": _("Kies de soort: betaald, vrijwillig of een opdracht.")},
            "role": {"required": _("Kies de rol.")},
            "hours_per_week": {
                "required": _("Vul het aantal uren per week in."),
                "invalid": _("Vul een getal in, bijvoorbeeld 16 of 12,5."),
            },
        }

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        team = cast(forms.ModelChoiceField, self.fields["team"])
        team.queryset = Team.objects.filter(organisation=organisation)
        team.empty_label = _("Geen bepaald team")
        group = cast(forms.ModelChoiceField, self.fields["support_group"])
        group.queryset = IntervisieGroup.objects.filter(
            Q(organisation=organisation) | Q(network__in=organisation.networks.all())
        ).distinct()
        group.empty_label = _("Geen intervisiegroep gekozen")
        for name in ("pay_min", "pay_max", "allowance_per_hour", "allowance_per_month"):
            self.fields[name].error_messages["invalid"] = _("Vul een bedrag in, bijv. 18,50.")
        self.fields["valid_through"].error_messages["invalid"] = _(
            "Vul een datum in als dd-mm-jjjj."
        )

    def _post_clean(self) -> None:
        # The service validates the model (and the publishing rules); the form only
        # checks its fields, so nothing is saved by the form itself.
        return None


class VacancyFilterForm(forms.Form):
    role = forms.ChoiceField(
        label=_("Rol"), required=False, choices=[("", _("Alle rollen")), *ExperienceRole.choices]
    )
    domain = forms.ChoiceField(label=_("Ervaringsdomein"), required=False)
    region = forms.CharField(label=_("Regio of plaats"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=_("Soort"), required=False, choices=[("", _("Alle soorten")), *VacancyKind.choices]
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices: list[tuple[str, Any]] = [("", _("Alle domeinen"))]
        choices += [(d.slug, d.name) for d in Domain.objects.filter(is_active=True)]
        cast(forms.ChoiceField, self.fields["domain"]).choices = choices


class SavedSearchForm(forms.Form):
    name = forms.CharField(
        label=_("Naam van de zoekopdracht"),
        max_length=100,
        error_messages={"required": _("Geef de zoekopdracht een naam.")},
    )
    role = forms.CharField(required=False, widget=forms.HiddenInput, max_length=20)
    domain = forms.CharField(required=False, widget=forms.HiddenInput, max_length=80)
    region = forms.CharField(required=False, widget=forms.HiddenInput, max_length=100)
    kind = forms.CharField(required=False, widget=forms.HiddenInput, max_length=20)

    def clean_role(self) -> str:
        role = self.cleaned_data["role"]
        if role and role not in ExperienceRole.values:
            raise forms.ValidationError(_("Onbekende rol."))
        return str(role)

    def clean_kind(self) -> str:
        kind = self.cleaned_data["kind"]
        if kind and kind not in VacancyKind.values:
            raise forms.ValidationError(_("Onbekende soort."))
        return str(kind)

    def clean_domain(self) -> Domain | None:
        slug = self.cleaned_data["domain"]
        if not slug:
            return None
        domain = Domain.objects.filter(slug=slug, is_active=True).first()
        if domain is None:
            raise forms.ValidationError(_("Onbekend ervaringsdomein."))
        return domain


class ApplicationForm(forms.Form):
    name = forms.CharField(
        label=_("Uw naam"),
        max_length=150,
        error_messages={"required": _("Vul uw naam in.")},
    )
    email = forms.EmailField(
        label=_("Uw e-mailadres"),
        help_text=_("Hierop neemt de organisatie contact met u op."),
        error_messages={
            "required": _("Vul uw e-mailadres in."),
            "invalid": _("Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl."),
        },
    )
    motivation = forms.CharField(
        label=_("Korte motivatie"),
        max_length=MOTIVATION_MAX,
        min_length=20,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Waarom past dit bij u? Hoogstens %(max)s tekens.") % {"max": MOTIVATION_MAX},
        error_messages={
            "required": _("Schrijf in een paar zinnen waarom u reageert."),
            "min_length": _("Schrijf minstens %(limit_value)d tekens."),
            "max_length": _("Hoogstens %(limit_value)d tekens (nu %(show_value)d)."),
        },
    )


class PlacementForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Heeft deze vacature tot een plaatsing geleid?"),
        choices=[("", _("Kies een antwoord")), *PlacementAnswer.choices],
        error_messages={"required": _("Kies een antwoord.")},
    )
    note = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Bijvoorbeeld: via welke weg de ervaringswerker de vacature vond."),
    )
