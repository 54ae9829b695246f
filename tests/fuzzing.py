"""Hypothesis strategies that damage real reports (the seeds, and the corpus where it is beside the repo): lines
cut, digits swapped, markup injected, bytes garbled, the file truncated or re-encoded. Shared by
tests/test_fuzz.py and benchmarks/fuzz.py."""

from __future__ import annotations

import io
import re
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import docx
import openpyxl
from hypothesis import strategies as st

from generator.errors import ReportError
from generator.pipeline import parse_file
from generator.write import SAFE_ID, dump

ROOT = Path(__file__).resolve().parents[1]
# The seeds (Word exports, tab-separated tables) and the corpus (pdftotext layouts), where it is beside the repo.
SEEDS = sorted((ROOT / "site_data" / "reports").glob("*.txt"))
CORPUS = sorted((ROOT.parent / "shared" / "corpus").glob("*.txt"))
SEED_TEXTS = tuple(path.read_text(encoding="utf-8") for path in SEEDS)
REPORT_TEXTS = SEED_TEXTS + tuple(path.read_text(encoding="utf-8") for path in CORPUS)
# What a hostile or broken report could carry into the record and the site.
INJECTIONS = (
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "{{ 7*7 }}",
    "{% include '/etc/passwd' %}",
    "[点击查看](javascript:alert(1))",
    "![图](http://example.invalid/x.png)",
    "&lt;b&gt;&amp;",
    "../../etc/passwd",
    "\u202e\u200b\ufeff",
    "\x00\x07\x1b[31m",
    "\f",
    "\t\t\t",
    "\r",
    "201\t31\t01\t\t行政运行\t",
    "占%，比上年增加万元",
    "收入预算总额为万元",
    "9" * 400,
    "1e309",
    "-0.00",
    "３３３．３３万元",
    "项目名称\t合计",
)
ENCODINGS = ("utf-8", "utf-8-sig", "gb18030", "utf-16")
DIGIT = re.compile(r"\d")
# Characters XML cannot hold: Word and Excel files never contain them, so the builders below leave them out.
NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


@st.composite
def damaged_text(draw: st.DrawFn) -> str:
    """A seed's text with a few line-level mutations."""
    lines = draw(st.sampled_from(REPORT_TEXTS)).split("\n")
    for _ in range(draw(st.integers(0, 4))):
        operation = draw(st.sampled_from(("cut", "swap", "inject", "repeat", "exchange")))
        at = draw(st.integers(0, max(len(lines) - 1, 0)))
        if operation == "cut":
            del lines[at : at + draw(st.integers(1, 40))]
        elif operation == "swap" and lines and DIGIT.search(lines[at]):
            digits = [match.start() for match in DIGIT.finditer(lines[at])]
            where = draw(st.sampled_from(digits))
            line = lines[at]
            lines[at] = line[:where] + draw(st.sampled_from("0123456789")) + line[where + 1 :]
        elif operation == "inject" and lines:
            column = draw(st.integers(0, len(lines[at])))
            lines[at] = lines[at][:column] + draw(st.sampled_from(INJECTIONS)) + lines[at][column:]
        elif operation == "repeat":
            lines[at:at] = lines[at : at + draw(st.integers(1, 20))]
        elif operation == "exchange" and lines:
            other = draw(st.integers(0, len(lines) - 1))
            lines[at], lines[other] = lines[other], lines[at]
    return "\n".join(lines)


@st.composite
def damaged_bytes(draw: st.DrawFn) -> bytes:
    """A damaged text in some encoding, then perhaps truncated, or with random bytes written over or into it."""
    data = draw(damaged_text()).encode(draw(st.sampled_from(ENCODINGS)), errors="replace")
    for _ in range(draw(st.integers(0, 2))):
        operation = draw(st.sampled_from(("truncate", "insert", "overwrite")))
        at = draw(st.integers(0, len(data)))
        if operation == "truncate":
            data = data[:at]
        else:
            noise = draw(st.binary(min_size=1, max_size=64))
            data = data[:at] + noise + data[at + len(noise) * (operation == "overwrite") :]
    return data


@st.composite
def damaged_package(draw: st.DrawFn, package: bytes) -> bytes:
    """A DOCX or XLSX with one member's XML damaged (the zip stays valid), or with its zip bytes garbled."""
    if draw(st.booleans()):
        data = bytearray(package)
        for _ in range(draw(st.integers(1, 8))):
            data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
        return bytes(data)
    source = zipfile.ZipFile(io.BytesIO(package))
    names = [info.filename for info in source.infolist() if info.filename.endswith(".xml")]
    victim = draw(st.sampled_from(names))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == victim:
                at = draw(st.integers(0, len(content)))
                cut = draw(st.integers(0, 200))
                content = content[:at] + draw(st.sampled_from(INJECTIONS)).encode() + content[at + cut :]
            target.writestr(info, content)
    return out.getvalue()


def parses_or_names_the_file(path: Path) -> None:
    """The property: a record that YAML can hold, with an id and a department key that are safe file names, or a
    ReportError naming the file. Any other exception fails the test."""
    try:
        record = parse_file(path)
    except ReportError as error:
        assert error.path == path
        return
    assert SAFE_ID.fullmatch(record["id"])
    assert SAFE_ID.fullmatch(record["department"].get("key", "dept"))
    dump(record)


@contextmanager
def report_file(data: bytes, name: str) -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="fuzz-") as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        yield path


def docx_bytes(text: str) -> bytes:
    document = docx.Document()
    for line in NOT_XML.sub("", text).split("\n"):
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def xlsx_bytes(text: str) -> bytes:
    workbook = openpyxl.Workbook()
    for line in NOT_XML.sub("", text).split("\n"):
        workbook.active.append(line.split("\t"))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
