"""收支总预算, income by source, and basic/project/personnel/public spending.

A report states these figures more than once (the 收支总表, 收入总表 and 支出总表 notes repeat them), each time
with a little more: the share in one sentence, the change in the next. The first statement fixes the amount;
later statements of the same amount add their share and change.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator
from functools import cache

from generator.extract.economic import breakdown
from generator.extract.patterns import CHANGE_BODY, Found, find_labelled, find_stated, parse_change
from generator.figures import to_wan
from generator.records import Change, Evidence, Fact, Figure, Totals
from generator.segment.layout import Layout
from generator.segment.prose import Passage
from generator.segment.tables import FIGURE, LabelledCell, cells, labelled_cells

# "2026年深圳市水务局部门预算收入857,808.76万元，较2025年年初预算增加…": the source named after 部门预算.
INCOME_TOTAL = (
    r"收入支出总计|收支总计|收支总预算|收入预算总额|收入总预算|收入预算|部门收入总计|收入总计|本年收入合计|收入合计"
    r"|部门预算收入"
)
# Not a transfer's share of it: "上级专项转移支付支出预算393.23万元".
EXPENDITURE_TOTAL = (
    r"收入支出总计|收支总计|收支总预算|支出预算总额|支出总预算|支出预算(?<!转移支付支出预算)|部门支出总计|支出总计"
    r"|本年支出合计|支出合计|部门预算支出"
)
# Labels start with their words and check what precedes them after (a label opening with a lookbehind would
# make every scan try every position). Income sources: 一般公共预算 alone ("其中：一般公共预算 416.72 万元"),
# but not 一般公共预算支出 or 基本支出.
INCOME_LABELS = {
    "general_budget": (
        r"一般公共预算(?:财政)?拨款(?:收入)?|一般公共预算资金|一般公共预算(?<!本年一般公共预算)(?![\u4e00-\u9fa5])"
    ),
    "fiscal": (
        r"财政拨款收入(?<!一般公共预算财政拨款收入)(?<!政府性基金财政拨款收入)(?<!政府性基金预算财政拨款收入)"
        r"(?<!国有资本经营预算财政拨款收入)(?!支出)"
    ),
    "gov_fund": r"政府性基金预算(?:财政)?拨款(?:收入)?|政府性基金(?:预算)?收入|政府性基金(?![\u4e00-\u9fa5])",
    "state_capital": (
        r"国有资本经营预算(?:财政)?拨款(?:收入)?|国有资本经营(?:预算)?收入|国有资本经营预算(?![\u4e00-\u9fa5])"
    ),
    "special_account": r"财政专户管理资金(?:收入)?|教育收费(?:资金)?收入",
    "business": r"事业收入(?<!经营事业收入)(?<!单位事业收入)",
    "operating": r"事业单位经营收入|经营收入(?<!单位经营收入)",
    "superior_subsidy": r"上级补助收入",
    "affiliated": r"附属单位上缴收入",
    "other": r"其他收入(?<![\u4e00-\u9fa5]其他收入)",
    "carryover": r"上年结转(?:和|及)?结余|上年结转",
}
# A final account's 收入支出决算总表 parts: the year's own income and spending, and the balances around them.
BALANCE_LABELS = {
    "current_income": r"本年收入合计",
    "current_expenditure": r"本年支出合计",
    "carryover_start": r"年初结转(?:和|及)?结余",
    "carryover_end": r"年(?:末|终)结转(?:和|及)?结余(?:资金)?",  # 年终结转结余资金: a 预算's 支出 that it keeps
}
# A sentence's subject that is one 科目 of the functional classification: "“农林水支出”科目", "农林水支出（类）".
CLASS_SUBJECT = re.compile(r"[”\"]科目|（[类款项]）")
SENTENCE_BREAK = re.compile(r"[。\n]")
EXPENDITURE_LABELS = {
    "basic": r"基本支出",
    "project": r"项目支出",
    # not a part of it: 在职/编外/(离)退休/聘用人员经费
    "personnel": r"人员经费(?<![职外休用]人员经费)(?:支出)?",
    "public": r"公用经费(?<!在职人员定额公用经费)(?<!日常公用经费)(?:支出)?|日常公用经费",
}
# The whole a 人员经费 that opens a list is part of, where that is one source's basic spending: "财政拨款基本支出预算
# 279,627.29万元，其中：\n（一）人员经费262,303.68万元" (the check holds 人员经费 and 公用经费 to it, not to 基本支出).
# A page break may fall inside the lead: "…基本支出预算-39-\n苏州市…2026年度部门预算公开12,889.17万元，其中：".
SOURCE_BASIC_LEAD = re.compile(
    r"(?:财政拨款|一般公共预算)[^，,；;。\n]{0,12}基本支出(?:预算|决算)?(?:数)?为?(?:-\d{1,3}-\n[^，,；;。\n]{0,40}?)?"
    r"\d[\d,]*(?:\.\d+)?万元[，,]其中[：:]?(?=\s*(?:[（(][一二][）)])?\s*$)"
)
LEAD_REACH = 80
# A source the department has none of, said in words: "本部门2024年没有政府性基金预算拨款收入" (a 0 it states).
NO_INCOME = {
    "gov_fund": re.compile(r"(?:无|没有)政府性基金预算(?:财政)?拨款收入"),
    "state_capital": re.compile(r"(?:无|没有)国有资本经营预算(?:财政)?拨款收入"),
}
# What a table row holding a total or a balance says: "本年收入合计", "年末结转和结余", "收入总计".
TOTAL_ROW_WORD = re.compile(r"合计|结余|总计")
# The 收支总表's grand totals, for a report whose prose does not state them.
TABLE_TOTALS = {"收入总计": "income", "支出总计": "expenditure"}
# A change whose subject follows the comparison: "与2023年预算相比，收入减少4.37万元，下降0.73%".
SUBJECT_CHANGE = r"(?:与|比|较)[^，,；;。]{{0,20}}?相比[，,]?(?:{label})" + CHANGE_BODY
# Its first character and how far before its 相比 it may stand.
SUBJECT_CHANGE_FIRST = "与比较"
SUBJECT_CHANGE_REACH = 21
# A table header whose columns are 合计, 基本支出, 项目支出 in that order, last but for a 备注 column (a 支出预算表:
# "科目编码 科目名称 合计 基本支出 项目支出 备注"; the 财政拨款 table after it has no 备注 and covers less).
BASIC_PROJECT_HEADER = re.compile(r"合计 基本支出 项目支出(?: 备注)?$")
# Where income sources are listed as such, not as 支出 arrangements ("一般公共预算拨款安排120.00万元"), a project's
# funds ("其他收入工作经费 134.70 万元") or a target ("经营收入达 800 万元").
NOT_INCOME_FILLER = r"(?:(?!支出|安排|经费|达)[^，,；;。:：\d%\n]){0,8}?[：:]?"
# A source in brackets qualifies the thing before it: "污水处理服务费（政府性基金）35,927.64 万元" is a fee.
QUALIFIER_OPENS = "（("


def merged(founds: list[Found]) -> Figure | None:
    """The first statement's figure, with share and change from later statements of the same amount."""
    if not founds:
        return None
    figure = founds[0].figure
    for other in founds[1:]:
        if other.figure.amount is None or figure.amount is None:
            continue
        if abs(float(other.figure.amount.value) - float(figure.amount.value)) > 0.005:
            continue
        figure.share = figure.share or other.figure.share
        figure.change = figure.change or other.figure.change
    return figure


@cache  # a few fixed subjects
def subject_change_pattern(label: str) -> re.Pattern[str]:
    return re.compile(SUBJECT_CHANGE.format(label=label))


def subject_change(passage: Passage, label: str) -> Change | None:
    """The first change with `label` as its subject after the comparison: the pattern is tried only where it may
    start, just before a 相比 (its one fixed word: most reports never use it, and a scan of the text is slow)."""
    text, pattern = passage.text, subject_change_pattern(label)
    tried = 0  # every start before this was tried
    compared = text.find("相比")
    while compared != -1:
        for start in range(max(compared - SUBJECT_CHANGE_REACH, tried), compared):
            if text[start] in SUBJECT_CHANGE_FIRST and (match := pattern.match(text, start)):
                return parse_change(passage, match)
        tried = compared
        compared = text.find("相比", compared + 1)
    return None


def totals(layout: Layout) -> Totals:
    passage = layout.prose
    income = merged(list(find_stated(passage, INCOME_TOTAL)))
    expenditure = merged(list(find_stated(passage, EXPENDITURE_TOTAL)))
    change = (expenditure.change if expenditure else None) or (income.change if income else None)
    for subject in ("收入支出总计", "收、?支总计各?", "支出", "收入"):
        change = change or subject_change(passage, subject)
    stated = {key: merged(founds) for key, founds in find_labelled(passage, BALANCE_LABELS).items()}
    balances = {key: figure.amount for key, figure in stated.items() if figure is not None}
    grand: dict[str, Fact] = {}
    for cell in total_cells(layout):
        key = next((key for key, label in BALANCE_LABELS.items() if re.fullmatch(label, cell.label)), None)
        if key is not None and key not in balances:
            balances[key] = Fact(cell.amount, Evidence(cell.line, cell.text))
        grand_key = TABLE_TOTALS.get(cell.label)
        if grand_key is not None and grand_key not in grand:  # the first table is the 收支总表
            grand[grand_key] = Fact(cell.amount, Evidence(cell.line, cell.text))
    return Totals(
        income=income.amount if income else grand.get("income"),
        expenditure=expenditure.amount if expenditure else grand.get("expenditure"),
        change=change,
        **balances,
    )


def total_cells(layout: Layout) -> Iterator[LabelledCell]:
    """The labelled cells of the table rows that hold a total or a balance."""
    for line in layout.lines:
        if line.table_row and TOTAL_ROW_WORD.search(line.text):
            yield from labelled_cells(line.no, line.text, line.unit)


def qualifier(passage: Passage, found: Found) -> bool:
    """Whether the label stands in brackets after another noun, qualifying it rather than naming an income."""
    return found.start > 0 and passage.text[found.start - 1] in QUALIFIER_OPENS


def income(passage: Passage) -> dict[str, Figure]:
    found: dict[str, Figure] = {}
    stated = find_labelled(passage, INCOME_LABELS, filler=NOT_INCOME_FILLER)
    for key in INCOME_LABELS:
        figure = merged([found for found in stated.get(key, []) if not qualifier(passage, found)])
        if figure is None:
            continue
        if figure.change is None and key == "general_budget":
            figure.change = subject_change(passage, r"一般公共预算(?:拨款)?(?:收支预算|收入)?")
        found[key] = figure
    for key, none in NO_INCOME.items():
        said = none.search(passage.text) if key not in found else None
        if said:
            found[key] = Figure(amount=Fact(0, passage.evidence(said.start(), said.end())))
    return found


def expenditure(layout: Layout) -> dict[str, Figure]:
    passage = layout.prose
    found: dict[str, Figure] = {}
    about_a_class = class_sentences(passage.text)
    stated = {
        key: [one for one in found_for_key if not about_a_class(one.start)]
        for key, found_for_key in find_labelled(passage, EXPENDITURE_LABELS).items()
    }
    for key in EXPENDITURE_LABELS:
        figure = merged(stated.get(key, []))
        if figure is not None:
            found[key] = figure
            figure.economic = breakdown(passage, stated[key][0].end)
    for key, figure in basic_and_project_columns(layout).items():
        found.setdefault(key, figure)
    if "personnel" in found:
        quote_lead(passage, stated["personnel"][0], found["personnel"])
    return found


def class_sentences(text: str) -> Callable[[int], bool]:
    """Whether the sentence up to a position is about one 科目 ("“农林水支出”科目83万元，主要用于人员经费18万元"): its
    人员经费, 公用经费, 基本支出 or 项目支出 are that 科目's parts, not the department's. The sentence breaks and
    科目 marks are found once (their matches never overlap) and each position looked up: a search back from every
    figure was quadratic in a long sentence."""
    breaks = [match.start() for match in SENTENCE_BREAK.finditer(text)]
    marks = [(match.start(), match.end()) for match in CLASS_SUBJECT.finditer(text)]
    mark_ends = [mark_end for _, mark_end in marks]

    def about_a_class(start: int) -> bool:
        before = bisect_left(breaks, start)
        sentence = breaks[before - 1] + 1 if before else 0
        last = bisect_right(mark_ends, start) - 1  # the last mark ending by `start`
        return last >= 0 and marks[last][0] >= sentence

    return about_a_class


def quote_lead(passage: Passage, stated: Found, figure: Figure) -> None:
    """Quote a 人员经费 with the lead naming its whole when that is one source's basic spending, a line or two
    before it: the check then knows which whole its parts make (the evidence keeps the figure's own line)."""
    text, amount = passage.text, figure.amount
    lead = SOURCE_BASIC_LEAD.search(text, max(stated.start - LEAD_REACH, 0), stated.start)
    if lead is None or amount is None or amount.evidence is None:
        return
    amount.evidence = Evidence(amount.evidence.line, (lead[0] + amount.evidence.quote).replace("\n", ""))


def basic_and_project_columns(layout: Layout) -> dict[str, Figure]:
    """基本支出 and 项目支出 from the 合计 row of a table headed 合计 | 基本支出 | 项目支出."""
    headed = False
    for line in layout.lines:
        if "合计" not in line.text:  # the header and the row both hold 合计
            continue
        parts = cells(line.text)
        if BASIC_PROJECT_HEADER.search(" ".join(parts)):
            headed = True
            continue
        if headed and parts and parts[0] == "合计" and len(parts) >= 4 and all(FIGURE.fullmatch(p) for p in parts[1:4]):
            evidence = Evidence(line.no, " ".join(parts))
            return {
                "basic": Figure(amount=Fact(to_wan(parts[2], line.unit), evidence)),
                "project": Figure(amount=Fact(to_wan(parts[3], line.unit), evidence)),
            }
    return {}
