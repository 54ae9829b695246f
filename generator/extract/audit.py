"""What no rule read: prose lines stating an amount in 万元 that is none of the report's figures.

Silent loss is the worst failure a parser has. The parse ends by listing such lines for the maintainer, who can
tell a figure the data model has no place for ("2025年当年预算执行数为60.41万元") from one a rule missed.
Thresholds ("单价100万元以上设备", "≤385万元") state no spending and are left out.
"""

from __future__ import annotations

import re
from typing import Any

from generator.figures import number
from generator.read import Document, Line
from generator.records import PLAIN_VALUES, Evidence, Fact, Report
from generator.segment.prose import is_table_row
from generator.segment.tables import lines_with

STATED_AMOUNT = re.compile(r"(?<![单价≤≥<>＜＞\d.,])(\d[\d,]*(?:\.\d+)?)\s*万元(?!（含）|以上|以下)")
SHOWN_LINES = 8


def figures(report: Report) -> set[float]:
    """Every amount the report's records hold (walked with a stack: a report holds thousands of values)."""
    found: set[float] = set()
    stack: list[Any] = [report]
    while stack:
        node = stack.pop()
        kind = type(node)
        if kind in PLAIN_VALUES or kind is Evidence or node is None:  # a quote holds no figure of its own
            continue
        if kind is Fact:
            if type(node.value) in (int, float):
                found.add(round(abs(float(node.value)), 4))
        elif kind is list or kind is tuple:
            stack.extend(node)
        elif kind is dict:
            stack.extend(node.values())
        elif hasattr(kind, "__dataclass_fields__"):
            stack.extend(vars(node).values())
    return found


def unread_lines(report: Report, document: Document) -> list[Line]:
    """Prose lines stating a non-zero amount that no figure of the report holds."""
    known = figures(report)
    unread = []
    for index in lines_with(document, ("万元",)):
        line = document.lines[index]
        if is_table_row(line.text):
            continue
        amounts = (round(number(found), 4) for found in STATED_AMOUNT.findall(line.text))
        if any(amount and amount not in known for amount in amounts):
            unread.append(line)
    return unread


def warning(lines: list[Line]) -> str:
    """One line for the maintainer: how many, and where."""
    numbers = ", ".join(str(line.no) for line in lines[:SHOWN_LINES]) + ("…" if len(lines) > SHOWN_LINES else "")
    example = lines[0].text.strip()[:60]
    return f"amounts no rule read on {len(lines)} line(s) ({numbers}), e.g. line {lines[0].no}: {example}"
