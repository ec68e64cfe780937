"""Forms of the plan pages. They parse and validate; services save."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, cast

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from kwartier.accounts.models import Organisation
from kwartier.accounts.selectors import team_list
from kwartier.planning.models import (
    Action,
    CareerStep,
    Deployment,
    Milestone,
    Partner,
    PlanVersion,
    ProgressEntry,
    Risk,
    SharedActivity,
    Support,
    Target,
    VersionPart,
)
from kwartier.planning.projection import GROWTH_MAX, LEVELS, MAX_BUDGET
from kwartier.planning.warnings import WeakTheme

MISSING_TOKEN = _(
    "Dit formulier mist de gegevens van de versie die u bewerkte, of is verouderd. Open de "
    "pagina opnieuw en voer uw wijziging nog eens in."
)

# --- the plan's texts --------------------------------------------------------------------


class PlanForm(forms.ModelForm):
    """The title and texts. When editing, ``token`` carries the fingerprint of the texts
    the form showed (optimistic concurrency: see services.plan_update)."""

    title = forms.CharField(
        label=_("Titel"),
        max_length=150,
        help_text=_("Bijvoorbeeld: Kwartiermaakplan 2026-2030."),
    )
    # No length limit of its own: a tampered token simply does not match (a conflict).
    token = forms.CharField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = PlanVersion
        fields = [
            "ambition",
            "vision",
            "driver",
            "financier_name",
            "financier_commitment",
            "financier_note",
        ]
        widgets = {
            "ambition": forms.Textarea(attrs={"rows": 4}),
            "vision": forms.Textarea(attrs={"rows": 4}),
            "financier_note": forms.Textarea(attrs={"rows": 3}),
        }

    field_order = ["title", *Meta.fields]

    def __init__(self, *args: Any, require_token: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.require_token = require_token

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.require_token and not cleaned.get("token"):
            raise forms.ValidationError(MISSING_TOKEN)
        return cleaned

    def text_data(self) -> dict[str, Any]:
        """What the service saves: everything but the token."""
        return {name: value for name, value in self.cleaned_data.items() if name != "token"}


class EditTokenForm(forms.Form):
    """The token of a section's formset, sent next to it (see services.version_parts_replace)."""

    token = forms.CharField(error_messages={"required": MISSING_TOKEN})


# --- parts of a version: one form per row, in a formset ----------------------------------


class PartForm(forms.ModelForm):
    """One row of a part. ``to_row`` gives the model fields the service saves; the hidden
    ``key`` names the row it edits, so saving updates that row in place."""

    key = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not kwargs.get("initial"):
            # A new row starts blank, not with the model's defaults (0 volunteers, …):
            # otherwise an untouched empty row counts as changed and must be filled in.
            self.initial = {}
            for field in self.fields.values():
                field.initial = None

    def to_row(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self._meta.fields or ()}


class TargetForm(PartForm):
    class Meta:
        model = Target
        fields = ["year", "paid_headcount", "paid_fte", "volunteers"]
        localized_fields = ["paid_fte"]
        help_texts = {
            "paid_fte": _("Deze fte vergelijkt de formatieprojectie met het doel."),
        }


class DeploymentForm(PartForm):
    team_choice: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Team"),
        queryset=None,  # set per organisation
        help_text=_("De laag volgt uit het team."),
    )

    class Meta:
        model = Deployment
        fields = ["role", "headcount"]

    field_order = ["team_choice", "role", "headcount"]

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        team_choice = cast(forms.ModelChoiceField, self.fields["team_choice"])
        team_choice.queryset = team_list(organisation=organisation)

    def to_row(self) -> dict[str, Any]:
        team = self.cleaned_data["team_choice"]
        return {
            "team": team,
            "team_name": team.name,
            "layer": team.layer,
            "role": self.cleaned_data["role"],
            "headcount": self.cleaned_data["headcount"],
        }


class SupportForm(PartForm):
    class Meta:
        model = Support
        fields = ["kind", "description", "budget_per_year"]


class CareerStepForm(PartForm):
    class Meta:
        model = CareerStep
        fields = ["title", "layer", "positions", "year"]


class PartnerForm(PartForm):
    shares = forms.MultipleChoiceField(
        label=_("Wat we delen"),
        choices=SharedActivity.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Partner
        fields = ["name", "shares", "description"]


class MilestoneForm(PartForm):
    class Meta:
        model = Milestone
        fields = ["title", "owner", "due_date", "done"]
        widgets = {"due_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        help_texts = {"due_date": _("Bijvoorbeeld 2026-09-01.")}


class RiskForm(PartForm):
    class Meta:
        model = Risk
        fields = ["kind", "description", "mitigation"]


class ActionForm(PartForm):
    theme = forms.ChoiceField(
        label=_("Thema uit de verkenning"),
        required=False,
        help_text=_("Koppel de actie aan een zwak thema uit de laatste verkenning."),
    )

    class Meta:
        model = Action
        fields = ["description", "owner"]

    field_order = ["description", "owner", "theme"]

    def __init__(self, *args: Any, themes: Sequence[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["theme"]).choices = [("", _("Geen thema")), *themes]
        self.theme_names = dict(themes)

    def to_row(self) -> dict[str, Any]:
        key = self.cleaned_data.get("theme") or ""
        return {
            "description": self.cleaned_data["description"],
            "owner": self.cleaned_data["owner"],
            "theme_key": key,
            "theme_name": self.theme_names.get(key, "") if key else "",
        }


class BasePartFormSet(forms.BaseFormSet):
    unique_field: str | None = None

    def clean(self) -> None:
        super().clean()
        if self.unique_field is None or any(self.errors):
            return
        seen: set[Any] = set()
        for form in self.kept_forms():
            value = form.cleaned_data.get(self.unique_field)
            if value in seen:
                raise forms.ValidationError(
                    _("%(value)s staat er twee keer in; elk jaar mag maar één keer voorkomen.")
                    % {"value": value}
                )
            seen.add(value)

    def kept_forms(self) -> list[PartForm]:
        """Filled-in rows that are not marked for deletion; empty extra rows are skipped."""
        kept = []
        for index, form in enumerate(self.forms):
            if index >= self.initial_form_count() and not form.has_changed():
                continue
            if self.can_delete and getattr(form, "cleaned_data", {}).get("DELETE"):
                continue
            kept.append(form)
        return kept

    def rows(self) -> list[dict[str, Any]]:
        return [
            {**form.to_row(), "key": form.cleaned_data.get("key") or None}
            for form in self.kept_forms()
        ]


# Keys and links that the rows also describe by name (team_name, theme_name).
_NOT_DESCRIBED = frozenset({"team", "theme_key", "created_by"})


def _describe_value(part: VersionPart, name: str) -> str:
    field = cast(models.Field, part._meta.get_field(name))
    if name == "shares":
        value: Any = ", ".join(cast(Partner, part).shares_display)
    elif field.choices:
        value = getattr(part, f"get_{name}_display")()
    else:
        value = getattr(part, name)
    if value is None or value == "":
        value = "–"
    elif value is True or value is False:
        value = _("ja") if value else _("nee")
    return f"{str(field.verbose_name).capitalize()}: {value}"


class TargetFormSet(BasePartFormSet):
    unique_field = "year"


@dataclass(frozen=True)
class Section:
    """One part of the plan with its own edit page."""

    slug: str
    title: Any  # lazy translation
    intro: Any
    model: type[VersionPart]
    form: type[PartForm]
    item_label: Any
    formset: type[BasePartFormSet] = BasePartFormSet

    def initial(self, version: PlanVersion) -> list[dict[str, Any]]:
        rows = []
        for part in self.model._default_manager.filter(version=version).order_by("pk"):
            row = {name: getattr(part, name) for name in self.model.copy_fields}
            if self.model is Deployment:
                row["team_choice"] = row.pop("team")
            if self.model is Action:
                row["theme"] = row.pop("theme_key")
            row["key"] = str(part.key)
            rows.append(row)
        return rows

    def describe(self, version: PlanVersion) -> list[str]:
        """The rows as one line of text each, for a page that shows two versions of them."""
        names = [name for name in self.model.copy_fields if name not in _NOT_DESCRIBED]
        return [
            " · ".join(_describe_value(part, name) for name in names)
            for part in self.model._default_manager.filter(version=version).order_by("pk")
        ]

    def formset_class(self) -> type[BasePartFormSet]:
        formset = forms.formset_factory(
            self.form, formset=self.formset, extra=2, can_delete=True, max_num=60
        )
        return cast(type[BasePartFormSet], formset)


SECTIONS: dict[str, Section] = {
    section.slug: section
    for section in (
        Section(
            "doelen",
            _("Doelen per jaar"),
            _(
                "Hoeveel betaalde ervaringswerkers (in personen en in fte) en vrijwilligers "
                "wilt u in welk jaar hebben? Noem in elk geval het doel over 2 en over 5 jaar."
            ),
            Target,
            TargetForm,
            _("Doel"),
            TargetFormSet,
        ),
        Section(
            "inzet",
            _("Inzet: rollen per team"),
            _(
                "Waar werken ervaringswerkers, en in welke van de drie rollen? Eén regel per "
                "team en rol."
            ),
            Deployment,
            DeploymentForm,
            _("Inzet"),
        ),
        Section(
            "ondersteuning",
            _("Ondersteuning"),
            _("Coaching, intervisie en training voor ervaringswerkers, met het budget per jaar."),
            Support,
            SupportForm,
            _("Ondersteuning"),
        ),
        Section(
            "loopbaan",
            _("Loopbaanpad"),
            _(
                "Functies waarin ervaringswerkers kunnen doorgroeien, bijvoorbeeld in het "
                "middenkader."
            ),
            CareerStep,
            CareerStepForm,
            _("Functie"),
        ),
        Section(
            "samenwerking",
            _("Regionale samenwerking"),
            _(
                "Met wie werkt u in de regio samen, en wat deelt u: werving, training of een "
                "mbo-traject met een regionale onderwijsinstelling?"
            ),
            Partner,
            PartnerForm,
            _("Partner"),
        ),
        Section(
            "mijlpalen",
            _("Mijlpalen"),
            _("Wat is wanneer klaar, en wie zorgt ervoor?"),
            Milestone,
            MilestoneForm,
            _("Mijlpaal"),
        ),
        Section(
            "risicos",
            _("Risico's en weerstand"),
            _(
                "Waar kan het plan op vastlopen, en welke weerstand verwacht u? Beschrijf ook "
                "hoe u ermee omgaat."
            ),
            Risk,
            RiskForm,
            _("Risico"),
        ),
        Section(
            "acties",
            _("Acties"),
            _("Wat gaat u doen? Koppel acties aan de zwakke thema's uit de laatste verkenning."),
            Action,
            ActionForm,
            _("Actie"),
        ),
    )
}


def section_formset(
    section: Section,
    *,
    version: PlanVersion,
    organisation: Organisation,
    data: Any = None,
    weak_themes: Sequence[WeakTheme] = (),
) -> BasePartFormSet:
    form_kwargs: dict[str, Any] = {}
    initial = section.initial(version)
    if section.model is Deployment:
        form_kwargs["organisation"] = organisation
    if section.model is Action:
        themes = {theme.key: theme.name for theme in weak_themes}
        # Keep themes already linked, also when a newer round no longer calls them weak.
        for part in Action.objects.filter(version=version).exclude(theme_key=""):
            themes.setdefault(part.theme_key, part.theme_name or part.theme_key)
        form_kwargs["themes"] = sorted(themes.items(), key=lambda item: item[1])
    return section.formset_class()(
        data, initial=initial, form_kwargs=form_kwargs, prefix=section.slug
    )


# --- scenarios ----------------------------------------------------------------------------

LEVEL_LABELS = {
    "hbo": _("hbo"),
    "mbo": _("mbo"),
    "ervaringswerker": _("ervaringswerkers"),
}


def _percent(label: Any, help_text: Any = "", maximum: int = 100) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        help_text=help_text,
        min_value=0,
        max_value=maximum,
        decimal_places=2,
        max_digits=5,
        localize=True,  # accepts 12,5 as well as 12.5
    )


class ScenarioForm(forms.Form):
    """The projection input in the terms people use: percentages, one budget per year."""

    name = forms.CharField(
        label=_("Naam van het scenario"),
        max_length=100,
        help_text=_("Bijvoorbeeld: Rustig groeien, of: Met job carving."),
    )
    start_year = forms.IntegerField(
        label=_("Eerste jaar"),
        min_value=2000,
        max_value=2100,
        help_text=_("De formatie hieronder is die aan het begin van dit jaar."),
    )
    years = forms.IntegerField(label=_("Aantal jaren"), min_value=1, max_value=50)
    growth = _percent(
        _("Groei van de hele formatie per jaar (%)"),
        _("Tussen 0 en 50 %. Krimp rekent het model niet door: niemand wordt ontslagen."),
        maximum=int(GROWTH_MAX * 100),
    )
    job_carving = forms.DecimalField(
        label=_("Job carving (fte per jaar)"),
        min_value=0,
        max_value=1000,
        decimal_places=2,
        max_digits=7,
        localize=True,
        help_text=_(
            "Hbo-fte per jaar waarvan de taken naar ervaringswerkers gaan; alleen uit hbo'ers "
            "die vertrekken."
        ),
    )
    share = _percent(
        _("Deel van de gewone openingen voor ervaringswerkers (%)"),
        _("Van de vacatures door vertrek en groei: hoeveel procent vult u met ervaringswerkers?"),
    )
    submission = forms.UUIDField(
        required=False,
        widget=forms.HiddenInput,
        error_messages={"invalid": MISSING_TOKEN},
    )
    budget = forms.IntegerField(
        label=_("Budget per jaar (euro)"),
        min_value=0,
        max_value=int(MAX_BUDGET),
        required=False,
        help_text=_("Voor de loonkosten van de hele formatie; leeg laten als er geen budget is."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for level in LEVELS:
            name = LEVEL_LABELS[level]
            self.fields[f"{level}_fte"] = forms.DecimalField(
                label=_("Fte %(level)s nu") % {"level": name},
                min_value=0,
                max_value=100000,
                decimal_places=2,
                max_digits=8,
                localize=True,
            )
            self.fields[f"{level}_attrition"] = _percent(
                _("Vertrek %(level)s per jaar (%%)") % {"level": name},
                _("Welk deel vertrekt gemiddeld per jaar, bijvoorbeeld 10."),
            )
            self.fields[f"{level}_cost"] = forms.IntegerField(
                label=_("Kosten per fte %(level)s (euro per jaar)") % {"level": name},
                min_value=0,
                max_value=1000000,
            )

    def level_fields(self) -> list[tuple[Any, list[forms.BoundField]]]:
        return [
            (
                LEVEL_LABELS[level],
                [self[f"{level}_fte"], self[f"{level}_attrition"], self[f"{level}_cost"]],
            )
            for level in LEVELS
        ]

    def general_fields(self) -> list[forms.BoundField]:
        return [
            self[name]
            for name in ("name", "start_year", "years", "growth", "job_carving", "share", "budget")
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("submission"):  # missing or tampered: hidden, so said up here
            raise forms.ValidationError(MISSING_TOKEN)
        if cleaned.get("hbo_fte") == 0 and cleaned.get("mbo_fte") == 0:
            raise forms.ValidationError(
                _("Hbo en mbo hebben samen 0 fte: vul bij minstens één van beide fte in.")
            )
        return cleaned

    def projection_data(self, targets: dict[int, float]) -> dict[str, Any]:
        """The API's input shape; targets outside the projected years are left out."""
        data = self.cleaned_data
        start, years = data["start_year"], data["years"]
        in_range = range(start, start + years)

        def fraction(value: Decimal) -> float:
            return float(value / 100)

        projection: dict[str, Any] = {
            "start_year": start,
            "years": years,
            "levels": {
                level: {
                    "fte": float(data[f"{level}_fte"]),
                    "attrition": fraction(data[f"{level}_attrition"]),
                    "cost_per_fte": float(data[f"{level}_cost"]),
                }
                for level in LEVELS
            },
            "growth": fraction(data["growth"]),
            "job_carving": float(data["job_carving"]),
            "share": fraction(data["share"]),
            "targets": {
                str(year): fte for year, fte in sorted(targets.items()) if year in in_range
            },
            "budget": {}
            if data.get("budget") is None
            else {str(year): float(data["budget"]) for year in in_range},
        }
        return projection


def scenario_initial(
    projection: dict[str, Any] | None, name: str, this_year: int
) -> dict[str, Any]:
    """Form values from a saved projection input (to vary on it), or sensible defaults."""
    if projection is None:
        projection = {
            "start_year": this_year,
            "years": 5,
            "levels": {
                "hbo": {"fte": 20, "attrition": 0.1, "cost_per_fte": 75000},
                "mbo": {"fte": 10, "attrition": 0.12, "cost_per_fte": 60000},
                "ervaringswerker": {"fte": 1, "attrition": 0.1, "cost_per_fte": 58000},
            },
            "growth": 0.02,
            "job_carving": 0.5,
            "share": 0.2,
        }

    def percent(value: float) -> str:
        # "12.5", "20": plain digits, never Decimal's "2E+1".
        return f"{value * 100:.2f}".rstrip("0").rstrip(".")

    initial: dict[str, Any] = {
        "submission": uuid.uuid4(),  # one per form shown: see services.scenario_create
        "name": name,
        "start_year": projection["start_year"],
        "years": projection["years"],
        "growth": percent(projection.get("growth", 0)),
        "job_carving": projection.get("job_carving", 0),
        "share": percent(projection.get("share", 0)),
    }
    budgets = list((projection.get("budget") or {}).values())
    initial["budget"] = int(budgets[0]) if budgets else None
    for level in LEVELS:
        values = projection["levels"][level]
        initial[f"{level}_fte"] = values["fte"]
        initial[f"{level}_attrition"] = percent(values["attrition"])
        initial[f"{level}_cost"] = int(values["cost_per_fte"])
    return initial


class CompareForm(forms.Form):
    a = forms.TypedChoiceField(label=_("Scenario A"), coerce=int)
    b = forms.TypedChoiceField(label=_("Scenario B"), coerce=int)

    def __init__(self, *args: Any, scenarios: Sequence[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(scenario.pk, scenario.name) for scenario in scenarios]
        cast(forms.ChoiceField, self.fields["a"]).choices = choices
        cast(forms.ChoiceField, self.fields["b"]).choices = choices

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("a") is not None and cleaned.get("a") == cleaned.get("b"):
            raise forms.ValidationError(_("Kies twee verschillende scenario's."))
        return cleaned


# --- adoption -----------------------------------------------------------------------------


class AdoptForm(forms.Form):
    """What the bestuurder confirms: this version, reading exactly like this."""

    version = forms.IntegerField(
        widget=forms.HiddenInput, error_messages={"required": MISSING_TOKEN}
    )
    content_hash = forms.CharField(
        max_length=64, widget=forms.HiddenInput, error_messages={"required": MISSING_TOKEN}
    )


# --- progress -----------------------------------------------------------------------------


class ProgressForm(forms.ModelForm):
    class Meta:
        model = ProgressEntry
        fields = ["year", "headcount", "fte", "note"]
        localized_fields = ["fte"]
        help_texts = {
            "year": _("Een jaar dat er al staat, wordt bijgewerkt."),
            "fte": _("Het aantal fte aan het eind van het jaar (of nu, voor het lopende jaar)."),
        }

    def validate_unique(self) -> None:
        """An existing year is updated by the service, not refused."""
