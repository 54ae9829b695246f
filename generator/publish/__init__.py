"""Stage 7: the open-data downloads of a build: a SQLite database and a Frictionless Data Package."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from generator.publish.database import DatabaseWriter, write_database
from generator.publish.datapackage import DESCRIPTOR, PackageWriter, write_datapackage
from generator.publish.rows import table_rows

__all__ = ["DATABASE", "DATA_DIR", "DESCRIPTOR", "write_database", "write_datapackage", "write_open_data"]

# Where the open data lives in the built site, which the downloads page links to.
DATA_DIR = "data"
DATABASE = "budgets.db"


def write_open_data(records: Iterable[dict[str, Any]], site_dir: Path) -> Path:
    """`site_dir/data/`: budgets.db (+ metadata.json for datasette) and datapackage.json with its CSVs. Call it after
    mkdocs, which empties the site folder. The records must come in id order; they are read once, one at a time, and
    both the database and the package are written in that one pass, so a build of any size fits in memory."""
    folder = site_dir / DATA_DIR
    database, package = DatabaseWriter(folder / DATABASE), PackageWriter(folder)
    for table, row in table_rows(records):
        database.add(table, row)
        package.add(table, row)
    database.close()
    package.close()
    return folder
