"""YAML records → page contexts: which pages the site has, where they live, and what each shows."""

from __future__ import annotations

import posixpath
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from pypinyin import lazy_pinyin

from generator import labels
from generator.check.years import compare_line_items
from generator.publish import DATA_DIR, DATABASE, DESCRIPTOR
from generator.read import Document
from generator.render.contexts import (
    ChangeRow,
    ChartView,
    Cited,
    CodedRow,
    CorrectionRow,
    DepartmentPage,
    Download,
    DownloadRow,
    DownloadsPage,
    FigureRow,
    FindingFilter,
    FindingGroup,
    FindingSection,
    FindingsPage,
    FindingView,
    GlossaryEntry,
    GlossaryPage,
    HomeLists,
    IndicatorRow,
    LineItemRow,
    PlanRow,
    ProjectView,
    Ranking,
    RankRow,
    RegionEntry,
    RegionPage,
    ReportLink,
    ReportPage,
    SourceLine,
    SourcePage,
    YearComparison,
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
    signed,
    value_text,
)
from generator.render.urls import code_anchor, name_anchor, region_names, report_path

SEVERITY_ORDER = {severity: rank for rank, severity in enumerate(labels.SEVERITIES)}
# What each check compares, for a finding's title (rule ids are the checks' stable names, see README).
RULE_NAMES = {
    "basic-plus-project": "基本支出与项目支出之和",
    "income-sources-sum": "各项收入之和",
    "functions-sum": "功能分类各类之和",
    "line-items-sum": "支出明细各项之和",
    "personnel-plus-public": "人员经费与公用经费之和",
    "projects-sum": "各项目金额之和",
    "three-public-sum": "三公经费各项之和",
    "procurement-sum": "政府采购各类之和",
    "share-amount": "占比与金额",
    "change-pct": "增减额与增减幅度",
    "economic-part-conflict": "经济分类前后不一",
    "performance-managed-amount": "绩效目标管理金额",
    "code-hierarchy": "科目代码层级",
    "code-name": "科目代码与名称",
    "cross-year-change": "与上一年度报告对照",
}
# How two years' amounts of one 项 compare (compare_line_items' statuses), in the order a summary lists them.
STATUS_NAMES = {"grew": "增加", "shrank": "减少", "appeared": "新增", "disappeared": "不再列出", "unchanged": "持平"}
UNSTATED_STATUS = "金额不详"
# Figures a region ranks its departments by: evidence path, words, and the anchor's name.
RANKED_FIGURES = (
    ("totals.expenditure", labels.TOTALS["expenditure"], "expenditure"),
    ("three_public.total", labels.THREE_PUBLIC["total"], "three-public"),
    ("expenditure.project", labels.EXPENDITURE["project"], "project"),
)
PLAN_CAPTION = "年预算执行：浅色为年初预算，深色为决算（万元，右侧数字为决算 / 年初预算）"
LATEST_COUNT = 10
DOWNLOADS_DIR = "downloads"
ALL_LINE_ITEMS = f"{DOWNLOADS_DIR}/all-line-items.csv"
FORMATS = (("YAML", "yaml"), ("JSON", "json"), ("CSV（科目明细）", "csv"))


@dataclass(frozen=True)
class Page:
    """A page to write: its Markdown file under content/, its template and its context."""

    path: str
    template: str
    context: object


def link(from_file: str, to_file: str) -> str:
    """A relative link between two files under content/, as MkDocs expects in Markdown."""
    return posixpath.relpath(to_file, posixpath.dirname(from_file) or ".")


def page_url_link(from_file: str, to_file: str) -> str:
    """A relative URL from a page to a file outside content/ (written into site/ after MkDocs), which MkDocs neither
    checks nor rewrites: relative to the page's URL, a folder since `use_directory_urls`."""
    page_dir = posixpath.dirname(from_file) if posixpath.basename(from_file) == "index.md" else from_file[:-3]
    return posixpath.relpath(to_file, page_dir or ".")


def sources(records: Iterable[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Records by their input file name: how a cross-year finding names the other report."""
    return {record["source"]["file"]: record for record in records if record.get("source", {}).get("file")}


def counterparts(records: Iterable[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Each report's counterpart: the same department's report of the other kind (预算/决算) for the same year."""
    by_year: dict[tuple[str, object], dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    for record in records:
        if record.get("year") and record.get("kind") in labels.KINDS:
            by_year[(department_file(record), record["year"])][record["kind"]].append(record)
    found = {}
    for kinds in by_year.values():
        if len(kinds.get("budget", ())) == 1 and len(kinds.get("final", ())) == 1:
            budget, final = kinds["budget"][0], kinds["final"][0]
            found[budget["id"]], found[final["id"]] = final, budget
    return found


def report_file(record: dict[str, Any]) -> str:
    return f"{report_path(record).report_dir}/index.md"


def source_file(record: dict[str, Any]) -> str:
    return f"{report_path(record).report_dir}/source.md"


def department_file(record: dict[str, Any]) -> str:
    return f"{report_path(record).department_dir}/index.md"


def download_file(record: dict[str, Any], extension: str) -> str:
    return f"{DOWNLOADS_DIR}/{record['id']}.{extension}"


def unit_mark(record: dict[str, Any]) -> str:
    """（单位） for a 单位预算, another entity than its department's 部门预算."""
    return "（单位）" if record["id"].endswith(("-unit", "-unit-final")) else ""


def year_label(record: dict[str, Any]) -> str:
    return f"{record.get('year') or '年份不详'}年{kind_name(record.get('kind'))}{unit_mark(record)}"


def report_title(record: dict[str, Any]) -> str:
    return f"{record['department']['name']} {year_label(record)}"


def record_citer(record: dict[str, Any], from_file: str) -> Citer:
    """Cites a record's figures from a page at from_file: their source lines and a maintainer's corrections."""
    return Citer(record.get("evidence", {}), link(from_file, source_file(record)), record.get("corrections") or ())


def report_link(record: dict[str, Any], from_file: str) -> ReportLink:
    totals = record.get("totals") or {}
    return ReportLink(
        title=report_title(record),
        link=link(from_file, report_file(record)),
        year=year_label(record),
        expenditure=amount_text(totals.get("expenditure")),
    )


def region_trail(record: dict[str, Any], from_file: str) -> tuple[tuple[str, str], ...]:
    """The record's province, city and county, each linked to its region page."""
    slugs = report_path(record).regions
    return tuple(
        (name, link(from_file, "/".join((*slugs[: depth + 1], "index.md"))))
        for depth, name in enumerate(region_names(record))
    )


def newest_first(records: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(records, key=lambda r: (-(r.get("year") or 0), r["id"]))


def most_severe_first(record: dict[str, Any]) -> list[dict[str, Any]]:
    unknown = len(SEVERITY_ORDER)
    return sorted(record.get("findings") or (), key=lambda f: SEVERITY_ORDER.get(f.get("severity"), unknown))


def finding_view(
    finding: dict[str, Any], citer: Citer, by_source: dict[str, dict[str, Any]], from_file: str, **where: str
) -> FindingView:
    """A finding with its lines cited and, for a check across years, a link to the other year's report."""
    cites = citer.cites(finding.get("figures") or (), shown=False)
    shown = {cite.line for cite in cites}
    cites += citer.lines(line for line in finding.get("lines") or () if line not in shown)
    other = by_source.get(finding.get("with") or "")
    rule = str(finding.get("rule", ""))
    return FindingView(
        compared=report_link(other, from_file) if other else None,
        severity=labels.SEVERITIES.get(finding.get("severity", ""), str(finding.get("severity", ""))),
        message=str(finding.get("message", "")),
        explained=str(finding.get("explained") or ""),
        rule=RULE_NAMES.get(rule, rule),
        cites=cites,
        **where,
    )


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


def line_item_key(item: dict[str, Any]) -> str:
    """How evidence names a line item: its code, or 款/项 where the report gives no code."""
    return item.get("code") or f"{item.get('section')}/{item.get('item')}"


def line_item_anchor(item: dict[str, Any]) -> str:
    """The HTML id of a line item's row on its department-year page."""
    return code_anchor(item["code"]) if item.get("code") else name_anchor("item", line_item_key(item))


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


def source_page(record: dict[str, Any], document: Document) -> Page:
    path = source_file(record)
    source = record.get("source") or {}
    return Page(
        path=path,
        template="source.md.j2",
        context=SourcePage(
            title=f"{report_title(record)} · 原文",
            report_link=link(path, report_file(record)),
            file=str(source.get("file", "")),
            sha256=str(source.get("sha256", "")),
            lines=tuple(SourceLine(no=line.no, text=line.text) for line in document.lines),
        ),
    )


ChangesChart = Callable[[list[tuple[str, float, float]], str], ChartView | None]


def department_pages(
    records: list[dict[str, Any]],
    trend: Callable[[list[dict[str, Any]]], ChartView | None],
    changes: ChangesChart = lambda rows, caption: None,
) -> list[Page]:
    """One page per department folder; its reports across years share the folder."""
    by_department: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for record in records:
        by_department[department_file(record)].append(record)
    pages = []
    for path, group in sorted(by_department.items()):
        newest = newest_first(group)
        names = tuple(dict.fromkeys(r["department"]["name"] for r in newest))
        pages.append(
            Page(
                path=path,
                template="department.md.j2",
                context=DepartmentPage(
                    title=max(names, key=len),
                    names=names,
                    region=" ".join(region_names(newest[0])),
                    regions=region_trail(newest[0], path),
                    reports=tuple(report_link(r, path) for r in newest),
                    trend=trend(group),
                    comparisons=tuple(
                        year_comparison(older, newer, path, changes) for older, newer in consecutive_years(group)
                    ),
                ),
            )
        )
    return pages


def consecutive_years(records: Iterable[dict[str, Any]]) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """Pairs of one kind's consecutive years, newest pair first; a year with two reports of a kind is left out."""
    by_kind: dict[str, dict[int, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    for record in records:
        if isinstance(record.get("year"), int):
            by_kind[str(record.get("kind"))][record["year"]].append(record)
    pairs = []
    for years in by_kind.values():
        single = sorted(year for year, found in years.items() if len(found) == 1)
        pairs += [(years[a][0], years[b][0]) for a, b in pairwise(single) if b == a + 1]
    return sorted(pairs, key=lambda pair: (-pair[1]["year"], str(pair[1].get("kind"))))


def year_comparison(older: dict[str, Any], newer: dict[str, Any], path: str, changes: ChangesChart) -> YearComparison:
    """Two years 项 by 项: each amount cited from its own report, linked to its row there; differences computed."""
    items = [{line_item_key(item): item for item in record.get("line_items") or ()} for record in (older, newer)]
    citers = [record_citer(record, path) for record in (older, newer)]
    pages_of = [link(path, report_file(record)) for record in (older, newer)]
    found = compare_line_items(older, newer)
    found.sort(key=lambda change: (-abs(change.delta), change.key))
    rows = []
    drawn: list[tuple[str, float, float]] = []
    for change in found:
        amounts = []
        for index, amount in enumerate((change.before, change.after)):
            item = items[index].get(change.key)
            at = f"line_items[{change.key}]"
            amounts.append(
                (
                    citers[index].cited(amount_text(amount), f"{at}.amount", at),
                    f"{pages_of[index]}#{line_item_anchor(item)}" if item else "",
                )
            )
        both = change.before is not None and change.after is not None
        status = STATUS_NAMES.get(change.status, change.status)
        if change.status == "unchanged" and not both:
            status = UNSTATED_STATUS
        stated = items[1].get(change.key) or items[0].get(change.key) or {}
        rows.append(
            ChangeRow(
                code=str(stated.get("code") or ""),
                name=change.name,
                status=status,
                before=amounts[0][0],
                after=amounts[1][0],
                difference=f"{signed(round(change.delta, 4))} 万元" if both else "",
                before_link=amounts[0][1],
                after_link=amounts[1][1],
            )
        )
        if change.before is not None and change.after is not None:
            drawn.append((f"{stated.get('code') or ''} {stated.get('item') or change.name}".strip(), change.before,
                          change.after))
    summary = tuple(
        (name, count)
        for name in (*STATUS_NAMES.values(), UNSTATED_STATUS)
        if (count := sum(row.status == name for row in rows))
    )
    kind = kind_name(newer.get("kind"))
    caption = f"{older['year']}—{newer['year']}年{kind}：变化最大的项（万元，两年都列出金额的项）"
    return YearComparison(
        anchor=f"compare-{older['year']}-{newer['year']}-{newer.get('kind')}",
        older=report_link(older, path),
        newer=report_link(newer, path),
        summary=summary,
        rows=tuple(rows),
        chart=changes(drawn, caption),
    )


RankingChart = Callable[[list[tuple[str, float]], str], ChartView | None]


def region_pages(records: list[dict[str, Any]], ranking: RankingChart = lambda rows, caption: None) -> list[Page]:
    """One page per province, city and county folder, listing the regions below and departments in it,
    and ranking the departments in it or below by the figures their reports state."""
    children: dict[tuple[str, ...], dict[tuple[str, ...], str]] = defaultdict(dict)
    names: dict[tuple[str, ...], tuple[str, ...]] = {}
    departments: dict[tuple[str, ...], dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    within: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
    for record in records:
        region = region_names(record)
        slugs = report_path(record).regions
        for depth in range(1, len(slugs) + 1):
            names[slugs[:depth]] = region[:depth]
            within[slugs[:depth]].append(record)
            if depth > 1:
                children[slugs[: depth - 1]][slugs[:depth]] = region[depth - 1]
        departments[slugs][department_file(record)].append(record)
    pages = []
    for slugs, region in sorted(names.items()):
        path = "/".join((*slugs, "index.md"))
        entries = tuple(
            RegionEntry(
                name=newest_first(group)[0]["department"]["name"],
                link=link(path, department_path),
                reports=tuple(report_link(r, path) for r in newest_first(group)),
            )
            for department_path, group in sorted(departments[slugs].items())
        )
        ranked, unranked = rankings(within[slugs], path, ranking)
        pages.append(
            Page(
                path=path,
                template="region.md.j2",
                context=RegionPage(
                    title=" ".join(region) or "地区不详",
                    children=tuple(
                        (name, link(path, "/".join((*child, "index.md"))))
                        for child, name in sorted(children[slugs].items())
                    ),
                    departments=entries,
                    rankings=ranked,
                    unranked=unranked,
                ),
            )
        )
    return pages


def rankings(
    records: list[dict[str, Any]], path: str, chart: RankingChart
) -> tuple[tuple[Ranking, ...], tuple[str, ...]]:
    """Departments of one year and kind ranked by each figure at least two of them state (like with like only),
    and the figures of a year and kind with several departments that fewer than two of them state."""
    periods: dict[tuple[int, str], list[dict[str, Any]]] = defaultdict(list)
    for record in records:
        if isinstance(record.get("year"), int) and record.get("kind") in labels.KINDS:
            periods[(record["year"], record["kind"])].append(record)
    result, unranked = [], []
    for (year, kind), group in sorted(periods.items(), key=lambda item: (-item[0][0], item[0][1])):
        period = f"{year}年{labels.KINDS[kind]}"
        for figure_path, words, name in RANKED_FIGURES:
            amounts = ((record, stated_amount(record, figure_path)) for record in group)
            stated = [(record, amount) for record, amount in amounts if amount is not None]
            if len(stated) < 2:
                if len(group) > 1:
                    unranked.append(f"{period} · {words}")
                continue
            stated.sort(key=lambda pair: (-pair[1], pair[0]["id"]))
            rows = tuple(
                RankRow(
                    rank=1 + sum(other > amount for _, other in stated),
                    department=ranked_name(record),
                    link=link(path, report_file(record)),
                    amount=record_citer(record, path).cited(
                        amount_text(amount), f"{figure_path}.amount", figure_path
                    ),
                )
                for record, amount in stated
            )
            shown = {id(record) for record, _ in stated}
            result.append(
                Ranking(
                    anchor=f"rank-{year}-{kind}-{name}",
                    figure=words,
                    period=period,
                    rows=rows,
                    left_out=tuple(sorted(ranked_name(r) for r in group if id(r) not in shown)),
                    chart=chart([(row.department, amount) for row, (_, amount) in zip(rows, stated, strict=True)],
                                f"{period}{words}排名（万元）"),
                )
            )
    return tuple(result), tuple(unranked)


def stated_amount(record: dict[str, Any], path: str) -> float | None:
    """The amount a figure path names (a bare number or a figure's `amount`), where the report states one."""
    value = resolve(record, path)
    if isinstance(value, dict):
        value = value.get("amount")
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def ranked_name(record: dict[str, Any]) -> str:
    return f"{record['department']['name']}{unit_mark(record)}"


def home_lists(records: list[dict[str, Any]], path: str, page_path: str) -> Page:
    """The home page's generated lists; links are relative to the page that includes them."""
    provinces: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for record in records:
        provinces[report_path(record).regions[0]].append(record)
    regions = tuple(
        (region_names(group[0])[0] if region_names(group[0]) else slug, link(page_path, f"{slug}/index.md"), len(group))
        for slug, group in sorted(provinces.items())
    )
    return Page(
        path=path,
        template="home-lists.md.j2",
        context=HomeLists(
            regions=regions,
            latest=tuple(report_link(r, page_path) for r in newest_first(records)[:LATEST_COUNT]),
            report_count=len(records),
            department_count=len({department_file(r) for r in records}),
        ),
    )


def glossary_page(records: list[dict[str, Any]], path: str = "glossary/index.md") -> Page:
    definitions: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    for record in records:
        for entry in record.get("glossary") or ():
            definitions[entry["term"]][entry.get("definition", "")].append(record)
    entries = tuple(
        GlossaryEntry(
            term=term,
            definitions=tuple(
                (text, tuple(report_link(r, path) for r in newest_first(group)))
                for text, group in sorted(definitions[term].items())
            ),
        )
        for term in sorted(definitions, key=lambda t: (lazy_pinyin(t), t))
    )
    return Page(path=path, template="glossary.md.j2", context=GlossaryPage(entries=entries))


def downloads_page(records: list[dict[str, Any]], path: str = f"{DOWNLOADS_DIR}/index.md") -> Page:
    rows = tuple(
        DownloadRow(
            report=report_link(record, path),
            files=tuple(Download(label=label, link=link(path, download_file(record, ext))) for label, ext in FORMATS),
        )
        for record in sorted(records, key=lambda r: r["id"])
    )
    return Page(
        path=path,
        template="downloads.md.j2",
        context=DownloadsPage(
            all_line_items=link(path, ALL_LINE_ITEMS),
            database=page_url_link(path, f"{DATA_DIR}/{DATABASE}"),
            data_package=page_url_link(path, f"{DATA_DIR}/{DESCRIPTOR}"),
            rows=rows,
        ),
    )


def findings_page(records: list[dict[str, Any]], path: str = "findings/index.md") -> Page:
    """Every finding, grouped by severity then region; a table of links to the groups filters them without script."""
    by_source = sources(records)
    groups: dict[tuple[str, tuple[str, ...]], list[FindingView]] = defaultdict(list)
    regions: dict[tuple[str, ...], str] = {}
    for record in sorted(records, key=lambda r: r["id"]):
        citer = record_citer(record, path)
        slugs = report_path(record).regions
        regions[slugs] = " ".join(region_names(record)) or "地区不详"
        for finding in most_severe_first(record):
            view = finding_view(
                finding,
                citer,
                by_source,
                path,
                report_title=report_title(record),
                report_link=link(path, report_file(record)),
            )
            groups[(str(finding.get("severity", "")), slugs)].append(view)
    unknown = len(SEVERITY_ORDER)
    severities = sorted({severity for severity, _ in groups}, key=lambda s: (SEVERITY_ORDER.get(s, unknown), s))

    def anchor(severity: str, slugs: tuple[str, ...] = ()) -> str:
        return "-".join(("findings", slug_of(severity), *slugs))

    sections = tuple(
        FindingSection(
            severity=labels.SEVERITIES.get(severity, severity),
            anchor=anchor(severity),
            count=sum(len(found) for (of, _), found in groups.items() if of == severity),
            groups=tuple(
                FindingGroup(
                    anchor=anchor(severity, slugs),
                    severity=labels.SEVERITIES.get(severity, severity),
                    region=regions[slugs],
                    findings=tuple(groups[(severity, slugs)]),
                )
                for slugs in sorted(regions)
                if (severity, slugs) in groups
            ),
        )
        for severity in severities
    )
    filters = tuple(
        FindingFilter(
            region=regions[slugs],
            counts=tuple(
                (len(groups[(s, slugs)]), anchor(s, slugs)) if (s, slugs) in groups else (0, "") for s in severities
            ),
        )
        for slugs in sorted(regions)
        if any((s, slugs) in groups for s in severities)
    )
    return Page(path=path, template="findings.md.j2", context=FindingsPage(sections=sections, filters=filters))


def slug_of(word: str) -> str:
    """An HTML id part from a rule's or severity's word: ASCII as it is, anything else by its pinyin."""
    return name_anchor("x", word).removeprefix("x-")
