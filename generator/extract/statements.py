"""Figures from the national template's standard tables, where their rows and columns say what they are.

Each figure is taken from the one table that states it for the whole department: 收支总表 for the totals and income
by source, 财政拨款收支总表 for 本年财政拨款收入, 支出总表's total row for 基本支出 and 项目支出, the “三公”经费表 for
its parts. A table row is trusted only as far as its own arithmetic holds (basic + project + the other spending
columns = the row's total; the 三公 parts = their total): a sub-total, a wrong column or a misplaced row then
gives nothing rather than a wrong figure.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.records import EconomicDetail, Evidence, Fact, Report
from generator.segment.statements import Cell, Row, Table
from generator.tolerance import agrees, sum_tolerance

# A row's numbering: "一、", "（一）", "1.", "(1)", and a part's "其中：".
NUMBERING = re.compile(
    r"^(?:其中[:：])?(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．])?"
)
# 收支总表 (and 财政拨款收支总表) rows by their label, as the national template words them.
SUMMARY_LABELS = {
    "totals.income": r"收入总计",
    "totals.expenditure": r"支出总计",
    "totals.current_income": r"本年收入合计",
    "totals.current_expenditure": r"本年支出合计",
    "totals.carryover_start": r"年初结转(?:和|及)?结余",
    "totals.carryover_end": r"年末结转(?:和|及)?结余",
    "income.fiscal": r"财政拨款(?:收入)?(?:合计)?",
    "income.general_budget": r"一般公共预算(?:财政)?(?:拨款)?(?:收入|资金)?",
    "income.gov_fund": r"政府性基金(?:预算)?(?:财政)?(?:拨款)?(?:收入|资金)?",
    "income.state_capital": r"国有资本经营(?:预算)?(?:财政)?(?:拨款)?(?:收入|资金)?",
    "income.special_account": r"财政专户管理资金(?:收入)?",
    "income.business": r"事业收入",
    "income.operating": r"事业单位经营收入",
    "income.superior_subsidy": r"上级补助收入",
    "income.affiliated": r"附属单位上缴收入",
    "income.other": r"其他收入",
    "income.carryover": r"上年结转(?:和|及)?结余|上年结转",
}
# 财政拨款收支总表: its 本年收入 is the year's 财政拨款收入, its first 一般公共预算 row that income's part.
FISCAL_LABELS = {
    "income.fiscal": r"本年收入(?:合计)?|财政拨款(?:收入)?(?:合计)?",
    "income.general_budget": SUMMARY_LABELS["income.general_budget"],
}
TOTAL_ROW = re.compile(r"合计|总计|支出合计|支出总计|本年支出合计")
# 支出总表 columns: the row's whole, its two main parts, and the template's other spending columns.
SPENDING_TOTAL = re.compile(r"合计|总计|支出总计|本年支出合计")
SPENDING_OTHER = re.compile(r"经营支出|上缴上级支出|附属单位补助支出")


def label_of(text: str) -> str:
    return NUMBERING.sub("", text.replace(" ", ""))


def table_facts(tables: tuple[Table, ...], year: int | None) -> dict[str, Fact]:
    """Every figure the standard tables state for the whole department, by its group and name
    ("income.general_budget", "totals.income")."""
    found: dict[str, Fact] = {}
    for table in tables:
        match table.kind:
            case "summary":
                add_new(found, labelled_facts(table, SUMMARY_LABELS))
            case "fiscal_summary":
                add_new(found, labelled_facts(table, FISCAL_LABELS))
            case "expenditure":
                add_new(found, spending_facts(table))
            case "three_public":
                add_new(found, three_public_facts(table, year))
    return found


def add_new(found: dict[str, Fact], facts: Iterator[tuple[str, Fact]]) -> None:
    for path, fact in facts:
        found.setdefault(path, fact)


def fact(cell: Cell, row: Row) -> Fact | None:
    """A cell's value with its row's line of the layout text as evidence; none where that line was not found."""
    return Fact(cell.value, Evidence(row.line, row.quote)) if row.line is not None else None


def labelled_facts(table: Table, labels: dict[str, str]) -> Iterator[tuple[str, Fact]]:
    """A two-sided summary table's figures by the label just before each: the first row with that label only,
    stated or blank (a later row of that name, under 上年结转, is another figure)."""
    patterns = {path: re.compile(pattern) for path, pattern in labels.items()}
    seen: set[str] = set()
    for row in table.rows:
        figures = dict(sole_figures(row))
        for label in row.labels:
            for path, pattern in patterns.items():
                if path not in seen and pattern.fullmatch(label_of(label)):
                    seen.add(path)
                    if label in figures and (found := fact(figures[label], row)) is not None:
                        yield path, found


def sole_figures(row: Row) -> Iterator[tuple[str, Cell]]:
    """Each label's figure where the label has exactly one (a label with two figures, say 上年 and 本年, is left)."""
    labels = [label for label, _ in row.pairs]
    for label, cell in row.pairs:
        if labels.count(label) == 1:
            yield label, cell


def spending_facts(table: Table) -> Iterator[tuple[str, Fact]]:
    """基本支出 and 项目支出 from the 支出总表's total row, where the row's columns add up to its total."""
    row = total_row(table)
    if row is None:
        return
    by_column = {cell.column[-1] if cell.column else "": cell for cell in row.cells}
    total = next((cell for name, cell in by_column.items() if SPENDING_TOTAL.fullmatch(name)), None)
    basic, project = by_column.get("基本支出"), by_column.get("项目支出")
    others = [cell for cell in row.cells if SPENDING_OTHER.search("".join(cell.column))]
    if total is None or basic is None or project is None:
        return
    if not adds_up(total.value, [cell.value for cell in (basic, project, *others)]):
        return
    for path, cell in (("expenditure.basic", basic), ("expenditure.project", project)):
        if (found := fact(cell, row)) is not None:
            yield path, found


def total_row(table: Table) -> Row | None:
    """The row for the whole: labelled 合计/总计, else the first row of figures before any coded row (a
    department's own name, or no label, heads the table in some templates)."""
    for row in table.rows:
        if row.cells and TOTAL_ROW.fullmatch(label_of(row.label)):
            return row
    for row in table.rows:
        if row.code is not None:
            return None
        if row.cells:
            return row
    return None


def three_public_facts(table: Table, year: int | None) -> Iterator[tuple[str, Fact]]:
    """The “三公”经费 of the year and its parts, where the parts it states add up to its total: a table laid out by
    columns (one row of figures, or its row of the year, or its 合计 row) or by rows (合计, 1、因公出国（境）费, …
    each with its one figure). A blank part is left out, not taken for 0."""
    facts = three_public_by_columns(table, year) or three_public_by_rows(table)
    total, vehicles = facts.get("total"), facts.get("vehicles")
    vehicle_parts = [facts[key] for key in ("vehicle_purchase", "vehicle_operation") if key in facts]
    if total is None or (vehicles is not None and vehicle_parts and not adds_up_facts(vehicles, vehicle_parts)):
        return
    parts = [facts[key] for key in ("outbound", "reception") if key in facts]
    parts += [vehicles] if vehicles is not None else vehicle_parts
    if not parts or not adds_up_facts(total, parts):
        return
    for key, found in facts.items():
        yield f"three_public.{key}", found


def three_public_by_columns(table: Table, year: int | None) -> dict[str, Fact]:
    row = three_public_row(table, year)
    if row is None:
        return {}
    return unique_keys((three_public_key(cell.column), cell, row) for cell in row.cells)


def three_public_by_rows(table: Table) -> dict[str, Fact]:
    rows = [row for row in table.rows if len(row.cells) == 1 and row.labels]
    return unique_keys((three_public_key((label_of(row.label),)), row.cells[0], row) for row in rows)


def unique_keys(keyed: Iterator[tuple[str | None, Cell, Row]]) -> dict[str, Fact]:
    """Figures by key, none where two cells claim one key (the columns or rows are then not understood)."""
    found: dict[str, Fact | None] = {}
    for key, cell, row in keyed:
        if key is not None:
            found[key] = None if key in found else fact(cell, row)
    if any(value is None for value in found.values()):
        return {}
    return {key: value for key, value in found.items() if value is not None}


def adds_up(whole: float, parts: list[float]) -> bool:
    return abs(sum(parts) - whole) <= sum_tolerance(len(parts))


def adds_up_facts(whole: Fact, parts: list[Fact]) -> bool:
    return adds_up(float(whole.value), [float(part.value) for part in parts])


def three_public_row(table: Table, year: int | None) -> Row | None:
    rows = [row for row in table.rows if row.cells]
    if len(rows) == 1:
        return rows[0]
    for row in rows:
        if TOTAL_ROW.fullmatch(label_of(row.label)) or (year is not None and row.label.startswith(f"{year}年")):
            return row
    return None


def three_public_key(column: tuple[str, ...]) -> str | None:
    """A “三公” column by its lowest header word, then the words over it ("公务用车购置及运行费" over "购置费")."""
    if not column:
        return None
    leaf, names = column[-1], "".join(column)
    if "因公出国" in leaf:
        return "outbound"
    if "接待" in leaf:
        return "reception"
    if ("购置" in leaf and "运行" in leaf) or (leaf == "小计" and "公务用车" in names):
        return "vehicles"
    if "购置" in leaf:
        return "vehicle_purchase"
    if "运行" in leaf:
        return "vehicle_operation"
    if ("合计" in leaf or "总计" in leaf or "总额" in leaf) and "公务用车" not in names:
        return "total"
    return None


# A 基本支出表 row's economic 款: the 部门 one ("30101-基本工资", or 30101 in a code column) and, in some templates,
# the 政府预算经济分类 one beside it ("50101-工资奖金津补贴").
DEPARTMENT_ITEM = re.compile(r"(?P<code>3\d{4})(?!\d)[-—－]?(?P<name>\D.*)")
GOVERNMENT_ITEM = re.compile(r"(?P<code>5\d{4})(?!\d)[-—－]?(?P<name>\D.*)")
FINAL_TOTALS = ("totals.income", "totals.expenditure")
BASIC_TABLES = ("general_basic", "basic")  # the 一般公共预算 one first, as the template lists it


def economic_details(tables: tuple[Table, ...]) -> list[EconomicDetail]:
    """The rows of the first 基本支出表 by economic 款: its amount, and the 人员经费 and 公用经费 it splits into where
    its columns say so and they add up to it."""
    table = next((table for kind in BASIC_TABLES for table in tables if table.kind == kind), None)
    if table is None:
        return []
    details: dict[str, EconomicDetail] = {}
    for row in table.rows:
        detail = economic_detail(row)
        if detail is not None:
            details.setdefault(detail.key, detail)  # a row repeated over a page break once
    return list(details.values())


def economic_detail(row: Row) -> EconomicDetail | None:
    item = department_item(row)
    if item is None or row.line is None:
        return None
    code, name = item
    by_column = {cell.column[-1] if cell.column else "": cell for cell in row.cells}
    amount = next((cell for column, cell in by_column.items() if SPENDING_TOTAL.fullmatch(column)), None)
    personnel, public = by_column.get("人员经费"), by_column.get("公用经费")
    parts = [cell.value for cell in (personnel, public) if cell is not None]
    if amount is None or len(by_column) != len(row.cells) or (parts and not adds_up(amount.value, parts)):
        return None
    gov_code = gov_name = None
    if row.code is not None and row.code.startswith("5") and row.labels:  # "50101-工资奖金津补贴" leading the row
        gov_code, gov_name = row.code, row.labels[0]
    for label in row.labels:
        if gov_code is None and (match := GOVERNMENT_ITEM.fullmatch(label)):
            gov_code, gov_name = match["code"], match["name"]
    return EconomicDetail(
        code=code,
        name=name,
        gov_code=gov_code,
        gov_name=gov_name,
        amount=fact(amount, row),
        personnel=fact(personnel, row) if personnel else None,
        public=fact(public, row) if public else None,
    )


def department_item(row: Row) -> tuple[str, str] | None:
    """The row's 部门 economic 款, by its code column or its "30101-基本工资" label."""
    if row.code is not None and len(row.code) == 5 and row.code.startswith("3") and row.labels:
        return row.code, row.labels[0]
    for label in row.labels:
        if match := DEPARTMENT_ITEM.fullmatch(label):
            return match["code"], match["name"]
    return None


def fill(report: Report, facts: dict[str, Fact]) -> None:
    """The tables' figures where the prose is silent; where both state one and agree, the table's row is evidence
    too. Where they differ, the table's figure stands (its row adds up, its label and column are the template's,
    where a sentence may be misread) and the prose's is kept in `report.restated`, which the text-vs-table check
    sets against it; but a final account's totals stay the prose's, which may name the year's own income
    收入总计 where its table counts the balances in."""
    for key, table_fact in facts.items():
        stated = report.fact_at(key)
        if stated is None:
            report.put_fact(key, table_fact)
        elif agrees(stated, table_fact):
            if stated.evidence != table_fact.evidence:  # not the table's own row, read by the prose rules too
                stated.also = table_fact.evidence
        elif report.kind == "final" and key in FINAL_TOTALS:
            report.restated[key] = table_fact  # a 决算's "收入总计" may be the year's own or with its balances
        else:
            report.put_fact(key, table_fact)
            report.restated[key] = stated
