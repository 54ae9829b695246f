"""No step is worse than linear in a passage's or a report's length: a report on one line (a broken export, or a
hostile file) is parsed in time proportional to its size. Each step made linear is checked against its plain form
on the seeds."""

from __future__ import annotations

import random
import re
import time
from itertools import product
from pathlib import Path

import pytest

from generator.extract.patterns import AMOUNT, CHANGE, change_from
from generator.extract.projects import (
    NameIndex,
    names_match,
    performance_tables,
    project_blocks,
    tables_by_block,
)
from generator.extract.totals import CLASS_SUBJECT, class_sentences
from generator.pipeline import parse_report
from generator.read import read_report
from generator.segment.layout import layout
from tests.conftest import SEEDS, SHARED, seed

CLAUSES = 4000  # the smaller size; the larger is four times it
CORPUS = SHARED / "corpus"


def one_line_report(tmp_path: Path, name: str, clauses: int) -> Path:
    """Seed `name` with one more line: its own prose clauses, repeated to `clauses` and joined by "，" alone (no 。
    ends the sentence), then its table rows' cells, tab-separated on one line."""
    lines = seed(name).read_text(encoding="utf-8").split("\n")
    prose = [clause for line in lines if "\t" not in line for clause in re.split("[，。]", line.strip()) if clause]
    cells = [cell for line in lines if "\t" in line for cell in line.split("\t")]
    sentence = "，".join(prose[index % len(prose)] for index in range(clauses)) + "。"
    row = "\t".join(cells[index % len(cells)] for index in range(clauses))
    path = tmp_path / f"{name}-{clauses}.txt"
    path.write_text("\n".join([*lines, sentence, row]) + "\n", encoding="utf-8")
    return path


def best_time(path: Path) -> float:
    """The best of three parses: other work on the machine only ever slows a run down."""
    times = []
    for _ in range(3):
        start = time.perf_counter()
        parse_report(path)
        times.append(time.perf_counter() - start)
    return min(times)


def test_a_four_times_longer_line_takes_well_under_eight_times_as_long(tmp_path):
    """Linear work takes about 4× as long on a 4× longer line and quadratic work 16×; before the fix, 16,000
    clauses took 9 to 19 times as long as 4,000."""
    small = best_time(one_line_report(tmp_path, "004", CLAUSES))
    large = best_time(one_line_report(tmp_path, "004", 4 * CLAUSES))
    assert large < 8 * small


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda path: path.name[:3])
def test_a_change_is_the_first_in_the_clause_unless_the_next_amount_comes_first(path):
    """change_from, tried only up to the next amount, gives what a search to the clause's end gives once a change
    after the next amount is dropped."""
    passage = layout(read_report(path)).prose
    text = passage.text
    for amount in AMOUNT.finditer(text):
        pos = amount.end()
        clause_end = passage.clause_end(pos)
        change = CHANGE.search(text, pos, clause_end)
        next_amount = AMOUNT.search(text, pos, clause_end)
        if change and next_amount and next_amount.start() < change.start():
            change = None
        found = change_from(text, pos, next_amount.start() if next_amount else clause_end, clause_end)
        assert (found and found.span()) == (change and change.span())


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda path: path.name[:3])
def test_a_sentence_about_a_class_is_told_as_by_searching_it(path):
    """class_sentences looks up what a search of the sentence up to each position finds."""
    text = layout(read_report(path)).prose.text
    about_a_class = class_sentences(text)
    for start in range(len(text)):
        sentence = text[max(text.rfind("。", 0, start), text.rfind("\n", 0, start)) + 1 : start]
        assert about_a_class(start) == (CLASS_SUBJECT.search(sentence) is not None)


@pytest.mark.parametrize(
    "path", [*sorted(SEEDS.glob("*.txt")), *sorted(CORPUS.glob("*.txt"))], ids=lambda path: path.stem
)
def test_each_table_is_found_in_the_block_holding_it(path):
    """tables_by_block gives what testing every block against every table gives."""
    laid = layout(read_report(path))
    blocks = project_blocks(laid)
    tables = performance_tables(laid, blocks)
    inside, outside = tables_by_block(blocks, tables)
    assert inside == [[table for table in tables if block.start <= table.line < block.end] for block in blocks]
    assert outside == [table for table in tables if not any(block.start <= table.line < block.end for block in blocks)]


def test_a_name_is_found_as_the_first_added_that_matches_it():
    """NameIndex finds what a scan of the names added, in order, finds first: on every name of up to seven letters
    of two (many equal, prefixed and prefixing one another), looked up and added in a shuffled order."""
    names = ["".join(letters) for length in range(8) for letters in product("ab", repeat=length)]
    rng = random.Random(16)
    for _ in range(5):
        order = rng.sample(names * 2, 2 * len(names))
        index, added = NameIndex(order), []
        for name in order:
            assert index.first_match(name) == next(
                (at for at, other in enumerate(added) if names_match(other, name)), None
            )
            if rng.random() < 0.5:
                index.add(name)
                added.append(name)
