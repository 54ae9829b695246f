"""项目 and their 绩效目标: every project the report describes, with its amount, category, code and indicators.

Reports describe a project in up to three places, often more than once:
- a prose block: a heading naming the project, then 项目概述 … 年度预算安排 … 绩效目标 (the indicators sometimes
  as prose lines, "数量指标：按时完成接待工作任务。");
- a 项目支出绩效目标表, inside the project's block or gathered at the end of the report, sometimes exported twice
  in two layouts (tab rows, one cell per line, cells apart by spaces);
- list tables: the 项目支出表 (类型, 项目名称, 合计) and the 绩效目标汇总表 (project code, name, amounts, then
  indicator name/value pairs).
Each is read on its own; the results are merged by name, in the order the report first names each project.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import compress, islice, pairwise
from typing import NamedTuple

from generator.extract.patterns import AMOUNT, CJK_CHAR, NUM
from generator.figures import to_wan
from generator.records import Evidence, Fact, Indicator, Project
from generator.segment.layout import LaidLine, Layout
from generator.segment.prose import WIDE_GAP, Passage, squeeze
from generator.segment.sections import TABLE_OF_CONTENTS, UNNUMBERED, Outline, strip_marker
from generator.segment.tables import cells, raw_cells

# --- prose blocks ---
# The line right under a project's heading: "（1）项目概述。", "1）项目概述：", "一、项目概况" (Shanghai).
OVERVIEW_WORDS = re.compile(r"项目(?:概述|概况|简介)")
OVERVIEW = re.compile(rf"^(?:[（(]?[\d一二三四五六七八九十]+[）)、.]?)?{OVERVIEW_WORDS.pattern}")
# A heading that quotes the name: "1、“办公经费”项目。"; the name may end in 项目 itself
# ("“信息系统运维项目”项目").
QUOTED_HEADING = re.compile(r"^[“\"](?P<name>[^”\"]{2,60})[”\"]项目[。.]?$")
QUOTE_MARK = re.compile(r"[“\"]")
# What a quoted heading's line holds: its closing quote and 项目 (one literal each: a scan for either is slower).
QUOTED_ENDS = (re.compile("”项目"), re.compile('"项目'))
# Shanghai titles each project sheet "<name>经费情况说明" ("法律援助项目经费情况说明").
TITLE_SUFFIX = re.compile(r"(?:经费)?情况说明$")
# A trailing 项目 that labels a fund's name ("接待专项经费（公务接待）项目"); in "法律援助项目" it is part of the name.
FUND_LABEL = re.compile(r"^(?P<name>.*费.*?)项目$")
# What is left of a title that names no project ("项目经费情况说明" → "项目").
GENERIC_NAME = re.compile(r"^(?:项目)?$|情况$|说明$")
# A heading is a title, not a sentence.
SENTENCE_MARK = re.compile(r"[，,；;：:]")
HEADING_LIMIT = 60
# "年度预算安排：2024年安排财政拨款30万元", "（6）年度预算安排。" + "36.5万元。" on the next line,
# "六、年度预算安排680万元"; never an amount under the next numbered item ("（7）绩效目标…").
PLAN = re.compile(
    rf"年度预算(?:安排)?[。：:，,]?\s*(?![（(]?\d+[）)]|\d+[、.](?!\d))(?P<lead>[^。；;\n]{{0,40}}?)(?:{AMOUNT.pattern})"
)
# The words that may lead the annual amount; a phased plan ("第一季度用款计划120.00万元") is not the year's total.
PLAN_LEAD = re.compile(r"安排|预算|拨款|资金|总额")
# Indicators written as prose lines: "数量指标：按时完成接待工作任务。".
PROSE_INDICATOR = re.compile(r"^(?P<level2>[\u4e00-\u9fa5]{2,10}指标)[：:](?P<value>.+?)[。；;]?$")

# --- 项目支出绩效目标表 ---
# The table's title; a sentence pointing to it ("详见单位的项目绩效目标表") is not one.
PERFORMANCE_TITLE = re.compile(r"^[^见，。；]{0,30}?项目(?:支出)?绩效目标(?:申报)?表$")
# The words of the lines that start, or move along, a table: found by a scan of the outline, one word at a time.
TABLE_WORDS = tuple(re.compile(word) for word in ("绩效目标", "项目名称", "指标值"))
# The table's own field labels: an export that moves the filled-in cells to the end of the table leaves
# 项目名称 followed by the next label instead of the name.
FIELD_LABEL = re.compile(r"主管部门|实施单位|项目来源|项目期|项目资金|资金总额|年度目标|绩效指标|[一二三]级指标")
TOTAL_FUNDS = re.compile(r"年度资金总额")
# "项目资金（万元）" declares the unit of the bare figures below it.
FUNDS_UNIT = re.compile(r"项目资金[（(](?P<unit>万元|元)[）)]")
# A figure cell: "120.00", "36.5万元", "48万元".
FIGURE_CELL = re.compile(rf"^(?P<num>{NUM})(?P<unit>万元|元|万)?$")
# A level of the indicator tree: 产出指标, 数量指标, 可持续影响指标, 满意度指标 (both levels at once).
LEVEL_LABEL = re.compile(r"^[\u4e00-\u9fa5]{2,10}指标$")
LEVEL_END = "指标"
# The header cell after which the indicator rows start.
VALUE_HEADER = "指标值"
# A narrow merged cell printed a character or two per line ("产出" / "指标", "满意" / "度指" / "标").
FRAGMENT = re.compile(r"^[\u4e00-\u9fa5]{1,2}$")
FRAGMENT_END = "标"

# --- list tables ---
# A table's caption ("2024 年项目支出表"), not its number ("预算 10 表"); the project list's caption names 项目.
CAPTION = re.compile(r"[\u4e00-\u9fa5]{2}表$")
CAPTION_END = re.compile("表$", re.MULTILINE)  # where a caption may be: the literal keeps a scan of the outline fast
LIST_CAPTION = "项目"
# 项目支出表 header cells: "类型 项目名称 项目单位 合计 …".
NAME_COLUMN = "项目名称"
TOTAL_COLUMN = re.compile(r"^(?:合计|总计|金额|预算数)$")
CATEGORY_COLUMN = re.compile(r"^(?:项目)?(?:类型|类别)$")
SUBTOTAL = re.compile(r"^(?:合计|小计|总计)$")
# 绩效目标汇总表 rows start with the project code: "410100240000000001234\t会议保障经 费\t2.00…".
PROJECT_CODE = re.compile(r"^\d{10,}$")
CODE_LED = re.compile(r"\s*\d{10}")
CODE_LINE = re.compile(r"\n\d{10}")  # a line starting with a code, found by its line break (a fast literal scan)
# What two spellings of one name may differ by: spaces and quotes ("网络安全（运维）经费" vs "网络安全(运维)经费"
# is folded by NFKC).
NAME_NOISE = re.compile(r"[\s“”\"]")
# Names shorter than this are never matched by prefix (a list table cuts long names: "视频会议系统运行维").
MIN_PREFIX = 4


@dataclass(frozen=True)
class Block:
    """A project's prose block: from its heading to the next project's, or to a heading that outranks its items."""

    name: str
    start: int
    end: int


class Cells(NamedTuple):
    """A table's cells in reading order: each one's text, and the line it starts on. Two lists rather than an
    object per cell: a table has hundreds of cells, and the reader wants their texts as a list anyway."""

    texts: list[str]
    lines: list[int]

    def extend(self, other: Cells) -> None:
        self.texts.extend(other.texts)
        self.lines.extend(other.lines)


@dataclass(frozen=True)
class Table:
    """One 项目支出绩效目标表 as read: the name and amount it states, if any, and its indicators."""

    line: int
    name: str | None
    amount: Fact | None
    indicators: list[Indicator]


def projects(layout: Layout) -> list[Project]:
    """Every project in report order, each once, from prose blocks, performance tables and list tables."""
    passage = layout.prose
    blocks = project_blocks(layout)
    tables = performance_tables(layout, blocks)
    inside, outside = tables_by_block(blocks, tables)
    found: list[tuple[int, Project]] = []
    for block, own in zip(blocks, inside, strict=True):
        project = Project(name=block.name, amount=planned_amount(passage, block))
        for table in own:  # the table in a block is the block's, whatever it calls it
            absorb(project, Project(project.name, table.amount, indicators=table.indicators))
        if not project.indicators:
            project.indicators = prose_indicators(layout, block)
        found.append((block.start, project))
    for table in outside:
        place(found, table)
    found.extend(listed_projects(layout))
    return merged(found)


def tables_by_block(blocks: list[Block], tables: list[Table]) -> tuple[list[list[Table]], list[Table]]:
    """The tables inside each block, in order, and those inside none. Blocks are in report order and never
    overlap, so a table can only be inside the last block starting at or before it: one lookup per table, where
    testing every block against every table was quadratic in a long report's projects."""
    starts = [block.start for block in blocks]
    inside: list[list[Table]] = [[] for _ in blocks]
    outside = []
    for table in tables:
        at = bisect_right(starts, table.line) - 1
        if at >= 0 and table.line < blocks[at].end:
            inside[at].append(table)
        else:
            outside.append(table)
    return inside, outside


# --- prose blocks ---


def heading_name(text: str, before_overview: bool) -> str | None:
    """The project a heading line names, or None when the line is not a project heading."""
    if len(text) > HEADING_LIMIT or TABLE_OF_CONTENTS.search(text):
        return None
    title = strip_marker(text)
    quoted = QUOTED_HEADING.match(title)
    if quoted:
        return quoted["name"]
    if not before_overview or SENTENCE_MARK.search(title):
        return None
    title = TITLE_SUFFIX.sub("", title.rstrip("。."))
    fund = FUND_LABEL.match(title)
    name = fund["name"] if fund else title
    return None if GENERIC_NAME.search(name) else name


def project_blocks(layout: Layout) -> list[Block]:
    """Blocks headed by a quoted project name, or by any title line right above a 项目概述 line. Only the prose
    lines a scan of the outline finds quoting a 项目, or above a 项目概述 line, can be headings."""
    view = layout.outline
    lines, levels, table_rows = view.lines, view.levels, view.table_rows
    candidates = {index for end in QUOTED_ENDS for index in view.indices(end) if not table_rows[index]}
    for index in view.indices(OVERVIEW_WORDS):
        if not table_rows[index] and OVERVIEW.match(lines[index][1]) and (above := prose_before(view, index)) >= 0:
            candidates.add(above)
    heads: list[tuple[int, str, int]] = []  # index in the outline, name, rank of the block's own items
    starts: list[int] = []  # every sheet's heading, named or not ("项目经费情况说明"), ends the block before
    for index in sorted(candidates):
        text = lines[index][1]
        below = prose_after(view, index)
        overview = below < len(lines) and OVERVIEW.match(lines[below][1]) is not None
        if not overview and not QUOTE_MARK.search(text):
            continue  # without a 项目概述 line below, only a quoted name makes a heading
        name = heading_name(text, overview)
        if overview or name is not None:
            starts.append(index)
        if name is None:
            continue
        level = levels[index]
        inner = levels[below] if overview else (level + 1 if level < UNNUMBERED else UNNUMBERED)
        heads.append((index, name, inner))
    blocks = []
    for index, name, inner in heads:
        following = bisect_right(starts, index)
        stop = starts[following] if following < len(starts) else len(lines)
        outranks = min(inner, UNNUMBERED)
        end = next(
            (other for other in range(index + 1, stop) if levels[other] < outranks and not table_rows[other]), stop
        )
        blocks.append(Block(name, lines[index][0], lines[end][0] if end < len(lines) else len(layout.lines) + 1))
    return blocks


def prose_before(view: Outline, index: int) -> int:
    """The outline index of the last prose line (not a table row) before `index`; -1 if there is none."""
    return next((other for other in range(index - 1, -1, -1) if not view.table_rows[other]), -1)


def prose_after(view: Outline, index: int) -> int:
    """The outline index of the first prose line (not a table row) after `index`; past the end if there is none."""
    return next((other for other in range(index + 1, len(view.lines)) if not view.table_rows[other]), len(view.lines))


def passage_span(passage: Passage, start: int, end: int) -> tuple[int, int]:
    """The offsets in `passage` of the source lines start..end-1."""
    low, high = bisect_left(passage.line_nos, start), bisect_left(passage.line_nos, end)
    size = len(passage.text)
    return (
        passage.offsets[low] if low < len(passage.offsets) else size,
        passage.offsets[high] if high < len(passage.offsets) else size,
    )


def planned_amount(passage: Passage, block: Block) -> Fact | None:
    """The 年度预算安排 the block states, in 万元."""
    start, end = passage_span(passage, block.start, block.end)
    for match in PLAN.finditer(passage.text, start, end):
        if not match["lead"] or PLAN_LEAD.search(match["lead"]):
            return Fact(to_wan(match["num"], match["unit"]), passage.evidence(match.start("num"), match.end()))
    return None


def prose_indicators(layout: Layout, block: Block) -> list[Indicator]:
    found = []
    for line in layout.lines[block.start : block.end - 1]:
        text = squeeze(line.text)
        if LEVEL_END in text and not line.table_row and (match := PROSE_INDICATOR.match(text)):
            found.append(Indicator(value=match["value"], level2=match["level2"], line=line.no))
    return found


# --- 项目支出绩效目标表 ---


def table_starts(view: Outline) -> list[int]:
    """Where each table begins: its title, or, for a table exported without one, its 项目名称 row (unless that
    row is the titled table's own, before its indicator header)."""
    starts: list[int] = []
    inside = False  # between a table's start and its indicator header
    for index in sorted({index for word in TABLE_WORDS for index in view.indices(word)}):
        no, text = view.lines[index]
        titled = PERFORMANCE_TITLE.match(text) and view.levels[index] == UNNUMBERED
        if titled or (text.startswith(NAME_COLUMN) and view.table_rows[index] and not inside):
            starts.append(no)
            inside = True
        elif VALUE_HEADER in text:
            inside = False
    return starts


def performance_tables(layout: Layout, blocks: list[Block]) -> list[Table]:
    """Each table from its start to the next start, block boundary or numbered heading; a table that states
    neither an amount nor an indicator says nothing and is left out."""
    view = layout.outline
    starts = table_starts(view)
    if not starts:
        return []
    lines = layout.lines
    bounds = sorted(set(starts) | {block.start for block in blocks} | {block.end for block in blocks})
    tables = []
    for start in starts:
        following = bisect_right(bounds, start)
        bound = bounds[following] if following < len(bounds) else len(lines) + 1
        stop = next_heading(view, start, bound)
        table = read_table(lines[start - 1 : stop - 1], start)
        if table.amount or table.indicators:
            tables.append(table)
    return tables


def next_heading(view: Outline, start: int, bound: int) -> int:
    """The line of the first numbered prose heading after line `start` and before line `bound`; else `bound`."""
    index = bisect_left(view.lines, (start,))  # the outline line of `start`: a tuple sorts after its own prefix
    for other in range(index + 1, len(view.lines)):
        no = view.lines[other][0]
        if no >= bound:
            break
        if view.levels[other] < UNNUMBERED and not view.table_rows[other]:
            return no
    return bound


def tab_cells(lines: tuple[LaidLine, ...]) -> Cells:
    """Cells of a tab-laid table. Where rows start with a tab, a line without one continues the last cell:
    the rest of a cell the export wrapped ("项目资金" / "（万元）", "绩" / "效" / "指" / "标")."""
    led = [line.text[0] == "\t" for line in lines if "\t" in line.text]  # for each row with a tab, whether it leads
    indented = 2 * sum(led) > len(led)
    texts: list[str] = []
    nos: list[int] = []
    for line in lines:
        no, text = line.no, line.text
        if not text or text.isspace():
            continue
        parts = text.split("\t")
        if text[0] == "\t":
            del parts[0]  # the empty cell before the first tab (never the last part, so nothing continues it)
        elif indented and texts:
            texts[-1] += parts.pop(0)
        if len(parts) == 1:  # most lines of a cell-per-line export
            texts.append(parts[0])
            nos.append(no)
        else:
            texts += parts
            nos += [no] * len(parts)
    squeezed = list(map(squeeze, texts))
    return Cells(list(filter(None, squeezed)), list(compress(nos, squeezed)))  # the cells left non-empty


def spaced_cells(lines: tuple[LaidLine, ...]) -> Cells:
    """Cells of a table laid out with spaces (apart by wide gaps, else by single spaces), narrow cells printed
    over several lines joined back."""
    found = Cells([], [])
    pending = Cells([], [])  # the fragments of a narrow cell so far
    for line in lines:
        text = line.text.strip()
        if not text:
            continue
        parts = cells(text) if WIDE_GAP.search(text) else text.split()
        if len(parts) == 1 and FRAGMENT.match(parts[0]):
            pending.texts.append(parts[0])
            pending.lines.append(line.no)
            if parts[0].endswith(FRAGMENT_END):
                found.texts.append("".join(pending.texts))
                found.lines.append(pending.lines[0])
                pending = Cells([], [])
            continue
        if pending.texts:  # fragments no 标 closed stay cells of their own
            found.extend(pending)
            pending = Cells([], [])
        found.texts.extend(map(squeeze, parts))
        found.lines.extend([line.no] * len(parts))
    found.extend(pending)
    return found


def read_table(lines: tuple[LaidLine, ...], start: int) -> Table:
    """The table in `lines`, a run of consecutive lines from its start."""
    tabbed = any("\t" in line.text for line in lines)
    found = tab_cells(lines) if tabbed else spaced_cells(lines)
    texts = found.texts
    name = None
    if NAME_COLUMN in texts:
        after = texts.index(NAME_COLUMN) + 1
        if after < len(texts) and not FIELD_LABEL.search(texts[after]) and CJK_CHAR.search(texts[after]):
            name = texts[after]
    joined = "\n".join(texts)  # one search finds the first cell holding a phrase
    declared = FUNDS_UNIT.search(joined)
    unit = declared["unit"] if declared else "万元"
    amount = None
    total = joined.count("\n", 0, funds.start()) if (funds := TOTAL_FUNDS.search(joined)) else None
    if total is not None and total + 1 < len(texts) and (figure := FIGURE_CELL.match(texts[total + 1])):
        line = found.lines[total + 1]
        source = lines[line - lines[0].no].text
        amount = Fact(to_wan(figure["num"], figure["unit"] or unit), Evidence(line, row_quote(source)))
    indicators = []
    if VALUE_HEADER in texts:
        # Tab rows keep their columns, so a row holding only a name and a value (its levels in merged cells
        # above) is safe to read; with spaces, a row without a level label is the table's trailing values.
        after = texts.index(VALUE_HEADER) + 1
        indicators = read_indicators(Cells(texts[after:], found.lines[after:]), loose=tabbed)
    return Table(start, name, amount, indicators)


def row_quote(text: str) -> str:
    """A source row as its cells apart by one space: the quote a reader finds in the line, spaces aside."""
    return " ".join(map(squeeze, cells(text)))


def read_indicators(stream: Cells, *, loose: bool) -> list[Indicator]:
    """Indicator rows as a stream of cells: level1? level2? name value. A level label followed by another is
    the 一级指标 ("满意度指标", "满意度指标", "群众满意度", "≥98%"); a single one is the 二级指标."""
    texts = stream.texts
    found = []
    level1 = level2 = None
    index = 0
    while index < len(texts):
        labels = 0
        while index + labels < len(texts) and labels < 2 and is_level(texts[index + labels]):
            labels += 1
        if labels == 2:
            level1, level2 = texts[index], texts[index + 1]
        elif labels == 1:
            level2 = texts[index]
        elif not loose:
            break
        index += labels
        if index + 1 >= len(texts) or is_level(texts[index + 1]):
            break
        name, value = texts[index], texts[index + 1]
        found.append(Indicator(value=value, level1=level1, level2=level2, name=name, line=stream.lines[index + 1]))
        index += 2
    return found


def is_level(text: str) -> bool:
    """A level label; most cells are not, and a test of the ending rules them out without a regex call."""
    return text.endswith(LEVEL_END) and LEVEL_LABEL.match(text) is not None


def place(found: list[tuple[int, Project]], table: Table) -> None:
    """A table outside any block: a repeat of one already read is dropped; a named one joins its project (or is
    a project of its own); a nameless one belongs to the last project before it that has no indicators."""
    if table.name is None:
        alike = [project for _, project in found]
        earlier = [(line, project) for line, project in found if line < table.line and not project.indicators]
        owner = max(earlier, key=lambda pair: pair[0])[1] if earlier else None
    else:
        name = fold(table.name)
        owner = next((project for _, project in found if names_match(fold(project.name), name)), None)
        alike = [owner] if owner else []
    if table.indicators and any(project.indicators == table.indicators for project in alike):
        return
    incoming = Project(table.name or "", table.amount, indicators=table.indicators)
    if owner is not None:
        absorb(owner, incoming)
    elif table.name:
        found.append((table.line, incoming))


# --- list tables ---


def listed_projects(layout: Layout) -> list[tuple[int, Project]]:
    """The 项目支出表's projects with the 汇总表's merged in: the 汇总表 spells names in full and gives the
    code and indicators; the 项目支出表 gives the category."""
    listed = list(expenditure_list(layout))
    unmatched = [(project, fold(project.name)) for _, project in listed]  # each with its name folded once
    for line, target in target_list(layout):
        name = fold(target.name)
        position = next((index for index, (_, other) in enumerate(unmatched) if other == name), None)
        if position is None:
            position = next((index for index, (_, other) in enumerate(unmatched) if names_match(other, name)), None)
        if position is None:
            listed.append((line, target))
        else:
            match = unmatched.pop(position)[0]  # it takes the 汇总表's code: matched once
            match.name = target.name
            absorb(match, target)
    return listed


def expenditure_list(layout: Layout) -> Iterator[tuple[int, Project]]:
    """Rows of a 项目支出表: under a caption naming 项目, a header row with 项目名称 and 合计 gives the columns.
    A caption holds until the next one, so only the outline lines between a 项目 caption and the next are read."""
    view = layout.outline
    captions = [
        index
        for index in view.indices(CAPTION_END)
        if not view.table_rows[index] and CAPTION.search(view.lines[index][1])
    ]
    for caption, following in pairwise([*captions, len(view.lines)]):
        if LIST_CAPTION in view.lines[caption][1]:
            yield from expenditure_rows(layout, range(caption + 1, following))


def expenditure_rows(layout: Layout, indices: range) -> Iterator[tuple[int, Project]]:
    """The projects in the outline lines `indices`, under a 项目 caption: a prose line ends a table."""
    view = layout.outline
    columns: tuple[int, int, int | None] | None = None
    for position in indices:
        if not view.table_rows[position]:
            columns = None
            continue
        no, squeezed = view.lines[position]
        if columns is None and NAME_COLUMN not in squeezed:
            continue  # only a header row gives the columns, and its squeezed 项目名称 cell is in its squeezed line
        line = layout.lines[no - 1]
        row = list(map(squeeze, raw_cells(line.text)))
        totals = [index for index, cell in enumerate(row) if TOTAL_COLUMN.match(cell)] if NAME_COLUMN in row else []
        if totals:
            category_index = next((index for index, cell in enumerate(row) if CATEGORY_COLUMN.match(cell)), None)
            columns = (row.index(NAME_COLUMN), totals[0], category_index)
            continue
        if columns is None or max(columns[:2]) >= len(row):
            continue
        name_column, total_column, category_column = columns
        name, figure = row[name_column], FIGURE_CELL.match(row[total_column])
        if not CJK_CHAR.search(name) or SUBTOTAL.match(name) or figure is None:
            continue
        category = row[category_column] if category_column is not None and category_column < len(row) else ""
        if category.isdigit():  # a 单位代码 where the category belongs: blank cells were lost, so columns shifted
            continue
        amount = Fact(to_wan(figure["num"], figure["unit"] or line.unit), Evidence(line.no, row_quote(line.text)))
        yield line.no, Project(name=name, amount=amount, category=category or None)


def target_list(layout: Layout) -> list[tuple[int, Project]]:
    """Rows of a 绩效目标汇总表: code, name, amounts, then (indicator, value) pairs, with more pairs on the
    continuation rows below. Indicators are listed column by column, each column being one kind of indicator.
    Only a line led by a code can start the rows, and the squeezed line keeps the code at its start."""
    view = layout.outline
    leading = [index + 1 for index in view.indices(CODE_LINE)]
    if view.lines and CODE_LED.match(view.lines[0][1]):
        leading.insert(0, 0)
    found: list[tuple[int, Project]] = []
    done = 0  # the line the last rows ended on
    for index in leading:
        no = view.lines[index][0]
        if no > done and CODE_LED.match(layout.lines[no - 1].text):
            done = target_rows(layout, no, found)
    return found


def target_rows(layout: Layout, first: int, found: list[tuple[int, Project]]) -> int:
    """Read the 汇总表 rows from line `first` on into `found`; the line they end on (after the last, if none)."""
    current: Project | None = None
    pairs: list[tuple[int, Indicator]] = []
    start = 0
    for line in islice(layout.lines, first - 1, None):
        if not line.text.strip():
            continue
        row = list(map(squeeze, raw_cells(line.text))) if "\t" in line.text else []
        if row and PROJECT_CODE.match(row[0]) and len(row) > 2 and CJK_CHAR.search(row[1]):
            finish(current, pairs)
            # the amounts come first, then the indicator pairs from `start`, the first cell holding no figure
            start = len(row)
            first_figure = None
            for index in range(2, len(row)):
                if row[index]:
                    figure = FIGURE_CELL.match(row[index])
                    if figure is None:
                        start = index
                        break
                    if first_figure is None:
                        first_figure = figure
            amount = None
            if first_figure is not None:
                figure_unit = first_figure["unit"] or line.unit
                amount = Fact(to_wan(first_figure["num"], figure_unit), Evidence(line.no, row_quote(line.text)))
            current = Project(name=row[1], amount=amount, code=row[0])
            found.append((line.no, current))
        elif current is None or any(row[:start]) or not row:
            finish(current, pairs)
            return line.no
        pairs.extend(
            (index, Indicator(value=row[index + 1], name=row[index], line=line.no))
            for index in range(start, len(row) - 1, 2)
            if row[index] and row[index + 1]
        )
    finish(current, pairs)
    return len(layout.lines) + 1


def finish(project: Project | None, pairs: list[tuple[int, Indicator]]) -> None:
    """Hand the pairs read so far to their 汇总表 project, column by column."""
    if project is not None:
        project.indicators.extend(indicator for _, indicator in sorted(pairs, key=lambda pair: pair[0]))
    pairs.clear()


# --- merging ---


def fold(name: str) -> str:
    """A name as compared: full-width forms folded, spaces and quotes dropped."""
    return NAME_NOISE.sub("", unicodedata.normalize("NFKC", name))


def names_match(a: str, b: str) -> bool:
    """Equal folded names, or one a prefix of the other (a table cell cut the name short)."""
    return a == b or (min(len(a), len(b)) >= MIN_PREFIX and (a.startswith(b) or b.startswith(a)))


def absorb(project: Project, other: Project) -> None:
    """Fill what `project` lacks from another account of the same project."""
    project.amount = project.amount or other.amount
    project.category = project.category or other.category
    project.code = project.code or other.code
    if not project.indicators:
        project.indicators = list(other.indicators)


def merged(found: list[tuple[int, Project]]) -> list[Project]:
    """Projects in the order the report first names them, each once."""
    ordered = [project for _, project in sorted(found, key=lambda pair: pair[0])]
    names = [fold(project.name) for project in ordered]
    seen = NameIndex(names)
    result: list[Project] = []
    for project, name in zip(ordered, names, strict=True):
        earlier = seen.first_match(name)
        if earlier is None:
            seen.add(name)
            result.append(project)
        else:
            absorb(result[earlier], project)
    return result


class NameIndex:
    """Folded names as added, each found as the first one it `names_match`, without testing every one (quadratic in
    a long report's projects): a name matches those equal to it and, from MIN_PREFIX characters, those that start
    with it and those it starts with. The names that may be looked up or added are given first, so that each
    one's prefixes among them are listed once (no more of them than it has characters)."""

    def __init__(self, names: list[str]) -> None:
        self.prefixes = prefixes_among(names)
        self.first: dict[str, int] = {}  # where each name was first added
        self.first_starting: dict[str, int] = {}  # where a name starting with each one (MIN_PREFIX long) was
        self.size = 0

    def add(self, name: str) -> None:
        self.first.setdefault(name, self.size)
        if len(name) >= MIN_PREFIX:
            for prefix in (name, *self.prefixes[name]):
                self.first_starting.setdefault(prefix, self.size)
        self.size += 1

    def first_match(self, name: str) -> int | None:
        """Where the first name added that `names_match` this one is, or None."""
        if len(name) < MIN_PREFIX:
            return self.first.get(name)
        found = [self.first_starting.get(name), *(self.first.get(prefix) for prefix in self.prefixes[name])]
        return min((at for at in found if at is not None), default=None)


def prefixes_among(names: list[str]) -> dict[str, list[str]]:
    """Each of `names` with the others it starts with that are MIN_PREFIX characters or longer. In sorted order a
    name's prefixes come before it, and every name between them starts with them too: a stack holds them."""
    prefixes: dict[str, list[str]] = {}
    stack: list[str] = []
    for name in sorted(set(names)):
        while stack and not name.startswith(stack[-1]):
            stack.pop()
        prefixes[name] = [prefix for prefix in stack if len(prefix) >= MIN_PREFIX]
        stack.append(name)
    return prefixes
