"""Permissions of Inzet (django-rules, autodiscovered)."""

# ===== vacancies part ======================================================================
from kwartier.workforce import vacancy_rules  # noqa: F401  (registers the vacancy permissions)
