"""Numbered headings and the blocks under them.

The genre numbers its outline 第一部分 > 一、 > （一） > 1、/1. > （1）/1） > ① > 一是…; a block runs from its
heading to the next heading of the same or a higher rank. Some reports (Shanghai's) title their sections with
bare lines instead ("上海市静安区人民政府办公室主要职能"); there a short unnumbered line ends the block.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from generator.segment.prose import NUMBERING_FIRST, NonBlankLines, line_starts

MARKERS = (
    re.compile(r"^第[一二三四五六七八九十]+部分"),
    re.compile(r"^[一二三四五六七八九十]+[、.]"),
    re.compile(r"^[（(][一二三四五六七八九十]+[）)]"),
    re.compile(r"^\d+[、.](?!\d)"),
    re.compile(r"^(?:[（(]\d+[）)]|\d+[）)])"),
    re.compile(r"^[①-⑳]"),
    re.compile(r"^[一二三四五六七八九十]+是"),
)
UNNUMBERED = len(MARKERS)
ANY_MARKER = re.compile("|".join(f"({marker.pattern})" for marker in MARKERS))
# The first character of any numbered line: a lookahead for it spares most lines the seven MARKERS tried in turn.
NUMBERED_FIRST = r"(?=[第一二三四五六七八九十（(①-⑳\d])"
# Every numbered line in the outline's joined text, found by one scan: a newline then one of MARKERS, each a group.
NUMBERED_LINE = re.compile(
    "\n" + NUMBERED_FIRST + "(?:" + "|".join(f"({marker.pattern.removeprefix('^')})" for marker in MARKERS) + ")"
)
TABLE_OF_CONTENTS = re.compile(r"[…]{2,}|\.{4,}")
TITLE_PUNCTUATION = re.compile(r"[，。；：、,;:]")


def rank(text: str) -> int:
    """The outline level of a line by its numbering; UNNUMBERED for a line without one."""
    first = text[:1]
    if first not in NUMBERING_FIRST and not first.isdecimal():  # most lines: no need to try seven patterns
        return UNNUMBERED
    match = ANY_MARKER.match(text)
    return match.lastindex - 1 if match and match.lastindex else UNNUMBERED


def strip_marker(text: str) -> str:
    level = rank(text)
    return MARKERS[level].sub("", text, count=1).lstrip("．.、 ") if level < UNNUMBERED else text


def is_title(text: str) -> bool:
    """A bare section title: short, unnumbered, no sentence punctuation."""
    return rank(text) == UNNUMBERED and reads_as_title(text)


def reads_as_title(text: str) -> bool:
    """Short and without sentence punctuation: a title, if no number leads it."""
    return len(text) <= 40 and not TITLE_PUNCTUATION.search(text)


@dataclass(frozen=True)
class Block:
    """The lines under one heading (squeezed text with its source line number)."""

    heading_line: int
    heading: str
    lines: tuple[tuple[int, str], ...]


@dataclass(frozen=True, eq=False)
class Outline:
    """The squeezed lines with their rank, and all of them joined so one regex scan finds every heading of a
    kind: per-line searches from Python cost more than the search itself."""

    lines: tuple[tuple[int, str], ...]
    levels: tuple[int, ...]
    table_rows: tuple[bool, ...]
    joined: str
    offsets: tuple[int, ...]

    def indices(self, pattern: re.Pattern[str]) -> list[int]:
        """The index of every line `pattern` matches somewhere in, once each, in order."""
        found: list[int] = []
        for match in pattern.finditer(self.joined):
            index = bisect_right(self.offsets, match.start()) - 1
            if not found or found[-1] != index:
                found.append(index)
        return found

    def is_title(self, index: int) -> bool:
        """is_title of a line, its rank known; asked only of the few lines an unnumbered heading's block needs."""
        return self.levels[index] == UNNUMBERED and reads_as_title(self.lines[index][1])


def outline(lines: NonBlankLines) -> Outline:
    """The non-blank lines ranked by their numbering, every numbered line found by one scan of them joined."""
    texts = lines.squeezed
    joined = "\n".join(texts)
    offsets = line_starts(texts)
    levels = [UNNUMBERED] * len(texts)
    for marker in NUMBERED_LINE.finditer("\n" + joined):  # the match's newline is at its line's offset in joined
        levels[bisect_right(offsets, marker.start()) - 1] = marker.lastindex - 1 if marker.lastindex else UNNUMBERED
    return Outline(tuple(zip(lines.numbers, texts, strict=True)), tuple(levels), lines.table_rows, joined, offsets)


def blocks(view: Outline, heading: re.Pattern[str], *, stop: re.Pattern[str] | None = None) -> list[Block]:
    """Every block whose heading matches `heading` (table-of-contents entries give empty blocks)."""
    texts, levels = view.lines, view.levels
    found: list[Block] = []
    for index in view.indices(heading):
        no, text = texts[index]
        if len(text) > 60 or TABLE_OF_CONTENTS.search(text):
            continue
        level = levels[index]
        if level == UNNUMBERED and not view.is_title(index):
            continue
        end = index + 1
        while end < len(texts):
            other_level = levels[end]
            if other_level <= level and level < UNNUMBERED and other_level < UNNUMBERED:
                break
            if level == UNNUMBERED and view.is_title(end):
                break
            if stop is not None and stop.search(texts[end][1]):
                break
            end += 1
        found.append(Block(no, text, texts[index + 1 : end]))
    return found
