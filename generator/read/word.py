"""DOCX reports: paragraphs and tables in document order; a table row becomes its cells joined by tabs, as the
parser reads tables in text reports, with a merged cell's text written once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import docx
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from generator.errors import ReportError
from generator.read.archive import check_package


def docx_text(path: Path) -> str:
    check_package(path, "Word document (.docx)")
    try:
        document = docx.Document(str(path))
        lines = list(body_lines(document.iter_inner_content()))
    except ReportError:
        raise
    except Exception as exc:  # a damaged package fails inside python-docx and lxml in many ways; all mean the same
        raise ReportError(path, f"the Word document is damaged ({type(exc).__name__}): open and save it again") from exc
    if not any(line.strip() for line in lines):
        raise ReportError(path, "the Word document has no text: expected the text of a budget report")
    return "\n".join(lines)


def body_lines(blocks: Iterator[Paragraph | Table]) -> Iterator[str]:
    for block in blocks:
        if isinstance(block, Paragraph):
            yield block.text
        else:
            yield from table_rows(block)


def table_rows(table: Table) -> Iterator[str]:
    """Each row's cells by grid column: a cell spanning columns or continuing a vertical merge leaves blanks."""
    above: list[object | None] = []
    for row in table.rows:
        cells = [None] * row.grid_cols_before + list(row.cells)
        texts = []
        for column, cell in enumerate(cells):
            spans_left = column > 0 and cell is not None and cell is cells[column - 1]
            merged_above = cell is not None and column < len(above) and cell_element(cell) is above[column]
            texts.append("" if cell is None or spans_left or merged_above else cell_text(cell))
        above = [cell_element(cell) if cell is not None else None for cell in cells]
        yield "\t".join(texts)


def cell_element(cell: _Cell) -> object:
    """The cell's XML element: python-docx repeats a vertically merged cell in each row it covers."""
    return cell._element


def cell_text(cell: _Cell) -> str:
    """One line per cell, however many paragraphs it holds: a row stays one line."""
    return " ".join(" ".join(cell.text.split("\t")).split("\n")).strip()
