"""Read a report file into numbered lines, whatever its encoding, with conversion debris removed.

Line numbers are the source file's own (1-based), so evidence can point a reader at the exact line.
Normalising never adds or removes a line: debris is blanked out in place.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from generator.errors import ReportError

ENCODINGS = ("utf-8-sig", "gb18030")
MAX_BYTES = 20_000_000

# Word mail-merge fields left behind by export: "MERGEFIELD ${page400644146.ds2156…_XMZCQK}".
MERGEFIELD = re.compile(r"MERGEFIELD[ \t]*(?:\$\{[^}\n]*\}|\S+)")
# Pandoc/Word bookmarks: "[bookmark: _GoBack]".
BOOKMARK = re.compile(r"\[bookmark:[^\]\n]*\]")
# Fill-in blanks around a typed figure: "__19__人", "_388.50_万元".
UNDERSCORES = re.compile(r"_+")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# A count typed with a stray space between its digits: "行政编制人数  1 6 人".
SPLIT_COUNT = re.compile(r" (?<=[^\d.]\d )(?=\d\s*[人名个辆台套项次家])")
# Full-width digits, Latin letters and the signs that belong to figures (translated only where present: fast).
FULL_WIDTH_CHAR = re.compile("[０-９Ａ-Ｚａ-ｚ％＋－\u3000\xa0]+")
FULL_WIDTH = str.maketrans(
    "０１２３４５６７８９ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ％＋－\u3000\xa0",
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz%+-  ",
)
# A full-width full stop used as a decimal point or list marker: "１．负责" / "3．5".
FULL_WIDTH_POINT = re.compile(r"．(?<=\d．)")


class Line(NamedTuple):  # a tuple: a report has hundreds of lines and tuples are the cheapest to make
    no: int
    text: str


@dataclass(frozen=True, eq=False)  # identity equality: stages cache their views of one document cheaply
class Document:
    path: Path
    sha256: str
    lines: tuple[Line, ...]

    def text(self, no: int) -> str:
        return self.lines[no - 1].text


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
    line = FULL_WIDTH_CHAR.sub(lambda match: match.group().translate(FULL_WIDTH), line)
    line = FULL_WIDTH_POINT.sub(".", line)
    line = MERGEFIELD.sub("", line)
    line = BOOKMARK.sub("", line)
    if "_" in line:
        line = UNDERSCORES.sub(" ", line)
    line = SPLIT_COUNT.sub("", line)
    return "\n".join(part.rstrip() for part in line.split("\n"))


def read_report(path: Path) -> Document:
    """Read and normalise one text report."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReportError(path, f"cannot read the file: {exc.strerror}") from exc
    if len(data) > MAX_BYTES:
        raise ReportError(path, f"the file is {len(data):,} bytes: larger than any budget report ({MAX_BYTES:,})")
    text = decode(data, path)
    if len(CONTROL.findall(text[:4096])) > 0.1 * min(len(text), 4096):
        raise ReportError(path, "the file is mostly control characters: expected a text report")
    text = normalise(text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", ""))
    lines = tuple(map(Line._make, enumerate(text.split("\n"), start=1)))
    return Document(path=path, sha256=hashlib.sha256(data).hexdigest(), lines=lines)
