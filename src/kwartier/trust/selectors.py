"""Reads of Toegankelijkheid en privacy: the organisation's details, the apps'
declarations of personal data, and the measured figures the pages cite."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.http import Http404

from kwartier.accounts.models import Organisation
from kwartier.core.processing import Processing, processing_list
from kwartier.trust.models import OrganisationDetails

DATA_DIR = Path(__file__).resolve().parent / "data"
#: Written by the e2e accessibility check after a clean run (tests/e2e/test_trust_journey.py).
LAST_RUN_FILE = "toegankelijkheid-laatste-test.json"


def organisation_list_public() -> list[Organisation]:
    """Every organisation: their notices and statements are public by law."""
    return list(Organisation.objects.select_related("trust_details").order_by("name"))


def organisation_by_slug(slug: str) -> Organisation:
    organisation = Organisation.objects.select_related("trust_details").filter(slug=slug).first()
    if organisation is None:
        raise Http404
    return organisation


def details_of(organisation: Organisation) -> OrganisationDetails | None:
    return OrganisationDetails.objects.filter(organisation=organisation).first()


def processing_register() -> list[Processing]:
    return processing_list()


@cache
def _data_file(name: str) -> dict[str, Any]:
    return dict(json.loads((DATA_DIR / name).read_text(encoding="utf-8")))


@dataclass(frozen=True)
class AccessibilityFacts:
    facts: dict[str, Any]
    reviewed: date
    last_run: date | None
    last_run_pages: int


def accessibility_facts() -> AccessibilityFacts:
    """The shipped statement facts, with the date of the last clean axe run when this
    installation has one (the e2e check writes it in the data folder)."""
    facts = _data_file("accessibility.json")
    reviewed = date.fromisoformat(facts["last_reviewed"])
    last_run: date | None = reviewed
    pages = 0
    run_file = Path(settings.DATA_DIR) / LAST_RUN_FILE
    if run_file.exists():
        try:
            run = json.loads(run_file.read_text(encoding="utf-8"))
            last_run = max(last_run or date.min, date.fromisoformat(run["date"]))
            pages = int(run.get("pages", 0))
        except (ValueError, KeyError, TypeError):
            pass  # an unreadable file is ignored: the shipped date stands
    return AccessibilityFacts(
        facts=facts, reviewed=reviewed, last_run=last_run, last_run_pages=pages
    )


def deid_figures() -> dict[str, Any]:
    """The de-identification quality as bench/deid.py measured it (data/deid-figures.json)."""
    return _data_file("deid-figures.json")
