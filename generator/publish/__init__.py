"""Stage 7: the open-data downloads of a build: a SQLite database and a Frictionless Data Package."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.publish.database import write_database
from generator.publish.datapackage import DESCRIPTOR, write_datapackage

__all__ = ["DATABASE", "DATA_DIR", "DESCRIPTOR", "write_database", "write_datapackage", "write_open_data"]

# Where the open data lives in the built site, which the downloads page links to.
DATA_DIR = "data"
DATABASE = "budgets.db"


def write_open_data(records: list[dict[str, Any]], site_dir: Path) -> Path:
    """`site_dir/data/`: budgets.db (+ metadata.json for datasette) and datapackage.json with its CSVs. Call it after
    mkdocs, which empties the site folder."""
    folder = site_dir / DATA_DIR
    write_database(records, folder / DATABASE)
    write_datapackage(records, folder)
    return folder
