"""What each kind of page shows: one typed context per template, every field documented.

Fields hold raw values (report text unescaped); templates escape them with the `md`/`cell` filters.
Links are relative paths to Markdown files, so MkDocs checks them and rewrites them to URLs.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Cite:
    """Where the report states a figure."""

    line: int = field(metadata={"help": "1-based line of the report text"})
    quote: str = field(metadata={"help": "the sentence or table row stating the figure"})
    href: str = field(metadata={"help": "link to that line on the source page"})
    where: str = field(metadata={"help": "the line as the original shows it: 第57行, or 第3页第12行 in a PDF"})


@dataclass(frozen=True)
class CorrectionNote:
    """A maintainer's correction of a figure, shown beside it so the reader knows the source line says otherwise."""

    was: str = field(metadata={"help": "what the report states, formatted; empty for a figure the parser missed"})
    note: str = field(metadata={"help": "the maintainer's note, or empty"})


@dataclass(frozen=True)
class Cited:
    """A figure as shown, with the source lines that state it."""

    text: str = field(metadata={"help": "the figure formatted for reading, e.g. 123.45 万元"})
    cites: tuple[Cite, ...] = field(default=(), metadata={"help": "source lines, first line first"})
    corrections: tuple[CorrectionNote, ...] = field(
        default=(), metadata={"help": "maintainer's corrections of this figure (site_data/overrides)"}
    )


@dataclass(frozen=True)
class FigureRow:
    """One labelled figure in a two- or three-column table (amount and its change)."""

    label: str = field(metadata={"help": "what the figure is, in Chinese"})
    amount: Cited = field(metadata={"help": "the amount (and its share) or count"})
    change: Cited | None = field(default=None, metadata={"help": "change against last year, where stated"})


@dataclass(frozen=True)
class LineItemRow:
    """One 项 of the functional classification."""

    anchor: str = field(metadata={"help": "stable HTML id from the code"})
    code: str = field(metadata={"help": "7-digit 科目 code"})
    name: str = field(metadata={"help": "类/款/项 names joined"})
    amount: Cited = field(metadata={"help": "amount"})
    change: Cited = field(metadata={"help": "change against last year"})
    reason: Cited = field(metadata={"help": "the reason the report states for the change"})


@dataclass(frozen=True)
class CodedRow:
    """One row of a classification (类 of functions or economic classification)."""

    code: str = field(metadata={"help": "classification code"})
    name: str = field(metadata={"help": "classification name"})
    amount: Cited = field(metadata={"help": "amount (and share)"})
    change: Cited = field(metadata={"help": "change against last year"})


@dataclass(frozen=True)
class IndicatorRow:
    """One 绩效指标 of a project."""

    level1: str = field(metadata={"help": "一级指标"})
    level2: str = field(metadata={"help": "二级指标"})
    name: str = field(metadata={"help": "三级指标"})
    value: Cited = field(metadata={"help": "指标值, with its source line"})


@dataclass(frozen=True)
class ProjectView:
    """One project with its performance indicators."""

    anchor: str = field(metadata={"help": "stable HTML id from the name"})
    name: str = field(metadata={"help": "project name"})
    amount: Cited = field(metadata={"help": "project amount"})
    details: tuple[tuple[str, str], ...] = field(metadata={"help": "other stated fields (类别, 代码) as label/value"})
    indicators: tuple[IndicatorRow, ...] = field(metadata={"help": "绩效指标"})


@dataclass(frozen=True)
class FindingView:
    """A place where the report disagrees with itself, as a citizen reads it."""

    severity: str = field(metadata={"help": "矛盾 / 提示 / 说明"})
    message: str = field(metadata={"help": "the finding's Chinese message"})
    rule: str = field(metadata={"help": "what the check compares, in Chinese (the rule id where unnamed)"})
    cites: tuple[Cite, ...] = field(metadata={"help": "source lines of the figures involved"})
    compared: ReportLink | None = field(default=None, metadata={"help": "the other report of a cross-year check"})
    explained: str = field(default="", metadata={"help": "a maintainer's explanation (site_data/overrides), or empty"})
    report_title: str = field(default="", metadata={"help": "department and year (site-wide list only)"})
    report_link: str = field(default="", metadata={"help": "link to the department-year page (site-wide list)"})


@dataclass(frozen=True)
class ChartView:
    """A chart drawn at build time, with its caption and a table alternative."""

    svg: str = field(metadata={"help": "inline SVG markup"})
    caption: str = field(metadata={"help": "what the chart shows, in Chinese"})
    rows: tuple[tuple[str, str], ...] = field(metadata={"help": "the same data as label/value rows"})


@dataclass(frozen=True)
class Download:
    """One downloadable file."""

    label: str = field(metadata={"help": "format name"})
    link: str = field(metadata={"help": "relative link to the file"})


@dataclass(frozen=True)
class ReportLink:
    """A link to one department-year page."""

    title: str = field(metadata={"help": "department name, year and kind"})
    link: str = field(metadata={"help": "relative link to the page"})
    year: str = field(metadata={"help": "year and kind, e.g. 2024年预算"})
    expenditure: str = field(metadata={"help": "total expenditure, formatted, or empty"})


@dataclass(frozen=True)
class PlanRow:
    """One 项 of a final account: its plan (年初预算), its outcome (决算) and the completion rate."""

    code: str = field(metadata={"help": "7-digit 科目 code, or empty"})
    name: str = field(metadata={"help": "类/款/项 names joined"})
    anchor: str = field(metadata={"help": "HTML id of the 项's row in this page's line items, or empty"})
    plan: Cited = field(metadata={"help": "年初预算, from the same year's budget report or else this report"})
    plan_source: str = field(metadata={"help": "where the plan is stated: 出自同年预算报告 / 出自决算报告 / empty"})
    outcome: Cited = field(metadata={"help": "决算数, with its source line"})
    rate: Cited = field(metadata={"help": "完成率 as stated (cited), or computed and marked 计算所得"})


@dataclass(frozen=True)
class CorrectionRow:
    """One correction a maintainer made to this report's parse, listed on its page."""

    label: str = field(metadata={"help": "what was corrected, from its evidence path"})
    was: str = field(metadata={"help": "what the report states, formatted; empty for a figure the parser missed"})
    value: str = field(metadata={"help": "the corrected value, formatted"})
    note: str = field(metadata={"help": "the maintainer's note, or empty"})
    cites: tuple[Cite, ...] = field(metadata={"help": "the source line of the figure"})


@dataclass(frozen=True)
class ReportPage:
    """A department-year page: every figure of one report, each with its source line."""

    title: str = field(metadata={"help": "department, year and kind"})
    department: str = field(metadata={"help": "department name"})
    aliases: tuple[str, ...] = field(metadata={"help": "other names the report uses"})
    region: str = field(metadata={"help": "province, city, county joined"})
    regions: tuple[tuple[str, str], ...] = field(metadata={"help": "province, city, county as name/link"})
    kind: str = field(metadata={"help": "预算 or 决算"})
    department_link: str = field(metadata={"help": "relative link to the department page"})
    source_link: str = field(metadata={"help": "relative link to the source text page"})
    more_sources: tuple[tuple[str, str], ...] = field(
        metadata={"help": "the report's other input files (one report published as several) as name/link to their text"}
    )
    units: tuple[tuple[str, str], ...] = field(metadata={"help": "budget units as name/kind"})
    totals: tuple[FigureRow, ...] = field(metadata={"help": "收支总预算 and change"})
    income: tuple[FigureRow, ...] = field(metadata={"help": "income by source"})
    spending: tuple[FigureRow, ...] = field(metadata={"help": "basic vs project, personnel and public"})
    functions: tuple[CodedRow, ...] = field(metadata={"help": "类 of the functional classification"})
    line_items: tuple[LineItemRow, ...] = field(metadata={"help": "项 of the functional classification"})
    economic: tuple[CodedRow, ...] = field(metadata={"help": "economic classification, 类 level"})
    economic_detail: tuple[CodedRow, ...] = field(metadata={"help": "economic classification, 款 level"})
    three_public: tuple[FigureRow, ...] = field(metadata={"help": "三公经费"})
    operating: tuple[FigureRow, ...] = field(metadata={"help": "机关运行经费"})
    procurement: tuple[FigureRow, ...] = field(metadata={"help": "政府采购"})
    assets: tuple[FigureRow, ...] = field(metadata={"help": "stated asset counts"})
    staffing: tuple[FigureRow, ...] = field(metadata={"help": "编制 and 实有人数"})
    projects: tuple[ProjectView, ...] = field(metadata={"help": "projects and their indicators"})
    responsibilities: tuple[str, ...] = field(metadata={"help": "主要职责"})
    tasks: tuple[str, ...] = field(metadata={"help": "年度主要工作任务"})
    findings: tuple[FindingView, ...] = field(metadata={"help": "what the checks found"})
    other: tuple[FigureRow, ...] = field(metadata={"help": "evidenced figures no other section shows"})
    corrections: tuple[CorrectionRow, ...] = field(metadata={"help": "a maintainer's corrections of this report"})
    functions_chart: ChartView | None = field(metadata={"help": "chart of the 类 amounts, where stated"})
    income_chart: ChartView | None = field(metadata={"help": "chart of income by source, where stated"})
    downloads: tuple[Download, ...] = field(metadata={"help": "this record as YAML, JSON, CSV"})
    counterpart: ReportLink | None = field(
        default=None, metadata={"help": "the same department's report of the other kind for the same year"}
    )
    plan: tuple[PlanRow, ...] = field(default=(), metadata={"help": "a final account's 项: plan against outcome"})
    plan_chart: ChartView | None = field(default=None, metadata={"help": "plan against outcome of the largest 项"})


@dataclass(frozen=True)
class SourceLine:
    """One line of the report text."""

    no: int = field(metadata={"help": "1-based line number, the evidence numbering"})
    text: str = field(metadata={"help": "the line as read"})


@dataclass(frozen=True)
class SourcePage:
    """The report text with one anchor per line, so a figure's citation lands on its line."""

    title: str = field(metadata={"help": "department, year and kind"})
    report_link: str = field(metadata={"help": "relative link back to the department-year page"})
    file: str = field(metadata={"help": "the input file name"})
    sha256: str = field(metadata={"help": "the input file's hash"})
    lines: tuple[SourceLine, ...] = field(metadata={"help": "every line, in order"})
    other_files: tuple[tuple[str, str], ...] = field(
        default=(), metadata={"help": "the report's other input files, as name/link to their source text page"}
    )


@dataclass(frozen=True)
class ChangeRow:
    """One 项 in two years of a department: its amount in each, with links to both years' line items."""

    code: str = field(metadata={"help": "the 项's code, or empty where the reports give none"})
    name: str = field(metadata={"help": "类/款/项 names joined"})
    status: str = field(metadata={"help": "增加 / 减少 / 新增 / 不再列出 / 持平 / 金额不详"})
    before: Cited = field(metadata={"help": "the older year's amount, with its source line"})
    after: Cited = field(metadata={"help": "the newer year's amount, with its source line"})
    difference: str = field(metadata={"help": "newer minus older, computed where both are stated, else empty"})
    before_link: str = field(metadata={"help": "link to the 项 on the older year's page, or empty"})
    after_link: str = field(metadata={"help": "link to the 项 on the newer year's page, or empty"})


@dataclass(frozen=True)
class YearComparison:
    """Two consecutive years of one department and kind, 项 by 项."""

    anchor: str = field(metadata={"help": "stable HTML id of the comparison"})
    older: ReportLink = field(metadata={"help": "the older year's report"})
    newer: ReportLink = field(metadata={"help": "the newer year's report"})
    summary: tuple[tuple[str, int], ...] = field(
        metadata={"help": "how many 项 grew, shrank, appeared … as status/count"}
    )
    rows: tuple[ChangeRow, ...] = field(metadata={"help": "every 项 of either year, largest change first"})
    chart: ChartView | None = field(metadata={"help": "the largest changes of 项 both years state"})


@dataclass(frozen=True)
class DepartmentPage:
    """One department: every year it has, and its trend."""

    title: str = field(metadata={"help": "the department's fullest name"})
    names: tuple[str, ...] = field(metadata={"help": "every name its reports use"})
    region: str = field(metadata={"help": "province, city, county joined"})
    regions: tuple[tuple[str, str], ...] = field(metadata={"help": "province, city, county as name/link"})
    reports: tuple[ReportLink, ...] = field(metadata={"help": "its reports, newest first"})
    trend: ChartView | None = field(default=None, metadata={"help": "totals across years, where two or more"})
    comparisons: tuple[YearComparison, ...] = field(
        default=(), metadata={"help": "each pair of consecutive years of one kind, newest first"}
    )


@dataclass(frozen=True)
class RegionEntry:
    """A department listed on a region page, with its years."""

    name: str = field(metadata={"help": "department name"})
    link: str = field(metadata={"help": "relative link to the department page"})
    reports: tuple[ReportLink, ...] = field(metadata={"help": "its reports, newest first"})


@dataclass(frozen=True)
class RankRow:
    """One department in a ranking."""

    rank: int = field(metadata={"help": "1 for the largest; equal amounts share a rank"})
    department: str = field(metadata={"help": "department name (单位预算 marked)"})
    link: str = field(metadata={"help": "relative link to its department-year page"})
    amount: Cited = field(metadata={"help": "the stated amount, with its source line"})


@dataclass(frozen=True)
class Ranking:
    """The departments of a region by one stated figure, for one year and kind."""

    anchor: str = field(metadata={"help": "stable HTML id: year, kind and figure"})
    figure: str = field(metadata={"help": "what is ranked, e.g. 支出总计"})
    period: str = field(metadata={"help": "year and kind, e.g. 2025年预算"})
    rows: tuple[RankRow, ...] = field(metadata={"help": "departments stating the figure, largest first"})
    left_out: tuple[str, ...] = field(metadata={"help": "departments of that year and kind not stating it"})
    chart: ChartView | None = field(metadata={"help": "bar chart of the rows, largest first"})


@dataclass(frozen=True)
class RegionPage:
    """A province, city or county: the regions below it and the departments in it."""

    title: str = field(metadata={"help": "region name, e.g. 江苏省 苏州市"})
    children: tuple[tuple[str, str], ...] = field(metadata={"help": "sub-regions as name/link"})
    departments: tuple[RegionEntry, ...] = field(metadata={"help": "departments directly in this region"})
    rankings: tuple[Ranking, ...] = field(
        default=(), metadata={"help": "departments in it or below, ranked per year and kind, newest first"}
    )
    unranked: tuple[str, ...] = field(
        default=(), metadata={"help": "year, kind and figure fewer than two of several departments state"}
    )


@dataclass(frozen=True)
class HomeLists:
    """The generated part of the home page: regions covered and the latest reports."""

    regions: tuple[tuple[str, str, int], ...] = field(metadata={"help": "province name, link, report count"})
    latest: tuple[ReportLink, ...] = field(metadata={"help": "the newest reports"})
    report_count: int = field(metadata={"help": "reports on the site"})
    department_count: int = field(metadata={"help": "departments on the site"})


@dataclass(frozen=True)
class GlossaryDefinition:
    """One wording of a term, with the newest reports that give it."""

    text: str = field(metadata={"help": "the definition as the reports word it"})
    reports: tuple[ReportLink, ...] = field(metadata={"help": "the newest reports giving it (at most a few)"})
    count: int = field(metadata={"help": "how many reports give it"})


@dataclass(frozen=True)
class GlossaryEntry:
    """A term as the reports define it: its most common wordings."""

    term: str = field(metadata={"help": "the term"})
    definitions: tuple[GlossaryDefinition, ...] = field(metadata={"help": "the most common wordings, most first"})
    others: int = field(metadata={"help": "how many other wordings the reports give"})


@dataclass(frozen=True)
class GlossaryPage:
    """名词解释 gathered from every report."""

    entries: tuple[GlossaryEntry, ...] = field(metadata={"help": "terms in pinyin order"})


@dataclass(frozen=True)
class DownloadRow:
    """One report's downloads."""

    report: ReportLink = field(metadata={"help": "the report"})
    files: tuple[Download, ...] = field(metadata={"help": "its YAML, JSON and CSV"})


@dataclass(frozen=True)
class PartLink:
    """A region's own list (its findings or downloads), as the site-wide list links it: lists grow with the reports,
    so each shard of the site has its own."""

    region: str = field(metadata={"help": "the region's name (安徽省)"})
    link: str = field(metadata={"help": "relative link to the region's list"})
    counts: tuple[int, ...] = field(metadata={"help": "findings per severity (the page's columns), or reports"})


@dataclass(frozen=True)
class DownloadsPage:
    """Every record as data, and one CSV of every line item; the site-wide page links each region's list."""

    region: str = field(metadata={"help": "the region a shard's list is of; empty on the site-wide page"})
    overview: str = field(metadata={"help": "a region's list: link to the site-wide page; else empty"})
    all_line_items: str = field(metadata={"help": "link to the site-wide line-item CSV"})
    database: str = field(metadata={"help": "URL of the SQLite database, relative to the page's URL"})
    data_package: str = field(metadata={"help": "URL of datapackage.json, relative to the page's URL"})
    parts: tuple[PartLink, ...] = field(metadata={"help": "the site-wide page: each region's list and its reports"})
    rows: tuple[DownloadRow, ...] = field(metadata={"help": "one row per report listed here"})


@dataclass(frozen=True)
class FindingGroup:
    """The findings of one severity in one region: a filter's target."""

    anchor: str = field(metadata={"help": "stable HTML id: severity and region slugs"})
    severity: str = field(metadata={"help": "矛盾 / 提示 / 说明"})
    region: str = field(metadata={"help": "province, city, county joined"})
    findings: tuple[FindingView, ...] = field(metadata={"help": "findings, by report"})


@dataclass(frozen=True)
class FindingSection:
    """All findings of one severity, region by region."""

    severity: str = field(metadata={"help": "矛盾 / 提示 / 说明"})
    anchor: str = field(metadata={"help": "stable HTML id of the severity's heading"})
    count: int = field(metadata={"help": "findings of this severity"})
    groups: tuple[FindingGroup, ...] = field(metadata={"help": "one group per region"})


@dataclass(frozen=True)
class FindingFilter:
    """One region's row of the filter table: how many findings of each severity, each linked to its group."""

    region: str = field(metadata={"help": "province, city, county joined"})
    counts: tuple[tuple[int, str], ...] = field(
        metadata={"help": "per severity (the page's order) the count and its group's anchor, or 0 and empty"}
    )


@dataclass(frozen=True)
class FindingsPage:
    """The findings of a region (or of reports in no region's list), grouped by severity then region, with a table
    of links that filters them; the site-wide page links each region's list with its counts."""

    region: str = field(metadata={"help": "the region a shard's list is of; empty on the site-wide page"})
    overview: str = field(metadata={"help": "a region's list: link to the site-wide page; else empty"})
    part_severities: tuple[str, ...] = field(metadata={"help": "the site-wide page: the severities counted"})
    parts: tuple[PartLink, ...] = field(metadata={"help": "the site-wide page: each region's list and counts"})
    sections: tuple[FindingSection, ...] = field(metadata={"help": "one per severity present, most severe first"})
    filters: tuple[FindingFilter, ...] = field(metadata={"help": "one row per region with findings"})
