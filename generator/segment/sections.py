"""Numbered headings and the blocks under them.

The genre numbers its outline 第一部分 > 一、 > （一） > 1、/1. > （1）/1） > ① > 一是…; a block runs from its
heading to the next heading of the same or a higher rank. Some reports (Shanghai's) title their sections with
bare lines instead ("上海市静安区人民政府办公室主要职能"); there a short unnumbered line ends the block.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from generator.read import Document
from generator.segment.prose import is_table_row, squeeze

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
MARKER_FIRST = frozenset("第一二三四五六七八九十（(") | frozenset(map(chr, range(ord("①"), ord("⑳") + 1)))
TABLE_OF_CONTENTS = re.compile(r"[…]{2,}|\.{4,}")
TITLE_PUNCTUATION = re.compile(r"[，。；：、,;:]")


def rank(text: str) -> int:
    """The outline level of a line by its numbering; UNNUMBERED for a line without one."""
    first = text[:1]
    if first not in MARKER_FIRST and not first.isdecimal():  # most lines: no need to try seven patterns
        return UNNUMBERED
    match = ANY_MARKER.match(text)
    return match.lastindex - 1 if match and match.lastindex else UNNUMBERED


def strip_marker(text: str) -> str:
    level = rank(text)
    return MARKERS[level].sub("", text, count=1).lstrip("．.、 ") if level < UNNUMBERED else text


def is_title(text: str) -> bool:
    """A bare section title: short, unnumbered, no sentence punctuation."""
    return rank(text) == UNNUMBERED and len(text) <= 40 and not TITLE_PUNCTUATION.search(text)


@dataclass(frozen=True)
class Block:
    """The lines under one heading (squeezed text with its source line number)."""

    heading_line: int
    heading: str
    lines: tuple[tuple[int, str], ...]


@lru_cache(maxsize=4)
def squeezed_lines(document: Document) -> tuple[tuple[int, str], ...]:
    """The non-blank lines with their spaces squeezed, computed once per document."""
    return tuple((line.no, squeeze(line.text)) for line in document.lines if line.text.strip())


@dataclass(frozen=True, eq=False)
class Outline:
    """The squeezed lines with their rank and title-ness, and all of them joined so one regex scan finds
    every heading of a kind: per-line searches from Python cost more than the search itself."""

    lines: tuple[tuple[int, str], ...]
    levels: tuple[int, ...]
    titles: tuple[bool, ...]
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


@lru_cache(maxsize=4)
def outline(document: Document) -> Outline:
    lines = squeezed_lines(document)
    levels = tuple(rank(text) for _, text in lines)
    titles = tuple(
        level == UNNUMBERED and len(text) <= 40 and not TITLE_PUNCTUATION.search(text)
        for level, (_, text) in zip(levels, lines, strict=True)
    )
    table_rows = tuple(is_table_row(document.text(no)) for no, _ in lines)
    offsets, size = [], 0
    for _, text in lines:
        offsets.append(size)
        size += len(text) + 1
    joined = "\n".join(text for _, text in lines)
    return Outline(lines, levels, titles, table_rows, joined, tuple(offsets))


def blocks(document: Document, heading: re.Pattern[str], *, stop: re.Pattern[str] | None = None) -> list[Block]:
    """Every block whose heading matches `heading` (table-of-contents entries give empty blocks)."""
    view = outline(document)
    texts, levels, titles = view.lines, view.levels, view.titles
    found: list[Block] = []
    for index in view.indices(heading):
        no, text = texts[index]
        if len(text) > 60 or TABLE_OF_CONTENTS.search(text):
            continue
        level = levels[index]
        if level == UNNUMBERED and not titles[index]:
            continue
        end = index + 1
        while end < len(texts):
            other_level = levels[end]
            if other_level <= level and level < UNNUMBERED and other_level < UNNUMBERED:
                break
            if level == UNNUMBERED and titles[end]:
                break
            if stop is not None and stop.search(texts[end][1]):
                break
            end += 1
        found.append(Block(no, text, texts[index + 1 : end]))
    return found
