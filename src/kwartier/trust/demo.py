"""Demo controller details for the demo organisations (idempotent)."""

from __future__ import annotations

from typing import TextIO

from kwartier.accounts.models import Organisation
from kwartier.trust.models import OrganisationDetails

# slug -> details. Addresses and people are made up; the domains end in .demo.kwartier.nl.
DETAILS = {
    "debrug": {
        "controller_name": "Stichting Welzijn De Brug",
        "address": "Brugstraat 12\n1234 AB Hofstad",
        "contact_email": "privacy@debrug.demo.kwartier.nl",
        "contact_phone": "010 123 45 67",
        "dpo_name": "Functionaris gegevensbescherming De Brug",
        "dpo_email": "fg@debrug.demo.kwartier.nl",
        "accessibility_email": "toegankelijkheid@debrug.demo.kwartier.nl",
        "processors": "Hosting van Kwartier: Voorbeeld Hosting B.V. (Nederland)\n"
        "E-mail: Voorbeeld Mail B.V. (Nederland)",
    },
    "opweg": {
        "controller_name": "Stichting Op Weg",
        "address": "Wegwijzer 3\n1234 CD Hofstad",
        "contact_email": "privacy@opweg.demo.kwartier.nl",
        "accessibility_email": "toegankelijkheid@opweg.demo.kwartier.nl",
    },
    "hofstad": {
        "controller_name": "Gemeente Hofstad",
        "address": "Postbus 100\n1200 AA Hofstad",
        "contact_email": "privacy@hofstad.demo.kwartier.nl",
        "dpo_name": "Functionaris gegevensbescherming Gemeente Hofstad",
        "dpo_email": "fg@hofstad.demo.kwartier.nl",
        "accessibility_email": "toegankelijkheid@hofstad.demo.kwartier.nl",
    },
}


def load(stdout: TextIO) -> None:
    created = 0
    for slug, values in DETAILS.items():
        organisation = Organisation.objects.filter(slug=slug).first()
        if organisation is None:
            continue
        _details, was_created = OrganisationDetails.objects.get_or_create(
            organisation=organisation, defaults=values
        )
        created += int(was_created)
    stdout.write(f"Privacy en toegankelijkheid: {created} organisaties ingevuld.")
