"""YAML records (generator/write.py) → the rows of each open-data table, in a stable order so that rebuilds
from the same records give the same files. A part a record lacks becomes an empty cell, never a value."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from generator import labels
from generator.publish.schema import CLASSIFICATIONS, tables
from generator.reference.classification import HERE as REFERENCE

FIGURE_PARTS = ("income", "expenditure", "three_public")  # a dict of stated figures, each a dict of attributes
COUNT_PARTS = ("procurement", "assets", "staffing", "performance_managed")  # a dict of plain numbers


def field_names() -> dict[str, list[str]]:
    return {table["name"]: [item["name"] for item in table["schema"]["fields"]] for table in tables()}


def figure_cells(prefix: str, path: str, figure: dict[str, Any]) -> Iterator[tuple[str, str, Any]]:
    """(column, YAML path, value) for each attribute of a stated figure; its economic breakdown has a table."""
    for attribute, value in figure.items():
        if attribute == "change":
            for side, changed in value.items():
                yield f"{prefix}_change_{side}", f"{path}.change.{side}", changed
        elif attribute != "economic":
            yield f"{prefix}_{attribute}", f"{path}.{attribute}", value


def summary_cells(record: dict[str, Any]) -> Iterator[tuple[str, str, Any]]:
    """Every summary figure of a record (totals, income, spending parts, 三公, counts) as (column, path, value)."""
    yield from figure_cells("totals", "totals", record.get("totals", {}))
    for part in FIGURE_PARTS:
        for key, figure in record.get(part, {}).items():
            yield from figure_cells(f"{part}_{key}", f"{part}.{key}", figure)
    if "operating_costs" in record:
        yield from figure_cells("operating_costs", "operating_costs", record["operating_costs"])
    for part in COUNT_PARTS:
        for key, value in record.get(part, {}).items():
            yield f"{part}_{key}", f"{part}.{key}", value


def report_title(record: dict[str, Any]) -> str:
    """A row's label where other tables point at it: 部门, 年度 and 预算/决算, as far as the record states them."""
    department = record.get("department", {})
    year = f"{record['year']}年" if record.get("year") else ""
    return f"{department.get('name', record['id'])} {year}{labels.KINDS.get(record.get('kind', ''), '')}".strip()


def report_row(record: dict[str, Any], columns: list[str]) -> dict[str, Any]:
    department = record.get("department", {})
    region = department.get("region", {})
    source = record.get("source", {})
    row: dict[str, Any] = dict.fromkeys(columns)
    row.update(
        id=record["id"],
        title=report_title(record),
        department_name=department.get("name"),
        department_key=department.get("key"),
        department_aliases=department.get("aliases"),
        department_scope=department.get("scope"),
        province=region.get("province"),
        city=region.get("city"),
        county=region.get("county"),
        year=record.get("year"),
        kind=record.get("kind"),
        unit=record.get("unit"),
        source_file=source.get("file"),
        source_sha256=source.get("sha256"),
    )
    unlisted = {}
    for column, path, value in summary_cells(record):
        if column in row:
            row[column] = value
        else:
            unlisted[path] = value
    row["unlisted_figures"] = dict(sorted(unlisted.items())) or None
    return row


def change_cells(entry: dict[str, Any]) -> dict[str, Any]:
    change = entry.get("change", {})
    return {"change_amount": change.get("amount"), "change_pct": change.get("pct")}


def economic_entries(record: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """The report's economic 类, then those a spending part is broken into, each with the part it belongs to."""
    for entry in record.get("economic", []):
        yield "report", entry
    for part in ("basic", "project"):
        for entry in record.get("expenditure", {}).get(part, {}).get("economic", []):
            yield part, entry


def record_rows(record: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """(table, row) for every child row of one record, each table's rows in the record's own order, numbered
    from 1 as a reader counts them."""
    report_id = record["id"]
    for index, unit in enumerate(record.get("department", {}).get("budget_units", []), 1):
        yield "budget_units", {"report_id": report_id, "position": index, **unit}
    for index, entry in enumerate(record.get("functions", []), 1):
        yield "functions", {"report_id": report_id, "position": index, **entry, **change_cells(entry)}
    for index, entry in enumerate(record.get("line_items", []), 1):
        yield "line_items", {"report_id": report_id, "position": index, **entry, **change_cells(entry)}
    for index, (part, entry) in enumerate(economic_entries(record), 1):
        yield "economic", {"report_id": report_id, "position": index, "part": part, **entry, **change_cells(entry)}
    for index, entry in enumerate(record.get("economic_detail", []), 1):
        yield "economic_detail", {"report_id": report_id, "position": index, **entry}
    for index, project in enumerate(record.get("projects", []), 1):
        project_id = f"{report_id}:{index}"
        yield "projects", {"id": project_id, "report_id": report_id, "position": index, **project}
        for number, indicator in enumerate(project.get("indicators", []), 1):
            yield "indicators", {"project_id": project_id, "position": number, "report_id": report_id, **indicator}
    for index, finding in enumerate(record.get("findings", []), 1):
        yield "findings", {"report_id": report_id, "position": index, **finding}
    for index, correction in enumerate(record.get("corrections", []), 1):
        yield "corrections", {"report_id": report_id, "position": index, **correction}
    for path, where in sorted(record.get("evidence", {}).items()):
        yield "evidence", {"report_id": report_id, "path": path, **where}


def classification_rows(path: Path) -> list[dict[str, Any]]:
    """A reference CSV's rows as they stand, years as numbers and empty cells as None."""
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            {
                "code": row["code"],
                "name": row["name"],
                "valid_from": int(row["valid_from"]) if row["valid_from"] else None,
                "valid_to": int(row["valid_to"]) if row["valid_to"] else None,
                "note": row["note"] or None,
            }
            for row in csv.DictReader(handle)
        ]


def table_rows(records: Iterable[dict[str, Any]]) -> Iterator[tuple[str, dict[str, Any]]]:
    """(table, row) for the classification tables, then for each record as it comes: its report's row, then its
    children's, a project's before its indicators', so that a row's parent is always written first. One pass, one
    record at a time, so memory does not grow with the number of reports; the records must come in id order, which
    the rows keep. A row has exactly its table's columns, None where not stated, lists and objects as JSON text."""
    columns = field_names()
    structured = {
        table["name"]: [item["name"] for item in table["schema"]["fields"] if item["type"] in STRUCTURED]
        for table in tables()
    }
    for filename, (table, _, _) in CLASSIFICATIONS.items():
        for row in classification_rows(REFERENCE / filename):
            yield table, row
    previous = ""
    for record in records:
        if record["id"] <= previous:
            raise ValueError(f"records must come in id order, each once: {record['id']} came after {previous}")
        previous = record["id"]
        yield "reports", encoded(report_row(record, columns["reports"]), structured["reports"])
        for table, row in record_rows(record):
            yield table, encoded({column: row.get(column) for column in columns[table]}, structured[table])


STRUCTURED = ("array", "object", "any")  # Table Schema types stored as JSON text in SQLite and CSV


def encoded(row: dict[str, Any], structured: list[str]) -> dict[str, Any]:
    """The row, made here, with its lists, objects and free-typed values (the `structured` columns) as JSON text
    (sorted keys, Chinese kept readable)."""
    for column in structured:
        if row[column] is not None:
            row[column] = json.dumps(row[column], ensure_ascii=False, sort_keys=True)
    return row
