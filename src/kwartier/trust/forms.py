from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kwartier.trust.models import OrganisationDetails
from kwartier.trust.services import FIELDS


class DetailsForm(forms.ModelForm):
    class Meta:
        model = OrganisationDetails
        fields = FIELDS
        widgets = {
            "address": forms.Textarea(attrs={"rows": 3}),
            "processors": forms.Textarea(attrs={"rows": 4}),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("dpo_name") and not data.get("dpo_email"):
            self.add_error("dpo_email", _("Vul ook het e-mailadres van de FG in."))
        if data.get("dpo_email") and not data.get("dpo_name"):
            self.add_error("dpo_name", _("Vul ook de naam van de FG in."))
        return data
