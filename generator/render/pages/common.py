"""What every page kind shares: the Page to write, where each report's pages and files live, links between them,
titles, and findings as a page shows them."""

from __future__ import annotations

import posixpath
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from generator import labels
from generator.render.contexts import FindingView, ReportLink
from generator.render.figures import Citer, amount_text, kind_name, resolve
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


def source_names(record: dict[str, Any]) -> list[str]:
    """The report's input files, the main one first: several where one report is published as several files."""
    source = record.get("source") or {}
    return [str(entry.get("file", "")) for entry in source.get("files") or ()] or [str(source.get("file", ""))]


def source_file(record: dict[str, Any], file: str | None = None) -> str:
    """The source text page of the report's main file, or of another of its files (source-2.md, …)."""
    names = source_names(record)
    index = names.index(file) if file in names else 0
    return f"{report_path(record).report_dir}/{'source' if index == 0 else f'source-{index + 1}'}.md"


def department_file(record: dict[str, Any]) -> str:
    return f"{report_path(record).department_dir}/index.md"


def download_file(record: dict[str, Any], extension: str) -> str:
    return f"{DOWNLOADS_DIR}/{record['id']}.{extension}"


def record_downloads(record_id: str) -> list[str]:
    """A record's download files under content/, one per format."""
    return [f"{DOWNLOADS_DIR}/{record_id}.{extension}" for _, extension in FORMATS]


def unit_mark(record: dict[str, Any]) -> str:
    """（单位） for a 单位预算, another entity than its department's 部门预算."""
    return "（单位）" if record["id"].endswith(("-unit", "-unit-final")) else ""


def year_label(record: dict[str, Any]) -> str:
    return f"{record.get('year') or '年份不详'}年{kind_name(record.get('kind'))}{unit_mark(record)}"


def report_title(record: dict[str, Any]) -> str:
    return f"{record['department']['name']} {year_label(record)}"


def record_citer(record: dict[str, Any], from_file: str) -> Citer:
    """Cites a record's figures from a page at from_file: their source lines and a maintainer's corrections."""
    return Citer(
        record.get("evidence", {}),
        link(from_file, source_file(record)),
        record.get("corrections") or (),
        {name: link(from_file, source_file(record, name)) for name in source_names(record)[1:]},
    )


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


def line_item_key(item: dict[str, Any]) -> str:
    """How evidence names a line item: its code, or 款/项 where the report gives no code."""
    return item.get("code") or f"{item.get('section')}/{item.get('item')}"


def line_item_anchor(item: dict[str, Any]) -> str:
    """The HTML id of a line item's row on its department-year page."""
    return code_anchor(item["code"]) if item.get("code") else name_anchor("item", line_item_key(item))


def stated_amount(record: dict[str, Any], path: str) -> float | None:
    """The amount a figure path names (a bare number or a figure's `amount`), where the report states one."""
    value = resolve(record, path)
    if isinstance(value, dict):
        value = value.get("amount")
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None
