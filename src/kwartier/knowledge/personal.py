"""The author's own data (decision 0107): access (GDPR art. 15) as a ZIP made by a
background job, and erasure (art. 17) of everything that is theirs.

What is "theirs": the stories they wrote themselves (``author``), in every
organisation, with every version (originals decrypted for them alone), their consent
records, the inzage-log of their stories (who read or exported them), and what other
apps hold about those stories. Apps above the knowledge bank contribute through
`personal_data_provider_register` / `personal_data_eraser_register` (in
`knowledge.public`), so this floor never imports them.

Erasure (`services.personal`) deletes each story through `experience_delete`, so
`story_unshared` fires and every reference to it (search index, codings, evidence of
insights) goes at once.
What stays, and why: the consent records (proof of what was agreed, kept without the
story, as for a single deletion), the access log (NEN 7513, kept for its retention
period), the account itself (closing it is a separate step), stories recorded on
behalf of someone else (those are the narrator's, not the recorder's).
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.utils.translation import gettext_lazy

from kwartier.knowledge.models import Experience
from kwartier.knowledge.selectors import reads_of_own_experiences

#: (user, ids of their stories) -> {file name in the ZIP: JSON-able content}
Provider = Callable[[Any, list[int]], dict[str, Any]]
#: (user, ids of their stories) -> None; runs before the stories are deleted.
Eraser = Callable[[Any, list[int]], None]

_providers: list[Provider] = []
_erasers: list[Eraser] = []


def provider_register(provider: Provider) -> None:
    if provider not in _providers:
        _providers.append(provider)


def eraser_register(eraser: Eraser) -> None:
    if eraser not in _erasers:
        _erasers.append(eraser)


def erasers() -> list[Eraser]:
    return list(_erasers)


def own_stories(user: Any) -> list[Experience]:
    """The stories the user wrote, everywhere (not those recorded for someone else)."""
    return list(
        Experience.objects.filter(author=user)
        .select_related("organisation")
        .prefetch_related("domains", "versions", "consents")
        .order_by("pk")
    )


def own_story_count(user: Any) -> int:
    return Experience.objects.filter(author=user).count()


def _iso(value: datetime | None) -> str:
    return value.isoformat() if value else ""


def _story(e: Experience) -> dict[str, Any]:
    return {
        "id": e.pk,
        "organisatie": e.organisation.name,
        "status": e.state,
        "zichtbaar_voor": e.visibility,
        "domeinen": sorted(d.name for d in e.domains.all()),
        "levensfase": e.life_phase,
        "trefwoorden": list(e.tags),
        "aangemaakt": _iso(e.created_at),
        "eerst_gedeeld": _iso(e.published_at),
        "ingetrokken": _iso(e.withdrawn_at),
        "oorspronkelijke_titel": e.title_original,
        "oorspronkelijke_tekst": e.text_original,
        "gedeelde_titel": e.shared_title,
        "gedeelde_tekst": e.shared_text,
        "gedeelde_trefwoorden": list(e.shared_tags),
        "versies": [
            {"nummer": v.number, "titel": v.title, "tekst": v.text, "op": _iso(v.created_at)}
            for v in sorted(e.versions.all(), key=lambda v: v.number)
        ],
        "toestemmingen": [
            {
                "soort": c.kind,
                "datum": c.consent_date.isoformat(),
                "reikwijdte": c.scope,
                "doelen": list(c.purposes),
                "vastgelegd": _iso(c.created_at),
            }
            for c in sorted(e.consents.all(), key=lambda c: c.pk)
        ],
    }


def _read_log(user: Any) -> list[dict[str, Any]]:
    return [
        {
            "op": _iso(entry.at),
            "wat": entry.action,
            "verhaal": entry.object_id,
            "door": str(entry.actor) if entry.actor else entry.actor_label,
            "organisatie": entry.organisation.name if entry.organisation else "",
            "via": entry.detail,
        }
        for entry in reads_of_own_experiences(user=user)
    ]


README = gettext_lazy(
    "Dit zijn alle gegevens die Kwartier over uw verhalen bewaart (inzage, AVG artikel 15).\n\n"
    "verhalen.json: uw verhalen met alle versies, uw oorspronkelijke tekst, de gedeelde tekst "
    "en uw toestemmingen.\n"
    "inzage-log.json: wie uw verhalen las of exporteerde.\n"
    "Andere bestanden: wat andere delen van Kwartier (zoals wij-kennis) over uw verhalen "
    "bewaren, zoals coderingen, memo's en uw eigen betekenis.\n\n"
    "Dit bestand bevat uw oorspronkelijke teksten. Bewaar het goed."
)


def personal_zip(user: Any, advance: Callable[[], None] | None = None) -> tuple[bytes, int]:
    """The ZIP of everything about the user's own stories, and how many stories."""
    stories = own_stories(user)
    ids = [e.pk for e in stories]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("LEESMIJ.txt", str(README))
        rows = []
        for e in stories:
            rows.append(_story(e))
            if advance is not None:
                advance()
        archive.writestr("verhalen.json", json.dumps(rows, ensure_ascii=False, indent=2))
        archive.writestr(
            "inzage-log.json", json.dumps(_read_log(user), ensure_ascii=False, indent=2)
        )
        for provider in _providers:
            for name, content in provider(user, ids).items():
                archive.writestr(name, json.dumps(content, ensure_ascii=False, indent=2))
    return buffer.getvalue(), len(ids)
