"""Prose as one searchable string: wrapped lines rejoined, every character traceable to its source line.

PDF and Word exports break sentences at the page width ("比2024年预算减少2,389.52万" / "元"), sometimes with a
blank line between every line, and letter-space words. The patterns in extract/ match whole sentences, so the
lines of a paragraph are joined back, and spaces that are not between two figures are dropped.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from generator.read import Document, Line
from generator.records import Evidence

# A line that starts a new paragraph: a heading or a list item
# ("第一部分", "一、", "（一）", "1、", "1.", "（1）", "一是").
PARAGRAPH_START = re.compile(
    r"^(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+[、.]|[（(][一二三四五六七八九十\d]+[）)]"
    r"|\d+[、.)）](?!\d)|[①-⑳]|[一二三四五六七八九十]是)"
)
# A line that ends a paragraph.
PARAGRAPH_END = re.compile(r"[。；;！!？?：:]$")
# A line wrapped at the page edge is long, or its continuation starts mid-sentence ("416.72 万元，其中…", "元；").
# Narrow pages wrap at about 28 characters once spaces are squeezed out ("…年初预算为2.85万元，支出决" / "算为…").
WRAPPED_LINE = 24
CONTINUATION = re.compile(r"^[\d，,。；;、%）)元万]")
# A figure split from its unit at a short line's end: "…主要原因：单位 2024" / "年新成立，…".
UNIT_AFTER_FIGURE = re.compile(r"^[年月日个人辆家项台套]")
# Spaces that only split a word or a figure from its unit ("2024 年", "416.72 万元", "因 公 出 国").
LOOSE_SPACE = re.compile(r"(?<![0-9A-Za-z.,%\s])\s+|\s+(?![0-9A-Za-z.,%\s])")
SPACES = re.compile(r"\s+")
# A table row: tab-separated cells, or cells apart by wide gaps with no sentence punctuation (pdftotext -layout).
WIDE_GAP = re.compile(r"\S\s{2,}\S")
SENTENCE_PUNCTUATION = re.compile(r"[，。；：、;:]|,(?!\d{3})")
CLAUSE_END = re.compile(r"[。；;\n]")
QUOTE_LIMIT = 160


@lru_cache(maxsize=1 << 16)  # every stage asks this of the same lines
def is_table_row(text: str) -> bool:
    stripped = text.strip()
    if "\t" in stripped:
        return True
    return bool(WIDE_GAP.search(stripped)) and not SENTENCE_PUNCTUATION.search(stripped)


@lru_cache(maxsize=1 << 16)
def squeeze(text: str) -> str:
    """Drop the spaces inside words and between a figure and its unit; keep those between two figures."""
    text = text.strip()
    if " " not in text and "\t" not in text:
        return text
    return SPACES.sub(" ", LOOSE_SPACE.sub("", text))


@dataclass(frozen=True)
class Passage:
    """Joined prose of a run of lines; offsets map back to line numbers."""

    text: str
    offsets: tuple[int, ...]
    line_nos: tuple[int, ...]

    def line_at(self, offset: int) -> int:
        return self.line_nos[max(bisect_right(self.offsets, offset) - 1, 0)]

    def clause(self, start: int, end: int) -> str:
        """The sentence or clause around a match, as the quote a reader checks against the source."""
        line_start = self.offsets[max(bisect_right(self.offsets, start) - 1, 0)]  # the quote starts on the cited line
        left = max(max(self.text.rfind(mark, line_start, start) for mark in "。；;") + 1, line_start)
        stop = CLAUSE_END.search(self.text, end)
        right = stop.start() if stop else len(self.text)
        quote = self.text[left:right].strip()
        if len(quote) > QUOTE_LIMIT:
            lo = max(start - left - QUOTE_LIMIT // 2, 0)
            quote = quote[lo : lo + QUOTE_LIMIT]
        return quote

    def evidence(self, start: int, end: int) -> Evidence:
        return Evidence(line=self.line_at(start), quote=self.clause(start, end))


def join_prose(lines: list[Line] | tuple[Line, ...]) -> Passage:
    """Rejoin the prose among `lines`, leaving table rows out."""
    parts: list[str] = []
    offsets: list[int] = []
    line_nos: list[int] = []
    size = 0
    open_paragraph = False
    previous_length = 0
    for line in lines:
        raw = line.text.strip()
        if not raw:
            continue
        if is_table_row(raw):  # tables are read from their rows (segment/tables.py), never as sentences
            open_paragraph = False
            continue
        piece = squeeze(raw)
        joins = open_paragraph and not PARAGRAPH_START.match(piece)
        joins = joins and (
            previous_length >= WRAPPED_LINE
            or bool(CONTINUATION.match(piece))
            or (parts[-1][-1:].isdigit() and bool(UNIT_AFTER_FIGURE.match(piece)))
        )
        separator = "" if joins else "\n"
        open_paragraph = not PARAGRAPH_END.search(piece)
        previous_length = len(piece)
        if parts:
            parts.append(separator)
            size += len(separator)
        offsets.append(size)
        line_nos.append(line.no)
        parts.append(piece)
        size += len(piece)
    return Passage(text="".join(parts), offsets=tuple(offsets), line_nos=tuple(line_nos))


def document_prose(document: Document) -> Passage:
    return join_prose(document.lines)
