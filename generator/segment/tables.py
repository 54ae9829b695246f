"""Table rows as cells, with the unit the table declares.

Reports lay tables out with tabs (Word export) or with wide gaps (pdftotext -layout). A row that starts with a
classification code ("201\t31\t01\t\t行政运行\t469.47", "201   03   01   行政运行   12,029,501.84") is what the
extractors need: its code, its name and its figures. Tables declare their unit in a caption ("单位：元",
"金额单位：万元"), which holds until the next caption.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from generator.figures import to_wan
from generator.read import Document, Line
from generator.reference.classification import economic, functional
from generator.segment.prose import is_table_row, squeeze

UNIT_CAPTION = re.compile(r"(?:金额)?单位\s*[：:]\s*(?P<unit>万元|元)")
CELL_GAP = re.compile(r"\t+|\s{2,}")
# A figure cell: "469.47", "12,029,501.84", "0.00", "-3.5".
FIGURE = re.compile(r"-?\d[\d,]*(?:\.\d+)?")


@dataclass(frozen=True)
class CodedRow:
    """A table row keyed by a classification code, figures already in 万元."""

    line: int
    code: str
    name: str
    figures: tuple[float | None, ...]
    text: str


def cells(text: str) -> list[str]:
    return [cell.strip() for cell in CELL_GAP.split(text.strip()) if cell.strip()]


def raw_cells(text: str) -> list[str]:
    """Cells with the empty ones kept, so a column can be told by its position."""
    return [cell.strip() for cell in text.strip("\n").split("\t")] if "\t" in text else cells(text)


def split_code(parts: list[str]) -> tuple[str, int] | None:
    """The code the leading cells spell ("201","03","01" → "2010301") and how many cells it used."""
    if not parts or not re.fullmatch(r"\d{3}|\d{5}|\d{7}", parts[0]):
        return None
    code, used = parts[0], 1
    while used < len(parts) and len(code) < 7 and re.fullmatch(r"\d{2}", parts[used]):
        code += parts[used]
        used += 1
    return code, used


def with_units(document: Document) -> Iterator[tuple[Line, str]]:
    """Each line with the unit of the table it is in (the last caption above it; 万元 before any)."""
    return iter(units_of(document))


@lru_cache(maxsize=4)
def units_of(document: Document) -> tuple[tuple[Line, str], ...]:
    unit = "万元"
    found = []
    for line in document.lines:
        if "单位" in line.text and (caption := UNIT_CAPTION.search(line.text)):
            unit = caption["unit"]
        found.append((line, unit))
    return tuple(found)


def side_by_side(parts: list[str]) -> list[list[str]]:
    """A row split where another code of the same classification starts: two-column tables (a 基本支出表 with
    301/303 on the left and 302/310 on the right) print two coded rows on one line. A code is a bare integer
    the classification knows; amounts in these tables have decimals, so "302" after a name is the right column's
    class code, not 302 万元."""
    starts = [0] + [
        index for index in range(1, len(parts)) if parts[index][:1] == parts[0][:1] and is_code(parts[index])
    ]
    return [parts[start:end] for start, end in zip(starts, [*starts[1:], len(parts)], strict=True)]


def is_code(cell: str) -> bool:
    return len(cell) in (3, 5, 7) and cell.isdigit() and (functional(cell) or economic(cell)) is not None


@dataclass(frozen=True)
class LabelledCell:
    """A figure in a table beside the label it has in the same row ("本年收入合计  2,946.25  本年支出合计  …")."""

    line: int
    label: str
    amount: float
    text: str


def labelled_cells(document: Document, words: tuple[str, ...]) -> Iterator[LabelledCell]:
    """Every label cell followed by a figure cell, in the table rows holding one of `words`, figures in 万元."""
    for line, unit in with_units(document):
        if not any(word in line.text for word in words) or not is_table_row(line.text):
            continue
        parts = cells(line.text)
        for label, value in pairwise(parts):
            if not FIGURE.fullmatch(label) and FIGURE.fullmatch(value):
                yield LabelledCell(line.no, squeeze(label), to_wan(value, unit), " ".join(parts))


def coded_rows(document: Document) -> Iterator[CodedRow]:
    """Every table row that starts with a classification code, in order, with its unit applied. A tab-separated
    row whose first cell is empty has its number in a later column (a 单位代码 under blank 科目 columns)."""
    for line, unit in with_units(document):
        text = line.text.strip()
        if not text[:1].isdigit() or not is_table_row(text) or line.text.startswith("\t"):
            continue
        for parts in side_by_side(cells(text)):
            row = coded_row(parts, line.no, text, unit)
            if row is not None:
                yield row


def coded_row(parts: list[str], line: int, text: str, unit: str) -> CodedRow | None:
    found = split_code(parts)
    if found is None:
        return None
    code, used = found
    rest = parts[used:]
    names = [cell for cell in rest if not FIGURE.fullmatch(cell)]
    if names:
        name = squeeze(names[0])
        after_name = rest[rest.index(names[0]) + 1 :]
    else:  # the name wrapped onto the lines around the figures: the code's official name stands in
        subject = functional(code) or economic(code)
        if subject is None or not rest:
            return None
        name, after_name = subject.name, rest
    figures = tuple(to_wan(cell, unit) if FIGURE.fullmatch(cell) else None for cell in after_name)
    return CodedRow(line, code, name, figures, text)
