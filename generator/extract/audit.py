"""What no rule read: prose lines stating an amount in 万元 that is none of the report's figures.

Silent loss is the worst failure a parser has. The parse ends by listing such lines for the maintainer, who can
tell a figure the data model has no place for ("2025年当年预算执行数为60.41万元") from one a rule missed.
Thresholds ("单价100万元以上设备", "≤385万元") state no spending and are left out.
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from functools import cache
from typing import Any, get_args, get_type_hints

from generator.figures import EXACT_BELOW, number
from generator.records import PLAIN_VALUES, Evidence, Fact, Report, fields_getter
from generator.segment.layout import LaidLine, Layout

# An amount in 万元 that is not a threshold ("单价100万元以上", "≤385万元") nor the tail of another figure.
# The look-behind is checked after the amount's first digit (on the two characters before it), so re scans for a
# digit instead of trying the look-behind at every position of the line.
STATED_AMOUNT = re.compile(r"(\d(?<![单价≤≥<>＜＞\d.,]\d)[\d,]*(?:\.\d+)?)\s*万元(?!（含）|以上|以下)")
SHOWN_LINES = 8
PLACES = 4  # a stated amount matches a figure that rounds to it at 4 decimal places
# Nothing inside to walk: plain values, and a quote, which holds no figure of its own.
LEAVES = frozenset((*PLAIN_VALUES, type(None), Evidence))


@cache
def holds_figures(hint: Any) -> bool:
    """Whether a value of this declared type can hold a figure: a Fact, or a record, list, mapping or choice of
    types of which one can. Not a leaf (a code, a name, a source line), nor a record of leaves only (an indicator,
    a glossary entry), so the walk never visits those."""
    if hint is Fact:
        return True
    if hint in LEAVES:
        return False
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return any(holds_figures(field) for field in get_type_hints(hint).values())
    parts = get_args(hint)  # of a list, a mapping, a choice ("Figure | None"); none for Any, walked to be safe
    return any(holds_figures(part) for part in parts) if parts else True


@cache
def figure_values(kind: type) -> Callable[[Any], tuple[Any, ...]]:
    """A getter, in one call, of the values of a record type's fields that can hold a figure."""
    return fields_getter([name for name, hint in get_type_hints(kind).items() if holds_figures(hint)])


def figures(report: Report) -> set[float]:
    """Every amount the report's records hold, unsigned and unrounded (walked with a stack: a report holds
    hundreds of values). A Fact and an empty field are dealt with where they are met, never stacked."""
    found: set[float] = set()
    stack: list[Any] = [report]
    while stack:
        node = stack.pop()
        kind: type = type(node)
        values: Iterable[Any]
        if kind is list or kind is tuple:
            values = node
        elif kind is dict:
            values = node.values()
        elif hasattr(kind, "__dataclass_fields__"):
            values = figure_values(kind)(node)
        else:
            continue
        for value in values:
            if type(value) is Fact:
                if type(value.value) in (int, float):
                    found.add(abs(float(value.value)))
            elif type(value) not in LEAVES:
                stack.append(value)
    return found


def stated_amount(text: str) -> float:
    """An amount as stated, at PLACES decimals. One written with no more decimals is its own rounding (below
    EXACT_BELOW the float nearest to it rounds back to itself), and round() is costly: it formats the float and
    reads it back."""
    value = number(text)
    if abs(value) < EXACT_BELOW and ("." not in text or len(text.rpartition(".")[2]) <= PLACES):
        return value
    return round(value, PLACES)


def rounds_to(amount: float, ordered: list[float]) -> bool:
    """Whether one of the figures (sorted) rounds to `amount` at PLACES decimals. Rounding a float to places is
    slow, so only the figures near `amount` are rounded: rounding moves a figure by at most half of `near`."""
    near = 10.0**-PLACES
    start = bisect_left(ordered, amount - near)
    end = bisect_right(ordered, amount + near)
    return any(round(value, PLACES) == amount for value in ordered[start:end])


def unread_lines(report: Report, layout: Layout) -> list[LaidLine]:
    """Prose lines stating a non-zero amount that no figure of the report holds."""
    stated = []
    for line in layout.lines:
        if "万元" not in line.text or line.table_row:
            continue
        amounts = [stated_amount(found) for found in STATED_AMOUNT.findall(line.text)]
        if any(amounts):
            stated.append((line, amounts))
    if not stated:  # nothing to look for: no need to walk the report
        return []
    known = figures(report)
    ordered = sorted(known)
    return [
        line
        for line, amounts in stated
        # an amount found among the figures as it is rounds to itself (it is rounded already)
        if any(amount and amount not in known and not rounds_to(amount, ordered) for amount in amounts)
    ]


def warning(lines: list[LaidLine]) -> str:
    """One line for the maintainer: how many, and where."""
    numbers = ", ".join(str(line.no) for line in lines[:SHOWN_LINES]) + ("…" if len(lines) > SHOWN_LINES else "")
    example = lines[0].text.strip()[:60]
    return f"amounts no rule read on {len(lines)} line(s) ({numbers}), e.g. line {lines[0].no}: {example}"
