"""Forms of the knowledge bank: they parse and explain; the services decide."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kwartier.accounts.models import Domain
from kwartier.knowledge.deid import LABELS, TAG_NAMES
from kwartier.knowledge.models import (
    ConsentPurpose,
    Language,
    LifePhase,
    ReplacementMode,
    Visibility,
)
from kwartier.knowledge.search.base import MAX_PER_PAGE

#: Labels of identifier kinds, in Dutch, for the review screen and the extra-text field.
LABEL_NAMES: dict[str, Any] = {
    "PERSON": _("Naam van een persoon"),
    "LOCATION": _("Plaats of wijk"),
    "ADDRESS": _("Adres of postcode"),
    "ORGANISATION": _("Organisatie"),
    "DATE": _("Datum"),
    "AGE": _("Leeftijd"),
    "BSN": _("Burgerservicenummer"),
    "IBAN": _("Rekeningnummer"),
    "PHONE": _("Telefoonnummer"),
    "EMAIL": _("E-mailadres"),
    "URL": _("Webadres"),
    "LICENSE_PLATE": _("Kenteken"),
    "ID_NUMBER": _("Dossier- of klantnummer"),
}
assert set(LABEL_NAMES) == set(LABELS) == set(TAG_NAMES)


RADIO_ATTRS = {"class": "utrecht-radio-button utrecht-radio-button--html-input"}


def tags_from_text(value: str) -> list[str]:
    return [part for part in (p.strip() for p in value.split(",")) if part]


class ExperienceForm(forms.Form):
    title = forms.CharField(
        label=_("Titel"),
        max_length=200,
        help_text=_("Een korte titel. Ook de titel wordt gecontroleerd op herkenbare gegevens."),
    )
    text = forms.CharField(
        label=_("Uw verhaal"),
        required=False,
        max_length=50_000,
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=_(
            "Schrijf vrijuit. Niemand anders ziet deze tekst. Voordat u iets deelt, zoekt "
            "Kwartier namen, plaatsen en nummers en beslist u zelf wat weg moet."
        ),
    )
    domains = forms.ModelMultipleChoiceField(
        label=_("Ervaringsdomeinen"),
        queryset=Domain.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Waar gaat uw ervaring over? Kies er één of meer."),
    )
    life_phase = forms.ChoiceField(
        label=_("Levensfase"),
        choices=[("", _("– niet gekozen –")), *LifePhase.choices],
        required=False,
        help_text=_("In welke fase van uw leven speelde dit?"),
    )
    tags = forms.CharField(
        label=_("Trefwoorden"),
        required=False,
        max_length=500,
        help_text=_(
            "Uw eigen woorden bij het verhaal, met een komma ertussen. Bijvoorbeeld: herstel, werk."
        ),
    )
    language = forms.ChoiceField(label=_("Taal"), choices=Language.choices, initial=Language.DUTCH)
    # Optimistic concurrency: the story's revision this form was opened on, and which
    # open form it is (autosaves of one form fold into one version).
    revision = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)
    edit_session = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        domains = cast(forms.ModelMultipleChoiceField, self.fields["domains"])
        domains.queryset = Domain.objects.filter(is_active=True)

    def clean_tags(self) -> list[str]:
        return tags_from_text(self.cleaned_data.get("tags", ""))


class RecordingForm(ExperienceForm):
    """A story recorded on behalf of someone without an account: their signed consent."""

    narrator_name = forms.CharField(
        label=_("Naam van de verteller"),
        max_length=150,
        help_text=_("Wordt versleuteld bewaard en nooit gedeeld."),
    )
    consent_date = forms.DateField(
        label=_("Op welke dag gaf de verteller toestemming op papier?"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Bijvoorbeeld 14-03-2026."),
    )
    consent_scope = forms.ChoiceField(
        label=_("Mag gedeeld worden met"),
        choices=[(v.value, v.label) for v in Visibility if v != Visibility.PRIVATE],
        help_text=_("De verteller bepaalt hoe ver het verhaal hoogstens mag reiken."),
    )
    purposes = forms.MultipleChoiceField(
        label=_("Doelen waarvoor de verteller toestemming gaf"),
        choices=ConsentPurpose.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Bij verantwoording mag de organisatie het verhaal laten zien als voorbeeld van "
            "wat ze bereikt. Dat kan ook in een verslag aan het bestuur of wie het werk betaalt."
        ),
    )
    consent_signed = forms.BooleanField(
        label=_("De verteller heeft de toestemming getekend"), required=False
    )

    field_order = [
        "narrator_name",
        "consent_date",
        "consent_scope",
        "purposes",
        "consent_signed",
        "title",
        "text",
        "domains",
        "life_phase",
        "tags",
        "language",
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["consent_date"].initial = timezone.localdate()


PURPOSES_HELP = _(
    "Kies alleen wat u goed vindt. Bij „verantwoording” kan uw organisatie de gedeelde "
    "tekst als voorbeeld tonen bij haar resultaten en in rapporten aan het bestuur en de "
    "financier. Uw naam staat er nooit bij. Trekt u het verhaal in, dan verdwijnt het daar "
    "meteen ook."
)


class PublishForm(forms.Form):
    visibility = forms.ChoiceField(
        label=_("Met wie deelt u dit verhaal?"),
        widget=forms.RadioSelect(attrs=RADIO_ATTRS),
        choices=(),
    )
    purposes = forms.MultipleChoiceField(
        label=_("Waarvoor mag het gebruikt worden?"),
        choices=ConsentPurpose.choices,
        widget=forms.CheckboxSelectMultiple,
        initial=[ConsentPurpose.KNOWLEDGE],
        help_text=PURPOSES_HELP,
    )
    consent = forms.BooleanField(
        label=_(
            "Ik heb de tekst hierboven gelezen en geef toestemming om precies deze tekst te "
            "delen. Ik kan deze toestemming altijd weer intrekken."
        ),
        required=False,
    )
    # The fingerprint of the preview on this page; a missing or old one is refused by the
    # service with a fresh preview.
    preview_hash = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)

    def __init__(self, *args: Any, allowed: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        labels = dict(Visibility.choices)
        visibility = cast(forms.ChoiceField, self.fields["visibility"])
        visibility.choices = [(v, labels[v]) for v in allowed]


class SearchForm(forms.Form):
    """Query and filters of the kennisbank; also the API's query parameters."""

    q = forms.CharField(label=_("Zoek in de kennisbank"), required=False, max_length=200)
    domein = forms.SlugField(required=False, max_length=80)
    levensfase = forms.ChoiceField(required=False, choices=[("", ""), *LifePhase.choices])
    trefwoord = forms.CharField(required=False, max_length=40)
    organisatie = forms.IntegerField(required=False, min_value=1)
    jaar = forms.IntegerField(required=False, min_value=1900, max_value=2200)
    pagina = forms.IntegerField(required=False, min_value=1, max_value=10_000)
    per_pagina = forms.IntegerField(required=False, min_value=1, max_value=MAX_PER_PAGE)

    FILTERS = ("domein", "levensfase", "trefwoord", "organisatie", "jaar")

    def filters_text(self) -> str:
        data = getattr(self, "cleaned_data", {})
        return " ".join(f"{name}={data[name]}" for name in self.FILTERS if data.get(name))


class ReviewExtraForm(forms.Form):
    """The keyboard way to mark more text: type the exact words, one phrase a line."""

    extra = forms.CharField(
        label=_("Extra tekst om weg te laten"),
        required=False,
        max_length=5_000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Typ woorden precies zoals ze in uw verhaal staan, één per regel. Elke plek waar "
            "ze voorkomen wordt weggelaten."
        ),
    )
    extra_label = forms.ChoiceField(
        label=_("Soort gegeven"),
        choices=list(LABEL_NAMES.items()),
        initial="PERSON",
        help_text=_("Bepaalt de vervanging, bijvoorbeeld [PERSOON 3]."),
    )
    mode = forms.ChoiceField(
        label=_("Hoe wordt weggelaten tekst vervangen?"),
        widget=forms.RadioSelect(attrs=RADIO_ATTRS),
        choices=ReplacementMode.choices,
    )
