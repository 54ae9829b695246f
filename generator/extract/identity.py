"""Who reports, for which year, and whether it is a budget (预算) or a final account (决算).

Reports rarely label their department: they name it as the subject of their sentences
("合肥市蜀山区人民政府办公室2024年收支总预算…", "2024年蜀山区政府办公室收入预算总额…") or on the cover
("预算主管部门：…"). The most frequent such subject is the department; the longest form of the same
department (once abbreviations are folded) is its name, the others are aliases.
"""

from __future__ import annotations

import re
from collections import Counter

from generator.read import Document
from generator.records import Department, Region
from generator.reference import gazetteer
from generator.segment.prose import Passage
from generator.segment.tables import document_text

CJK = r"\u4e00-\u9fa5"
# What an organisation's name ends with.
ORG_SUFFIX = (
    r"(?:办公室|委员会|办事处|政府办|委办|管理局|局|中心|部|院|馆|所|站|队|会|社|处|厅|委|署|庭|政府|街道|镇|乡"
    r"|学校|中学|小学|幼儿园|医院)"
)
ORG = rf"[{CJK}（）()]{{2,30}}?{ORG_SUFFIX}"
ORG_NAME = re.compile(ORG)
# "预算主管部门：上海市静安区人民政府办公室", "部门：中共洛阳市西工区委办公室", "预算单位：…", "编制部门：…".
LABELLED = re.compile(
    rf"(?:预算主管部门|预算单位|编制部门|编制单位|部门名称|单位名称|部门|单位)[：:](?P<name>{ORG})(?![{CJK}])"
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
# Folding a name to compare forms of one department: "芜湖市镜湖区人民政府办公室" ~ "镜湖区政府办".
ABBREVIATIONS = (("人民政府", "政府"), ("办公室", "办"), ("委员会", "委"), ("中国共产党", "中共"))
YEAR = re.compile(r"(20\d\d)\s*年\s*度?")
# The year a report is about, as its title states it ("2024年度部门预算", "2026年区级单位预算"); a year after
# 比/较/与 is the comparison year.
YEAR_TITLE = re.compile(
    r"(20\d\d)(?<![比较与至]\d{4})年度?(?:区级|市级|县级|省级|本级)?(?:部门|单位)?(?:（单位）)?(?:预算|决算)"
)


def fold(name: str, region: Region | None = None) -> str:
    """A department name with its region prefix and the genre's abbreviations folded away."""
    key = name
    if region is not None:
        for part in (region.province, region.city, region.county):
            if part:
                key = key.replace(part, "", 1) if key.startswith(part) else key
    for long, short in ABBREVIATIONS:
        key = key.replace(long, short)
    return key


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


def department(passage: Passage) -> Department:
    counts = candidate_names(passage)
    if not counts:
        return Department(name="")
    main = counts.most_common(1)[0][0]
    region = locate(main, passage)
    key = fold(main, region)
    forms = [name for name in counts if fold(name, region) == key]
    name = max(forms, key=lambda form: (len(form), counts[form]))
    aliases = sorted((form for form in forms if form != name), key=lambda form: -counts[form])
    return Department(name=name, aliases=aliases, region=region)


def locate(name: str, passage: Passage) -> Region | None:
    """The region from the department's name, else from the report's opening lines."""
    found = gazetteer.resolve(name) or gazetteer.resolve(passage.text[:2000])
    if found is None:
        return None
    return Region(province=found.province, city=found.city, county=found.county)


def year(passage: Passage) -> int | None:
    """The year the report is about: the one named most often beside 预算/决算 (stale years are rarer)."""
    counts = Counter(int(match[1]) for match in YEAR_TITLE.finditer(passage.text))
    if not counts:
        counts = Counter(int(match[1]) for match in YEAR.finditer(passage.text))
    return counts.most_common(1)[0][0] if counts else None


def kind(document: Document) -> str:
    """决算 reports say 决算 on almost every line; a budget mentions it only in passing."""
    text = document_text(document)
    finals, budgets = text.count("决算"), text.count("预算")
    return "final" if finals and finals >= 0.3 * budgets else "budget"


def with_unit_names(department: Department) -> Department:
    """The fullest name may appear only in the budget-unit list ("芜湖市镜湖区人民政府办公室" beside "镜湖区政府办")."""
    key = fold(department.name, department.region)
    forms = [department.name, *department.aliases]
    forms += [unit.name for unit in department.budget_units if fold(unit.name, department.region) == key]
    name = max(forms, key=len)
    department.aliases = [form for form in dict.fromkeys(forms) if form != name]
    department.name = name
    return department


def scope(passage: Passage) -> str:
    """A 单位预算 covers one unit of a department that also publishes a 部门预算 of its own."""
    head = passage.text[:120]  # the title, not the table list ("部门预算经济分类" is a classification)
    return (
        "unit" if re.search(r"单位(?:预算|决算)", head) and not re.search(r"部门(?:预算|决算)", head) else "department"
    )
