"""Prose as one searchable string: wrapped lines rejoined, every character traceable to its source line.

PDF and Word exports break sentences at the page width ("比2024年预算减少2,389.52万" / "元"), sometimes with a
blank line between every line, and letter-space words. The patterns in extract/ match whole sentences, so the
lines of a paragraph are joined back, and spaces that are not between two figures are dropped.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import accumulate, chain, compress
from operator import itemgetter, not_

from generator.read import Line
from generator.records import Evidence

# A line that starts a new paragraph: a heading or a list item
# ("第一部分", "一、", "（一）", "1、", "1.", "（1）", "一是").
PARAGRAPH_START = re.compile(
    r"^(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+[、.]|[（(][一二三四五六七八九十\d]+[）)]"
    r"|\d+[、.)）](?!\d)|[①-⑳]|[一二三四五六七八九十]是)"
)
# The characters a heading or list number can begin with, besides digits: most lines need no numbering pattern tried.
NUMBERING_FIRST = frozenset("第一二三四五六七八九十（(") | frozenset(map(chr, range(ord("①"), ord("⑳") + 1)))
# The last character of a line that ends a paragraph.
PARAGRAPH_END = frozenset("。；;！!？?：:")
# A line wrapped at the page edge is long, or its continuation starts mid-sentence ("416.72 万元，其中…", "元；"):
# with a digit or one of CONTINUATION_FIRST.
# Narrow pages wrap at about 28 characters once spaces are squeezed out ("…年初预算为2.85万元，支出决" / "算为…").
WRAPPED_LINE = 24
CONTINUATION_FIRST = frozenset("，,。；;、%）)元万")
# A figure split from its unit at a short line's end: "…主要原因：单位 2024" / "年新成立，…".
UNIT_AFTER_FIGURE = frozenset("年月日个人辆家项台套")
# The characters on both sides of a space that squeeze keeps ("2024 12", "A 1"); any other space only splits a word
# or a figure from its unit ("2024 年", "416.72 万元", "因 公 出 国") and goes.
FIGURE_CHARACTERS = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.,%")
# A table row: tab-separated cells, or cells apart by wide gaps with no sentence punctuation (pdftotext -layout).
WIDE_GAP = re.compile(r"\S\s{2,}\S")
SENTENCE_PUNCTUATION = re.compile(r"[，。；：、;:]|,(?!\d{3})")
CLAUSE_END = re.compile(r"[。；;\n]")
QUOTE_LIMIT = 160


def is_table_row(text: str) -> bool:
    stripped = text.strip()
    if "\t" in stripped:
        return True
    # Two spaces in a stripped line are a wide gap. Failing that, whitespace only as lone spaces (every other
    # whitespace character is unprintable) means no wide gap to scan for.
    if "  " not in stripped and (stripped.isprintable() or not WIDE_GAP.search(stripped)):
        return False
    return not SENTENCE_PUNCTUATION.search(stripped)


@lru_cache(maxsize=1 << 16)
def squeeze(text: str) -> str:
    """Drop the spaces inside words and between a figure and its unit; keep those between two figures."""
    text = text.strip()
    if " " not in text and "\t" not in text:
        return text
    words = text.split()  # split's whitespace is re's \s; a loop over a line's few words beats a regex scan
    squeezed = words[0]
    for word in words[1:]:
        keep = squeezed[-1] in FIGURE_CHARACTERS and word[0] in FIGURE_CHARACTERS
        squeezed += " " + word if keep else word
    return squeezed


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
        return self.quote(self.offsets[max(bisect_right(self.offsets, start) - 1, 0)], start, end)

    @cached_property
    def clause_ends(self) -> list[int]:
        """Where each clause ends (。；; or a line break), found in one scan: every figure's quote is cut at them."""
        return [match.start() for match in CLAUSE_END.finditer(self.text)]

    def clause_end(self, position: int) -> int:
        """Where the clause holding `position` ends: at the next 。；; or line break, else at the text's end."""
        after = bisect_left(self.clause_ends, position)
        return self.clause_ends[after] if after < len(self.clause_ends) else len(self.text)

    def quote(self, line_start: int, start: int, end: int) -> str:
        """clause(start, end), given the offset of the line it starts on (the quote never starts before it: a
        line break before `start` is before `line_start` too)."""
        ends, text = self.clause_ends, self.text
        before = bisect_left(ends, start)  # the clause ends before `start`
        left = max(ends[before - 1] + 1, line_start) if before else line_start
        # text[left:right].strip(), cut to QUOTE_LIMIT around the span, without copying the clause first: a clause
        # of a report on one line may be megabytes long
        first, right = left, self.clause_end(end)
        while first < right and text[first].isspace():
            first += 1
        while right > first and text[right - 1].isspace():
            right -= 1
        if right - first <= QUOTE_LIMIT:
            return text[first:right]
        lo = first + max(start - left - QUOTE_LIMIT // 2, 0)
        return text[lo : min(lo + QUOTE_LIMIT, right)]

    def evidence(self, start: int, end: int) -> Evidence:
        index = max(bisect_right(self.offsets, start) - 1, 0)  # line_at and clause, finding the line once
        return Evidence(self.line_nos[index], self.quote(self.offsets[index], start, end))

    def quoted_alike_until(self, start: int, clause_end: int) -> int:
        """Up to where a span after `start`, in the clause that ends at `clause_end` with no clause mark between, has
        the same evidence as the span at `start`: to the end of its line, unless the clause may be too long to quote
        whole (each quote is then cut around its own span)."""
        index = max(bisect_right(self.offsets, start) - 1, 0)
        if clause_end - self.offsets[index] > QUOTE_LIMIT:
            return start
        return self.offsets[index + 1] if index + 1 < len(self.offsets) else len(self.text)


@dataclass(frozen=True, eq=False)
class NonBlankLines:
    """The non-blank lines of a run, stripped, squeezed and told table row or not once: every stage asks."""

    indices: tuple[int, ...]  # positions in the run
    numbers: tuple[int, ...]
    stripped: tuple[str, ...]
    squeezed: tuple[str, ...]
    table_rows: tuple[bool, ...]


LINE_NO, LINE_TEXT = itemgetter(0), itemgetter(1)  # a Line's fields, for map


def non_blank(lines: Sequence[Line]) -> NonBlankLines:
    """The non-blank lines among `lines`, built with map and compress: a Python loop costs more on hundreds."""
    every = list(map(str.strip, map(LINE_TEXT, lines)))
    stripped = tuple(filter(None, every))
    return NonBlankLines(
        indices=tuple(compress(range(len(every)), every)),
        numbers=tuple(map(LINE_NO, compress(lines, every))),
        stripped=stripped,
        squeezed=tuple(map(squeeze, stripped)),
        table_rows=tuple(map(is_table_row, stripped)),
    )


def line_starts(texts: Sequence[str]) -> tuple[int, ...]:
    """The offset of each of `texts` in "\\n".join(texts)."""
    starts, offset = [], 0
    for text in texts:
        starts.append(offset)
        offset += len(text) + 1
    return tuple(starts)


def prose_of(lines: NonBlankLines) -> Passage:
    """The lines that are not table rows (those are read from their cells, segment/tables.py, never as sentences),
    each wrapped line joined to the one before it. Only the join decision is made line by line in Python."""
    prose = list(map(not_, lines.table_rows))
    pieces = list(compress(lines.squeezed, prose))
    follows = compress([False, *prose[:-1]], prose)  # no table row between a piece and the one before it
    separators = [
        "" if follow and previous[-1] not in PARAGRAPH_END and continues(previous, piece) else "\n"
        for previous, piece, follow in zip(["", *pieces], pieces, follows, strict=False)  # the first is one longer
    ]
    if separators:
        separators[0] = ""  # nothing before the first piece
    parts = list(chain.from_iterable(zip(separators, pieces, strict=True)))
    return Passage(
        text="".join(parts),
        offsets=tuple(accumulate(map(len, parts)))[::2],
        line_nos=tuple(compress(lines.numbers, prose)),
    )


def continues(previous: str, piece: str) -> bool:
    """Whether `piece` carries on the paragraph the line `previous` left open (it has no closing punctuation)."""
    first = piece[0]  # a squeezed non-blank line is never empty
    return (
        len(previous) >= WRAPPED_LINE
        or first in CONTINUATION_FIRST
        or first.isdecimal()
        or (first in UNIT_AFTER_FIGURE and previous[-1].isdigit())
    ) and not ((first in NUMBERING_FIRST or first.isdecimal()) and PARAGRAPH_START.match(piece))
