"""Showing fragments of stories is a read of those stories: each excerpt of someone
else's non-public story is logged for its author and counts against the reader's daily
budget, as kennisbank search excerpts do (`knowledge.public.shared_excerpts_release`)."""

from __future__ import annotations

from typing import Any

from kwartier.collective import selectors
from kwartier.collective.models import Evidence, Insight
from kwartier.knowledge import public as knowledge

KIND = "wij-kennis"


def evidence_shown(*, user: Any, organisation: Any, insight: Insight) -> list[Evidence]:
    """The evidence of an insight the user may read now (logged as excerpts)."""
    evidence = selectors.evidence_list(user=user, insight=insight)
    quotes: dict[int, list[str]] = {}
    for item in evidence:
        quotes.setdefault(item.coding.experience_id, []).append(item.coding.quote)
    allowed = knowledge.shared_excerpts_release(
        user=user,
        organisation=organisation,
        excerpts=[(pk, " ".join(texts)) for pk, texts in quotes.items()],
        kind=KIND,
    )
    return [item for item in evidence if item.coding.experience_id in allowed]
