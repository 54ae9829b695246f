"""The records as one SQLite database (sqlite-utils), with datasette's labels written beside it."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import sqlite_utils
from sqlite_utils.db import Table

from generator.publish.rows import table_rows
from generator.publish.schema import FACETS, FULL_TEXT, INDEXED, LABELS, SORTED_BY, tables

# Rows held before they are inserted: enough to insert in batches, few enough that memory stays small.
HELD_ROWS = 1000

SQL_TYPES = {"number": float, "integer": int, "string": str, "array": str, "object": str, "any": str}
TITLE = "部门预算与决算公开数据"
SOURCE = "各部门公开的部门预算、决算说明"
DESCRIPTION = (
    "各部门预算、决算公开说明中的数字，逐项注明原文出处。金额单位均为万元；百分数以 12.5 表示 12.5%。"
    "全文检索按三个字以上的词匹配（如“住房公积金”）。"
)


def table_named(db: sqlite_utils.Database, name: str) -> Table:
    """`db[name]` as a table: sqlite-utils returns a view for a view's name, and this database defines none."""
    found = db[name]
    if not isinstance(found, Table):
        raise TypeError(f"{name} is a view, not a table")
    return found


def create_table(db: sqlite_utils.Database, table: dict[str, Any]) -> None:
    schema = table["schema"]
    key = schema["primaryKey"]
    table_named(db, table["name"]).create(
        {item["name"]: SQL_TYPES[item["type"]] for item in schema["fields"]},
        pk=key[0] if len(key) == 1 else tuple(key),
        foreign_keys=[
            (link["fields"], link["reference"]["resource"], link["reference"]["fields"])
            for link in schema.get("foreignKeys", [])
        ],
        not_null={item["name"] for item in schema["fields"] if item.get("constraints", {}).get("required")},
    )


class DatabaseWriter:
    """A new database, rebuilt from scratch, filled as rows come (rows.table_rows) and written a thousand or so at a
    time, so that memory does not grow with the number of reports. `close()` then adds the indexes, full-text search
    and, beside the database, `metadata.json` for datasette."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.unlink(missing_ok=True)
        self.path = path
        self.db = sqlite_utils.Database(path)
        self.db.conn.execute("PRAGMA foreign_keys = ON")
        for table in tables():
            create_table(self.db, table)
        # In tables()' dependency order, which flush() keeps.
        self.pending: dict[str, list[dict[str, Any]]] = {table["name"]: [] for table in tables()}
        self.held = 0

    def add(self, table: str, row: dict[str, Any]) -> None:
        self.pending[table].append(row)
        self.held += 1
        if self.held >= HELD_ROWS:
            self.flush()

    def flush(self) -> None:
        """Insert the rows held, table by table in dependency order: a row's report (and an indicator's project),
        added before it, is inserted before it, as the foreign keys require."""
        for name, rows in self.pending.items():
            table_named(self.db, name).insert_all(rows)
            rows.clear()
        self.held = 0

    def close(self) -> Path:
        """Insert the last rows, index the tables and their text; returns the database's path."""
        self.flush()
        for name, indexes in INDEXED.items():
            for columns in indexes:
                table_named(self.db, name).create_index(columns)
        self.db.index_foreign_keys()
        for name, columns in FULL_TEXT.items():
            # trigram: Chinese has no spaces between words, so words are found as substrings of three characters or
            # more.
            table_named(self.db, name).enable_fts(columns, tokenize="trigram")
        self.db.vacuum()
        self.db.close()
        self.path.with_name("metadata.json").write_text(
            json.dumps(datasette_metadata(self.path.stem), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        return self.path


def write_database(records: Iterable[dict[str, Any]], path: Path) -> Path:
    """One table per record part, with foreign keys, indexes and full-text search, from the records in id order (read
    once). Returns the database's path; `metadata.json` for datasette is written beside it."""
    database = DatabaseWriter(path)
    for table, row in table_rows(records):
        database.add(table, row)
    return database.close()


def datasette_metadata(database: str) -> dict[str, Any]:
    """Chinese titles and descriptions for datasette (`datasette budgets.db -m metadata.json`)."""
    described: dict[str, Any] = {}
    for table in tables():
        entry: dict[str, Any] = {
            "title": table["title"],
            "description": table["description"],
            "columns": {item["name"]: column_help(item) for item in table["schema"]["fields"]},
        }
        if table["name"] in LABELS:
            entry["label_column"] = LABELS[table["name"]]
        if table["name"] in FACETS:
            entry["facets"] = FACETS[table["name"]]
        if table["name"] in SORTED_BY:
            entry["sort_desc"] = SORTED_BY[table["name"]]
        if table["name"] in FULL_TEXT:
            entry["fts_table"] = f"{table['name']}_fts"
        described[table["name"]] = entry
    return {
        "title": TITLE,
        "description": DESCRIPTION,
        "source": SOURCE,
        "databases": {database: {"title": TITLE, "tables": described}},
    }


def column_help(item: dict[str, Any]) -> str:
    """A column's title, and its description where that says more."""
    description = item.get("description", "")
    return f"{item['title']}：{description}" if description and description != item["title"] else item["title"]
