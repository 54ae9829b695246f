"""Error findings on the real reports in ../shared/corpus/real, each read by eye against the report's text.

A red finding tells a journalist the government got its sums wrong, so every one the parser raises there is listed
in TRUE_ERRORS with the lines that show the contradiction. The reports whose errors were misreadings are listed in
MISREADINGS with the lines that explain them, and must raise none. Only these reports are parsed; without the
corpus or pdftotext the tests are skipped.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

from generator.pipeline import parse_report
from generator.read import read_report
from generator.records import Report

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "real"


@dataclass(frozen=True)
class Reading:
    """A report as read by eye: what each cited line states (a part of it) and what that shows."""

    file: str
    lines: dict[int, str]
    why: str


# Errors that hold: the report contradicts itself. Each entry: the finding's rule and the lines stating its figures.
TRUE_ERRORS: dict[str, list[tuple[str, Reading]]] = {
    "rw-fj-fz-2026-budget-unit-ac7c3a0f.pdf": [
        (
            "procurement-sum",
            Reading(
                "rw-fj-fz-2026-budget-unit-ac7c3a0f.pdf",
                {
                    1372: "政府采购预算总额 0 万元，",
                    1373: "其中：政府采购货物预算 3456.6 万元、政府采购工程预算 0 万元、",
                    1374: "政府采购服务预算 4683.6 万元。",
                },
                "a 政府采购 total of 0 over parts of 3456.6 and 4683.6 (and a note under it: no procurement at all)",
            ),
        )
    ],
}

MISREADINGS = [
    Reading(
        "rw-bj-2026-budget-e1a2a4ed.pdf",
        {
            180: "2026年支出预算97851.51万元",
            184: "基本支出预算46714.52万元",
            186: "项目支出预算50254.78万元",
            199: "（三）年终结转结余资金882.21万元。",
        },
        "支出预算 counts the 年终结转结余 it keeps: 46714.52 + 50254.78 + 882.21 = 97851.51",
    ),
    Reading(
        "rw-sh-2026-budget-unit-e259e5ad.pdf",
        {73: "支出预算723万元", 163: "合计                  7,233,086      6,963,086      270,000"},
        "a total printed in whole 万元: 696.3086 + 27 = 723.3086 rounds to 723",
    ),
    Reading(
        "rw-sh-2026-budget-unit-bc4d9457.pdf",
        {68: "人员经费增加187万元，公用经费减少13万元"},
        "changes, not the 人员经费 and 公用经费 themselves",
    ),
    Reading(
        "rw-gd-sz-2026-budget-ccbe61e1.pdf",
        {227: "1.基本支出增加 88.05 万元", 247: "包括在职人员经费 2,307.70 万元、公用经费 287.99 万元"},
        "基本支出 grew by 88.05; it is not 88.05",
    ),
    Reading(
        "cq-swu-2021-budget.pdf",
        {222: "本年收入合计              390,140.45", 370: "财政拨款收入减少 6,331.03 万元"},
        "a change of 财政拨款收入, not its amount",
    ),
    Reading(
        "cq-swu-2024-budget.pdf",
        {
            241: "合计              基本支出         项目支出         备注",
            343: "本年收入预算 445,059.97 万元",
        },
        "the 支出预算表 (with 备注) holds all spending, the 财政拨款 table after it less; shares are of 本年收入",
    ),
    Reading(
        "rw-gd-sz-2026-budget-b1d7a076.pdf",
        {584: "其他收入工作经费 134.70 万元", 2490: "经营收入达 800 万"},
        "a project's funds and a target, not income sources",
    ),
    Reading(
        "rw-gd-sz-2026-budget-da116ac7.pdf",
        {439: "其中：一般公共预算 117,921.68 万元", 455: "污水处理服务费（政府性基金）35,927.64 万元"},
        "a project's funding split, not the department's income",
    ),
    Reading(
        "rw-gd-sz-2026-budget-10b50f71.pdf",
        {459: "本单位上级专项转移支付支出预算为 1,047.61 万元", 630: "支出总计                          15,480.26"},
        "a transfer's spending, not the total",
    ),
    Reading(
        "rw-js-wx-2026-budget-17a8236f.pdf",
        {
            2250: "财政拨款基本支出预算 279,627.29 万",
            2252: "（一）人员经费 262,303.68 万元",
            2257: "（二）公用经费 17,323.61 万元",
        },
        "人员经费 + 公用经费 make the 财政拨款 basic spending, not all 基本支出",
    ),
    Reading(
        "rw-js-suz-2026-budget-814bd146.pdf",
        {
            1244: "财政拨款基本支出预算",
            1254: "（一）人员经费 11,577.73 万元",
            1259: "（二）公用经费 1,311.44 万元",
        },
        "the same, with a page break between 基本支出预算 and its 12,889.17",
    ),
    Reading(
        "rw-sh-2026-budget-unit-42ac6739.pdf",
        {63: "“农林水支出”科目83万元，主要用于主要用于人员经费18万元、公用经费58万元、项目支出7万元"},
        "one 科目's 人员经费 and 公用经费, not the unit's",
    ),
    Reading(
        "rw-fj-fz-2026-budget-unit-ac7c3a0f.pdf",
        {1375: "注：本单位 2026 年度没有政府采购预算。"},
        "its one error is the true one above",
    ),
    Reading(
        "rw-gd-sz-2026-budget-d3be6290.pdf",
        {784: "2101101   行政单位医疗          112.00", 873: "2101102   事业单位医疗         108.45"},
        "项 from the tables of two units held to one unit's 类: not known whole, so a note",
    ),
]


def available() -> bool:
    return CORPUS.is_dir() and shutil.which("pdftotext") is not None


pytestmark = pytest.mark.skipif(not available(), reason="needs ../shared/corpus/real and pdftotext")


@cache
def parsed(file: str) -> Report:
    return parse_report(CORPUS / file)


def errors(report: Report) -> list[tuple[str, list[int]]]:
    return [(found.rule, found.lines) for found in report.findings if found.severity == "error"]


@pytest.mark.parametrize("reading", MISREADINGS, ids=lambda reading: reading.file)
def test_a_misreading_raises_no_error(reading: Reading):
    """The lines say what the reading says they do, and the report raises only the errors known to be true."""
    lines = read_report(CORPUS / reading.file).lines
    for no, text in reading.lines.items():
        assert text in lines[no - 1].text, f"line {no} of {reading.file}"
    expected = [(rule, sorted(true.lines)) for rule, true in TRUE_ERRORS.get(reading.file, [])]
    assert errors(parsed(reading.file)) == expected, reading.why


@pytest.mark.parametrize("file", sorted(TRUE_ERRORS))
def test_every_true_error_is_raised_on_its_lines(file: str):
    """Each contradiction read by eye is an error finding naming the lines that state its figures."""
    lines = read_report(CORPUS / file).lines
    for rule, true in TRUE_ERRORS[file]:
        for no, text in true.lines.items():
            assert text in lines[no - 1].text, f"line {no} of {file}"
        assert (rule, sorted(true.lines)) in errors(parsed(file)), true.why
