"""Numbered headings and the blocks under them.

The genre numbers its outline 第一部分 > 一、 > （一） > 1、/1. > （1）/1） > ① > 一是…; a block runs from its
heading to the next heading of the same or a higher rank. Some reports (Shanghai's) title their sections with
bare lines instead ("上海市静安区人民政府办公室主要职能"); there a short unnumbered line ends the block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from generator.read import Document
from generator.segment.prose import squeeze

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
TABLE_OF_CONTENTS = re.compile(r"[…]{2,}|\.{4,}")
TITLE_PUNCTUATION = re.compile(r"[，。；：、,;:]")


def rank(text: str) -> int:
    """The outline level of a line by its numbering; UNNUMBERED for a line without one."""
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


def blocks(document: Document, heading: re.Pattern[str], *, stop: re.Pattern[str] | None = None) -> list[Block]:
    """Every block whose heading matches `heading` (table-of-contents entries give empty blocks)."""
    texts = squeezed_lines(document)
    found: list[Block] = []
    for index, (no, text) in enumerate(texts):
        if len(text) > 60 or TABLE_OF_CONTENTS.search(text) or not heading.search(text):
            continue
        level = rank(text)
        if level == UNNUMBERED and not is_title(text):
            continue
        body: list[tuple[int, str]] = []
        for other_no, other in texts[index + 1 :]:
            other_level = rank(other)
            if other_level <= level and level < UNNUMBERED and other_level < UNNUMBERED:
                break
            if level == UNNUMBERED and is_title(other):
                break
            if stop is not None and stop.search(other):
                break
            body.append((other_no, other))
        found.append(Block(no, text, tuple(body)))
    return found
