"""Parts against their stated total: each rule names one breakdown the genre always sums.

A sum off by more than 0.01 万元 per summed term is an error; a smaller difference is a rounding warning.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from generator import labels
from generator.check.figures import item_label, total_label
from generator.check.stated import Stated, finding, in_table, stated
from generator.records import Fact, Figure, Finding, LineItem, Report
from generator.tolerance import EPSILON, TERM_TOLERANCE, coarse_slack, sum_tolerance, wan

# Listing every part in a message is only readable for a few of them.
NAMED_PARTS = 4
# How many lines a total's 其中 list may run over in a PDF's text (wrapped, blank lines between).
LIST_SPAN = 10
INCOMPLETE_NOTE = "（未能确认已读到全部组成，报告可能列出了更多）"
GRAND_TOTAL = re.compile(r"收入支出总计|收支总计|收入总计|支出总计")
# The basic spending of one source, named before its 人员经费 and 公用经费, a page's number and running header
# perhaps between the words and the amount ("基本支出预算-39-苏州市…2026年度部门预算公开12,889.17万元").
SOURCE_BASIC = re.compile(
    r"(?:财政拨款|一般公共预算)[^，,；;。]{0,12}基本支出(?:预算|决算)?(?:为)?(?:-\d{1,3}-[^，,；;。]{0,40}?)?"
    r"(?<![\d,.])(?P<amount>\d[\d,]*(?:\.\d+)?)万元"
)


def amount_of(figure: Figure | None) -> Fact | None:
    return figure.amount if figure is not None else None


def parts_text(parts: list[Stated], group: str) -> str:
    if len(parts) > NAMED_PARTS:
        return f"{group}{len(parts)}项"
    said = [part.said() for part in parts]
    return "与".join(["、".join(said[:-1]), said[-1]]) if len(said) > 1 else said[0]


def may_hold_more(report: Report, total: Stated) -> bool:
    """A 收入支出总计 also counts 上年结转 and 年末结转结余, which a report may leave unstated, so its parts may fall
    short of it; a 决算's totals are such 总计."""
    quote = total.fact.evidence.quote if total.fact.evidence else ""
    return report.kind == "final" or bool(GRAND_TOTAL.search(quote))


def sum_severity(total: Stated, parts: list[Stated], *, error_if_short: bool = True) -> str | None:
    """The severity of the finding `compare_sum` makes, None when the parts add up: all a choice between totals
    needs, without the message."""
    if not parts:
        return None
    gap = sum(part.amount for part in parts) - total.amount
    if abs(gap) < TERM_TOLERANCE - EPSILON:  # a difference below the printed precision is no difference
        return None
    slack = coarse_slack([figure.fact for figure in (total, *parts)])  # "723万元" is 723.3086 rounded
    if abs(gap) < TERM_TOLERANCE - EPSILON + slack:
        return None
    beyond = abs(gap) > sum_tolerance(len(parts)) + slack
    return "warning" if not beyond else "error" if error_if_short or gap > 0 else "info"


def compare_sum(
    rule: str, total: Stated, parts: list[Stated], group: str = "", *, error_if_short: bool = True
) -> Iterator[Finding]:
    """One finding if the parts do not add up to the total: an error beyond rounding, a warning within it."""
    severity = sum_severity(total, parts, error_if_short=error_if_short)
    if severity is None:
        return
    added = sum(part.amount for part in parts)
    gap = added - total.amount
    counted = f"{parts_text(parts, group)}之和为{wan(added)}" if len(parts) > 1 else parts[0].said()
    message = f"{counted}，但{total.said()}，相差{wan(abs(gap))}"
    if severity == "warning":
        message += "（在四舍五入范围内）"
    elif severity == "info":
        message += "（报告可能只列出了部分组成，或总额含未列明的结转结余）"
    yield finding(rule, severity, message, [*parts, total])


def year_total(report: Report, side: str) -> Stated | None:
    """What a year's parts add up to: a final account's 本年收入合计/本年支出合计 where stated, as its 收入总计/支出总计
    also counts the 结转和结余 at either end of the year; otherwise the report's total. `side` is 收入 or 支出."""
    totals = report.totals
    key, whole, current = (
        ("income", totals.income, totals.current_income)
        if side == "收入"
        else ("expenditure", totals.expenditure, totals.current_expenditure)
    )
    if current is not None:
        return stated(f"totals.current_{key}", f"本年{side}合计", current)
    return stated(f"totals.{key}", total_label(report, side), whole)


def expenditure_stated(report: Report, key: str) -> Stated | None:
    """A spending part's amount under its one name, as every rule comparing it says it."""
    return stated(f"expenditure.{key}.amount", labels.EXPENDITURE[key], amount_of(report.expenditure.get(key)))


def basic_plus_project(report: Report) -> Iterator[Finding]:
    """基本支出 + 项目支出 = 支出总额."""
    basic = expenditure_stated(report, "basic")
    project = expenditure_stated(report, "project")
    total = year_total(report, "支出")
    if not (basic and project and total):
        return
    short_is_error = not may_hold_more(report, total)
    findings = list(compare_sum("basic-plus-project", total, [basic, project], error_if_short=short_is_error))
    carryover = stated("totals.carryover_end", labels.TOTALS["carryover_end"], report.totals.carryover_end)
    if findings and carryover is not None and not total.path.startswith("totals.current_"):
        # a 支出预算 that also counts the 年终结转结余 it leaves: "（三）年终结转结余资金882.21万元"
        with_carryover = list(
            compare_sum("basic-plus-project", total, [basic, project, carryover], error_if_short=short_is_error)
        )
        if len(with_carryover) < len(findings) or with_carryover[0].severity != "error":
            findings = with_carryover
    yield from findings


def personnel_plus_public(report: Report) -> Iterator[Finding]:
    """人员经费 + 公用经费 = 基本支出, unless their own sentence gives them another whole: a final account splits
    "一般公共预算财政拨款基本支出X万元，其中：人员经费…；公用经费…", the basic spending of one source only."""
    personnel = expenditure_stated(report, "personnel")
    public = expenditure_stated(report, "public")
    basic = expenditure_stated(report, "basic")
    if not (personnel and public and basic):
        return
    whole = SOURCE_BASIC.search(personnel.fact.evidence.quote if personnel.fact.evidence else "")
    if whole and abs(float(whole["amount"].replace(",", "")) - basic.amount) > EPSILON:
        return
    yield from compare_sum("personnel-plus-public", basic, [personnel, public])


def income_sources_sum(report: Report) -> Iterator[Finding]:
    """The income sources add up to 收入总额, with or without 上年结转 (reports count it either way)."""
    total = year_total(report, "收入")
    sources = {
        key: found
        for key, figure in report.income.items()
        if key in labels.INCOME and (found := stated(f"income.{key}.amount", labels.INCOME[key], amount_of(figure)))
    }
    if "fiscal" in sources:
        for key in labels.FISCAL_PARTS:
            sources.pop(key, None)
    if total is None or len(sources) < 2:
        return
    carryover = sources.pop("carryover", None)
    parts = list(sources.values())
    short_is_error = not may_hold_more(report, total)
    findings = list(compare_sum("income-sources-sum", total, parts, "各项收入共", error_if_short=short_is_error))
    if carryover is not None and findings:
        with_carryover = list(
            compare_sum("income-sources-sum", total, [*parts, carryover], "各项收入共", error_if_short=short_is_error)
        )
        if len(with_carryover) < len(findings) or with_carryover[0].severity != "error":
            findings = with_carryover
    whole = "income" in report.complete_lists or listed_with(total, [*parts, *([carryover] if carryover else [])])
    yield from asserted_if_complete(whole, findings)


def listed_with(total: Stated, parts: list[Stated]) -> bool:
    """Whether the parts are stated as one list under their total, as the genre breaks a total down
    ("本年收入预算445,059.97万元，其中：财政拨款收入244,675.66万元…"): the report's own whole list. Parts found pages
    away may belong to something else (a project's funds "其中：一般公共预算117,921.68万元")."""
    lines = [figure.fact.evidence.line for figure in (total, *parts) if figure.fact.evidence is not None]
    return len(lines) == len(parts) + 1 and max(lines) - min(lines) <= LIST_SPAN


def misfit(report: Report, total: Stated, parts: list[Stated]) -> tuple[bool, bool]:
    """How badly parts fit a total they may break down, least first: no finding, a warning or note, an error."""
    severity = sum_severity(total, parts, error_if_short=not may_hold_more(report, total))
    return severity == "error", severity is not None


def functions_sum(report: Report) -> Iterator[Finding]:
    """The 功能分类 classes add up to the total they break down (支出总额, or 财政拨款 where that is all they cover)."""
    parts = [
        found
        for entry in report.functions
        if (found := stated(f"functions[{entry.key}].amount", entry.name, entry.amount))
    ]
    bases = [
        stated("totals.expenditure", total_label(report, "支出"), report.totals.expenditure),
        *(
            stated(f"income.{key}.amount", labels.INCOME[key], amount_of(report.income.get(key)))
            for key in ("fiscal", "general_budget")
        ),
    ]
    stated_bases = [base for base in bases if base is not None]
    if len(parts) < 2 or not stated_bases:
        return
    base = min(stated_bases, key=lambda base: misfit(report, base, parts))  # the best fit, the first of equals
    compared = compare_sum("functions-sum", base, parts, "功能分类共", error_if_short=not may_hold_more(report, base))
    yield from asserted_if_complete("functions" in report.complete_lists, compared)


def asserted_if_complete(complete: bool, found: Iterable[Finding]) -> Iterator[Finding]:
    """A list's sum is asserted only where the parse knows it holds every entry (`Report.complete_lists`): else its
    miss is a note, as the report may list more than was read (prose naming a few 项 of a whole table)."""
    for one in found:
        if one.severity == "error" and not complete:
            one.severity = "info"
            one.message += INCOMPLETE_NOTE
        yield one


def uncertain(items: list[LineItem], figures: list[Stated]) -> bool:
    """A 项 the parse could not place, or figures from both prose and tables: a 类's sum may not be the report's."""
    return any(item.code is None for item in items) or len({in_table(figure.fact) for figure in figures}) > 1


def line_items_sum(report: Report) -> Iterator[Finding]:
    """The 项 of one 类 add up to that 类's amount.

    An error only where the 项 are known whole (`Report.complete_lists`), every 项 has an official code and all
    figures come from one kind of place (prose or tables): prose naming a few 项 makes a miss a note; a 项 the
    parse could not place, or a 类 total from a table of another scope, a warning.
    """
    for entry in report.functions:
        total = stated(f"functions[{entry.key}].amount", entry.name, entry.amount)
        if total is None or not entry.code:
            continue
        items = [
            item
            for item in report.line_items
            if (item.code.startswith(entry.code) if item.code else item.class_ == entry.name)
        ]
        parts = [
            part for item in items if (part := stated(f"line_items[{item.key}].amount", item_label(item), item.amount))
        ]
        compared = compare_sum("line-items-sum", total, parts, f"{entry.name}下的")
        for found in asserted_if_complete("line_items" in report.complete_lists, compared):
            if found.severity == "error" and uncertain(items, [*parts, total]):
                found.severity = "warning"
                found.message += "（有的科目未能确认编码，或金额取自不同的表，未必是报告本身的矛盾）"
            yield found


def projects_sum(report: Report) -> Iterator[Finding]:
    """The listed projects cannot add up to more than 项目支出; to no less only where the list is known whole."""
    total = expenditure_stated(report, "project")
    parts = [
        found
        for project in report.projects
        if (found := stated(f"projects[{project.key}].amount", project.name, project.amount))
    ]
    if total is not None:
        complete = "projects" in report.complete_lists
        yield from compare_sum("projects-sum", total, parts, "所列项目共", error_if_short=complete)


def three_public_sum(report: Report) -> Iterator[Finding]:
    """“三公”经费 = 因公出国（境）费 + 公务用车购置及运行费 + 公务接待费; 公务用车 = 购置 + 运行."""
    figures = {
        key: stated(f"three_public.{key}.amount", label, amount_of(report.three_public.get(key)))
        for key, label in labels.THREE_PUBLIC.items()
    }
    vehicles = figures["vehicles"]
    purchase, operation = figures["vehicle_purchase"], figures["vehicle_operation"]
    if vehicles and purchase and operation:
        yield from compare_sum("three-public-sum", vehicles, [purchase, operation])
    car_parts = [vehicles] if vehicles else [purchase, operation] if purchase and operation else []
    parts = [figures["outbound"], *car_parts, figures["reception"]]
    if figures["total"] and car_parts and all(parts):
        yield from compare_sum("three-public-sum", figures["total"], [part for part in parts if part])


def procurement_sum(report: Report) -> Iterator[Finding]:
    """政府采购 = 货物 + 工程 + 服务."""
    figures = {
        key: stated(f"procurement.{key}", label, report.procurement.get(key))
        for key, label in labels.PROCUREMENT.items()
    }
    parts = [figures["goods"], figures["works"], figures["services"]]
    if figures["total"] and all(parts):
        yield from compare_sum("procurement-sum", figures["total"], [part for part in parts if part])


RULES = (
    basic_plus_project,
    income_sources_sum,
    functions_sum,
    line_items_sum,
    personnel_plus_public,
    projects_sum,
    three_public_sum,
    procurement_sum,
)
