"""Segmenting: the whole-text scans give what asking line by line gives."""

from __future__ import annotations

import re
from bisect import bisect_right

import pytest

from generator.read import Line, read_report
from generator.records import Evidence
from generator.segment.layout import layout
from generator.segment.prose import QUOTE_LIMIT, is_table_row
from generator.segment.sections import rank
from generator.segment.tables import CELL_GAP, SPACE_RUN, cells, has_space_run
from tests.conftest import SEEDS


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda path: path.name[:3])
def test_outline_ranks_every_line_as_rank_does(path):
    view = layout(read_report(path)).outline
    texts = [text for _, text in view.lines]
    assert view.levels == tuple(rank(text) for text in texts)
    assert [view.joined[start : start + len(text)] for start, text in zip(view.offsets, texts, strict=True)] == texts


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda path: path.name[:3])
def test_evidence_cites_the_line_and_clause_of_its_start(path):
    passage = layout(read_report(path)).prose
    for start in range(0, len(passage.text) - 20, 97):
        line = passage.line_nos[max(bisect_right(passage.offsets, start) - 1, 0)]
        assert passage.evidence(start, start + 20) == Evidence(line, passage.clause(start, start + 20))
        assert passage.line_at(start) == line


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda path: path.name[:3])
def test_quotes_run_from_the_clause_start_on_the_line_to_the_clause_end(path):
    """The quote cut at the clause ends found once is the one found by looking around each span."""
    passage = layout(read_report(path)).prose
    text = passage.text
    for start in range(0, len(text) - 20, 89):
        line_start = passage.offsets[max(bisect_right(passage.offsets, start) - 1, 0)]
        left = max(max(text.rfind(mark, line_start, start) for mark in "。；;") + 1, line_start)
        stop = re.search(r"[。；;\n]", text[start + 20 :])
        whole = text[left : start + 20 + stop.start() if stop else len(text)].strip()
        if len(whole) > QUOTE_LIMIT:  # cut around the span
            lo = max(start - left - QUOTE_LIMIT // 2, 0)
            whole = whole[lo : lo + QUOTE_LIMIT]
        assert passage.quote(line_start, start, start + 20) == whole


def test_a_space_run_is_found_as_the_pattern_finds_it():
    """has_space_run spares most rows SPACE_RUN's scan; it must agree with the scan on every kind of whitespace."""
    rows = [line.text for path in sorted(SEEDS.glob("*.txt")) for line in read_report(path).lines]
    rows += ["行政运行\t469.47", "行政运行 \t469.47", "行政运行  469.47", "行政运行\u3000 469.47", "合计\xa0\xa0\t1.00"]
    rows += ["a\x0b\x0cb", "a \u2028b", "a\t\t b", "a \u3000", "\x1c\x1d", "甲 乙 丙", ""]
    assert [has_space_run(row) for row in rows] == [SPACE_RUN.search(row) is not None for row in rows]


def test_units_follow_the_first_caption_of_a_line_and_never_span_lines(make_report):
    document = make_report(
        "收入支出决算总表\n"
        "单位：元    金额单位：万元\n"  # two captions on one line: the first holds
        "本年收入合计    2,946.25\n"
        "单位\n"  # a caption split over two lines is no caption
        "：万元\n"
        "金额单位：万元\n"
        "本年支出合计    2,946.25"
    )
    assert [line.unit for line in layout(document).lines] == ["万元", "元", "元", "元", "元", "万元", "万元"]


@pytest.mark.parametrize(
    ("text", "row"),
    [
        ("行政运行    469.47", True),
        ("行政运行\u2003\u2003469.47", True),  # a wide gap of other whitespace than spaces
        ("行政运行 469.47", False),
        ("2024 年 收入 合计", False),
        ("合计，  详见下表", False),  # sentence punctuation
        ("201\t03\t01", True),
    ],
)
def test_table_rows_are_told_by_their_gaps(text, row):
    assert is_table_row(text) is row
    assert is_table_row(Line(1, f"  {text} ").text) is row


@pytest.mark.parametrize(
    "row",
    [
        "410711230000000009215\t档案办公经 费\t1.00\t1.00\t\t\t查阅档案 总成本\t≤1万元",  # single spaces stay inside
        "\t项目名称 \t 办公经费\t",  # spaces next to a tab
        "类型\t项目名称  项目单位\t合计",  # a wide gap inside a tab cell parts it too
        "合计\t一般公共\u3000\u3000预算\t43.00",  # so does one of ideographic spaces
        "其他运转类     档案办公经费      某单位            1.00",  # no tab: the gaps alone
        "合计 \t\u3000 1.00",
    ],
)
def test_a_tab_row_split_at_its_tabs_has_the_gap_patterns_cells(row):
    """The quick split of a tab row finds the cells the gap pattern finds."""
    assert cells(row) == [cell for cell in map(str.strip, CELL_GAP.split(row.strip())) if cell]
