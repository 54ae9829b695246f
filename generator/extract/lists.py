"""主要职责, 年度主要工作任务 and 名词解释: the report's numbered lists, one string per item."""

from __future__ import annotations

import re

from generator.records import GlossaryEntry
from generator.segment.sections import UNNUMBERED, Block, Outline, blocks, is_title, rank, strip_marker

RESPONSIBILITIES = re.compile(r"主要职责|主要职能|职能职责|部门职责|工作职责|主要职能职责")
TASKS = re.compile(r"主要工作任务|年度工作任务|重点工作任务|年度主要任务|工作计划")
# "…主要职责是：统筹指导人民信访工作；统筹推进党建引领基层治理…；指导社会工作人才队伍建设等。"
DUTIES_IN_A_PARAGRAPH = re.compile(r"(?:主要职责|职责)(?:是|为|包括)?[：:](?P<duties>[^。]+。?)")
GLOSSARY = re.compile(r"名词解释")
# Where a glossary stops when its heading is the last part of the report: the appended tables.
GLOSSARY_STOP = re.compile(r"^(?:附件|附表)|表$")
# "财政拨款收入：指部门或单位从同级财政部门取得的财政预算资金。" (also "一、…", "（三）…", half-width colon).
GLOSSARY_ENTRY = re.compile(r"^(?P<term>[^：:，,。；;]{2,24}?)[：:](?P<definition>.+)$")


def items(block: Block) -> list[str]:
    """The numbered items under a heading; unnumbered lines continue the item before them."""
    result: list[str] = []
    item_rank: int | None = None
    for _, text in block.lines:
        level = rank(text)
        if level < UNNUMBERED and (item_rank is None or level == item_rank):
            item_rank = level
            result.append(strip_marker(text))
        elif item_rank is not None and level != UNNUMBERED and level < item_rank:
            break
        elif result and level == UNNUMBERED:
            result[-1] += text
    return result


def best_list(outline: Outline, heading: re.Pattern[str]) -> list[str]:
    """The longest list under any matching heading (a table of contents repeats headings with nothing under them)."""
    return max((items(block) for block in blocks(outline, heading)), key=len, default=[])


def clause_list(block: Block) -> list[str]:
    """Duties run on in one paragraph, after "主要职责是：", one per clause ended by "；"."""
    paragraph = "".join(text for _, text in block.lines if rank(text) == UNNUMBERED)
    listed = DUTIES_IN_A_PARAGRAPH.search(paragraph)
    duties = [duty for duty in re.split(r"[；;]", listed["duties"]) if duty] if listed else []
    return duties if len(duties) > 1 else []


def responsibilities(outline: Outline) -> list[str]:
    return best_list(outline, RESPONSIBILITIES) or max(
        (clause_list(block) for block in blocks(outline, RESPONSIBILITIES)), key=len, default=[]
    )


def tasks(outline: Outline) -> list[str]:
    return best_list(outline, TASKS)


def glossary(outline: Outline) -> list[GlossaryEntry]:
    best: list[GlossaryEntry] = []
    for block in blocks(outline, GLOSSARY, stop=GLOSSARY_STOP):
        entries: list[GlossaryEntry] = []
        for _, text in block.lines:
            entry = GLOSSARY_ENTRY.match(strip_marker(text))
            if entry:
                entries.append(GlossaryEntry(term=entry["term"], definition=entry["definition"]))
            elif entries and rank(text) == UNNUMBERED and not is_title(text) and not text.endswith(("：", ":")):
                entries[-1].definition += text
        best = max(best, entries, key=len)
    return best
