"""Projects (项目) with their amount, category, code and 绩效目标 indicators.

Reports describe a project three ways, often together:
  - a prose block: a heading ("1、“调研活动经费”项目。", "外事专项经费（因公出国）项目") followed by "项目概述",
    "年度预算安排…万元" and sometimes indicators as prose ("数量指标：按时完成外事工作任务。");
  - a 项目支出绩效目标表: "项目名称", "年度资金总额", then rows of 一级/二级/三级指标 and 指标值, laid out with tabs,
    one cell per line, or both (the same table exported twice is counted once);
  - summary tables: the 项目支出表 ("其他运转类 | 档案办公经费 | … | 1.00") and the 绩效目标汇总表
    ("410711230000000009215 | 档案办公经费 | 1.00 | 1.00 | 查阅档案总成本 | ≤1万元 | …").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from itertools import pairwise

from generator.extract.patterns import AMOUNT, to_wan
from generator.read import Document
from generator.records import Evidence, Fact, Indicator, Project
from generator.segment.prose import Passage, squeeze
from generator.segment.sections import squeezed_lines

# "1、“政府办工作经费”项目。", "（1）“…”项目"; the quoted name is the project's.
QUOTED_HEADING = re.compile(r"^(?:\d+[、.]|[（(]\d+[）)])?“(?P<name>[^”]+)”(?:项目)?[。.]?$")
# "1.外事专项经费（因公出国）项目", "综治专项经费及政务公开经费项目", Shanghai's "XX项目经费情况说明" and
# "科技创新专项经费情况说明".
BARE_HEADING = re.compile(
    r"^(?:\d+[、.])?(?P<name>[\u4e00-\u9fa5（）()、A-Za-z0-9]{2,60}?)(?:项目经费情况说明|项目情况说明|情况说明|项目)[。.]?$"
)
OVERVIEW = re.compile(r"^(?:[（(]?\d+[）)、.]|[一二三四五六七八九十]+、)?项目概述")
# "（6）年度预算安排。52.5万元。", "年度预算安排：2024年安排财政拨款40万元", "（6）年度预算安排。25万", and the amount
# on the next line: "六、年度预算安排" / "2025年度项目总预算1720.00万，其中…".
BUDGET = re.compile(r"年度预算安排[。.:：]?\n?(?:20\d\d年度?)?(?:项目)?(?:总预算|安排)?(?:为)?(?:财政拨款|资金)?(?=\d)")
LEVEL1 = ("产出指标", "效益指标", "满意度指标", "成本指标")
LEVEL2 = (
    "数量指标", "质量指标", "时效指标", "成本指标", "经济成本指标", "社会成本指标", "生态环境成本指标",
    "经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标", "满意度指标", "服务对象满意度指标",
)  # fmt: skip
# Indicators written as prose: "数量指标：按时完成外事工作任务。".
PROSE_INDICATOR = re.compile(rf"^(?P<level2>{'|'.join(LEVEL2)})[：:](?P<value>.+?)[。；;]?$")
TABLE_NAME_CELL = "项目名称"
TABLE_LABELS = re.compile(
    r"^(?:主管部门|实施单位|项目来源|项目期|项目资金|年度|目标|绩|效|指|标|一级|二级指标|三级指标|指标值)"
)
FUNDS_CELL = re.compile(r"^年度资金总额[：:]?")
# 绩效目标汇总表 rows start with a long project code.
PROJECT_CODE = re.compile(r"^\d{12,}$")
# 项目支出表 rows start with the project's category: "其他运转类", "特定目标类", "专项业务类".
CATEGORY = re.compile(r"^[\u4e00-\u9fa5]{2,8}类$")
FIGURE = re.compile(r"^-?\d[\d,]*(?:\.\d+)?$")


@dataclass
class Table:
    """One 项目支出绩效目标表 as read: its name (when it states one next to 项目名称), funds and indicators."""

    line: int
    name: str | None = None
    amount: Fact | None = None
    indicators: list[Indicator] = field(default_factory=list)


def table_cells(document: Document, first: int, last: int) -> list[tuple[int, str]]:
    """The cells of lines first..last: tab-separated, else space-separated (the one-cell-per-line export)."""
    found: list[tuple[int, str]] = []
    for line in document.lines[first - 1 : last]:
        parts = line.text.split("\t") if "\t" in line.text else line.text.split()
        found += [(line.no, squeeze(part)) for part in parts if part.strip()]
    return found


def indicators_of(cells: list[tuple[int, str]]) -> list[Indicator]:
    """Level labels, then name and value: a label followed by another label is the 一级 of what follows."""
    result: list[Indicator] = []
    level1: str | None = None
    index = 0
    while index < len(cells):
        _, cell = cells[index]
        following = cells[index + 1][1] if index + 1 < len(cells) else ""
        if cell in LEVEL1 and following in LEVEL2:
            level1 = cell
            index += 1
        elif cell in LEVEL2 and index + 2 < len(cells):
            line, value = cells[index + 2]
            result.append(Indicator(value=value, level1=level1, level2=cell, name=cells[index + 1][1], line=line))
            index += 3
        else:
            index += 1
    return result


def performance_tables(document: Document) -> list[Table]:
    starts = [line.no for line in document.lines if line.text.split()[:1] == [TABLE_NAME_CELL]]
    tables: list[Table] = []
    for position, start in enumerate(starts):
        end = starts[position + 1] - 1 if position + 1 < len(starts) else len(document.lines)
        cells = table_cells(document, start, end)
        table = Table(line=start)
        after_name = cells[1][1] if len(cells) > 1 else ""
        if after_name and not TABLE_LABELS.match(after_name):
            table.name = after_name
        for index, (no, cell) in enumerate(cells):
            if FUNDS_CELL.match(cell):
                rest = FUNDS_CELL.sub("", cell) or (cells[index + 1][1] if index + 1 < len(cells) else "")
                amount = AMOUNT.match(rest + ("" if rest.endswith(("元", "万")) else "万元"))
                if amount:
                    table.amount = Fact(to_wan(amount["num"], amount["unit"]), Evidence(no, f"年度资金总额：{rest}"))
                break
        table.indicators = indicators_of(cells)
        if table.name is None and any(same_indicators(table, other) for other in tables):
            continue  # the same table exported a second time
        tables.append(table)
    return tables


def same_indicators(one: Table, other: Table) -> bool:
    def key(table: Table) -> list[tuple[str | None, str]]:
        return [(item.name, item.value) for item in table.indicators]

    return bool(one.indicators) and key(one) == key(other)


def prose_projects(document: Document, passage: Passage) -> list[tuple[Project, int, int]]:
    """Projects with a heading over a 项目概述 line, with the line span of their block."""
    lines = squeezed_lines(document)
    heads: list[tuple[int, str]] = []
    for index, (_, text) in enumerate(lines):
        if not OVERVIEW.match(text) or index == 0:
            continue
        heading_no, heading = lines[index - 1]
        match = QUOTED_HEADING.match(heading) or BARE_HEADING.match(heading)
        if match:
            heads.append((heading_no, match["name"]))
    projects: list[tuple[Project, int, int]] = []
    for position, (start, name) in enumerate(heads):
        end = heads[position + 1][0] - 1 if position + 1 < len(heads) else next_section(lines, start)
        project = Project(name=name)
        block = [(no, text) for no, text in lines if start < no <= end]
        for (no, text), (next_no, next_text) in pairwise([*block, (end, "")]):
            budget = BUDGET.search(f"{text}\n{next_text}")
            amount = AMOUNT.match(f"{text}\n{next_text}", budget.end()) if budget else None
            if amount and project.amount is None:
                where = (no, text) if amount.start() <= len(text) else (next_no, next_text)
                project.amount = Fact(to_wan(amount["num"], amount["unit"]), Evidence(*where))
            indicator = PROSE_INDICATOR.match(text)
            if indicator:
                project.indicators.append(Indicator(value=indicator["value"], level2=indicator["level2"], line=no))
        projects.append((project, start, end))
    return projects


def next_section(lines: tuple[tuple[int, str], ...], start: int) -> int:
    """The last line of a project block: before the next （二）-level heading or 第X部分 after it."""
    for no, text in lines:
        if no > start and re.match(r"^(?:[（(][一二三四五六七八九十]+[）)]|第[一二三四五六七八九十]+部分)", text):
            return no - 1
    return lines[-1][0] if lines else start


def summary_rows(document: Document) -> tuple[list[Project], dict[str, str]]:
    """Projects of the 绩效目标汇总表 and the categories of the 项目支出表 (name prefix → category)."""
    projects: list[Project] = []
    categories: dict[str, str] = {}
    current: Project | None = None
    for line in document.lines:
        if "\t" not in line.text:
            current = None if line.text.strip() and not line.text.startswith("\t") else current
            continue
        cells = [squeeze(cell) for cell in line.text.split("\t") if cell.strip()]
        if not cells:
            continue
        if CATEGORY.match(cells[0]) and len(cells) >= 3:
            categories[cells[1]] = cells[0]
            continue
        if PROJECT_CODE.match(cells[0]) and len(cells) >= 3:
            figures = [cell for cell in cells[2:] if FIGURE.match(cell)]
            current = Project(name=cells[1], code=cells[0])
            if figures:
                current.amount = Fact(float(figures[0]), Evidence(line.no, " ".join(cells[:3])))
            pairs = cells[2 + len(figures) :] if all(FIGURE.match(c) for c in cells[2 : 2 + len(figures)]) else []
            add_pairs(current, pairs, line.no)
            projects.append(current)
        elif current is not None and not FIGURE.match(cells[0]):
            add_pairs(current, cells, line.no)
    return projects, categories


def add_pairs(project: Project, cells: list[str], line: int) -> None:
    for name, value in zip(cells[::2], cells[1::2], strict=False):
        project.indicators.append(Indicator(value=value, name=name, line=line))


def matches(short: str, long: str) -> bool:
    """Names that are one project: equal, or one cut short by a table column."""
    short, long = unicodedata.normalize("NFKC", short), unicodedata.normalize("NFKC", long)
    return bool(short) and bool(long) and (long.startswith(short) or short.startswith(long))


def projects(document: Document, passage: Passage) -> list[Project]:
    found = prose_projects(document, passage)
    result = [project for project, _, _ in found]
    for table in performance_tables(document):
        owner = next((p for p in result if table.name and matches(squeeze(p.name), table.name)), None)
        if owner is None and table.name is None:
            owner = next((p for p, start, end in found if start <= table.line <= end), None)
        if owner is None and table.name is None:
            continue
        if owner is None:
            owner = Project(name=table.name or "")
            result.append(owner)
        owner.amount = owner.amount or table.amount
        if not owner.indicators:
            owner.indicators = table.indicators
    summary, categories = summary_rows(document)
    for row in summary:
        owner = next((p for p in result if matches(p.name, row.name)), None)
        if owner is None:
            result.append(row)
            owner = row
        else:
            owner.code = owner.code or row.code
            owner.amount = owner.amount or row.amount
            owner.indicators = owner.indicators or row.indicators
    for project in result:
        project.category = project.category or next(
            (category for prefix, category in categories.items() if matches(prefix, project.name)), None
        )
    for prefix, category in categories.items():
        if not any(matches(prefix, project.name) for project in result):
            result.append(Project(name=prefix, category=category))
    return result
