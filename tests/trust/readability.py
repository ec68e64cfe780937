"""Collect the texts that respondents, experience workers and the public read, and score
them with the Dutch Flesch reading ease (Flesch-Douma, via textstat).

Flesch-Douma: 206.835 - 0.93 x (words per sentence) - 77 x (syllables per word).
60 and above is about taalniveau B1; under 40 is hard for most readers.

Sources (see docs/trust.md): the default scan's statements and open questions; the
help texts, choices, messages and errors in the forms and views that respondents and
experience workers use; the texts of the pages they read (templates) and the e-mails
they get; the privacy and accessibility pages (the apps' declarations and the statement
data). Texts under MIN_WORDS words (buttons, labels, headings) say nothing about
readability and are left out.
"""

from __future__ import annotations

import ast
import json
import re
import statistics
from dataclasses import dataclass
from pathlib import Path

import textstat

SRC = Path(__file__).resolve().parents[2] / "src" / "kwartier"
TEMPLATES = SRC / "templates"
MIN_WORDS = 5
GETTEXT = {"_", "_lazy", "gettext", "gettext_lazy", "pgettext", "ngettext"}

# (module, names of the classes or functions to read; None: the whole module)
PYTHON_SOURCES: list[tuple[str, set[str] | None]] = [
    ("exploration/forms.py", {"ThemeAnswersForm", "OpenAnswersForm", "_answer_choices"}),
    ("exploration/views.py", {"invitation_start", "group_start", "respond", "respond_saved"}),
    ("accounts/adapters.py", None),
    ("knowledge/forms.py", None),
    *(
        (f"knowledge/services/{p.name}", None)
        for p in sorted((SRC / "knowledge/services").glob("*.py"))
    ),
    ("knowledge/models.py", None),
    *((f"knowledge/views/{p.name}", None) for p in sorted((SRC / "knowledge/views").glob("*.py"))),
    ("core/privacy.py", None),
    ("accounts/privacy.py", None),
    ("exploration/privacy.py", None),
    ("knowledge/privacy.py", None),
    ("planning/privacy.py", None),
    ("impact/privacy.py", None),
    ("impact/forms.py", None),
    ("impact/services.py", None),
    ("impact/reminders.py", None),
]
TEMPLATE_SOURCES = [
    "exploration/respond/*.html",
    "exploration/email/*.txt",
    "accounts/email/*.txt",
    "accounts/invitation_accept.html",
    "accounts/invitation_closed.html",
    "account/*.html",
    "knowledge/experience_form.html",
    "knowledge/record_form.html",
    "knowledge/review.html",
    "knowledge/publish.html",
    "knowledge/withdraw.html",
    "knowledge/mine.html",
    "knowledge/my_detail.html",
    "knowledge/search.html",
    "knowledge/access_log.html",
    "knowledge/_preview.html",
    "knowledge/_suggestion.html",
    "trust/privacy.html",
    "trust/accessibility.html",
    "errors/*.html",
    "impact/*.html",
    "impact/email/*.txt",
]


@dataclass(frozen=True)
class Text:
    source: str
    text: str

    @property
    def score(self) -> float:
        return flesch_douma(self.text)


def flesch_douma(text: str) -> float:
    textstat.set_lang("nl")
    return float(textstat.flesch_reading_ease(text))


def _clean(text: str) -> str:
    text = re.sub(r"%\(\w+\)[sd]", "Sam", text)  # placeholders read as a short word
    text = re.sub(r"\{\{[^}]*\}\}", "Sam", text)
    text = re.sub(r"\{[^}]*\}", "Sam", text)
    text = re.sub(r"`[^`]*`", "opdracht", text)
    text = re.sub(r"<[^>]+>", " ", text)
    return " ".join(text.split())


def _words(text: str) -> int:
    return len(re.findall(r"\w+", text))


def _python_texts(module: str, names: set[str] | None) -> list[Text]:
    tree = ast.parse((SRC / module).read_text(encoding="utf-8"))
    roots: list[ast.AST] = (
        [tree]
        if names is None
        else [
            node
            for node in ast.walk(tree)
            if isinstance(node, ast.ClassDef | ast.FunctionDef) and node.name in names
        ]
    )
    found = []
    for root in roots:
        for node in ast.walk(root):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in GETTEXT
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found.append(Text(f"{module}:{node.lineno}", _clean(node.args[0].value)))
    return found


_TRANSLATE = re.compile(r'\{%\s*translate\s+"([^"]+)"')
_BLOCK = re.compile(r"\{%\s*blocktranslate[^%]*%\}(.*?)\{%\s*endblocktranslate\s*%\}", re.S)


def _template_texts(pattern: str) -> list[Text]:
    found = []
    for path in sorted(TEMPLATES.glob(pattern)):
        source = path.read_text(encoding="utf-8")
        name = str(path.relative_to(TEMPLATES))
        if path.suffix == ".txt":
            # An e-mail: its sentences, without template tags.
            body = re.sub(r"\{%[^%]*%\}", " ", source)
            found.append(Text(name, _clean(body)))
            continue
        for match in _TRANSLATE.finditer(source):
            found.append(Text(name, _clean(match.group(1))))
        for match in _BLOCK.finditer(source):
            text = match.group(1).split("{% plural %}")[0]
            found.append(Text(name, _clean(text)))
    return found


def _default_template_texts() -> list[Text]:
    from kwartier.exploration.default_template import default_template

    scan = default_template()
    return [Text(f"scan:{s.key}", s.text) for s in scan.statements] + [
        Text(f"scan:{q.key}", q.text) for q in scan.open_questions
    ]


def _statement_texts() -> list[Text]:
    facts = json.loads((SRC / "trust" / "data" / "accessibility.json").read_text("utf-8"))
    texts = [Text("accessibility.json", facts["status_reason"])]
    texts += [Text("accessibility.json", line) for line in facts["tests"]]
    for item in facts["limitations"]:
        texts += [
            Text("accessibility.json", item["effect"]),
            Text("accessibility.json", item["plan"]),
        ]
    return texts


def collect() -> list[Text]:
    texts = _default_template_texts() + _statement_texts()
    for module, names in PYTHON_SOURCES:
        texts += _python_texts(module, names)
    for pattern in TEMPLATE_SOURCES:
        texts += _template_texts(pattern)
    unique: dict[str, Text] = {}
    for text in texts:
        if _words(text.text) >= MIN_WORDS and text.text not in unique:
            unique[text.text] = text
    return list(unique.values())


def summary(texts: list[Text]) -> dict[str, float]:
    scores = [t.score for t in texts]
    return {
        "texts": len(scores),
        "median": round(statistics.median(scores), 1),
        "mean": round(statistics.fmean(scores), 1),
        "min": round(min(scores), 1),
        "under_40": sum(1 for s in scores if s < 40),
        "under_60": sum(1 for s in scores if s < 60),
    }
