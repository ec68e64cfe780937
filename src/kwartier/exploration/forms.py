"""Forms of the verkenning. They parse input; the services decide what is allowed."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import timedelta
from typing import Any, cast

from django import forms
from django.forms import BoundField
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kwartier.accounts.models import Organisation, User
from kwartier.exploration.default_template import MAX_STATEMENTS_PER_THEME
from kwartier.exploration.models import (
    MAX_CONCERN_TEXT,
    ConcernSource,
    ConcernStatus,
    Round,
    TemplateVersion,
)
from kwartier.exploration.scoring import Answer, Statement
from kwartier.exploration.services import (
    DEFAULT_GROUPS,
    MAX_EMAIL_INPUT_LENGTH,
    MAX_OPEN_ANSWER_LENGTH,
)

MAX_ADVICE_LENGTH = 4000

DONT_KNOW = "dont_know"
RADIO_CLASS = "utrecht-radio-button utrecht-radio-button--html-input"


class DateInput(forms.DateInput):
    input_type = "date"


class TemplateChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: TemplateVersion) -> str:
        return f"{obj.name} (versie {obj.version})"


class RoundForm(forms.Form):
    title = forms.CharField(
        label=_("Titel"),
        max_length=150,
        help_text=_("Bijvoorbeeld: Verkenning voorjaar 2026."),
    )
    template = TemplateChoiceField(
        label=_("Vragenlijst"),
        queryset=TemplateVersion.objects.none(),
        empty_label=None,
        help_text=_("De ronde houdt deze versie, ook als het sjabloon later verandert."),
    )
    deadline = forms.DateField(
        label=_("Einddatum"),
        widget=DateInput,
        help_text=_("Tot en met deze dag kunnen respondenten antwoorden."),
    )
    groups = forms.MultipleChoiceField(
        label=_("Groepen respondenten"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Vraag elke laag van de organisatie en de ervaringswerkers; cliënten en "
            "partners zijn optioneel. Van een groep met minder dan vijf respondenten "
            "tonen we geen uitsplitsing."
        ),
    )
    anonymous_links = forms.BooleanField(
        label=_("Maak per groep een anonieme link om te delen"),
        required=False,
        initial=True,
        help_text=_("Naast of in plaats van persoonlijke uitnodigingen per e-mail."),
    )

    def __init__(self, *args: Any, templates: list[TemplateVersion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        template_field = cast(forms.ModelChoiceField, self.fields["template"])
        template_field.queryset = TemplateVersion.objects.filter(pk__in=[t.pk for t in templates])
        if templates:
            template_field.initial = templates[0].pk
            labels = templates[0].scan.group_labels
            cast(forms.ChoiceField, self.fields["groups"]).choices = list(labels.items())
        self.fields["groups"].initial = list(DEFAULT_GROUPS)
        self.fields["deadline"].initial = timezone.localdate() + timedelta(days=21)


class InvitationForm(forms.Form):
    group = forms.ChoiceField(label=_("Groep"), help_text=_("Alle adressen komen in deze groep."))
    emails = forms.CharField(
        label=_("E-mailadressen"),
        max_length=MAX_EMAIL_INPUT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Eén adres per regel. Iedereen krijgt een eigen link die één keer werkt. De "
            "adressen worden gewist zodra de ronde sluit en nooit aan antwoorden gekoppeld."
        ),
    )

    def __init__(self, *args: Any, round: Round, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        group_field = cast(forms.ChoiceField, self.fields["group"])
        group_field.choices = [(g, round.group_label(g)) for g in round.groups]


class ConcernForm(forms.Form):
    title = forms.CharField(label=_("Zorg of bezwaar"), max_length=200)
    description = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=MAX_CONCERN_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Beschrijf de zorg in eigen woorden, zonder namen van personen."),
    )
    source = forms.ChoiceField(label=_("Waar kwam het naar voren"), choices=ConcernSource.choices)
    layer = forms.ChoiceField(label=_("Groep of laag"), required=False)
    round = forms.ModelChoiceField(
        label=_("Verkenningsronde"),
        queryset=Round.objects.none(),
        required=False,
        empty_label=_("Geen ronde"),
    )
    owner = forms.ModelChoiceField(
        label=_("Eigenaar"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("Nog niemand"),
        help_text=_("Wie zorgt voor een antwoord en houdt de opvolging bij."),
    )
    response = forms.CharField(
        label=_("Onze reactie en afspraken"),
        required=False,
        max_length=MAX_CONCERN_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    status = forms.ChoiceField(label=_("Status"), choices=ConcernStatus.choices)

    def __init__(
        self, *args: Any, organisation: Organisation, group_labels: dict[str, str], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        layer_field = cast(forms.ChoiceField, self.fields["layer"])
        layer_field.choices = [("", _("Niet van toepassing")), *group_labels.items()]
        round_field = cast(forms.ModelChoiceField, self.fields["round"])
        round_field.queryset = Round.objects.filter(organisation=organisation)
        owner_field = cast(forms.ModelChoiceField, self.fields["owner"])
        owner_field.queryset = User.objects.filter(
            memberships__organisation=organisation, is_active=True
        ).order_by("full_name", "email")


# --- Answering ----------------------------------------------------------------------------


def _answer_choices(scale_labels: dict[str, str]) -> list[tuple[str, str]]:
    return [(key, scale_labels[key]) for key in ("1", "2", "3", "4", "5", DONT_KNOW)]


class ThemeAnswersForm(forms.Form):
    """One radio group per statement of a theme; every statement may be skipped."""

    def __init__(
        self,
        *args: Any,
        statements: Iterable[Statement],
        scale_labels: dict[str, str],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.statements = list(statements)
        for statement in self.statements:
            self.fields[statement.key] = forms.ChoiceField(
                label=statement.text,
                choices=_answer_choices(scale_labels),
                required=False,
                widget=forms.RadioSelect(attrs={"class": RADIO_CLASS}),
                error_messages={"invalid_choice": _("Kies een van de antwoorden.")},
            )

    def answers(self) -> dict[str, Answer]:
        """Statement key to 1..5 or None ("weet niet"); skipped statements left out."""
        parsed: dict[str, Answer] = {}
        for key, value in self.cleaned_data.items():
            if value == DONT_KNOW:
                parsed[key] = None
            elif value:
                parsed[key] = int(value)
        return parsed

    @staticmethod
    def initial_from(answers: dict[str, Answer], keys: Iterable[str]) -> dict[str, str]:
        initial = {}
        for key in keys:
            if key in answers:
                value = answers[key]
                initial[key] = DONT_KNOW if value is None else str(value)
        return initial


class OpenAnswersForm(forms.Form):
    def __init__(self, *args: Any, questions: Iterable[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for question in questions:
            self.fields[question.key] = forms.CharField(
                label=question.text,
                required=False,
                max_length=MAX_OPEN_ANSWER_LENGTH,
                widget=forms.Textarea(attrs={"rows": 4}),
            )


# --- Template editing ---------------------------------------------------------------------

ORDINARY, REVERSED, RED_FLAG = "ordinary", "reversed", "red_flag"
KIND_CHOICES = [
    (ORDINARY, _("Gewoon: eens is gunstig")),
    (REVERSED, _("Omgekeerd: eens is ongunstig")),
    (RED_FLAG, _("Rode vlag: verkeerd motief (telt omgekeerd)")),
]
_NUMBERED_KEY = re.compile(r"^(?P<theme>.+)_(?P<number>\d+)$")


def _kind(statement: dict[str, Any]) -> str:
    if statement.get("red_flag"):
        return RED_FLAG
    return REVERSED if statement.get("reversed") else ORDINARY


class TemplateEditForm(forms.Form):
    """Edit the wording, kind and advice of a template; the result becomes a new version.

    Keys stay stable: a removed statement's key is never handed out again, because
    stored answers of earlier rounds refer to it.
    """

    name = forms.CharField(label=_("Naam van de vragenlijst"), max_length=200)
    change_note = forms.CharField(
        label=_("Wat is er veranderd"),
        max_length=255,
        help_text=_("Een korte zin voor de versiegeschiedenis."),
    )

    def __init__(
        self, *args: Any, template: TemplateVersion, used_keys: set[str], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.template = template
        self.used_keys = used_keys
        content = template.content
        self.fields["name"].initial = template.name
        self.sections: list[dict[str, Any]] = []
        for theme in content["themes"]:
            key = theme["key"]
            names = [f"theme_{key}"]
            self.fields[f"theme_{key}"] = forms.CharField(
                label=_("Naam van het thema"), max_length=150, initial=theme["name"]
            )
            statements = [s for s in content["statements"] if s["theme"] == key]
            for statement in statements:
                skey = statement["key"]
                self.fields[f"text_{skey}"] = forms.CharField(
                    label=_("Stelling %(key)s") % {"key": skey},
                    max_length=400,
                    initial=statement["text"],
                    widget=forms.Textarea(attrs={"rows": 2}),
                )
                self.fields[f"kind_{skey}"] = forms.ChoiceField(
                    label=_("Soort stelling %(key)s") % {"key": skey},
                    choices=KIND_CHOICES,
                    initial=_kind(statement),
                )
                self.fields[f"remove_{skey}"] = forms.BooleanField(
                    label=_("Stelling %(key)s weghalen") % {"key": skey}, required=False
                )
                names += [f"text_{skey}", f"kind_{skey}", f"remove_{skey}"]
            self.fields[f"new_text_{key}"] = forms.CharField(
                label=_("Nieuwe stelling (niet verplicht)"),
                max_length=400,
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text=_("Een thema heeft 3 tot %(max)s stellingen.")
                % {"max": MAX_STATEMENTS_PER_THEME},
            )
            self.fields[f"new_kind_{key}"] = forms.ChoiceField(
                label=_("Soort nieuwe stelling"), choices=KIND_CHOICES, initial=ORDINARY
            )
            self.fields[f"advice_{key}"] = forms.CharField(
                label=_("Advies als dit thema zwak scoort"),
                max_length=MAX_ADVICE_LENGTH,
                initial="\n".join(content["advice"].get(key, [])),
                widget=forms.Textarea(attrs={"rows": 5}),
                help_text=_("Eén concrete volgende stap per regel."),
            )
            names += [f"new_text_{key}", f"new_kind_{key}", f"advice_{key}"]
            self.sections.append({"title": theme["name"], "names": names})
        question_names = []
        for question in content["open_questions"]:
            name = f"question_{question['key']}"
            self.fields[name] = forms.CharField(
                label=_("Open vraag %(key)s") % {"key": question["key"]},
                max_length=400,
                initial=question["text"],
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            question_names.append(name)
        self.sections.append({"title": _("Open vragen"), "names": question_names})

    def section_fields(self) -> list[dict[str, Any]]:
        return [
            {"title": section["title"], "fields": [self[name] for name in section["names"]]}
            for section in self.sections
        ]

    def header_fields(self) -> list[BoundField]:
        return [self["name"], self["change_note"]]

    def _next_key(self, theme: str) -> str:
        numbers = [
            int(match["number"])
            for key in self.used_keys
            if (match := _NUMBERED_KEY.match(key)) and match["theme"] == theme
        ]
        key = f"{theme}_{max(numbers, default=0) + 1}"
        self.used_keys.add(key)
        return key

    def content(self) -> dict[str, Any]:
        """The edited template content, built from the cleaned data."""
        data = self.cleaned_data
        old = self.template.content
        themes = [
            {"key": t["key"], "name": data[f"theme_{t['key']}"].strip()} for t in old["themes"]
        ]
        statements = []
        for theme in old["themes"]:
            key = theme["key"]
            for statement in (s for s in old["statements"] if s["theme"] == key):
                skey = statement["key"]
                if data.get(f"remove_{skey}"):
                    continue
                kind = data[f"kind_{skey}"]
                statements.append(_statement(skey, key, data[f"text_{skey}"], kind))
            new_text = data.get(f"new_text_{key}", "").strip()
            if new_text:
                statements.append(
                    _statement(self._next_key(key), key, new_text, data[f"new_kind_{key}"])
                )
        advice = {
            t["key"]: [
                line.strip() for line in data[f"advice_{t['key']}"].splitlines() if line.strip()
            ]
            for t in old["themes"]
        }
        questions = [
            {"key": q["key"], "text": data[f"question_{q['key']}"].strip()}
            for q in old["open_questions"]
        ]
        return {
            **old,
            "themes": themes,
            "statements": statements,
            "advice": advice,
            "open_questions": questions,
        }


def _statement(key: str, theme: str, text: str, kind: str) -> dict[str, Any]:
    return {
        "key": key,
        "theme": theme,
        "text": text.strip(),
        "reversed": kind in (REVERSED, RED_FLAG),
        "red_flag": kind == RED_FLAG,
    }
