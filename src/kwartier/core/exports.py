"""Spreadsheet exports that never run what people typed.

A cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read as
a formula by spreadsheet programs (CSV or formula injection, CWE-1236): a story titled
``=HYPERLINK(...)`` would become a link in the reader's Excel. Every export that carries
text people typed goes through this module:

- :func:`safe_cell` neutralises one value (a leading apostrophe, as OWASP advises);
- :func:`csv_bytes` and :class:`CsvStream` write semicolon CSV for Dutch spreadsheets;
- :func:`xlsx_bytes` writes every string as a text cell, never as a formula.

Numbers stay numbers: only strings are changed, so sums in the spreadsheet still work.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_DELIMITER = ";"


def safe_cell(value: Any) -> Any:
    """The value as it may go into a cell: strings that a spreadsheet would run get a
    leading apostrophe; everything else is returned unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(row: Iterable[Any]) -> list[Any]:
    return [safe_cell(value) for value in row]


class _Echo:
    def write(self, value: str) -> str:
        return value


class CsvStream:
    """Yields CSV lines one by one, for a ``StreamingHttpResponse``."""

    def __init__(self, *, byte_order_mark: bool = True) -> None:
        self._writer = csv.writer(_Echo(), delimiter=CSV_DELIMITER)
        self._first = byte_order_mark

    def row(self, row: Iterable[Any]) -> str:
        line: str = self._writer.writerow(safe_row(row))
        if self._first:
            # A byte-order mark: what Dutch spreadsheet programs expect to see UTF-8.
            self._first = False
            return "\ufeff" + line
        return line

    def rows(self, header: Sequence[Any], rows: Iterable[Iterable[Any]]) -> Iterator[str]:
        yield self.row(header)
        for row in rows:
            yield self.row(row)


def csv_write(handle: Any, header: Sequence[Any], rows: Iterable[Iterable[Any]]) -> None:
    """Writes semicolon CSV with neutralised cells to an open text file."""
    writer = csv.writer(handle, delimiter=CSV_DELIMITER)
    writer.writerow(safe_row(header))
    for row in rows:
        writer.writerow(safe_row(row))


def csv_bytes(header: Sequence[Any], rows: Iterable[Iterable[Any]]) -> bytes:
    """The whole CSV file as UTF-8 bytes with a byte-order mark."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    csv_write(buffer, header, rows)
    return buffer.getvalue().encode("utf-8")


def xlsx_bytes(sheet_title: str, header: Sequence[Any], rows: Iterable[Iterable[Any]]) -> bytes:
    """One worksheet; every string is written as a text cell (data type ``s``), so a
    value that looks like a formula is shown as text and never evaluated."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_title[:31])

    def cells(row: Iterable[Any]) -> list[Any]:
        out: list[Any] = []
        for value in row:
            if isinstance(value, str):
                cell = WriteOnlyCell(sheet, value=None)
                # Set value and type directly: openpyxl would otherwise guess "formula"
                # for any string that begins with "=".
                cell._value = safe_cell(value)
                cell.data_type = "s"
                out.append(cell)
            else:
                out.append(value)
        return out

    sheet.append(cells(header))
    for row in rows:
        sheet.append(cells(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
