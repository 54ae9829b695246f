"""Who reports, for which year, and whether it is a budget (预算) or a final account (决算).

The publisher is found, in this order, where the report states it: a label on its cover ("预算单位：上海市中医文献馆",
"预算主管部门：…"), its title ("2026年深圳市司法局（本级）部门预算", "西南大学2023年度部门决算"), or, in a file of
tables only, the 部门名称 row of its 部门整体支出绩效目标表. Failing those, the subject its sentences name most often
("合肥市蜀山区人民政府办公室2024年收支总预算…", "2024年蜀山区政府办公室收入预算总额…"). The longest form of the same
department (once places and abbreviations are folded) is its name, the others are aliases. What a title says of the
report's scope (单位预算, （本级）, （汇总）) is recorded as its scope, never kept in the name.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from itertools import accumulate

from generator.extract.report_id import normalised_name
from generator.records import Department, Region
from generator.reference import gazetteer
from generator.segment.layout import Layout
from generator.segment.prose import Passage
from generator.segment.tables import cells

CJK = r"\u4e00-\u9fa5"
# What an organisation's name ends with.
ORG_SUFFIX = (
    r"(?:办公室|委员会|办事处|政府办|委办|管理局|局|中心|部|院|馆|所|站|队|会|社|处|厅|委|署|庭|政府|街道|镇|乡"
    r"|大学|学校|中学|小学|幼儿园|医院)"
)
ORG = rf"[{CJK}（）()]{{2,30}}?{ORG_SUFFIX}"
ORG_NAME = re.compile(ORG)
# "预算主管部门：上海市静安区人民政府办公室", "部门：中共洛阳市西工区委办公室", "预算单位：…", "编制部门：…". A label
# is a word of its own and its name ends its line: "1个代管事业" / "单位：北京市人工影响天气中心；全市14个区设气象局"
# (a page break between) lists a unit in a sentence, it does not label the publisher.
LABELLED = re.compile(
    rf"(?<![{CJK}])(?:预算主管部门|预算单位|编制部门|编制单位|部门名称|单位名称|部门|单位)[：:](?P<name>{ORG})"
    rf"(?![{CJK}，,。；;、])"
)
# The department as the subject of a sentence about a year: "合肥市蜀山区人民政府办公室2024年收支总预算", the
# words (2–40 of them) from the clause's start to the year. Matched in the text read backwards, where the year
# comes first: a literal the scan jumps to, instead of looking back from every year for the clause's start.
SUBJECT_BEFORE_YEAR_REVERSED = re.compile(rf"年\d\d02(?P<subject>[{CJK}（）()]{{2,40}}+)(?=[，,。；;：:\n]|\Z)")
# "2024年蜀山区政府办公室收入预算总额", "2024年中共洛阳市西工区委办公室部门收入总计".
AFTER_YEAR = re.compile(
    rf"20\d\d年度?(?P<name>[{CJK}（）()]{{2,30}}?{ORG_SUFFIX})"
    r"(?=部门|单位|收入|支出|收支|财政拨款|一般公共预算|机关运行|政府采购|预算|决算|共|没有|\d)"
)
LEADING_WORDS = re.compile(
    r"^(?:第[一二三四五六七八九十]+部分|按照综合预算的原则|其中|截至|截止|本|我|从预算单位构成看|根据|经|为|在)+"
)
# A cover's label, the line ending at the name or at the cover's date: "预算单位：上海市中医文献馆",
# "预算主管部门：上海市普陀区财政局", "预算单位：上海市文化和旅游局执法总队2026年1月".
COVER_LABEL = re.compile(
    rf"^(?:预算主管部门|预算单位|编制部门|编制单位|部门名称|单位名称)[：:]"
    rf"(?P<name>[{CJK}（）()]{{2,40}}?)(?:20\d\d年\d{{1,2}}月)?$",
    re.MULTILINE,
)
# A title, read with its cover's line breaks removed: "2026年深圳市司法局（本级）部门预算", "北京市统计局部门2026年度
# 部门预算", "西南大学2023年度部门决算", "2026年度福州经济技术开发区生态环境局单位预算", and with no 年 after the year
# "北京市人民政府国有资产监督管理委员会2026部门预算情况的说明".
TITLE = re.compile(
    rf"(?:(?P<year>20\d\d)年度?)?(?P<name>[{CJK}（）()]{{2,40}}?)(?:部门)?(?:(?P<year_after>20\d\d)年?度?)?"
    r"(?:区级|市级|县级|省级)?(?P<scope>部门|单位)(?:预算|决算)"
)
# What a bracket after a name says of the report's scope, not of the name: "深圳市公安局（本级）", "福州市民政局(本级)".
SCOPE_MARK = re.compile(r"[（(](?P<mark>本级|汇总|单位|部门)[）)]")
SCOPES = {"本级": "own", "汇总": "consolidated"}
# Another name of the same body, in brackets after its name: "上海市统计和大数据研究院（上海市统计数据管理中心）".
OTHER_NAME = re.compile(r"[（(](?P<name>[^）)]{2,40})[）)]$")
# The row of a 部门整体支出绩效目标表 that names the department, in a file of tables only: "部门名称   北京市司法局".
# Not 单位名称: a department's project tables name each of its units so.
NAME_ROW_LABELS = ("部门名称",)
NAME_ROW = re.compile("|".join(NAME_ROW_LABELS))
# That table's year: "（2026年度）", "2026（年度）".
TABLE_YEAR = re.compile(r"[（(]\s*(20\d\d)\s*年度\s*[）)]|(20\d\d)\s*[（(]\s*年度\s*[）)]")
YEAR = re.compile(r"(20\d\d)\s*年\s*度?")
# The year a report is about, as its title states it ("2024年度部门预算", "2026年区级单位预算"); a year after
# 比/较/与 is the comparison year.
YEAR_TITLE = re.compile(
    r"(20\d\d)(?<![比较与至]\d{4})年度?(?:区级|市级|县级|省级|本级)?(?:部门|单位)?(?:（单位）)?(?:预算|决算)"
)


def candidate_names(passage: Passage) -> Counter[str]:
    counts: Counter[str] = Counter()
    for match in LABELLED.finditer(passage.text):
        counts[match["name"]] += 3
    subjects = [*subjects_before_years(passage.text), *(m["name"] for m in AFTER_YEAR.finditer(passage.text))]
    for subject in subjects:
        name = LEADING_WORDS.sub("", subject)
        if ORG_NAME.fullmatch(name):
            counts[name] += 1
    return counts


def subjects_before_years(text: str) -> list[str]:
    """The words between a clause's start and a year in it: "…。合肥市蜀山区人民政府办公室2024年…", in text order."""
    subjects = [match["subject"][::-1] for match in SUBJECT_BEFORE_YEAR_REVERSED.finditer(text[::-1])]
    subjects.reverse()
    return subjects


@dataclass(frozen=True)
class Title:
    """What a report's cover or title says of it: who publishes it, for which year, and the scope."""

    name: str | None
    year: int | None
    scope: str | None  # department, own (本级), consolidated (汇总) or unit (单位预算)


def title(head: str) -> Title:
    """The publisher, year and scope its cover's label or its title states. A title naming only a place
    ("上海市2026年市级单位预算") gives its year and scope, the cover's label the name; `head` is the layout's cover."""
    # A title starts a line of the cover and may wrap ("2026年深圳市医疗保障局（本级）部" / "门预算"): matched in the
    # lines joined, from each line's start, never from inside a sentence.
    lines = [line.strip() for line in head.split("\n")]
    joined = "".join(lines)
    starts = accumulate((len(line) for line in lines[:-1]), initial=0)
    found = next((match for match in (TITLE.match(joined, start) for start in starts) if match), None)
    # A label vouches for its name; a title's name must read as a body's ("…局", "…中心", "…大学").
    names = [plain_name(match["name"]) for match in COVER_LABEL.finditer(head)]
    if found is not None and ORG_NAME.fullmatch(plain_name(found["name"])):
        names.append(plain_name(found["name"]))
    name = next((name for name in names if not is_place(name)), None)
    scope = None if found is None else "unit" if found["scope"] == "单位" else "department"
    marks = [SCOPES[mark] for mark in SCOPE_MARK.findall(head) if mark in SCOPES]
    if marks and scope == "department":
        scope = marks[0]
    year = found and (found["year"] or found["year_after"])
    return Title(name=name, year=int(year) if year else None, scope=scope)


def plain_name(name: str) -> str:
    """A name without what its brackets say of the report's scope, and without words leading into it."""
    return LEADING_WORDS.sub("", SCOPE_MARK.sub("", name).removeprefix("关于"))


def is_place(name: str) -> bool:
    """Whether a name is a place's alone ("上海市", "上海市普陀区"), as a title names the government it is part of."""
    region = gazetteer.resolve(name)
    if region is None:
        return False
    for place in (region.province, region.city, region.county):
        name = name.replace(place, "") if place else name
    return name in ("", "区级", "市级", "县级", "省级")


def named_in_table(layout: Layout) -> str | None:
    """The department a file of tables only names in its 部门名称 row ("部门名称   北京市重大项目建设指挥部办公室")."""
    for line in layout.lines:
        if not NAME_ROW.search(line.text):
            continue
        row = cells(line.text)
        if len(row) == 2 and row[0] in NAME_ROW_LABELS and ORG_NAME.fullmatch(row[1]):
            return row[1]
    return None


def department(layout: Layout, cover: Title) -> Department:
    """The publisher: the cover's or title's name, else a table's 部门名称, else the subject the prose names most."""
    passage = layout.prose
    counts = candidate_names(passage)
    stated = cover.name or named_in_table(layout)
    if stated is None and not counts:
        return Department(name="")
    main = stated or counts.most_common(1)[0][0]
    other = OTHER_NAME.search(main)
    if other is not None and ORG_NAME.fullmatch(other["name"]):
        main = main[: other.start()]
    region = locate(main, passage)
    key = normalised_name(main, region)
    forms = [main, *(name for name in counts if normalised_name(name, region) == key and name != main)]
    name = max(forms, key=lambda form: (len(form), counts[form]))
    aliases = sorted((form for form in forms if form != name), key=lambda form: -counts[form])
    if other is not None and other["name"] not in aliases:
        aliases.append(other["name"])
    return Department(name=name, aliases=aliases, region=region)


def locate(name: str, passage: Passage) -> Region | None:
    """The region from the department's name (in full, else the shortened city or province it starts with); else,
    from the report's opening lines, its province and city only: a body whose name names no place (a university)
    may sit in a county without being one of its bodies."""
    found = gazetteer.resolve(name)
    if found is not None:
        return Region(province=found.province, city=found.city, county=found.county)
    found = gazetteer.leading(name) or gazetteer.resolve(passage.text[:2000])
    return Region(province=found.province, city=found.city) if found is not None else None


def year(passage: Passage, cover: Title) -> int | None:
    """The year the report is about: its title's, else the one named most often beside 预算/决算 (stale years are
    rarer), else a table's "（2026年度）", else the commonest year."""
    if cover.year is not None:
        return cover.year
    counts = Counter(int(match[1]) for match in YEAR_TITLE.finditer(passage.text))
    if not counts:
        counts = Counter(int(match[1] or match[2]) for match in TABLE_YEAR.finditer(passage.text))
    if not counts:
        counts = Counter(int(match[1]) for match in YEAR.finditer(passage.text))
    return counts.most_common(1)[0][0] if counts else None


def kind(text: str) -> str:
    """决算 reports say 决算 on almost every line; a budget mentions it only in passing (`text`: the whole report's)."""
    finals, budgets = text.count("决算"), text.count("预算")
    return "final" if finals and finals >= 0.3 * budgets else "budget"


def with_unit_names(department: Department) -> Department:
    """The fullest name may appear only in the budget-unit list ("芜湖市镜湖区人民政府办公室" beside "镜湖区政府办")."""
    key = normalised_name(department.name, department.region)
    forms = [department.name, *department.aliases]
    forms += [unit.name for unit in department.budget_units if normalised_name(unit.name, department.region) == key]
    name = max(forms, key=len)
    department.aliases = [form for form in dict.fromkeys(forms) if form != name]
    department.name = name
    return department


def scope(passage: Passage, cover: Title) -> str:
    """A 单位预算 covers one unit of a department that also publishes a 部门预算 of its own; a 部门预算 may say it
    covers the department's own body (（本级）) or all its units (（汇总）)."""
    if cover.scope is not None:
        return cover.scope
    head = passage.text[:120]  # the title, not the table list ("部门预算经济分类" is a classification)
    return (
        "unit" if re.search(r"单位(?:预算|决算)", head) and not re.search(r"部门(?:预算|决算)", head) else "department"
    )
