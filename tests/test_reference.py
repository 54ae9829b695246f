"""The reference tables against the codes real reports print, and the gazetteer against real department names."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import pytest
import yaml

from generator.reference import classification as cl
from generator.reference.gazetteer import Region, resolve

SHARED = Path(__file__).resolve().parents[2] / "shared"

CJK = r"[\u4e00-\u9fff（）()、]"
HAN = r"[\u4e00-\u9fff]"  # a class name: no brackets, no 、 left over from numbering ("1、一般公共服务支出")
NAME = rf"{CJK}+(?: {CJK}+)*"  # letter-spaced names ("因 公 出 国") keep single spaces
CODE = r"\d{7}|\d{5}|\d{3}(?:[ \t]+\d{2}(?![\d.,])){0,2}"  # "2010301", "30101", "201   03   01"
# A code at the start of a table row; further left than a right-hand column, so any gap before its name.
ROW_START = re.compile(rf"^[ \t]{{0,4}}(?P<code>{CODE})(?![\d.,])(?:[ \t]+(?P<name>{NAME}))?")
# A code in a later column ("30101    基本工资   537.64   30201    办公费"), its name close beside it.
RIGHT = re.compile(rf"(?:[ \t]{{2,}}|\t)(?P<code>{CODE})(?![\d.,])[ \t]{{0,6}}(?P<name>{NAME})")
# A name cell wrapped over three lines: its middle sits on the code's line.
FRAGMENT = re.compile(rf"^[ \t]+(?P<name>{NAME})[ \t]*$")
# "公共安全支出（204类）司法（06款）行政运行（01项）".
CODED_PROSE = re.compile(
    rf"(?P<cls>{HAN}+?)（(?P<c>\d{{3}})类）(?P<sec>{CJK}+?)（(?P<s>\d{{2}})款）(?P<item>{CJK}+?)（(?P<i>\d{{2}})项）"
)
# "一般公共服务支出（类）人大事务（款）行政运行（项）" and "“一般公共服务支出-政府办公厅（室）及相关机构事务-行政运行”".
NAMED_PROSE = re.compile(rf"(?P<cls>{HAN}+?)（类）(?P<sec>{CJK}+?)（款）(?P<item>{CJK}+?)（项）")
DASHED_PROSE = re.compile(rf"“(?P<cls>{HAN}+?)-(?P<sec>{CJK}+?)-(?P<item>{CJK}+?)”")
FUNCTIONAL_CODE = re.compile(r"2[0-3]\d")
ECONOMIC_CODE = re.compile(r"3[019]\d|5[019]\d")


@dataclass(frozen=True)
class Stated:
    """A code as a report prints it, with the names it may be giving for it (none when the name is elsewhere)."""

    code: str
    names: tuple[str, ...]
    where: str


def shared_files(pattern: str) -> list[Path]:
    found = sorted(SHARED.glob(pattern))
    if not found:
        pytest.skip(f"no {pattern} under {SHARED}")
    return found


def report_files() -> list[Path]:
    return shared_files("seeds/*.txt") + shared_files("corpus/*.txt")


def year_of(path: Path) -> int | None:
    """The budget year in a corpus file's name; seeds and gold give none here."""
    found = re.search(r"-(20\d\d)-", path.name)
    return int(found.group(1)) if found else None


def table_codes(path: Path) -> Iterator[Stated]:
    lines = path.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines):
        where = f"{path.name}:{number + 1}"
        for match in [ROW_START.match(line), *RIGHT.finditer(line)]:
            if match is None:
                continue
            code = re.sub(r"\s", "", match["code"])
            names: tuple[str, ...] = ()
            if match["name"]:
                names = (match["name"],)
                before = FRAGMENT.match(lines[number - 1]) if number else None
                after = FRAGMENT.match(lines[number + 1]) if number + 1 < len(lines) else None
                if before and after:
                    names += (before["name"] + match["name"] + after["name"],)
            yield Stated(code, names, where)


def prose_codes(path: Path) -> Iterator[Stated]:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        for match in CODED_PROSE.finditer(line):
            where = f"{path.name}:{number}"
            yield Stated(match["c"], (match["cls"],), where)
            yield Stated(match["c"] + match["s"], (match["sec"],), where)
            yield Stated(match["c"] + match["s"] + match["i"], (match["item"],), where)


def gold() -> Iterator[tuple[Path, dict]]:
    for path in shared_files("gold/*.yaml"):
        yield path, yaml.safe_load(path.read_text(encoding="utf-8"))


def gold_codes() -> Iterator[Stated]:
    for path, data in gold():
        for entry in data.get("functions", []) + data.get("economic", []):
            yield Stated(entry["code"], (entry["name"],), path.name)
        for entry in data.get("line_items", []):
            if "code" in entry:
                code = entry["code"]
                yield Stated(code[:3], (entry["class"],), path.name)
                yield Stated(code[:5], (entry["section"],), path.name)
                yield Stated(code, (entry["item"],), path.name)
        for entry in data.get("economic_detail", []):
            yield Stated(entry["code"], (entry["name"],), path.name)
            yield Stated(entry["gov_code"], (), path.name)


def all_stated() -> list[Stated]:
    stated = [s for path in report_files() for s in [*table_codes(path), *prose_codes(path)]]
    return stated + list(gold_codes())


def unknown_or_misnamed(stated: list[Stated], names_of: Callable[[str], tuple[cl.Subject, ...]]) -> list[str]:
    problems = []
    for entry in stated:
        official = names_of(entry.code)
        if not official:
            problems.append(f"{entry.where}: {entry.code} not in the table")
        elif entry.names and not any(cl.name_matches(s.name, n) for s in official for n in entry.names):
            problems.append(f"{entry.where}: {entry.code} {entry.names} vs {[s.name for s in official]}")
    return problems


def test_every_functional_code_in_the_reports_is_in_the_table_under_its_name():
    """A code a real report or gold answer prints must be known, and the name beside it must be one of its names."""
    stated = [s for s in all_stated() if FUNCTIONAL_CODE.match(s.code)]
    codes = {s.code for s in stated}
    assert {"2013101", "2040613", "2080505", "2200150", "2013999", "22102"} <= codes  # the extraction works
    assert unknown_or_misnamed(stated, cl.functional_history) == []


def test_every_functional_code_in_the_corpus_is_valid_in_its_reports_year():
    """A validity period that ended too early or began too late would drop a real report's line items."""
    for path in shared_files("corpus/*.txt"):
        year = year_of(path)
        for stated in [*table_codes(path), *prose_codes(path)]:
            if FUNCTIONAL_CODE.match(stated.code):
                assert cl.functional(stated.code, year) is not None, (stated.where, year)
    for path, data in gold():
        for entry in data.get("line_items", []) + data.get("functions", []):
            if "code" in entry:
                assert cl.functional(entry["code"], data["year"]) is not None, (path.name, entry["code"])


def test_every_economic_code_in_the_reports_is_in_the_table_under_its_name():
    """Both economic classifications: 部门 (004's 基本支出 table, the Shanghai tables) and 政府 (004's 50101 …)."""
    stated = [s for s in all_stated() if ECONOMIC_CODE.match(s.code)]
    codes = {s.code for s in stated}
    assert {"30239", "30311", "31022", "50101", "50208", "50905", "50901"} <= codes
    history = {code: (subject,) for code in codes if (subject := cl.economic(code))}
    assert unknown_or_misnamed(stated, lambda code: history.get(code, ())) == []


def test_economic_detail_rows_of_004_pair_department_and_government_codes():
    """004's 基本支出 table maps each 部门 code to a 政府 code; both are known and named as the report names them."""
    (path,) = shared_files("seeds/004_*.txt")
    rows = re.findall(rf"^(\d{{5}})\t({NAME})\t(\d{{5}})\t({NAME})\t", path.read_text(encoding="utf-8"), re.M)
    assert len(rows) == 23
    for dept, dept_name, gov, gov_name in rows:
        assert cl.economic(dept).name == dept_name
        assert cl.economic(gov).name == gov_name


def test_every_section_and_item_has_its_parent():
    """A 款 without its 类 or a 项 without its 款 would make line items unnamed."""
    for table in ("functional.csv", "economic.csv"):
        codes = set(cl._load(table))
        assert all(len(code) in (3, 5, 7) for code in codes)
        orphans = [code for code in codes if len(code) > 3 and code[: len(code) - 2] not in codes]
        assert orphans == [], table


def test_each_code_has_one_name_per_year():
    """Validity periods of one code must not overlap, or a year-aware lookup would be a coin toss."""
    for table in ("functional.csv", "economic.csv"):
        for code, subjects in cl._load(table).items():
            for earlier, later in pairwise(subjects):
                assert earlier.valid_to is not None and later.valid_from is not None, code
                assert earlier.valid_to < later.valid_from, code


def prose_triples() -> Iterator[tuple[str, str, str, int | None]]:
    for path in report_files():
        text = path.read_text(encoding="utf-8")
        for pattern in (NAMED_PROSE, DASHED_PROSE, CODED_PROSE):
            for match in pattern.finditer(text):
                yield match["cls"], match["sec"], match["item"], year_of(path)


def test_functional_item_finds_the_line_items_reports_name_in_prose():
    """Every 类/款/项 triple the reports write in prose resolves, except the one our gold says is not official."""
    found: dict[tuple[str, str, str], str | None] = {}
    for cls, sec, item, year in prose_triples():
        subject = cl.functional_item(cls, sec, item, year)
        found[(cls, sec, item)] = subject.code if subject else None
    assert len(found) > 30
    assert found[("一般公共服务支出", "人大事务", "行政运行")] == "2010101"
    assert found[("公共安全支出", "司法", "信息化建设")] == "2040613"
    assert found[("医疗卫生与计划生育支出", "行政事业单位医疗", "行政单位医疗")] == "2101101"  # old name in 2026
    missing = {triple for triple, code in found.items() if code is None}
    assert missing == {
        ("一般公共服务支出", "政府办公厅（室）及相关机构事务", "专项业务及机关事务管理"),  # 003: not official (gold)
        # Reports' own slips, the 类 written again as 款 (ghzy's tables have 22102 住房改革支出, wanli's 21007):
        ("住房保障支出", "住房保障支出", "住房公积金"),
        ("住房保障支出", "住房保障支出", "购房补贴"),
        ("卫生健康支出", "卫生健康支出", "计划生育事务"),
    }


def test_functional_item_agrees_with_gold_line_items():
    """Gold's hand-checked codes are what functional_item gives for gold's names; an uncoded gold item is None."""
    for path, data in gold():
        for entry in data.get("line_items", []):
            subject = cl.functional_item(entry["class"], entry["section"], entry["item"], data["year"])
            assert (subject.code if subject else None) == entry.get("code"), (path.name, entry)


def test_functional_item_accepts_the_reports_own_forms():
    """Half-width brackets, stray spaces and a 类 name without 支出 are how reports write the same item."""
    subject = cl.functional_item("一般公共服务", "政府办公厅(室)及相关 机构事务", "行政运行", 2024)
    assert subject == cl.functional("2010301")
    assert cl.functional_item("一般公共服务支出", "政府办公厅（室）及相关机构事务", "专项业务及机关事务管理") is None
    assert cl.functional_section("社会保障和就业支出", "行政事业单位离退休", 2024).code == "20805"


def test_lookups_follow_the_year():
    """210 was 医疗卫生与计划生育支出 until 2018: a 2018 report's name is right for 2018, and still found later."""
    assert cl.functional("210", 2018).name == "医疗卫生与计划生育支出"
    assert cl.functional("210", 2024).name == "卫生健康支出"
    assert cl.functional("210").name == "卫生健康支出"
    assert cl.functional("207", 2018).name == "文化体育与传媒支出"
    assert cl.functional_class_by_name("医疗卫生与计划生育支出", 2018) == cl.functional("210", 2018)
    assert cl.functional_class_by_name("医疗卫生与计划生育支出", 2026) == cl.functional("210", 2026)
    assert cl.functional("20139", 2020) is None  # 社会工作事务 is new in 2024
    assert {s.code for s in cl.functional_classes(2024)} >= {"201", "208", "210", "224"}


def test_class_names_as_reports_write_them():
    """004's tables write "201 公共服务" and old or 支出-less class names; an abbreviation must fit one 类 only."""
    assert cl.functional_class_by_name("一般公共服务支出").code == "201"
    assert cl.functional_class_by_name("一般公共服务").code == "201"
    assert cl.functional_class_by_name("公共服务").code == "201"
    assert cl.functional_class_by_name("城乡社区事务支出", 2024).code == "212"
    assert cl.functional_class_by_name("灾害防治及应急管理", 2024).code == "224"
    assert cl.functional_class_by_name("服务") is None  # too short to tell from an ordinary word
    assert cl.functional_class_by_name("社会保") is None  # 社会保障和就业 or 社会保险基金


def test_economic_classes_by_name():
    """Prose gives economic classes by name only; 部门 classes win over same-named 政府 ones."""
    assert cl.economic_class_by_name("工资福利支出").code == "301"
    assert cl.economic_class_by_name("商品和服务支出").code == "302"
    assert cl.economic_class_by_name("对个人和家庭的补助").code == "303"
    assert cl.economic_class_by_name("对个人和家庭的补助支出").code == "303"
    assert cl.economic_class_by_name("资本性支出").code == "310"
    assert cl.economic("50101").name == "工资奖金津补贴"


def test_name_matches_real_variants_and_rejects_another_subjects_name():
    """Truncated, letter-spaced and bracket-variant names agree; a name that belongs to another subject does not."""
    assert cl.name_matches("机关事业单位基本养老保险缴费支出", "机关事业单位基本养老保")
    assert cl.name_matches("因公出国（境）费用", "因 公 出 国 （ 境 ） 费")
    assert cl.name_matches("维修（护）费", "维修(护)费")
    assert cl.name_matches("一般公共服务支出", "公共服务")
    assert not cl.name_matches("行政事业单位离退休", "事业单位离退休")
    assert not cl.name_matches("行政单位医疗", "事业单位医疗")
    assert not cl.name_matches("行政运行", "")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("淮北市相山区人民政府办公室", Region("安徽省", "淮北市", "相山区", "340603")),
        ("青云谱区政府办公室", Region("江西省", "南昌市", "青云谱区", "360104")),
        ("中共新乡市牧野区委办公室", Region("河南省", "新乡市", "牧野区", "410711")),
        ("上海市普陀区人民政府办公室", Region("上海市", "上海市", "普陀区", "310107")),
        ("舟山市普陀区财政局", Region("浙江省", "舟山市", "普陀区", "330903")),
        ("重庆市交通委员会", Region("重庆市", "重庆市", None, "50")),
        ("杜集区政府办", Region("安徽省", "淮北市", "杜集区", "340602")),
        ("南京市鼓楼区教育局", Region("江苏省", "南京市", "鼓楼区", "320106")),
        ("长沙市区建设工作", Region("湖南省", "长沙市", None, "4301")),
    ],
)
def test_resolve_department_names(text: str, expected: Region):
    """Department names as reports give them, full, bare-county, 区委 and municipality forms."""
    assert resolve(text) == expected


@pytest.mark.parametrize(
    "text", ["鼓楼区人民政府办公室", "市中区财政局", "普陀区司法局", "东区", "交通委员会", "推进城北区域发展"]
)
def test_resolve_refuses_to_guess(text: str):
    """An ambiguous county name without its city, a short name alone or 区域 is no region rather than a wrong one."""
    assert resolve(text) is None


def test_resolve_real_report_openings():
    """The first lines of every real report resolve to the region the gold or the sources list gives."""
    for path in report_files():
        opening = "\n".join(path.read_text(encoding="utf-8").splitlines()[:20])
        region = resolve(opening)
        assert region is not None, path.name
        if path.name.startswith("sh-putuo"):
            assert region == Region("上海市", "上海市", "普陀区", "310107"), path.name
    for path, data in gold():
        source = SHARED / "seeds" / data["source"]["file"]
        region = resolve("\n".join(source.read_text(encoding="utf-8").splitlines()[:20]))
        expected = data["department"]["region"]
        assert (region.province, region.city, region.county) == (
            expected["province"],
            expected["city"],
            expected.get("county"),
        ), path.name
