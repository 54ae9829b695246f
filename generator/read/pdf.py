"""PDF reports: the text layer as `pdftotext -layout` lays it out, pages separated by form feeds, and each page's
words with their boxes (`pdftotext -bbox`), from which the standard tables are rebuilt column by column.

The prose rules and the source page read the layout text (its line numbers are the evidence); the layout loses a
table's columns (blank cells, two-column tables, wrapped names), which the words' positions keep. poppler's words
were chosen by measuring: a 146-page report's words take 0.7 s with it and 18 s with pdfplumber.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from typing import NamedTuple

from generator.errors import ReportError
from generator.read.external import last_message, run_tool

MAGIC = b"%PDF-"
CONTROL = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]")
XHTML = "{http://www.w3.org/1999/xhtml}"
# More pages than any budget report has (the longest real one has 262): a larger PDF is refused after pdftotext has
# read one page more than this, never all of it.
MAX_PAGES = 1_000


class Word(NamedTuple):
    """A word of a PDF page and its box, in points from the page's top left corner."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float


class PageWords(NamedTuple):
    number: int  # 1-based
    words: tuple[Word, ...]


def pdf_text(path: Path, data: bytes) -> str:
    if MAGIC not in data[:1024]:
        raise ReportError(path, "the file is not a PDF (no %PDF- header): check the file, or save it as .txt")
    text = run_pdftotext(path, "-layout", "-l", str(MAX_PAGES + 1)).decode("utf-8", "replace")
    if text.count("\f") > MAX_PAGES:  # pdftotext ends every page with a form feed
        raise ReportError(path, f"the PDF has more than {MAX_PAGES:,} pages (the limit): larger than any budget report")
    if not text.replace("\f", "").strip():
        raise ReportError(path, "the PDF has no text layer (a scan?): run OCR on it, or supply its text as .txt")
    return text


def pdf_words(path: Path) -> tuple[PageWords, ...]:
    """Every page's words with their boxes; called after pdf_text has vouched for the file. Control characters
    (a title's debris in the metadata) are not XML and go; should the boxes still not parse, the report is read
    from its layout text alone, as any format without positions."""
    markup = CONTROL.sub(b"", run_pdftotext(path, "-bbox"))
    try:
        root = ElementTree.fromstring(markup)
    except ElementTree.ParseError:
        return ()
    pages = []
    for number, page in enumerate(root.iter(f"{XHTML}page"), start=1):
        words = tuple(
            Word(word.text or "", float(word.get("xMin", 0)), float(word.get("yMin", 0)),
                 float(word.get("xMax", 0)), float(word.get("yMax", 0)))
            for word in page.iter(f"{XHTML}word")
            if word.text and word.text.strip()
        )
        pages.append(PageWords(number, words))
    return tuple(pages)


def run_pdftotext(path: Path, *options: str) -> bytes:
    result = run_tool(path, ["pdftotext", *options, "-enc", "UTF-8", str(path.resolve()), "-"], "poppler-utils")
    if result.returncode != 0:
        message = last_message(result)
        if "password" in message.lower():
            raise ReportError(path, "the PDF is encrypted: save an unprotected copy, or its text as .txt")
        raise ReportError(path, f"the PDF is damaged ({message}): download it again, or save its text as .txt")
    return result.stdout
