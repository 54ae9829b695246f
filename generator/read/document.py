"""Read a report file into numbered lines, whatever its format and encoding, with conversion debris removed.

A text report's line numbers are the file's own (1-based), so evidence can point a reader at the exact line; other
formats are first turned into text (one module each), and a PDF's lines also know their page.
Normalising never adds or removes a line: debris is blanked out in place.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from dataclasses import dataclass
from itertools import repeat
from pathlib import Path
from typing import NamedTuple

from generator.errors import ReportError
from generator.read.office import doc_text
from generator.read.pdf import PageWords, Word, pdf_text, pdf_words
from generator.read.sheet import xlsx_text
from generator.read.word import docx_text

REPORT_SUFFIXES = (".txt", ".pdf", ".docx", ".doc", ".xlsx")
# Formats whose tab-separated lines are table rows, cell by grid column (see word.py, sheet.py, office.py).
TABLE_FORMATS = (".docx", ".doc", ".xlsx")
# A cell placed as a word: columns CELL_PITCH apart, each CELL_WIDTH wide, lines LINE_PITCH apart and 1 high, so two
# cells of a row are never one run of words nor two rows one (see segment/statements.py).
CELL_PITCH, CELL_WIDTH, LINE_PITCH = 100.0, 50.0, 10.0
ENCODINGS = ("utf-8-sig", "gb18030")
# A report's text (UTF-8, whatever its format) is at most this long: the longest real one is under 1 MB. A longer
# file is a broken export or a hostile one, refused at once so that a batch never spends minutes on it.
MAX_BYTES = 20_000_000
MAX_BINARY_BYTES = 200_000_000  # a PDF or Word file carries fonts and images beside its text

# Word mail-merge fields left behind by export: "MERGEFIELD ${page400644146.ds2156…_XMZCQK}".
MERGEFIELD = re.compile(r"MERGEFIELD[ \t]*(?:\$\{[^}\n]*\}|\S+)")
# Pandoc/Word bookmarks: "[bookmark: _GoBack]".
BOOKMARK = re.compile(r"\[bookmark:[^\]\n]*\]")
# Fill-in blanks around a typed figure: "__19__人", "_388.50_万元". Spelt "__*", not "_+": a pattern that starts
# with a plain character lets re jump from one "_" to the next instead of trying every position.
UNDERSCORES = re.compile(r"__*")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# A count typed with a stray space between its digits: "行政编制人数  1 6 人".
SPLIT_COUNT = re.compile(r" (?<=[^\d.]\d )(?=\d\s*[人名个辆台套项次家])")
# Full-width digits, Latin letters and the signs that belong to figures (translated only where present: fast).
# The class is written twice rather than with "+" so that re scans for its first character with a set lookup.
FULL_WIDTH_CLASS = "[０-９Ａ-Ｚａ-ｚ％＋－\u3000\xa0]"
FULL_WIDTH_CHAR = re.compile(f"{FULL_WIDTH_CLASS}{FULL_WIDTH_CLASS}*")
FULL_WIDTH = str.maketrans(
    "０１２３４５６７８９ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ％＋－\u3000\xa0",
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz%+-  ",
)
# A full-width full stop used as a decimal point or list marker: "１．负责" / "3．5".
FULL_WIDTH_POINT = re.compile(r"．(?<=\d．)")


class Line(NamedTuple):  # a tuple: a report has hundreds of lines and tuples are the cheapest to make
    no: int
    text: str


@dataclass(frozen=True, eq=False)  # identity equality: comparing or hashing every line is never wanted
class Document:
    path: Path
    sha256: str
    lines: tuple[Line, ...]
    page_starts: tuple[int, ...] = ()  # the first line of each page, for formats with pages (PDF)
    pages: tuple[PageWords, ...] = ()  # each page's positioned words (PDF): the tables' columns

    def text(self, no: int) -> str:
        return self.lines[no - 1].text

    def page(self, no: int) -> int | None:
        """The 1-based page of line `no`, or None where the format has no pages."""
        return bisect_right(self.page_starts, no) or None

    def where(self, no: int) -> str:
        """Line `no` as a reader finds it in the original: 第3页第12行 in a PDF, 第57行 elsewhere."""
        position = page_position(self.page_starts, no)
        return f"第{position[0]}页第{position[1]}行" if position else f"第{no}行"


def page_position(page_starts: tuple[int, ...], no: int) -> tuple[int, int] | None:
    """Line `no`'s page and its line on that page, where the format has pages (a PDF); None otherwise."""
    page = bisect_right(page_starts, no)
    return (page, no - page_starts[page - 1] + 1) if page else None


def decode(data: bytes, path: Path) -> str:
    """Decode UTF-8 (with or without BOM) or GB18030/GBK; refuse binary files instead of parsing noise."""
    if not data.strip():
        raise ReportError(path, "the file is empty: expected the text of a budget report")
    if b"\x00" in data[:4096]:
        raise ReportError(path, "the file is binary (it contains NUL bytes): expected a text report")
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ReportError(path, "the file is neither UTF-8 nor GB18030 text: expected a text report")


def normalise(line: str) -> str:
    """Report text (a line or many) with debris blanked and figures in ASCII; never joins or splits lines."""
    return "\n".join(normalised_lines(line))


def normalised_lines(text: str) -> list[str]:
    """The lines of normalise(text). A pattern whose fixed part the text lacks is not run: each run scans it all."""
    text = FULL_WIDTH_CHAR.sub(lambda match: match.group().translate(FULL_WIDTH), text)
    if "．" in text:
        text = FULL_WIDTH_POINT.sub(".", text)
    if "MERGEFIELD" in text:
        text = MERGEFIELD.sub("", text)
    if "[bookmark:" in text:
        text = BOOKMARK.sub("", text)
    if "_" in text:
        text = UNDERSCORES.sub(" ", text)
    text = SPLIT_COUNT.sub("", text)
    return list(map(str.rstrip, text.split("\n")))


def read_report(path: Path) -> Document:
    """Read and normalise one report in any of REPORT_SUFFIXES."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in REPORT_SUFFIXES:
        raise ReportError(
            path, f"unknown file type {path.suffix or '(none)'}: expected a report as {', '.join(REPORT_SUFFIXES)}"
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReportError(path, f"cannot read the file: {exc.strerror}") from exc
    limit = MAX_BYTES if suffix == ".txt" else MAX_BINARY_BYTES
    if len(data) > limit:
        raise ReportError(
            path, f"the file is {len(data):,} bytes: larger than any budget report (the limit is {limit:,} bytes)"
        )
    if not data.strip():
        raise ReportError(path, "the file is empty: expected the text of a budget report")
    text = format_text(path, suffix, data)
    if (size := len(text.encode("utf-8"))) > MAX_BYTES:  # a small PDF or Word file may hold a huge text
        raise ReportError(
            path, f"its text is {size:,} bytes: larger than any budget report (the limit is {MAX_BYTES:,} bytes)"
        )
    pages = text.replace("\r\n", "\n").replace("\r", "\n").split("\f")
    if suffix != ".pdf":  # a stray form feed in other formats is debris, not a page break
        pages = ["".join(pages)]
    elif len(pages) > 1 and not pages[-1].strip():  # pdftotext ends every page, the last too, with a form feed
        pages.pop()
    page_starts = []
    start = 1
    for page in pages:
        page_starts.append(start)
        start += page.count("\n") + 1
    numbered = enumerate(normalised_lines("\n".join(pages)), start=1)
    lines = tuple(map(tuple.__new__, repeat(Line), numbered))  # Line._make, without a Python call per line
    return Document(
        path=path,
        sha256=hashlib.sha256(data).hexdigest(),
        lines=lines,
        page_starts=tuple(page_starts) if suffix == ".pdf" else (),
        pages=ascii_figures(pdf_words(path)) if suffix == ".pdf" else cell_words(lines, suffix),
    )


def cell_words(lines: tuple[Line, ...], suffix: str) -> tuple[PageWords, ...]:
    """A Word or Excel report's table cells placed as a PDF's words would be, a column apart and a line apart, so
    its standard tables are read by column as a PDF's are (a row keeps its blank cells as empty tab fields); other
    lines are one word each, a title or a sentence. A text report's tabs may be any export's debris: none."""
    if suffix not in TABLE_FORMATS:
        return ()
    words = []
    for line in lines:
        top = LINE_PITCH * line.no
        for column, cell in enumerate(line.text.split("\t")):
            if cell.strip():
                words.append(Word(cell, CELL_PITCH * column, top, CELL_PITCH * column + CELL_WIDTH, top + 1))
    return (PageWords(1, tuple(words)),)


def ascii_figures(pages: tuple[PageWords, ...]) -> tuple[PageWords, ...]:
    """Full-width figures in a page's words as ASCII, as in its lines."""
    return tuple(
        page._replace(words=tuple(word._replace(text=word.text.translate(FULL_WIDTH)) for word in page.words))
        for page in pages
    )


def format_text(path: Path, suffix: str, data: bytes) -> str:
    """The report as text, by its format; a PDF's pages separated by form feeds."""
    match suffix:
        case ".pdf":
            return pdf_text(path, data)
        case ".docx":
            return docx_text(path)
        case ".doc":
            return doc_text(path, data)
        case ".xlsx":
            return xlsx_text(path)
    return plain_text(path, data)


def plain_text(path: Path, data: bytes) -> str:
    text = decode(data, path)
    if len(CONTROL.findall(text[:4096])) > 0.1 * min(len(text), 4096):
        raise ReportError(path, "the file is mostly control characters: expected a text report")
    return text
