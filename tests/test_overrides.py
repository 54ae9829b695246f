"""A maintainer's overrides: applied on every parse, shown as corrections, never written, stale ones reported."""

from __future__ import annotations

import html
import re
import shutil

import pytest

from generator.batch import parse_reports
from generator.errors import ReportError
from generator.overrides import load_overrides
from generator.pipeline import parse_report
from generator.render.pages import report_file
from generator.write import to_record
from tests.conftest import build_into, built_records, seed

XIANGSHAN = "huaibei-xiangshan-zhengfuban-2024"  # seed 000
QINGYUNPU = "nanchang-qingyunpu-zhengfuban-2024"  # seed 001


def write_overrides(folder, report_id, text):
    folder.mkdir(exist_ok=True)
    path = folder / f"{report_id}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_correction_replaces_the_figure_and_is_recorded(tmp_path):
    write_overrides(
        tmp_path,
        XIANGSHAN,
        "# 人大事务 checked against 表3\n"
        "corrections:\n"
        "  - path: line_items[2010101].amount\n"
        "    from: 32.56\n"
        "    to: 32.65\n"
        "    note: 表3为32.65万元\n"
        "  - path: department.aliases\n"
        "    from: []\n"
        "    to: [相山区政府办]\n",
    )
    report = parse_report(seed("000"), tmp_path)
    record = to_record(report)
    assert report.override_errors == []
    item = next(entry for entry in record["line_items"] if entry["code"] == "2010101")
    assert item["amount"] == 32.65
    assert "人大事务（款）行政运行（项）2024年预算32.56万元" in record["evidence"]["line_items[2010101].amount"]["quote"]
    assert record["department"]["aliases"] == ["相山区政府办"]
    assert record["corrections"][0] == {
        "path": "line_items[2010101].amount",
        "was": 32.56,
        "value": 32.65,
        "note": "表3为32.65万元",
    }


def test_a_correction_that_no_longer_fits_is_reported_and_not_applied(tmp_path):
    write_overrides(
        tmp_path,
        XIANGSHAN,
        "corrections:\n"
        "  - {path: totals.expenditure, from: 600.0, to: 650.0}\n"
        "  - {path: 'line_items[2999999].amount', from: 1, to: 2}\n",
    )
    report = parse_report(seed("000"), tmp_path)
    assert report.totals.expenditure.value == 657.88
    assert report.corrections == []
    messages = [str(error) for error in report.override_errors]
    assert "no longer fits" in messages[0] and "657.88" in messages[0] and XIANGSHAN in messages[0]
    assert "line_items[2999999]" in messages[1]


def test_a_missed_figure_is_added_with_the_line_stating_it(tmp_path):
    """The evidence of an added figure is the line the maintainer names; only figures can be added."""
    write_overrides(
        tmp_path,
        XIANGSHAN,
        "corrections:\n"
        "  - {path: expenditure.personnel.share, from: null, to: 90.97, line: 57}\n"
        "  - {path: expenditure.personnel.change, from: null, to: 1, line: 57}\n"
        "  - {path: expenditure.public.share, from: null, to: 9.03}\n",
    )
    report = parse_report(seed("000"), tmp_path)
    fact = report.expenditure["personnel"].share
    assert (fact.value, fact.evidence.line) == (90.97, 57)
    assert fact.evidence.quote == seed("000").read_text(encoding="utf-8").splitlines()[56].strip()
    assert report.expenditure["personnel"].change is None
    assert ["only a figure" in str(error) for error in report.override_errors] == [True, False]
    assert "give the `line`" in str(report.override_errors[1])


def test_explained_findings_carry_the_note_and_unknown_rules_are_reported(tmp_path):
    write_overrides(
        tmp_path,
        QINGYUNPU,
        "explained:\n  - {rule: basic-plus-project, note: 差额为上年结转}\n  - {rule: no-such-rule, note: 旧说明}\n",
    )
    report = parse_report(seed("001"), tmp_path)
    [explained] = [finding for finding in report.findings if finding.rule == "basic-plus-project"]
    assert explained.explained == "差额为上年结转"
    assert [("no-such-rule" in str(error)) for error in report.override_errors] == [True]


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("corrections:\n  - path: totals.income\n    to: [unclosed\n", None),
        ("corrections:\n  - {path: totals.income, to: 1}\n", 2),
        ("explained:\n  - {rule: functions-sum}\n", 2),
        ("corrections: {path: totals.income}\n", 1),
        ("renames: []\n", None),
    ],
)
def test_a_malformed_overrides_file_names_file_and_line(tmp_path, text, line):
    path = write_overrides(tmp_path, XIANGSHAN, text)
    with pytest.raises(ReportError) as raised:
        load_overrides(tmp_path, XIANGSHAN)
    assert raised.value.path == path
    if line is not None:
        assert raised.value.line == line


def test_a_build_with_a_bad_overrides_file_still_writes_every_record_and_never_touches_it(tmp_path):
    reports = tmp_path / "reports"
    reports.mkdir()
    for prefix in ("000", "001"):
        shutil.copy(seed(prefix), reports)
    overrides = tmp_path / "overrides"
    bad = write_overrides(overrides, XIANGSHAN, "corrections:\n  - path: [\n")
    good = write_overrides(
        overrides, QINGYUNPU, "# kept as written\ncorrections:\n  - {path: year, from: 2024, to: 2024}\n"
    )
    before = {path: path.read_bytes() for path in (bad, good)}
    result = parse_reports(
        sorted(reports.iterdir()), tmp_path / "out", mapping_path=tmp_path / "none.yaml", overrides_dir=overrides
    )
    assert sorted(path.name for _, path, _ in result.written) == [f"{XIANGSHAN}.yaml", f"{QINGYUNPU}.yaml"]
    assert [error.path for error in result.errors] == [bad]
    assert {path: path.read_bytes() for path in (bad, good)} == before


def test_the_site_shows_corrections_and_explained_findings(tmp_path):
    """A corrected figure says it was corrected, from what and why; an explained finding reads as explained.
    The maintainer's notes are escaped like report text."""
    overrides = tmp_path / "overrides"
    write_overrides(
        overrides,
        XIANGSHAN,
        "corrections:\n"
        "  - path: line_items[2010101].amount\n"
        "    from: 32.56\n"
        "    to: 32.65\n"
        "    note: '<b>表3</b>为32.65万元'\n",
    )
    write_overrides(overrides, QINGYUNPU, "explained:\n  - {rule: basic-plus-project, note: '差额为上年结转 <i>见第三部分</i>'}\n")
    result, _, site = build_into(tmp_path, [seed("000"), seed("001")], overrides_dir=overrides)
    assert not result.failed
    xiangshan = next(record for record in built_records(result) if record["id"] == XIANGSHAN)
    corrected = (site / report_file(xiangshan).removesuffix("index.md") / "index.html").read_text(encoding="utf-8")
    row = next(row for row in re.findall(r"<tr>.*?</tr>", corrected, re.S) if 'id="x2010101"' in row)
    assert "32.65 万元（已更正：原文为32.56，说明：<b>表3</b>为32.65万元）" in html.unescape(re.sub("<[^>]+>", "", row))
    assert "<b>表3</b>" not in corrected
    assert 'id="corrections"' in corrected
    qingyunpu = next(record for record in built_records(result) if record["id"] == QINGYUNPU)
    explained = (site / report_file(qingyunpu).removesuffix("index.md") / "index.html").read_text(encoding="utf-8")
    admonition = re.search(r'<details class="note">\s*<summary>已说明：基本支出与项目支出之和.*?</details>', explained, re.S)
    assert admonition and "差额为上年结转" in admonition[0] and "<i>" not in explained
    findings = (site / "jiangxi" / "findings" / "index.html").read_text(encoding="utf-8")
    assert "已说明：差额为上年结转" in html.unescape(findings)
