"""Stage 5: a Report becomes the public YAML record, with an evidence entry for every figure."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from generator.read.document import page_position
from generator.records import PLAIN_VALUES, Evidence, Fact, Finding, Report, fields_getter

SCHEMA_VERSION = 1
ORDER = (
    "schema_version", "id", "source", "department", "year", "kind", "unit", "totals", "income", "expenditure",
    "functions", "line_items", "economic", "economic_detail", "three_public", "operating_costs", "procurement",
    "assets", "staffing", "projects", "performance_managed", "responsibilities", "tasks", "glossary", "findings",
    "corrections", "evidence",
)  # fmt: skip


# Fields of a record that say where it is stated (indicators): written under `evidence`, not as keys.
EVIDENCE_FIELDS = frozenset({"line", "file"})


@cache
def fields_of(kind: type) -> tuple[tuple[str, ...], Callable[[Any], tuple[Any, ...]], bool]:
    """A record's YAML keys (`class_` is written `class`), a getter of the matching values in one call, and whether
    it has a `line`: an entry's own source line and file (indicators) are evidence, not data, so they are no keys."""
    names = tuple(item.name for item in dataclasses.fields(kind) if item.name not in EVIDENCE_FIELDS)
    return tuple(name.rstrip("_") for name in names), fields_getter(names), len(names) < len(dataclasses.fields(kind))


# The same types as a set: one hash lookup instead of comparing a node's type with each in turn.
PLAIN_TYPES = frozenset(PLAIN_VALUES)
# A record's file name is its id: lower-case ASCII words joined by "-", so no id can leave the folder.
SAFE_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def is_empty(value: Any) -> bool:
    """None and an empty mapping or list are left out of a record (a zero or an empty string is a value)."""
    return value is None or (not value and isinstance(value, dict | list))


def cited(line: int, quote: str, file: str | None = None) -> dict[str, Any]:
    """A figure's entry under `evidence`: the line that states it and the words quoted from it, and the input file
    where a report spans several (to_record keeps it only where it is not `source.file`)."""
    if file is None:
        return {"line": line, "quote": quote}
    return {"line": line, "quote": quote, "file": file}


def fact_cited(evidence: Evidence, also: Evidence | None) -> dict[str, Any]:
    """A figure's evidence entry, with the standard table's row under `table` where it states the figure too."""
    entry = cited(evidence.line, evidence.quote, evidence.file)
    if also is not None:
        entry["table"] = cited(also.line, also.quote, also.file)
    return entry


def plain(node: Any, path: str, evidence: dict[str, dict[str, Any]]) -> Any:
    """Facts become their values (their evidence is collected by path); None and empty parts are left out.

    Every node of every record passes here, so the commonest ones are handled where they are met, with no call: a
    plain value (kept as it is: never empty, no path built) and a Fact inside a record or mapping (its value is
    plain, so it is kept)."""
    kind: type = type(node)
    if kind in PLAIN_TYPES:
        return node
    if kind is Fact:
        if node.evidence is not None:
            evidence[path] = fact_cited(node.evidence, node.also)
        return node.value
    if isinstance(node, list):
        return [
            entry if type(entry) in PLAIN_TYPES else plain(entry, f"{path}[{getattr(entry, 'key', index)}]", evidence)
            for index, entry in enumerate(node)
        ]
    pairs: Iterable[tuple[str, Any]]
    if isinstance(node, dict):
        pairs = node.items()
    elif hasattr(kind, "__dataclass_fields__"):  # after list and dict: a failed hasattr on a type is slow
        keys, values, has_line = fields_of(kind)
        pairs = zip(keys, values(node))  # noqa: B905 (the same length by construction; a keyword argument makes zip slow)
        if has_line and node.line is not None:
            evidence[path] = cited(node.line, str(getattr(node, "value", "")), getattr(node, "file", None))
    else:
        return node
    out = {}
    for key, value in pairs:
        if value is None:
            continue
        value_kind = type(value)
        if value_kind in PLAIN_TYPES:
            out[key] = value
        elif value_kind is Fact:
            if value.evidence is not None:
                evidence[f"{path}.{key}"] = fact_cited(value.evidence, value.also)
            out[key] = value.value
        else:
            value = plain(value, f"{path}.{key}", evidence)
            if not is_empty(value):
                out[key] = value
    return out


def to_record(report: Report) -> dict[str, Any]:
    evidence: dict[str, dict[str, Any]] = {}
    record: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "id": report.id,
        "source": {"file": report.source_file, "sha256": report.sha256},
    }
    if len(report.sources) > 1:  # one report published as several files (merge.py): every one, the main one first
        record["source"]["files"] = [{"file": source.file, "sha256": source.sha256} for source in report.sources]
    skip = {"id", "source_file", "sha256", "page_starts", "warnings", "override_errors", "sources"}
    skip |= {"complete_lists", "restated"}  # what the checks read
    for item in dataclasses.fields(report):
        if item.name in skip:
            continue
        value = plain(getattr(report, item.name), item.name, evidence)
        if not is_empty(value):
            record[item.name] = value
    pages = {source.file: source.page_starts for source in report.sources}
    pages[report.source_file] = report.page_starts
    if any(pages.values()):  # a PDF's line as a reader finds it in the original, 第3页第12行
        for path, entry in evidence.items():
            evidence[path] = with_page(pages, report.source_file, entry)
    if report.sources:
        for entry in evidence.values():
            for cited_entry in (entry, entry.get("table") or {}):
                if cited_entry.get("file") == report.source_file:  # the main file goes without saying
                    del cited_entry["file"]
    record["evidence"] = dict(sorted(evidence.items()))
    return {key: record[key] for key in ORDER if key in record}


def add_findings(record: dict[str, Any], findings: Iterable[Finding]) -> dict[str, Any]:
    """A record with more findings (the check across years', made once every record was written), keys in order."""
    added = [plain(finding, "findings", {}) for finding in findings]
    record = {**record, "findings": [*(record.get("findings") or []), *added]}
    return {key: record[key] for key in ORDER if key in record}


def with_page(pages: dict[str, tuple[int, ...]], main_file: str, entry: dict[str, Any]) -> dict[str, Any]:
    """An evidence entry (and its table row's) with the page and the line on that page, in the file it names."""
    position = page_position(pages.get(entry.get("file") or main_file, ()), entry["line"])
    if not position:
        return entry
    placed = {"line": entry["line"], "page": position[0], "page_line": position[1], **entry}
    if "table" in entry:
        placed["table"] = with_page(pages, main_file, entry["table"])
    return placed


# libyaml's safe dumper and loader when PyYAML was built with it (the wheels are): the same YAML, ~5× faster.
SAFE_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def dump(record: dict[str, Any]) -> str:
    return yaml.dump(record, Dumper=SAFE_DUMPER, allow_unicode=True, sort_keys=False, width=1000)


def read_record(path: Path) -> dict[str, Any]:
    """A record as written by `write_record`, loaded safely."""
    return load_record(path.read_text(encoding="utf-8"), path)


def load_record(text: str, path: Path) -> dict[str, Any]:
    """A record from the text of its file (path), loaded safely."""
    record = yaml.load(text, Loader=SAFE_LOADER)
    if not isinstance(record, dict):
        raise ValueError(f"{path} holds no record")
    return record


def write_record(record: dict[str, Any], out_dir: Path) -> Path:
    if not SAFE_ID.fullmatch(str(record["id"])):
        raise ValueError(f"record id {record['id']!r} is not a safe file name")
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"{record['id']}.yaml"
    path.write_text(dump(record), encoding="utf-8")
    return path
