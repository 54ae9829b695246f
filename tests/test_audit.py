"""The parse lists prose lines whose amounts no rule read, so nothing is lost silently."""

from __future__ import annotations

from generator.extract import audit
from generator.pipeline import extract_report
from generator.segment.layout import layout
from tests.conftest import seed


def test_a_seed_read_whole_leaves_only_thresholds_unlisted():
    """000 states "单价50万元以上" and indicator values "≤385万元": no spending, so no warning."""
    report, document = extract_report(seed("000"))
    assert audit.unread_lines(report, layout(document)) == []
    assert report.warnings == []


def test_an_amount_no_rule_reads_is_listed_with_its_line(tmp_path):
    """001 plus a sentence of a kind no rule reads: that line, and only it, is named."""
    text = seed("001").read_text(encoding="utf-8") + "\n2023年当年预算执行数为60.41万元，较年初有所增加。\n"
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    report, document = extract_report(path)
    added = next(line.no for line in document.lines if "60.41" in line.text)
    unread = [line.no for line in audit.unread_lines(report, layout(document))]
    assert added in unread
    assert f"e.g. line {unread[0]}" in report.warnings[0] and f"{added})" in report.warnings[0]
