"""Demo data of Inzet (`kwartier demo`): each part of issue 9 loads its own section."""

from __future__ import annotations

from typing import TextIO

# ===== vacancies part =====
from kwartier.workforce import vacancy_demo


def load(stdout: TextIO) -> None:
    # ===== vacancies part =====
    vacancy_demo.load(stdout)
