"""The prose against the standard tables: one figure stated in both, with two values."""

from __future__ import annotations

from collections.abc import Iterator

from generator import labels
from generator.check.stated import Stated, finding
from generator.records import Finding, Report, evidence_path
from generator.tolerance import agrees, value, wan

GROUP_LABELS = {
    "totals": labels.TOTALS,
    "income": labels.INCOME,
    "expenditure": labels.EXPENDITURE,
    "three_public": labels.THREE_PUBLIC,
}


def text_vs_table(report: Report) -> Iterator[Finding]:
    """A figure stated twice, in the prose and in a table, with two values beyond the rounding of either.

    The record holds one of them (the table's within one file; the narrative's where the tables are a file of their
    own, see merge.py, and for a final account's totals) and `report.restated` the other. On the real corpus most
    such pairs are a sentence the prose rules misread (an increase taken for the amount, a unit's part for the
    whole), so this is a note to check both lines, not a contradiction asserted: `info`."""
    for key, other in report.restated.items():
        kept = report.fact_at(key)
        kept_value, other_value = value(kept), value(other)
        if kept is None or kept_value is None or other_value is None or agrees(kept, other):
            continue
        path, (group, name) = evidence_path(key), key.split(".")
        label = GROUP_LABELS[group].get(name, name)
        first = Stated(path, "", kept, kept_value)
        second = Stated(path, "", other, other_value)
        message = (
            f"{label}在报告的正文与表格中是两个数：{first.said()}（记录采用）与{second.said()}，"
            f"相差{wan(abs(kept_value - other_value))}；请对照两处原文"
        )
        yield finding("text-vs-table", "info", message, [first, second])


RULES = (text_vs_table,)
