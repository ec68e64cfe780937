"""Forms of Resultaten: they parse and explain; the services decide."""

from __future__ import annotations

import datetime
from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kwartier.accounts.models import ExperienceRole, Team, User
from kwartier.impact.models import (
    DESCRIPTION_MAX,
    MINUTES_MAX,
    NOTE_MAX,
    RESPONSE_DAYS_MAX,
    STEP_TEXT_MAX,
    THEME_MAX,
    TITLE_MAX,
    ContributionKind,
    Level,
    SignalState,
)

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class IdentifyingConfirmMixin(forms.Form):
    """The two fields of the de-identification check: the fingerprint of the texts that
    were checked, and the writer's confirmation that they identify nobody."""

    # The server checks (the forms are `novalidate`); a `required` attribute would only
    # paint an empty text area red before anyone typed.
    use_required_attribute = False

    fingerprint = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)
    confirm_not_identifying = forms.BooleanField(
        label=_("Ik heb het nagekeken: deze tekst wijst niemand aan."),
        required=False,
    )

    def confirmed(self) -> str:
        data = getattr(self, "cleaned_data", {})
        return data.get("fingerprint", "") if data.get("confirm_not_identifying") else ""


def _team_field(label: Any, help_text: Any) -> forms.ModelChoiceField[Team]:
    return forms.ModelChoiceField(
        label=label,
        queryset=Team.objects.none(),
        required=False,
        empty_label=_("— geen —"),
        help_text=help_text,
    )


class ContributionForm(IdentifyingConfirmMixin):
    date = forms.DateField(label=_("Datum"), widget=DATE_INPUT)
    role = forms.ChoiceField(label=_("Rol"), choices=ExperienceRole.choices)
    level = forms.ChoiceField(label=_("Niveau"), choices=Level.choices)
    kind = forms.ChoiceField(label=_("Soort"), choices=ContributionKind.choices)
    minutes = forms.IntegerField(
        label=_("Minuten"),
        min_value=1,
        max_value=MINUTES_MAX,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    team = _team_field(_("Team"), "")
    theme = forms.CharField(label=_("Thema"), required=False, max_length=THEME_MAX)
    note = forms.CharField(
        label=_("Korte notitie"),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Noem geen cliënt: geen naam, plaats, datum of nummer."),
    )

    field_order = ["date", "role", "level", "kind", "minutes", "team", "theme", "note"]

    def __init__(self, *args: Any, teams: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        team = cast(forms.ModelChoiceField, self.fields["team"])
        team.queryset = teams if teams is not None else Team.objects.none()
        self.fields["date"].initial = timezone.localdate()

    def clean_date(self) -> datetime.date:
        value: datetime.date = self.cleaned_data["date"]
        if value > timezone.localdate() + datetime.timedelta(days=1):
            raise forms.ValidationError(_("Een bijdrage ligt niet in de toekomst."))
        return value


class SignalForm(IdentifyingConfirmMixin):
    title = forms.CharField(label=_("Titel"), max_length=TITLE_MAX)
    description = forms.CharField(
        label=_("Wat ziet u?"),
        max_length=DESCRIPTION_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Wat doet de organisatie met de mensen die ze dient? Beschrijf het patroon, "
            "zonder een cliënt te noemen."
        ),
    )
    level = forms.ChoiceField(label=_("Niveau"), choices=Level.choices)
    theme = forms.CharField(label=_("Thema"), required=False, max_length=THEME_MAX)
    owner_team = _team_field(_("Eigenaar: team"), _("Het team dat moet reageren."))
    owner = forms.ModelChoiceField(
        label=_("Of eigenaar: persoon"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("— geen —"),
        help_text=_("Kies een team of een persoon."),
    )
    on_behalf_of_team = _team_field(_("Namens team"), _("Als u het signaal namens een team geeft."))
    anonymous = forms.BooleanField(
        label=_("Anoniem richting de eigenaar"),
        required=False,
        help_text=_(
            "De eigenaar en de kwartiermaker zien niet wie het signaal gaf. U volgt het wel."
        ),
    )

    field_order = [
        "title",
        "description",
        "level",
        "theme",
        "owner_team",
        "owner",
        "on_behalf_of_team",
        "anonymous",
    ]

    def __init__(self, *args: Any, teams: Any = None, people: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("owner_team", "on_behalf_of_team"):
            field = cast(forms.ModelChoiceField, self.fields[name])
            field.queryset = teams if teams is not None else Team.objects.none()
        # The owner's label is `str(user)`, ModelChoiceField's default label_from_instance.
        owner = cast(forms.ModelChoiceField, self.fields["owner"])
        owner.queryset = people if people is not None else User.objects.none()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("owner_team") and not data.get("owner") and not self.errors:
            self.add_error("owner_team", _("Kies het team of de persoon die moet reageren."))
        return data


class RespondForm(forms.Form):
    use_required_attribute = False
    text = forms.CharField(
        label=_("Uw reactie"),
        max_length=STEP_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("De indiener leest deze reactie."),
    )


OUTCOME_CHOICES = [
    (SignalState.CHANGE_PLANNED, _("Er komt een verandering (wat en wanneer)")),
    (SignalState.CHANGE_MADE, _("De verandering is doorgevoerd")),
    (SignalState.NO_CHANGE, _("Er verandert niets (met reden)")),
]


class OutcomeForm(forms.Form):
    use_required_attribute = False
    outcome = forms.ChoiceField(label=_("Uitkomst"), choices=OUTCOME_CHOICES)
    text = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=STEP_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Bij een geplande verandering: wat verandert er. Bij geen verandering: de reden "
            "(verplicht)."
        ),
    )
    planned_by = forms.DateField(
        label=_("Gepland uiterlijk"),
        required=False,
        widget=DATE_INPUT,
        help_text=_("Vul dit in als er iets gaat veranderen."),
    )

    def __init__(self, *args: Any, allowed: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if allowed is not None:
            cast(forms.ChoiceField, self.fields["outcome"]).choices = [
                (value, label) for value, label in OUTCOME_CHOICES if value in allowed
            ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        outcome = data.get("outcome")
        if outcome == SignalState.CHANGE_PLANNED:
            if not (data.get("text") or "").strip():
                self.add_error("text", _("Schrijf wat er gaat veranderen."))
            if not data.get("planned_by") and "planned_by" not in self.errors:
                self.add_error("planned_by", _("Kies wanneer de verandering er uiterlijk is."))
        if outcome == SignalState.NO_CHANGE and not (data.get("text") or "").strip():
            self.add_error("text", _("Geef de reden waarom er niets verandert; die is verplicht."))
        return data


class SettingsForm(forms.Form):
    response_days = forms.IntegerField(
        label=_("Reactietermijn (dagen)"),
        min_value=1,
        max_value=RESPONSE_DAYS_MAX,
        help_text=_("Binnen hoeveel dagen de eigenaar op een signaal reageert. Standaard 14."),
    )
    publish_responsiveness = forms.BooleanField(
        label=_("Maak onze responsiviteit openbaar"),
        required=False,
        help_text=_(
            "Een openbare pagina toont alleen cijfers over het beantwoorden van signalen, nooit "
            "de teksten."
        ),
    )


class PeriodForm(forms.Form):
    """The period (and team) of the figures: ``?van=&tot=&team=``."""

    van = forms.DateField(label=_("Van"), required=False, widget=DATE_INPUT)
    tot = forms.DateField(label=_("Tot en met"), required=False, widget=DATE_INPUT)
    team = _team_field(_("Team"), "")

    def __init__(self, *args: Any, teams: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        team = cast(forms.ModelChoiceField, self.fields["team"])
        team.queryset = teams if teams is not None else Team.objects.none()
        team.empty_label = _("Alle teams")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("van"), data.get("tot")
        if start and end and end < start:
            self.add_error("tot", _("De einddatum ligt vóór de begindatum."))
        if start and end and (end - start).days > 366 * 5:
            self.add_error("tot", _("Kies een periode van hoogstens vijf jaar."))
        return data
