"""A rebuild takes unchanged reports from the cache, parses changed ones, and gives the same records."""

from __future__ import annotations

import shutil

from generator import cache
from generator.batch import parse_reports
from generator.read import read_report
from tests.conftest import SEEDS


def build(tmp_path, reports, out):
    return parse_reports(
        sorted(reports.iterdir()),
        tmp_path / out,
        mapping_path=tmp_path / "none.yaml",
        overrides_dir=tmp_path / "overrides",
        cache_dir=tmp_path / "cache",
    )


def outputs(result):
    return {path.name: path.read_bytes() for _, path, _ in result.written}


def test_a_rebuild_reparses_nothing_and_writes_the_same_records(tmp_path):
    reports = tmp_path / "reports"
    shutil.copytree(SEEDS, reports)
    first = build(tmp_path, reports, "first")
    assert len(first.reparsed) == 5
    second = build(tmp_path, reports, "second")
    assert second.reparsed == []
    assert outputs(second) == outputs(first)


def test_changing_one_report_reparses_only_it(tmp_path):
    reports = tmp_path / "reports"
    shutil.copytree(SEEDS, reports)
    build(tmp_path, reports, "first")
    changed = sorted(reports.iterdir())[1]
    changed.write_text(changed.read_text(encoding="utf-8") + "\n附：本表无数据。\n", encoding="utf-8")
    assert build(tmp_path, reports, "second").reparsed == [changed]


def test_overrides_apply_to_cached_reports_and_a_damaged_entry_is_parsed_again(tmp_path):
    reports = tmp_path / "reports"
    shutil.copytree(SEEDS, reports)
    build(tmp_path, reports, "first")
    (tmp_path / "overrides").mkdir()
    (tmp_path / "overrides" / "huaibei-xiangshan-zhengfuban-2024.yaml").write_text(
        "corrections:\n  - {path: totals.income, from: 657.88, to: 657.89}\n", encoding="utf-8"
    )
    for entry in sorted((tmp_path / "cache").iterdir())[:1]:
        entry.write_bytes(b"not a pickle")
    result = build(tmp_path, reports, "second")
    assert len(result.reparsed) == 1
    record = next(record for _, _, record in result.written if record["id"] == "huaibei-xiangshan-zhengfuban-2024")
    assert record["totals"]["income"] == 657.89


def test_a_source_page_takes_the_reports_text_from_the_cache(tmp_path, monkeypatch):
    """The text a parse read is kept, so a PDF or .doc is not converted again for its source page; a report never
    parsed is read anew."""
    reports = tmp_path / "reports"
    shutil.copytree(SEEDS, reports)
    build(tmp_path, reports, "first")
    path = sorted(reports.iterdir())[0]
    expected = read_report(path).lines

    def unread(report):
        raise AssertionError(f"{report.name} read again")

    monkeypatch.setattr(cache, "read_report", unread)
    assert cache.document(tmp_path / "cache", path).lines == expected
    monkeypatch.undo()
    assert cache.document(tmp_path / "empty-cache", path).lines == expected
