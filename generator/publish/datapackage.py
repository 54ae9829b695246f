"""The records as CSV files described by a Frictionless Data Package (`datapackage.json`): the same tables as the
database, with field types, units, keys and code patterns, for tools that read open data by its standard."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from generator.publish.database import DESCRIPTION, SOURCE, TITLE
from generator.publish.rows import encoded, table_rows
from generator.publish.schema import tables
from generator.render.escape import spreadsheet_text

NAME = "budget-disclosures"
DESCRIPTOR = "datapackage.json"


def cell(value: Any, text: bool) -> Any:
    """An empty cell for a figure not stated; numbers as Python prints them (no float noise, no locale); text that a
    spreadsheet would run as a formula made plain text."""
    if value is None:
        return ""
    return spreadsheet_text(value) if text else value


def write_csv(path: Path, fields: list[dict[str, Any]], rows: list[dict[str, Any]]) -> None:
    columns = [(item["name"], item["type"] == "string") for item in fields]
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow([name for name, _ in columns])
        writer.writerows([cell(row[name], text) for name, text in columns] for row in rows)


def write_datapackage(records: list[dict[str, Any]], folder: Path) -> Path:
    """One CSV per table and `datapackage.json` describing them, in `folder`; returns the descriptor's path."""
    folder.mkdir(parents=True, exist_ok=True)
    rows = table_rows(records)
    resources = []
    for table in tables():
        fields = table["schema"]["fields"]
        path = f"{table['name']}.csv"
        write_csv(folder / path, fields, encoded(rows[table["name"]], fields))
        resources.append(
            {
                "name": table["name"],
                "path": path,
                "profile": "tabular-data-resource",
                "title": table["title"],
                "description": table["description"],
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {**table["schema"], "missingValues": [""]},
            }
        )
    descriptor = {
        "profile": "tabular-data-package",
        "name": NAME,
        "title": TITLE,
        "description": DESCRIPTION,
        "sources": [{"title": SOURCE}],
        "resources": resources,
    }
    out = folder / DESCRIPTOR
    out.write_text(json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return out
