"""支出经济分类: the 类 totals (工资福利支出 301 …) and the rows of the 基本支出 table.

The prose lists 类 after "按支出经济分类划分：" (with changes); that list is the report's economic breakdown.
Other mentions of the same names break down one part of spending (基本支出, 项目支出) and are not used here.
The 基本支出 table gives 部门 economic 款 beside their 政府预算经济分类 款 ("30101 基本工资 50101 工资奖金津补贴
71.19"), or 款 rows alone under their 类 ("301 01 基本工资 2,540,192.00" in 元).
"""

from __future__ import annotations

import re

from generator.extract.patterns import find_stated
from generator.records import EconomicClass, EconomicDetail, Evidence, Fact
from generator.reference import classification
from generator.segment.layout import Layout
from generator.segment.prose import Passage, squeeze
from generator.segment.tables import FIGURE, CodedRow, cells, raw_cells

# The economic breakdown in prose: "按支出经济分类划分：工资福利支出289.19万元,较上年…;商品和服务支出…".
ECONOMIC_LIST = re.compile(r"按(?:支出)?经济分类(?:科目)?(?:划分|分)?[：:](?P<body>[^。\n]+)")
CLASS_NAMES = ("工资福利支出", "商品和服务支出", "对个人和家庭的补助", "资本性支出", "对企业补助", "债务利息及费用支出")


# Where a spending part's own breakdown ends: the next part, or the end of its sentence.
BREAKDOWN_END = re.compile(r"基本支出|项目支出|按[^，,；;。]{0,8}划分|[。\n]")
BREAKDOWN_START = re.compile(r"其中|包括")


def breakdown(passage: Passage, start: int) -> list[EconomicClass]:
    """The economic 类 a spending part is broken into right after its figure ("基本支出…；包括工资福利支出…")."""
    stop = BREAKDOWN_END.search(passage.text, start)
    end = stop.start() if stop else len(passage.text)
    opened = BREAKDOWN_START.search(passage.text, start, end)
    if opened is None:
        return []
    found: list[EconomicClass] = []
    for name in CLASS_NAMES:
        stated = next(find_stated(passage, re.escape(name), start=opened.end(), end=end, filler=""), None)
        if stated is None:
            continue
        subject = classification.economic_class_by_name(name)
        found.append(EconomicClass(name=name, code=subject.code if subject else None, amount=stated.figure.amount))
    return found


def header_columns(layout: Layout) -> list[EconomicClass]:
    """The economic 类 of a 支出总体情况表 whose header names them in order, read off the table's total row.

    Henan's 预算03表 heads its columns 合计 | 基本支出 小计 | 工资福利支出 | 对个人和家庭的补助 | 商品和服务支出 |
    资本性支出 | 项目支出…; its first figure row (no code) gives the department's totals in that order.
    """
    lines = layout.lines
    for index, line in enumerate(lines):
        if "工资福利支出" not in line.text:  # a header without it is not read
            continue
        names = [cell for cell in raw_cells(line.text) if cell in CLASS_NAMES]
        if len(names) < 3 or "\t" not in line.text:
            continue
        for total in lines[index + 1 : index + 4]:
            parts = raw_cells(total.text)
            numeric = [i for i, cell in enumerate(parts) if FIGURE.fullmatch(cell)]
            if not numeric or any(parts[: numeric[0]]):
                continue
            figures = parts[numeric[0] + 2 : numeric[0] + 2 + len(names)]
            return [
                EconomicClass(
                    name=name,
                    code=subject.code if (subject := classification.economic_class_by_name(name)) else None,
                    amount=Fact(float(cell), Evidence(total.no, squeeze(total.text))),
                )
                for name, cell in zip(names, figures, strict=False)
                if FIGURE.fullmatch(cell)
            ]
    return []


def economic(layout: Layout) -> list[EconomicClass]:
    passage = layout.prose
    listed = ECONOMIC_LIST.search(passage.text)
    found: list[EconomicClass] = []
    if listed:
        start, end = listed.start("body"), listed.end("body")
        for name in CLASS_NAMES:
            stated = next(find_stated(passage, re.escape(name) + r"(?:支出)?", start=start, end=end, filler=""), None)
            if stated is None:
                continue
            subject = classification.economic_class_by_name(name)
            found.append(
                EconomicClass(
                    name=name,
                    code=subject.code if subject else None,
                    amount=stated.figure.amount,
                    change=stated.figure.change,
                )
            )
        return found
    found = header_columns(layout)
    if found:
        return found
    seen: set[str] = set()
    for row in layout.rows:
        if len(row.code) == 3 and row.code.startswith("3") and row.code not in seen and row.figures:
            if row.figures[0] is None:
                continue
            seen.add(row.code)
            subject = classification.economic(row.code)
            found.append(
                EconomicClass(
                    name=subject.name if subject else row.name,
                    code=row.code,
                    amount=Fact(row.figures[0], Evidence(row.line, row.text)),
                )
            )
    return found


def government_pair(after_name: list[str]) -> tuple[str | None, str | None]:
    """The 政府预算经济分类 code and name beside a 部门 款, whole ("50101") or split ("505", "01")."""
    if after_name and re.fullmatch(r"5\d{4}", after_name[0]) and len(after_name) > 1:
        return after_name[0], after_name[1]
    if len(after_name) > 2 and re.fullmatch(r"5\d\d", after_name[0]) and re.fullmatch(r"\d\d", after_name[1]):
        return after_name[0] + after_name[1], after_name[2]
    return None, None


def economic_detail(rows: list[CodedRow]) -> list[EconomicDetail]:
    """Rows of the 基本支出 table, each (部门款, 政府款) pair once: page-break repeats are dropped."""
    details: dict[tuple[str, str | None], EconomicDetail] = {}
    for row in rows:
        if len(row.code) != 5 or not row.code.startswith("3"):
            continue
        parts = cells(row.text)
        after_name = parts[parts.index(row.name) + 1 :] if row.name in parts else []
        gov_code, gov_name = government_pair(after_name)
        figures = row.figures[row.figures.index(None) + 1 :] if gov_name and None in row.figures else row.figures
        amounts = [figure for figure in figures if figure is not None]
        if not amounts or (row.code, gov_code) in details:
            continue
        details[(row.code, gov_code)] = EconomicDetail(
            code=row.code,
            name=row.name,
            gov_code=gov_code,
            gov_name=gov_name,
            amount=Fact(amounts[0], Evidence(row.line, row.text)),
        )
    return list(details.values())
