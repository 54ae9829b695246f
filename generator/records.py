"""Typed records of one parsed report: every figure carries where the report states it.

The fields mirror `site_data/budgets/<id>.yaml` (see the data model); `write.py` turns a Report into that YAML.
Evidence sits outside equality, so tests compare meaning and, separately, that the quote is in the source.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path
from typing import Any

from generator.errors import ReportError

# Values a record holds as they are: nothing inside them to walk.
PLAIN_VALUES = (str, int, float, bool)


def fields_getter(names: Sequence[str]) -> Callable[[Any], tuple[Any, ...]]:
    """A getter of a record's fields `names`, as a tuple in one call: the writer and the audit walk every record."""
    if len(names) > 1:
        return attrgetter(*names)
    return lambda node: tuple(getattr(node, name) for name in names)  # attrgetter of one name gives the value itself


@dataclass(slots=True)  # not frozen: a frozen dataclass's __init__ costs twice as much, and a report makes ~80
class Evidence:
    line: int
    quote: str
    file: str | None = None  # the input file stating it, where a report spans several files (None: its main file)


@dataclass
class Fact:
    """One value as the report states it (万元 for amounts, percent for shares and rates)."""

    value: float | int | str
    evidence: Evidence | None = field(default=None, compare=False)
    also: Evidence | None = field(default=None, compare=False)  # a standard table's row stating the same


@dataclass
class Change:
    """Against the previous year: signed amount in 万元 and signed percent."""

    amount: Fact | None = None
    pct: Fact | None = None


@dataclass
class Figure:
    """An amount with the share and change the report states beside it."""

    amount: Fact | None = None
    share: Fact | None = None
    change: Change | None = None
    reason: Fact | None = None
    initial_budget: Fact | None = None  # 决算: 年初预算, beside the 决算数 in `amount`
    adjusted_budget: Fact | None = None  # 决算: 调整预算, where stated between the two
    execution_rate: Fact | None = None  # 决算: 完成年初预算的…%
    economic: list[EconomicClass] = field(default_factory=list)  # its breakdown by economic 类, where stated


@dataclass
class BudgetUnit:
    name: str
    kind: str


@dataclass
class Region:
    province: str
    city: str | None = None
    county: str | None = None


@dataclass
class Department:
    name: str
    aliases: list[str] = field(default_factory=list)
    region: Region | None = None
    budget_units: list[BudgetUnit] = field(default_factory=list)
    # What the report covers, as its title says: department (部门预算), own (the department's own body, （本级）),
    # consolidated (its units together, （汇总）) or unit (one unit's 单位预算).
    scope: str = "department"
    key: str | None = None  # the same for every year of one department (check/years.py); its page URL


@dataclass
class Totals:
    income: Fact | None = None
    expenditure: Fact | None = None
    change: Change | None = None
    # A final account's year apart from its balances: 本年收入合计, 本年支出合计, 年初/年末结转和结余.
    current_income: Fact | None = None
    current_expenditure: Fact | None = None
    carryover_start: Fact | None = None
    carryover_end: Fact | None = None


@dataclass
class FunctionClass:
    """支出功能分类 at 类 level."""

    name: str
    code: str | None = None
    amount: Fact | None = None
    share: Fact | None = None
    change: Change | None = None

    @property
    def key(self) -> str:
        return self.name


@dataclass
class LineItem:
    """One 项 of 支出功能分类 (类/款/项)."""

    class_: str
    section: str
    item: str
    code: str | None = None
    amount: Fact | None = None
    change: Change | None = None
    reason: Fact | None = None
    initial_budget: Fact | None = None
    adjusted_budget: Fact | None = None
    execution_rate: Fact | None = None

    @property
    def key(self) -> str:
        return self.code or f"{self.section}/{self.item}"


@dataclass
class EconomicClass:
    """部门预算支出经济分类 at 类 level (301 工资福利支出 …)."""

    name: str
    code: str | None = None
    amount: Fact | None = None
    change: Change | None = None

    @property
    def key(self) -> str:
        return self.code or self.name


@dataclass
class EconomicDetail:
    """A row of the 基本支出 table: 部门 economic 款 against its 政府预算经济分类 款."""

    code: str
    name: str
    gov_code: str | None = None
    gov_name: str | None = None
    amount: Fact | None = None
    personnel: Fact | None = None
    public: Fact | None = None

    @property
    def key(self) -> str:
        return f"{self.code}/{self.gov_code or ''}"


@dataclass
class Indicator:
    """A 绩效指标: levels as the report names them, the indicator and its target value."""

    value: str
    level1: str | None = None
    level2: str | None = None
    name: str | None = None
    line: int | None = field(default=None, compare=False)
    file: str | None = field(default=None, compare=False)  # as Evidence.file: where `line` is, if not the main file


@dataclass
class Project:
    name: str
    amount: Fact | None = None
    category: str | None = None
    code: str | None = None
    indicators: list[Indicator] = field(default_factory=list)

    @property
    def key(self) -> str:
        return self.name


@dataclass
class ManagedProjects:
    """绩效目标管理: how many projects it covers and the funds it says they involve, summed over sources."""

    count: Fact | None = None
    amount: Fact | None = None


@dataclass
class GlossaryEntry:
    term: str
    definition: str


@dataclass
class Finding:
    """Where a report disagrees with itself, or with the same department's report of another year."""

    rule: str
    severity: str  # error | warning | info
    message: str
    figures: list[str]  # evidence paths of every figure involved
    lines: list[int] = field(default_factory=list)  # the lines that state them
    with_: str | None = None  # the other report's source file, for a check across years
    explained: str | None = None  # a maintainer's note from the report's overrides file


@dataclass
class Correction:
    """A maintainer's correction of one figure (site_data/overrides/<id>.yaml), shown beside it on the page."""

    path: str
    was: Any
    value: Any
    note: str = ""


@dataclass
class LineItemChange:
    """One 项 of a department in two years: grew, shrank, unchanged, appeared or disappeared."""

    key: str  # the 项's code, or 款/项 where it has none
    name: str  # 类-款-项
    status: str  # grew | shrank | unchanged | appeared | disappeared
    before: float | None = None
    after: float | None = None

    @property
    def delta(self) -> float:
        return round((self.after or 0.0) - (self.before or 0.0), 6)


@dataclass
class SourceFile:
    """One input file of a report published as several (a narrative and its tables): what its evidence points into."""

    file: str
    sha256: str
    page_starts: tuple[int, ...] = ()


@dataclass
class Report:
    id: str
    source_file: str
    sha256: str
    department: Department
    page_starts: tuple[int, ...] = ()  # the source's first line of each page (PDF): evidence names its page
    year: int | None = None
    kind: str = "budget"  # budget = 预算, final = 决算
    unit: str = "万元"
    totals: Totals = field(default_factory=Totals)
    # by source: general_budget, fiscal, gov_fund, state_capital, special_account, business, operating,
    # superior_subsidy, affiliated, other, carryover (see the data model)
    income: dict[str, Figure] = field(default_factory=dict)
    expenditure: dict[str, Figure] = field(default_factory=dict)  # basic, project, personnel, public
    functions: list[FunctionClass] = field(default_factory=list)
    line_items: list[LineItem] = field(default_factory=list)
    economic: list[EconomicClass] = field(default_factory=list)
    economic_detail: list[EconomicDetail] = field(default_factory=list)
    # total, outbound, vehicles, vehicle_purchase, vehicle_operation, reception
    three_public: dict[str, Figure] = field(default_factory=dict)
    operating_costs: Figure | None = None
    procurement: dict[str, Fact] = field(default_factory=dict)
    assets: dict[str, Fact] = field(default_factory=dict)
    staffing: dict[str, Fact] = field(default_factory=dict)
    projects: list[Project] = field(default_factory=list)
    performance_managed: ManagedProjects | None = None
    responsibilities: list[str] = field(default_factory=list)
    tasks: list[str] = field(default_factory=list)
    glossary: list[GlossaryEntry] = field(default_factory=list)
    # The lists read whole ("functions", "line_items", "projects"): every row of a table, or as many entries as the
    # report says it has ("共3个项目"). Only the sum of a list known whole is asserted (an error where it misses).
    complete_lists: set[str] = field(default_factory=set)
    findings: list[Finding] = field(default_factory=list)
    corrections: list[Correction] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    override_errors: list[ReportError] = field(default_factory=list)  # corrections that no longer fit, by file
    # The other statement of a figure the prose and a standard table state differently, by group and name
    # ("income.general_budget"): the figure holds one (see extract/statements.fill and merge.py), this the other;
    # the text-vs-table check shows both.
    restated: dict[str, Fact] = field(default_factory=dict)
    # Every input file, the main one (`source_file`) first, where the report is merged from several (merge.py).
    sources: list[SourceFile] = field(default_factory=list)

    def figures_of(self, group: str) -> dict[str, Figure]:
        return {"income": self.income, "expenditure": self.expenditure, "three_public": self.three_public}[group]

    def fact_at(self, key: str) -> Fact | None:
        """The amount of a headline figure by group and name: "totals.income", "income.general_budget"."""
        group, name = key.split(".")
        if group == "totals":
            found: Fact | None = getattr(self.totals, name)
            return found
        figure = self.figures_of(group).get(name)
        return figure.amount if figure else None

    def put_fact(self, key: str, fact: Fact) -> None:
        group, name = key.split(".")
        if group == "totals":
            setattr(self.totals, name, fact)
        else:
            self.figures_of(group).setdefault(name, Figure()).amount = fact


def evidence_path(key: str) -> str:
    """A headline figure's evidence path: "totals.income", "income.general_budget.amount"."""
    return key if key.startswith("totals.") else f"{key}.amount"


@dataclass(frozen=True)
class Heading:
    """Which department-year a file states: all that placing its file among the others and grouping the files of
    one report need (merge.placed). A batch holds this of each file, and the parse itself in the cache."""

    id: str
    department: Department
    year: int | None
    kind: str

    @staticmethod
    def of(report: Report) -> Heading:
        return Heading(report.id, report.department, report.year, report.kind)


@dataclass(frozen=True)
class FileRead:
    """One file's outcome, everything `batch.read_one` learns: a worker process sends it back whole to the batch."""

    path: Path
    heading: Heading | None  # what the file is a report of; None where it failed
    warnings: list[str]
    error: ReportError | None
    reparsed: bool  # parsed anew rather than taken from the cache


@dataclass
class ParseResult:
    """What a batch parse wrote, and every error, each naming its file (and line where known)."""

    # (report, YAML file, the record or what the caller keeps of it: see batch.parse_reports)
    written: list[tuple[Path, Path, dict[str, Any]]] = field(default_factory=list)
    errors: list[ReportError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    reparsed: list[Path] = field(default_factory=list)  # reports parsed anew rather than taken from the cache
    files: dict[str, list[Path]] = field(default_factory=dict)  # record id → its input files, the main one first


@dataclass
class BuildResult:
    """What a build did, for the summary. A built record is in `budgets_dir`; `built` holds what the site-wide pages
    and the summary read of each (render.site.summary), so a build of any size holds no whole record."""

    budgets_dir: Path = Path()
    built: list[dict[str, Any]] = field(default_factory=list)
    failed: list[ReportError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    report_files: dict[str, Path] = field(default_factory=dict)
    more_files: dict[str, list[Path]] = field(default_factory=dict)  # a record's other input files (merge.py)
    reparsed: int = 0
    pages: int = 0

    @property
    def findings(self) -> int:
        return sum(len(record.get("findings") or ()) for record in self.built)
