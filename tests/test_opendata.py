"""The open-data outputs (generator/publish): the SQLite database and the Frictionless Data Package, built from the
seeds and the corpus 决算 reports, checked against the records they come from."""

from __future__ import annotations

import asyncio
import csv
import json
import sqlite3
from pathlib import Path

import frictionless
import pytest
from datasette.app import Datasette

from generator.pipeline import parse_file
from generator.publish import write_database, write_datapackage, write_open_data
from generator.publish.rows import field_names
from tests.conftest import SEEDS, SHARED

FINALS = sorted((SHARED / "corpus").glob("*final*.txt"))
CHILD_LISTS = {  # table → the record list its rows come from
    "functions": lambda record: record.get("functions", []),
    "line_items": lambda record: record.get("line_items", []),
    "economic_detail": lambda record: record.get("economic_detail", []),
    "projects": lambda record: record.get("projects", []),
    "indicators": lambda record: [i for project in record.get("projects", []) for i in project.get("indicators", [])],
    "findings": lambda record: record.get("findings", []),
    "corrections": lambda record: record.get("corrections", []),
    "evidence": lambda record: list(record.get("evidence", {})),
    "budget_units": lambda record: record.get("department", {}).get("budget_units", []),
}


@pytest.fixture(scope="module")
def records() -> list[dict]:
    """The five seeds and, where ../shared is present, the corpus 决算 reports, in id order as the open data wants."""
    parsed = [parse_file(path) for path in [*sorted(SEEDS.glob("*.txt")), *FINALS]]
    return sorted(parsed, key=lambda record: record["id"])


@pytest.fixture(scope="module")
def site(records, tmp_path_factory) -> Path:
    """A site folder that does not exist yet, as after mkdocs emptied it: write_open_data makes data/ itself."""
    site = tmp_path_factory.mktemp("build") / "site"
    write_open_data(records, site)
    return site / "data"


@pytest.fixture(scope="module")
def db(site):
    connection = sqlite3.connect(site / "budgets.db")
    connection.row_factory = sqlite3.Row
    yield connection
    connection.close()


def test_open_data_is_the_database_and_the_data_package(site):
    """The files the build promises: the database, datasette's labels, and the package with one CSV per table."""
    package = json.loads((site / "datapackage.json").read_text(encoding="utf-8"))
    assert (site / "budgets.db").stat().st_size > 0
    assert json.loads((site / "metadata.json").read_text(encoding="utf-8"))["databases"]["budgets"]["tables"]
    assert {resource["path"] for resource in package["resources"]} == {p.name for p in site.glob("*.csv")}


def test_every_record_list_becomes_as_many_rows(db, records):
    """Nothing is lost or doubled: each table has one row per entry of the records' lists."""
    assert db.execute("SELECT count(*) FROM reports").fetchone()[0] == len(records)
    for table, entries in CHILD_LISTS.items():
        expected = sum(len(entries(record)) for record in records)
        assert db.execute(f"SELECT count(*) FROM [{table}]").fetchone()[0] == expected, table
    economic = sum(
        len(record.get("economic", []))
        + sum(len(part.get("economic", [])) for part in record.get("expenditure", {}).values())
        for record in records
    )
    assert db.execute("SELECT count(*) FROM economic").fetchone()[0] == economic


def test_every_key_of_a_record_entry_has_a_column(records):
    """No silent loss: each key an entry of the real records carries is a column of its table (changes split in two,
    nested lists in tables of their own)."""
    columns = field_names()
    nested = {"change", "indicators", "economic"}
    for table, entries in CHILD_LISTS.items():
        if table == "evidence":
            continue
        keys = {key for record in records for entry in entries(record) for key in entry} - nested
        assert keys <= set(columns[table]), (table, keys - set(columns[table]))


def test_foreign_keys_are_declared_and_hold(db):
    """Every child row points at an existing report (indicators at their project), and SQLite knows the links."""
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    links = {(row["from"], row["table"]) for row in db.execute("PRAGMA foreign_key_list(indicators)")}
    assert links == {("project_id", "projects"), ("report_id", "reports")}
    for table in CHILD_LISTS:
        assert ("report_id", "reports") in {
            (row["from"], row["table"]) for row in db.execute(f"PRAGMA foreign_key_list([{table}])")
        }, table


def test_indexes_cover_department_region_year_and_code(db):
    def indexed(table: str) -> set[str]:
        return {
            column["name"]
            for index in db.execute(f"PRAGMA index_list([{table}])")
            for column in db.execute(f"PRAGMA index_info([{index['name']}])")
        }

    assert {"department_name", "province", "county", "year"} <= indexed("reports")
    for table in ("functions", "line_items", "economic", "economic_detail"):
        assert "code" in indexed(table), table


def test_ten_largest_line_items_of_a_county(db, records):
    """The question the database is for: a county's largest 项, largest first, as the records state them."""
    counties = [record["department"].get("region", {}).get("county") for record in records]
    county = max(set(filter(None, counties)), key=counties.count)
    stated = sorted(
        (
            item["amount"]
            for record in records
            if record["department"].get("region", {}).get("county") == county
            for item in record.get("line_items", [])
            if "amount" in item
        ),
        reverse=True,
    )[:10]
    rows = db.execute(
        """SELECT line_items.amount, line_items.item, reports.title FROM line_items
           JOIN reports ON reports.id = line_items.report_id
           WHERE reports.county = ? AND line_items.amount IS NOT NULL
           ORDER BY line_items.amount DESC LIMIT 10""",
        (county,),
    ).fetchall()
    assert len(stated) == 10
    assert [row["amount"] for row in rows] == stated
    assert all(row["title"] for row in rows)


def test_full_text_search_finds_housing_fund_items(db, records):
    """住房公积金 finds exactly the 项 whose names or reasons say it."""
    expected = sorted(
        (record["id"], index)
        for record in records
        for index, item in enumerate(record.get("line_items", []), 1)
        if any("住房公积金" in item.get(key, "") for key in ("class", "section", "item", "reason"))
    )
    found = db.execute(
        """SELECT line_items.report_id, line_items.position FROM line_items_fts
           JOIN line_items ON line_items.rowid = line_items_fts.rowid WHERE line_items_fts MATCH '住房公积金'
           ORDER BY 1, 2"""
    ).fetchall()
    assert expected
    assert [tuple(row) for row in found] == expected


def test_full_text_search_finds_departments_and_projects(db, records):
    department = records[0]["department"]["name"]
    hits = db.execute(
        "SELECT reports.id FROM reports_fts JOIN reports ON reports.rowid = reports_fts.rowid WHERE reports_fts MATCH ?",
        (f'"{department}"',),
    ).fetchall()
    assert records[0]["id"] in {row["id"] for row in hits}
    project = next(project["name"] for record in records for project in record.get("projects", []))
    hits = db.execute("SELECT rowid FROM projects_fts WHERE projects_fts MATCH ?", (f'"{project}"',)).fetchall()
    assert hits


def test_reports_keep_every_summary_figure_in_its_column(db, records):
    """Income sources, spending parts, 三公 and 决算 columns equal the record's figures; none is left unlisted."""
    for record in records:
        row = db.execute("SELECT * FROM reports WHERE id = ?", (record["id"],)).fetchone()
        assert row["unlisted_figures"] is None, record["id"]
        assert row["totals_expenditure"] == record.get("totals", {}).get("expenditure")
        assert row["county"] == record["department"].get("region", {}).get("county")
        for part in ("income", "expenditure", "three_public"):
            for key, figure in record.get(part, {}).items():
                assert row[f"{part}_{key}_amount"] == figure.get("amount"), (record["id"], part, key)
                assert row[f"{part}_{key}_change_pct"] == figure.get("change", {}).get("pct")
        for key, value in record.get("staffing", {}).items():
            assert row[f"staffing_{key}"] == value


@pytest.mark.skipif(not FINALS, reason="the corpus 决算 reports are not beside the repository")
def test_final_accounts_keep_initial_budget_and_execution_rate(db, records):
    """A 决算's 项 carry their 年初预算 and completion rate, as the record states them."""
    finals = [record for record in records if record["kind"] == "final"]
    stated = [
        (record["id"], index, item.get("initial_budget"), item.get("execution_rate"))
        for record in finals
        for index, item in enumerate(record.get("line_items", []), 1)
    ]
    rows = db.execute(
        """SELECT report_id, position, initial_budget, execution_rate FROM line_items
           JOIN reports ON reports.id = line_items.report_id WHERE reports.kind = 'final' ORDER BY 1, 2"""
    ).fetchall()
    assert any(initial is not None for _, _, initial, _ in stated)
    assert [tuple(row) for row in rows] == sorted(stated)


def test_economic_breakdown_of_a_spending_part_is_marked(db, records):
    """Rows of 基本支出/项目支出 by economic 类 are told apart from the report's own economic table."""
    for record in records:
        for part in ("basic", "project"):
            codes = [entry.get("code") for entry in record.get("expenditure", {}).get(part, {}).get("economic", [])]
            rows = db.execute(
                "SELECT code FROM economic WHERE report_id = ? AND part = ? ORDER BY position", (record["id"], part)
            ).fetchall()
            assert [row["code"] for row in rows] == codes


def test_evidence_rows_quote_the_record(db, records):
    record = records[0]
    path, where = next(iter(record["evidence"].items()))
    row = db.execute(
        "SELECT line, quote FROM evidence WHERE report_id = ? AND path = ?", (record["id"], path)
    ).fetchone()
    assert (row["line"], row["quote"]) == (where["line"], where["quote"])


def test_findings_keep_their_figures_as_json(db, records):
    record = next(record for record in records if record.get("findings"))
    row = db.execute(
        "SELECT rule, figures FROM findings WHERE report_id = ? AND position = 1", (record["id"],)
    ).fetchone()
    assert row["rule"] == record["findings"][0]["rule"]
    assert json.loads(row["figures"]) == record["findings"][0]["figures"]


def test_data_package_is_valid(site):
    """Frictionless checks every CSV against its schema: types, code patterns, primary and foreign keys."""
    report = frictionless.validate(str(site / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_data_package_validation_catches_a_broken_link(records, tmp_path):
    """The validation has teeth: a line item pointing at no report makes the package invalid."""
    descriptor = write_datapackage(records, tmp_path)
    path = tmp_path / "line_items.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[1] = "no-such-report" + lines[1][lines[1].index(",") :]
    path.write_text("".join(lines), encoding="utf-8")
    report = frictionless.validate(str(descriptor))
    assert not report.valid
    assert "foreign-key" in {error[0] for error in report.flatten(["type"])}


def test_data_package_describes_units_keys_and_codes(site):
    package = json.loads((site / "datapackage.json").read_text(encoding="utf-8"))
    resources = {resource["name"]: resource for resource in package["resources"]}
    line_items = resources["line_items"]["schema"]
    fields = {item["name"]: item for item in line_items["fields"]}
    assert fields["amount"]["type"] == "number" and fields["amount"]["unit"] == "万元"
    assert fields["code"]["type"] == "string" and fields["code"]["constraints"]["pattern"] == r"^\d{7}$"
    assert line_items["primaryKey"] == ["report_id", "position"]
    assert {"fields": "report_id", "reference": {"resource": "reports", "fields": "id"}} in line_items["foreignKeys"]


def test_csv_amounts_equal_the_records(site, records):
    with (site / "line_items.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    stated = [
        item.get("amount")
        for record in sorted(records, key=lambda record: record["id"])
        for item in record.get("line_items", [])
    ]
    assert [float(row["amount"]) if row["amount"] else None for row in rows] == stated
    assert all(row["code"] == "" or len(row["code"]) == 7 for row in rows)  # codes stay text, leading digits kept


def test_rebuilds_are_byte_identical(records, tmp_path):
    """Two builds from the same records give the same files, so a rebuild shows no spurious change."""
    first, second = write_open_data(records, tmp_path / "one"), write_open_data(records, tmp_path / "two")
    names = sorted(path.name for path in first.iterdir())
    assert names == sorted(path.name for path in second.iterdir())
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_records_are_read_once_as_they_come(records, tmp_path):
    """A build hands the records over as it reads them, one YAML file at a time: one pass over them writes both the
    database and the package, the same files as from a list."""
    read = []

    def reading():
        for record in records:
            read.append(record["id"])
            yield record

    streamed, listed = write_open_data(reading(), tmp_path / "streamed"), write_open_data(records, tmp_path / "listed")
    assert read == [record["id"] for record in records]
    names = sorted(path.name for path in listed.iterdir())
    assert names == sorted(path.name for path in streamed.iterdir())
    for name in names:
        assert (streamed / name).read_bytes() == (listed / name).read_bytes(), name


def test_records_out_of_id_order_are_refused(tmp_path):
    """The rows are in id order because the records are: a record out of order is an error, not a shuffled file."""
    with pytest.raises(ValueError, match="id order"):
        write_open_data([{"id": "b-2024"}, {"id": "a-2024"}], tmp_path)


def test_reports_lacking_parts_are_written_without_invented_values(tmp_path):
    """A record with only its identity, and one with a project without amount, build; missing figures stay empty."""
    records = [
        {"id": "a-2024", "department": {"name": "某某局"}},
        {
            "id": "b-2025",
            "department": {"name": "某某办公室", "region": {"province": "某省"}},
            "year": 2025,
            "kind": "budget",
            "projects": [{"name": "工作经费", "indicators": [{"value": "≥1次"}]}],
            "staffing": {"authorized": 5, "newly_counted": 2},
        },
    ]
    path = write_database(records, tmp_path / "budgets.db")
    connection = sqlite3.connect(path)
    connection.row_factory = sqlite3.Row
    bare = connection.execute("SELECT * FROM reports WHERE id = 'a-2024'").fetchone()
    assert bare["title"] == "某某局"
    assert all(value is None for key, value in dict(bare).items() if key not in ("id", "title", "department_name"))
    other = connection.execute("SELECT * FROM reports WHERE id = 'b-2025'").fetchone()
    assert other["staffing_authorized"] == 5
    assert json.loads(other["unlisted_figures"]) == {"staffing.newly_counted": 2}  # kept, not dropped
    project = connection.execute("SELECT * FROM projects").fetchone()
    assert (project["name"], project["amount"]) == ("工作经费", None)
    assert connection.execute("SELECT value FROM indicators WHERE project_id = ?", (project["id"],)).fetchone()[0]
    assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    assert frictionless.validate(str(write_datapackage(records, tmp_path / "package"))).valid


def test_markup_in_report_text_is_stored_as_text(tmp_path):
    """Report text is untrusted: it goes in as a bound value, and comes back unchanged, never run as SQL."""
    name = "某局'); DROP TABLE reports; --<script>"
    path = write_database([{"id": "c-2024", "department": {"name": name}}], tmp_path / "budgets.db")
    connection = sqlite3.connect(path)
    assert connection.execute("SELECT department_name FROM reports").fetchone()[0] == name


def test_datasette_serves_the_database_with_its_labels(site):
    """`datasette budgets.db -m metadata.json`: Chinese titles, report titles in place of ids, search that works."""

    async def ask():
        metadata = json.loads((site / "metadata.json").read_text(encoding="utf-8"))
        datasette = Datasette([str(site / "budgets.db")], metadata=metadata)
        await datasette.invoke_startup()
        search = await datasette.client.get(
            "/budgets/line_items.json", params={"_search": "住房公积金", "_labels": "on", "_shape": "objects"}
        )
        page = await datasette.client.get("/budgets/line_items")
        return search, page

    search, page = asyncio.run(ask())
    assert search.status_code == 200 and page.status_code == 200
    rows = search.json()["rows"]
    assert rows and all("住房公积金" in row["item"] + row["section"] + (row["reason"] or "") for row in rows)
    assert all(row["report_id"]["label"] != row["report_id"]["value"] for row in rows)
    assert "功能分类（项）" in page.text


def test_corrections_keep_both_values_as_json(tmp_path):
    """A maintainer's correction keeps what the parser read and what it should be, whatever their type."""
    record = {
        "id": "d-2024",
        "department": {"name": "某某中心"},
        "corrections": [{"path": "line_items[2010101].amount", "was": 32.56, "value": 32.65, "note": "表3为32.65万元"}],
    }
    connection = sqlite3.connect(write_database([record], tmp_path / "budgets.db"))
    was, value, note = connection.execute("SELECT was, value, note FROM corrections").fetchone()
    assert (json.loads(was), json.loads(value), note) == (32.56, 32.65, "表3为32.65万元")
    assert frictionless.validate(str(write_datapackage([record], tmp_path / "package"))).valid


@pytest.mark.parametrize("built", ["seed_site", "corpus_site"])
def test_the_build_writes_the_open_data_of_every_report_it_built(built, request):
    """`python -m generator build` ends with site/data/: a row per built report, a valid package."""
    result, _, site = request.getfixturevalue(built)
    connection = sqlite3.connect(site / "data" / "budgets.db")
    ids = [row[0] for row in connection.execute("SELECT id FROM reports ORDER BY id")]
    assert ids == sorted(record["id"] for record in result.built)
    assert frictionless.validate(str(site / "data" / "datapackage.json")).valid


def test_text_a_spreadsheet_would_run_is_written_as_text(tmp_path):
    """CSV injection: report text starting with = + - @ (or a tab) gets a leading ', numbers stay numbers."""
    record = {
        "id": "e-2024",
        "department": {"name": "=HYPERLINK(\"http://x\")局"},
        "line_items": [
            {"code": "2010301", "class": "一般公共服务支出", "section": "+款", "item": "@SUM(1)", "amount": 5.5,
             "reason": "-1+2", "change": {"amount": -3}},
        ],
    }
    folder = tmp_path / "package"
    assert frictionless.validate(str(write_datapackage([record], folder))).valid
    with (folder / "reports.csv").open(encoding="utf-8") as handle:
        assert next(csv.DictReader(handle))["department_name"] == "'=HYPERLINK(\"http://x\")局"
    with (folder / "line_items.csv").open(encoding="utf-8") as handle:
        row = next(csv.DictReader(handle))
    assert (row["section"], row["item"], row["reason"], row["amount"]) == ("'+款", "'@SUM(1)", "'-1+2", "5.5")
    assert row["change_amount"] == "-3"
