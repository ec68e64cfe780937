"""Exchange of wij-kennis with other tools: REFI-QDA codebook (`.qdc`) and project
(`.qdpx`), CSV and JSON of codes and insights, and import of a `.qdc` codebook
(decision 0106). The file formats live in the pure `collective.refi`; this module maps
Kwartier's records onto them.

Exports show what the exporter may see on the pages and nothing more: codebooks they
can reach, fragments and texts of shared stories they may read (the de-identified
shared text, never an original; withdrawn stories are gone already), drafts of
insights only for coders. Every export is logged in the access log; the stories whose
text leaves in a `.qdpx` are logged one by one so their authors see it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from kwartier.accounts.models import Organisation
from kwartier.collective import refi, selectors, services
from kwartier.collective.models import Code, Codebook, CodingStatus, Insight, Memo
from kwartier.core.exports import csv_bytes
from kwartier.core.models import AccessAction
from kwartier.core.services import access_log_record
from kwartier.knowledge import public as knowledge

FORMATS = ("qdc", "codes.csv", "codes.json", "insights.csv", "insights.json")
CONTENT_TYPES = {
    "qdc": "application/xml; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "json": "application/json; charset=utf-8",
    "qdpx": "application/zip",
}


def _guid(kind: str, value: object) -> str:
    return refi.new_guid(kind, str(value))


def _description(code: Code) -> str:
    parts = [code.definition.strip()]
    if code.example.strip():
        parts.append(_("Voorbeeld: %(example)s") % {"example": code.example.strip()})
    if code.merged_into_id:
        parts.append(_("Samengevoegd met: %(name)s") % {"name": code.merged_into})
    elif code.retired_at:
        parts.append(_("Buiten gebruik."))
    return "\n\n".join(p for p in parts if p)


def refi_codes(
    codebook: Codebook, memo_refs: dict[int, list[str]] | None = None
) -> list[refi.RefiCode]:
    """The codebook as a REFI-QDA tree; retired and merged codes stay (earlier coding
    refers to them) but are not codable."""
    codes = selectors.code_list(codebook=codebook)
    nodes = {
        c.pk: refi.RefiCode(
            guid=str(c.uuid),
            name=c.name,
            color=c.colour,
            description=_description(c),
            is_codable=c.is_active,
            note_refs=list((memo_refs or {}).get(c.pk, [])),
        )
        for c in codes
    }
    roots: list[refi.RefiCode] = []
    for c in codes:
        parent = nodes.get(c.parent_id) if c.parent_id else None
        (parent.children if parent is not None else roots).append(nodes[c.pk])
    return roots


def codebook_qdc(codebook: Codebook) -> bytes:
    return refi.write_codebook(refi_codes(codebook))


def _code_rows(codebook: Codebook) -> list[dict[str, Any]]:
    codes = selectors.code_list(codebook=codebook)
    by_pk = {c.pk: c for c in codes}
    return [
        {
            "uuid": str(c.uuid),
            "name": c.name,
            "parent_uuid": str(by_pk[c.parent_id].uuid) if c.parent_id in by_pk else "",
            "definition": c.definition,
            "example": c.example,
            "colour": c.colour,
            "active": c.is_active,
            "merged_into_uuid": str(c.merged_into.uuid) if c.merged_into else "",
        }
        for c in codes
    ]


def _insight_rows(
    *, user: Any, organisation: Organisation, codebook: Codebook
) -> list[dict[str, Any]]:
    insights = selectors.insight_list(user=user, organisation=organisation).filter(
        codebook=codebook
    )
    rows = []
    for insight in insights:
        evidence = selectors.evidence_list(user=user, insight=insight)
        rows.append(
            {
                "uuid": str(insight.uuid),
                "statement": insight.statement,
                "status": insight.status,
                "code_uuid": str(insight.code.uuid) if insight.code else "",
                "published_at": insight.published_at.isoformat() if insight.published_at else "",
                "tellers": len({e.coding.teller_key for e in evidence if e.stance == "supports"}),
                "evidence": [
                    {
                        "coding_uuid": str(e.coding.uuid),
                        "stance": e.stance,
                        "code_uuid": str(e.coding.code.uuid),
                        "quote": e.coding.quote,
                    }
                    for e in evidence
                ],
            }
        )
    return rows


def export_bytes(
    *, user: Any, organisation: Organisation, codebook: Codebook, fmt: str
) -> tuple[bytes, str, str]:
    """(content, content type, filename) of a small export; logs it."""
    if fmt not in FORMATS:
        raise ValidationError({"format": _("Kies een van: %(f)s.") % {"f": ", ".join(FORMATS)}})
    stem = f"codeboek-{codebook.pk}"
    if fmt == "qdc":
        content, kind, name = codebook_qdc(codebook), "qdc", f"{stem}.qdc"
    else:
        what, ext = fmt.split(".")
        rows = (
            _code_rows(codebook)
            if what == "codes"
            else _insight_rows(user=user, organisation=organisation, codebook=codebook)
        )
        name = f"{stem}-{'codes' if what == 'codes' else 'inzichten'}.{ext}"
        kind = ext
        if ext == "json":
            content = json.dumps(rows, ensure_ascii=False, indent=2).encode()
        elif what == "codes":
            header = list(rows[0]) if rows else ["uuid", "name"]
            content = csv_bytes(header, [[r[h] for h in header] for r in rows])
        else:
            header = [
                "uuid",
                "statement",
                "status",
                "code_uuid",
                "published_at",
                "tellers",
                "evidence",
            ]
            content = csv_bytes(
                header,
                [[*(r[h] for h in header[:-1]), len(r["evidence"])] for r in rows],
            )
    access_log_record(
        actor=user,
        action=AccessAction.EXPORT,
        organisation=organisation,
        object_type="collective_codebook",
        object_id=codebook.pk,
        detail=fmt,
    )
    return content, CONTENT_TYPES[kind], name


# --- the project (.qdpx) ------------------------------------------------------------------


@dataclass
class ProjectExport:
    project: refi.RefiProject
    story_ids: list[int]


def _user_name(user: Any, numbers: dict[int, int]) -> str:
    return user.full_name or _("Gebruiker %(n)s") % {
        "n": numbers.setdefault(user.pk, len(numbers) + 1)
    }


def project_build(
    *,
    user: Any,
    organisation: Organisation,
    codebook: Codebook,
    advance: Callable[[], None] | None = None,
) -> ProjectExport:
    """The REFI-QDA project of a codebook as `user` may see it."""
    codings = [
        c
        for c in selectors.coding_list(user=user, organisation=organisation, codebook=codebook)
        if c.status == CodingStatus.VALID
    ]
    stories = {
        s.experience_id: s
        for s in knowledge.shared_story_list(user=user, ids={c.experience_id for c in codings})
    }
    codings = [c for c in codings if c.experience_id in stories]
    users: dict[int, refi.RefiUser] = {}
    numbers: dict[int, int] = {}

    def user_guid(person: Any) -> str:
        if person is None:
            return ""
        if person.pk not in users:
            users[person.pk] = refi.RefiUser(_guid("user", person.pk), _user_name(person, numbers))
        return users[person.pk].guid

    memo_orgs = Organisation.objects.filter(pk=organisation.pk) | Organisation.objects.filter(
        networks__in=list(organisation.networks.values_list("pk", flat=True))
    )
    memos = list(
        Memo.objects.filter(organisation__in=memo_orgs.distinct())
        .filter(
            models_q_memo(
                coding_ids=[c.pk for c in codings],
                codebook=codebook,
                story_ids=list(stories),
            )
        )
        .select_related("author")
    )
    notes: list[refi.RefiNote] = []
    on_coding: dict[int, list[str]] = {}
    on_code: dict[int, list[str]] = {}
    on_story: dict[int, list[str]] = {}
    for memo in memos:
        guid = _guid("memo", memo.uuid)
        notes.append(
            refi.RefiNote(guid, _("Memo"), memo.text, user_guid(memo.author), memo.created_at)
        )
        if memo.coding_id:
            on_coding.setdefault(memo.coding_id, []).append(guid)
        elif memo.code_id:
            on_code.setdefault(memo.code_id, []).append(guid)
        elif memo.experience_id:
            on_story.setdefault(memo.experience_id, []).append(guid)
    for insight in selectors.insight_list(user=user, organisation=organisation).filter(
        codebook=codebook
    ):
        guid = _guid("insight", insight.uuid)
        status = dict(Insight._meta.get_field("status").choices or []).get(insight.status, "")
        notes.append(
            refi.RefiNote(
                guid,
                _("Inzicht (%(status)s)") % {"status": status},
                insight.statement,
                user_guid(insight.created_by),
                insight.published_at or insight.created_at,
            )
        )
        for e in selectors.evidence_list(user=user, insight=insight):
            on_coding.setdefault(e.coding_id, []).append(guid)
    sources: list[refi.RefiSource] = []
    for experience_id, story in stories.items():
        source = refi.RefiSource(
            guid=_guid("story", experience_id),
            name=_("Verhaal %(n)s: %(title)s") % {"n": experience_id, "title": story.title},
            text=story.text,
            note_refs=on_story.get(experience_id, []),
        )
        for c in (c for c in codings if c.experience_id == experience_id):
            source.selections.append(
                refi.RefiSelection(
                    guid=_guid("selection", c.uuid),
                    start=c.start,
                    end=c.end,
                    name=c.quote[:80],
                    creating_user=user_guid(c.coder),
                    created=c.created_at,
                    codings=[
                        refi.RefiCoding(
                            _guid("coding", c.uuid),
                            str(c.code.uuid),
                            user_guid(c.coder),
                            c.created_at,
                        )
                    ],
                    note_refs=on_coding.get(c.pk, []),
                )
            )
        sources.append(source)
        if advance is not None:
            advance()
    project = refi.RefiProject(
        name=codebook.name,
        users=[],
        codes=refi_codes(codebook, on_code),
        sources=sources,
        notes=notes,
        creating_user=user_guid(user),
        description=_("Wij-kennis uit Kwartier: alleen gedeelde, ontdane tekst."),
    )
    project.users = list(users.values())
    return ProjectExport(project=project, story_ids=list(stories))


def models_q_memo(*, coding_ids: list[int], codebook: Codebook, story_ids: list[int]) -> Q:
    return (
        Q(coding_id__in=coding_ids)
        | Q(code__codebook=codebook, coding__isnull=True)
        | Q(experience_id__in=story_ids, coding__isnull=True, code__isnull=True)
    )


def project_story_count(*, user: Any, organisation: Organisation, codebook: Codebook) -> int:
    return len(
        {
            c.experience_id
            for c in selectors.coding_list(user=user, organisation=organisation, codebook=codebook)
        }
    )


# --- import of a .qdc codebook --------------------------------------------------------------


@dataclass(frozen=True)
class ImportResult:
    created: int
    skipped: int


MAX_UPLOAD = refi.MAX_CODEBOOK_BYTES


@transaction.atomic
def codebook_import(*, codebook: Codebook, by: Any, data: bytes) -> ImportResult:
    """Add the codes of a `.qdc` file to `codebook` (with history). A code whose GUID is
    already in this codebook is left as it is; a GUID used elsewhere gets a new one.
    All or nothing: any problem is a `ValidationError` in Dutch and nothing changes."""
    try:
        tree = refi.read_codebook(data)
    except refi.RefiError as error:
        raise ValidationError({"file": str(error)}) from error
    existing = {str(u) for u in codebook.codes.values_list("uuid", flat=True)}
    taken = {str(u) for u in Code.objects.exclude(codebook=codebook).values_list("uuid", flat=True)}
    created = skipped = 0

    def add(node: refi.RefiCode, parent: Code | None) -> None:
        nonlocal created, skipped
        if node.guid in existing:
            skipped += 1
            here = codebook.codes.get(uuid=node.guid)
        else:
            if len(node.name) > Code._meta.get_field("name").max_length:  # type: ignore[operator]
                raise ValidationError(
                    {
                        "file": _("De naam van code '%(name)s…' is te lang.")
                        % {"name": node.name[:40]}
                    }
                )
            try:
                here = services.code_create(
                    codebook=codebook,
                    by=by,
                    name=node.name,
                    definition=node.description,
                    colour=node.color or "#1f6fb2",
                    parent=parent,
                )
            except ValidationError as error:
                raise ValidationError(
                    {
                        "file": _("Code '%(name)s': %(why)s")
                        % {"name": node.name[:60], "why": " ".join(error.messages)}
                    }
                ) from error
            if node.guid not in taken:
                Code.objects.filter(pk=here.pk).update(uuid=node.guid)
            if not node.is_codable:
                services.code_retire(code=here, by=by)
            created += 1
        for child in node.children:
            add(child, here)

    for node in tree:
        add(node, None)
    return ImportResult(created=created, skipped=skipped)
