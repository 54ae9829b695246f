"""The parse lists prose lines whose amounts no rule read, so nothing is lost silently."""

from __future__ import annotations

import pytest

from generator.extract import audit
from generator.pipeline import extract_report
from generator.read import Document
from generator.records import Department, Report
from generator.segment.layout import layout
from tests.conftest import ROOT, seed
from tests.test_statements import document_of, words_page


def test_a_seed_read_whole_leaves_only_thresholds_unlisted():
    """000 states "单价50万元以上" and indicator values "≤385万元": no spending, so no warning."""
    report, document = extract_report(seed("000"))
    assert audit.unread_lines(report, layout(document)) == []
    assert report.warnings == []


def test_an_amount_no_rule_reads_is_listed_with_its_line(tmp_path):
    """001 plus a sentence of a kind no rule reads: that line, and only it, is named."""
    text = seed("001").read_text(encoding="utf-8") + "\n另安排专项债券资金60.41万元。\n"
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    report, document = extract_report(path)
    added = next(line.no for line in document.lines if "60.41" in line.text)
    unread = [line.no for line in audit.unread_lines(report, layout(document))]
    assert added in unread
    assert f"e.g. line {unread[0]}" in report.warnings[0] and f"{added})" in report.warnings[0]


@pytest.mark.parametrize(
    ("text", "amount", "kind"),
    [
        # sh-pt-wanli-2023
        ("管理事务。2022年当年预算执行数为1096.67万元，2023年预算安排1822.95万元，比2022年预算执行数增加66.23%。",
         "1096.67", "previous-outcome"),
        # rw-bj: the base of the totals' change
        ("2026年度收入预算529260.34万元，比2025年年初预算数547012.85万元减少17752.51万元，下降3.25%。",
         "547012.85", "change-base"),
        # rw-gd-sz: a unit's budget, its parts, and a part under its own heading
        ("深圳市生态环境局光明管理局预算8,726.94万元，包括在职人员经费1,174.65万元、公用经费165.99万元、",
         "8,726.94", "in-service-split"),
        ("包括在职人员经费1,174.65万元、公用经费165.99万元、对个人和家庭的补助支出9.91万元、增人增资60.00万元、",
         "9.91", "in-service-split"),
        # rw-gd-sz: a project told by its uses, and the parts its uses list
        ("1.水源保护管理项目2,611.52万元，主要包括：饮用水源保护", "2,611.52", "uses"),
        ("6.行政综合管理与保障预算660.12万元，用于人事管理、财务管理", "660.12", "uses"),
        ("正常运转；编外人员639.94万元，用于劳务派遣服务项目劳务费", "639.94", "uses"),
        ("2.上级下达资金预算6,135.5万元，主要包括中央公共文化服务体系建设资金3,949万元、中央集中彩票公益金1,922万元",
         "1,922", "uses"),
        # rw-gd-sz
        ("单价100万元以上设备1台（套）、224.00万元，主要是购置1艘电动巡逻船。", "224.00", "assets"),
        ("截止2022年12月31日，本部门流动资产448.82万元。固定资产3149.52万元，其中：房屋14609.83平方米；", "3149.52",
         "assets"),
        ("4.研究调研活动166.02万元，主要包括：政府重要文稿起草及调研工作116.3万元，用于开展重要文稿起草有关工作的"
         "支出；党建及业务专题培训49.72万元，用于开展党建及业务专题培训工作的支出。较2025年年初预算增加28.46万元，增幅"
         "20.7%。", "28.46", "uses"),
        ("2023年本部门面向中小企业预留政府采购项目预算金额332.00万元，其中，", "332.00", "procurement-small-firms"),
        ("完成生态环境法律顾问服务的成本不超过132.3万元，生态环境政策评估服", "132.3", "limit"),
        ("对购买新能源的车辆给予1万元至4.5万元的补贴", "1", "limit"),
        ("2026年污水处理费预算总额30,005.76万元，分别从一般公共预算与政府性基金列支，", "30,005.76", "other-costs"),
        # rw-fj-fz
        ("支出2796.14万元，比上年增加166.68万元，增长6.34%，主要原因是基本支出增加49.12万元，项目支出增加117.56万元。",
         "117.56", "reason"),
        # rw-js-suz
        ("苏州市交通运输局2026年度一般公共预算拨款安排的会议费预算支出45.12万元，比上年预算减少18.23万元，",
         "18.23", "other-costs"),
        ("2026年，福州市医疗保障局委托业务费预算总额167万元。", "167", "other-costs"),
        # cq-swu-2021
        ("其中本年收入预算390,140.45万元，使用非财政拨款结余18,953.73万元，上年结转81,714.17万元；", "18,953.73",
         "income-group"),
        ("（二）本年其他资金收入880.69万元", "880.69", "income-group"),
        # cq-swu-2023, rw-js-wx
        ("我校2023年当年财政拨款支出预算230,876.38万元，其中教育支出208,613.34万元，占90.36%；", "208,613.34",
         "source-part"),
        ("无锡市教育局2026年度一般公共预算财政拨款基本支出预算279,627.29万元，其中：", "279,627.29", "source-part"),
        ("财政拨款支出主要内容如下：\n2.“卫生健康支出”科目2,206万元，主要用于保障正常业务开展的支出；", "2,206",
         "source-part"),
        # sh-pt-wanli-2023, rw-bj, rw-fj-fz
        ("第一季度用款计划25.88万元，第二季度用款计划180.74万元", "180.74", "quarterly-plan"),
        ("光学成本指标经济成本指标978.998万元质量检测等领域", "978.998", "indicator"),
        ("闽清、永泰补助50%，即每人补助2.25万元/年,需预算安排479.25万元。", "2.25", "rate"),
    ],
)
def test_statements_with_no_key_are_known_by_their_kind(text, amount, kind):
    """Each kind in PLACELESS on a real sentence of the corpus."""
    match = next(found for found in audit.STATED_AMOUNT.finditer(text) if found[1] == amount)
    assert audit.placeless_kind(text, match) == kind


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        # figures with keys, however close to a kind with none
        ("（二）公用经费163.75万元，主要包括公用综合定额经费、水电费", "163.75"),
        ("1.教育支出2,000.00万元，主要用于学校运转。", "2,000.00"),
        ("（三）对个人和家庭补助支出50.00万元，较2025年年初预算增加5.00万元。", "5.00"),
        ("（一）因公出国（境）费用。2026年预算数59万元，主要用于建筑、房地产业发展规划出国（境）考察经费。", "59"),
        ("主要原因是重点实验室拨款增加；住房保障支出比上年增加7.68万元。", "7.68"),
        ("2026年年初预算为1200.00万元，支出决算为1164.00万元", "1164.00"),
        ("2026年下达转移支付资金1,100.00万元到我部，纳入部门年初预算", "1,100.00"),
        ("2026年“三公”经费预算总额27.60万元，较2025年年初预算增加8.10万元。", "27.60"),
    ],
)
def test_statements_of_figures_with_keys_are_of_no_placeless_kind(text, amount):
    """Left unread, these are a rule's miss, so the audit names them."""
    match = next(found for found in audit.STATED_AMOUNT.finditer(text) if found[1] == amount)
    assert audit.placeless_kind(text, match) is None


def test_an_amount_again_under_its_own_heading_is_known_with_its_statement(tmp_path):
    """rw-gd-sz: a unit's 公用经费 split in one sentence, then stated again under its heading: neither line is named."""
    text = seed("001").read_text(encoding="utf-8") + (
        "\n深圳市生态环境局光明管理局预算8,726.94万元，包括在职人员经费1,174.65万元、公用经费265.99万元。\n"
        "（二）公用经费265.99万元，主要包括公用综合定额经费、水电费。\n"
    )
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    report, document = extract_report(path)
    assert not any("265.99" in line.text for line in audit.unread_lines(report, layout(document)))


def test_a_row_of_a_standard_table_is_evidence_not_prose():
    """A table row with a comma in its label reads like prose in the layout text; the table's words place it."""
    page = words_page([
        [("项目支出表", 250, 300)],
        [("单位：万元", 450, 500)],
        [("项目名称", 100, 140), ("合计", 300, 340)],
        [("会务保障，含资料印制", 100, 200), ("12.50", 300, 340)],
    ])
    lines = ["项目支出表", "单位：万元", "项目名称 合计", "会务保障，含资料印制 12.50万元"]
    report = Report(id="made-up-2026", source_file="made-up.pdf", sha256="", department=Department(name="某局"))
    table = document_of(page, lines)
    assert audit.unread_lines(report, layout(table)) == []
    prose = Document(path=table.path, sha256="", lines=table.lines)
    assert [line.no for line in audit.unread_lines(report, layout(prose))] == [4]


def test_the_readme_names_every_kind_with_no_key():
    """The README's table of what the audit knows and does not list stays true to PLACELESS."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert all(f"`{kind.name}`" in readme for kind in audit.PLACELESS)
