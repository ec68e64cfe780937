"""Who may edit the controller details and read the DPIA starter (django-rules)."""

from __future__ import annotations

import rules

from kwartier.accounts.rules import is_kwartiermaker, is_organisation_admin

rules.add_perm("trust.change_details", is_organisation_admin)
rules.add_perm("trust.view_dpia", is_organisation_admin | is_kwartiermaker)
