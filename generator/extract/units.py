"""预算单位构成: the department's own unit (本级) and the units under it (二级), from the genre's layouts.

Each layout is a rule of its own, tried in turn; a list that does not match the count the report states is
left out rather than published short.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from itertools import compress, repeat
from operator import contains

from generator.extract.identity import ORG
from generator.records import BudgetUnit
from generator.segment.layout import Layout

# Budget units listed in the 预算单位构成 section.
UNIT_KINDS = frozenset(("行政单位", "事业单位", "参公事业单位", "参照公务员法管理事业单位", "企业"))
UNIT_COUNT = re.compile(r"(?:包括|包含)[：:]?(?:一个|1个)本级单位和\d+个所属二级预算单位[：:]?(?P<names>[^。；;]+)")
# "包括：部门本级预算和所属3个事业单位预算，即：A、B、C".
UNITS_NAMED_AFTER = re.compile(
    r"本级预算和所属(?P<count>\d+)个(?:事业|行政|二级|下属)?(?:预算)?单位(?:的)?预算[，,]?(?:即|分别是|分别为|包括)[：:]?"
    r"(?P<names>[^。；;]+)"
)
# A count of 二级 units whose names follow one per line: "由…机关本级及下属的8个二级事业单位16个三级事业单位组成，
# 具体明细如下:"; each listed line is a name, perhaps with the units it holds in brackets ("…局(包含…4个三级预算单位)").
UNITS_BELOW = re.compile(r"本级及(?:下属|所属)的?(?P<count>\d+)个二级[^。]*?(?:如下|明细)[：:]?$")
LISTED_UNIT = re.compile(rf"(?P<name>{ORG}(?:机关)?(?:本级)?)(?:[（(][^）)]*[）)])?")
# A numbered list of units after "具体包括：", the department's own part named 本部: "包括…本部以及下属5家预算单位的综合
# 收支计划。…具体包括：\n1. …办事处（本部）。\n2. …服务中心。"; an item may wrap onto a line of its own.
UNITS_NUMBERED = re.compile(r"具体包括[^：:]{0,12}[：:]")
SUBORDINATE_COUNT = re.compile(r"本部以及下属(?P<count>\d+)家")
NUMBERED_ITEM = re.compile(r"(?P<number>\d+)[.．、](?P<text>.+)")
ITEM_NAME = re.compile(r"(?:下属(?:事业|行政)?单位)?(?P<name>[^，,。；;（(]+?)(?:本部)?(?=[，,。；;（(]|不单列|$)")
# The 单位名称 table of a final account; a unit marked （本级） is the department's own.
UNIT_TABLE_HEADER = re.compile(r"序号单位名称")
UNIT_NOTE = re.compile(r"[（(][^）)]*[）)]")
TABLE_UNIT = re.compile(rf"(?P<name>{ORG})(?P<own>[（(]本级[）)])?(?:{UNIT_NOTE.pattern})?")
# The names listed after the count: "A、B和C".
NAME_SEPARATOR = re.compile(r"[、，,]|以及|及|和(?=[^和]*$)")
ONLY_SELF = re.compile(r"仅包括[^，。；]*本级预算|本级预算[^，。；]*无[^，。；]*下属|无二级预算单位|是独立单位预算")


def budget_units(layout: Layout, name: str) -> list[BudgetUnit]:
    """The 预算单位构成, from the first of the genre's layouts the report uses."""
    texts = layout.non_blank.squeezed
    return (
        units_with_kinds(texts)
        or units_below_count(texts)
        or units_numbered(texts, layout.prose.text)
        or units_in_table(layout)
        or units_in_sentence(layout.prose.text, name)
    )


def units_with_kinds(texts: Sequence[str]) -> list[BudgetUnit]:
    """A table of units, each name a line or so above its kind (行政单位, 事业单位 …)."""
    units = []
    for index in compress(range(len(texts)), map(UNIT_KINDS.__contains__, texts)):  # few lines are a kind
        text = texts[index]
        if index >= 2:
            candidates = [t for t in texts[max(index - 3, 0) : index] if re.fullmatch(ORG, t)]
            if candidates:
                units.append(BudgetUnit(name=candidates[-1], kind=text))
    return units


def lines_holding(texts: Sequence[str], word: str) -> Iterator[int]:
    """The index of each of `texts` that holds `word`, tested without a Python step per line: few lines do."""
    return compress(range(len(texts)), map(contains, texts, repeat(word)))


def units_below_count(texts: Sequence[str]) -> list[BudgetUnit]:
    for index in lines_holding(texts, "本级及"):
        below = UNITS_BELOW.search(texts[index])
        if below:
            return units_listed_below(texts[index + 1 : index + 2 + int(below["count"])], int(below["count"]))
    return []


def units_in_sentence(text: str, name: str) -> list[BudgetUnit]:
    """ "包括一个本级单位和2个所属二级预算单位：A、B", or a department that is its only unit."""
    listed = UNIT_COUNT.search(text)
    if listed:
        return self_and(name, unit_names(listed["names"].removesuffix("等")))
    named = UNITS_NAMED_AFTER.search(text)
    if named and len(unit_names(named["names"])) == int(named["count"]):
        return self_and(name, unit_names(named["names"]))
    if ONLY_SELF.search(text):
        return [BudgetUnit(name=name, kind="本级")]
    return []


def unit_names(listed: str) -> list[str]:
    """The names of "A、B和C" that are names of units."""
    return [part for part in NAME_SEPARATOR.split(listed) if re.fullmatch(ORG, part)]


def self_and(name: str, units: list[str]) -> list[BudgetUnit]:
    return [BudgetUnit(name=name, kind="本级"), *(BudgetUnit(name=unit, kind="二级预算单位") for unit in units)]


def units_in_table(layout: Layout) -> list[BudgetUnit]:
    """A 序号/单位名称/备注 table: "1 …局（本级）", "2 …所 预算不单列，并入本级"; a PDF's cells may fall on lines of
    their own (the number beside a name and its note). Numbers 1…n and n names, or nothing."""
    lines = layout.lines
    header = next(
        (
            index
            for index, line in enumerate(lines)
            if "单位名称" in line.text and UNIT_TABLE_HEADER.match("".join(line.text.split()))
        ),
        None,
    )
    if header is None:
        return []
    numbers: list[int] = []
    units: list[BudgetUnit] = []
    wrapped = ""  # the start of a name the cell's width cut: "…管理事务中" then "心（下属事业单位）"
    for cells in (line.text.split() for line in lines[header + 1 : header + 40]):
        if cells and cells[0].isdigit():
            numbers.append(int(cells[0]))
            cells = cells[1:2]  # the name; a 备注 after it is left
        if not cells or (len(cells) == 1 and UNIT_NOTE.fullmatch(cells[0])):
            continue
        if len(cells) > 1:
            break
        unit = TABLE_UNIT.fullmatch(wrapped + cells[0])
        if unit is None:
            if wrapped:
                break
            wrapped = cells[0]
            continue
        wrapped = ""
        units.append(BudgetUnit(name=unit["name"], kind="本级" if unit["own"] else "二级预算单位"))
    complete = units and not wrapped and numbers == list(range(1, len(units) + 1))
    return units if complete else []


def units_listed_below(lines: Sequence[str], count: int) -> list[BudgetUnit]:
    """本级 on the first line, then exactly `count` 二级 units, each line a name; otherwise nothing is trusted."""
    names = [match["name"] for match in map(LISTED_UNIT.fullmatch, lines) if match]
    return self_and(names[0], names[1:]) if len(names) == count + 1 else []


def units_numbered(texts: Sequence[str], text: str) -> list[BudgetUnit]:
    """The numbered units after "具体包括：": 本部 is 本级, the others 二级; a list not matching its stated count of
    下属 units, or an item that is not a unit's name, gives nothing."""
    start = next((index for index in lines_holding(texts, "具体包括") if UNITS_NUMBERED.search(texts[index])), None)
    if start is None:
        return []
    items: list[str] = []
    gap = 0
    first = UNITS_NUMBERED.split(texts[start], maxsplit=1)[1]
    for line in [first, *texts[start + 1 : start + 40]]:
        numbered = NUMBERED_ITEM.fullmatch(line)
        if numbered and int(numbered["number"]) == len(items) + 1:
            items.append(numbered["text"])
            gap = 0
        elif items and (gap := gap + 1) > 2:
            break
    count = SUBORDINATE_COUNT.search(text)
    if not items or (count and len(items) != int(count["count"]) + 1):
        return []
    units = []
    for item in items:
        name = ITEM_NAME.match(item)
        if not name or not re.fullmatch(ORG, name["name"]):
            return []
        own_part = "本部" in re.split(r"[，,。；;]", item)[0]
        units.append(BudgetUnit(name=name["name"], kind="本级" if own_part else "二级预算单位"))
    return units
