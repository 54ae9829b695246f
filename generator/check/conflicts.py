"""One figure stated twice with two values: a part of spending against the whole, a summary against its detail."""

from __future__ import annotations

from collections.abc import Iterator

from generator import labels
from generator.check.stated import Stated, finding, stated
from generator.records import Finding, Report
from generator.tolerance import sum_tolerance, value, wan

SPENDING_PARTS = ("basic", "project")


def economic_part_conflict(report: Report) -> Iterator[Finding]:
    """An economic 类 within 基本支出 and 项目支出 cannot exceed the same 类 for the whole department.

    The same class is stated in the breakdown of a spending part ("基本支出…包括资本性支出1.2万元") and in the
    department's economic breakdown ("按支出经济分类划分：…资本性支出0万元"); the part may be less, never more.
    """
    for whole in report.economic:
        total = stated(f"economic[{whole.key}].amount", f"按经济分类的{whole.name}", whole.amount)
        if total is None:
            continue
        parts = [
            found
            for key in SPENDING_PARTS
            if (figure := report.expenditure.get(key)) is not None
            for entry in figure.economic
            if entry.key == whole.key
            and (
                found := stated(
                    f"expenditure.{key}.economic[{entry.key}].amount",
                    f"{labels.EXPENDITURE[key]}中的{entry.name}",
                    entry.amount,
                )
            )
        ]
        added = sum(part.amount for part in parts)
        if parts and added - total.amount > sum_tolerance(len(parts)):
            said = "与".join(part.said() for part in parts) + (f"合计{wan(added)}" if len(parts) > 1 else "")
            message = f"{said}，但{total.said()}，部分大于整体，相差{wan(added - total.amount)}"
            yield finding("economic-part-conflict", "error", message, [*parts, total])


def performance_managed_amount(report: Report) -> Iterator[Finding]:
    """ "N个项目实行了绩效目标管理，涉及…X万元" against the amounts of those N projects in the report's own tables."""
    managed = report.performance_managed
    if managed is None:
        return
    count, amount = value(managed.count), value(managed.amount)
    projects = [
        found
        for project in report.projects
        if (found := stated(f"projects[{project.key}].amount", f"项目“{project.name}”", project.amount))
    ]
    if count is None or amount is None or managed.amount is None or not projects or len(projects) != count:
        return
    total = Stated("performance_managed.amount", "实行绩效目标管理的项目资金", managed.amount, amount)
    added = sum(project.amount for project in projects)
    if abs(added - amount) > sum_tolerance(len(projects)):
        listed = "、".join(project.said() for project in projects[:4]) + ("等" if len(projects) > 4 else "")
        message = (
            f"报告称{int(count)}个项目实行绩效目标管理，涉及资金{wan(amount)}，但这些项目的金额（{listed}）"
            f"合计{wan(added)}，相差{wan(abs(added - amount))}"
        )
        yield finding("performance-managed-amount", "error", message, [*projects, total])


RULES = (economic_part_conflict, performance_managed_amount)
