"""REFI-QDA writer and reader: round trip, schema, and hostile input (decision 0106)."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from kwartier.collective.refi import (
    RefiCode,
    RefiCoding,
    RefiError,
    RefiNote,
    RefiProject,
    RefiSelection,
    RefiSource,
    RefiUser,
    new_guid,
    project_xml,
    read_codebook,
    read_project,
    write_codebook,
    write_project,
)

HERE = Path(__file__).parent
WHEN = datetime(2026, 3, 1, 10, 30, tzinfo=UTC)


def schema(name: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(HERE / name)))


def codes() -> list[RefiCode]:
    child = RefiCode(new_guid("c", "2"), "Wachten", "#00aa00", "Wachttijd bij de gemeente")
    return [
        RefiCode(
            new_guid("c", "1"), "Schulden", "#AA0000", "Geldzorgen & <rekeningen>", True, [child]
        ),
        RefiCode(new_guid("c", "3"), "Herstel", "", "", False),
    ]


def project() -> RefiProject:
    user = RefiUser(new_guid("u", "1"), "Coder A")
    text = "Ik wachtte drie maanden op [PERSOON 1]. Daarna ging het beter."
    insight = RefiNote(
        new_guid("i", "1"), "Inzicht: wachten", "Wachten maakt schulden erger.", user.guid, WHEN
    )
    memo = RefiNote(new_guid("m", "1"), "Memo", "Let op de toon.", user.guid, WHEN)
    selection = RefiSelection(
        new_guid("s", "1"),
        0,
        21,
        "Ik wachtte drie maand",
        user.guid,
        WHEN,
        [RefiCoding(new_guid("k", "1"), codes()[0].children[0].guid, user.guid, WHEN)],
        [memo.guid, insight.guid],
    )
    source = RefiSource(new_guid("e", "1"), "Verhaal 1", text, user.guid, WHEN, [selection])
    return RefiProject("Wij-kennis", [user], codes(), [source], [memo, insight], user.guid, WHEN)


def test_codebook_validates_against_the_schema_and_round_trips() -> None:
    data = write_codebook(codes())
    schema("Codebook.xsd").assertValid(etree.fromstring(data))
    back = read_codebook(data)
    assert [c.name for c in back[0].walk()] == ["Schulden", "Wachten"]
    assert back[0].description == "Geldzorgen & <rekeningen>"
    assert back[0].color == "#aa0000"
    assert back[1].is_codable is False
    assert back[0].children[0].guid == codes()[0].children[0].guid


def test_project_validates_and_round_trips() -> None:
    data = write_project(project())
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.namelist() == ["project.qde"]
        xml = archive.read("project.qde")
    schema("Project.xsd").assertValid(etree.fromstring(xml))
    back = read_project(data)
    assert back.name == "Wij-kennis"
    assert back.users[0].name == "Coder A"
    source = back.sources[0]
    assert source.text.startswith("Ik wachtte")
    sel = source.selections[0]
    assert (sel.start, sel.end) == (0, 21)
    assert source.text[sel.start : sel.end] == "Ik wachtte drie maand"
    assert sel.codings[0].code_guid == codes()[0].children[0].guid
    assert set(sel.note_refs) == {n.guid for n in back.notes}
    assert back.notes[1].text == "Wachten maakt schulden erger."


def test_schema_rejects_what_the_standard_forbids() -> None:
    """The subset schema is not a rubber stamp: a code without isCodable fails."""
    bad = write_codebook(codes()).replace(b' isCodable="true"', b"", 1)
    assert not schema("Codebook.xsd").validate(etree.fromstring(bad))
    wrong_order = project_xml(project()).replace(b"<Users>", b"<Notes2>", 1)
    with pytest.raises(etree.XMLSyntaxError):
        etree.fromstring(wrong_order)


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "leeg"),
        (b"<CodeBook", "geen geldige XML"),
        (b"<Foo xmlns='urn:QDA-XML:codebook:1.0'/>", "geen REFI-QDA-codeboek"),
        (
            b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 '
            b'"&lol;&lol;&lol;">]><CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>'
            b'<Code guid="11111111-1111-1111-1111-111111111111" name="&lol2;" isCodable="true"/>'
            b"</Codes></CodeBook>",
            "DTD",
        ),
        (
            b'<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="x" name="A" '
            b'isCodable="true"/></Codes></CodeBook>',
            "geen geldige GUID",
        ),
        (
            b'<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code '
            b'guid="11111111-1111-1111-1111-111111111111" name="A" isCodable="true" '
            b'color="rood"/></Codes></CodeBook>',
            "ongeldige kleur",
        ),
        (
            b'<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code '
            b'guid="11111111-1111-1111-1111-111111111111" name="A" isCodable="true"/><Code '
            b'guid="11111111-1111-1111-1111-111111111111" name="B" isCodable="true"/>'
            b"</Codes></CodeBook>",
            "twee keer",
        ),
        (b'<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes/></CodeBook>', "geen codes"),
    ],
)
def test_bad_codebooks_give_a_dutch_error(data: bytes, words: str) -> None:
    with pytest.raises(RefiError) as caught:
        read_codebook(data)
    assert words in str(caught.value)


def test_bad_projects_give_a_dutch_error() -> None:
    with pytest.raises(RefiError, match="geen ZIP"):
        read_project(b"not a zip")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("other.txt", "x")
    with pytest.raises(RefiError, match="project.qde"):
        read_project(buffer.getvalue())


names = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30
).filter(lambda s: s.strip() and s == s.strip())


@settings(max_examples=60)
@given(st.lists(st.tuples(names, st.text(max_size=40)), min_size=1, max_size=8))
def test_any_codebook_round_trips_and_validates(entries) -> None:
    tree = [
        RefiCode(new_guid("p", str(i)), name, "#123456", desc.replace("\r", ""))
        for i, (name, desc) in enumerate(entries)
    ]
    data = write_codebook(tree)
    schema("Codebook.xsd").assertValid(etree.fromstring(data))
    back = read_codebook(data)
    assert [c.name for c in back] == [n for n, _ in entries]
    assert [c.guid for c in back] == [c.guid for c in tree]
