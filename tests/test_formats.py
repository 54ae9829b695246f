"""Reports as DOCX, PDF, DOC and XLSX, made from the seeds, read to the figures of their text version.

The DOCX is written with python-docx (each run of tab-separated lines as a real Word table), the PDF and the DOC
are converted from it by LibreOffice, the XLSX holds the seed's tables. Tests needing LibreOffice or pdftotext
skip only where the tool is absent; .ci/run installs both.
"""

from __future__ import annotations

import json
import random
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest
from docx.enum.section import WD_ORIENT
from docx.shared import Mm, Pt
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import batch, cache
from generator.errors import ReportError
from generator.extract.report_id import report_id
from generator.pipeline import parse_file
from generator.read import document as read_document
from generator.read import pdf, read_report, sheet
from generator.read.pdf import run_pdftotext
from generator.records import Department, Region
from generator.render.pages import report_page
from generator.render.site import environment
from generator.write import SAFE_ID, write_record
from tests.conftest import seed
from tests.fuzzing import parses_or_names_the_file

HAS_SOFFICE = shutil.which("soffice") is not None
HAS_PDFTOTEXT = shutil.which("pdftotext") is not None
needs_soffice = pytest.mark.skipif(
    not HAS_SOFFICE, reason="LibreOffice (soffice) is not installed; .ci/run installs it"
)
needs_pdftotext = pytest.mark.skipif(not HAS_PDFTOTEXT, reason="pdftotext (poppler-utils) is not installed")

# The figures the issue requires to come out the same whatever the format.
MAIN_FIGURES = ("totals", "income", "expenditure", "functions", "line_items", "three_public")
EVERY_PART = (
    "department", "year", "kind", *MAIN_FIGURES, "economic", "economic_detail", "operating_costs", "procurement",
    "assets", "staffing", "projects", "performance_managed", "responsibilities", "tasks", "glossary", "findings",
)  # fmt: skip
SEEDS = ("000", "001", "002", "003", "004")
PDF_SEEDS = ("000", "004")


def tab_runs(lines: list[str]) -> list[tuple[int, int]]:
    """(start, end) of each run of consecutive tab-separated lines: the seed's tables."""
    runs, start = [], None
    for index, line in enumerate([*lines, ""]):
        if "\t" in line and start is None:
            start = index
        elif "\t" not in line and start is not None:
            runs.append((start, index))
            start = None
    return runs


def write_docx(report: Path, target: Path) -> Path:
    """The seed as a Word document: a paragraph per line, each table a Word table; wide pages and small type so
    a table row prints on one line, as in published budget PDFs."""
    lines = report.read_text(encoding="utf-8").split("\n")
    document = docx.Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(420), Mm(297)
    section.left_margin = section.right_margin = Mm(10)
    document.styles["Normal"].font.size = Pt(8)
    tables = {start: end for start, end in tab_runs(lines)}
    index = 0
    while index < len(lines):
        if index not in tables:
            document.add_paragraph(lines[index])
            index += 1
            continue
        rows = [line.split("\t") for line in lines[index : tables[index]]]
        table = document.add_table(rows=len(rows), cols=max(map(len, rows)))
        for row_index, cells in enumerate(rows):
            for column, text in enumerate(cells):
                table.cell(row_index, column).text = text
        index = tables[index]
    document.save(str(target))
    return target


def write_xlsx(report: Path, target: Path) -> Path:
    """The seed's tables as a workbook: one sheet per table, its caption lines above it, amounts as numbers."""
    lines = report.read_text(encoding="utf-8").split("\n")
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for number, (start, end) in enumerate(tab_runs(lines), start=1):
        sheet = workbook.create_sheet(f"表{number}")
        for caption in [line for line in lines[max(0, start - 6) : start] if line.strip()][-3:]:
            sheet.append([caption])
        for line in lines[start:end]:
            sheet.append([as_number(cell) for cell in line.split("\t")])
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, float):
                    cell.number_format = "0.00"
    workbook.save(str(target))
    return target


def as_number(cell: str) -> str | float:
    try:
        return float(cell) if "." in cell else cell
    except ValueError:
        return cell


def convert(sources: list[Path], target: str, out_dir: Path) -> list[Path]:
    """LibreOffice's conversion of each source (to "pdf" or "doc"), with a profile of the test's own."""
    out_dir.mkdir(parents=True, exist_ok=True)
    profile = (out_dir / "profile").as_uri()
    command = ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", target]
    subprocess.run(
        [*command, "--outdir", str(out_dir), *map(str, sources)], check=True, capture_output=True, timeout=300
    )
    suffix = "." + target.split(":")[0]
    return [out_dir / f"{source.stem}{suffix}" for source in sources]


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> dict[str, Path]:
    """DOCX of every seed and an XLSX of seed 004's tables, named "<seed>.<suffix>"."""
    folder = tmp_path_factory.mktemp("formats")
    files = {f"{name}.docx": write_docx(seed(name), folder / f"{name}.docx") for name in SEEDS}
    files["004.xlsx"] = write_xlsx(seed("004"), folder / "004.xlsx")
    return files


@pytest.fixture(scope="session")
def converted(built, tmp_path_factory) -> dict[str, Path]:
    """PDFs and a DOC that LibreOffice made from the DOCX files, plus a PDF without text and an encrypted one."""
    if not HAS_SOFFICE:
        pytest.skip("LibreOffice (soffice) is not installed; .ci/run installs it")
    folder = tmp_path_factory.mktemp("converted")
    blank = folder / "blank.docx"
    docx.Document().save(str(blank))
    pdfs = convert([built[f"{name}.docx"] for name in PDF_SEEDS] + [blank], "pdf", folder)
    [doc] = convert([built["004.docx"]], "doc:MS Word 97", folder)
    password = {"EncryptFile": {"type": "boolean", "value": "true"}}
    password["DocumentOpenPassword"] = {"type": "string", "value": "secret"}
    [encrypted] = convert([built["001.docx"]], f"pdf:writer_pdf_Export:{json.dumps(password)}", folder / "locked")
    return {path.name: path for path in [*pdfs, doc]} | {"locked.pdf": encrypted}


def parts(record: dict, keys: tuple[str, ...]) -> dict:
    return {key: record.get(key) for key in keys}


@pytest.mark.parametrize("name", SEEDS)
def test_docx_gives_the_record_of_the_text(built, name):
    """A DOCX of a seed yields its whole record, evidence lines and quotes included (one paragraph or row per line).
    Its tables are real tables, read by column as a PDF's are: a figure their rows state too cites that row."""
    from_text, from_docx = parse_file(seed(name)), parse_file(built[f"{name}.docx"])
    assert parts(from_docx, EVERY_PART) == parts(from_text, EVERY_PART)
    table_rows = {path: entry.pop("table") for path, entry in from_docx["evidence"].items() if "table" in entry}
    assert from_docx["evidence"] == from_text["evidence"]
    lines = read_report(built[f"{name}.docx"]).lines
    assert all(row["quote"].split() == lines[row["line"] - 1].text.split() for row in table_rows.values())
    assert table_rows or name != "004", "004's “三公” table states its total and parts as the prose does"
    assert from_docx.get("line_items") or name == "001"  # the comparison is about real figures (001 has none)


def test_docx_tables_read_as_tab_separated_rows(built):
    """The Word tables come back as the seed's tab-separated lines, merged and padded cells aside."""
    text_lines = [line.text for line in read_report(seed("004")).lines]
    docx_lines = [line.text for line in read_report(built["004.docx"]).lines]
    assert len(docx_lines) == len(text_lines)
    row = next(line for line in text_lines if line.startswith("201\t31\t01"))
    assert any(line.startswith(row.rstrip("\t")) for line in docx_lines)


def test_merged_cells_are_written_once(tmp_path):
    """A cell spanning two columns, and one spanning two rows, leave blanks where they extend."""
    document = docx.Document()
    table = document.add_table(rows=3, cols=3)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "收入"
    table.cell(0, 2).text = "支出"
    table.cell(1, 0).merge(table.cell(2, 0)).text = "一般公共预算"
    table.cell(1, 1).text = "593.39"
    table.cell(2, 1).text = "12.00"
    document.save(str(tmp_path / "merged.docx"))
    lines = [line.text for line in read_report(tmp_path / "merged.docx").lines]
    assert lines == ["收入\t\t支出", "一般公共预算\t593.39", "\t12.00"]  # trailing blanks go, as in text reports


@needs_pdftotext
@pytest.mark.parametrize("name", PDF_SEEDS)
def test_pdf_gives_the_main_figures_of_the_text(converted, name):
    """A PDF printed from the seed (tables laid out by pdftotext, prose wrapped anew) states the same main figures."""
    from_text, from_pdf = parse_file(seed(name)), parse_file(converted[f"{name}.pdf"])
    assert parts(from_pdf, MAIN_FIGURES) == parts(from_text, MAIN_FIGURES)
    assert from_pdf["line_items"]


@needs_pdftotext
def test_pdf_evidence_names_the_page_holding_its_line(converted):
    """Each figure's evidence carries its page; pdftotext's text of that page alone holds the quoted line."""
    path = converted["004.pdf"]
    record = parse_file(path)
    evidence = record["evidence"]
    assert all("page" in entry for entry in evidence.values())
    document = read_report(path)
    pages = {entry["page"] for entry in evidence.values()}
    assert len(pages) > 1
    for key in ("totals.income", "line_items[2013101].amount", "three_public.total.amount"):
        entry = evidence[key]
        page_text = subprocess.run(
            ["pdftotext", "-layout", "-f", str(entry["page"]), "-l", str(entry["page"]), str(path), "-"],
            capture_output=True,
            check=True,
        ).stdout.decode()
        assert document.text(entry["line"]).strip() in page_text
        assert document.where(entry["line"]) == f"第{entry['page']}页第{entry['page_line']}行"
        assert page_text.splitlines()[entry["page_line"] - 1].strip() == document.text(entry["line"]).strip()


def test_page_mapping_follows_form_feeds(tmp_path, monkeypatch):
    """pdftotext ends every page with a form feed: lines know their page and their line on it."""
    monkeypatch.setattr(read_document, "pdf_text", lambda path, data: "封面\n\n\f收入 1.00 万元\n支出\n\f")
    monkeypatch.setattr(read_document, "pdf_words", lambda path: ())
    path = tmp_path / "made-up.pdf"
    path.write_bytes(b"%PDF-1.4 made up")
    document = read_report(path)
    assert [line.text for line in document.lines] == ["封面", "", "", "收入 1.00 万元", "支出", ""]
    assert document.page_starts == (1, 4)
    assert [document.where(no) for no in (1, 3, 4, 6)] == ["第1页第1行", "第1页第3行", "第2页第1行", "第2页第3行"]


def test_text_reports_have_no_pages(make_report):
    document = make_report("收入\f支出\n")
    assert document.page_starts == () and document.page(1) is None and document.where(1) == "第1行"
    assert document.text(1) == "收入支出"


@needs_soffice
def test_doc_gives_the_main_figures_of_the_text(converted):
    """A Word 97 .doc is converted by LibreOffice and read as its DOCX: the same figures as the text."""
    from_text, from_doc = parse_file(seed("004")), parse_file(converted["004.doc"])
    assert parts(from_doc, MAIN_FIGURES) == parts(from_text, MAIN_FIGURES)
    assert from_doc["source"]["file"] == "004.doc"


def test_xlsx_tables_give_the_text_tables_figures(built):
    """The workbook holds only the tables: their line items and economic classes equal the text's; it states no
    figure the text does not."""
    from_text, from_xlsx = parse_file(seed("004")), parse_file(built["004.xlsx"])
    assert from_xlsx["line_items"] == from_text["line_items"]
    assert from_xlsx["economic"] == from_text["economic"]
    assert from_xlsx["totals"].items() <= from_text["totals"].items()


def test_xlsx_cells_read_as_the_sheet_shows_them(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "部门收支总表"
    sheet.append(["项目", "金额", None])
    sheet.append(["一般公共预算", 593.4, 12])
    sheet["B2"].number_format = "#,##0.00"
    workbook.save(str(tmp_path / "book.xlsx"))
    lines = [line.text for line in read_report(tmp_path / "book.xlsx").lines]
    assert lines[:3] == ["部门收支总表", "项目\t金额", "一般公共预算\t593.40\t12"]


def random_bytes(size: int, seed_value: int) -> bytes:
    return random.Random(seed_value).randbytes(size)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("corrupt.pdf", random_bytes(4000, 1), "not a PDF"),
        ("corrupt.docx", random_bytes(4000, 2), "damaged zip package"),
        ("corrupt.xlsx", random_bytes(4000, 3), "damaged zip package"),
        ("corrupt.doc", random_bytes(4000, 4), "not a Word .doc"),
        ("empty.docx", b"", "empty"),
        ("empty.pdf", b"", "empty"),
        ("report.md", "收入预算 1.00 万元".encode(), "unknown file type .md"),
        ("report", "收入预算 1.00 万元".encode(), "unknown file type (none)"),
    ],
)
def test_bad_files_get_a_specific_error_naming_them(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ReportError) as error:
        read_report(path)
    assert str(error.value).startswith(f"{name}: ") and message in error.value.message


@needs_pdftotext
def test_a_damaged_pdf_is_named(tmp_path):
    path = tmp_path / "damaged.pdf"
    path.write_bytes(b"%PDF-1.7\n" + random_bytes(4000, 5))
    with pytest.raises(ReportError, match=r"^damaged\.pdf: the PDF is damaged"):
        read_report(path)


@needs_pdftotext
def test_pdfs_without_text_or_behind_a_password_are_named(converted):
    with pytest.raises(ReportError, match="no text layer"):
        read_report(converted["blank.pdf"])
    with pytest.raises(ReportError, match="encrypted"):
        read_report(converted["locked.pdf"])


def test_a_text_larger_than_any_report_is_refused_and_the_batch_goes_on(tmp_path):
    """A text file over the limit (a broken export, or a hostile file) is refused before it is decoded, with the
    file and the limit named; the other reports are still parsed."""
    huge = tmp_path / "huge.txt"
    huge.write_bytes("收入预算1.00万元，".encode() * (read_document.MAX_BYTES // 20 + 1))
    result = batch.parse_reports([huge, seed("002")], tmp_path / "out", mapping_path=tmp_path / "none.yaml")
    assert len(result.written) == 1
    [error] = result.errors
    assert str(error).startswith("huge.txt: the file is ") and "the limit is 20,000,000 bytes" in str(error)


def test_a_word_file_whose_text_is_over_the_limit_is_refused(built, monkeypatch):
    """The limit holds for the text a format gives, not only for a text file's bytes: a small .docx may hold it."""
    monkeypatch.setattr(read_document, "MAX_BYTES", 1000)
    with pytest.raises(ReportError, match=r"^001\.docx: its text is [\d,]+ bytes: .*\(the limit is 1,000 bytes\)"):
        read_report(built["001.docx"])


@needs_pdftotext
def test_a_pdf_of_more_pages_than_the_limit_is_refused_at_once(converted, monkeypatch):
    """pdftotext is asked for one page more than the limit, never the whole PDF, and a PDF that has it is refused
    with the file and the limit named."""
    read_pages = []

    def counting(path, *options):
        text = run_pdftotext(path, *options)
        read_pages.append(text.count(b"\f"))
        return text

    monkeypatch.setattr(pdf, "MAX_PAGES", 2)
    monkeypatch.setattr(pdf, "run_pdftotext", counting)
    with pytest.raises(ReportError, match=r"^004\.pdf: the PDF has more than 2 pages \(the limit\)"):
        read_report(converted["004.pdf"])
    assert read_pages == [3]


def test_docx_that_is_another_zip_or_has_no_text_is_named(tmp_path):
    other = tmp_path / "archive.docx"
    with zipfile.ZipFile(other, "w") as package:
        package.writestr("notes.txt", "收入预算")
    with pytest.raises(ReportError, match=r"^archive\.docx: the Word document is damaged"):
        read_report(other)
    blank = tmp_path / "blank.docx"
    docx.Document().save(str(blank))
    with pytest.raises(ReportError, match=r"^blank\.docx: the Word document has no text"):
        read_report(blank)


def test_a_missing_tool_says_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    path = tmp_path / "report.pdf"
    path.write_bytes(b"%PDF-1.4 made up")
    with pytest.raises(ReportError, match="install the Debian package poppler-utils"):
        read_report(path)


def test_a_batch_of_formats_builds_the_good_ones_and_names_the_bad(built, tmp_path):
    """A folder mixing text, DOCX, XLSX and a corrupt PDF: every good report is written, the PDF gets its error;
    a second build takes the DOCX from the parse cache."""
    corrupt = tmp_path / "corrupt.pdf"
    corrupt.write_bytes(random_bytes(500, 6))
    paths = [seed("000"), built["002.docx"], built["004.xlsx"], corrupt]
    cache_dir = tmp_path / "cache"
    result = batch.parse_reports(paths, tmp_path / "out", mapping_path=tmp_path / "none.yaml", cache_dir=cache_dir)
    assert [source.name for source, _, _ in result.written] == [seed("000").name, "002.docx", "004.xlsx"]
    [error] = result.errors
    assert error.path == corrupt and "not a PDF" in str(error)
    assert cache.load(cache_dir, built["002.docx"]) is not None
    again = batch.parse_reports(paths, tmp_path / "out", mapping_path=tmp_path / "none.yaml", cache_dir=cache_dir)
    assert again.reparsed == [] and [record for *_, record in again.written] == [r for *_, r in result.written]


HOSTILE_NAMES = ("../../etc/passwd", "<script>alert(1)</script>部门", "..\\..\\办公室", "{{ 7*7 }}/局", "\u202e办公室", "")


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_a_hostile_department_name_gives_a_safe_id(name):
    """The id becomes site_data/budgets/<id>.yaml: whatever a report calls itself, the id is a-z, 0-9 and "-"."""
    department = Department(name=name, region=Region("../省", "/etc/市", "..\\区"))
    identifier = report_id(department, 2024, "final", "unit")
    assert SAFE_ID.fullmatch(identifier) and identifier.endswith("-2024-unit-final")


@pytest.mark.parametrize("identifier", ["../evil", "a/b", "..", "", "UPPER", "dept-2024\n", "部门"])
def test_an_unsafe_id_is_never_written(tmp_path, identifier):
    with pytest.raises(ValueError, match="not a safe file name"):
        write_record({"id": identifier}, tmp_path / "out")
    assert not any(tmp_path.rglob("*.yaml"))


def test_a_workbook_without_cells_is_named(tmp_path):
    workbook = openpyxl.Workbook()
    workbook.create_sheet("表2")
    workbook.save(str(tmp_path / "blank.xlsx"))
    with pytest.raises(ReportError, match=r"^blank\.xlsx: the spreadsheet has no cells with text"):
        read_report(tmp_path / "blank.xlsx")


@needs_pdftotext
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_damaged_pdfs_parse_or_are_named(converted, tmp_path, data):
    """A PDF with bytes garbled or cut off: pdftotext's failure becomes a ReportError, never a crash."""
    content = bytearray(converted["000.pdf"].read_bytes())
    for _ in range(data.draw(st.integers(1, 20))):
        content[data.draw(st.integers(0, len(content) - 1))] = data.draw(st.integers(0, 255))
    path = tmp_path / "damaged.pdf"
    path.write_bytes(bytes(content[: data.draw(st.integers(1, len(content)))]))
    parses_or_names_the_file(path)


def test_a_pdf_reports_page_cites_lines_by_page(converted):
    """On the site a PDF's figure links to its line as the original shows it: 原文第3页第12行."""
    record = parse_file(converted["004.pdf"])
    page = report_page(record)
    text = environment().get_template(page.template).render(page=page.context)
    entry = record["evidence"]["totals.income"]
    assert f"[原文第{entry['page']}页第{entry['page_line']}行](source.md#L{entry['line']}" in text
    assert "[原文第" in text and not re.search(r"\[原文第\d+行\]", text), "every cite of a PDF names its page"


@pytest.mark.parametrize(
    ("value", "number_format", "shown"),
    [(0.1234, "0.00%", "12.34%"), (0.5, "0%", "50%"), (12.5, "0.00", "12.50"), (1716300.55, "#,##0.00", "1716300.55")],
)
def test_a_sheet_cell_reads_as_the_sheet_shows_it(value, number_format, shown):
    """A share formatted as a percentage is 12.34%, not 0.12; amounts keep their format's decimals."""
    assert sheet.cell_text(value, number_format) == shown
