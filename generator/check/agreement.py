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
    """A figure the prose states otherwise than the table that lists it (beyond the rounding of either)."""
    for key, prose_fact in report.restated.items():
        table_fact = stated_fact(report, key)
        prose_value, table_value = value(prose_fact), value(table_fact)
        if table_fact is None or prose_value is None or table_value is None or agrees(prose_fact, table_fact):
            continue
        path, (group, name) = evidence_path(key), key.split(".")
        label = GROUP_LABELS[group].get(name, name)
        prose = Stated(path, f"正文所述{label}", prose_fact, prose_value)
        table = Stated(path, f"表格所列{label}", table_fact, table_value)
        message = f"{prose.said()}，但{table.said()}，相差{wan(abs(prose_value - table_value))}"
        yield finding("text-vs-table", "warning", message, [prose, table])


RULES = (text_vs_table,)
