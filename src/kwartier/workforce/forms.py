"""Forms of Inzet. Services do the writing; forms parse and give Dutch field errors."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kwartier.accounts.models import Domain, ExperienceRole, Network, Organisation, Team
from kwartier.workforce.models import (
    CareerStep,
    CoachingTrajectory,
    DevelopmentGoal,
    HoursEntry,
    IntervisieGroup,
    IntervisieMethod,
    MatchingConsent,
    Position,
    Profile,
    Registration,
    Training,
)


def _date() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ProfileForm(forms.ModelForm):
    domains = forms.ModelMultipleChoiceField(
        label=_("Ervaringsdomeinen"),
        queryset=Domain.objects.filter(is_active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Waar heeft de ervaringswerker eigen ervaring mee?"),
    )

    class Meta:
        model = Profile
        fields = [
            "name",
            "email",
            "domains",
            "employment",
            "contract_hours",
            "pay_scale",
            "hourly_wage",
            "allowance_per_hour",
            "allowance_per_month",
            "available_hours",
            "region",
            "date_of_birth",
        ]
        widgets = {"date_of_birth": _date()}
        localized_fields = [
            "contract_hours",
            "hourly_wage",
            "allowance_per_hour",
            "allowance_per_month",
            "available_hours",
        ]


class OwnProfileForm(ProfileForm):
    """The worker's own profile: also the matching consent, which only they choose."""

    matching_consent = forms.ChoiceField(
        label=_("Toestemming voor vacatures"),
        choices=MatchingConsent.choices,
        widget=forms.RadioSelect,
        help_text=Profile._meta.get_field("matching_consent").help_text,
    )

    class Meta(ProfileForm.Meta):
        fields = [*ProfileForm.Meta.fields, "matching_consent"]


class InviteChoiceForm(forms.Form):
    invite = forms.BooleanField(
        label=_("Nodig de ervaringswerker uit voor een eigen account"),
        required=False,
        help_text=_("Er gaat een e-mail met een link naar het e-mailadres hierboven."),
    )


class PositionForm(forms.ModelForm):
    roles = forms.MultipleChoiceField(
        label=_("Rollen"),
        choices=ExperienceRole.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Eén of meer van de drie rollen."),
        error_messages={"required": _("Kies één of meer van de drie rollen.")},
    )

    class Meta:
        model = Position
        fields = ["team", "layer", "roles", "fte", "employment", "starts", "ends"]
        widgets = {"starts": _date(), "ends": _date()}
        localized_fields = ["fte"]

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        team_field = self.fields["team"]
        assert isinstance(team_field, forms.ModelChoiceField)
        team_field.queryset = Team.objects.filter(organisation=organisation)


class TrainingForm(forms.ModelForm):
    class Meta:
        model = Training
        fields = ["kind", "name", "started", "completed"]
        widgets = {"started": _date(), "completed": _date()}


class RegistrationForm(forms.ModelForm):
    class Meta:
        model = Registration
        fields = ["register", "status", "number", "valid_until"]
        widgets = {"valid_until": _date()}


class CoachingForm(forms.ModelForm):
    class Meta:
        model = CoachingTrajectory
        fields = ["coach", "starts", "ends", "focus"]
        widgets = {"starts": _date(), "ends": _date()}


class HoursForm(forms.ModelForm):
    class Meta:
        model = HoursEntry
        fields = [
            "kind",
            "role",
            "period_start",
            "period_end",
            "hours",
            "description",
            "supervisor_name",
            "supervisor_email",
        ]
        widgets = {"period_start": _date(), "period_end": _date()}
        localized_fields = ["hours"]


class GoalForm(forms.ModelForm):
    class Meta:
        model = DevelopmentGoal
        fields = ["title", "description", "target_date", "status"]
        widgets = {"target_date": _date()}


class CareerStepForm(forms.ModelForm):
    class Meta:
        model = CareerStep
        fields = ["title", "layer", "status", "target_date", "note"]
        widgets = {"target_date": _date()}


class GroupForm(forms.ModelForm):
    class Meta:
        model = IntervisieGroup
        fields = ["name", "network", "facilitator"]

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        network_field = self.fields["network"]
        assert isinstance(network_field, forms.ModelChoiceField)
        network_field.queryset = Network.objects.filter(organisations=organisation)
        network_field.required = False


class MemberAddForm(forms.Form):
    profile = forms.ModelChoiceField(label=_("Ervaringswerker"), queryset=Profile.objects.none())

    def __init__(self, *args: Any, profiles: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        profile_field = self.fields["profile"]
        assert isinstance(profile_field, forms.ModelChoiceField)
        profile_field.queryset = profiles


class SessionForm(forms.Form):
    date = forms.DateField(label=_("Datum"), widget=_date())
    method = forms.ChoiceField(label=_("Methode"), choices=IntervisieMethod.choices)
    topics = forms.CharField(
        label=_("Onderwerpen (alleen titels)"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Eén titel per regel. Wat er besproken wordt, blijft in de groep."),
    )

    def topic_list(self) -> list[str]:
        return [line for line in self.cleaned_data.get("topics", "").splitlines() if line.strip()]


class AttendanceForm(forms.Form):
    present = forms.ModelMultipleChoiceField(
        label=_("Aanwezig van onze organisatie"),
        queryset=Profile.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, profiles: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        present_field = self.fields["present"]
        assert isinstance(present_field, forms.ModelMultipleChoiceField)
        present_field.queryset = profiles


class DecisionForm(forms.Form):
    name = forms.CharField(label=_("Uw naam"), max_length=150)
    email = forms.EmailField(label=_("Uw e-mailadres"), required=False)
    note = forms.CharField(
        label=_("Toelichting"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
