"""A round's report: one context for the results page and the PDF, plus CSV and XLSX.

The page and the PDF render the same body template (``exploration/_report_body.html``)
from :func:`report_context`, so the PDF can never say something the page does not.
Every output reads the same published figures from :func:`selectors.round_results`
(the last published state, checked by the disclosure kernel): a figure the kernel left
out is "–" on the page and in the PDF, empty in CSV/XLSX and ``null`` in the API.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from kwartier.core.exports import csv_bytes, xlsx_bytes
from kwartier.core.pdf import html_to_pdf
from kwartier.exploration import charts, selectors
from kwartier.exploration.models import OpenAnswersState, Round
from kwartier.exploration.scoring import MIN_GROUP_SIZE, ScanResults

PRINT_CSS = Path(__file__).resolve().parent / "static" / "exploration" / "print.css"
TOP_GAPS = 5
HEAT_STEPS = 5


def heat_step(score: float | None) -> int | None:
    """0..4 for the heat-map colour: 0-19, 20-39, 40-59, 60-79, 80-100."""
    if score is None:
        return None
    return min(HEAT_STEPS - 1, int(score // (100 / HEAT_STEPS)))


@dataclass(frozen=True)
class GroupColumn:
    key: str
    label: str
    respondents: int
    hidden: bool


@dataclass(frozen=True)
class HeatCell:
    score: float | None
    step: int | None


@dataclass(frozen=True)
class ThemeRow:
    key: str
    name: str
    score: float | None
    step: int | None
    weak: bool
    cells: tuple[HeatCell, ...]
    previous: float | None
    change: float | None


def report_context(*, round: Round) -> dict[str, Any]:
    """Everything the results page and the PDF show for one round."""
    published = selectors.round_results(round=round)
    results = published.results
    scan = round.template.scan
    previous_round = selectors.round_previous(round=round)
    columns = tuple(
        GroupColumn(
            key=group,
            label=round.group_label(group),
            respondents=results.groups.get(group, 0),
            hidden=group in results.suppressed,
        )
        for group in results.groups
    )
    changes = {change.theme: change for change in results.changes}
    themes = tuple(
        ThemeRow(
            key=theme.key,
            name=theme.name,
            score=theme.score,
            step=heat_step(theme.score),
            weak=theme.key in results.weak_themes,
            cells=tuple(
                HeatCell(score=theme.groups.get(c.key), step=heat_step(theme.groups.get(c.key)))
                for c in columns
            ),
            previous=changes[theme.key].previous if theme.key in changes else None,
            change=changes[theme.key].change if theme.key in changes else None,
        )
        for theme in results.themes
    )
    theme_names = {theme.key: theme.name for theme in results.themes}
    statements = {statement.key: statement for statement in scan.statements}
    has_results = published.published and results.respondents > 0
    context: dict[str, Any] = {
        "round": round,
        "results": results,
        "published": published,
        "has_results": has_results,
        "columns": columns,
        "hidden_columns": [c for c in columns if c.hidden],
        "min_group_size": MIN_GROUP_SIZE,
        "themes": themes,
        "gaps": [
            {
                "theme": theme_names[gap.theme],
                "gap": gap.gap,
                "high_group": round.group_label(gap.high_group),
                "high_score": gap.high_score,
                "low_group": round.group_label(gap.low_group),
                "low_score": gap.low_score,
            }
            for gap in results.gaps[:TOP_GAPS]
        ],
        "red_flags": [
            {
                "text": flag.text,
                "theme": theme_names[flag.theme],
                "agree": flag.agree,
                "answered": flag.answered,
                "percent": round_half(flag.share * 100),
            }
            for flag in results.red_flags
        ],
        "advice": [
            {
                "theme": theme_names[key],
                "score": next(t.score for t in results.themes if t.key == key),
                "steps": scan.advice.get(key, ()),
            }
            for key in results.weak_themes
        ],
        "previous_round": previous_round,
        "items": [
            {
                "text": statements[item.key].text,
                "theme": theme_names[item.theme],
                "reversed": item.reversed,
                "red_flag": item.red_flag,
                "counts": None if item.counts is None else item.counts.as_dict(),
            }
            for item in results.items
        ],
        "scale_labels": scan.scale_labels,
        "open_questions": _open_answers(round),
    }
    if has_results:
        context["profile_svg"] = charts.theme_profile_svg(
            [(theme.name, theme.score) for theme in results.themes]
        )
        context["response_svg"] = charts.group_response_svg(
            [(c.label, c.respondents) for c in columns]
        )
    return context


def round_half(value: float) -> int:
    return int(value + 0.5)


def _open_answers(round: Round) -> list[dict[str, Any]] | None:
    """Per open question its de-identified answers; None while they are not ready."""
    if round.open_answers_state != OpenAnswersState.DONE:
        return None
    answers = selectors.round_open_answers(round=round)
    return [
        {"text": question.text, "answers": answers.get(question.key, [])}
        for question in round.template.scan.open_questions
    ]


# --- PDF ----------------------------------------------------------------------------------


def report_pdf(*, round: Round) -> bytes:
    """The results page as a PDF, rendered by WeasyPrint from the same body template.

    The HTML is rendered from the data on every request; WeasyPrint's step from that HTML
    to PDF is remembered by its input (``kwartier.core.pdf``, decision 0118). The document
    is self-contained (inline SVG, one stylesheet): nothing is fetched.
    """
    html = render_to_string("exploration/report_print.html", report_context(round=round))
    return html_to_pdf(html, stylesheets=[str(PRINT_CSS)])


# --- CSV and XLSX -------------------------------------------------------------------------

EXPORT_HEADER = (
    "soort",
    "sleutel",
    "omschrijving",
    "groep",
    "respondenten",
    "score",
    "1",
    "2",
    "3",
    "4",
    "5",
    "weet_niet",
)
TOTAL = "totaal"


def export_rows(*, round: Round, results: ScanResults | None = None) -> list[list[Any]]:
    """The published figures as rows: a figure the kernel left out has no row."""
    results = results or selectors.round_score(round=round, with_previous=False)
    statements = {s.key: s for s in round.template.scan.statements}
    rows: list[list[Any]] = [
        ["respons", "", _("Alle respondenten"), TOTAL, results.respondents, "", *[""] * 6]
    ]
    for group, count in results.groups.items():
        rows.append(["respons", group, round.group_label(group), group, count, "", *[""] * 6])
    for theme in results.themes:
        if theme.score is not None:
            rows.append(["thema", theme.key, theme.name, TOTAL, "", _score(theme.score), *[""] * 6])
        for group, score in theme.groups.items():
            if score is not None:
                rows.append(["thema", theme.key, theme.name, group, "", _score(score), *[""] * 6])
    for item in results.items:
        text = statements[item.key].text
        if item.counts is not None:
            rows.append(
                ["stelling", item.key, text, TOTAL, "", "", *item.counts.as_dict().values()]
            )
        for group, counts in item.groups.items():
            if counts is not None:
                rows.append(["stelling", item.key, text, group, "", "", *counts.as_dict().values()])
    return rows


def _score(score: float | None) -> float | str:
    return "" if score is None else round(score, 1)


def export_csv(*, round: Round) -> bytes:
    """Semicolon CSV through the shared export helper: typed text (statements, theme and
    group names) can never run as a formula."""
    return csv_bytes(EXPORT_HEADER, export_rows(round=round))


def export_xlsx(*, round: Round) -> bytes:
    return xlsx_bytes(_("Resultaten"), EXPORT_HEADER, export_rows(round=round))
