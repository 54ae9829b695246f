"""Classification codes: a 项 code sits under its 款 and 类, and its name is the official one for the code."""

from __future__ import annotations

from collections.abc import Iterator

from generator.records import Finding, LineItem, Report
from generator.reference import classification

ITEM_CODE = 7


def about(item: LineItem, rule: str, severity: str, message: str) -> Finding:
    """A finding on one line item's code, pointing at the line that states the item."""
    evidence = item.amount.evidence if item.amount is not None else None
    lines = [evidence.line] if evidence is not None else []
    return Finding(rule, severity, message, figures=[f"line_items[{item.key}].code"], lines=lines)


def code_hierarchy(report: Report) -> Iterator[Finding]:
    """The 类 and 款 a line item is filed under are the ones its code's first 3 and 5 digits name."""
    # (code prefix, stated name) → the official name when they disagree: the 项 of one 类 or 款 share both, so
    # each pair is looked up once per report rather than once per 项
    misfiled: dict[tuple[str, str], str | None] = {}
    for item in report.line_items:
        if not item.code or len(item.code) != ITEM_CODE:
            continue
        for digits, stated_name, level in ((3, item.class_, "类"), (5, item.section, "款")):
            prefix = item.code[:digits]
            if (prefix, stated_name) not in misfiled:
                official = classification.functional(prefix, report.year)
                if official is not None and not classification.name_matches(official.name, stated_name):
                    misfiled[prefix, stated_name] = official.name
                else:
                    misfiled[prefix, stated_name] = None
            official_name = misfiled[prefix, stated_name]
            if official_name is None:
                continue
            message = (
                f"科目{item.code}“{item.item}”列在{level}“{stated_name}”下，"
                f"但编码{prefix}对应的{level}是“{official_name}”"
            )
            yield about(item, "code-hierarchy", "warning", message)


def code_name(report: Report) -> Iterator[Finding]:
    """A line item's name agrees with the official name of its code (政府收支分类科目) in the report's year."""
    for item in report.line_items:
        if not item.code or len(item.code) != ITEM_CODE:
            continue
        official = classification.functional(item.code, report.year)
        if official is None:  # perhaps a code the project's table lacks: worth a look, not a contradiction
            message = f"科目编码{item.code}（“{item.item}”）不在{report.year or '该'}年政府收支分类科目中"
            yield about(item, "code-name", "info", message)
        elif not classification.name_matches(official.name, item.item):
            message = f"科目{item.code}在报告中称为“{item.item}”，但政府收支分类科目中该编码的名称是“{official.name}”"
            yield about(item, "code-name", "warning", message)


RULES = (code_hierarchy, code_name)
