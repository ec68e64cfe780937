"""Forms of wij-kennis: every one works without JavaScript."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from kwartier.collective.models import COLOUR, Code, Codebook, Stance

TEXTAREA = {"rows": 3}


class CodebookForm(forms.Form):
    name = forms.CharField(label=_("Naam"), max_length=150)
    scope = forms.ChoiceField(
        label=_("Voor wie"),
        choices=[
            ("organisation", _("Alleen onze organisatie")),
            ("network", _("Het hele regionale netwerk")),
        ],
        initial="network",
        help_text=_(
            "Een netwerkcodeboek kunnen ervaringsdeskundigen van alle organisaties "
            "in het netwerk samen gebruiken."
        ),
    )
    description = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea(attrs=TEXTAREA)
    )
    min_fragments = forms.IntegerField(
        label=_("Minimaal aantal fragmenten voor een inzicht"),
        min_value=1,
        max_value=50,
        initial=3,
    )
    min_tellers = forms.IntegerField(
        label=_("Minimaal aantal verschillende vertellers"),
        min_value=1,
        max_value=50,
        initial=3,
        help_text=_(
            "Een inzicht wordt pas gepubliceerd als zoveel verschillende mensen het "
            "met hun verhaal ondersteunen."
        ),
    )


class CodeForm(forms.Form):
    name = forms.CharField(label=_("Naam"), max_length=120)
    definition = forms.CharField(
        label=_("Omschrijving"),
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
        help_text=_("Wanneer gebruik je deze code, en wanneer niet?"),
    )
    example = forms.CharField(
        label=_("Voorbeeld"), required=False, widget=forms.Textarea(attrs=TEXTAREA)
    )
    colour = forms.CharField(
        label=_("Kleur"),
        max_length=7,
        initial="#1f6fb2",
        validators=[COLOUR],
        help_text=_(
            "Als #rrggbb, bijvoorbeeld #1f6fb2 (blauw). Kies een kleur die met "
            "witte tekst en op wit goed te zien is."
        ),
    )
    parent = forms.ModelChoiceField(
        label=_("Valt onder"),
        queryset=Code.objects.none(),
        required=False,
        empty_label=_("(bovenaan)"),
    )

    def __init__(
        self, *args: Any, codebook: Codebook, exclude: Code | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        codes = codebook.codes.filter(retired_at__isnull=True, merged_into__isnull=True)
        if exclude is not None:
            codes = codes.exclude(pk=exclude.pk)
        cast(forms.ModelChoiceField, self.fields["parent"]).queryset = codes.order_by("name")


class MergeForm(forms.Form):
    into = forms.ModelChoiceField(label=_("Samenvoegen met"), queryset=Code.objects.none())

    def __init__(self, *args: Any, code: Code, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["into"]).queryset = (
            code.codebook.codes.filter(retired_at__isnull=True, merged_into__isnull=True)
            .exclude(pk=code.pk)
            .order_by("name")
        )


class SentenceCodingForm(forms.Form):
    """Code whole sentences: from sentence `first` to sentence `last` (numbers shown)."""

    code = forms.ModelChoiceField(label=_("Code"), queryset=Code.objects.none())
    first = forms.IntegerField(label=_("Van zin"), min_value=1)
    last = forms.IntegerField(
        label=_("Tot en met zin"),
        min_value=1,
        required=False,
        help_text=_("Leeg: alleen de eerste zin."),
    )

    def __init__(self, *args: Any, codebook: Codebook, sentences: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["code"]).queryset = active_codes(codebook)
        first = cast(forms.IntegerField, self.fields["first"])
        first.max_value = sentences
        first.widget.attrs["max"] = sentences
        self.sentences = sentences

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, last = data.get("first"), data.get("last") or data.get("first")
        if first and last and (last < first or last > self.sentences):
            self.add_error(
                "last",
                _("Kies een zin van %(first)s tot %(max)s.")
                % {"first": first, "max": self.sentences},
            )
        data["last"] = last
        return data


class QuoteCodingForm(forms.Form):
    """Code a passage by typing or pasting it ("code deze passage")."""

    code = forms.ModelChoiceField(label=_("Code"), queryset=Code.objects.none())
    quote = forms.CharField(
        label=_("Passage"),
        widget=forms.Textarea(attrs=TEXTAREA),
        help_text=_("Kopieer de passage letterlijk uit het verhaal hierboven."),
    )
    start = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)
    end = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    def __init__(self, *args: Any, codebook: Codebook, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["code"]).queryset = active_codes(codebook)


class MemoForm(forms.Form):
    text = forms.CharField(label=_("Memo"), widget=forms.Textarea(attrs=TEXTAREA))
    coding = forms.IntegerField(widget=forms.HiddenInput, required=False)


class InsightForm(forms.Form):
    statement = forms.CharField(
        label=_("Inzicht"),
        widget=forms.Textarea(attrs=TEXTAREA),
        help_text=_("Wat leren de verhalen samen? Schrijf het in één of twee zinnen."),
    )
    code = forms.ModelChoiceField(
        label=_("Onderwerp (code)"), queryset=Code.objects.none(), required=False
    )

    def __init__(self, *args: Any, codebook: Codebook, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["code"]).queryset = active_codes(codebook)


class EvidenceForm(forms.Form):
    coding = forms.TypedChoiceField(label=_("Fragment"), coerce=int, choices=())
    stance = forms.ChoiceField(
        label=_("Dit fragment"),
        choices=Stance.choices,
        initial=Stance.SUPPORTS,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, choices: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.TypedChoiceField, self.fields["coding"]).choices = choices


class ReviewForm(forms.Form):
    note = forms.CharField(
        label=_("Toelichting"),
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
        help_text=_("Klopt het inzicht met de fragmenten? Wat valt op?"),
    )


class AskForm(forms.Form):
    q = forms.CharField(label=_("Uw vraag"), max_length=300, required=False)


class MeaningForm(forms.Form):
    """The teller's own meaning of their story (self-signification)."""

    THEMES = [
        ("herstel", _("Herstel")),
        ("hoop", _("Hoop")),
        ("eenzaamheid", _("Eenzaamheid")),
        ("geld", _("Geld en schulden")),
        ("wonen", _("Wonen")),
        ("werk", _("Werk en meedoen")),
        ("hulpverlening", _("Hulpverlening")),
        ("familie", _("Familie en naasten")),
    ]
    themes = forms.MultipleChoiceField(
        label=_("Waar gaat mijn verhaal over?"),
        choices=THEMES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    tone = forms.ChoiceField(
        label=_("Hoe voelt het verhaal nu voor mij?"),
        choices=[
            ("", _("(zeg ik liever niet)")),
            ("moeilijk", _("Vooral moeilijk")),
            ("gemengd", _("Gemengd")),
            ("hoopvol", _("Vooral hoopvol")),
        ],
        required=False,
    )
    message = forms.CharField(
        label=_("Wat wil ik dat een professional hieruit meeneemt?"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs=TEXTAREA),
    )


def active_codes(codebook: Codebook) -> Any:
    return codebook.codes.filter(retired_at__isnull=True, merged_into__isnull=True).order_by("name")


class SupersedeForm(forms.Form):
    superseded_by = forms.TypedChoiceField(label=_("Vervangen door"), coerce=int, choices=())

    def __init__(self, *args: Any, choices: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.TypedChoiceField, self.fields["superseded_by"]).choices = choices
