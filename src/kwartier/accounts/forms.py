from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext_lazy as _

from kwartier.accounts.models import (
    DESCRIPTION_MAX_LENGTH,
    Invitation,
    Layer,
    Membership,
    Organisation,
    Role,
    Team,
    User,
)
from kwartier.accounts.rules import grantable_roles


class TeamForm(forms.Form):
    name = forms.CharField(label=_("Naam van het team"), max_length=150)
    layer = forms.ChoiceField(
        label=_("Laag"),
        choices=Layer.choices,
        help_text=_("In welke laag van de organisatie werkt dit team?"),
    )
    description = forms.CharField(
        label=_("Omschrijving"),
        required=False,
        max_length=DESCRIPTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class _TeamChoiceMixin:
    fields: dict[str, forms.Field]  # mixed into a form, which has them

    def limit_teams(self, organisation: Organisation) -> None:
        field = cast(forms.ModelChoiceField, self.fields["team"])
        field.queryset = Team.objects.filter(organisation=organisation)

    def offer_roles(self, choices: list[tuple[str, str]]) -> None:
        """Show only `choices`. The field still accepts every role, so that a posted
        role the granter may not give reaches the service, which refuses it with a
        message that says why (`accounts.rules` is the one rule)."""
        cast(forms.Select, self.fields["role"].widget).choices = choices


class InvitationForm(_TeamChoiceMixin, forms.Form):
    email = forms.EmailField(label=_("E-mailadres"))
    role = forms.ChoiceField(label=_("Rol"), choices=Role.choices, initial=Role.EMPLOYEE)
    team = forms.ModelChoiceField(
        label=_("Team"), queryset=Team.objects.none(), required=False, empty_label=_("Geen team")
    )

    def __init__(
        self, *args: Any, organisation: Organisation, granter: User, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.limit_teams(organisation)
        self.offer_roles(grantable_roles(granter, organisation))


class MembershipForm(_TeamChoiceMixin, forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["role", "team"]

    def __init__(self, *args: Any, granter: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.limit_teams(self.instance.organisation)
        cast(forms.ModelChoiceField, self.fields["team"]).empty_label = _("Geen team")
        choices = grantable_roles(granter, self.instance.organisation)
        if self.instance.role not in {value for value, _label in choices}:
            # Shown, so the page says what the role is; the service refuses the change.
            choices = [(self.instance.role, self.instance.get_role_display()), *choices]
        self.offer_roles(choices)


class OrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["name", "description", "city", "website", "require_mfa"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class AcceptInvitationForm(forms.Form):
    full_name = forms.CharField(label=_("Uw naam"), max_length=150)
    password1 = forms.CharField(
        label=_("Kies een wachtwoord"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Minstens 10 tekens; geen veelgebruikt wachtwoord."),
    )
    password2 = forms.CharField(
        label=_("Herhaal het wachtwoord"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args: Any, invitation: Invitation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.invitation = invitation

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("De twee wachtwoorden zijn niet gelijk."))
        elif first:
            probe = User(email=self.invitation.email, full_name=data.get("full_name", ""))
            try:
                validate_password(first, user=probe)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data
