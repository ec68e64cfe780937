"""Writes of Toegankelijkheid en privacy."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from kwartier.accounts.models import Organisation, User
from kwartier.trust.models import OrganisationDetails

FIELDS = (
    "controller_name",
    "address",
    "contact_email",
    "contact_phone",
    "dpo_name",
    "dpo_email",
    "accessibility_email",
    "accessibility_phone",
    "register_url",
    "processors",
)


@transaction.atomic
def details_save(
    *, organisation: Organisation, user: User | None, data: dict[str, Any]
) -> OrganisationDetails:
    """Create or update the organisation's controller details (validated by the form)."""
    details, _created = OrganisationDetails.objects.select_for_update().get_or_create(
        organisation=organisation,
        defaults={field: data.get(field, "") for field in FIELDS} | {"updated_by": user},
    )
    for field in FIELDS:
        setattr(details, field, data.get(field, ""))
    details.updated_by = user
    details.full_clean()
    details.save()
    return details
