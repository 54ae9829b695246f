"""The department-year page, every figure its report states cited to its line, and the report's source page."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from generator import labels
from generator.read import Document
from generator.render.contexts import (
    ChartView,
    Cited,
    CodedRow,
    CorrectionRow,
    Download,
    FigureRow,
    IndicatorRow,
    LineItemRow,
    PlanRow,
    ProjectView,
    ReportPage,
    SourceLine,
    SourcePage,
)
from generator.render.figures import (
    ASSET_LABELS,
    INCOME_LABELS,
    PROCUREMENT_LABELS,
    SPENDING_LABELS,
    STAFFING_LABELS,
    THREE_PUBLIC_LABELS,
    TOTAL_LABELS,
    Citer,
    amount_text,
    beside,
    kind_name,
    number,
    path_label,
    plain_text,
    resolve,
    value_text,
)
from generator.render.pages.common import (
    FORMATS,
    Page,
    department_file,
    download_file,
    finding_view,
    line_item_anchor,
    line_item_key,
    link,
    most_severe_first,
    record_citer,
    region_trail,
    report_file,
    report_link,
    report_title,
    source_file,
    source_names,
    stated_amount,
)
from generator.render.urls import name_anchor, region_names

PLAN_CAPTION = "年预算执行：浅色为年初预算，深色为决算（万元，右侧数字为决算 / 年初预算）"


PlanChart = Callable[[list[tuple[str, float, float]], str], ChartView | None]


def report_page(
    record: dict[str, Any],
    functions_chart: ChartView | None = None,
    income_chart: ChartView | None = None,
    by_source: dict[str, dict[str, Any]] | None = None,
    counterpart: dict[str, Any] | None = None,
    plan_chart: PlanChart = lambda rows, caption: None,
) -> Page:
    """The department-year page: every figure the record states, each citing its line; a final account's 项
    against their plan, from the same year's budget report (`counterpart`) where there is one."""
    path = report_file(record)
    citer = record_citer(record, path)
    plan: tuple[PlanRow, ...] = ()
    drawn: list[tuple[str, float, float]] = []
    if record.get("kind") == "final":
        budget = counterpart if (counterpart or {}).get("kind") == "budget" else None
        plan, drawn = plan_rows(record, budget, citer, path)
    totals = record.get("totals") or {}
    total_rows = tuple(
        FigureRow(label=label, amount=citer.figure(f"totals.{key}", totals[key]))
        for key, label in TOTAL_LABELS.items()
        if totals.get(key) is not None
    )
    if totals.get("change"):
        total_rows += (
            FigureRow(label="比上年", amount=citer.change("totals.change", totals["change"])),
        )
    department = record["department"]
    return Page(
        path=path,
        template="report.md.j2",
        context=ReportPage(
            title=report_title(record),
            department=department["name"],
            aliases=tuple(department.get("aliases") or ()),
            region=" ".join(region_names(record)),
            regions=region_trail(record, path),
            kind=kind_name(record.get("kind")),
            department_link=link(path, department_file(record)),
            source_link=link(path, source_file(record)),
            more_sources=other_sources(record, path, source_names(record)[0]),
            units=tuple((unit["name"], unit.get("kind", "")) for unit in department.get("budget_units") or ()),
            totals=total_rows,
            income=citer.rows("income", record.get("income") or {}, INCOME_LABELS),
            spending=citer.rows("expenditure", record.get("expenditure") or {}, SPENDING_LABELS),
            functions=coded_rows(citer, "functions", record.get("functions") or (), key="name"),
            line_items=line_item_rows(citer, record.get("line_items") or ()),
            economic=coded_rows(citer, "economic", record.get("economic") or (), key=economic_key),
            economic_detail=coded_rows(
                citer, "economic_detail", record.get("economic_detail") or (), key=detail_key
            ),
            three_public=citer.rows("three_public", record.get("three_public") or {}, THREE_PUBLIC_LABELS),
            operating=operating_rows(citer, record.get("operating_costs")),
            procurement=citer.rows("procurement", record.get("procurement") or {}, PROCUREMENT_LABELS),
            assets=citer.rows("assets", record.get("assets") or {}, ASSET_LABELS, unit=""),
            staffing=citer.rows("staffing", record.get("staffing") or {}, STAFFING_LABELS, unit="人"),
            projects=project_views(citer, record.get("projects") or ()),
            responsibilities=tuple(record.get("responsibilities") or ()),
            tasks=tuple(record.get("tasks") or ()),
            findings=tuple(finding_view(f, citer, by_source or {}, path) for f in most_severe_first(record)),
            other=other_rows(record, citer),
            corrections=correction_rows(record, citer),
            functions_chart=functions_chart,
            income_chart=income_chart,
            downloads=tuple(
                Download(label=label, link=link(path, download_file(record, ext))) for label, ext in FORMATS
            ),
            counterpart=report_link(counterpart, path) if counterpart else None,
            plan=plan,
            plan_chart=plan_chart(drawn, f"{record.get('year') or ''}{PLAN_CAPTION}") if plan else None,
        ),
    )


def plan_rows(
    final: dict[str, Any], budget: dict[str, Any] | None, citer: Citer, path: str
) -> tuple[tuple[PlanRow, ...], list[tuple[str, float, float]]]:
    """A final account's 项 (and the budget's 项 it does not list) with plan, outcome and completion rate, and the
    chart's rows (项 stating both, as label, plan, outcome); no rows where no plan is stated.

    The plan is the budget report's amount where it lists the 项, else the 年初预算 the final account states; a rate
    the report does not state is computed only from two stated figures, and says so.
    """
    items = {line_item_key(item): item for item in final.get("line_items") or ()}
    planned = {line_item_key(item): item for item in (budget or {}).get("line_items") or ()}
    budget_citer = record_citer(budget, path) if budget else None
    rows, drawn = [], []
    for key in [*items, *(key for key in planned if key not in items)]:
        item, budgeted, at = items.get(key) or {}, planned.get(key) or {}, f"line_items[{key}]"
        if budget_citer and stated_amount(budgeted, "amount") is not None:
            plan_value = stated_amount(budgeted, "amount")
            plan, source = budget_citer.cited(amount_text(plan_value), f"{at}.amount", at), "出自同年预算报告"
        elif (plan_value := stated_amount(item, "initial_budget")) is not None:
            plan, source = citer.cited(amount_text(plan_value), f"{at}.initial_budget"), "出自决算报告"
        else:
            plan, source = Cited(text=""), ""
        outcome_value = stated_amount(item, "amount")
        outcome = citer.cited(amount_text(outcome_value), f"{at}.amount", at)
        stated_rate = stated_amount(item, "execution_rate")
        if stated_rate is not None:
            rate = citer.cited(f"{number(stated_rate)}%", f"{at}.execution_rate")
        elif plan_value and outcome_value is not None:
            rate = Cited(text=f"{outcome_value / plan_value * 100:.2f}%（计算所得）")
        else:
            rate = Cited(text="")
        named = item or budgeted
        if plan_value is not None and outcome_value is not None:
            drawn.append((f"{named.get('code') or ''} {named.get('item') or key}".strip(), plan_value, outcome_value))
        rows.append(
            PlanRow(
                code=str(named.get("code") or ""),
                name=" / ".join(str(named[part]) for part in ("class", "section", "item") if named.get(part)),
                anchor=line_item_anchor(item) if item else "",
                plan=plan,
                plan_source=source,
                outcome=outcome,
                rate=rate,
            )
        )
    return (tuple(rows), drawn) if any(row.plan.text for row in rows) else ((), [])


# Evidence of text the page shows whole (names, lists) rather than as figures.
TEXT_PATHS = ("department", "year", "kind", "glossary", "responsibilities", "tasks", "budget_units", "source")


def other_rows(record: dict[str, Any], citer: Citer) -> tuple[FigureRow, ...]:
    """Every evidenced figure no section showed, so each figure the report states has its line on the page."""
    evidence = record.get("evidence") or {}
    left = sorted(path for path in evidence if path not in citer.shown and not path.startswith(TEXT_PATHS))
    return tuple(
        FigureRow(
            label=path_label(path),
            amount=citer.cited(value_text(path, resolve(record, path)) or "（见原文）", path),
        )
        for path in left
    )


def correction_rows(record: dict[str, Any], citer: Citer) -> tuple[CorrectionRow, ...]:
    """Every correction a maintainer made to this report, also those of text rather than figures."""
    return tuple(
        CorrectionRow(
            label=path_label(str(entry["path"])),
            was=plain_text(entry.get("was")),
            value=plain_text(entry.get("value")),
            note=str(entry.get("note") or ""),
            cites=citer.cites([str(entry["path"])], shown=False),
        )
        for entry in record.get("corrections") or ()
    )


def detail_key(row: dict[str, Any]) -> str:
    """How evidence names an economic detail row: `30101/50101`, or `30101/` without a government code."""
    return f"{row.get('code')}/{row.get('gov_code') or ''}"


def coded_rows(
    citer: Citer, prefix: str, rows: Iterable[dict[str, Any]], key: str | Callable[[dict[str, Any]], str]
) -> tuple[CodedRow, ...]:
    """Rows of a classification; evidence paths name a row by its name, code or code pair."""
    result = []
    for row in rows:
        name = key(row) if callable(key) else str(row.get(key, ""))
        path = f"{prefix}[{name}]"
        label = row.get("name", "")
        if row.get("gov_name"):
            label = f"{label}（{row['gov_code']} {row['gov_name']}）"
        amount = citer.figure(path, row)
        result.append(
            CodedRow(
                code=str(row.get("code", "")),
                name=label,
                amount=amount,
                change=beside(citer.change(f"{path}.change", row.get("change")), amount),
            )
        )
    return tuple(result)


def economic_key(row: dict[str, Any]) -> str:
    return str(row.get("code") or row.get("name", ""))


def line_item_rows(citer: Citer, items: Iterable[dict[str, Any]]) -> tuple[LineItemRow, ...]:
    rows = []
    for item in items:
        path = f"line_items[{line_item_key(item)}]"
        amount = citer.figure(path, item)
        change = beside(citer.change(f"{path}.change", item.get("change")), amount)
        rows.append(
            LineItemRow(
                anchor=line_item_anchor(item),
                code=item.get("code", ""),
                name=" / ".join(part for part in (item.get("class"), item.get("section"), item.get("item")) if part),
                amount=amount,
                change=change,
                reason=beside(citer.cited(item.get("reason") or "", f"{path}.reason"), amount, change),
            )
        )
    return tuple(rows)


def operating_rows(citer: Citer, costs: dict[str, Any] | None) -> tuple[FigureRow, ...]:
    if not costs:
        return ()
    amount = citer.figure("operating_costs", costs)
    change = costs.get("change")
    return (
        FigureRow(
            label=labels.OPERATING_COSTS,
            amount=amount,
            change=beside(citer.change("operating_costs.change", change), amount) if change else None,
        ),
    )


def project_views(citer: Citer, projects: Iterable[dict[str, Any]]) -> tuple[ProjectView, ...]:
    views, seen = [], set()
    for project in projects:
        name = project["name"]
        base = anchor = name_anchor("project", name)
        repeat = 1
        while anchor in seen:
            repeat += 1
            anchor = f"{base}-{repeat}"
        seen.add(anchor)
        path = f"projects[{name}]"
        details = tuple(
            (label, str(project[key]))
            for key, label in (("category", "项目类别"), ("code", "项目代码"))
            if project.get(key)
        )
        indicators = tuple(
            IndicatorRow(
                level1=str(indicator.get("level1", "")),
                level2=str(indicator.get("level2", "")),
                name=str(indicator.get("name", "")),
                value=citer.cited(str(indicator.get("value", "")), f"{path}.indicators[{i}]"),
            )
            for i, indicator in enumerate(project.get("indicators") or ())
        )
        views.append(
            ProjectView(
                anchor=anchor,
                name=name,
                amount=citer.figure(path, project) if project.get("amount") is not None else citer.cited("", path),
                details=details,
                indicators=indicators,
            )
        )
    return tuple(views)


def source_page(record: dict[str, Any], document: Document, file: str | None = None) -> Page:
    """The text of the report's main file, or of `file`, another file of a report published as several."""
    path = source_file(record, file)
    source = record.get("source") or {}
    entries = source.get("files") or [source]
    entry = next((entry for entry in entries if entry.get("file") == file), entries[0])
    return Page(
        path=path,
        template="source.md.j2",
        context=SourcePage(
            title=f"{report_title(record)} · 原文",
            report_link=link(path, report_file(record)),
            file=str(entry.get("file", "")),
            sha256=str(entry.get("sha256", "")),
            lines=tuple(SourceLine(no=line.no, text=line.text) for line in document.lines),
            other_files=other_sources(record, path, str(entry.get("file", ""))),
        ),
    )


def other_sources(record: dict[str, Any], from_file: str, shown: str) -> tuple[tuple[str, str], ...]:
    """The report's other input files (a report published as several), each linked to its source text page."""
    return tuple((name, link(from_file, source_file(record, name))) for name in source_names(record) if name != shown)
