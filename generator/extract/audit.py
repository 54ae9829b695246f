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
    """Every amount the report's records hold (walked with a stack: a report holds thousands of values).

    Only containers go on the stack: a Fact's number is taken where the Fact is met, and plain values, None and
    Evidence (a quote holds no figure of its own) are passed over, so the thousands of strings cost one test each."""
    found: set[float] = set()
    stack: list[Any] = [report]
    while stack:
        node = stack.pop()
        kind = type(node)
        if kind is dict:
            children = node.values()
        elif kind is list or kind is tuple:
            children = node
        elif hasattr(kind, "__dataclass_fields__"):
            children = vars(node).values()
        else:
            continue
        for child in children:
            child_kind = type(child)
            if child_kind is Fact:
                if type(child.value) in (int, float):
                    found.add(round(abs(float(child.value)), 4))
            elif child_kind not in PLAIN_VALUES and child_kind is not Evidence and child is not None:
                stack.append(child)
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
