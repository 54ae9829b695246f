"""A figure as a rule sees it: its evidence path, its label in a reader's words, and the stated fact."""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.records import Fact, Finding
from generator.tolerance import value, wan

# A table row's quote: figures side by side ("201 06 01 行政运行 1,511.90 1,511.89"), no sentence punctuation.
TABLE_ROW = re.compile(r"\d\s+[-\d]")
SENTENCE = re.compile(r"[，。；：]")


@dataclass(slots=True)  # not frozen: a frozen dataclass's __init__ costs three times as much, and rules make many
class Stated:
    path: str  # evidence path: "expenditure.basic", "line_items[2010301].amount"
    label: str  # what a reader calls it: "基本支出"
    fact: Fact
    amount: float  # the number the fact states, read once: sums and messages ask for it again and again

    def said(self) -> str:
        return f"{self.label}{wan(self.amount)}"


def stated(path: str, label: str, fact: Fact | None) -> Stated | None:
    """The figure if the report states a number for it."""
    if fact is None:  # many a figure of a breakdown is left unstated: no need to ask for its value
        return None
    number = value(fact)
    return Stated(path, label, fact, number) if number is not None else None


def in_table(fact: Fact) -> bool:
    """Whether a figure was read off a table row (its quote is the row: figures side by side, no sentence)."""
    quote = fact.evidence.quote if fact.evidence else ""
    # the punctuation first: a sentence's comes early and stops the scan, where the row pattern scans it all
    return not SENTENCE.search(quote) and bool(TABLE_ROW.search(quote))


def finding(rule: str, severity: str, message: str, figures: list[Stated]) -> Finding:
    """A finding naming every figure involved by its path, with the lines that state them."""
    # paths in order without repeats, and the lines: one loop over a few figures (a report may have dozens of findings)
    paths: list[str] = []
    lines: set[int] = set()
    for figure in figures:
        if figure.path not in paths:
            paths.append(figure.path)
        if figure.fact.evidence is not None:
            lines.add(figure.fact.evidence.line)
    return Finding(rule, severity, message, figures=paths, lines=sorted(lines))
