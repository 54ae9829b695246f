"""Who publishes a report, for which year and scope: the opening lines of real reports (shortened), and ids."""

from __future__ import annotations

import pytest

from generator.errors import ReportError
from generator.extract import identity
from generator.extract.report_id import report_id
from generator.pipeline import parse_file
from generator.records import Department, Region
from generator.reference import gazetteer
from generator.segment.layout import cover, layout

BEIJING = Region("北京市", "北京市")


def identify(make_report, text: str) -> tuple[Department, int | None, str]:
    document = make_report(text)
    segmented = layout(document)
    prose, title = segmented.prose, identity.title(segmented.cover)
    department = identity.department(segmented, title)
    return department, identity.year(prose, title), identity.scope(prose, title)


@pytest.mark.parametrize(
    ("text", "name", "region", "year", "scope"),
    [
        (  # rw-bj-2026-budget-0e0df07d: a city department's title, 部门 before the year
            "北京市信访办公室部门2026年度部门预算\n信息公开\n第一部分2026年度部门预算情况说明\n一、部门情况说明\n",
            "北京市信访办公室",
            BEIJING,
            2026,
            "department",
        ),
        (  # rw-bj-2026-budget-b3d20c6f: no 年 after the year
            "北京市人民政府国有资产监督管理委员会2026部门预算情况的说明\n一、部门情况说明\n",
            "北京市人民政府国有资产监督管理委员会",
            BEIJING,
            2026,
            "department",
        ),
        (  # rw-gd-sz-2026-budget-10b50f71: （本级） is the scope, and the title wraps inside 部门
            "2026年深圳市医疗保障局（本级）部\n门预算\n一、文字部分\n二、表格部分\n",
            "深圳市医疗保障局",
            Region("广东省", "深圳市"),
            2026,
            "own",
        ),
        (  # rw-gd-sz-2026-budget-ccbe61e1: a district branch of a city bureau is a city-level body
            "2026年深圳市规划和自然资源局大鹏\n管理局部门预算\n一、文字部分\n",
            "深圳市规划和自然资源局大鹏管理局",
            Region("广东省", "深圳市"),
            2026,
            "department",
        ),
        (  # rw-fj-fz-2026-budget-unit-e1ceb355: a unit's 单位预算, its name wrapped on the cover
            "2026年度\n福州市公安局治安管理\n支队\n单位预算\n目录\n第一部分单位概况\n",
            "福州市公安局治安管理支队",
            Region("福建省", "福州市"),
            2026,
            "unit",
        ),
        (  # rw-fj-fz-2026-budget-unit-968213e4: (本级) in ASCII brackets on a 单位预算's cover
            "2026年度\n福州市民政局(本级)\n单位预算\n目录\n",
            "福州市民政局",
            Region("福建省", "福州市"),
            2026,
            "unit",
        ),
        (  # rw-sh-2026-budget-unit-bc4d9457: the title names only the city; the label names the unit
            "上海市2026年市级单位预算\n预算单位：上海市文化和旅游局执法总队\n       2026年1月\n                        目   录\n"
            "一、单位主要职能\n",
            "上海市文化和旅游局执法总队",
            Region("上海市", "上海市"),
            2026,
            "unit",
        ),
        (  # rw-sh-2026-budget-unit-ba57124e's cover with the genre's other label, 编制单位
            "上海市2026年市级单位预算\n编制单位：上海市中医文献馆\n一、单位主要职能\n",
            "上海市中医文献馆",
            Region("上海市", "上海市"),
            2026,
            "unit",
        ),
        (  # sh-pt-czj-2025-budget: the title names only the district; the label names the department
            "上海市普陀区2025年区级部门预算\n预算主管部门：上海市普陀区财政局\n一、部门主要职能\n",
            "上海市普陀区财政局",
            Region("上海市", "上海市", "普陀区"),
            2025,
            "department",
        ),
        (  # rw-fj-fz-2026-budget-unit-6d7eb4cc: a name starting with its city shortened
            "2026年度\n福州经济技术开发区生态\n环境局\n单位预算\n目录\n",
            "福州经济技术开发区生态环境局",
            Region("福建省", "福州市"),
            2026,
            "unit",
        ),
        (  # cq-swu-2023-final: a university is no body of the county its campus is in
            "西南大学 2023 年度部门决算\n     2024 年 8 月\n             目录\n一、学校概况\n"
            "西南大学是教育部直属，教育部、农业农村部、重庆市共建的重点综合大学。\n学校主体位于重庆市北碚区。\n",
            "西南大学",
            Region("重庆市", "重庆市"),
            2023,
            "department",
        ),
    ],
)
def test_publisher_year_and_scope_from_the_cover(make_report, text, name, region, year, scope):
    department, found_year, found_scope = identify(make_report, text)
    assert (department.name, department.region, found_year, found_scope) == (name, region, year, scope)


def test_a_bracketed_second_name_is_an_alias(make_report):
    """rw-sh-2026-budget-unit-699c2bee: one body with two names (一个机构两块牌子)."""
    text = "  上海市2026年市级单位预算\n预算单位：上海市统计和大数据研究院（上海市统计数据管理中心）\n   目   录\n"
    department, _, _ = identify(make_report, text)
    assert (department.name, department.aliases) == ("上海市统计和大数据研究院", ["上海市统计数据管理中心"])


@pytest.mark.parametrize(
    ("year_line", "name"),
    [
        ("                                               （2026年度）", "北京市重大项目建设指挥部办公室"),
        ("                                           2026（年度）", "中共北京市委军民融合发展委员会办公室"),
    ],
)
def test_a_file_of_tables_only_is_named_by_its_department_row(make_report, year_line, name):
    """rw-bj-2026-budget-tables-04dfdd9a, -bfd3759a (北京's 附件2): no cover, no prose naming the department; the
    部门整体支出绩效目标表 names it in a row and states the year under its title."""
    text = (
        "                            预算01表 收支总表\n"
        "                                                                 金额单位：万元\n"
        "一、一般公共预算拨款收入                  4,695.064898 一、一般公共服务支出\n"
        "                                      预算13表 部门整体支出绩效目标表\n"
        f"{year_line}\n\n"
        f"    部门名称            {name}\n"
    )
    department, year, scope = identify(make_report, text)
    assert (department.name, department.region, year, scope) == (name, BEIJING, 2026, "department")


def test_a_report_naming_no_publisher_is_an_error(tmp_path):
    """A record needs its department (its id and page are the department's): no `dept-2024` stand-in."""
    path = tmp_path / "anonymous.txt"
    path.write_text("一、收支预算情况\n2024年收支总预算657.88万元，比上年增加22.76万元。\n", encoding="utf-8")
    with pytest.raises(ReportError, match="no publisher found") as raised:
        parse_file(path)
    assert raised.value.path == path


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("北京市水务局", "北京市商务局"),  # both swj in pinyin initials
        ("苏州市审计局", "苏州市数据局"),  # both sjj
    ],
)
def test_ids_of_departments_with_the_same_initials_differ(one, other):
    region = gazetteer_region(one)
    ids = {report_id(Department(name=name, region=region), 2026, "budget", "department") for name in (one, other)}
    assert len(ids) == 2


def gazetteer_region(name: str) -> Region:
    found = gazetteer.resolve(name)
    assert found is not None
    return Region(found.province, found.city, found.county)


def test_a_department_keeps_its_id_whatever_form_of_its_name_a_year_uses():
    """Seeds 002 and 003: 淮北市杜集区人民政府办公室 (2025) and 杜集区政府办 (2024) are one department."""
    region = Region("安徽省", "淮北市", "杜集区")
    ids = [
        report_id(Department(name=name, region=region), year, "budget", "department")
        for name, year in (("淮北市杜集区人民政府办公室", 2025), ("杜集区政府办", 2024))
    ]
    assert ids == ["huaibei-duji-zhengfuban-2025", "huaibei-duji-zhengfuban-2024"]


def test_a_proper_name_keeps_no_shortened_place_in_its_id():
    """rw-sh-2026-budget-unit-1a990155: 上海交通职业技术学院 is in shanghai once, not twice."""
    department = Department(name="上海交通职业技术学院", region=Region("上海市", "上海市"))
    assert report_id(department, 2026, "budget", "unit") == "shanghai-jiaotongzhiyejishuxueyuan-2026-unit"


def test_a_unit_listed_after_a_page_break_is_no_label(make_report):
    """rw-bj-2026-budget-13f02a1d: "…1 个代管事业" / "- 3 -" / "单位：北京市人工影响天气中心；" lists the department's
    unit in a sentence broken by a page number; the publisher is the department its sentences name."""
    text = (
        "第一部分2026年度部门预算情况说明\n一、部门情况说明\n"
        "  北京市气象局属于公益性事业单位，职责是制定地方气象事业发展规划。\n"
        "服务中心、首都关键区域气象服务保障中心；1 个代管事业\n              - 3 -\n\n"
        "单位：北京市人工影响天气中心；全市 14 个区设气象局。\n"
        "  2026 年北京市气象局政府采购预算总额 8606.06 万元。\n"
        "  截至 2025 年底，北京市气象局共有车辆 8 台。\n"
    )
    department, _, _ = identify(make_report, text)
    assert department.name == "北京市气象局"


def test_a_title_starts_a_line_of_the_cover(passage):
    """A preface sentence before the first part names the department mid-sentence: the subject rule reads it, not the
    title rule, which would take "现将…局" for a name."""
    found = identity.title(cover(passage("按照预算公开的要求，现将某区教育局2024年部门预算公开如下：\n第一部分 部门概况\n")))
    assert found.name is None
