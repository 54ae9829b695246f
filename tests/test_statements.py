"""The national template's standard tables, rebuilt from a PDF's positioned words, and the figures they give."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.check.agreement import text_vs_table
from generator.extract import statements
from generator.extract.patterns import find_labelled
from generator.extract.totals import EXPENDITURE_LABELS, expenditure
from generator.read import Document, Line, read_report
from generator.read.pdf import PageWords, Word
from generator.records import Department, Evidence, Fact, Figure, Report
from generator.render.figures import Citer
from generator.segment.layout import layout
from generator.segment.statements import standard_tables, title_kind
from tests.conftest import SHARED

REAL = SHARED / "corpus" / "real"
needs_real = pytest.mark.skipif(
    not REAL.is_dir() or shutil.which("pdftotext") is None, reason="../shared/corpus/real or pdftotext is missing"
)


def real(stem: str) -> Document:
    return read_report(REAL / f"{stem}.pdf")


def words_page(rows: list[list[tuple[str, float, float]]]) -> PageWords:
    """A made-up page: each row's words as (text, x0, x1), rows 20 points apart."""
    words = tuple(
        Word(text, x0, 100 + 20 * index, x1, 110 + 20 * index)
        for index, row in enumerate(rows)
        for text, x0, x1 in row
    )
    return PageWords(1, words)


def document_of(page: PageWords, lines: list[str]) -> Document:
    return Document(
        path=Path("made-up.pdf"),
        sha256="",
        lines=tuple(Line(no, text) for no, text in enumerate(lines, start=1)),
        page_starts=(1,),
        pages=(page,),
    )


def test_blank_cell_stays_blank_by_its_column():
    """A row with its 基本支出 blank: the layout text shows two figures side by side, the words' places show
    which columns they are in (a 支出总表 row of 苏州's 2026 report, where 2140104 公路建设 has no 基本支出)."""
    page = words_page([
        [("支出总表", 250, 300)],
        [("单位：万元", 450, 500)],
        [("科目编码", 20, 60), ("科目名称", 100, 140), ("合计", 220, 240), ("基本支出", 300, 340), ("项目支出", 400, 440)],
        [("2140104", 20, 55), ("公路建设", 100, 140), ("4,397.01", 200, 240), ("4,397.01", 400, 440)],
    ])
    lines = ["支出总表", "单位：万元", "科目编码 科目名称 合计 基本支出 项目支出", "2140104 公路建设 4,397.01 4,397.01"]
    (table,) = standard_tables(document_of(page, lines))
    (row,) = table.rows
    assert (table.kind, table.unit, row.code, row.label) == ("expenditure", "万元", "2140104", "公路建设")
    assert [(cell.value, cell.column) for cell in row.cells] == [(4397.01, ("合计",)), (4397.01, ("项目支出",))]
    assert (row.line, row.quote) == (4, "2140104 公路建设 4,397.01 4,397.01")


def test_a_table_of_contents_is_no_table():
    """The contents list the tables' titles with no 单位 line under them."""
    page = words_page([[("一、收支总表", 20, 80)], [("二、收入总表", 20, 80)], [("三、支出总表", 20, 80)]])
    assert standard_tables(document_of(page, ["一、收支总表", "二、收入总表", "三、支出总表"])) == ()


def test_three_public_parts_must_add_up():
    """A 三公 table whose parts do not add up to its total gives no figure at all: its columns are not understood."""
    rows = [
        [("“三公”经费支出表", 200, 320)],
        [("单位：万元", 450, 500)],
        [("合计", 50, 70), ("因公出国（境）费", 120, 200), ("公务用车购置及运行费", 220, 330), ("公务接待费", 350, 400)],
        [("19.50", 40, 70), ("0.00", 160, 200), ("17.50", 300, 330), ("3.00", 370, 400)],
    ]
    lines = ["“三公”经费支出表", "单位：万元", "合计 因公出国（境）费 公务用车购置及运行费 公务接待费", "19.50 0.00 17.50 3.00"]
    tables = standard_tables(document_of(words_page(rows), lines))
    assert dict(statements.table_facts(tables, 2026)) == {}
    rows[-1][-1] = ("2.00", 370, 400)
    lines[-1] = "19.50 0.00 17.50 2.00"
    tables = standard_tables(document_of(words_page(rows), lines))
    found = statements.table_facts(tables, 2026)
    assert {key: fact.value for key, fact in found.items()} == {
        "three_public.total": 19.5, "three_public.outbound": 0, "three_public.vehicles": 17.5,
        "three_public.reception": 2,
    }  # fmt: skip


@needs_real
def test_tables_of_a_real_report():
    """苏州市交通运输局 2026: the template's tables by their titles, in 万元, continued across pages."""
    tables = standard_tables(real("rw-js-suz-2026-budget-1f31a438"))
    kinds = [table.kind for table in tables]
    assert kinds[:4] == ["summary", "income", "expenditure", "fiscal_summary"]
    assert {table.unit for table in tables} == {"万元"}
    spending = tables[2]
    codes = [row.code for row in spending.rows if row.code]
    assert "2149901" in codes and "2210203" in codes, "the 支出总表 runs on over its next page"
    total = next(row for row in spending.rows if row.label == "合计")
    assert [(cell.text, cell.column[-1]) for cell in total.cells] == [
        ("249,977.11", "合计"), ("29,606.33", "基本支出"), ("220,370.78", "项目支出"),
    ]  # fmt: skip


@needs_real
def test_headline_figures_from_real_tables():
    """深圳's 支出总表 heads its figures with the unit's name, wrapped over three lines, not 合计; 福州's 三公 table
    lists its parts as rows; 上海's tables are in 元."""
    shenzhen = statements.table_facts(standard_tables(real("rw-gd-sz-2026-budget-ccbe61e1")), 2026)
    assert {key: shenzhen[key].value for key in ("expenditure.basic", "expenditure.project", "income.fiscal")} == {
        "expenditure.basic": 2648.89, "expenditure.project": 1856.92, "income.fiscal": 4310.31,
    }  # fmt: skip
    assert "4,505.81 2,648.89 1,856.92" in shenzhen["expenditure.basic"].evidence.quote
    fuzhou = statements.table_facts(standard_tables(real("rw-fj-fz-2026-budget-unit-6d7eb4cc")), 2026)
    assert fuzhou["three_public.total"].value == 19.5 and fuzhou["three_public.vehicle_operation"].value == 17.5
    shanghai = statements.table_facts(standard_tables(real("rw-sh-2026-budget-unit-0afcacdd")), 2026)
    assert shanghai["income.general_budget"].value == 3129.5  # "1、一般公共预算 31,295,000" in 元
    assert shanghai["income.general_budget"].evidence.quote.startswith("1、一般公共预算 31,295,000")


def report_with(basic: Fact | None) -> Report:
    report = Report(id="made-up-2026", source_file="made-up.pdf", sha256="", department=Department(name="某局"))
    if basic is not None:
        report.expenditure["basic"] = Figure(amount=basic)
    return report


def test_fill_where_the_prose_is_silent_agrees_or_differs():
    table = Fact(2648.89, Evidence(720, "4,505.81 2,648.89 1,856.92"))
    silent = report_with(None)
    statements.fill(silent, {"expenditure.basic": table})
    assert silent.expenditure["basic"].amount is table and list(text_vs_table(silent)) == []

    agreeing = report_with(Fact(2648.89, Evidence(260, "（四）基本支出 2,648.89 万元")))
    statements.fill(agreeing, {"expenditure.basic": table})
    assert agreeing.expenditure["basic"].amount.also == table.evidence and list(text_vs_table(agreeing)) == []

    misread = Fact(88.05, Evidence(227, "1.基本支出增加88.05万元"))
    differing = report_with(misread)
    statements.fill(differing, {"expenditure.basic": table})
    assert differing.expenditure["basic"].amount is table
    (finding,) = text_vs_table(differing)
    assert (finding.rule, finding.severity, finding.lines) == ("text-vs-table", "info", [227, 720])


def test_an_increase_is_not_the_amount(passage):
    """A real sentence of 深圳's: the 88.05万元 after 基本支出增加 is a change, not 基本支出."""
    text = "预算收支减少主要原因说明：1.基本支出增加88.05万元，主要由于2026年在编人员数量增加。"
    assert find_labelled(passage(text), EXPENDITURE_LABELS)["basic"] == []


def test_some_staff_costs_are_not_all_personnel_costs(passage):
    """深圳's 基本支出 lists 在职人员经费 beside 对个人和家庭的补助 and 增人增资, and a project's 编外人员经费: neither
    is the 人员经费 of 基本支出."""
    text = "基本支出9,464.34万元，包括在职人员经费7,678.47万元、公用经费684.91万元、对个人和家庭的补助支出1,040.96万元。"
    found = find_labelled(passage(text), EXPENDITURE_LABELS)
    assert found["personnel"] == [] and found["public"][0].figure.amount.value == 684.91
    outside_staff = "4.其他司法行政业务 477.34 万元，主要包括：编外人员经费 89.42 万元，用于支付市编办下达的员额工资等"
    assert find_labelled(passage(outside_staff), EXPENDITURE_LABELS)["personnel"] == []
    assert find_labelled(passage("基本支出1,200万元，其中：人员经费1,000万元"), EXPENDITURE_LABELS)["personnel"]


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("预算01表 收支总表", "summary"),
        ("公开 04 表 财政拨款收支总表", "fiscal_summary"),
        ("预算05表 一般公共预算支出表", "general"),
        ("预算06表 一般公共预算基本支出表", "general_basic"),
        ("表1：高等学校收支决算总表", "summary"),
        ("西南大学支出预算表", "expenditure"),
        ("2026年预算单位支出预算总表", "expenditure"),
        ("三、支出预算总表", "expenditure"),
        ("财政拨款支出表（功能科目）", "other"),  # a part of the department's spending, not the whole
        ("政府采购支出表", "other"),
        ("一般公共预算机关运行经费支出预算表", "other"),
        ("预算表12 项目支出绩效目标表", "other"),
        ("十、一般公共预算“三公”经费支出预算表", "three_public"),
        ("一、部门预算编制说明", None),
        ("我单位2026年收支预算总表反映了全部收支，具体如下表。", None),
    ],
)
def test_titles_of_real_tables(title, kind):
    """Titles as the corpus's reports print them (北京, 苏州, 福州, 深圳, 上海, 西南大学)."""
    words = [Word(text, 10 * index, 0, 10 * index + 9, 10) for index, text in enumerate(title.split())]
    assert title_kind(words) == kind


def test_a_parts_heading_over_a_title_is_no_table():
    """西南大学 2021 heads its tables "二、部门预算报表", with the first table's title on the next row."""
    page = words_page([
        [("二、部门预算报表", 20, 120)],
        [("西南大学收支预算总表", 200, 330)],
        [("单位：万元", 450, 500)],
        [("项目", 20, 60), ("预算数", 200, 240)],
        [("收入总计", 20, 60), ("490,808.40", 190, 240)],
    ])
    lines = ["二、部门预算报表", "西南大学收支预算总表", "单位：万元", "项目 预算数", "收入总计 490,808.40"]
    (table,) = standard_tables(document_of(page, lines))
    assert (table.kind, table.title, [row.label for row in table.rows]) == ("summary", "西南大学收支预算总表", ["收入总计"])


def test_a_classs_uses_are_not_the_departments_spending(make_report):
    """上海水产老干部活动室: the 人员经费 and 公用经费 a 科目 "主要用于" are that 科目's, not the unit's; the unit's
    own sentence still gives them."""
    of_a_class = make_report("2.“农林水支出”科目83万元，主要用于主要用于人员经费18万元、公用经费58万元、项目支出7万元。")
    assert expenditure(layout(of_a_class)) == {}
    own = make_report("基本支出80万元，其中：人员经费22万元、公用经费58万元。")
    assert set(expenditure(layout(own))) == {"basic", "personnel", "public"}


def test_a_figure_cites_its_sentence_and_its_table_row():
    """Where prose and table agree, the page links both lines, each by its page as a reader of the PDF finds it."""
    evidence = {
        "expenditure.basic.amount": {
            "line": 260, "page": 8, "page_line": 40, "quote": "（四）基本支出 2,648.89 万元",
            "table": {"line": 720, "page": 20, "page_line": 17, "quote": "4,505.81 2,648.89 1,856.92"},
        }
    }  # fmt: skip
    cites = Citer(evidence, "source/").cites(["expenditure.basic.amount"])
    assert [(cite.where, cite.href) for cite in cites] == [
        ("第8页第40行", "source/#L260"), ("第20页第17行", "source/#L720"),
    ]  # fmt: skip


def test_a_label_spaced_out_across_its_cell_is_one_label():
    """西南大学's 收支预算总表 spaces its totals' labels out: "收 入 总 计 557,259.13 支 出 总 计 557,259.13"."""
    row = [("收", 20, 30), ("入", 50, 60), ("总", 80, 90), ("计", 110, 120), ("557,259.13", 200, 250)]
    row += [("支", 300, 310), ("出", 330, 340), ("总", 360, 370), ("计", 390, 400), ("557,259.13", 480, 530)]
    page = words_page([[("收支预算总表", 200, 280)], [("单位：万元", 450, 500)], row])
    lines = ["收支预算总表", "单位：万元", "收 入 总 计 557,259.13 支 出 总 计 557,259.13"]
    found = statements.table_facts(standard_tables(document_of(page, lines)), 2023)
    assert (found["totals.income"].value, found["totals.expenditure"].value) == (557259.13, 557259.13)


@needs_real
def test_basic_spending_rows_by_economic_item():
    """北京's 预算06表 pairs each 部门 款 with its 政府 款 ("50201-办公经费 30201-办公费 29.100000 [blank] 29.100000"):
    the blank 人员经费 stays blank, the 公用经费 is the column's; a 7-digit sub-item (3021101-差旅费) is no 款."""
    details = {detail.code: detail for detail in statements.economic_details(layout(real("rw-bj-2026-budget-tables-04dfdd9a")).tables)}
    office = details["30201"]
    assert (office.name, office.gov_code, office.gov_name) == ("办公费", "50201", "办公经费")
    assert (office.amount.value, office.personnel, office.public.value) == (29.1, None, 29.1)
    assert details["30101"].personnel.value == 607.2792 and details["30101"].public is None
    assert not any(len(code) != 5 for code in details)
    suzhou = statements.economic_details(layout(real("rw-js-suz-2026-budget-1f31a438")).tables)
    assert suzhou[0].code == "30101" and suzhou[0].amount.value == 3389.57 and suzhou[0].gov_code is None


def test_a_final_accounts_totals_stay_the_proses():
    """西南大学's 决算 calls the year's own income its 收入总计 (477,447.73), where a 决算总表 may count the balances
    in (609,139.01): two meanings of one word, so the prose's stays and the note shows both."""
    report = report_with(None)
    report.kind = "final"
    report.totals.income = Fact(477447.73, Evidence(379, "2024年度收入总计477,447.73万元"))
    statements.fill(report, {"totals.income": Fact(609139.01, Evidence(190, "收入总计 609,139.01 支出总计 609,139.01"))})
    assert report.totals.income.value == 477447.73
    (finding,) = text_vs_table(report)
    assert finding.lines == [190, 379]
