"""The report segmented once: every view of it an extractor reads, built before any extractor runs.

Each view is built by one scan of the report (prose.py, tables.py, sections.py, statements.py); the extractors
read these fields and never go back to the document's text, so no stage rescans it or caches a view of it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import repeat
from typing import NamedTuple

from generator.read import Document, Line
from generator.segment.prose import LINE_NO, LINE_TEXT, NonBlankLines, Passage, non_blank, prose_of
from generator.segment.sections import Outline, outline
from generator.segment.statements import Table, standard_tables
from generator.segment.tables import CodedRow, coded_rows, line_units

# Where a report's cover and title stand: its opening lines, before the table of contents or its first part.
COVER_END = re.compile(r"目录|第[一二三四五六七八九十]+部分|^[一二三四五六七八九十]+、", re.MULTILINE)
COVER_LIMIT = 300


class LaidLine(NamedTuple):  # a tuple: a report has thousands of lines and tuples are the cheapest to make
    """A line as read, with the unit of the table it is in (万元 or 元) and whether it is a table row."""

    no: int
    text: str
    unit: str
    table_row: bool


@dataclass(frozen=True, eq=False)
class Layout:
    """A report's lines, prose, outline, coded rows, standard tables and cover."""

    document: Document
    text: str  # every line, joined by newlines
    lines: tuple[LaidLine, ...]  # every line, blank ones too: lines[no - 1] is line `no`
    non_blank: NonBlankLines  # the lines with text, stripped and squeezed
    prose: Passage  # the lines that are not table rows, wrapped lines rejoined
    outline: Outline  # the non-blank lines ranked by their numbering: headings and their blocks
    rows: tuple[CodedRow, ...]  # the table rows led by a classification code, figures in 万元
    tables: tuple[Table, ...]  # the standard tables rebuilt from a PDF's word positions (none for other formats)
    cover: str  # the prose before the table of contents or the first part: the cover and title


def layout(document: Document) -> Layout:
    """The report's layout, each view built once."""
    text = "\n".join(line.text for line in document.lines)
    units = line_units(text, len(document.lines))
    lines = non_blank(document.lines)
    table_rows = [False] * len(document.lines)
    for index, table_row in zip(lines.indices, lines.table_rows, strict=True):
        table_rows[index] = table_row
    prose = prose_of(lines)
    return Layout(
        document=document,
        text=text,
        lines=laid_lines(document.lines, units, table_rows),
        non_blank=lines,
        prose=prose,
        outline=outline(lines),
        rows=tuple(coded_rows(document.lines, lines, units)),
        tables=standard_tables(document),
        cover=cover(prose),
    )


def laid_lines(lines: Sequence[Line], units: Sequence[str], table_rows: Sequence[bool]) -> tuple[LaidLine, ...]:
    """Each line with its unit and kind, built without a Python call per line (LaidLine's own constructor is one):
    half the time on a report's thousands of lines."""
    numbers, texts = map(LINE_NO, lines), map(LINE_TEXT, lines)
    return tuple(map(tuple.__new__, repeat(LaidLine), zip(numbers, texts, units, table_rows, strict=True)))


def cover(prose: Passage) -> str:
    """The report's first lines, up to its table of contents or first part: its cover and title."""
    head = prose.text[:COVER_LIMIT]
    end = COVER_END.search(head)
    return head[: end.start()] if end else head
