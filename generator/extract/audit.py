"""What no rule read: prose amounts in 万元 that are none of the report's figures, nor of a kind with no place.

Silent loss is the worst failure a parser has. The parse ends by listing the lines of such amounts for the
maintainer. An amount of a kind the data model has no key for ("2025年当年预算执行数为60.41万元", a unit's share,
a project's uses) is named in PLACELESS and not listed: it is known, not lost. Thresholds ("单价100万元以上设备",
"≤385万元") state no spending and are left out, and so are the rows of the standard tables: evidence, not prose.
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any, get_args, get_type_hints

from generator.figures import EXACT_BELOW, number
from generator.records import PLAIN_VALUES, Evidence, Fact, Report, fields_getter
from generator.segment.layout import LaidLine, Layout

# An amount in 万元 that is not a threshold ("单价100万元以上", "≤385万元") nor the tail of another figure.
# The look-behind is checked after the amount's first digit (on the two characters before it), so re scans for a
# digit instead of trying the look-behind at every position of the line.
STATED_AMOUNT = re.compile(r"(\d(?<![单价≤≥<>＜＞\d.,]\d)[\d,]*(?:\.\d+)?)\s*万元(?!（含）|以上|以下)")
SHOWN_LINES = 8
# How much of its sentence before an amount, and of the text after it, a kind of statement is told by.
BEFORE_REACH = 600  # a project's list of parts runs long
AFTER_REACH = 24


@dataclass(frozen=True)
class Placeless:
    """A kind of statement whose amount has no key in the data model: told by its sentence up to the amount
    (`before`, searched, anchored at the amount), by what follows the amount's 万元 (`after`, matched there) or by
    the sentences before (`earlier`); a kind with more than one needs them all."""

    name: str
    before: re.Pattern[str] | None = None
    after: re.Pattern[str] | None = None
    earlier: re.Pattern[str] | None = None  # searched in the text before the amount, past its sentence's start

    def holds(self, earlier: str, before: str, after: str) -> bool:
        return (
            (self.before is None or self.before.search(before) is not None)
            and (self.after is None or self.after.match(after) is not None)
            and (self.earlier is None or self.earlier.search(earlier) is not None)
        )


# The kinds of statement with an amount and no key, each with a real sentence of the corpus. The README lists them.
PLACELESS = (
    # "2022年当年预算执行数为1096.67万元": a previous year's outcome.
    Placeless("previous-outcome", before=re.compile(r"执行数(?:为|是)?\Z")),
    # "比2025年年初预算数547012.85万元减少17752.51万元": the base a change is measured from (the change is read).
    # Its year comes first: "与保障预算660.12万元" is a name's "与", no comparison.
    Placeless(
        "change-base", before=re.compile(r"(?:比|较|与)(?:20\d\d年|上年|去年)[^，,；;。]{0,12}?(?:预算|决算)数?为?\Z")
    ),
    # "深圳市生态环境局光明管理局预算8,726.94万元，包括在职人员经费1,174.65万元、公用经费…、增人增资…": a budget
    # split the way some cities split it; 在职人员经费 is not the data model's 人员经费 and 增人增资 has no key.
    Placeless("in-service-split", after=re.compile(r"[，,]?(?:-\d+-)?(?:包括|其中)[：:]?在职人员经费")),
    Placeless("in-service-split", before=re.compile(r"在职人员经费|增人增资")),
    # "使用非财政拨款结余18,953.73万元", "（二）本年其他资金收入880.69万元": income by groups the data model's sources
    # do not match.
    Placeless("income-group", before=re.compile(r"(?:使用非财政拨款结余|其他资金收入)\Z")),
    # "财政拨款支出预算230,876.38万元，其中教育支出208,613.34万元", "一般公共预算财政拨款基本支出预算279,627.29万元":
    # one source's part, where the report's whole is stated apart (the keys hold the whole department's).
    Placeless("source-part", before=re.compile(r"财政拨款[^，,；;。]{0,8}支出[^，,；;。\d]{0,8}[\d,.]+万元[，,]其中")),
    Placeless("source-part", before=re.compile(r"(?:一般公共预算|财政拨款)[^，,；;。]{0,12}基本支出(?:预算)?\Z")),
    # "财政拨款支出主要内容如下：\n3.“卫生健康支出”科目1,370万元": the classes of that source alone, where the tables
    # give the whole department's (functions).
    Placeless("source-part", before=re.compile(r"[”\"]科目\Z"), earlier=re.compile(r"财政拨款支出主要内容")),
    # "水源保护管理项目2,611.52万元，主要包括：饮用水源…", "编外人员911.70万元，主要用于劳务派遣…": a project or
    # a part of one, told by its uses; projects are read from their own tables.
    # Not a part that has a key ("公用经费…，主要包括", "教育支出…，主要用于", "“教育支出”科目…"): one unread is a
    # rule's miss.
    Placeless(
        "uses",
        before=re.compile(r"[\u4e00-\u9fa5）)”》](?<!预算数)(?<!预算为)(?<!支出)(?<!公用经费)(?<!科目)\Z"),
        after=re.compile(r"[，,：:。]?(?:主要|具体)?(?:用于|包括)"),
    ),
    # "…资金预算6,135.5万元，主要包括中央公共文化服务体系建设资金3,949万元、中央集中彩票公益金1,922万元…": the
    # parts a project's uses are listed in.
    Placeless("uses", before=re.compile(r"万元[，,：:。]?(?:(?:主要|具体)(?:包括|用于|是)|用于)")),
    # "…，用于开展政府重要文稿起草工作的支出。较2025年年初预算增加28.46万元": such a project's change.
    Placeless("uses", earlier=re.compile(r"用于[^。\n]*。(?:较|比|与)[^。，,；;\n]{0,16}(?:增加|减少)\Z")),
    # "单价100万元以上设备1台（套）、224.00万元", "计划购置车辆2辆、57万元", "固定资产3149.52万元": assets to buy
    # and the value of those held (only counts have keys).
    Placeless("assets", before=re.compile(r"以上设备|购置车辆")),
    Placeless("assets", before=re.compile(r"(?:流动资产|固定资产|在建工程\d*项|无形资产\d*项)\Z")),
    # "面向中小企业预留政府采购项目预算金额332.00万元", "授予中小企业合同金额12,127.08万元": procurement's share
    # for small firms.
    Placeless("procurement-small-firms", before=re.compile(r"(?:中小企业|小微企业|小型和微型企业)[^，,；;。]{0,20}\Z")),
    # "成本控制在7.68万元预算范围内", "技术服务的成本不超过81.49万元", "给予最高14万元的补贴": a limit or target in
    # words, no amount spent.
    Placeless("limit", before=re.compile(r"(?:控制在|不超过|不少于|不低于|最高|超过|(?<!下)达)\Z")),
    Placeless("limit", after=re.compile(r"至\d")),
    # "主要原因是基本支出增加49.12万元，项目支出增加117.56万元": a change's reason, kept as its words, up to the
    # clause's end ("…主要原因是重点实验室拨款增加；住房保障支出比上年增加7.68万元" is the next class's change).
    Placeless("reason", before=re.compile(r"(?:原因|主要是)[^；;]*\Z")),
    # "会议费预算支出45.12万元，比上年预算减少18.23万元", "委托业务费预算总额150万元", "污水处理费预算总额…":
    # costs with no key (经费 has: 三公经费, 机关运行经费).
    Placeless("other-costs", before=re.compile(r"(?:会议费|培训费|委托业务费)[^，,；;。]{0,12}\Z")),
    Placeless("other-costs", before=re.compile(r"(?<!经)费预算总额\Z")),
    Placeless("other-costs", before=re.compile(r"(?:会议费|培训费|委托业务费)[^；;。]*(?:增加|减少)\Z")),
    # "第一季度用款计划25.88万元": a plan by quarter.
    Placeless("quarterly-plan", before=re.compile(r"季度用款计划\Z")),
    # "成本指标经济成本指标978.998万元", "…的PMI、PPI成本指标经济成本指标＝26.24万元": an indicator's value (text).
    Placeless("indicator", before=re.compile(r"成本指标|[=＝]\Z")),
    # "每人补助2.25万元/年": a rate, not an amount spent.
    Placeless("rate", after=re.compile(r"[/／]")),
    Placeless("rate", before=re.compile(r"每[^，,；;。]{0,8}\Z")),
)

PLACES = 4  # a stated amount matches a figure that rounds to it at 4 decimal places
# Nothing inside to walk: plain values, and a quote, which holds no figure of its own.
LEAVES = frozenset((*PLAIN_VALUES, type(None), Evidence))


@cache
def holds_figures(hint: Any) -> bool:
    """Whether a value of this declared type can hold a figure: a Fact, or a record, list, mapping or choice of
    types of which one can. Not a leaf (a code, a name, a source line), nor a record of leaves only (an indicator,
    a glossary entry), so the walk never visits those."""
    if hint is Fact:
        return True
    if hint in LEAVES:
        return False
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return any(holds_figures(field) for field in get_type_hints(hint).values())
    parts = get_args(hint)  # of a list, a mapping, a choice ("Figure | None"); none for Any, walked to be safe
    return any(holds_figures(part) for part in parts) if parts else True


@cache
def figure_values(kind: type) -> Callable[[Any], tuple[Any, ...]]:
    """A getter, in one call, of the values of a record type's fields that can hold a figure."""
    return fields_getter([name for name, hint in get_type_hints(kind).items() if holds_figures(hint)])


def figures(report: Report) -> set[float]:
    """Every amount the report's records hold, unsigned and unrounded (walked with a stack: a report holds
    hundreds of values). A Fact and an empty field are dealt with where they are met, never stacked."""
    found: set[float] = set()
    stack: list[Any] = [report]
    while stack:
        node = stack.pop()
        kind: type = type(node)
        values: Iterable[Any]
        if kind is list or kind is tuple:
            values = node
        elif kind is dict:
            values = node.values()
        elif hasattr(kind, "__dataclass_fields__"):
            values = figure_values(kind)(node)
        else:
            continue
        for value in values:
            if type(value) is Fact:
                if type(value.value) in (int, float):
                    found.add(abs(float(value.value)))
            elif type(value) not in LEAVES:
                stack.append(value)
    return found


def stated_amount(text: str) -> float:
    """An amount as stated, at PLACES decimals. One written with no more decimals is its own rounding (below
    EXACT_BELOW the float nearest to it rounds back to itself), and round() is costly: it formats the float and
    reads it back."""
    value = number(text)
    if abs(value) < EXACT_BELOW and ("." not in text or len(text.rpartition(".")[2]) <= PLACES):
        return value
    return round(value, PLACES)


def rounds_to(amount: float, ordered: list[float]) -> bool:
    """Whether one of the figures (sorted) rounds to `amount` at PLACES decimals. Rounding a float to places is
    slow, so only the figures near `amount` are rounded: rounding moves a figure by at most half of `near`."""
    near = 10.0**-PLACES
    start = bisect_left(ordered, amount - near)
    end = bisect_right(ordered, amount + near)
    return any(round(value, PLACES) == amount for value in ordered[start:end])


def unread_lines(report: Report, layout: Layout) -> list[LaidLine]:
    """Lines of the prose stating a non-zero amount that no figure of the report holds, of no kind in PLACELESS
    and outside the standard tables."""
    passage = layout.prose
    text = passage.text
    stated = [(match, amount) for match in STATED_AMOUNT.finditer(text) if (amount := stated_amount(match[1]))]
    if not stated:  # nothing to look for: no need to walk the report
        return []
    known = figures(report)
    ordered = sorted(known)
    unread = [
        (match, amount)
        for match, amount in stated
        # an amount found among the figures as it is rounds to itself (it is rounded already)
        if amount not in known and not rounds_to(amount, ordered)
    ]
    if not unread:
        return []
    table_lines = {row.line for table in layout.tables for row in table.rows}
    outside = [(match, amount) for match, amount in unread if passage.line_at(match.start()) not in table_lines]
    kinds = [placeless_kind(text, match) for match, _ in outside]
    # The same amount as a statement with no place is that statement's figure again: a unit's 公用经费 under its own
    # heading after the sentence that split the unit's budget.
    placeless = {amount for (_, amount), kind in zip(outside, kinds, strict=True) if kind}
    lines = sorted(
        {
            passage.line_at(match.start())
            for (match, amount), kind in zip(outside, kinds, strict=True)
            if kind is None and amount not in placeless
        }
    )
    return [layout.lines[no - 1] for no in lines]


def placeless_kind(text: str, match: re.Match[str]) -> str | None:
    """The kind in PLACELESS of the statement of the amount at `match`, if any."""
    window = text[max(match.start() - BEFORE_REACH, 0) : match.start()]
    before = window[max(window.rfind("。"), window.rfind("\n")) + 1 :]  # the sentence so far
    after = text[match.end() : match.end() + AFTER_REACH]
    return next((kind.name for kind in PLACELESS if kind.holds(window, before, after)), None)


def warning(lines: list[LaidLine]) -> str:
    """One line for the maintainer: how many, and where."""
    numbers = ", ".join(str(line.no) for line in lines[:SHOWN_LINES]) + ("…" if len(lines) > SHOWN_LINES else "")
    example = lines[0].text.strip()[:60]
    return f"amounts no rule read on {len(lines)} line(s) ({numbers}), e.g. line {lines[0].no}: {example}"
