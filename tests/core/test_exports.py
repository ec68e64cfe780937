"""The one export helper: no cell that people typed is ever run as a formula."""

from __future__ import annotations

import csv
import io

import openpyxl
from hypothesis import given
from hypothesis import strategies as st

from kwartier.core.exports import FORMULA_STARTS, CsvStream, csv_bytes, safe_cell, xlsx_bytes

DANGEROUS = [
    '=HYPERLINK("https://example.org";"Klik hier")',
    "+31 6 1234",
    "-2+3",
    "@SUM(A1)",
    "\tx",
    "\rx",
]


def test_safe_cell_neutralises_every_formula_start():
    for value in DANGEROUS:
        assert safe_cell(value) == "'" + value


def test_numbers_and_plain_text_stay_as_they_are():
    assert safe_cell(-1.5) == -1.5
    assert safe_cell(3) == 3
    assert safe_cell("Schulden") == "Schulden"
    assert safe_cell(None) is None


@given(st.text())
def test_no_neutralised_string_starts_like_a_formula(value):
    assert not str(safe_cell(value)).startswith(FORMULA_STARTS)


def test_csv_cells_are_neutralised():
    data = csv_bytes(["titel"], [[value] for value in DANGEROUS]).decode("utf-8-sig")
    cells = [row[0] for row in csv.reader(io.StringIO(data, newline=""), delimiter=";")][1:]
    assert cells == ["'" + value for value in DANGEROUS]


def test_csv_stream_starts_with_a_byte_order_mark_once():
    stream = CsvStream()
    lines = list(stream.rows(["a"], [["=1"], ["b"]]))
    assert lines[0].startswith("\ufeff")
    assert lines[1] == "'=1\r\n"
    assert not lines[2].startswith("\ufeff")


def test_xlsx_writes_text_as_text_never_as_formula():
    data = xlsx_bytes("Resultaten", ["titel", "aantal"], [[value, 2] for value in DANGEROUS])
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    rows = list(sheet.iter_rows(min_row=2))
    assert all(row[0].data_type == "s" for row in rows)
    # XML stores a carriage return as a newline; what matters is the apostrophe before it.
    assert [row[0].value for row in rows][:-1] == ["'" + value for value in DANGEROUS][:-1]
    assert all(row[0].value.startswith("'") for row in rows)
    assert all(row[1].data_type == "n" for row in rows)
