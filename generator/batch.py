"""Parse many reports into a folder of YAML records: each checked alone, then against its department's other years.

The CLI's `parse` and the site build both call `parse_reports`; one bad report never stops the others.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from pathlib import Path

from generator import cache
from generator.check.years import DEFAULT_MAPPING, check_years, link, load_mapping
from generator.errors import ReportError
from generator.overrides import DEFAULT_OVERRIDES
from generator.pipeline import extract_report, finish_report
from generator.read import REPORT_SUFFIXES
from generator.records import ParseResult, Report
from generator.write import to_record, write_record


def read_one(
    path: Path, seen: dict[str, Path], overrides_dir: Path | None, cache_dir: Path | None, result: ParseResult
) -> Report:
    if not path.exists():
        raise ReportError(path, "no such file")
    if path.suffix.lower() not in REPORT_SUFFIXES:
        raise ReportError(
            path,
            f"unknown file type {path.suffix or '(none)'}: expected a report as {', '.join(REPORT_SUFFIXES)}",
        )
    extracted = cache.load(cache_dir, path) if cache_dir is not None else None
    if extracted is None:
        extracted = extract_report(path)
        result.reparsed.append(path)
        if cache_dir is not None:
            cache.store(cache_dir, path, extracted)
    report = finish_report(*extracted, overrides_dir)
    if report.id in seen:
        raise ReportError(
            path,
            f"claims the same department and year as {seen[report.id].name} "
            f"(id {report.id}): remove one, or mark one as 单位预算",
        )
    return report


def parse_reports(
    paths: list[Path],
    out_dir: Path,
    mapping_path: Path = DEFAULT_MAPPING,
    overrides_dir: Path | None = DEFAULT_OVERRIDES,
    cache_dir: Path | None = None,
    progress: Callable[[Path], None] = lambda path: None,
    whole: bool = False,
) -> ParseResult:
    """Parse `paths` into `out_dir/<id>.yaml`, with each report's overrides applied (see overrides.py), linking
    each department's years (see check/years.py). With a `cache_dir`, a report parsed before is taken from there
    (see cache.py); `result.reparsed` lists the ones that were not. When `paths` are `whole`, every report there
    is, an overrides file or a link naming none of them is an error; for a subset, a link is only a warning."""
    result = ParseResult()
    seen: dict[str, Path] = {}
    reports: list[tuple[Path, Report]] = []
    for path in paths:
        progress(path)
        try:
            report = read_one(path, seen, overrides_dir, cache_dir, result)
        except ReportError as error:
            result.errors.append(error)
            continue
        except Exception as error:  # a parser bug must not stop the other reports
            result.errors.append(ReportError(path, f"internal error ({internal(error)})"))
            continue
        seen[report.id] = path
        reports.append((path, report))
        result.errors += report.override_errors
        result.warnings += [f"{path.name}: {warning}" for warning in report.warnings]
    mapping, mapping_errors = load_mapping(mapping_path)
    result.errors += mapping_errors
    ids = {report.id for _, report in reports}
    if whole:
        result.errors += unclaimed(ids, mapping, mapping_path, overrides_dir, failed=bool(result.errors))
    else:
        stale = [report_id for report_id in mapping if report_id not in ids]
        result.warnings += [f"{mapping_path.name}: {report_id} names no report parsed here" for report_id in stale]
    linked = link((report for _, report in reports), mapping)
    try:
        check_years(linked)
    except Exception as error:  # a bug in the cross-year step must not keep the records from being written
        result.errors.append(ReportError("cross-year checks", f"failed ({internal(error)})"))
    for path, report in reports:
        try:
            record = to_record(report)
            result.written.append((path, write_record(record, out_dir), record))
        except Exception as error:
            result.errors.append(ReportError(path, f"could not be written ({internal(error)})"))
    return result


def unclaimed(
    ids: set[str], mapping: dict[str, str], mapping_path: Path, overrides_dir: Path | None, failed: bool
) -> list[ReportError]:
    """Overrides files and links naming no report: left over when a report's id changed or it was removed, they
    would silently correct nothing. Each names the nearest current id, where one is close."""
    stale = [(mapping_path, report_id, "entry") for report_id in mapping if report_id not in ids]
    if overrides_dir is not None and overrides_dir.is_dir():
        files = sorted(overrides_dir.glob("*.yaml"))
        stale += [(path, path.stem, "file") for path in files if path.stem not in ids]
    errors = []
    for path, report_id, what in stale:
        nearest = difflib.get_close_matches(report_id, sorted(ids), n=1)
        hint = f"; the nearest current id is {nearest[0]}" if nearest else ""
        because = " (or its report failed above)" if failed else ""
        message = f"{report_id} names no report{because}{hint}: rename or remove the {what}"
        errors.append(ReportError(path, message))
    return errors


def internal(error: Exception) -> str:
    return f"{type(error).__name__}: {error}; please report it"
