"""XLSX reports (tables only): each sheet's name as a caption line, then its rows with cells joined by tabs."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from pathlib import Path

import openpyxl

from generator.errors import ReportError
from generator.read.archive import check_package

# A number format fixing the decimals shown ("0.00", "#,##0.00_ "): the report prints 12.50, not 12.5.
DECIMALS = re.compile(r"0\.(0+)")


def xlsx_text(path: Path) -> str:
    check_package(path, "spreadsheet (.xlsx)")
    try:
        workbook = openpyxl.load_workbook(str(path), read_only=True, data_only=True)
        try:
            lines = list(workbook_lines(workbook))
            captions = set(workbook.sheetnames)
        finally:
            workbook.close()
    except Exception as exc:  # a damaged package fails inside openpyxl and its XML parser in many ways
        raise ReportError(path, f"the spreadsheet is damaged ({type(exc).__name__}): open and save it again") from exc
    if all(not line.strip() or line in captions for line in lines):
        raise ReportError(path, "the spreadsheet has no cells with text: expected a budget report's tables")
    return "\n".join(lines)


def workbook_lines(workbook: openpyxl.Workbook) -> Iterator[str]:
    for sheet in workbook.worksheets:
        yield sheet.title
        for row in sheet.iter_rows():
            cells = [cell_text(cell.value, getattr(cell, "number_format", "General")) for cell in row]
            while cells and not cells[-1]:
                cells.pop()
            yield "\t".join(cells)
        yield ""


def cell_text(value: object, number_format: str) -> str:
    """A cell as the spreadsheet shows it: numbers with their format's decimals, dates as ISO dates."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        if "%" in (number_format or ""):  # a share the sheet shows as a percentage: 0.1234 as "12.34%"
            value = value * 100
            shown = DECIMALS.search(number_format)
            return f"{value:.{len(shown.group(1)) if shown else 0}f}%"
        decimals = DECIMALS.search(number_format or "")
        if decimals:
            return f"{value:.{len(decimals.group(1))}f}"
        return str(int(value)) if float(value).is_integer() else repr(float(value))
    if isinstance(value, datetime.datetime | datetime.date):
        return value.date().isoformat() if isinstance(value, datetime.datetime) else value.isoformat()
    return " ".join(str(value).split())
