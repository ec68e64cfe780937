"""REFI-QDA exchange: codebooks (`.qdc`) and projects (`.qdpx`) — decision 0106.

A pure module on plain dataclasses: no Django. The writer emits the subset of the
REFI-QDA 1.0 standard Kwartier uses (namespaces ``urn:QDA-XML:codebook:1.0`` and
``urn:QDA-XML:project:1.0``): Users, CodeBook (Code with guid, name, isCodable, color,
Description, nested Code), Sources as TextSource with PlainTextContent, and
PlainTextSelection (startPosition/endPosition in characters) → Coding → CodeRef,
Notes (memos, insights) referred to with NoteRef. A `.qdpx` is a ZIP with
``project.qde`` at its root.

The reader parses with defusedxml: no DTD, no entity expansion, no external
references; sizes and depth are limited; every problem is a `RefiError` with a Dutch
message, never a crash.
"""

from __future__ import annotations

import io
import re
import uuid
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from xml.etree.ElementTree import Element, SubElement, tostring  # nosec B405  # writes only

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError
from defusedxml.ElementTree import fromstring as _safe_fromstring

CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
PROJECT_NS = "urn:QDA-XML:project:1.0"
ORIGIN = "Kwartier"

#: Limits on what is read: a codebook file, codes in it, nesting, a project entry.
MAX_CODEBOOK_BYTES = 2 * 1024 * 1024
MAX_CODES = 5000
MAX_DEPTH = 25
MAX_PROJECT_BYTES = 50 * 1024 * 1024

_GUID = re.compile(
    r"^\{?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\}?$"
)
_COLOUR = re.compile(r"^#([0-9A-Fa-f]{6}|[0-9A-Fa-f]{3})$")


class RefiError(ValueError):
    """The file is not a REFI-QDA codebook or project Kwartier can read (Dutch message)."""


@dataclass
class RefiCode:
    guid: str
    name: str
    color: str = ""
    description: str = ""
    is_codable: bool = True
    children: list[RefiCode] = field(default_factory=list)
    note_refs: list[str] = field(default_factory=list)

    def walk(self) -> Iterator[RefiCode]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True)
class RefiUser:
    guid: str
    name: str


@dataclass
class RefiCoding:
    guid: str
    code_guid: str
    creating_user: str = ""
    created: datetime | None = None


@dataclass
class RefiSelection:
    guid: str
    start: int
    end: int
    name: str = ""
    creating_user: str = ""
    created: datetime | None = None
    codings: list[RefiCoding] = field(default_factory=list)
    note_refs: list[str] = field(default_factory=list)


@dataclass
class RefiSource:
    guid: str
    name: str
    text: str
    creating_user: str = ""
    created: datetime | None = None
    selections: list[RefiSelection] = field(default_factory=list)
    note_refs: list[str] = field(default_factory=list)


@dataclass
class RefiNote:
    guid: str
    name: str
    text: str
    creating_user: str = ""
    created: datetime | None = None


@dataclass
class RefiProject:
    name: str
    users: list[RefiUser] = field(default_factory=list)
    codes: list[RefiCode] = field(default_factory=list)
    sources: list[RefiSource] = field(default_factory=list)
    notes: list[RefiNote] = field(default_factory=list)
    creating_user: str = ""
    created: datetime | None = None
    description: str = ""


def new_guid(*parts: str) -> str:
    """A GUID: stable (uuid5) for the same parts, so the same export gives the same ids."""
    if parts:
        return str(uuid.uuid5(uuid.NAMESPACE_URL, "kwartier:" + ":".join(parts)))
    return str(uuid.uuid4())


# --- writing ------------------------------------------------------------------------------


def _when(value: datetime | None) -> str:
    moment = value or datetime.now(UTC)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def _clean(text: str) -> str:
    """XML 1.0 cannot carry most control characters; drop them (tab, newline, CR stay)."""
    return "".join(ch for ch in text if ch in "\t\n\r" or ord(ch) >= 0x20)


def _code(parent: Element, code: RefiCode, ns: str) -> None:
    attrs = {
        "guid": code.guid,
        "name": _clean(code.name),
        "isCodable": "true" if code.is_codable else "false",
    }
    if code.color and _COLOUR.match(code.color):
        attrs["color"] = code.color.upper()
    node = SubElement(parent, "Code", attrs)
    if code.description:
        SubElement(node, "Description").text = _clean(code.description)
    for ref in code.note_refs:
        SubElement(node, "NoteRef", {"targetGUID": ref})
    for child in code.children:
        _code(node, child, ns)


def _serialise(root: Element, ns: str) -> bytes:
    # Plain tag names with the default namespace declared on the root (ElementTree's
    # default_namespace option refuses unqualified attributes).
    root.set("xmlns", ns)
    body: bytes = tostring(root, encoding="utf-8", xml_declaration=False)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + body


def write_codebook(codes: Sequence[RefiCode]) -> bytes:
    """A `.qdc` file: the codebook on its own."""
    root = Element("CodeBook", {"origin": ORIGIN})
    holder = SubElement(root, "Codes")
    for code in codes:
        _code(holder, code, CODEBOOK_NS)
    return _serialise(root, CODEBOOK_NS)


def _stamp(attrs: dict[str, str], user: str, created: datetime | None) -> dict[str, str]:
    if user:
        attrs["creatingUser"] = user
    attrs["creationDateTime"] = _when(created)
    return attrs


def _text_source(parent: Element, tag: str, source: RefiSource | RefiNote) -> Element:
    node = SubElement(
        parent,
        tag,
        _stamp(
            {"guid": source.guid, "name": _clean(source.name)}, source.creating_user, source.created
        ),
    )
    SubElement(node, "PlainTextContent").text = _clean(source.text)
    return node


def project_xml(project: RefiProject) -> bytes:
    """The `project.qde` document."""
    ns = PROJECT_NS
    attrs = {"name": _clean(project.name), "origin": ORIGIN}
    if project.creating_user:
        attrs["creatingUserGUID"] = project.creating_user
    attrs["creationDateTime"] = _when(project.created)
    root = Element("Project", attrs)
    if project.users:
        users = SubElement(root, "Users")
        for user in project.users:
            SubElement(users, "User", {"guid": user.guid, "name": _clean(user.name)})
    if project.codes:
        book = SubElement(root, "CodeBook")
        holder = SubElement(book, "Codes")
        for code in project.codes:
            _code(holder, code, ns)
    if project.sources:
        sources = SubElement(root, "Sources")
        for source in project.sources:
            node = _text_source(sources, "TextSource", source)
            for sel in source.selections:
                s = SubElement(
                    node,
                    "PlainTextSelection",
                    _stamp(
                        {
                            "guid": sel.guid,
                            "name": _clean(sel.name),
                            "startPosition": str(sel.start),
                            "endPosition": str(sel.end),
                        },
                        sel.creating_user,
                        sel.created,
                    ),
                )
                for coding in sel.codings:
                    c = SubElement(
                        s,
                        "Coding",
                        _stamp({"guid": coding.guid}, coding.creating_user, coding.created),
                    )
                    SubElement(c, "CodeRef", {"targetGUID": coding.code_guid})
                for ref in sel.note_refs:
                    SubElement(s, "NoteRef", {"targetGUID": ref})
            for ref in source.note_refs:
                SubElement(node, "NoteRef", {"targetGUID": ref})
    if project.notes:
        notes = SubElement(root, "Notes")
        for note in project.notes:
            _text_source(notes, "Note", note)
    if project.description:
        SubElement(root, "Description").text = _clean(project.description)
    return _serialise(root, ns)


def write_project(project: RefiProject) -> bytes:
    """A `.qdpx` file: a ZIP with `project.qde` (texts are inline, no `sources/`)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", project_xml(project))
    return buffer.getvalue()


# --- reading ------------------------------------------------------------------------------


def _parse(data: bytes, limit: int) -> Element:
    if len(data) > limit:
        raise RefiError(f"Het bestand is te groot (meer dan {limit // (1024 * 1024)} MB).")
    if not data.strip():
        raise RefiError("Het bestand is leeg.")
    try:
        root: Element = _safe_fromstring(data, forbid_dtd=True)
    except DefusedXmlException as error:
        raise RefiError(
            "Het bestand bevat een DTD of entiteiten; die lezen we niet om veiligheidsredenen."
        ) from error
    except (ParseError, ValueError) as error:
        raise RefiError(
            "Het bestand is geen geldige XML. Controleer of het een .qdc-bestand is."
        ) from error
    return root


def _local(tag: str) -> tuple[str, str]:
    if tag.startswith("{"):
        ns, _, name = tag[1:].partition("}")
        return ns, name
    return "", tag


def _children(node: Element, name: str) -> list[Element]:
    return [child for child in node if _local(child.tag)[1] == name]


def _guid(node: Element, what: str) -> str:
    value = (node.get("guid") or "").strip()
    if not _GUID.match(value):
        raise RefiError(f"{what} heeft geen geldige GUID (gevonden: '{value[:40]}').")
    return value.strip("{}").lower()


def _read_code(node: Element, depth: int, seen: set[str]) -> RefiCode:
    if depth > MAX_DEPTH:
        raise RefiError(f"De codes zijn dieper genest dan {MAX_DEPTH} niveaus.")
    name = (node.get("name") or "").strip()
    if not name:
        raise RefiError("Een code heeft geen naam.")
    guid = _guid(node, f"De code '{name[:60]}'")
    if guid in seen:
        raise RefiError(f"De GUID van code '{name[:60]}' komt twee keer voor.")
    seen.add(guid)
    if len(seen) > MAX_CODES:
        raise RefiError(f"Het codeboek heeft meer dan {MAX_CODES} codes.")
    codable = (node.get("isCodable") or "true").strip().lower()
    if codable not in {"true", "false", "1", "0"}:
        raise RefiError(f"De code '{name[:60]}' heeft een ongeldige waarde voor isCodable.")
    colour = (node.get("color") or "").strip()
    if colour and not _COLOUR.match(colour):
        raise RefiError(f"De code '{name[:60]}' heeft een ongeldige kleur ('{colour[:20]}').")
    if len(colour) == 4:
        colour = "#" + "".join(ch * 2 for ch in colour[1:])
    description = "".join(d.text or "" for d in _children(node, "Description")).strip()
    return RefiCode(
        guid=guid,
        name=name[:200],
        color=colour.lower(),
        description=description,
        is_codable=codable in {"true", "1"},
        children=[_read_code(child, depth + 1, seen) for child in _children(node, "Code")],
        note_refs=[r.get("targetGUID") or "" for r in _children(node, "NoteRef")],
    )


def _read_codes(holder: Element) -> list[RefiCode]:
    seen: set[str] = set()
    codes_nodes = _children(holder, "Codes")
    if not codes_nodes:
        raise RefiError("Het codeboek bevat geen <Codes>.")
    return [_read_code(code, 1, seen) for code in _children(codes_nodes[0], "Code")]


def read_codebook(data: bytes) -> list[RefiCode]:
    """Read a `.qdc` file (or a project's CodeBook) into codes; `RefiError` otherwise."""
    root = _parse(data, MAX_CODEBOOK_BYTES)
    ns, name = _local(root.tag)
    if name != "CodeBook" or ns not in {CODEBOOK_NS, PROJECT_NS}:
        raise RefiError(
            "Dit is geen REFI-QDA-codeboek: het hoofdelement moet <CodeBook> zijn "
            f"(namespace {CODEBOOK_NS})."
        )
    codes = _read_codes(root)
    if not codes:
        raise RefiError("Het codeboek bevat geen codes.")
    return codes


def _int(node: Element, attr: str) -> int:
    try:
        return int(node.get(attr) or "")
    except ValueError as error:
        raise RefiError(f"Een selectie heeft een ongeldige {attr}.") from error


def _date(node: Element) -> datetime | None:
    value = node.get("creationDateTime") or ""
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")) if value else None
    except ValueError:
        return None


def _text(node: Element) -> str:
    return "".join(t.text or "" for t in _children(node, "PlainTextContent"))


def read_project(data: bytes) -> RefiProject:
    """Read a `.qdpx` ZIP (only `project.qde`; inline texts)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as error:
        raise RefiError("Dit is geen .qdpx-bestand (geen ZIP).") from error
    with archive:
        try:
            info = archive.getinfo("project.qde")
        except KeyError as error:
            raise RefiError("Het .qdpx-bestand bevat geen project.qde.") from error
        if info.file_size > MAX_PROJECT_BYTES:
            raise RefiError("project.qde is te groot.")
        root = _parse(archive.read(info), MAX_PROJECT_BYTES)
    ns, name = _local(root.tag)
    if name != "Project" or ns != PROJECT_NS:
        raise RefiError(f"project.qde is geen REFI-QDA-project (namespace {PROJECT_NS}).")
    project = RefiProject(
        name=root.get("name") or "",
        creating_user=root.get("creatingUserGUID") or "",
        created=_date(root),
        description="".join(d.text or "" for d in _children(root, "Description")),
    )
    for users in _children(root, "Users"):
        project.users = [
            RefiUser(_guid(u, "Een gebruiker"), u.get("name") or "")
            for u in _children(users, "User")
        ]
    for book in _children(root, "CodeBook"):
        project.codes = _read_codes(book)
    for sources in _children(root, "Sources"):
        for node in _children(sources, "TextSource"):
            source = RefiSource(
                guid=_guid(node, "Een bron"),
                name=node.get("name") or "",
                text=_text(node),
                creating_user=node.get("creatingUser") or "",
                created=_date(node),
                note_refs=[r.get("targetGUID") or "" for r in _children(node, "NoteRef")],
            )
            for sel in _children(node, "PlainTextSelection"):
                source.selections.append(
                    RefiSelection(
                        guid=_guid(sel, "Een selectie"),
                        start=_int(sel, "startPosition"),
                        end=_int(sel, "endPosition"),
                        name=sel.get("name") or "",
                        creating_user=sel.get("creatingUser") or "",
                        created=_date(sel),
                        codings=[
                            RefiCoding(
                                guid=_guid(c, "Een codering"),
                                code_guid=next(
                                    (r.get("targetGUID") or "" for r in _children(c, "CodeRef")), ""
                                ),
                                creating_user=c.get("creatingUser") or "",
                                created=_date(c),
                            )
                            for c in _children(sel, "Coding")
                        ],
                        note_refs=[r.get("targetGUID") or "" for r in _children(sel, "NoteRef")],
                    )
                )
            project.sources.append(source)
    for notes in _children(root, "Notes"):
        project.notes = [
            RefiNote(
                guid=_guid(n, "Een notitie"),
                name=n.get("name") or "",
                text=_text(n),
                creating_user=n.get("creatingUser") or "",
                created=_date(n),
            )
            for n in _children(notes, "Note")
        ]
    return project
