"""Table rows as cells, with the unit the table declares.

Reports lay tables out with tabs (Word export) or with wide gaps (pdftotext -layout). A row that starts with a
classification code ("201\t31\t01\t\t行政运行\t469.47", "201   03   01   行政运行   12,029,501.84") is what the
extractors need: its code, its name and its figures. Tables declare their unit in a caption ("单位：元",
"金额单位：万元"), which holds until the next caption.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import compress, pairwise, repeat
from operator import itemgetter

from generator.figures import to_wan
from generator.read import Line
from generator.reference.classification import economic, functional
from generator.segment.prose import NonBlankLines, squeeze

# A caption's unit ("单位：元", "金额单位：万元"), sought in the whole text at once: it starts at 单位 (so re jumps
# from one to the next) and its spaces never run onto the next line.
UNIT_CAPTION = re.compile(r"单位[^\S\n]*[：:][^\S\n]*(?P<unit>万元|元)")
CELL_GAP = re.compile(r"\t+|\s{2,}")
# Two spaces side by side other than tabs: a tab row with none is parted by its tabs alone.
SPACE_RUN = re.compile(r"[^\S\t]{2}")
# A figure cell: "469.47", "12,029,501.84", "0.00", "-3.5".
FIGURE = re.compile(r"-?\d[\d,]*(?:\.\d+)?")
FIRST_CHARACTER = itemgetter(0)


@dataclass(frozen=True)
class CodedRow:
    """A table row keyed by a classification code, figures already in 万元."""

    line: int
    code: str
    name: str
    figures: tuple[float | None, ...]
    text: str


def has_space_run(text: str) -> bool:
    """SPACE_RUN.search(text), mostly without its scan, which tries every character (the pattern starts with no
    character it could jump to). Every whitespace character but the plain space is unprintable, so a row that is
    printable once its tabs are gone holds no other: only "  " can then be two spaces side by side."""
    if "  " in text:
        return True
    return not text.replace("\t", "").isprintable() and SPACE_RUN.search(text) is not None


def cells(text: str) -> list[str]:
    """A row's non-empty cells. A tab row where no two other spaces meet is split by str.split: a tab parts two
    cells either way, and the gap pattern's scan of a long row costs more than the split."""
    if "\t" in text and not has_space_run(text):
        return [cell for cell in map(str.strip, text.split("\t")) if cell]
    return [cell for cell in map(str.strip, CELL_GAP.split(text.strip())) if cell]


def raw_cells(text: str) -> list[str]:
    """Cells with the empty ones kept, so a column can be told by its position."""
    return list(map(str.strip, text.strip("\n").split("\t"))) if "\t" in text else cells(text)


def split_code(parts: list[str]) -> tuple[str, int] | None:
    """The code the leading cells spell ("201","03","01" → "2010301") and how many cells it used."""
    if not parts or len(parts[0]) not in (3, 5, 7) or not parts[0].isdecimal():  # isdecimal is re's \d
        return None
    code, used = parts[0], 1
    while used < len(parts) and len(code) < 7 and len(parts[used]) == 2 and parts[used].isdecimal():
        code += parts[used]
        used += 1
    return code, used


def line_units(text: str, count: int) -> tuple[str, ...]:
    """The unit of the table each of the `count` lines of `text` (joined by newlines) is in: the last caption's
    above it or on it; 万元 before any."""
    units: list[str] = []  # one per line, up to the last caption's
    unit = "万元"
    index = last = 0  # the line of the last caption, by the newlines up to its position
    for caption in UNIT_CAPTION.finditer(text):
        at = caption.start()
        index += text.count("\n", last, at)
        last = at
        if index < len(units):  # a second caption on one line: the first holds
            continue
        units.extend(repeat(unit, index - len(units)))
        unit = caption["unit"]
        units.append(unit)
    units.extend(repeat(unit, count - len(units)))
    return tuple(units)


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


def labelled_cells(no: int, text: str, unit: str) -> Iterator[LabelledCell]:
    """Every label cell followed by a figure cell in the table row `text` (line `no`), figures in 万元."""
    parts = cells(text)
    row = " ".join(parts)  # once, not per cell: a row of thousands of cells (a report on one line) stays linear
    for label, value in pairwise(parts):
        if not FIGURE.fullmatch(label) and FIGURE.fullmatch(value):
            yield LabelledCell(no, squeeze(label), to_wan(value, unit), row)


def coded_rows(lines: Sequence[Line], non_blank: NonBlankLines, units: Sequence[str]) -> Iterator[CodedRow]:
    """Every table row that starts with a classification code, in order, with its unit applied. A tab-separated
    row whose first cell is empty has its number in a later column (a 单位代码 under blank 科目 columns)."""
    for at in compress(range(len(non_blank.stripped)), map(str.isdigit, map(FIRST_CHARACTER, non_blank.stripped))):
        index = non_blank.indices[at]
        line, unit = lines[index], units[index]
        text = non_blank.stripped[at]
        if not non_blank.table_rows[at] or line.text.startswith("\t"):
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
    is_figure = [FIGURE.fullmatch(cell) is not None for cell in rest]
    if False in is_figure:  # the name is the first cell that is not a figure
        at = is_figure.index(False)
        name, after_name, is_figure = squeeze(rest[at]), rest[at + 1 :], is_figure[at + 1 :]
    else:  # the name wrapped onto the lines around the figures: the code's official name stands in
        subject = functional(code) or economic(code)
        if subject is None or not rest:
            return None
        name, after_name = subject.name, rest
    figures = tuple(to_wan(cell, unit) if figure else None for cell, figure in zip(after_name, is_figure, strict=True))
    return CodedRow(line, code, name, figures, text)
