"""The prose against the standard tables: one figure stated in both, with two values."""

from __future__ import annotations

from collections.abc import Iterator

from generator import labels
from generator.check.stated import Stated, finding
from generator.extract.statements import evidence_path, stated_fact
from generator.records import Finding, Report
from generator.tolerance import agrees, value, wan

GROUP_LABELS = {
    "totals": labels.TOTALS,
    "income": labels.INCOME,
    "expenditure": labels.EXPENDITURE,
    "three_public": labels.THREE_PUBLIC,
}


def text_vs_table(report: Report) -> Iterator[Finding]:
    """A figure read from the prose otherwise than the table that lists it (beyond the rounding of either).

    On the real corpus most such pairs are a sentence the prose rules misread (an increase taken for the amount, a
    unit's part for the whole), so it is a note to check both lines, not a contradiction asserted: `info`."""
    for key, prose_fact in report.restated.items():
        table_fact = stated_fact(report, key)
        prose_value, table_value = value(prose_fact), value(table_fact)
        if table_fact is None or prose_value is None or table_value is None or agrees(prose_fact, table_fact):
            continue
        path, (group, name) = evidence_path(key), key.split(".")
        label = GROUP_LABELS[group].get(name, name)
        prose = Stated(path, f"正文中读出的{label}为", prose_fact, prose_value)
        table = Stated(path, f"表格所列{label}为", table_fact, table_value)
        difference = wan(abs(prose_value - table_value))
        message = f"{table.said()}，{prose.said()}，相差{difference}；记录采用表格所列数，请对照两处原文"
        yield finding("text-vs-table", "info", message, [table, prose])


RULES = (text_vs_table,)
