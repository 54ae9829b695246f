"""The genre's phrases for a figure, its share and its change, as small named patterns.

Every extractor builds on these, so a phrasing learnt once ("较上年预算安排增加", "与上年持平",
"同比下降") is understood everywhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from generator.figures import clean, number, to_wan
from generator.records import Change, Evidence, Fact, Figure
from generator.segment.prose import Passage

CJK_CHAR = re.compile(r"[\u4e00-\u9fa5]")
NUM = r"-?\d[\d,]*(?:\.\d+)?"
# An amount with its unit: "658.21万元", "8,765.43万元", "87,654,321.09元", "25万" (万元 with 元 dropped).
AMOUNT = re.compile(rf"(?P<num>{NUM})(?P<unit>亿元|万元|元|万(?![\u4e00-\u9fa5]*[人次件]))")
# "占48.15%", "占100%", "占一般公共预算支出的82.05%", right after the figure.
SHARE = re.compile(rf"[，,]?占[^，,；;。\d%]{{0,20}}?(?P<pct>{NUM})%")
# The previous-year comparison that follows an amount:
#   "比2023年预算增加12.34万元，增长2.15%"  "较上年预算安排增加18.5万元"  "比上年增（减）0万元"
#   "比2023年预算相比无变化"  "与2024年预算持平"  "与2017年一致"  "与2023年相比减少1.50万元，下降57.69%"  "同比下降5%"
#   "比2025年预算执行数增加17.62%" (a percentage alone)
CHANGE_BODY = (
    r"(?:(?P<flat>持平|无变化|没有变化|不变|相同|一致)"
    rf"|(?P<dir>增加|减少|增长|下降|降低|增（减）|增\(减\)|增减)(?P<amt>{NUM})(?P<unit>亿元|万元|元|万)"
    # its percentage's % may be missing, not its digits: "减少-29-" is a page's number between 减少 and "0.46%"
    rf"(?:[，,](?P<pdir>增长|下降|增加|减少|降低)(?P<pct>{NUM})(?:%|(?![\d.,\-万元])))?"
    rf"|(?P<pdir2>增长|下降|增加|减少|降低)(?P<pct2>{NUM})%)"
)
CHANGE = re.compile(rf"(?:比|较|与|同比)(?P<base>[^，,；;。%]{{0,24}}?)(?:相比)?[，,]?{CHANGE_BODY}")
CHANGE_OPENING = re.compile(r"[比较与同]")  # what CHANGE starts with
# A final account's outcome after its initial budget:
# "年初预算为1200.00万元，支出决算为1164.00万元，完成年初预算的97.00%".
FINAL_OUTCOME = re.compile(
    rf"[，,]?(?:支出)?决算(?:数)?为?(?P<num>{NUM})(?P<unit>亿元|万元|元|万)"
    rf"(?:[，,]完成(?:年初|调整|全年)?(?:后)?预算(?:数)?的(?P<rate>{NUM})%)?"
)
# The completion rate stated right after an outcome given without its plan: "支出决算为3.20万元，完成预算的80.00%".
COMPLETION_RATE = re.compile(rf"[，,]完成(?:年初|调整|全年)?(?:后)?预算(?:数)?的(?P<rate>{NUM})%")
# A budget adjusted during the year, between the initial budget and the outcome: "，调整预算为120.00万元", or
# the year's whole budget after the initial one: "年初预算为0万元，全年预算为321.02万元".
ADJUSTED_BUDGET = re.compile(rf"[，,]?(?:调整(?:后)?|全年)预算(?:数)?为?(?P<num>{NUM})(?P<unit>亿元|万元|元|万)")
# What an outcome, completion rate or adjusted budget starts with: most amounts are followed by none, and one test
# spares the three patterns.
OUTCOME_START = re.compile(r"[，,]?(?:调整|全年|支出|决算|完成)")
# Where an item's amount follows a description of it: a budget's "（项）：主要用于…，2024年预算数为300.00万元",
# a final account's plan "年初预算为", "年初预算数为", or only the whole year's "全年预算为".
# A year named before 预算 must be the report's own; "上年预算为…" is the comparison, never the amount.
ITEM_PLAN = re.compile(
    r"(?:(?P<plan>年初|全年)|(?P<year>20\d\d)年度?|(?<!上年)(?<!去年)(?<!上年度)(?<!\d年)(?<!\d年度))"
    r"预算(?:数)?(?:安排)?为?(?=\d)"
)
DOWN = ("减少", "下降", "降低")
UNSIGNED = ("增（减）", "增(减)", "增减")
# A label's amount after one of these is how much it changed, not what it is: "人员经费增加187万元"; "基本支出增加
# 88.05 万元" (the filler allows the words, as 增加 may stand inside a label's run of words).
CHANGED_BY = ("增加", "增长", *DOWN, *UNSIGNED)
# Words that may stand between a label and its amount: "收入预算总额为", "2024年预算", "年初预算为";
# never a comparison ("比2023年…"), which belongs to the change.
# The runs are possessive: they exclude digits and colons, so only the whole run can be followed by the year,
# colon or amount, and trying shorter runs (a lazy run) after every mention of a label is wasted work.
FILLER = r"[^，,；;。:：\d%\n比较与]{0,16}+(?:20\d\d年度?[^，,；;。:：\d%\n比较与]{0,12}+)?[：:]?"


@dataclass
class Found:
    """A figure found in a passage, with the span that states it (not frozen: a frozen dataclass costs three times
    as much to make, and one is made for every amount a label is followed by)."""

    figure: Figure
    start: int
    end: int
    label: str = ""


def parse_change(passage: Passage, match: re.Match[str], evidence: Evidence | None = None) -> Change:
    """The change `match` states, quoted by `evidence` when the caller has it already."""
    if evidence is None:
        evidence = passage.evidence(match.start(), match.end())
    if match["flat"]:
        return Change(amount=Fact(0, evidence), pct=Fact(0, evidence))
    change = Change()
    if match["amt"] is not None:
        sign = -1 if match["dir"] in DOWN else 1
        amount = to_wan(match["amt"], match["unit"])
        if match["dir"] not in UNSIGNED or amount == 0:  # "增（减）5万元" does not say which: left out
            change.amount = Fact(clean(sign * amount), evidence)
        if match["pct"] is not None:
            psign = -1 if match["pdir"] in DOWN else 1
            change.pct = Fact(clean(psign * number(match["pct"])), evidence)
    else:
        psign = -1 if match["pdir2"] in DOWN else 1
        change.pct = Fact(clean(psign * number(match["pct2"])), evidence)
    return change


def read_outcome(passage: Passage, figure: Figure, evidence: Evidence, pos: int) -> int:
    """A final account's outcome, adjusted budget or completion rate stated at `pos`, right after the amount `figure`
    holds, read into it; returns where the clause goes on. The outcome and rate are quoted as the amount is
    (`evidence`): the same clause."""
    adjusted = ADJUSTED_BUDGET.match(passage.text, pos)
    outcome = FINAL_OUTCOME.match(passage.text, adjusted.end() if adjusted else pos)
    if outcome:
        if adjusted:
            figure.adjusted_budget = Fact(
                to_wan(adjusted["num"], adjusted["unit"]), passage.evidence(adjusted.start("num"), adjusted.end())
            )
        figure.initial_budget = figure.amount
        figure.amount = Fact(to_wan(outcome["num"], outcome["unit"]), evidence)
        if outcome["rate"]:
            figure.execution_rate = Fact(clean(number(outcome["rate"])), evidence)
        return outcome.end()
    if rate := COMPLETION_RATE.match(passage.text, pos):
        figure.execution_rate = Fact(clean(number(rate["rate"])), evidence)
        return rate.end()
    return pos


def change_from(text: str, pos: int, last_start: int, clause_end: int) -> re.Match[str] | None:
    """CHANGE's first match in text[pos:clause_end] that starts by `last_start` (a change after the next amount is
    that amount's). Tried only where a change can start, up to `last_start`: a search to the clause's end from
    every amount was quadratic in a clause of thousands of amounts (a report on one line, with no 。)."""
    for opening in CHANGE_OPENING.finditer(text, pos, last_start + 1):
        if change := CHANGE.match(text, opening.start(), clause_end):
            return change
    return None


def figure_at(passage: Passage, amount: re.Match[str], start: int | None = None, label: str = "") -> Found:
    """The amount matched at `amount`, with the share and change stated in its clause before any other amount; the
    Found starts at `start` (its label's) when given, else at the amount."""
    text = passage.text
    evidence = passage.evidence(amount.start(), amount.end())
    figure = Figure(amount=Fact(to_wan(amount["num"], amount["unit"]), evidence))
    pos = amount.end()
    if OUTCOME_START.match(text, pos):
        pos = read_outcome(passage, figure, evidence, pos)
    clause_end = passage.clause_end(pos)  # share and change are searched up to here
    end = pos
    share = SHARE.match(text, pos, clause_end)
    next_amount = AMOUNT.search(text, pos, clause_end)
    change = change_from(text, pos, next_amount.start() if next_amount else clause_end, clause_end)
    if share or change:
        alike = passage.quoted_alike_until(amount.start(), clause_end)
    if share:
        share_evidence = evidence if share.start() < alike else passage.evidence(share.start(), share.end())
        figure.share = Fact(clean(number(share["pct"])), share_evidence)
        end = share.end()
    if change:
        figure.change = parse_change(passage, change, evidence if change.start() < alike else None)
        end = change.end()
    return Found(figure, amount.start() if start is None else start, end, label)


# Characters that are not themselves in a regex, and those that make the character before them optional.
SPECIAL = set("\\.^$*+?{}[]|()")
OPTIONAL_BEFORE = set("?*{")
# The most words a label is found by (see `label_scan`): a pass per word beats the engine's one pass, which tests
# every character against the words' first characters, up to a dozen words or so (the totals' nine words take less
# than half the engine's time; the thirty 类 names more).
MAX_HEADS = 12


def top_level_alternatives(pattern: str) -> list[str]:
    """`pattern` split at the "|"s that are outside any group or character class."""
    alternatives, depth, start, index, in_class = [], 0, 0, 0, False
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            index += 1
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            alternatives.append(pattern[start:index])
            start = index + 1
        index += 1
    return [*alternatives, pattern[start:]]


def closing_paren(pattern: str, opening: int) -> int | None:
    """Where the group opened at `opening` closes, if it has no nested group nor character class (a label's
    "(?:…|…)" of names)."""
    index = opening + 1
    while index < len(pattern):
        if pattern[index] in "([":
            return None
        if pattern[index] == "\\":
            index += 1
        elif pattern[index] == ")":
            return index
        index += 1
    return None


def literal_heads(label: str) -> tuple[str, ...] | None:
    """Words every match of `label` starts with, or None when some way of matching it starts otherwise.

    A label of a few words is matched only where one of them is: str.find skips through the prose much faster
    than the regex engine tries an alternation at every position (see `label_scan`).
    """
    heads: set[str] = set()
    for alternative in top_level_alternatives(label):
        if alternative.startswith("(?:"):  # a group of names: its own heads, unless the group may be left out
            close = closing_paren(alternative, 0)
            inner = literal_heads(alternative[3:close]) if close is not None else None
            if close is None or inner is None or alternative[close + 1 : close + 2] in OPTIONAL_BEFORE:
                return None
            heads.update(inner)
            continue
        length = 0
        while length < len(alternative) and alternative[length] not in SPECIAL:
            length += 1
        if alternative[length : length + 1] in OPTIONAL_BEFORE:  # "车?" : the 车 may be missing
            length -= 1
        if length <= 0:
            return None
        heads.add(alternative[:length])
    return tuple(sorted(head for head in heads if not any(head.startswith(other) for other in heads - {head})))


@dataclass(frozen=True)
class LabelScan:
    """A label's compiled pattern, with the words it starts with (see `literal_heads`)."""

    pattern: re.Pattern[str]
    heads: tuple[str, ...] | None

    def matches(self, text: str, start: int, end: int) -> Iterator[re.Match[str]]:
        """The same matches as `pattern.finditer(text, start, end)`: a match can only begin where a head does."""
        if self.heads is None:
            yield from self.pattern.finditer(text, start, end)
            return
        positions: set[int] = set()
        for head in self.heads:
            position = text.find(head, start, end)
            while position != -1:
                positions.add(position)
                position = text.find(head, position + 1, end)
        resume = start
        for position in sorted(positions):
            if position < resume:
                continue
            match = self.pattern.match(text, position, end)
            if match:
                resume = match.end()
                yield match


@cache
def label_scan(label: str, filler: str) -> LabelScan:
    """A label of one word is left to the regex engine, which skips to that word by itself; so is a label of many
    words (the 类 names), where a pass per word costs more than the engine's one pass."""
    heads = literal_heads(label)
    return LabelScan(
        re.compile(rf"(?P<label>{label}){filler}(?={NUM})"), heads if heads and 1 < len(heads) <= MAX_HEADS else None
    )


def find_stated(
    passage: Passage, label: str, *, start: int = 0, end: int | None = None, filler: str = FILLER
) -> Iterator[Found]:
    """Every place where `label` (a regex) is followed by an amount, in order."""
    end = len(passage.text) if end is None else end
    for match in label_scan(label, filler).matches(passage.text, start, end):
        amount = AMOUNT.match(passage.text, match.end())
        if amount and not passage.text[match.start() : match.end()].rstrip().endswith(CHANGED_BY):
            yield figure_at(passage, amount, match.start(), match["label"])


def find_labelled(passage: Passage, labels: dict[str, str], *, filler: str = FILLER) -> dict[str, list[Found]]:
    """`find_stated` for each of several labels, by key.

    One scan per label: a label that starts with its own words lets the regex engine skip to them, which is
    far faster than one scan for an alternation of all the labels.
    """
    return {key: list(find_stated(passage, label, filler=filler)) for key, label in labels.items()}
