"""The stages in order, for one report: read → segment → extract → check → record."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from generator.errors import ReportError
from generator.extract import parse_document
from generator.read import read_report
from generator.write import to_record, write_record

REPORT_SUFFIXES = {".txt"}


def parse_file(path: Path) -> dict[str, Any]:
    """One report file as its YAML record; raises ReportError for input that is not a report."""
    document = read_report(path)
    report = parse_document(document)
    stated = (
        report.totals.income,
        report.totals.expenditure,
        report.income,
        report.expenditure,
        report.functions,
        report.line_items,
        report.three_public,
        report.operating_costs,
    )
    if not any(stated):
        raise ReportError(
            path,
            "no budget figures found: expected a 部门预算/决算 report stating 收支总预算, 收入, 支出 or 三公经费",
        )
    return to_record(report)


ParseOutcome = tuple[Path, dict[str, Any] | None, ReportError | None]


def parse_reports(paths: Iterable[Path], out_dir: Path) -> Iterator[ParseOutcome]:
    """Parse and write each report, yielding (path, record, None) or (path, None, error); a bad one spares the rest."""
    seen: dict[str, Path] = {}
    for path in paths:
        try:
            if not path.exists():
                raise ReportError(path, "no such file")
            if path.suffix.lower() not in REPORT_SUFFIXES:
                raise ReportError(path, f"unknown file type {path.suffix or '(none)'}: expected a .txt report")
            record = parse_file(path)
            if record["id"] in seen:
                raise ReportError(
                    path,
                    f"claims the same department and year as {seen[record['id']].name} "
                    f"(id {record['id']}): remove one, or mark one as 单位预算",
                )
            seen[record["id"]] = path
            write_record(record, out_dir)
            yield path, record, None
        except ReportError as error:
            yield path, None, error
        except Exception as error:  # a parser bug must not stop the other reports
            reason = f"{type(error).__name__}: {error}"
            yield path, None, ReportError(path, f"internal error ({reason}); please report it")
