"""The records as CSV files described by a Frictionless Data Package (`datapackage.json`): the same tables as the
database, with field types, units, keys and code patterns, for tools that read open data by its standard."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from generator.publish.database import DESCRIPTION, SOURCE, TITLE
from generator.publish.rows import table_rows
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


def resource(table: dict[str, Any]) -> dict[str, Any]:
    """A table as the package's resource: its CSV, and its schema with an empty cell meaning "not stated"."""
    return {
        "name": table["name"],
        "path": f"{table['name']}.csv",
        "profile": "tabular-data-resource",
        "title": table["title"],
        "description": table["description"],
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": {**table["schema"], "missingValues": [""]},
    }


class PackageWriter:
    """The package's CSVs written as rows come (rows.table_rows), through one open file per table, so that memory does
    not grow with the number of reports. `close()` ends them and writes `datapackage.json` describing them."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        described = tables()
        # Each table's columns, and whether a column holds text (see cell()).
        self.columns = {
            table["name"]: [(item["name"], item["type"] == "string") for item in table["schema"]["fields"]]
            for table in described
        }
        self.files = {
            table["name"]: (folder / f"{table['name']}.csv").open("w", encoding="utf-8", newline="")
            for table in described
        }
        self.writers = {name: csv.writer(out, lineterminator="\n") for name, out in self.files.items()}
        for name, writer in self.writers.items():
            writer.writerow([column for column, _ in self.columns[name]])

    def add(self, table: str, row: dict[str, Any]) -> None:
        self.writers[table].writerow([cell(row[name], text) for name, text in self.columns[table]])

    def close(self) -> Path:
        """End the CSVs and describe them; returns the descriptor's path."""
        for file in self.files.values():
            file.close()
        descriptor = {
            "profile": "tabular-data-package",
            "name": NAME,
            "title": TITLE,
            "description": DESCRIPTION,
            "sources": [{"title": SOURCE}],
            "resources": [resource(table) for table in tables()],
        }
        out = self.folder / DESCRIPTOR
        out.write_text(json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        return out


def write_datapackage(records: Iterable[dict[str, Any]], folder: Path) -> Path:
    """One CSV per table and `datapackage.json` describing them, in `folder`, from the records in id order (read
    once); returns the descriptor's path."""
    package = PackageWriter(folder)
    for table, row in table_rows(records):
        package.add(table, row)
    return package.close()
