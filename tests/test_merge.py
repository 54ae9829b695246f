"""A report published as several files is one department-year: merged, copies reduced, disagreements refused."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.batch import parse_reports
from generator.check.agreement import text_vs_table
from generator.merge import Part, combine, merge_reports, placed
from generator.read import Document, Line, read_report
from generator.read.pdfinfo import pdf_date
from generator.records import (
    Department,
    Evidence,
    Fact,
    Figure,
    Heading,
    LineItem,
    Region,
    Report,
    Totals,
)
from generator.render.pages.common import record_citer, report_file
from generator.render.site import Charts, shard_pages
from generator.write import to_record
from tests.conftest import SHARED

REAL = SHARED / "corpus" / "real"
NARRATIVE = "rw-bj-2026-budget-0e0df07d.pdf"  # 北京市信访办公室, 附件1 情况说明
TABLES = "rw-bj-2026-budget-tables-633fab9d.pdf"  # its 附件2 表格
# One report published twice: the later copy fixes 城管管理 → 城市管理 on one line.
EARLIER, LATER = "rw-bj-2026-budget-63c57f03.pdf", "rw-bj-2026-budget-cb3bd179.pdf"
needs_poppler = pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="needs poppler-utils")


def xinfang(source_file: str, page_starts: tuple[int, ...] = ()) -> Report:
    return Report(
        id="beijing-xfb-2026",
        source_file=source_file,
        sha256=source_file,
        department=Department("北京市信访办公室"),
        year=2026,
        page_starts=page_starts,
    )


def narrative() -> Report:
    """Figures of the 北京 信访办 情况说明, on its real lines."""
    report = xinfang(NARRATIVE, (1, 29, 37, 64))
    report.totals = Totals(
        expenditure=Fact(9626.78, Evidence(80, "2026年支出预算9626.78万元，比2025年年初预算数9819.98万元减少193.20万元"))
    )
    report.three_public["vehicle_purchase"] = Figure(
        Fact(0, Evidence(113, "元，包括公务用车购置费预算0万元、公务用车运行维护费预算0万元"))
    )
    return report


def tables() -> Report:
    """Figures of its 附件2 表格, on their real rows (amounts in 万元 to six decimals)."""
    report = xinfang(TABLES, (1, 37, 47, 83, 102, 141, 168))
    report.totals = Totals(expenditure=Fact(9626.777589, Evidence(35, "收入总计 9,626.777589 支出总计 9,626.777589")))
    report.line_items = [
        LineItem(
            "一般公共服务支出",
            "政府办公厅（室）及相关机构事务",
            "行政运行",
            "2010301",
            Fact(44.08, Evidence(151, "2010301   行政运行                  44.080000      44.080000")),
        )
    ]
    return report


def test_a_figure_one_file_states_fills_where_the_other_is_silent_citing_its_file_and_page():
    report, conflicts = merge_reports(narrative(), [tables()])
    record = to_record(report)
    assert conflicts == [] and record["line_items"][0]["amount"] == 44.08
    assert record["source"] == {
        "file": NARRATIVE,
        "sha256": NARRATIVE,
        "files": [{"file": NARRATIVE, "sha256": NARRATIVE}, {"file": TABLES, "sha256": TABLES}],
    }
    assert record["evidence"]["line_items[2010301].amount"] == {
        "line": 151,
        "page": 6,  # the tables' own pages: by the narrative's, line 151 would be on page 4
        "page_line": 11,
        "quote": "2010301   行政运行                  44.080000      44.080000",
        "file": TABLES,
    }
    assert "file" not in record["evidence"]["totals.expenditure"]  # the main file goes without saying


def test_a_figure_both_files_state_within_rounding_keeps_the_narratives_words():
    """9626.78 万元 in the text is 9,626.777589 万元 in the table: one figure, cited where the text states it."""
    report, conflicts = merge_reports(narrative(), [tables()])
    assert conflicts == []
    assert report.totals.expenditure == Fact(9626.78) and report.totals.expenditure.evidence.line == 80


def disagreeing_purchase() -> tuple[Report, Report]:
    """The 审计局's tables state a 成本指标 (每辆公务用车购置成本 ≤18.69万元) the 三公 reader takes for the
    车辆购置费 its text states as 37.38."""
    text, table = narrative(), tables()
    text.three_public["vehicle_purchase"] = Figure(
        Fact(37.38, Evidence(172, "万元，包括公务用车购置费预算37.38万元、公务用车运行维护费预算27.95万元"))
    )
    table.three_public["vehicle_purchase"] = Figure(
        Fact(18.69, Evidence(648, "拟更新购置2辆公务用车，满足正常审成本指标经济成本指标每辆公务用车购置成本≤18.69万元"))
    )
    return text, table


def test_a_narrative_and_its_tables_stating_one_figure_differently_keep_the_narratives():
    """Two parts of one report that disagree are the text-vs-table case: the narrative's figure stands, the tables'
    is kept beside it and the finding shows both lines."""
    text, table = disagreeing_purchase()
    paths = [Path(NARRATIVE), Path(TABLES)]
    merged = combine([Part(paths[1], table), Part(paths[0], text)], one_line({NARRATIVE: "说明。", TABLES: "表"}))
    assert merged.report is not None and merged.errors == []
    assert merged.report.three_public["vehicle_purchase"].amount.value == 37.38
    other = merged.report.restated["three_public.vehicle_purchase"].evidence
    assert (other.line, other.file) == (648, TABLES)
    [finding] = text_vs_table(merged.report)
    assert finding.figures == ["three_public.vehicle_purchase.amount"] and finding.lines == [172, 648]


def test_two_narratives_stating_one_figure_differently_are_refused_naming_both():
    """Two versions of the report: a record mixing the two would be wrong, so neither is written."""
    text, table = disagreeing_purchase()
    paths = [Path(NARRATIVE), Path(TABLES)]
    merged = combine([Part(paths[1], table), Part(paths[0], text)], one_line({NARRATIVE: "说明。", TABLES: "另一份说明。"}))
    assert merged.report is None
    [error] = merged.errors
    assert {error.path.name, *re.findall(r"rw-bj-\S+?\.pdf", error.message)} == {NARRATIVE, TABLES}
    assert "three_public.vehicle_purchase.amount: " in error.message
    assert "37.38（rw-bj-2026-budget-0e0df07d.pdf 第172行）" in error.message
    assert "18.69（rw-bj-2026-budget-tables-633fab9d.pdf 第648行）" in error.message


def test_an_id_two_departments_share_is_no_merge():
    """水务局 and 商务局 both abbreviate to swj: two departments, so the second is refused as before."""
    water, commerce = xinfang("b.txt"), xinfang("a.txt")
    water.department, commerce.department = Department("北京市水务局"), Department("北京市商务局")
    paths = [Path("a.txt"), Path("b.txt")]
    merged = combine([Part(paths[1], water), Part(paths[0], commerce)], one_line({}))
    assert merged.report is commerce and merged.paths == [paths[0]]
    [error] = merged.errors
    assert error.path == paths[1] and "claims the same department and year as a.txt" in error.message


def test_a_narrative_naming_its_department_by_a_short_form_merges_with_its_tables():
    """The 北京 narratives call themselves 市城管执法局 and 市国资委; their tables' 部门名称 is the full name, which the
    record takes as the fullest form."""
    text, table = narrative(), tables()
    for short, full in (("市城管执法局", "北京市城市管理综合行政执法局"), ("市国资委", "北京市人民政府国有资产监督管理委员会")):
        text.department, table.department = Department(short), Department(full)
        merged = combine([Part(Path(NARRATIVE), text), Part(Path(TABLES), table)], one_line({NARRATIVE: "。", TABLES: "表"}))
        assert merged.report is not None and not merged.errors
        assert merged.report.department.name == full and merged.report.department.aliases == [short]  # the fullest


def test_a_report_that_names_no_department_merges_with_nothing():
    first, second = xinfang("a.txt"), xinfang("b.txt")
    first.department = second.department = Department("")
    paths = [Path("a.txt"), Path("b.txt")]
    merged = combine([Part(paths[0], first), Part(paths[1], second)], one_line({}))
    assert merged.report is first and len(merged.errors) == 1


def one_line(texts: dict[str, str]) -> Callable[[Path], Document]:
    """A reader giving each file one line of text: what combine compares to find copies and the narrative."""
    return lambda path: Document(path, "", (Line(1, texts[path.name]),))


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def split_report(folder: Path) -> list[Path]:
    """A real report cut in two as 北京 publishes: its cover and narrative, and its cover and tables."""
    lines = (SHARED / "corpus" / "sh-putuo-sfj-2026-budget.txt").read_text(encoding="utf-8").splitlines()
    tables_start, tables_end = 146, 360  # 2026年部门财务收支预算总表 … the 机关运行经费 table
    return [
        write(folder, "narrative.txt", "\n".join(lines[:tables_start] + lines[tables_end:]) + "\n"),
        write(folder, "tables.txt", "\n".join(lines[:7] + lines[tables_start:tables_end]) + "\n"),
    ]


def test_a_report_cut_into_narrative_and_tables_merges_into_the_record_of_the_whole(tmp_path):
    parts = split_report(tmp_path)
    whole = SHARED / "corpus" / "sh-putuo-sfj-2026-budget.txt"
    options = {"mapping_path": tmp_path / "none.yaml", "overrides_dir": None}
    [(_, _, merged)] = parse_reports(parts, tmp_path / "merged", **options).written
    [(_, _, single)] = parse_reports([whole], tmp_path / "single", **options).written
    assert merged["source"]["file"] == "narrative.txt"
    assert [entry["file"] for entry in merged["source"]["files"]] == ["narrative.txt", "tables.txt"]
    for key in set(single) | set(merged):
        if key not in {"source", "evidence", "findings"}:
            assert merged.get(key) == single.get(key), key
    assert [f["rule"] for f in merged["findings"]] == [f["rule"] for f in single["findings"]]  # checked once merged
    assert merged["functions"] and all(  # the functions table is only in the tables file
        merged["evidence"][f"functions[{entry['name']}].amount"]["file"] == "tables.txt"
        for entry in merged["functions"]
    )


def test_the_merge_is_the_same_whatever_the_order_of_the_files(tmp_path):
    parts = split_report(tmp_path)
    options = {"mapping_path": tmp_path / "none.yaml", "overrides_dir": None}
    forward = parse_reports(parts, tmp_path / "a", **options)
    backward = parse_reports(parts[::-1], tmp_path / "b", **options)
    (written,) = (tmp_path / "a").glob("*.yaml")
    assert written.read_bytes() == (tmp_path / "b" / written.name).read_bytes()
    assert forward.files == backward.files and not forward.errors and not backward.errors


def test_a_figure_from_the_other_file_links_to_that_files_source_page(tmp_path):
    [(_, _, record)] = parse_reports(
        split_report(tmp_path), tmp_path / "out", mapping_path=tmp_path / "none.yaml", overrides_dir=None
    ).written
    citer = record_citer(record, report_file(record))  # the department-year page
    [table_row] = citer.cites(["functions[公共安全支出].amount"])
    [prose, same_in_tables] = citer.cites(["totals.income"])  # stated in both files: both lines are evidence
    assert table_row.href == f"source-2.md#L{table_row.line}" and table_row.where.startswith("tables.txt ")
    assert prose.href == f"source.md#L{prose.line}" and prose.where == f"第{prose.line}行"
    assert same_in_tables.href.startswith("source-2.md#L") and same_in_tables.where.startswith("tables.txt ")


@needs_poppler
@pytest.mark.parametrize("order", [1, -1])
def test_a_report_published_twice_is_written_once_from_the_later_copy(tmp_path, order):
    result = parse_reports(
        [REAL / EARLIER, REAL / LATER][::order], tmp_path, mapping_path=tmp_path / "none.yaml", overrides_dir=None
    )
    [(source, _, record)] = result.written
    assert source.name == LATER and record["source"]["file"] == LATER and "files" not in record["source"]
    assert not result.errors
    [warning] = [warning for warning in result.warnings if "copies" in warning]
    assert warning.startswith(f"{EARLIER} and {LATER} are two copies of one report (id {record['id']})")
    assert "the later by PDF date" in warning and "differ on 1 run(s) of lines" in warning
    assert f"{EARLIER} line 76「北京市城管管理综合行政执法局" in warning
    assert f"{LATER} line 76「北京市城市管理综合行政执法局" in warning


def test_each_file_of_a_merged_report_has_a_source_page_the_department_year_page_links(tmp_path):
    result = parse_reports(
        split_report(tmp_path), tmp_path / "out", mapping_path=tmp_path / "none.yaml", overrides_dir=None
    )
    [(main, _, record)] = result.written
    more = {record["id"]: result.files[record["id"]][1:]}
    pages = {page.path: page.context for page in shard_pages([record], {record["id"]: main}, Charts(), read_report, more)}
    folder = report_file(record).removesuffix("index.md")
    assert pages[f"{folder}source.md"].file == "narrative.txt"
    assert pages[f"{folder}source.md"].other_files == (("tables.txt", "source-2.md"),)
    tables_page = pages[f"{folder}source-2.md"]
    assert tables_page.file == "tables.txt" and tables_page.other_files == (("narrative.txt", "source.md"),)
    assert tables_page.lines[0].text == "上海市普陀区2026年区级部门预算"
    assert pages[report_file(record)].more_sources == (("tables.txt", "source-2.md"),)


def test_two_copies_of_a_narrative_and_its_tables_are_one_record_from_the_later_copy():
    """Copies are reduced first (without PDF dates: the last by name), then the tables merged into what is left."""
    first, second, table = narrative(), narrative(), tables()
    first.source_file, second.source_file = "a.txt", "b.txt"
    lines = "2026年支出预算9626.78万元，比2025年年初预算数9819.98万元减少193.20万元。"
    reader = one_line({"a.txt": lines, "b.txt": lines, TABLES: "收入总计 9,626.777589 支出总计 9,626.777589"})
    merged = combine([Part(Path(TABLES), table), Part(Path("b.txt"), second), Part(Path("a.txt"), first)], reader)
    assert merged.paths == [Path("b.txt"), Path(TABLES)] and not merged.errors
    [warning] = merged.warnings
    assert warning.startswith("a.txt and b.txt are two copies of one report (id beijing-xfb-2026): using b.txt")
    assert "no PDF date tells which is later" in warning
    assert merged.report is not None and [source.file for source in merged.report.sources] == ["b.txt", TABLES]


def test_a_file_without_a_pdf_date_has_none(tmp_path):
    assert pdf_date(write(tmp_path, "report.txt", "说明。\n")) is None
    assert pdf_date(write(tmp_path, "fake.pdf", "not a pdf\n")) is None


def test_a_file_naming_no_place_joins_the_file_of_its_body_that_does():
    """首都绿化委员会办公室's tables name the body only, never 北京市: no region, so another id, until it joins its
    narrative's (one body, year, kind and scope); a file of another body stays as it is."""
    text, table, other = narrative(), tables(), tables()
    text.department = Department("首都绿化委员会办公室", region=Region("北京市", "北京市"))
    text.id = "beijing-shoudulvhuaweiban-2026"
    table.department, table.id = Department("首都绿化委员会办公室"), "shoudulvhuaweiban-2026"
    other.department, other.id = Department("首都精神文明建设委员会办公室"), "shoudujingshenwenmingjiansheweiban-2026"
    moved = placed([Heading.of(text), Heading.of(table), Heading.of(other)])
    assert [heading.id for heading in moved] == [text.id, text.id, other.id]
    assert moved[1].department.region == text.department.region and table.department.region is None
