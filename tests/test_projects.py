"""Projects and their 绩效目标 from every layout in the seeds, on real report text beside the expected records."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
import yaml

from generator.extract.projects import projects
from generator.read import read_report
from generator.records import Indicator, Project
from generator.segment.layout import layout

SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture
def parse(make_report):
    """The projects of a report made from the given text."""

    def run(text: str) -> list[Project]:
        document = make_report(text)
        return projects(layout(document))

    return run


def output(level2: str, name: str, value: str, level1: str | None = None) -> Indicator:
    return Indicator(value=value, level1=level1, level2=level2, name=name)


# 000: the prose block states no amount; the table at the end of the report (tab rows) has it all.
PROSE_000 = """十三、其他重要事项情况说明
（一）项目及绩效目标情况。
1、“政府办工作经费”项目。
（1）项目概述。用于区政府办公室、区营商环境服务中心、重大项目办日常运转经费。
（6）年度预算安排。用于区政府办公室、区营商环境服务中心、重大项目办日常运转经费。
（7）绩效目标。用于区政府办公室、区营商环境服务中心、重大项目办日常运转经费。
（二）机关运行经费。
淮北市相山区人民政府办公室2024年机关运行经费财政拨款预算36.36万元。
"""
TAB_TABLE_000 = """项目支出绩效目标表

\t\t项目支出绩效目标表

\t\t项目名称\t\t\t\t\t\t政府办工作经费

\t\t项目资金
（万元）\t\t\t\t\t\t 年度资金总额：\t\t\t\t\t\t      255.00

\t\t年度
目标\t\t用于区政府办公室、区营商环境服务中心、重大项目办日常运转经费。

\t\t绩
效
指
标\t\t一级
指标\t\t二级指标\t\t\t\t三级指标\t\t\t\t指标值

\t\t\t\t产出指标\t\t数量指标\t\t\t\t申请数额\t\t\t\t≤385万元

\t\t\t\t\t\t质量指标\t\t\t\t及时完成率\t\t\t\t≥98%

\t\t\t\t满意度指标\t\t满意度指标\t\t\t\t群众满意度\t\t\t\t≥95%
"""
SPACED_TABLE_000 = """ 项目支出绩效目标表

项目名称

主管部门及代码 实施单位

 年度资金总额：

   其中：财政拨款

绩

效

指

标

一级

指标

二级指标 三级指标 指标值

产出

指标

数量指标 申请数额 ≤385万元

质量指标 及时完成率 ≥98%

满意

度指

标

满意度指标 群众满意度 ≥95%

政府办工作经费

本级申报项目 1年

      255.00
"""
INDICATORS_000 = [
    output("数量指标", "申请数额", "≤385万元", "产出指标"),
    output("质量指标", "及时完成率", "≥98%", "产出指标"),
    output("满意度指标", "群众满意度", "≥95%", "满意度指标"),
]


def test_prose_heading_takes_its_table_from_the_end_of_the_report(parse):
    """000: the table names the project the prose heading announced and gives its amount and indicators."""
    (project,) = parse(PROSE_000 + TAB_TABLE_000)
    assert project == Project(name="政府办工作经费", amount=project.amount, indicators=INDICATORS_000)
    assert project.amount.value == 255
    assert project.amount.evidence.line == 16
    assert "255.00" in project.amount.evidence.quote
    assert [indicator.line for indicator in project.indicators] == [27, 29, 31]


def test_table_repeated_in_a_second_layout_is_counted_once(parse):
    """000: the export repeats the table with one cell per line and its values at the end: read once."""
    found = parse(PROSE_000 + TAB_TABLE_000 + SPACED_TABLE_000)
    assert [project.name for project in found] == ["政府办工作经费"]
    assert found[0].indicators == INDICATORS_000


def test_spaced_table_rejoins_split_labels_and_stops_at_its_trailing_values(parse):
    """000's second layout alone: "产出"/"指标" is one label, and "本级申报项目 1年" is no indicator."""
    (project,) = parse(PROSE_000 + SPACED_TABLE_000)
    assert project.name == "政府办工作经费"
    assert project.indicators == INDICATORS_000
    assert project.amount is None


# 002: a block per project; its table has one cell per line, wrapped cells continue on untabbed lines.
BLOCK_002 = """（一）项目及绩效目标情况。
1、“调研活动经费”项目。
（1）项目概述。
用于区领导出国考察，调研重点项目招商引资开发区建设外地考察学习等。
（6）年度预算安排。
52.5万元。
（7）绩效目标。
\t项目支出绩效目标表

\t项目名称
\t调研活动经费

\t项目资金
（万元）
\t 年度资金总额：
\t52.5万元

\t绩
效
指
标
\t一级
指标
\t二级指标
\t三级指标
\t指标值

\t
\t产出指标
\t数量指标
\t调研次数
\t≥50次

\t
\t
\t质量指标
\t质量程度
\t较好

\t
\t满意度指标
\t满意度指标
\t群众满意度
\t≥98%


2、“应急管理经费”项目。
（1）项目概述。
用于区政府应急值班值守防范化解重大风险，及时应对紧急情况等。
（6）年度预算安排。25万
（7）绩效目标。
\t项目支出绩效目标表
\t项目名称
\t应急管理经费
\t绩效指标
\t一级指标
\t二级指标
\t三级指标
\t指标值
\t产出指标
\t数量指标
\t应急值守天数
\t=365天
（二）机关运行经费。
杜集区政府办2025年机关运行经费财政拨款预算40.99万元。
"""


def test_blocks_with_one_cell_per_line_tables(parse):
    """002: the amount on the line after 年度预算安排 or right after it ("25万" is 万元); 满意度指标 twice is both levels."""
    first, second = parse(BLOCK_002)
    assert first == Project(
        name="调研活动经费",
        amount=first.amount,
        indicators=[
            output("数量指标", "调研次数", "≥50次", "产出指标"),
            output("质量指标", "质量程度", "较好", "产出指标"),
            output("满意度指标", "群众满意度", "≥98%", "满意度指标"),
        ],
    )
    assert (first.amount.value, first.amount.evidence.line) == (52.5, 6)
    assert (second.name, second.amount.value, second.amount.evidence.line) == ("应急管理经费", 25, 50)
    assert second.indicators == [output("数量指标", "应急值守天数", "=365天", "产出指标")]


def test_the_heading_names_the_project_not_its_table(parse):
    """002: "“政务网络及新媒体项目”项目" with a table calling it "政务网络及新媒体项目经费"; the heading's name is kept."""
    text = """5、“政务网络及新媒体项目”项目。
（1）项目概述。
用于政务网络维护及更新。
（6）年度预算安排。70万
\t项目支出绩效目标表
\t项目名称
\t政务网络及新媒体项目经费
\t指标值
\t产出指标
\t数量指标
\t维护及更新次数
\t≥2次
"""
    (project,) = parse(text)
    assert (project.name, project.amount.value) == ("政务网络及新媒体项目", 70)
    assert project.indicators == [output("数量指标", "维护及更新次数", "≥2次", "产出指标")]


def test_amount_from_the_table_when_the_prose_leaves_it_blank(parse):
    """003: "（6）年度预算安排。" is empty; the table's 年度资金总额 gives 74万元."""
    text = """1.“调研活动经费”项目。

（1）项目概述。通过区政府领导同志调研重点项目、招商引资、开发区建设、外地考察学习等活动，推动我区经济社会高质量发展。
（6）年度预算安排。

（7）绩效目标。通过区政府领导同志调研重点项目、招商引资、开发区建设、外地考察学习等活动，推动我区经济社会高质量发展。
\t项目支出绩效目标表
\t项目名称
\t调研活动经费
\t项目资金

（万元）
\t 年度资金总额：
\t74万元
"""
    (project,) = parse(text)
    assert (project.name, project.amount.value, project.amount.evidence.line) == ("调研活动经费", 74, 14)


def test_bare_headings_with_prose_indicators(parse):
    """001: numbered and bare "…项目" headings, recognised by the 项目概述 under them; indicators as prose lines."""
    text = """（九）项目情况说明（部门本级）

1.外事专项经费（因公出国）项目
   1）项目概述：负责全区外事工作。贯彻执行党和国家外事工作方针政策，法规。
   6）年度预算安排：2024年安排财政拨款40万元
   7）绩效目标和指标
数量指标：按时完成外事工作任务。
满意度指标：外事工作对象满意率≥95%。

综治专项经费及政务公开经费项目

  1）项目概述：保障本单位综治工作正常开展。
   5）年度预算安排：2024年安排财政拨款8.5万元
   6）绩效目标和指标：

质量指标：完成综治专项及政务公开的任务=100%。

二、2024年“三公”经费预算情况说明
因公出国  40  万元,比上年减少  20万元。
"""
    first, second = parse(text)
    assert first == Project(
        name="外事专项经费（因公出国）",
        amount=first.amount,
        indicators=[
            Indicator(value="按时完成外事工作任务", level2="数量指标"),
            Indicator(value="外事工作对象满意率≥95%", level2="满意度指标"),
        ],
    )
    assert (first.amount.value, first.amount.evidence.line) == (40, 5)
    assert first.amount.evidence.quote == "6）年度预算安排：2024年安排财政拨款40万元"
    assert second == Project(
        name="综治专项经费及政务公开经费",
        amount=second.amount,
        indicators=[Indicator(value="完成综治专项及政务公开的任务=100%", level2="质量指标")],
    )
    assert [indicator.line for indicator in first.indicators + second.indicators] == [7, 8, 16]
    assert second.amount.value == 8.5


def test_project_heading_without_any_table(parse):
    """A project block with no table and no indicators is still a project, with its amount."""
    text = """1、“档案数字化经费”项目。
（1）项目概述。用于馆藏档案数字化加工。
（6）年度预算安排。30万元。
（7）绩效目标。完成档案数字化加工。
（二）机关运行经费。
"""
    (project,) = parse(text)
    assert project == Project(name="档案数字化经费", amount=project.amount)
    assert (project.amount.value, project.amount.evidence.line) == (30, 3)


def test_made_up_phrasing_of_the_annual_amount(parse):
    """A made-up phrasing, "年度预算安排：安排资金12.5万元", and an amount in 元 (become 万元)."""
    text = """1、“法律顾问经费”项目
（1）项目概述：聘请常年法律顾问。
（6）年度预算安排：安排资金12.5万元
2、“普法宣传经费”项目
（1）项目概述：开展普法宣传活动。
（6）年度预算安排：2025年安排财政拨款85000元
"""
    found = parse(text)
    assert [(project.name, project.amount.value) for project in found] == [
        ("法律顾问经费", 12.5),
        ("普法宣传经费", 8.5),
    ]


def test_untitled_table_after_a_block(parse):
    """A table exported without its title starts at its 项目名称 row and joins the project it names."""
    text = """1、“信息化运维经费”项目。
（1）项目概述。用于机房和网络运维。
（二）政府采购情况。
项目名称\t信息化运维经费
项目资金（万元）\t年度资金总额：\t18.00
一级指标\t二级指标\t三级指标\t指标值
产出指标\t数量指标\t运维设备数量\t≥120台
\t\t故障修复时长\t≤24小时
"""
    (project,) = parse(text)
    assert project.amount.value == 18
    assert project.indicators == [
        output("数量指标", "运维设备数量", "≥120台", "产出指标"),
        output("数量指标", "故障修复时长", "≤24小时", "产出指标"),
    ]


# 004: a 项目支出表 (category, name — cut short —, unit, amounts) and a 绩效目标汇总表 (code, name with stray spaces,
# amounts, indicator pairs, more pairs on continuation rows).
LISTS_004 = """2024 年项目支出表

预算 10 表

金额单位：万元

类型\t项目名称\t项目单位\t合计\t本年拨款\t\t\t财政拨款结转结余
\t\t\t43.00\t43.00\t\t\t
\t201\t公共服务\t43.00\t43.00\t\t\t
其他运转类\t档案办公经费\t中共新乡市牧野区委办公\t1.00\t1.00\t\t\t
其他运转类\t党政专用电视会议系统维\t中共新乡市牧野区委办公\t5.00\t5.00\t\t\t

本级部门(单位)整体绩效目标表

一级指标\t二级指标\t三级指标\t指标值\t指标值说明
效益指标\t履职效益\t提升社会公众文化素养\t提升\t

410711230000000009215\t档案办公经 费\t1.00\t1.00\t\t\t查阅档案 总成本\t≤1万元\t查阅档案 次数\t≥120次\t满足各局 委、国企退 休人员查 阅档案需 求\t≥95%\t查阅档案 人员满意 度\t≥95%
\t\t\t\t\t\t\t\t查阅档案 准确率\t≥95%\t\t\t\t

\t\t\t\t\t\t\t\t每次查阅档案时间\t≤2 小时\t\t\t\t
410711230000000009217\t党政专用电视会议系统维修维护经费\t5.00\t5.00\t\t\t总维修费\t≤5 万元\t电视会议系统利用次数\t≥30 次\t上级指示及时传达\t≥90%\t参会领导、人员满意度\t≥95%
"""


def test_list_tables_merge_by_name(parse):
    """004: names from the 汇总表 (stray spaces joined, in full), category from the 项目支出表, code and pairs."""
    first, second = parse(LISTS_004)
    assert first == Project(
        name="档案办公经费",
        amount=first.amount,
        category="其他运转类",
        code="410711230000000009215",
        indicators=[
            Indicator(value="≤1万元", name="查阅档案总成本"),
            Indicator(value="≥120次", name="查阅档案次数"),
            Indicator(value="≥95%", name="查阅档案准确率"),
            Indicator(value="≤2小时", name="每次查阅档案时间"),
            Indicator(value="≥95%", name="满足各局委、国企退休人员查阅档案需求"),
            Indicator(value="≥95%", name="查阅档案人员满意度"),
        ],
    )
    assert (first.amount.value, first.amount.evidence.line) == (1, 10)
    assert (second.name, second.amount.value, second.category) == ("党政专用电视会议系统维修维护经费", 5, "其他运转类")
    assert second.code == "410711230000000009217"
    assert [indicator.value for indicator in second.indicators] == ["≤5万元", "≥30次", "≥90%", "≥95%"]


def test_shanghai_project_sheets(parse):
    """Shanghai "<name>经费情况说明" sheets: a nameless sheet and a plan by quarter give no project and no amount."""
    text = """                      人民调解项目经费情况说明

一、项目概述
人民调解承担着化解社会矛盾、维护社会稳定的责任。
六、年度预算安排
795万元
七、绩效目标
通过政府购买区人民调解协会服务工作模式，完善人民调解经费保障体系。

            区政府督查及建议提案工作业务经费项目经费情况说明

 一、项目概述
主要推进区委、区政府年度重点工作。
 六、年度预算安排
结合区政府重点工作推进情况，根据合同条款，按时拨付资金。
 七、绩效目标
 详见单位的项目绩效目标表

                   生命健康专项（政策资金）经费情况说明

 一、项目概述
     推动生命健康产业高质量发展，完成经济指标任务。
 六、年度预算安排
     2025年度项目总预算1170.00万，其中支持企业规模化发展870.00万，支持企业创新化发展70.00万，支持企业协同化发展
180.00万，支持企业国际化发展50.00万，合计1170.00万。

                             项目经费情况说明

一、项目概况
    由街道办事处建设的社区公共服务中心新建工程。
六、年度预算安排
   第一季度用款计划158.05万元，第二季度用款计划158.05万元。
"""
    found = parse(text)
    assert [(project.name, project.amount and project.amount.value) for project in found] == [
        ("人民调解项目", 795),
        ("区政府督查及建议提案工作业务经费", None),
        ("生命健康专项（政策资金）", 1170),
    ]
    assert found[0].amount.evidence.line == 6
    assert all(not project.indicators for project in found)


def fold(text) -> str:
    return "".join(unicodedata.normalize("NFKC", str(text)).split())


def test_every_seed_agrees_with_its_gold():
    """All five seeds: every gold project is found, with its amount and every indicator value."""
    if not (SHARED / "gold").is_dir():
        pytest.skip("../shared/gold is not beside the repository")
    for gold_path in sorted((SHARED / "gold").glob("*.yaml")):
        gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
        document = read_report(SHARED / "seeds" / gold["source"]["file"])
        found = projects(layout(document))
        source = [fold(line.text) for line in document.lines]
        expected = gold.get("projects") or []
        assert len(found) == len(expected), gold_path.name
        for want, got in zip(expected, found, strict=True):
            assert fold(got.name) == fold(want["name"]), gold_path.name
            assert got.amount.value == pytest.approx(want["amount"]), (gold_path.name, want["name"])
            assert fold(got.amount.evidence.quote)[:6] in source[got.amount.evidence.line - 1]
            for key in ("category", "code"):
                assert getattr(got, key) == want.get(key), (gold_path.name, want["name"], key)
            for indicator in want.get("indicators") or []:
                key = "name" if indicator.get("name") else "level2"
                matches = [
                    other
                    for other in got.indicators
                    if fold(getattr(other, key)) == fold(indicator[key])
                    and fold(other.value) == fold(indicator["value"])
                ]
                assert matches, (gold_path.name, want["name"], indicator)
                assert all(fold(other.value)[:6] in source[other.line - 1] for other in matches)
                for level in ("level1", "level2"):
                    if indicator.get(level):
                        assert any(fold(getattr(other, level)) == fold(indicator[level]) for other in matches)


def test_a_list_row_whose_columns_shifted_is_left_out(parse):
    """pdftotext drops a row's blank cells: seed 004's 单位代码 row ("201  公共服务  43.00") then puts the unit
    code in the category column and the unit in the name column. Such a row is no project."""
    text = (
        "项目支出表\n"
        "金额单位：万元\n"
        "类型          项目名称        项目单位          合计      一般公共预算\n"
        "                                       43.00     43.00\n"
        "           201        公共服务          43.00     43.00\n"
        "其他运转类     档案办公经费      某单位            1.00      1.00\n"
    )
    assert [(project.name, project.category) for project in parse(text)] == [("档案办公经费", "其他运转类")]
