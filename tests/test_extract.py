"""Extraction rules on real sentences from the seeds and on the genre's other phrasings."""

from __future__ import annotations

import pytest

from generator.extract import costs, economic, functions, identity, lists, performance, three_public, totals, units
from generator.extract.report_id import place_slug, report_id
from generator.records import Department, Region
from generator.segment.layout import cover, layout
from tests.conftest import figure_values


def test_totals_take_change_from_the_expenditure_statement(make_report):
    """000: the 收支总表 note states the total; the 支出总表 note adds the change."""
    text = (
        "淮北市相山区人民政府办公室2024年收支总预算657.88万元，收入全部是一般公共预算拨款收入657.88万元。\n"
        "淮北市相山区人民政府办公室2024年支出预算657.88万元，比2023年预算增加22.76万元，增长3.58%，原因主要是政策性追加项目。"
    )
    document = make_report(text)
    found = totals.totals(layout(document))
    assert (found.income.value, found.expenditure.value) == (657.88, 657.88)
    assert (found.change.amount.value, found.change.pct.value) == (22.76, 3.58)


def test_totals_named_after_the_department_budget(make_report):
    """rw-gd-sz: "部门预算收入…，较2025年年初预算增加…，增长…%" states the totals and their change."""
    text = (
        "2026 年深圳市水务局部门预算收入 857,808.76 万元，较 2025 年\n年初预算增加 289,001.08 万元，增长 50.8%。"
        "2026 年深圳市水务局部门预算支出 857,808.76 万元，较 2025 年年初预算增加 289,001.08 万元，增长 50.8%。"
    )
    document = make_report(text)
    found = totals.totals(layout(document))
    assert (found.income.value, found.expenditure.value) == (857808.76, 857808.76)
    assert (found.change.amount.value, found.change.pct.value) == (289001.08, 50.8)


def test_totals_change_stated_after_both_totals(make_report):
    """004: "收入总计…，支出总计…，与2023年预算相比，收入减少4.37万元，下降0.73%"."""
    text = (
        "2024 年中共新乡市牧野区委办公室部门收入总计 593.39 万元，支出总计 593.39 万元，与 2023 年预算相比，"
        "收入减少 4.37 万元，下降 0.73%。主要原因是：本年度有人员调出；支出减少 4.37 万元，下降 0.73%。"
    )
    document = make_report(text)
    found = totals.totals(layout(document))
    assert (found.change.amount.value, found.change.pct.value) == (-4.37, -0.73)


def test_final_account_balances_from_prose_and_the_summary_table(make_report):
    """czj 2024 决算: 本年收入/支出合计 in the prose, the 年初/年末结转和结余 only in the 收入支出决算总表's rows."""
    text = (
        "本年收入合计2946.25万元，其中： 财政拨款收入2940.05万元，占99.79%；\n"
        "单位：万元\n"
        "         本年收入合计     2,946.25       本年支出合计        2,940.05\n"
        " 年初结转和结余              49.14     年末结转和结余     55.34\n"
    )
    document = make_report(text)
    found = totals.totals(layout(document))
    assert (found.current_income.value, found.current_income.evidence.line) == (2946.25, 1)
    assert (found.current_expenditure.value, found.current_expenditure.evidence.line) == (2940.05, 3)
    assert (found.carryover_start.value, found.carryover_end.value) == (49.14, 55.34)
    assert found.carryover_end.evidence.quote == "年初结转和结余 49.14 年末结转和结余 55.34"


def test_a_budgets_year_end_balance_under_its_spending(make_report):
    """北京 2026 预算: 支出预算 = 基本支出 + 项目支出 + "（三）年终结转结余资金882.21万元", a balance the check must count."""
    text = (
        "  三、支出预算情况说明\n"
        "  2026年支出预算97851.51万元，比2025年年初预算数\n"
        "99024.2万元减少1172.69万元，下降1.18%。\n"
        "  （一）基本支出。基本支出预算46714.52万元，占本年\n"
        "支出预算48.17%。\n"
        "  （三）年终结转结余资金882.21万元。\n"
    )
    document = make_report(text)
    found = totals.totals(layout(document))
    assert (found.carryover_end.value, found.carryover_end.evidence.line) == (882.21, 6)


def test_totals_from_the_summary_table_when_the_prose_gives_none(make_report):
    """A report of tables only: 收入总计 and 支出总计 from the 收支总表's cells, the first table's (a later 财政拨款
    table has its own totals); prose totals win where stated."""
    table = (
        "单位：万元\n项目\t预算数\t项目\t预算数\n一、一般公共预算拨款收入\t320.50\t一、一般公共服务支出\t300.00\n"
        "收入总计\t330.50\t支出总计\t330.50\n财政拨款收支总表\n收入总计\t320.50\t支出总计\t320.50\n"
    )
    document = make_report(table)
    found = totals.totals(layout(document))
    assert (found.income.value, found.expenditure.value, found.income.evidence.line) == (330.5, 330.5, 4)
    with_prose = "2024年收支总预算331.00万元。\n" + table
    document = make_report(with_prose)
    assert totals.totals(layout(document)).expenditure.value == 331


def test_income_sources_merge_share_and_change_from_later_statements(passage):
    """000: the share and change come in the 收入总表 note, after a bare first mention."""
    text = (
        "收入全部是一般公共预算拨款收入657.88万元，支出包括：一般公共服务支出。\n"
        "（一）本年收入657.88万元，主要包括：一般公共预算拨款收入657.88万元，占100%，比2023年预算增加22.76万元，"
        "增长3.58%，原因主要是政策性追加项目；政府性基金预算拨款收入0万元，占0%，比2023年预算增加0万元，增长0%；"
        "财政专户管理资金收入0万元，占0%。\n"
        "主要包括：本年财政拨款安排255.00万元（其中，一般公共预算拨款安排255.00万元）。"
    )
    found = totals.income(passage(text))
    assert figure_values(found["general_budget"]) == (657.88, 100, 22.76, 3.58)
    assert figure_values(found["gov_fund"])[:2] == (0, 0)
    assert found["special_account"].amount.value == 0


def test_income_in_yuan_is_converted(passage):
    """Amounts in 元 become 万元 with every digit kept."""
    found = totals.income(passage("收入预算合计91,016,775.35元，其中：财政拨款收入91,016,775.35元，事业收入0元。"))
    assert found["fiscal"].amount.value == pytest.approx(9101.677535)


def test_expenditure_parts(make_report):
    text = (
        "其中，基本支出402.88万元，占61.24%，主要用于保障机构日常运转；项目支出255.00万元，占38.76%。\n"
        "2024年一般公共预算基本支出402.88万元，其中，人员经费366.52万元，公用经费36.36万元。\n"
        "2024年预算共安排项目支出255.00万元，比2023年预算减少277万元，下降52.06%，原因主要是工作经费减少。"
    )
    document = make_report(text)
    found = totals.expenditure(layout(document))
    assert figure_values(found["basic"]) == (402.88, 61.24, None, None)
    assert figure_values(found["project"]) == (255, 38.76, -277, -52.06)
    assert found["personnel"].amount.value == 366.52
    assert found["public"].amount.value == 36.36


def test_line_item_with_change_and_reason(passage):
    text = (
        "4、一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）事业运行（项）2024年预算76.10万元，"
        "比2023年预算减少6.89万元，下降8.30%，原因主要是一般行政管理事务支出减少，行政运行支出增加。"
    )
    [item] = functions.prose_items(passage(text), 2024)
    assert (item.class_, item.section, item.item, item.code) == (
        "一般公共服务支出",
        "政府办公厅（室）及相关机构事务",
        "事业运行",
        "2010350",
    )
    assert (item.amount.value, item.change.amount.value, item.change.pct.value) == (76.1, -6.89, -8.3)
    assert item.reason.value == "一般行政管理事务支出减少，行政运行支出增加"


def test_line_item_with_codes_in_brackets(passage):
    """Shanghai's 司法局 writes the codes inside the brackets."""
    [item] = functions.prose_items(
        passage("公共安全支出（204类）司法（06款）行政运行（01项）1672.67万元，主要用于行政单位的基本支出。"), 2026
    )
    assert (item.code, item.amount.value) == ("2040601", 1672.67)


def test_line_item_dashed_form(passage):
    text = "1. “一般公共服务支出-政府办公厅（室）及相关机构事务-行政运行”科目1,202.95万元，主要用于行政单位的基本支出。"
    [item] = functions.prose_items(passage(text), 2025)
    assert (item.code, item.section, item.amount.value) == ("2010301", "政府办公厅（室）及相关机构事务", 1202.95)


def test_line_item_unchanged(passage):
    """003: "比2023年预算相比无变化" is a change of 0 and 0 %."""
    text = "9.卫生健康支出（类）行政事业单位医疗（款）公务员医疗补助（项）2024年预算5.45万元，比2023年预算相比无变化。"
    [item] = functions.prose_items(passage(text), 2024)
    assert (item.change.amount.value, item.change.pct.value) == (0, 0)


def test_functions_from_prose(passage):
    text = "支出按功能分类分为：一般公共服务支出539.80万元，占82.05%；社会保障和就业支出50.67万元，占7.7%；住房保障支出47.41万元，占7.21%。"
    found = {
        entry.code: (entry.name, entry.amount.value, entry.share.value)
        for entry in functions.functions(passage(text), [], 2024)
    }
    assert found == {
        "201": ("一般公共服务支出", 539.8, 82.05),
        "208": ("社会保障和就业支出", 50.67, 7.7),
        "221": ("住房保障支出", 47.41, 7.21),
    }


def test_functions_of_a_final_account_marked_as_classes(passage):
    """A 决算 writes "（类）" after each class name (czj 2024); a class followed by its 款 is a line item instead."""
    text = (
        "一般公共预算财政拨款支出2940.05万元，主要用于以下方面：一般公共服务支出（类）2106.66万元，占71.73%；"
        "社会保障和就业支出（类）326.72万元，占11.11%；\n"
        "1、一般公共服务支出（类）财政事务（款）行政运行（项）。年初预算为 1560.05 万元，支出决算为1511.89万元。"
    )
    found = {
        entry.code: (entry.amount.value, entry.share.value) for entry in functions.functions(passage(text), [], 2024)
    }
    assert found == {"201": (2106.66, 71.73), "208": (326.72, 11.11)}


def test_functions_of_a_final_account_with_spending_after_the_class_mark(passage):
    """The 决算 template's "一般公共服务（类）支出3000.00万元，占92.31%"; a line item after it is still a line item."""
    text = (
        "2023年度一般公共预算财政拨款支出3250.00万元，主要用于以下方面：一般公共服务（类）支出3000.00万元，占92.31%；"
        "社会保障和就业（类）支出250.00万元，占7.69%。\n"
        "1.一般公共服务支出（类）财政事务（款）行政运行（项）。年初预算为2800.00万元，支出决算为2900.00万元。"
    )
    found = {
        entry.code: (entry.amount.value, entry.share.value) for entry in functions.functions(passage(text), [], 2023)
    }
    assert found == {"201": (3000, 92.31), "208": (250, 7.69)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023年度收入总计3456.78万元，支出总计3456.78万元。与2022年度相比，收、支总计各增加123.45万元，增长3.70%，主要原因是人员增加。",
         (123.45, 3.7)),
        ("2023年度收入、支出总计均为812.00万元。与上年相比，收支总计各减少12.00万元，下降1.46%。", (-12, -1.46)),
    ],
)
def test_final_account_totals_change_both_ways(passage, make_report, text, expected):
    change = totals.totals(layout(make_report(text))).change
    assert (change.amount.value, change.pct.value) == expected


def test_three_public_total_change_in_its_own_sentence(passage):
    """004 states the total, then its change without repeating the amount."""
    text = (
        "2024 年中共新乡市牧野区委办公室部门“三公”经费预算为 1.10 万元。2024 年“三公”经费支出预算数比 2023 年减少 1.50 万元，"
        "下降 57.69%。\n（一）因公出国（境）费 0.00 万元，主要用于单位工作人员公务出国（境）的住宿费等支出。"
    )
    found = three_public.three_public(passage(text))
    assert figure_values(found["total"]) == (1.1, None, -1.5, -57.69)
    assert found["outbound"].amount.value == 0


def test_three_public_parts_with_changes(passage):
    text = (
        '2024年青云谱区政府办单位"三公"经费一般公共预算安排_40_万元，其中：\n'
        "因公出国  40  万元,比上年减少  20万元，主要原因是：缩减开支过紧日子。\n"
        "公务接待 0万元,比上年增（减）  0   万元，主要原因是：没有公务接待。\n"
        "公务用车运行 0万元,比上年增（减）  0 万元，主要原因是：无公务用车。\n"
        "公务用车购置  0  万元,比上年增（减） 0 万元，主要原因是：无购车计划。"
    )
    found = three_public.three_public(passage(text))
    assert found["total"].amount.value == 40
    assert figure_values(found["outbound"]) == (40, None, -20, None)
    assert figure_values(found["vehicle_purchase"]) == (0, None, 0, None)
    assert figure_values(found["vehicle_operation"]) == (0, None, 0, None)


def test_line_items_under_a_heading_that_names_their_class(passage):
    """rw-js-wx: "（二）教育支出（类）" heads its 项, each "款（款）项（项）支出…" with its change and reason; a page's
    number inside a change is no percentage of it; a 项 named inside a reason states nothing."""
    text = (
        "其中：\n（二）教育支出（类）\n"
        "2.职业教育（款）其他职业教育支出（项）支出 78.92 万元，\n与上年相比减少 73.38 万元，减少 48.18%。主要原因是技工院校能\n"
        "力建设补助支出减少。\n"
        "（一）社会保障和就业支出（类）\n"
        "1.行政事业单位养老支出（款）机关事业单位基本养老保险缴\n费支出（项）支出 297.82 万元，与上年相比减少 1.37 万元，减少\n"
        "- 29 -\n0.46%。主要原因是根据预算编制口径调整缴纳基数。\n"
        "主要原因是信息化运维项目调整至人力资源和社会保障管理事务（款）事业运行（项）。"
    )
    school, pension = functions.prose_items(passage(text), 2026)
    assert (school.code, school.class_, school.amount.value) == ("2050399", "教育支出", 78.92)
    assert (school.change.amount.value, school.change.pct.value) == (-73.38, -48.18)
    assert school.reason.value == "技工院校能力建设补助支出减少"
    assert (pension.code, pension.amount.value, pension.change.amount.value) == ("2080505", 297.82, -1.37)
    assert pension.change.pct is None


def test_a_headed_line_item_the_classification_lacks_keeps_its_names(passage):
    """rw-js-wx: 技校教育 is no 项 of the classification table; its 款 is under the heading's 类, so it is kept, once,
    though the glossary names it again."""
    text = (
        "（二）教育支出（类）\n1.职业教育（款）技校教育（项）支出 11,543.08 万元，与上\n年相比增加 120.72 万元，增长 1.06%。\n"
        "八、教育支出(类)职业教育(款)技校教育(项)：反映人力资源社会保障部门举办的技校教育支出。"
    )
    [item] = functions.prose_items(passage(text), 2026)
    assert (item.class_, item.section, item.item, item.code) == ("教育支出", "职业教育", "技校教育", None)
    assert (item.amount.value, item.change.amount.value, item.change.pct.value) == (11543.08, 120.72, 1.06)


def test_a_heading_that_is_not_the_items_class_names_nothing(passage):
    """A 款 no 类 of that name holds: the heading above is not its 类, so the 项 is left out."""
    text = "（一）教育支出（类）\n1.行政运行（款）交通运输（项）支出 5.00 万元，与上年相比增加 1.00 万元。"
    assert functions.prose_items(passage(text), 2026) == []


def test_a_coded_line_item_with_its_years_outcome_after_a_comma(passage):
    """cq-swu-2023-final: "名称（code），2023年度决算数为…"; another year's figure is none of this year's."""
    text = (
        "1.小学教育（2050202），2023 年度决算数为 7,970.38\n万元，比 2022 年度决算数增长 0.39%。\n"
        "5.其他留学教育支出（2050699），2023 年度决算数为\n738.86 万元，比 2022 年度决算数减少 4.50%。\n"
        "6.其他教育支出（2059999），2022 年度决算数为 876.03\n万元。"
    )
    school, abroad, other = functions.prose_items(passage(text), 2023)
    assert (school.code, school.amount.value, school.change.pct.value) == ("2050202", 7970.38, 0.39)
    assert (abroad.code, abroad.amount.value, abroad.change.pct.value) == ("2050699", 738.86, -4.5)
    assert (other.code, other.amount) == ("2059999", None)


def test_a_class_change_in_the_sentence_after_its_uses(passage):
    """rw-js-suz: the change opens the sentence after the class's amount and uses, with no subject of its own."""
    text = (
        "（1）社会保障和就业支出（类）支出 3,061.29 万元，主要用\n于养老保险、职业年金等支出。与上年相比增加 740.84 万元，增\n"
        "长 31.93%。主要原因是社保缴费基数增加。\n"
        "（2）交通运输支出（类）支出 237,947.9 万元，主要用于政府购买公交服务。\n与上年相比，财政拨款支出减少 5.00 万元。"
    )
    welfare, transport = functions.functions(passage(text), [], 2026)
    assert figure_values(welfare) == (3061.29, None, 740.84, 31.93)
    assert figure_values(transport) == (237947.9, None, None, None), "a new paragraph is no change of it"


def test_three_public_parts_as_headings_with_the_years_plan(passage):
    """rw-gd-sz: each part a heading, then "2026年预算数…" after its full stop; 购置和运行维护费 is the vehicles'
    whole, not their purchase."""
    text = (
        "2026 年财政拨款“三公”经费预算 27.60 万元，较 2025 年\n年初预算增加 8.10 万元。\n"
        "1.因公出国（境）费用。2026 年预算数 13.20 万元，较\n2025 年年初预算增加 11.60 万元，主要是上年度因公出国（境）\n"
        "2.公务接待费。2026 年预算数 3.90 万元，较 2025 年年初\n预算增加 0.00 万元，主要是落实“过紧日子”要求，公务接待\n"
        "3.公务用车购置和运行维护费。2026 年预算数 10.50 万元，\n其中：\n"
        "公务用车购置费 2026 年预算数 0.00 万元，较 2025 年年初\n预算增加 0.00 万元，主要是本单位 2026 年未安排经费于公务"
    )
    found = three_public.three_public(passage(text))
    assert figure_values(found["outbound"]) == (13.2, None, 11.6, None)
    assert figure_values(found["reception"]) == (3.9, None, 0, None)
    assert found["vehicles"].amount.value == 10.5
    assert found["vehicle_purchase"].amount.value == 0


def test_operating_costs_change_after_a_description(passage):
    text = (
        "2024年中共新乡市牧野区委办公室部门机构运行经费支出预算 38.05 万元，主要保障机构正常运转及正常履职需要，"
        "与2023年相比减少 5.29 万元，下降 17.91%，主要原因：我单位本年度相应上级号召，节约开支。"
    )
    assert figure_values(costs.operating_costs(passage(text))) == (38.05, None, -5.29, -17.91)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # cq-jtw-2018: the source named first, "机关" left out.
        ("１.机关运行经费情况。2018年一般公共预算财政拨款运行经费16252.11万元，比上年增加654.94万元，主要原因为市级部门公用经费标准统一提高。",
         (16252.11, None, 654.94, None)),
        ("本部门2025年财政拨款运行经费预算12.50万元，较上年减少1.25万元，下降9.09%。", (12.5, None, -1.25, -9.09)),
    ],
)
def test_operating_costs_named_after_their_source(passage, text, expected):
    assert figure_values(costs.operating_costs(passage(text))) == expected


def test_other_running_costs_are_not_operating_costs(passage):
    assert costs.operating_costs(passage("公务用车购置及运行经费预算3.00万元，车辆运行经费2.00万元。")) is None


@pytest.mark.parametrize(
    ("text", "amount", "change"),
    [
        # cq-jtw-2018: the web page lost the start of a clause; the 运行维护费 of a 车 is still the vehicles' running.
        ("其中:因公出国(境)费用60万元,比2017年减少25.36万元,主要是因为严格执行中央有关规定,严控290.5万元，比2017年减少26.7万元,"
         "主要是根据中央“八项规定”,严格车运行维护费2450.18万元,比2017年减少243.12万元,主要是根据公务范围,减少公务用车运营成本;",
         2450.18, -243.12),
        ("公车运行维护费3.20万元，比上年增加0.20万元。", 3.2, 0.2),
        ("公务车辆运行维护费1.60万元，与上年持平。", 1.6, 0),
    ],
)
def test_vehicle_running_costs_in_the_genres_names(passage, text, amount, change):
    found = three_public.three_public(passage(text))
    assert figure_values(found["vehicle_operation"])[::2] == (amount, change)
    assert "reception" not in found, "an amount with its label lost is left out"


def test_procurement_total_and_parts(passage):
    text = "2024年我部门政府采购预算安排 9.30 万元，其中：政府采购货物预算 4.30 万元、政府采购工程预算 5.00 万元、政府采购服务预算 0.00 万元。"
    found = {key: fact.value for key, fact in costs.procurement(passage(text)).items()}
    assert found == {"total": 9.3, "goods": 4.3, "works": 5, "services": 0}


@pytest.mark.parametrize(
    "text",
    [
        "2023年本部门政府采购预算总额300.00万元，其中：货物类200.00万元，工程类0万元，服务类100.00万元。",
        "政府采购预算300万元，其中：货物采购预算200万元、工程采购预算0万元、服务采购预算100万元",
        # sh-putuo-czj-2024-final, a 决算's contracts (figures changed to these)
        " 上海市普陀区财政局2024年度政府采购金额（以合同签订为准）为300.00万元，其\n"
        "中：货物采购金额200.00万元、工程采购金额0万元、服务采购金额100.00万元。",
        # rw-gd-sz: the projects the budget holds (figures changed to these)
        "深圳市水务局纳入 2026 年部门预算的政府采购项目共有\n300.00 万元，其中：货物类项目 200.00 万元、工程类项\n"
        "目 0.00 万元、服务类项目 100.00 万元。",
    ],
)
def test_procurement_parts_named_short_after_the_total(passage, text):
    found = {key: fact.value for key, fact in costs.procurement(passage(text)).items()}
    assert found == {"total": 300, "goods": 200, "works": 0, "services": 100}


def test_short_part_names_outside_the_procurement_sentence_are_not_its_parts(passage):
    text = "政府采购预算总额300万元。项目支出中工程类维修经费50万元，服务类外包经费20万元。"
    assert {key: fact.value for key, fact in costs.procurement(passage(text)).items()} == {"total": 300}


def test_staffing_counts_with_debris(passage):
    """001 types counts with stray spaces and underscores."""
    text = (
        "编制人数小计 35   人,其中：行政编制人数  1 6 人,参照公务员管理的事业编制人数  0  人,全部补助事业编制人数__19__人。"
        "实有人数小计    33人,其中：在职人数小计  26  人,行政在职人数  14  人。离休人数小计  5  人,退休人数小计    5人。"
    )
    found = {key: fact.value for key, fact in costs.staffing(passage(text)).items()}
    assert found == {
        "authorized": 35,
        "authorized_admin": 16,
        "authorized_civil_service_managed": 0,
        "authorized_funded_institution": 19,
        "actual": 33,
        "in_service": 26,
        "in_service_admin": 14,
        "retired_veteran": 5,
        "retired": 5,
    }


def test_vehicles(passage):
    assert (
        costs.assets(passage("截至2024年12月31日，杜集区政府办共有车辆2辆，其中：主要领导干部用车1辆。"))[
            "vehicles"
        ].value
        == 2
    )


def test_department_name_and_region(make_report):
    """The fullest form is the name; the abbreviation is an alias; the gazetteer supplies city and province."""
    text = (
        "按照综合预算的原则，杜集区政府办所有收入和支出均纳入部门预算管理。杜集区政府办2025年收支总预算551.53万元。\n"
        "淮北市杜集区人民政府办公室2025年政府采购预算0万元。"
    )
    document = make_report(text)
    segmented = layout(document)
    department = identity.department(segmented, identity.title(segmented.cover))
    assert department.name == "淮北市杜集区人民政府办公室"
    assert department.aliases == ["杜集区政府办"]
    assert (department.region.province, department.region.city, department.region.county) == (
        "安徽省",
        "淮北市",
        "杜集区",
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("杜集区政府办2025年收支总预算", ["杜集区政府办"]),  # the text's start begins the clause
        ("收支总预算。杜集区政府办2025年收支总预算，收入比2024年增加", ["杜集区政府办", "收入比"]),
        ("政府办2025年收支2024年", ["政府办"]),  # the words before the second year hold a year: no subject
        ("，" + "区" * 40 + "2025年", ["区" * 40]),
        ("，" + "区" * 41 + "2025年", []),  # longer than any name
        ("，杜集区政府办 2025年", []),  # a space is no part of a name
        ("，办2025年", []),
    ],
)
def test_subjects_before_years_run_from_the_clause_start(text, expected):
    assert identity.subjects_before_years(text) == expected


@pytest.mark.parametrize(
    ("sentence", "second_level"),
    [
        # 001's own sentence: one 二级 unit.
        (
            "2024年青云谱区政府办公室共有预算单位2个，包括：一个本级单位和1个所属二级预算单位青云谱区政务公开事务中心。",
            ["青云谱区政务公开事务中心"],
        ),
        # The same template listing several.
        (
            "2024年某区教育体育局共有预算单位4个，包括：一个本级单位和3个所属二级预算单位：某区第一中学、某区实验小学和某区青少年活动中心。",
            ["某区第一中学", "某区实验小学", "某区青少年活动中心"],
        ),
    ],
)
def test_budget_units_listed_after_their_count(make_report, sentence, second_level):
    document = make_report(sentence)
    found = units.budget_units(layout(document), "本级名称")
    assert [(unit.name, unit.kind) for unit in found] == [("本级名称", "本级")] + [
        (name, "二级预算单位") for name in second_level
    ]


CQ_UNITS = """纳入重庆市交通委员会部门预算的单位主要是重庆市交通委员会机关本级及下属的3个二级事业单位5个三级事业单位组成，具体明细如下:
重庆市交通委员会机关(包括办公室、法规处、研究室19个内设处室)
重庆市公路局(包含重庆市公路局机关、重庆市车渡管理站、重庆市公路养护管理段４个三级预算单位)
重庆市道路运输管理局
重庆市交通运行监测与应急调度中心
二、部门预算情况说明"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("本部门2024年部门预算包括：部门本级预算和所属3个事业单位预算，即：杭州市西湖区文化馆、杭州市西湖区图书馆、杭州市西湖区体育中心。",
         ["杭州市西湖区文化馆", "杭州市西湖区图书馆", "杭州市西湖区体育中心"]),
        ("部门预算包括：部门本级预算和所属3个事业单位预算，即：某某文化馆、某某图书馆。", []),  # two names for three: not trusted
    ],
)
def test_budget_units_named_after_the_count_of_units(make_report, text, expected):
    document = make_report(text)
    found = units.budget_units(layout(document), "某局")
    assert [unit.name for unit in found] == (["某局", *expected] if expected else [])


def test_budget_units_listed_one_per_line_below_their_count(make_report):
    """cq-jtw-2018 (shortened to three 二级 units): 本级 first, then the 二级 units, the 三级 ones in brackets left out."""
    document = make_report(CQ_UNITS)
    found = units.budget_units(layout(document), "重庆市交通委员会")
    assert [(unit.name, unit.kind) for unit in found] == [
        ("重庆市交通委员会机关", "本级"),
        ("重庆市公路局", "二级预算单位"),
        ("重庆市道路运输管理局", "二级预算单位"),
        ("重庆市交通运行监测与应急调度中心", "二级预算单位"),
    ]


def test_budget_units_whose_list_does_not_match_its_count_are_left_out(make_report):
    document = make_report(CQ_UNITS.replace("3个二级", "4个二级"))
    assert units.budget_units(layout(document), "重庆市交通委员会") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # sh-putuo-wanli-2024, shortened to two 下属 units
            "上海市普陀区人民政府万里街道办事处部门预算是包括万里街道本部以及下属 2 家预算单位的综合收支计划。\n"
            "本部门中，行政单位 1 家，事业单位 2 家，具体包括：\n"
            "1. 上海市普陀区人民政府万里街道办事处（本部）。\n"
            "2. 上海市普陀区万里街道社区事务受理服务中心。\n"
            "3. 上海市普陀区万里街道综合行政执法队。\n\n名词解释",
            [("上海市普陀区人民政府万里街道办事处", "本级"), ("上海市普陀区万里街道社区事务受理服务中心", "二级预算单位"),
             ("上海市普陀区万里街道综合行政执法队", "二级预算单位")],
        ),
        (  # sh-putuo-swj-2025: the first item wraps onto a second line
            "  上海市普陀区商务委员会部门预算是包括商务委本部以及下属1家预算单位的综合收支计划。\n"
            "  本部门中，行政单位1家，事业单位1家，具体包括：\n"
            "  1. 商务委本部，上海市普陀区商务委员会机关设9个内设机构，包括：办公室、综合调研科、商业发展科、市场秩序科（粮食和物资\n"
            "储备科）、产业发展科、企业服务科、经济运行科、外经促进科、贸易发展科。\n"
            "  2. 上海市普陀区中小企业服务中心，不单列预算。\n",
            [("商务委", "本级"), ("上海市普陀区中小企业服务中心", "二级预算单位")],
        ),
        (  # sh-putuo-sfj-2026: the list starts on the line of "具体包括"
            "上海市普陀区司法局部门预算是包括区司法局本部以及下属1家预算单位的综合收支计划。\n"
            "本部门中，行政单位1家，参公单位1家，\n具体包括： 1. 普陀区司法局本部\n      2. 普陀区法律援助中心\n",
            [("普陀区司法局", "本级"), ("普陀区法律援助中心", "二级预算单位")],
        ),
        (  # a list longer than its stated count is not trusted
            "包括本部以及下属1家预算单位的综合收支计划。具体包括：\n1. 某某局本部\n2. 某某中心\n3. 某某所\n",
            [],
        ),
    ],
)
def test_budget_units_numbered_after_their_description(make_report, text, expected):
    document = make_report(text)
    found = units.budget_units(layout(document), "部门")
    assert [(unit.name, unit.kind) for unit in found] == expected


CZJ_UNITS = """围的单位包括：

     序号     单位名称         备注
      1 上海市普陀区财政局（本级）
      2 上海市普陀区财政局财政所 预算不单列，并入本级
      3 上海市普陀区国库收付中心 预算不单列，并入本级

    第二部分 上海市普陀区财政局2024年度部门决算表"""
# sh-putuo-ghzy-2024-final: pdftotext puts a row's number between the name and its note, and wraps a long name.
GHZY_UNITS = """序号            单位名称            备注

 1    上海市普陀区规划和自然资源局（本级）

      上海市普陀区规划和自然资源局执法大队
 2
      （下属参公事业单位）

      上海市普陀区规划和自然资源管理事务中
 3
      心（下属事业单位）

          上海市规划和自然资源局 2024 年度部门决算表"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (CZJ_UNITS, [("上海市普陀区财政局", "本级"), ("上海市普陀区财政局财政所", "二级预算单位"),
                     ("上海市普陀区国库收付中心", "二级预算单位")]),
        (GHZY_UNITS, [("上海市普陀区规划和自然资源局", "本级"), ("上海市普陀区规划和自然资源局执法大队", "二级预算单位"),
                      ("上海市普陀区规划和自然资源管理事务中心", "二级预算单位")]),
        (GHZY_UNITS.replace(" 3\n      心（下属事业单位）\n", ""), []),  # cut mid-name: the list is not trusted
        (CZJ_UNITS.replace("      2 ", "      4 "), []),  # numbers not 1…n
    ],
)
def test_budget_units_in_a_final_accounts_table(make_report, text, expected):
    document = make_report(text)
    found = units.budget_units(layout(document), "部门")
    assert [(unit.name, unit.kind) for unit in found] == expected


def test_year_ignores_comparison_years(passage):
    text = "上海市普陀区2024年区级部门预算\n支出预算15,621.11万元，比2023年预算减少876.75万元。比2023年预算增加1万元。"
    prose = passage(text)
    assert identity.year(prose, identity.title(cover(prose))) == 2024


def test_duties_run_on_in_one_paragraph_are_one_item_per_clause(make_report):
    """sh-putuo-shgzb-2024-final (shortened): no numbered list, the duties after "主要职责是：" split at "；"."""
    text = (
        "     一、主要职能\n     中共上海市普陀区委社会工作部负责贯彻落实党中央有关方针\n政策、决策部署和市委、区委有关工作要求。主要职责是：统筹指导人民信访\n"
        "工作，指导人民建议征集工作；负责志愿服务工作的统筹规划、协调指导、督促检查和经验推广；指导社会工\n作人才队伍建设等。\n"
        "     二、部门决算单位构成\n"
    )
    assert lists.responsibilities(layout(make_report(text)).outline) == [
        "统筹指导人民信访工作，指导人民建议征集工作",
        "负责志愿服务工作的统筹规划、协调指导、督促检查和经验推广",
        "指导社会工作人才队伍建设等。",
    ]


def test_lists_skip_the_table_of_contents(make_report):
    """A heading in the 目录 has nothing under it; the real one has the items."""
    text = "目 录\n（一）主要职能\n（二）部门所属预算单位构成情况\n第一部分\n（一）主要职能\n1、负责甲。\n2、负责乙，\n并负责丙。\n（二）部门所属预算单位构成情况\n"
    assert lists.responsibilities(layout(make_report(text)).outline) == ["负责甲。", "负责乙，并负责丙。"]


def test_glossary_entries_with_and_without_numbers(make_report):
    text = (
        "第四部分   名词解释\n一、收入科目\n各部门结合实际进行解释。\n财政拨款：指省级财政当年拨付的资金。\n"
        "（三）事业收入：指事业单位开展专业业务活动及辅助活动取得的收入。\n部门涉及的专业名词\n"
        "（一）“三公”经费：纳入预算管理的“三公”经费。\n附件：预算表\n部门：某某局\n"
    )
    terms = [entry.term for entry in lists.glossary(layout(make_report(text)).outline)]
    assert terms == ["财政拨款", "事业收入", "“三公”经费"]


def test_final_account_item_outcome(passage):
    """决算 wording: the amount is the outcome; the initial budget and completion rate are kept beside it."""
    text = (
        "一般公共服务支出（类）财政事务（款）行政运行（项）。主要用于：保障财政局人员经费及公用经费等的基本支出。"
        "年初预算为 1560.05 万元，支出决算为1511.89万元，完成年初预算的96.91%。决算数小于预算数的主要原因：人员变动。"
    )
    [item] = functions.prose_items(passage(text), 2024)
    assert (item.code, item.amount.value, item.initial_budget.value, item.execution_rate.value) == (
        "2010601",
        1511.89,
        1560.05,
        96.91,
    )
    assert item.reason.value == "人员变动"


def test_final_account_item_with_an_adjusted_budget(passage):
    """The genre's wording when the budget was adjusted during the year (written in that style)."""
    text = (
        "2、教育支出（类）普通教育（款）小学教育（项）。年初预算为100.00万元，调整预算为120.00万元，"
        "支出决算为118.00万元，完成调整预算的98.33%。决算数小于预算数的主要原因是：采购节约。"
    )
    [item] = functions.prose_items(passage(text), 2024)
    assert (item.code, item.initial_budget.value, item.adjusted_budget.value) == ("2050202", 100, 120)
    assert (item.amount.value, item.execution_rate.value, item.reason.value) == (118, 98.33, "采购节约")


def test_final_account_outcome_cut_off_keeps_only_the_plan(passage):
    """czj prints the outcome before its sentence: the initial budget is not taken for the outcome."""
    text = (
        "一般公共服务支出（类）财政事务（款）财政委托业务支出（项）。主要用于：审计。年初预算为450.52万元，支出决算为"
    )
    [item] = functions.prose_items(passage(text), 2024)
    assert item.amount is None
    assert item.initial_budget.value == 450.52


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.公共安全支出（类）司法（款）行政运行（项）：主要用于机关正常运转，2024年预算数为300.00万元，比上年增加10.00万元，"
         "主要原因是人员增加。", (300, 10, "人员增加")),
        ("2.公共安全支出（类）司法（款）普法宣传（项）：主要用于普法宣传工作，预算数为50.00万元，与上年持平。", (50, 0, None)),
        ("社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）：反映机关单位实施养老保险制度由"
         "单位缴纳的基本养老保险费支出，2024年预算安排40.00万元。", (40, None, None)),
    ],
)
def test_budget_item_amount_after_its_description(passage, text, expected):
    [item] = functions.line_items(passage(text), [], 2024)
    change = item.change.amount.value if item.change and item.change.amount else None
    assert (item.amount.value, change, item.reason.value if item.reason else None) == expected
    assert item.initial_budget is None


@pytest.mark.parametrize(
    "text",
    [
        "公共安全支出（类）司法（款）行政运行（项）：主要用于机关运转，上年预算为300.00万元，本年调整。",
        "公共安全支出（类）司法（款）行政运行（项）：主要用于机关运转，2023年预算数为300.00万元。",
    ],
)
def test_an_earlier_years_budget_is_not_the_items_amount(passage, text):
    [item] = functions.line_items(passage(text), [], 2024)
    assert item.amount is None and item.initial_budget is None


def test_line_items_named_with_their_codes(passage):
    """ "其中：行政运行（2010801）800.00万元，较上年增加20.00万元": the code gives the 类 and 款."""
    text = (
        "（一）一般公共服务支出1,100.00万元，占89.11%。其中：行政运行（2010801）800.00万元，较上年增加20.00万元；"
        "主要用于一般行政管理事务（2010802）300.00万元，较上年减少43.40万元，主要原因是审计项目减少。\n"
        "（二）住房保障支出134.50万元。其中：住房公积金（2210201）134.50万元，同比持平。"
    )
    found = [
        (i.code, i.class_, i.section, i.item, i.amount.value, i.change.amount.value)
        for i in functions.line_items(passage(text), [], 2024)
    ]
    assert found == [
        ("2010801", "一般公共服务支出", "审计事务", "行政运行", 800, 20),
        ("2010802", "一般公共服务支出", "审计事务", "一般行政管理事务", 300, -43.4),
        ("2210201", "住房保障支出", "住房改革支出", "住房公积金", 134.5, 0),
    ]


def test_final_account_outcome_with_its_rate_but_no_plan(passage):
    """ "“三公”经费财政拨款支出决算为3.20万元，完成预算的80.00%，比上年度减少0.80万元": the rate, and no plan invented."""
    text = "2023年度“三公”经费财政拨款支出决算为3.20万元，完成预算的80.00%，比上年度减少0.80万元，下降20.00%。"
    total = three_public.three_public(passage(text))["total"]
    assert (total.amount.value, total.execution_rate.value, total.initial_budget) == (3.2, 80, None)
    assert (total.change.amount.value, total.change.pct.value) == (-0.8, -20)


def test_final_account_item_planned_for_the_whole_year(passage):
    """sh-putuo-shgzb-2024-final: "全年预算为52.00万元，支出决算为51.32万元，完成全年预算数的98.69%" — the year's
    whole (adjusted) budget, not the initial one."""
    text = (
        "  1、一般公共服务支出（类）社会工作事务（款）行政运行（项）\n。\n"
        "主要用于：行政单位人员支出、公用支出。全年预算为 52.00 万元，\n"
        "支出决算为 51.32 万元，完成全年预算数的 98.69%。决算数小于全\n年预算数的主要原因：人员变动引起实际支出低于预算。"
    )
    [item] = functions.line_items(passage(text), [], 2024)
    assert (item.amount.value, item.adjusted_budget.value, item.initial_budget, item.execution_rate.value) == (
        51.32, 52, None, 98.69
    )
    assert item.reason.value == "人员变动引起实际支出低于预算"


def test_final_account_total_with_initial_and_whole_year_budgets(passage):
    """shgzb: "年初预算为 0 万元，全年预算为321.02 万元，支出决算为 307.82 万元，完成年初预算的 95.89%"."""
    text = "一般公共服务支出（类）社会工作事务（款）行政运行（项）。年初预算为 0 万元，全年预算为\n321.02 万元，支出决算为 307.82 万元。"
    [item] = functions.line_items(passage(text), [], 2024)
    assert (item.initial_budget.value, item.adjusted_budget.value, item.amount.value) == (0, 321.02, 307.82)


def test_final_account_three_public(passage):
    text = "“三公”经费财政拨款支出年初预算为0.95万元，支出决算为0.00万元，完成预算的0%，其中：因公出国（境）费决算为0.00万元。"
    total = three_public.three_public(passage(text))["total"]
    assert (total.amount.value, total.initial_budget.value, total.execution_rate.value) == (0, 0.95, 0)


def test_a_sources_fiscal_income_is_not_fiscal_income_as_a_whole(passage):
    """ "政府性基金预算财政拨款收入200万元" is the fund's share, not 财政拨款收入 of all sources."""
    text = "其中：一般公共预算财政拨款收入2,000.00万元，政府性基金预算财政拨款收入200.00万元，事业收入100.00万元。"
    found = {key: figure.amount.value for key, figure in totals.income(passage(text)).items()}
    assert found == {"general_budget": 2000, "gov_fund": 200, "business": 100}


@pytest.mark.parametrize(
    "text",
    [
        "本部门2024年无政府性基金预算拨款收入，也没有使用政府性基金预算拨款安排的支出。",
        "淮北市相山区人民政府办公室2024年没有政府性基金预算拨款收入，也没有使用政府性基金预算拨款安排的支出。",  # 000
    ],
)
def test_a_source_said_to_be_none_is_zero(passage, text):
    found = totals.income(passage(text))
    assert found["gov_fund"].amount.value == 0 and "政府性基金" in found["gov_fund"].amount.evidence.quote
    assert "state_capital" not in found


def test_no_procurement_said_in_words_is_zero(passage):
    found = costs.procurement(passage("本部门2024年无政府采购预算。"))
    assert {key: fact.value for key, fact in found.items()} == {"total": 0}


def test_no_procurement_from_one_source_says_nothing_of_the_total(passage):
    """ "没有使用政府性基金预算拨款安排的政府采购支出" rules out one source only: no total is made up."""
    assert costs.procurement(passage("本部门2024年没有使用政府性基金预算拨款安排的政府采购支出。")) == {}


def test_staffing_stated_plainly(passage):
    found = {key: fact.value for key, fact in costs.staffing(passage("本部门编制人数20人，实有人数18人。")).items()}
    assert found == {"authorized": 20, "actual": 18}


def test_staffing_first_statement_holds_and_cites_its_line(passage):
    found = costs.staffing(passage("一、人员情况\n本部门编制人数20人，实有人数18人。\n二、调整后编制人数22人。"))
    assert {key: fact.value for key, fact in found.items()} == {"authorized": 20, "actual": 18}
    assert (found["authorized"].evidence.line, found["authorized"].evidence.quote) == (2, "本部门编制人数20人，实有人数18人")


def test_spending_of_a_source_is_not_income(passage):
    """ "一般公共预算财政拨款基本支出5377.64万元" spends the source; it does not state its income."""
    found = totals.income(passage("一般公共预算财政拨款基本支出5377.64万元。其中：人员经费4896.98万元。"))
    assert "general_budget" not in found


def test_final_outcome_after_a_line_wrapped_short_of_the_page_edge(passage):
    """sh-putuo-ghzy: a page about 28 characters wide wraps "支出决" / "算为": the 决算 is 0.39, not the 年初预算."""
    text = (
        "  “三公”经费财政拨款支出年初预算为 2.85 万元，支出决\n"
        "\n"
        "算为 0.39 万元，完成预算的 13.68%，其中：因公出国（境）费\n"
    )
    total = three_public.three_public(passage(text))["total"]
    assert (total.amount.value, total.initial_budget.value, total.execution_rate.value) == (0.39, 2.85, 13.68)


def test_reason_whose_figure_and_unit_a_centred_line_split(passage):
    """sh-putuo-shgzb-2024-final: a centred line ends at "单位 2024", the next starts "年新成立": one sentence."""
    text = (
        "（项）。主要用于：事业单位医疗保险支出。全年预算为 2.29 万元，\n\n支出决算为 0.49 万元。\n"
        "             决算数小于全年预算数的主要原因：单位 2024\n\n年新成立，人员变动，按实际支出。\n"
    )
    assert "单位2024年新成立，人员变动，按实际支出。" in passage(text).text


def test_two_column_basic_table_rows_are_two_rows(make_report):
    """Shanghai 决算's 基本支出表 prints 301/303 on the left and 302/310 on the right of one line (shgzb 2024);
    a name wrapped around its figure leaves the code's official name; a right-hand class code is never an amount
    (czj 2024: "301 08 机关事业单位基本养老保险缴  302", the figures printed on other lines)."""
    text = (
        "单位：万元\n"
        "30101    基本工资       14.12   30201    办公费              3.78\n"
        "         机关事业单位基本\n"
        "30108                6.18   30206    电费              0.00\n"
        "        养老保险缴费\n"
        "301    08   机关事业单位基本养老保险缴              302\n"
        "303                                    302\n"
    )
    rows = [(row.code, row.name, row.figures) for row in layout(make_report(text)).rows]
    assert rows == [
        ("30101", "基本工资", (14.12,)),
        ("30201", "办公费", (3.78,)),
        ("30108", "机关事业单位基本养老保险缴费", (6.18,)),
        ("30206", "电费", (0.0,)),
        ("30108", "机关事业单位基本养老保险缴", ()),
    ]
    details = economic.economic_detail(list(layout(make_report(text)).rows))
    assert [(d.code, d.amount.value) for d in details] == [
        ("30101", 14.12),
        ("30201", 3.78),
        ("30108", 6.18),
        ("30206", 0),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "中共上海市普陀区委社会工作部2024年度无“三公”经费财政拨款支出。",  # shgzb 2024 决算, its lines joined
        "说明：本单位本年度没有财政拨款“三公”经费支出，故本表无数据。",
    ],
)
def test_three_public_none_is_zero(passage, sentence):
    found = three_public.three_public(passage(sentence))
    assert found["total"].amount.value == 0
    assert "三公" in found["total"].amount.evidence.quote


def test_three_public_none_never_overrides_a_stated_total(passage):
    text = "“三公”经费预算为2.30万元。其中：无因公出国（境）费，不是无“三公”经费。"
    assert three_public.three_public(passage(text))["total"].amount.value == 2.3


def test_spending_part_breakdown_by_economic_class(passage, make_report):
    """001: 基本支出 is broken into economic classes in its own sentence; 项目支出's breakdown is its own."""
    text = (
        "按支出项目类别划分：基本支出393.98万元，较上年预算安排增加80.02万元；包括工资福利支出289.19万元、"
        "商品和服务支出101.8万元；,对个人和家庭的补助1.79万元,资本性支出 1.2万元。\n"
        "项目支出 48.5万元,较上年预算安排减少20.00万元;其中：工资福利支出 0万元,商品和服务支出 48.5 万元,资本性支出 0万元。"
    )
    found = totals.expenditure(layout(make_report(text)))
    basic = {entry.code: entry.amount.value for entry in found["basic"].economic}
    project = {entry.code: entry.amount.value for entry in found["project"].economic}
    assert basic == {"301": 289.19, "302": 101.8, "303": 1.79, "310": 1.2}
    assert project == {"301": 0, "302": 48.5, "310": 0}


def test_spending_part_without_breakdown_has_none(passage, make_report):
    text = "基本支出550.39万元，占92.75%；项目支出43.00万元，占7.25%。主要用于以下方面：一般公共服务支出469.47万元。"
    found = totals.expenditure(layout(make_report(text)))
    assert found["basic"].economic == [] and found["project"].economic == []


def test_performance_managed_sums_every_source(passage):
    """003's sentence, and one in 元: the count and the funds over all sources."""
    text = (
        "2024年，杜集区政府办1个项目实行了绩效目标管理，涉及一般公共预算当年财政拨款60万元、政府性基金预算当年财政拨款0万元、"
        "财政专户管理资金当年安排0万元和单位资金当年安排0万元。"
    )
    managed = performance.performance_managed(passage(text))
    assert (managed.count.value, managed.amount.value) == (1, 60)
    in_yuan = "本部门3个项目实行绩效目标管理，涉及一般公共预算当年财政拨款1,234,500.00元、政府性基金预算当年财政拨款100,000元。"
    managed = performance.performance_managed(passage(in_yuan))
    assert (managed.count.value, managed.amount.value) == (3, 133.45)
    assert performance.performance_managed(passage("本部门无项目支出。")) is None


def test_performance_managed_for_every_project_has_no_count(passage):
    """cq-jtw-2018: "项目支出均实行了绩效目标管理" covers all projects without counting them."""
    text = "３.绩效目标设置情况。2018年项目支出均实行了绩效目标管理，涉及一般公共预算当年财政拨款263928.15万元。"
    managed = performance.performance_managed(passage(text))
    assert managed.count is None and managed.amount.value == 263928.15


def test_performance_managed_as_projects_reporting_targets(passage):
    """sh-putuo-zfb-2025: "编报绩效目标的项目11个，涉及项目预算资金6626万元" (the sentence wraps in the PDF)."""
    text = (
        "按照本区预算绩效管理工作的总体要求，本部门1个预算单位开展了2025年项目预算绩效目标编报工作，编报绩效目标的项目11个，\n"
        "涉及项目预算资金6626万元。"
    )
    managed = performance.performance_managed(passage(text))
    assert (managed.count.value, managed.amount.value) == (11, 6626)
    with_total = "2025年度，本部门编报绩效目标的项目共25个，涉及项目预算资金11381.60万元。"  # sh-putuo-swj-2025
    managed = performance.performance_managed(passage(with_total))
    assert (managed.count.value, managed.amount.value) == (25, 11381.6)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # sh-putuo-ghzy-2024-final: the prose names the 款 after its 类; the table row has the code
            "单位：万元\n2210203   购房补贴          171.49    171.49\n\n"
            "  13、住房保障支出（类）住房保障支出（款）购房补贴（项）\n主要用于：行政单位购房补贴支出。年初预算为 171.49 万元，\n"
            "支出决算为 171.49 万元，完成年初预算的 100.00%。",
            ("2210203", "住房改革支出", "购房补贴", 171.49, 171.49),
        ),
        (  # sh-putuo-wanli-2025: the 款 written as the 项
            "单位：元\n210   07   17   计划生育服务               200,000       200,000   0   0   0\n"
            "    21. “卫生健康支出（类）卫生健康支出（款）计划生育事务（项）”科目20.00万元，主要用于计划生育事务。",
            ("2100717", "计划生育事务", "计划生育服务", 20, None),
        ),
    ],
)
def test_a_misnamed_prose_item_takes_its_table_rows_code(make_report, text, expected):
    segmented = layout(make_report(text))
    [item] = functions.line_items(segmented.prose, list(segmented.rows), 2024)
    initial = item.initial_budget.value if item.initial_budget else None
    assert (item.code, item.section, item.item, item.amount.value, initial) == expected
    assert "科目" in item.amount.evidence.quote or "决算" in item.amount.evidence.quote, "the prose states it"


def test_a_prose_item_with_another_amount_is_not_the_table_rows_twin(make_report):
    text = "单位：万元\n2210203   购房补贴          171.49\n住房保障支出（类）住房保障支出（款）购房补贴（项）150.00万元。"
    segmented = layout(make_report(text))
    items = functions.line_items(segmented.prose, list(segmented.rows), 2024)
    assert [(item.code, item.amount.value) for item in items] == [(None, 150), ("2210203", 171.49)]


def test_a_unit_code_under_blank_code_columns_is_not_a_classification_code(make_report):
    """Seed 004's 支出表 prints the 单位代码 201 after three empty 科目 cells; only the 科目 columns hold codes."""
    text = (
        "单位：万元\n"
        "\t\t\t201\t公共服务\t593.39\t550.39\n"
        "201\t31\t01\t\t行政运行\t469.47\t426.47\n"
    )
    rows = [(row.code, row.name, row.figures) for row in layout(make_report(text)).rows]
    assert rows == [("2013101", "行政运行", (469.47, 426.47))]


@pytest.mark.parametrize(
    ("name", "region", "expected"),
    [
        ("淮北市相山区人民政府办公室", Region("安徽省", "淮北市", "相山区"), "huaibei-xiangshan-zhengfuban-2024"),
        ("重庆市交通委员会", Region("重庆市", "重庆市"), "chongqing-jiaotongwei-2024"),
        ("上海市普陀区司法局", Region("上海市", "上海市", "普陀区"), "shanghai-putuo-sifaju-2024"),
        ("杭州市财政局", Region("浙江省", "杭州市"), "hangzhou-caizhengju-2024"),
        ("广东省财政厅", Region("广东省"), "guangdong-caizhengting-2024"),  # a province's own department names its province
    ],
)
def test_report_ids_name_the_place_above_the_department(name, region, expected):
    assert report_id(Department(name=name, region=region), 2024, "budget", "department") == expected


def test_place_slugs_keep_shaanxi_and_shanxi_apart():
    """陕西 and 山西 share their pinyin: the official romanisation gives them two URLs."""
    assert (place_slug("陕西省"), place_slug("山西省"), place_slug("淮北市")) == ("shaanxi", "shanxi", "huaibei")


def test_an_amount_after_increased_or_decreased_is_a_change_not_the_figure(make_report):
    """rw-sh unit budget "人员经费增加187万元，公用经费减少13万元" and rw-gd-sz "基本支出增加 88.05 万元": the
    changes explaining a total are not the 人员经费, 公用经费 and 基本支出 themselves."""
    text = (
        "  财政拨款收入支出增加的主要原因是：人员经费增加187万元，公用经费减少13万元，项目经费减少105万元。\n"
        "   预算收支减少主要原因说明：1.基本支出增加 88.05 万元，\n"
    )
    document = make_report(text)
    assert totals.expenditure(layout(document)) == {}


def test_basic_and_project_from_the_spending_table_with_a_remarks_column(make_report):
    """cq-swu 2024: the 支出预算表 ends its header with 备注; the 财政拨款支出预算表 after it (fiscal only, 244,675.66)
    must not stand for all spending."""
    text = (
        "西南大学支出预算表\n单位：万元\n"
        " 科目编码                    科目名称        合计              基本支出         项目支出         备注\n"
        "205             教育支出                 452,738.18      344,338.18   108,400.00\n"
        "合计                                   486,554.95      376,880.37   109,674.58\n"
        "西南大学财政拨款支出预算表\n单位：万元\n"
        "  科目代码                   科目名称        合计           基本支出         项目支出\n"
        "合计                                   244,675.66   207,010.97   37,664.69\n"
    )
    found = totals.basic_and_project_columns(layout(make_report(text)))
    assert (found["basic"].amount.value, found["project"].amount.value) == (376880.37, 109674.58)


def test_personnel_is_quoted_with_the_source_basic_spending_it_is_part_of(make_report):
    """rw-js-wx/suz: "财政拨款基本支出预算279,627.29万元，其中：（一）人员经费…", across a line and a page break: the
    quote names that whole, so the check holds 人员经费 + 公用经费 to it rather than to all 基本支出."""
    text = (
        "       无锡市教育局 2026 年度财政拨款基本支出预算 279,627.29 万\n"
        "  元，其中：\n"
        "       （一）人员经费 262,303.68 万元。主要包括：基本工资、津\n"
    )
    document = make_report(text)
    personnel = totals.expenditure(layout(document))["personnel"].amount
    assert (personnel.value, personnel.evidence.line) == (262303.68, 3)
    assert personnel.evidence.quote == "财政拨款基本支出预算279,627.29万元，其中：（一）人员经费262,303.68万元"
    broken = (
        "苏州市自然资源和规划局2026年度财政拨款基本支出预算\n- 39 -\n"
        "苏州市自然资源和规划局2026年度部门预算公开\n  12,889.17 万元，其中：\n       （一）人员经费 11,577.73 万元。\n"
    )
    document = make_report(broken)
    personnel = totals.expenditure(layout(document))["personnel"].amount
    assert (
        personnel.evidence.quote.startswith("财政拨款基本支出预算")
        and "12,889.17万元，其中" in personnel.evidence.quote
    )


def test_a_projects_funds_and_targets_are_not_income_sources(passage):
    """rw-gd-sz project notes: "其他收入工作经费 134.70 万元" (a project's funds), "经营收入达 800 万元" (a target),
    "污水处理服务费（政府性基金）35,927.64 万元" (a fee, its source in brackets) state no income of the department."""
    text = (
        "费；其他收入工作经费 134.70 万元，主要用于开展近岸海域环境质量监测。\n"
        "划完成开展不少于 20 个经营项目，经营收入达 800 万元，税收较上年增长超 5%。\n"
        "  2.污水处理服务费（政府性基金）35,927.64 万元，主要用于支付水质净化厂运营费用。\n"
    )
    assert totals.income(passage(text)) == {}
    assert totals.income(passage("其中：政府性基金预算拨款收入（不含结转）100.00万元。"))["gov_fund"].amount.value == 100


def test_a_transfers_spending_is_not_the_total(make_report):
    """rw-gd-sz: "本单位上级专项转移支付支出预算为1,047.61万元" is one transfer's spending; the 收支总表's 支出总计
    15,480.26 is the total."""
    text = (
        "本单位上级专项转移支付支出预算为1,047.61万元，包括中央财政转移支付——医疗服务与保障能力提升补助资金1,047.61万元。\n"
        "单位：万元\n收入总计\t15,480.26\t支出总计\t15,480.26\n"
    )
    document = make_report(text)
    assert totals.totals(layout(document)).expenditure.value == 15480.26


def test_total_cells_come_from_table_rows_holding_a_total(make_report):
    document = make_report(
        "单位：万元\n"
        "本年收入合计    2,946.25    本年支出合计    2,900.00\n"
        "收入合计为2,946.25万元。\n"  # prose, not a table row
        "年末结转和结余    46.25\n"
        "一般公共服务支出    120.00"  # no total
    )
    found = [(cell.line, cell.label, cell.amount) for cell in totals.total_cells(layout(document))]
    assert found == [(2, "本年收入合计", 2946.25), (2, "本年支出合计", 2900.0), (4, "年末结转和结余", 46.25)]
