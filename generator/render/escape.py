"""Report text is untrusted: it reaches Markdown and HTML only through these filters, and CSV through one more.

Every character that HTML, Markdown or a template engine could read as syntax becomes a numeric
character reference, which Markdown passes through untouched and a browser shows as the character.
"""

from __future__ import annotations

import re

# HTML (& < > " '), inline Markdown (\ ` * _ [ ] ( ) ! | ~ #) and template ({ }) syntax, anywhere in the text.
SIGNIFICANT = "&<>\"'\\`*_[](){}!|~#"
ENTITIES = {ord(char): f"&#{ord(char)};" for char in SIGNIFICANT}
# Block syntax only counts at the start: "- a" or "+ a" (list), "1. a" (ordered list), "= a" (setext).
BLOCK_START = re.compile(r"^(?:([-+=:])|(\d+)\.)")
LINE_BREAKS = re.compile(r"\s*[\r\n]+\s*")


def md(text: object) -> str:
    """Text shown as itself in a Markdown paragraph, heading, list item or link title (line breaks become spaces;
    leading and trailing space goes, as indentation would start a code block or a nested list)."""
    escaped = LINE_BREAKS.sub(" ", str(text)).strip().translate(ENTITIES)
    return BLOCK_START.sub(lambda m: f"&#{ord(m[1])};" if m[1] else f"{m[2]}&#46;", escaped)


def cell(text: object) -> str:
    """Text shown as itself in a Markdown table cell: as `md`, and a dash for an empty cell."""
    escaped = md(text).strip()
    return escaped or "—"


# A spreadsheet opening a CSV runs a cell that starts with one of these as a formula (CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_text(value: object) -> object:
    """A CSV cell as itself in a spreadsheet: text starting like a formula gets a leading `'`; other values as given."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return f"'{value}"
    return value
