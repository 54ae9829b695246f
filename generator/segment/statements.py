"""The national template's standard tables (收支总表, 收入总表, 支出总表, 财政拨款收支总表, “三公”经费支出表, …),
rebuilt once per PDF from its positioned words.

A table starts at its title ("预算01表 收支总表", "公开04表 财政拨款收支总表") when a 单位 line follows within a few
rows (a table of contents lists the same titles without one) and runs, across pages, to the next title. Its header
is the rows above its first figure; a figure's column is the lowest header word nearest above it, named with the
header words over that one ("事业单位" over "经营支出"), so a blank cell stays blank and a wrapped header stays one
name. Each row keeps the line of the layout text that shows it: the evidence a reader checks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.figures import to_wan
from generator.read import Document
from generator.read.pdf import PageWords, Word

# What may stand before 收入表/支出表 of the whole department: the last character of a body's name (部门, 单位, 局,
# 委员会, 中心, 大学, 医院 …) or of a table's number ("表三").
ORGANISATION_END = "[门位局委会办院校学心所站队厅室处部馆社一二三四五六七八九十]"
# The kinds of standard table by their titles, most specific first ("财政拨款收支总表" before "收支总表").
TITLES = (
    ("fiscal_summary", re.compile(r"财政拨款收(?:入)?支(?:出)?(?:预算|决算)?总表")),
    ("summary", re.compile(r"收(?:入)?支(?:出)?(?:预算|决算)?总表")),
    ("three_public", re.compile(r"三公.{0,24}表")),
    ("general_basic", re.compile(r"一般公共预算(?:财政拨款)?基本支出(?:预算|决算)?表")),
    ("general", re.compile(r"一般公共预算(?:财政拨款)?支出(?:预算|决算)?表")),
    ("gov_fund", re.compile(r"政府性基金(?:预算)?(?:财政拨款)?(?:收入)?支出(?:预算|决算)?表")),
    ("state_capital", re.compile(r"国有资本经营(?:预算)?(?:财政拨款)?支出(?:预算|决算)?表")),
    ("basic", re.compile(r"基本支出(?:预算|决算)?总?表")),
    ("project", re.compile(r"项目支出(?:预算|决算)?总?表")),
    # The whole department's income or spending, after nothing, a year, a number or its name ("西南大学支出预算表"),
    # not a part's ("财政拨款支出表", "政府采购支出表", "机关运行经费支出表").
    ("income", re.compile(rf"(?:^|年度?|{ORGANISATION_END})(?:预算|决算)?收入(?:预算|决算)?总?表$")),
    ("expenditure", re.compile(rf"(?:^|年度?|{ORGANISATION_END})(?:预算|决算)?支出(?:预算|决算)?总?表$")),
)
# What may stand before a title: its number ("预算01表", "公开04表", "表1", "附表3", "一、"), a year.
TITLE_PREFIX = re.compile(
    r"^(?:(?:(?:预算|决算|公开|部门|单位)?\d*表[\d\-—]*)|[一二三四五六七八九十\d]+[、.．]|20\d\d年度?)*"
)
TITLE_LENGTH = 40
OTHER = "other"
UNIT = re.compile(r"单位[：:](?P<unit>万元|元)")
ROWS_TO_UNIT = 4  # a title's 单位 line follows it within this many rows
AMOUNT = re.compile(r"-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")
CODE_PART = re.compile(r"\d{2,7}")
CODE_COLUMN = re.compile(r"编码|代码|^[类款项]$")
CODED_LABEL = re.compile(r"(?P<code>\d{3}(?:\d{2}){0,2})(?!\d)\s*[-—－]?\s*(?P<name>.*)")
# A page's number or a table's number alone on a row: "- 9 -", "第3页", "表 3".
PAGE_FOOTER = re.compile(r"(?:附?表|第)?[-－—\s]*\d+[-－—页\s]*(?:共\d+页)?")
# A header row or column numbering the columns or rows ("栏次 1 2", "行次"): its numbers are no amounts.
COLUMN_NUMBERS = re.compile(r"[栏行]次")
PART_HEADING = re.compile(r"第[一二三四五六七八九十]+部分")
SENTENCE_LENGTH = 20
RUN_GAP = 1.5  # words further apart than this many line heights are two cells
SPACED_GAP = 4  # or this many, for single characters spaced out across a cell


@dataclass(frozen=True)
class Cell:
    value: float  # 万元
    text: str  # as printed
    column: tuple[str, ...]  # the header words over it, top to bottom ("公务用车购置及运行费", "购置费")


@dataclass(frozen=True)
class Row:
    labels: tuple[str, ...]  # the runs of words that are not figures, left to right, spaces removed
    cells: tuple[Cell, ...]
    pairs: tuple[tuple[str, Cell], ...]  # each figure with the run of words just before it (two-sided tables)
    code: str | None  # a classification code leading the row ("2080501", or "208 05 01" as printed apart)
    page: int
    line: int | None  # the layout text's line that shows the row
    quote: str

    @property
    def label(self) -> str:
        return "".join(self.labels)


@dataclass(frozen=True)
class Table:
    kind: str  # one of TITLES, or OTHER
    title: str
    unit: str  # 万元 or 元, as its 单位 line says
    page: int
    line: int | None
    rows: tuple[Row, ...]


@dataclass
class OpenTable:
    """A table being read, page by page, until the next title."""

    kind: str
    title: str
    unit: str
    page: int
    line: int | None
    columns: list[tuple[float, tuple[str, ...]]]  # each lowest header word's middle, and the header words it is under
    rows: list[Row] = field(default_factory=list)

    def closed(self) -> Table:
        return Table(self.kind, self.title, self.unit, self.page, self.line, tuple(self.rows))


def standard_tables(document: Document) -> tuple[Table, ...]:
    """The document's standard tables (a PDF's: other formats carry no word positions)."""
    found: list[Table] = []
    current: OpenTable | None = None
    for page in document.pages:
        page_rows = rows_of(page)
        lines = LineFinder(document, page.number)
        index = 0
        while index < len(page_rows):
            words = page_rows[index]
            kind = title_kind(words)
            unit_row, unit = unit_after(page_rows, index) if kind else (None, "")
            if unit_row is not None and any(title_kind(row) for row in page_rows[index + 1 : unit_row + 1]):
                index += 1  # a part's heading over the table's own title ("二、部门预算报表"): the title follows
                continue
            if kind and unit_row is not None and current and (kind, squeezed(words)) == (current.kind, current.title):
                index = first_figure_row(page_rows, unit_row + 1)  # the title again over the table's next page
                continue
            if kind and unit_row is not None:
                if current:
                    found.append(current.closed())
                header_end = first_figure_row(page_rows, unit_row + 1)
                header = [word for row in page_rows[unit_row + 1 : header_end] for word in row]
                current = OpenTable(kind, squeezed(words), unit, page.number, lines.find(words), columns_of(header))
                index = header_end
                continue
            if current and ends_table(words):
                found.append(current.closed())
                current = None
            elif current and not PAGE_FOOTER.fullmatch(squeezed(words)):
                current.rows.append(make_row(words, current, page.number, lines))
            index += 1
    if current:
        found.append(current.closed())
    return tuple(found)


def rows_of(page: PageWords) -> list[list[Word]]:
    """The page's words in rows, top to bottom, each left to right: a word whose middle lies within a row's height
    belongs to it (a row's words may sit a little apart in height, set in different fonts)."""
    rows: list[list[Word]] = []
    top = bottom = -1.0
    for word in sorted(page.words, key=lambda word: (word.y0, word.x0)):
        middle = (word.y0 + word.y1) / 2
        if rows and top <= middle <= bottom:
            rows[-1].append(word)
            bottom = max(bottom, word.y1)
        else:
            rows.append([word])
            top, bottom = word.y0, word.y1
    return [sorted(row, key=lambda word: word.x0) for row in rows]


def squeezed(words: list[Word]) -> str:
    return "".join(word.text for word in words).replace(" ", "")


def ends_table(words: list[Word]) -> bool:
    """The narrative resumes: a part's heading ("第三部分") or a sentence (a note under the table, "注：…", is none)."""
    text = squeezed(words)
    if PART_HEADING.match(text):
        return True
    return len(text) >= SENTENCE_LENGTH and ("，" in text or "。" in text) and not text.startswith("注")


def title_kind(words: list[Word]) -> str | None:
    """The kind of table a row titles; OTHER for a title of none of TITLES (a 绩效目标表, a 政府采购支出表), which
    still ends the table before it; None for a row that is no title."""
    text = squeezed(words)
    core = re.sub(r"[（(][^）)]*[）)]$", "", TITLE_PREFIX.sub("", text))  # "财政拨款支出表（功能科目）"
    if len(text) > TITLE_LENGTH or "，" in text or "。" in text or not core.endswith("表"):
        return None
    if "绩效" in core:
        return OTHER
    return next((kind for kind, title in TITLES if title.search(core)), OTHER)


def unit_after(rows: list[list[Word]], index: int) -> tuple[int | None, str]:
    """The row of a title's 单位 line ("金额单位：万元", "部门：… 单位：元"), its own row included, and the unit."""
    for row in range(index, min(index + 1 + ROWS_TO_UNIT, len(rows))):
        if match := UNIT.search(squeezed(rows[row])):
            return row, match["unit"]
    return None, ""


def is_amount(word: Word) -> bool:
    return AMOUNT.fullmatch(word.text) is not None


def first_figure_row(rows: list[list[Word]], start: int) -> int:
    """The first row holding an amount (a year in a header, "2026 年预算数", and the columns' numbers on a 栏次
    row are none): the header ends there."""
    for index in range(start, len(rows)):
        words = rows[index]
        if COLUMN_NUMBERS.fullmatch(words[0].text):
            continue
        for position, word in enumerate(words):
            if is_amount(word) and not is_year(words, position):
                return index
    return len(rows)


def is_year(words: list[Word], position: int) -> bool:
    text = words[position].text
    following = words[position + 1].text if position + 1 < len(words) else ""
    return bool(re.fullmatch(r"(?:19|20)\d\d", text)) and following.startswith("年")


def make_row(words: list[Word], table: OpenTable, page: int, lines: LineFinder) -> Row:
    code_parts: list[str] = []
    runs: list[list[Word]] = []
    cells: list[Cell] = []
    pairs: list[tuple[str, Cell]] = []
    height = max((word.y1 - word.y0 for word in words), default=0.0)
    previous: Word | None = None
    for position, word in enumerate(words):
        if is_amount(word) and not is_year(words, position):
            column = column_of(word, table)
            if not runs and not cells and is_code_start(code_parts, word.text) and names_codes(column):
                code_parts.append(word.text)
            elif not numbers_columns(column):
                cell = Cell(to_wan(word.text, table.unit), word.text, column)
                cells.append(cell)
                if runs:
                    pairs.append(("".join(w.text for w in runs[-1]), cell))
        elif runs and previous is runs[-1][-1] and one_cell(previous, word, height):
            runs[-1].append(word)
        else:
            runs.append([word])
        previous = word
    labels = ["".join(word.text for word in run) for run in runs]
    code = "".join(code_parts) if code_parts and len("".join(code_parts)) in (3, 5, 7) else None
    if code is None and labels and (coded := CODED_LABEL.fullmatch(labels[0])) and coded["name"]:
        code, labels[0] = coded["code"], coded["name"].lstrip("-—－ ")
    line = lines.find(words)
    return Row(tuple(labels), tuple(cells), tuple(pairs), code, page, line, lines.quote(line))


def one_cell(previous: Word, word: Word, height: float) -> bool:
    """Two words side by side in one cell: close, or single characters spaced out across it ("收 入 总 计")."""
    gap = word.x0 - previous.x1
    return gap < RUN_GAP * height or (len(previous.text) == len(word.text) == 1 and gap < SPACED_GAP * height)


def names_codes(column: tuple[str, ...]) -> bool:
    """A column of classification codes ("科目编码", or 类, 款 and 项 apart): a number in it is no amount, where an
    amount in 元 may have as many digits as a code."""
    return any(CODE_COLUMN.search(name) for name in column)


def numbers_columns(column: tuple[str, ...]) -> bool:
    return any(COLUMN_NUMBERS.fullmatch(name) for name in column)


def is_code_start(parts: list[str], text: str) -> bool:
    """A code leads a row as one number ("2080501") or as 类, 款 and 项 apart ("208", "05", "01")."""
    if not CODE_PART.fullmatch(text):
        return False
    if not parts:
        return len(text) in (3, 5, 7)
    return len(text) == 2 and len("".join(parts)) in (3, 5)


def columns_of(header: list[Word]) -> list[tuple[float, tuple[str, ...]]]:
    """A table's columns: each lowest header word (none below it) by its middle, named with the header words over
    it, top to bottom."""
    columns = []
    for leaf in header:
        if not any(below.y0 > leaf.y1 - 1 and overlaps(leaf, below) for below in header):
            above = sorted((w for w in header if w.y1 <= leaf.y0 + 1 and overlaps(w, leaf)), key=lambda w: w.y0)
            columns.append(((leaf.x0 + leaf.x1) / 2, (*(w.text for w in above), leaf.text)))
    return columns


def column_of(word: Word, table: OpenTable) -> tuple[str, ...]:
    """The header words over a figure: those of the column whose lowest header word is nearest it across."""
    if not table.columns:
        return ()
    middle = (word.x0 + word.x1) / 2
    return min(table.columns, key=lambda column: abs(column[0] - middle))[1]


def overlaps(a: Word, b: Word) -> bool:
    return a.x0 < b.x1 and b.x0 < a.x1


class LineFinder:
    """The layout text's line that shows a row of words, among the lines of its page, in order."""

    def __init__(self, document: Document, page: int) -> None:
        starts = document.page_starts or (1,)  # a format without pages is one
        first = starts[page - 1] if page - 1 < len(starts) else len(document.lines) + 1
        last = starts[page] - 1 if page < len(starts) else len(document.lines)
        self.document = document
        self.lines = [(no, document.text(no).replace(" ", "")) for no in range(first, last + 1)]
        self.next = 0

    def find(self, words: list[Word]) -> int | None:
        wanted = [word.text.replace(" ", "") for word in (words[0], words[-1])]
        for index in range(self.next, len(self.lines)):
            no, text = self.lines[index]
            if all(part in text for part in wanted):
                self.next = index + 1
                return no
        return None

    def quote(self, line: int | None) -> str:
        return " ".join(self.document.text(line).split()) if line else ""
