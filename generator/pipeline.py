"""The stages in order, for one report: read → segment → extract → check → record."""

from __future__ import annotations

import gc
from collections.abc import Callable
from pathlib import Path
from typing import Any

from generator.check import check_report
from generator.check.years import department_key
from generator.errors import ReportError
from generator.extract import audit, parse_layout
from generator.overrides import apply_corrections, explain_findings, load_overrides
from generator.read import Document, read_report
from generator.records import Report
from generator.segment.layout import layout
from generator.write import to_record

# What these imports load lives as long as the process: pypinyin's phrase table alone is ~230,000 lists. Frozen,
# it is left out of every later garbage collection; a full collection walked it all, ~4% of a batch's parse.
gc.freeze()
# A report's objects are freed by reference counting as soon as it is parsed (it makes no reference cycles), yet at
# the default threshold the youngest generation was collected every other report, walking thousands of live lines
# and cells for nothing: ~5% of a batch's CPU time. Collected after 20,000 new objects instead, it rarely is.
gc.set_threshold(20_000, 10, 10)


def parse_file(path: Path) -> dict[str, Any]:
    """One report file as its YAML record, checked against itself; raises ReportError for input that is not a report."""
    return to_record(parse_report(path))


def parse_report(path: Path, overrides_dir: Path | None = None) -> Report:
    """One report file as a checked Report, with its maintainer's corrections applied when a folder of overrides is
    given (a correction that no longer fits lands in `report.override_errors`); raises ReportError for input that
    is not a report."""
    return finish_report(*extract_report(path), overrides_dir)


def extract_report(path: Path) -> tuple[Report, Document]:
    """What the report itself states: the part of the work a rebuild can take from the cache (see cache.py)."""
    document = read_report(path)
    segmented = layout(document)
    report = parse_layout(segmented)
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
    if not report.department.name:  # a record must say who publishes it: its id and page are the department's
        raise ReportError(
            path,
            "no publisher found: looked for a cover's label (预算单位：…), a title (…2026年度部门预算), a table's "
            "部门名称 row and a department named as the subject of the report's sentences (…2026年收支总预算)",
        )
    unread = audit.unread_lines(report, segmented)
    if unread:
        report.warnings.append(audit.warning(unread))
    return report, document


def finish_report(report: Report, document: Document | Callable[[], Document], overrides_dir: Path | None) -> Report:
    """The maintainer's corrections, then the checks: redone on every build, since overrides change on their own.
    The document (its main file's, for a report of several files) may be given as a function reading it: only a
    correction naming a line needs it, and a batch does not keep every report's text."""
    overrides = None
    if overrides_dir is not None:
        try:
            overrides = load_overrides(overrides_dir, report.id)
        except ReportError as error:  # the report still builds, uncorrected, and the maintainer is told why
            report.override_errors.append(error)
    if overrides is not None:
        text = document if isinstance(document, Document) else document()
        report.override_errors += apply_corrections(report, overrides, text)
    report.findings = check_report(report)
    if overrides is not None:
        report.override_errors += explain_findings(report, overrides)
    report.department.key = department_key(report.department.name, report.department.region, report.id)
    return report
