"""Each check rule on real figures from the seeds, and on made-up reports that do and don't break it."""

from __future__ import annotations

from functools import cache

import pytest

from generator.check import changes, codes, conflicts, shares, sums
from generator.pipeline import parse_report
from generator.records import (
    Change,
    Department,
    EconomicClass,
    Evidence,
    Fact,
    Figure,
    FunctionClass,
    LineItem,
    ManagedProjects,
    Project,
    Report,
    Totals,
)
from generator.tolerance import TRUNCATED, half_unit, pct_off, printed_rounding
from tests.conftest import seed


@cache
def real(prefix: str) -> Report:
    return parse_report(seed(prefix))


def fact(value, line: int = 1) -> Fact:
    return Fact(value, Evidence(line, f"第{line}行"))


def figure(amount, share=None, change=None, pct=None) -> Figure:
    stated = Change(fact(change) if change is not None else None, fact(pct) if pct is not None else None)
    return Figure(
        amount=fact(amount),
        share=fact(share) if share is not None else None,
        change=stated if change is not None or pct is not None else None,
    )


def report(**fields) -> Report:
    return Report(
        id="somewhere-dept-2024", source_file="made-up.txt", sha256="", department=Department("某区某局"), **fields
    )


def totals(expenditure=None, income=None, change=None, pct=None) -> Totals:
    stated = Change(fact(change) if change is not None else None, fact(pct) if pct is not None else None)
    return Totals(
        income=fact(income) if income is not None else None,
        expenditure=fact(expenditure) if expenditure is not None else None,
        change=stated if change is not None or pct is not None else None,
    )


def by_severity(findings) -> dict[str, list]:
    found: dict[str, list] = {"error": [], "warning": [], "info": []}
    for each in findings:
        found[each.severity].append(each)
    return found


# Rounding


@pytest.mark.parametrize(("pct", "unit"), [(8.3, 0.05), (12, 0.5), (17.91, 0.005), (0.4, 0.05)])
def test_half_unit_is_half_the_last_printed_decimal(pct, unit):
    assert half_unit(pct) == pytest.approx(unit)


def test_percentages_within_rounding_truncation_and_beyond():
    """5.29 / 43.34 = 12.206 %: 12.21 agrees, 12.2 (cut off) is a slip, 17.91 a contradiction (004)."""
    assert pct_off(-12.21, -5.29, 43.34) is None
    assert pct_off(-12.2, -5.29, 43.34) is None  # 12.2 ± 0.05 holds it
    assert pct_off(-52.06, -277, 532) == TRUNCATED  # 52.0677 cut to 52.06 (000)
    assert pct_off(-17.91, -5.29, 43.34) == "beyond"
    assert pct_off(100, 5, 0) is None  # no base last year: no percentage to check


# Sums


def test_basic_plus_project_on_the_seed_that_breaks_it():
    """001: 基本支出 393.98 + 项目支出 48.5 = 442.48, but 支出预算总额 462.48."""
    [found] = sums.basic_plus_project(real("001"))
    assert found.severity == "error"
    assert found.figures == ["expenditure.basic.amount", "expenditure.project.amount", "totals.expenditure"]
    assert "相差20万元" in found.message and "442.48万元" in found.message
    assert found.lines == [33, 35, 37]


def test_basic_plus_project_holds_on_the_seeds_that_add_up():
    for prefix in ("000", "002", "003", "004"):
        assert list(sums.basic_plus_project(real(prefix))) == []


def test_a_final_accounts_parts_are_held_to_the_years_own_totals():
    """A 决算's 支出总计 1000 counts 年末结转和结余; 基本支出 600 + 项目支出 350 add up to 本年支出合计 950, and the
    sources to 本年收入合计: no finding. Parts over the year's total are still an error."""
    year = Totals(
        income=fact(1000), expenditure=fact(1000), current_income=fact(900), current_expenditure=fact(950)
    )
    final = report(
        kind="final",
        totals=year,
        expenditure={"basic": figure(600), "project": figure(350)},
        income={"general_budget": figure(850), "other": figure(50)},
    )
    assert list(sums.basic_plus_project(final)) == [] and list(sums.income_sources_sum(final)) == []
    final.expenditure["project"] = figure(400)
    [over] = sums.basic_plus_project(final)
    assert over.severity == "error" and "本年支出合计950万元" in over.message
    assert over.figures[-1] == "totals.current_expenditure"


@pytest.mark.parametrize(
    ("basic", "project", "total", "severity"),
    [
        (100, 50, 150, None),
        (100.01, 50.01, 150, "warning"),  # 0.02 off over two terms: rounding, not a contradiction
        (100, 50, 150.03, "error"),
        (100, 50, 170, "error"),
    ],
)
def test_basic_plus_project_rounding(basic, project, total, severity):
    found = list(
        sums.basic_plus_project(
            report(totals=totals(total), expenditure={"basic": figure(basic), "project": figure(project)})
        )
    )
    assert [f.severity for f in found] == ([severity] if severity else [])


def test_a_total_printed_rounded_is_compared_at_its_rounding():
    """A 单位预算 prints 支出预算 in whole 万元 ("支出预算723万元") and its table in 元 (696.3086 + 27 = 723.3086): no
    contradiction; the same total printed to the 分 would be one."""
    said = "支出预算723万元，其中：财政拨款支出预算723万元，比2025年预算减少85万元"
    row = "合计 7,233,086 6,963,086 270,000"
    spending = {"basic": Figure(Fact(696.3086, Evidence(163, row))), "project": Figure(Fact(27.0, Evidence(163, row)))}
    rounded = report(totals=Totals(expenditure=Fact(723.0, Evidence(73, said))), expenditure=spending)
    assert list(sums.basic_plus_project(rounded)) == []
    exact = said.replace("723万元", "723.00万元")
    printed_exactly = report(totals=Totals(expenditure=Fact(723.0, Evidence(73, exact))), expenditure=spending)
    assert [f.severity for f in sums.basic_plus_project(printed_exactly)] == ["error"]
    assert printed_rounding(Fact(723.0, Evidence(73, said))) == pytest.approx(0.5)
    assert printed_rounding(Fact(27.0, Evidence(163, row))) == pytest.approx(0.005)  # 元, exact in 万元


def test_a_budgets_spending_may_count_the_balance_it_keeps():
    """A 预算's 支出预算 97851.51 = 基本支出 46714.52 + 项目支出 50254.78 + "（三）年终结转结余资金882.21万元"."""
    kept = Fact(882.21, Evidence(189, "（三）年终结转结余资金882.21万元。"))
    spending = {"basic": figure(46714.52), "project": figure(50254.78)}
    made_up = report(totals=Totals(expenditure=fact(97851.51), carryover_end=kept), expenditure=spending)
    assert list(sums.basic_plus_project(made_up)) == []
    made_up.totals.carryover_end = None
    [found] = sums.basic_plus_project(made_up)
    assert found.severity == "error"


def test_a_final_accounts_grand_total_may_hold_more_than_its_parts():
    """A 决算's 收入支出总计 also counts 年末结转和结余, which the report may not state: info, not error."""
    made_up = report(kind="final", totals=totals(170), expenditure={"basic": figure(100), "project": figure(50)})
    assert [f.severity for f in sums.basic_plus_project(made_up)] == ["info"]
    made_up.totals = totals(140)
    assert [f.severity for f in sums.basic_plus_project(made_up)] == ["error"]


def test_income_sources_on_the_seed_that_breaks_it():
    """001: 财政拨款收入 442.48 and two sources of 0, against 收入预算总额 462.48."""
    [found] = sums.income_sources_sum(real("001"))
    assert found.severity == "error"
    assert found.figures[-1] == "totals.income" and "income.fiscal.amount" in found.figures


def test_income_sources_count_carryover_either_way():
    agrees = report(totals=totals(income=100), income={"fiscal": figure(90), "carryover": figure(10)})
    assert list(sums.income_sources_sum(agrees)) == []
    without = report(totals=totals(income=90), income={"fiscal": figure(90), "carryover": figure(10)})
    assert list(sums.income_sources_sum(without)) == []
    short = report(totals=totals(income=100), income={"fiscal": figure(90), "other": figure(5)})
    assert [f.severity for f in sums.income_sources_sum(short)] == ["error"]


def test_income_sources_asserted_only_when_listed_under_their_total():
    """The genre lists its sources under the total ("收入预算总额462.48万元，其中：…"); sources found pages away may
    be a project's funds (rw-gd-sz: "其中：一般公共预算 117,921.68 万元" of a 污水处理费), so their miss is a note."""
    year = Totals(income=fact(857510.70, line=2742))
    scattered = report(totals=year, income={"general_budget": figure(117921.68), "gov_fund": figure(35927.64)})
    scattered.income["general_budget"].amount = fact(117921.68, line=439)
    scattered.income["gov_fund"].amount = fact(35927.64, line=468)
    [found] = sums.income_sources_sum(scattered)
    assert found.severity == "info"
    scattered.complete_lists.add("income")  # read off the whole 收入总表
    assert [f.severity for f in sums.income_sources_sum(scattered)] == ["error"]


def test_income_sources_do_not_count_fiscal_and_its_parts_twice():
    made_up = report(
        totals=totals(income=100),
        income={"fiscal": figure(95), "general_budget": figure(95), "other": figure(5)},
    )
    assert list(sums.income_sources_sum(made_up)) == []


def test_functions_sum_on_seeds_is_rounding_only():
    """000: 539.80 + 50.67 + 20.01 + 47.41 = 657.89 against 657.88: a rounding warning."""
    assert [f.severity for f in sums.functions_sum(real("000"))] == ["warning"]
    assert list(sums.functions_sum(real("004"))) == []


def test_functions_sum_against_any_total_they_may_break_down():
    classes = [FunctionClass("一般公共服务支出", "201", fact(60)), FunctionClass("教育支出", "205", fact(30))]
    of_fiscal = report(totals=totals(100), income={"fiscal": figure(90)}, functions=classes)
    assert list(sums.functions_sum(of_fiscal)) == []
    of_nothing = report(totals=totals(100), functions=classes, complete_lists={"functions"})
    [found] = sums.functions_sum(of_nothing)
    assert found.severity == "error" and found.figures[-1] == "totals.expenditure"


def test_a_list_not_known_whole_misses_its_total_as_a_note():
    """Prose naming some 类 (or 项) of a table that lists them all: their sum falls short of the total without any
    contradiction, so only a list the parse knows whole (a whole table, a stated count) asserts its sum."""
    classes = [FunctionClass("一般公共服务支出", "201", fact(60)), FunctionClass("教育支出", "205", fact(30))]
    [found] = sums.functions_sum(report(totals=totals(100), functions=classes))
    assert found.severity == "info" and sums.INCOMPLETE_NOTE in found.message
    too_much = [*classes, FunctionClass("科学技术支出", "206", fact(20))]
    assert [f.severity for f in sums.functions_sum(report(totals=totals(100), functions=too_much))] == ["info"]


def test_line_items_sum_on_seed_is_rounding_only():
    """000: 一般公共服务支出 items 539.81 against 539.80; 卫生健康支出 20.00 against 20.01."""
    found = by_severity(sums.line_items_sum(real("000")))
    assert found["error"] == [] and len(found["warning"]) == 2


def items(*entries) -> list[LineItem]:
    return [
        LineItem("一般公共服务支出", "政府办公厅（室）及相关机构事务", name, code, fact(amount))
        for code, name, amount in entries
    ]


def test_line_items_sum_breaks_and_holds():
    classes = [FunctionClass("一般公共服务支出", "201", fact(100))]
    adds_up = report(
        functions=classes, line_items=items(("2010301", "行政运行", 60), ("2010302", "一般行政管理事务", 40))
    )
    assert list(sums.line_items_sum(adds_up)) == []
    short = report(
        functions=classes,
        line_items=items(("2010301", "行政运行", 60), ("2010302", "一般行政管理事务", 30)),
        complete_lists={"line_items"},
    )
    [found] = sums.line_items_sum(short)
    assert found.severity == "error"
    assert found.figures == [
        "line_items[2010301].amount",
        "line_items[2010302].amount",
        "functions[一般公共服务支出].amount",
    ]
    short.complete_lists = set()
    assert [f.severity for f in sums.line_items_sum(short)] == ["info"]


def test_line_items_sum_is_a_warning_when_an_item_has_no_code():
    classes = [FunctionClass("一般公共服务支出", "201", fact(100))]
    uncoded = report(
        functions=classes,
        line_items=items(("2010301", "行政运行", 60), (None, "某某事务", 30)),
        complete_lists={"line_items"},
    )
    assert [f.severity for f in sums.line_items_sum(uncoded)] == ["warning"]


def test_personnel_plus_public():
    """004: 人员经费 512.34 + 公用经费 38.05 = 基本支出 550.39."""
    assert list(sums.personnel_plus_public(real("004"))) == []
    made_up = report(expenditure={"basic": figure(100), "personnel": figure(80), "public": figure(10)})
    assert [f.severity for f in sums.personnel_plus_public(made_up)] == ["error"]


def test_personnel_and_public_of_one_sources_basic_spending_are_not_held_to_all_of_it():
    """A final account: 基本支出 2380 over all sources, then "一般公共预算财政拨款基本支出2300万元，其中：人员经费2000万元…
    公用经费300万元" — the parts of another whole, no error; parts that miss their own sentence's whole still are."""
    sentence = "2023年度一般公共预算财政拨款基本支出2300.00万元，其中：人员经费2000.00万元，主要包括基本工资"
    of_source = Fact(2000, Evidence(27, sentence))
    split = {"basic": figure(2380), "personnel": Figure(amount=of_source), "public": figure(300)}
    assert list(sums.personnel_plus_public(report(expenditure=split))) == []
    same_whole = Fact(2080, Evidence(27, sentence.replace("2300.00", "2380.00").replace("2000.00", "2080.00")))
    wrong = {"basic": figure(2380), "personnel": Figure(amount=same_whole), "public": figure(200)}
    assert [f.severity for f in sums.personnel_plus_public(report(expenditure=wrong))] == ["error"]


def test_personnel_and_public_of_a_source_basic_budget_across_a_page_break():
    """rw-js-suz: 人员经费 11,577.73 + 公用经费 1,311.44 = 财政拨款基本支出预算 12,889.17, not 基本支出 12,947.96 of all
    sources; the quote carries a page's number and running header between the words and the amount."""
    quote = "财政拨款基本支出预算-39-苏州市自然资源和规划局2026年度部门预算公开12,889.17万元，其中：（一）人员经费11,577.73万元"
    split = {
        "basic": figure(12947.96),
        "personnel": Figure(Fact(11577.73, Evidence(1254, quote))),
        "public": figure(1311.44),
    }
    assert list(sums.personnel_plus_public(report(expenditure=split))) == []


def test_projects_sum():
    """002: the nine projects add up to 项目支出 216.77; a list of some projects only is info, more is an error."""
    assert list(sums.projects_sum(real("002"))) == []
    some = report(expenditure={"project": figure(100)}, projects=[Project("甲项目", fact(60))])
    assert [f.severity for f in sums.projects_sum(some)] == ["info"]
    more = report(
        expenditure={"project": figure(100)}, projects=[Project("甲项目", fact(60)), Project("乙项目", fact(50))]
    )
    assert [f.severity for f in sums.projects_sum(more)] == ["error"]
    counted = report(expenditure={"project": figure(100)}, projects=[Project("甲项目", fact(60))])
    counted.complete_lists.add("projects")  # "共1个项目": a list known whole that falls short
    assert [f.severity for f in sums.projects_sum(counted)] == ["error"]


def test_three_public_sum():
    parts = {"outbound": figure(2), "vehicles": figure(5), "reception": figure(3)}
    assert list(sums.three_public_sum(report(three_public={"total": figure(10), **parts}))) == []
    [found] = sums.three_public_sum(report(three_public={"total": figure(12), **parts}))
    assert found.severity == "error" and found.figures[-1] == "three_public.total.amount"
    cars = {"vehicles": figure(5), "vehicle_purchase": figure(2), "vehicle_operation": figure(2)}
    assert [f.severity for f in sums.three_public_sum(report(three_public=cars))] == ["error"]
    assert list(sums.three_public_sum(real("000"))) == []


def test_procurement_sum():
    stated = {"total": fact(10), "goods": fact(4), "works": fact(0), "services": fact(6)}
    assert list(sums.procurement_sum(report(procurement=stated))) == []
    assert [f.severity for f in sums.procurement_sum(report(procurement={**stated, "total": fact(12)}))] == ["error"]


# Shares


def test_share_cut_off_rather_than_rounded_is_a_warning():
    """003: 卫生健康支出 15.90 of 612.42 is 2.596 %, printed 2.59 %."""
    found = by_severity(shares.share_amount(real("003")))
    assert found["error"] == []
    assert [f.figures[:2] for f in found["warning"]] == [
        ["functions[卫生健康支出].amount", "functions[卫生健康支出].share"]
    ]


def test_share_of_basic_spending_is_a_share_too():
    """004: 人员经费 512.34 is 93.09 % of 基本支出 550.39, not of the total."""
    assert by_severity(shares.share_amount(real("004")))["error"] == []


def test_share_that_fits_no_total_is_an_error():
    fits = report(totals=totals(200), expenditure={"basic": figure(50, share=25)})
    assert list(shares.share_amount(fits)) == []
    off = report(totals=totals(200), expenditure={"basic": figure(50, share=30)})
    [found] = shares.share_amount(off)
    assert found.severity == "error" and found.figures == ["expenditure.basic.amount", "expenditure.basic.share"]


def test_share_of_the_years_own_income():
    """cq-swu 2024: "收支总预算582,276.35万元，其中本年收入预算445,059.97万元 … 财政拨款收入 244,675.66 万元，占
    54.98%": a share of 本年收入合计, not of the total with its balances."""
    year = Totals(income=fact(582276.35), expenditure=fact(582276.35), current_income=fact(445059.97))
    made_up = report(totals=year, income={"fiscal": figure(244675.66, share=54.98)})
    assert list(shares.share_amount(made_up)) == []


# Changes


def test_change_pct_on_the_seeds_that_break_it():
    """004: 机构运行经费 38.05, 减少5.29万元, 下降17.91% (12.21 %); 002: 减少0.01万元, 下降0.4% on 0.51."""
    [found] = by_severity(changes.change_pct(real("004")))["error"]
    assert found.figures == ["operating_costs.amount", "operating_costs.change.amount", "operating_costs.change.pct"]
    assert "12.21%" in found.message and "17.91%" in found.message
    [found] = by_severity(changes.change_pct(real("002")))["error"]
    assert found.figures[0] == "line_items[2089999].amount"


def test_change_pct_rounding_and_new_items_raise_no_error():
    cases = [
        figure(38.05, change=-5.29, pct=-12.21),
        figure(38.05, change=-5.29, pct=-12.2),
        figure(32.56, change=32.56, pct=100),  # new this year: no base to divide by
        figure(0.51, change=-0.01, pct=-1.9),
    ]
    for case in cases:
        assert list(changes.change_pct(report(operating_costs=case))) == []
    assert [
        f.severity for f in changes.change_pct(report(operating_costs=figure(38.05, change=-5.29, pct=-17.91)))
    ] == ["error"]


def test_totals_change_may_be_of_either_total():
    both = report(totals=totals(110, income=120, change=10, pct=10))
    assert list(changes.change_pct(both)) == []
    neither = report(totals=totals(110, income=110, change=10, pct=20))
    [found] = changes.change_pct(neither)
    assert found.figures == ["totals.expenditure", "totals.change.amount", "totals.change.pct"]


# Figures stated twice


def test_capital_spending_stated_twice():
    """001: 资本性支出 1.2 within 基本支出 (line 35) but 0 for the department (line 39)."""
    found = {f.figures[-1]: f for f in conflicts.economic_part_conflict(real("001"))}
    capital = found["economic[310].amount"]
    assert capital.severity == "error"
    assert capital.figures[0] == "expenditure.basic.economic[310].amount" and capital.lines == [35, 37, 39]


def test_economic_parts_within_their_whole_are_fine():
    whole = [EconomicClass("资本性支出", "310", fact(5))]
    basic = Figure(amount=fact(100), economic=[EconomicClass("资本性支出", "310", fact(2))])
    project = Figure(amount=fact(50), economic=[EconomicClass("资本性支出", "310", fact(3))])
    assert (
        list(conflicts.economic_part_conflict(report(economic=whole, expenditure={"basic": basic, "project": project})))
        == []
    )
    whole = [EconomicClass("资本性支出", "310", fact(4))]
    assert (
        len(
            list(
                conflicts.economic_part_conflict(
                    report(economic=whole, expenditure={"basic": basic, "project": project})
                )
            )
        )
        == 1
    )


def test_performance_managed_amount_on_the_seed_that_breaks_it():
    """003: "1个项目实行了绩效目标管理，涉及…60万元…", but that project's table gives 74万元."""
    [found] = conflicts.performance_managed_amount(real("003"))
    assert found.severity == "error"
    assert found.figures == ["projects[调研活动经费].amount", "performance_managed.amount"]
    assert list(conflicts.performance_managed_amount(real("000"))) == []
    assert list(conflicts.performance_managed_amount(real("002"))) == []  # nine projects, 216.77


def test_performance_managed_amount_needs_every_project_listed():
    managed = ManagedProjects(count=fact(2), amount=fact(60))
    one_listed = report(performance_managed=managed, projects=[Project("甲项目", fact(74))])
    assert list(conflicts.performance_managed_amount(one_listed)) == []
    both = report(performance_managed=managed, projects=[Project("甲项目", fact(30)), Project("乙项目", fact(30.01))])
    assert list(conflicts.performance_managed_amount(both)) == []


# Codes


def test_codes_of_the_seeds_agree_with_the_official_table():
    for prefix in ("000", "002", "003", "004"):
        assert list(codes.code_hierarchy(real(prefix))) == []
        assert list(codes.code_name(real(prefix))) == []


def test_item_filed_under_another_class_or_named_otherwise():
    misfiled = LineItem("教育支出", "政府办公厅（室）及相关机构事务", "行政运行", "2010301", fact(10))
    [found] = codes.code_hierarchy(report(year=2024, line_items=[misfiled]))
    assert "教育支出" in found.message and "一般公共服务支出" in found.message
    renamed = LineItem("一般公共服务支出", "政府办公厅（室）及相关机构事务", "机关服务", "2010301", fact(10))
    [found] = codes.code_name(report(year=2024, line_items=[renamed]))
    assert found.figures == ["line_items[2010301].code"] and "行政运行" in found.message
