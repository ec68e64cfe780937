"""What wij-kennis holds about an author's own stories, for their data download, and
what it erases with them (decision 0107). Registered with the knowledge bank in
`receivers.connect`."""

from __future__ import annotations

from typing import Any

from kwartier.collective.models import Coding, Memo, SelfSignification


def personal_data(user: Any, experience_ids: list[int]) -> dict[str, Any]:
    codings = Coding.objects.filter(experience_id__in=experience_ids).select_related(
        "code", "code__codebook", "coder"
    )
    memos = Memo.objects.filter(experience_id__in=experience_ids).select_related("author")
    coding_memos = Memo.objects.filter(coding__experience_id__in=experience_ids).select_related(
        "author", "coding"
    )
    meanings = SelfSignification.objects.filter(experience_id__in=experience_ids)
    return {
        "wij-kennis.json": {
            "coderingen_van_uw_verhalen": [
                {
                    "verhaal": c.experience_id,
                    "codeboek": c.code.codebook.name,
                    "code": c.code.name,
                    "fragment": c.quote,
                    "begin": c.start,
                    "einde": c.end,
                    "codeur": str(c.coder),
                    "status": c.status,
                    "op": c.created_at.isoformat(),
                }
                for c in codings
            ],
            "memos_over_uw_verhalen": [
                {
                    "verhaal": m.experience_id or (m.coding.experience_id if m.coding else None),
                    "door": str(m.author),
                    "tekst": m.text,
                    "op": m.created_at.isoformat(),
                }
                for m in [*memos, *coding_memos]
            ],
            "uw_eigen_betekenis": [
                {
                    "verhaal": s.experience_id,
                    "waarden": s.values,
                    "bijgewerkt": s.updated_at.isoformat(),
                }
                for s in meanings
            ],
        }
    }


def erase(user: Any, experience_ids: list[int]) -> None:
    """Codings, memos and evidence go with the withdrawal signal; the teller's own meaning
    is kept on withdrawal (it is theirs), so it is erased here."""
    SelfSignification.objects.filter(experience_id__in=experience_ids).delete()
