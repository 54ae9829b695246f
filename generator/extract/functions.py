"""支出功能分类: the 类 totals and the 类/款/项 line items, from prose and from coded table rows.

The prose names line items four ways, all handled here:
  "一般公共服务支出（类）人大事务（款）行政运行（项）2024年预算32.56万元，比2023年预算增加32.56万元，增长100%，原因主要是…"
  "（二）教育支出（类）" as a heading, then "1.职业教育（款）技校教育（项）支出11,543.08万元，与上年相比增加…"
  "公共安全支出（204类）司法（06款）行政运行（01项）1234.56万元"
  "“一般公共服务支出-政府办公厅（室）及相关机构事务-行政运行”科目1,234.56万元"
Tables give the same items as coded rows ("201 03 01 行政运行 …"). Codes and official names come from the
classification table; a name it lacks keeps its entry without a code.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Mapping
from functools import cache

from generator.extract.patterns import (
    AMOUNT,
    CHANGE,
    CJK_CHAR,
    FILLER,
    ITEM_PLAN,
    Found,
    LabelScan,
    figure_at,
    find_stated,
    parse_change,
)
from generator.extract.totals import merged
from generator.records import Change, Evidence, Fact, FunctionClass, LineItem
from generator.reference import classification
from generator.reference.classification import Subject
from generator.segment.prose import Passage
from generator.segment.tables import CodedRow

CJK_NAME = r"[\u4e00-\u9fa5（）()、]"
# "一般公共服务支出（类）人大事务（款）行政运行（项）" and "公共安全支出（204类）司法（06款）行政运行（01项）".
BRACKETED_ITEM = re.compile(
    rf"(?P<cls>{CJK_NAME}+?)[（(](?P<ccode>\d{{3}})?类[）)]"
    rf"(?P<sec>{CJK_NAME}+?)[（(](?P<scode>\d{{2}})?款[）)]"
    rf"(?P<item>{CJK_NAME}+?)[（(](?P<icode>\d{{2}})?项[）)]"
)
# "“一般公共服务支出-政府办公厅（室）及相关机构事务-行政运行”科目1,234.56万元".
DASHED_ITEM = re.compile(rf"[“\"](?P<cls>{CJK_NAME}+?)-(?P<sec>{CJK_NAME}+?)-(?P<item>{CJK_NAME}+?)[”\"](?:科目)?")
# A 项 named with its code, its 类 and 款 left to the code: "其中：行政运行（2010801）800.00万元，较上年增加20.00万元".
# Or its year's figure after a comma: "1.小学教育（2050202），2023年度决算数为7,970.38万元，比2022年度决算数增长0.39%".
YEARS_FIGURE = r"[，,](?P<year>20\d\d)年度?(?:决算|预算)数?为?(?=\d)"
CODED_ITEM = re.compile(rf"(?P<item>{CJK_NAME}+?)[（(](?P<code>2\d{{6}})[）)](?=[：:]?\d|{YEARS_FIGURE})")
# Its bracketed code, found where a bracket and a 2 stand together (a scan for the bracket alone stops at every one).
CODE_IN_BRACKETS = LabelScan(re.compile(rf"[（(]2\d{{6}}[）)](?=[：:]?\d|{YEARS_FIGURE})"), ("（2", "(2"))
CODED_FIGURE = re.compile(rf"{YEARS_FIGURE}|(?=\d)")
NAME_CHAR = re.compile(CJK_NAME)
# A 类 as a heading of its own, its 项 in the paragraphs below: "（二）教育支出（类）".
CLASS_HEADING = re.compile(
    rf"(?:^|\n)(?:[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、)?(?P<cls>{CJK_NAME}+?)[（(]类[）)]\n"
)
# A paragraph under it naming a 款 and 项 and their amount: "1.职业教育（款）技校教育（项）支出11,543.08万元".
HEADED_ITEM = re.compile(
    rf"\n(?:\d+[.、．])?(?P<sec>{CJK_NAME}+?)[（(]款[）)](?P<item>{CJK_NAME}+?)[（(]项[）)](?=支出\d|\d)"
)
# The stated reason: "原因主要是行政运行支出增加", "主要原因是：…", "下降原因主要是…", and a final account's
# "决算数小于预算数的主要原因：人员进出及退休变化".
REASON = re.compile(
    r"(?:原因主要是|主要原因是|主要原因为|主要原因(?=[：:])|原因是|原因为|主要是)[：:]?(?P<reason>[^；;。\n]+)"
)
# Numbering left in front of a class name: "1、", "（三）".
LEADING_NUMBER = re.compile(r"^(?:\d+[、.]|[（(][一二三四五六七八九十\d]+[）)])")
# Where a bracketed line item's name starts: "（类）" (its bracket at most CLASS_MARK_REACH characters before its 类),
# and the clause that holds it, after the last mark that may precede a clause.
CLASS_MARK = re.compile(r"[（(]\d{0,3}类[）)]")
CLASS_MARK_REACH = 4
LAST_CLAUSE_START = re.compile(r"[。；;\n、，,：:“.][^。；;\n、，,：:“.]*\Z")
CLASS_NAME_LIMIT = 40
# Between an item's name and its amount: "（项）2024年预算", "科目".
AMOUNT_AFTER_NAME = re.compile(rf"{FILLER}(?=\d)")
# A class name directly followed by its amount, not by "（类）" nor "-" (those start a line item), except in a
# final account's "一般公共服务支出（类）2106.66万元，占71.73%" and "一般公共服务（类）支出3000.00万元".
CLASS_TAIL = r"(?![（(]\d{0,3}类[）)](?!\d|支出\d)|-)"
CLASS_FILLER = r"(?:[（(]类[）)](?:支出)?)?[：:]?"
# A class's change stated in the sentence after its amount and uses, with no subject of its own: "（1）社会保障和就业
# 支出（类）支出3,061.29万元，主要用于养老保险、职业年金等支出。与上年相比增加740.84万元，增长31.93%。"
USES_REACH = 120


def stem(name: str) -> str:
    """A class name without its 支出: reports write both "一般公共服务" and "一般公共服务支出"."""
    return name[:-2] if name.endswith("支出") else name


@cache  # a report's year: one of a few
def class_label(year: int | None) -> tuple[Mapping[str, Subject], str]:
    """The 类 of `year` by their names without 支出, and the label that finds any of them (longest names first)."""
    classes = {stem(subject.name): subject for subject in classification.functional_classes(year)}
    names = "|".join(re.escape(name) for name in sorted(classes, key=len, reverse=True))
    return classes, rf"(?:{names})(?:支出)?{CLASS_TAIL}"


def functions(passage: Passage, rows: list[CodedRow], year: int | None) -> list[FunctionClass]:
    """Each 类 with the amount the prose states for it; table rows fill in classes the prose leaves out."""
    classes, label = class_label(year)
    by_code = {subject.code: subject for subject in classes.values()}
    stated: dict[str, list[Found]] = {}
    for found in find_stated(passage, label, filler=CLASS_FILLER):
        if found.start and CJK_CHAR.match(passage.text, found.start - 1):
            continue  # part of a longer name
        if found.figure.change is None:
            found.figure.change = change_next_sentence(passage, found.end)
        stated.setdefault(classes[stem(found.label)].code, []).append(found)
    entries: dict[str, FunctionClass] = {}
    for code, founds in stated.items():
        figure = merged(founds)
        if figure is not None:
            entries[code] = FunctionClass(
                name=by_code[code].name,
                code=code,
                amount=figure.amount,
                share=figure.share,
                change=figure.change,
            )
    for row in rows:
        if len(row.code) != 3 or row.code in entries or not row.figures or row.figures[0] is None:
            continue
        subject = classification.functional(row.code, year)
        if subject is None:
            continue
        entries[row.code] = FunctionClass(
            name=subject.name, code=row.code, amount=Fact(row.figures[0], row_evidence(row))
        )
    return sorted(entries.values(), key=lambda entry: entry.code or "")


def change_next_sentence(passage: Passage, end: int) -> Change | None:
    """The change that opens the sentence after the one a figure ends at `end`, where the rest of that sentence
    states no other amount and the paragraph goes on."""
    text = passage.text
    stop = text.find("。", end, end + USES_REACH)
    if stop == -1 or "\n" in text[end:stop] or AMOUNT.search(text, end, stop):
        return None
    change = CHANGE.match(text, stop + 1)
    return parse_change(passage, change) if change else None


def row_evidence(row: CodedRow) -> Evidence:
    return Evidence(line=row.line, quote=row.text)


def stated_amount(
    passage: Passage, match: re.Match[str], limit: int, year: int | None
) -> tuple[re.Match[str] | None, str]:
    """The amount stated for the item at `match`, and which plan it is in a final account ("年初" or "全年"; "" in
    a budget).

    A budget states it right after the name ("…（项）2024年预算32.56万元") or after a description ("…（项）：主要用于
    …，2024年预算数为300.00万元"); a final account after a description ("…（项）。主要用于：…。年初预算为1200.00万元，
    支出决算为1164.00万元", or "全年预算为52.00万元，…").
    """
    lead = AMOUNT_AFTER_NAME.match(passage.text, match.end())
    value = AMOUNT.match(passage.text, lead.end()) if lead else None
    if value is not None:
        return value, ""
    figure = CODED_FIGURE.match(passage.text, match.end()) if "code" in match.re.groupindex else None
    if figure and (figure["year"] is None or year is None or int(figure["year"]) == year):
        return AMOUNT.match(passage.text, figure.end()), ""
    for plan in ITEM_PLAN.finditer(passage.text, match.end(), min(limit, match.end() + 300)):
        if plan["year"] is None or year is None or int(plan["year"]) == year:
            return AMOUNT.match(passage.text, plan.end()), plan["plan"] or ""
    return None, ""


def item_mentions(passage: Passage) -> list[list[re.Match[str]]]:
    """The line items named in the prose with their 类, each form in order of appearance (headed_mentions aside).

    The bracketed form is matched from the start of the clause holding a "（类）": scanning every character
    with its open-ended class name would cost more than the rest of the parse.
    """
    text = passage.text
    bracketed: list[re.Match[str]] = []
    for hit in class_marks(text):
        window = max(hit.start() - CLASS_NAME_LIMIT, 0)  # no 类 name is longer: no need to look further back
        clause = LAST_CLAUSE_START.search(text, window, hit.start())
        if clause is None and window > 0:
            continue
        match = BRACKETED_ITEM.match(text, clause.start() + 1 if clause else 0)
        if match and match.end("cls") == hit.start() and (not bracketed or match.start() >= bracketed[-1].end()):
            bracketed.append(match)
    return [bracketed, dashed_mentions(text), coded_mentions(text)]


def headed_mentions(text: str) -> list[tuple[re.Match[str], str | None]]:
    """Line items stated under a heading that names their 类, each with that 类's name."""
    if "款" not in text:
        return []
    headings = list(CLASS_HEADING.finditer(text))
    heading_ends = [heading.end() for heading in headings]  # in order: the matches never overlap
    mentions: list[tuple[re.Match[str], str | None]] = []
    for mention in HEADED_ITEM.finditer(text):
        above = bisect_right(heading_ends, mention.start() + 1)  # the headings ending by the mention's line
        if above:
            mentions.append((mention, headings[above - 1]["cls"]))
    return mentions


def dashed_mentions(text: str) -> list[re.Match[str]]:
    """DASHED_ITEM's matches, looked for only when a name runs into some "-": most reports have no such dash, and
    the scan stops at every quotation mark."""
    dash = text.find("-")
    while dash != -1:
        if dash > 0 and NAME_CHAR.match(text, dash - 1):
            return list(DASHED_ITEM.finditer(text))
        dash = text.find("-", dash + 1)
    return []


def class_marks(text: str) -> Iterator[re.Match[str]]:
    """The matches of CLASS_MARK.finditer(text), each found back from its 类: a scan for the bracket would stop at
    every bracket of the text."""
    end = 0
    position = text.find("类")
    while position != -1:
        mark = CLASS_MARK.search(text, max(position - CLASS_MARK_REACH, end), position + 2)  # up to "类）"
        if mark:
            end = mark.end()
            yield mark
        position = text.find("类", position + 1)


def coded_mentions(text: str) -> list[re.Match[str]]:
    """ "行政运行（2010801）", found from the bracketed code back to the name's start (scanning for the name first
    would try every character of the text)."""
    mentions: list[re.Match[str]] = []
    for hit in CODE_IN_BRACKETS.matches(text, 0, len(text)):
        start = hit.start()
        while start > max(hit.start() - CLASS_NAME_LIMIT, 0) and NAME_CHAR.match(text, start - 1):
            start -= 1
        mention = CODED_ITEM.match(text, start)
        if mention and mention.end() == hit.end() and (not mentions or start >= mentions[-1].end()):
            mentions.append(mention)
    return mentions


def prose_items(passage: Passage, year: int | None) -> list[LineItem]:
    forms: list[list[tuple[re.Match[str], str | None]]] = [
        [(match, None) for match in matches] for matches in item_mentions(passage)
    ]
    forms.append(headed_mentions(passage.text))
    items: list[LineItem] = []
    for mentions in forms:
        for index, (match, heading) in enumerate(mentions):
            limit = mentions[index + 1][0].start() if index + 1 < len(mentions) else len(passage.text)
            item = line_item(match, year, heading)
            named = [other for other in items if item.code and other.code == item.code]
            if heading is not None and item.code is None:  # a 项 the table lacks: known by its names
                if classification.functional_section(item.class_, item.section, year) is None:
                    continue  # a 款 its heading's 类 does not hold: the heading is not its 类
                named = [other for other in items if other.code is None and same_names(other, item)]
            if named and (heading is None or named[0].amount is not None):
                continue  # named both ways: the first naming holds it, unless only a heading's states an amount
            value, plan = stated_amount(passage, match, limit, year)
            if value is None:
                if not named:
                    items.append(item)
                continue
            if named:
                items.remove(named[0])
            items.append(item)
            found = figure_at(passage, value)
            item.amount, item.change = found.figure.amount, found.figure.change
            item.initial_budget, item.execution_rate = found.figure.initial_budget, found.figure.execution_rate
            item.adjusted_budget = found.figure.adjusted_budget
            if plan and item.initial_budget is None:  # the outcome is cut off: only the plan is known
                item.initial_budget, item.amount = item.amount, None
            if plan == "全年":  # the year's whole budget, not the initial one
                item.adjusted_budget, item.initial_budget = item.initial_budget, None
            reason = REASON.search(passage.text, found.end, found.end + 80)
            if reason and not AMOUNT.search(passage.text, found.end, reason.start()):
                item.reason = Fact(reason["reason"].strip("，, "), passage.evidence(reason.start(), reason.end()))
    return items


def same_names(one: LineItem, other: LineItem) -> bool:
    return (one.class_, one.section, one.item) == (other.class_, other.section, other.item)


def line_item(match: re.Match[str], year: int | None, heading: str | None = None) -> LineItem:
    """A line item named by the report, with the official names and code where the classification knows it; its
    类 is `heading` where a heading names it."""
    if "code" in match.re.groupindex:
        return coded_item(match["item"], match["code"], year)
    cls = LEADING_NUMBER.sub("", (heading or match["cls"]).lstrip('“"、'))
    section, item = match["sec"], match["item"]
    stated_code = None
    if "ccode" in match.re.groupindex and match["ccode"] and match["scode"] and match["icode"]:
        stated_code = match["ccode"] + match["scode"] + match["icode"]
    subject = classification.functional(stated_code, year) if stated_code else None
    subject = subject or classification.functional_item(cls, section, item, year)
    official_class = classification.functional_class_by_name(cls, year)
    return LineItem(
        class_=official_class.name if official_class else cls,
        section=section,
        item=item,
        code=subject.code if subject else stated_code,
    )


def coded_item(name: str, code: str, year: int | None) -> LineItem:
    """A 项 the report names with its code: 类 and 款 are the code's; the name is the report's, without words
    run into it ("主要用于行政运行（2010801）" names 行政运行)."""
    cls, section = classification.functional(code[:3], year), classification.functional(code[:5], year)
    subject = classification.functional(code, year)
    if subject is not None and name.endswith(subject.name):
        name = subject.name
    return LineItem(
        class_=cls.name if cls else "", section=section.name if section else "", item=name, code=code
    )


def table_items(rows: list[CodedRow], year: int | None) -> dict[str, LineItem]:
    """Line items from coded rows, by code; the first row of a code wins (later tables repeat it)."""
    items: dict[str, LineItem] = {}
    for row in rows:
        if len(row.code) != 7 or row.code in items or not row.code.startswith("2"):
            continue
        if not row.figures or row.figures[0] is None:
            continue
        subject = classification.functional(row.code, year)
        section = classification.functional(row.code[:5], year)
        cls = classification.functional(row.code[:3], year)
        if subject is None or section is None or cls is None:
            continue
        items[row.code] = LineItem(
            class_=cls.name,
            section=section.name,
            item=subject.name,
            code=row.code,
            amount=Fact(row.figures[0], row_evidence(row)),
        )
    return items


def line_items(passage: Passage, rows: list[CodedRow], year: int | None) -> list[LineItem]:
    """Prose items (with change and reason) first; table rows add the items and codes the prose leaves out."""
    items = prose_items(passage, year)
    by_code = {item.code: item for item in items if item.code}
    for code, row_item in table_items(rows, year).items():
        if code in by_code:
            if by_code[code].amount is None:
                by_code[code].amount = row_item.amount
            continue
        twin = misnamed_twin(items, row_item)
        if twin is not None:
            twin.code, twin.section, twin.item = code, row_item.section, row_item.item
            by_code[code] = twin
            continue
        items.append(row_item)
    return items


PROSE_ROUNDING = 0.005  # prose prints 0.01 万元; a table in 元 keeps the fen


def misnamed_twin(items: list[LineItem], row_item: LineItem) -> LineItem | None:
    """The one prose item the classification could not place that is this table row: same 类, same amount, and
    named as the row's 项 or 款. Reports slip in the names ("住房保障支出（款）购房补贴（项）" for 住房改革支出's
    购房补贴; a 款 written as the 项) while their tables keep the code."""
    if row_item.amount is None:
        return None
    twins = [
        item
        for item in items
        if item.code is None
        and item.class_ == row_item.class_
        and item.item in (row_item.item, row_item.section)
        and item.amount is not None
        and abs(float(item.amount.value) - float(row_item.amount.value)) <= PROSE_ROUNDING
    ]
    return twins[0] if len(twins) == 1 else None
