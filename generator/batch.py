"""Parse many reports into a folder of YAML records: each checked alone, then against its department's other years.

The CLI's `parse` and the site build both call `parse_reports`; one bad report never stops the others. A report
published as several files (a narrative and its tables) is merged into one record before it is checked.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator
from concurrent.futures import BrokenExecutor, Executor
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from generator import cache
from generator.check.years import DEFAULT_MAPPING, check_years, link, load_mapping
from generator.errors import ReportError
from generator.merge import Merged, Part, combine, placed
from generator.overrides import DEFAULT_OVERRIDES
from generator.pipeline import extract_report, finish_report
from generator.read import REPORT_SUFFIXES, Document
from generator.records import FileRead, ParseResult, Report
from generator.workers import ONE_PROCESS, Workers, executor
from generator.write import to_record, write_record

T = TypeVar("T")


def read_one(path: Path, cache_dir: Path | None) -> FileRead:
    """What one file states, or its error naming the file: a report of several files is checked once merged."""
    try:
        if not path.exists():
            raise ReportError(path, "no such file")
        if path.suffix.lower() not in REPORT_SUFFIXES:
            raise ReportError(
                path,
                f"unknown file type {path.suffix or '(none)'}: expected a report as {', '.join(REPORT_SUFFIXES)}",
            )
        extracted = cache.load(cache_dir, path) if cache_dir is not None else None
        if extracted is not None:
            return FileRead(path, extracted[0], None, reparsed=False)
        extracted = extract_report(path)
        if cache_dir is not None:
            cache.store(cache_dir, path, extracted)
        return FileRead(path, extracted[0], None, reparsed=True)
    except ReportError as error:
        return FileRead(path, None, error, reparsed=False)
    except Exception as error:  # a parser bug must not stop the other reports
        return FileRead(path, None, ReportError(path, f"internal error ({internal(error)})"), reparsed=False)


def read_all(paths: list[Path], cache_dir: Path | None, pool: Executor | None) -> Iterator[FileRead]:
    """Each file's outcome in the order given, read by the pool's workers where there is one. A worker lost
    (killed, out of memory) fails its file, named, and whatever the broken pool still owed."""
    if pool is None:
        yield from (read_one(path, cache_dir) for path in paths)
        return
    futures = [pool.submit(read_one, path, cache_dir) for path in paths]
    for path, future in zip(paths, futures, strict=True):
        try:
            yield future.result()
        except Exception as error:
            yield FileRead(path, None, ReportError(path, f"internal error ({internal(error)})"), reparsed=False)


def merged_reports(
    parts: list[Part], cache_dir: Path | None, result: ParseResult, pool: Executor | None
) -> list[Merged]:
    """The files of each id as one report (merge.py), in the order their first file was given. Where there is a
    pool, its workers read ahead the texts that merging compares (a PDF's means pdftotext again, without a cache)."""
    by_id: dict[str, list[Part]] = {}
    for part in placed(parts):
        by_id.setdefault(part.report.id, []).append(part)
    try:
        ahead = {
            part.path: pool.submit(cache.document, cache_dir, part.path)
            for group in by_id.values()
            if pool is not None and len(group) > 1
            for part in group
        }
    except BrokenExecutor:  # a worker was lost reading the files: these texts are read here instead
        ahead = {}

    def read(path: Path) -> Document:
        """A text read ahead (its worker's error raised here, inside the merge of its group), else read now."""
        return ahead.pop(path).result() if path in ahead else cache.document(cache_dir, path)

    merged: list[Merged] = []
    for group in by_id.values():
        try:
            merged.append(combine(group, read))
        except Exception as error:  # a bug in one merge must not stop the other reports
            result.errors.append(ReportError(group[0].path, f"internal error merging its files ({internal(error)})"))
    return merged


def parse_reports(
    paths: list[Path],
    out_dir: Path,
    mapping_path: Path = DEFAULT_MAPPING,
    overrides_dir: Path | None = DEFAULT_OVERRIDES,
    cache_dir: Path | None = None,
    progress: Callable[[Path], None] = lambda path: None,
    whole: bool = False,
    workers: Workers = ONE_PROCESS,
    keep: Callable[[dict[str, Any]], dict[str, Any]] = lambda record: record,
) -> ParseResult:
    """Parse `paths` into `out_dir/<id>.yaml`, with each report's overrides applied (see overrides.py), linking
    each department's years (see check/years.py). Files of one department-year are merged into one record (see
    merge.py). With a `cache_dir`, a report parsed before is taken from there (see cache.py); `result.reparsed`
    lists the ones that were not. When `paths` are `whole`, every report there is, an overrides file or a link
    naming none of them is an error; for a subset, a link is only a warning. The `workers` (workers.py) read the
    files and the texts merging compares; the result is the same for any number, and `progress` is told of each
    file once, in order. `keep` says what of each record written `result.written` holds (all of it by default; a
    site's build keeps a summary, so that a batch of any size is never held whole)."""
    result = ParseResult()
    reports = finished_reports(paths, cache_dir, overrides_dir, progress, workers, result)
    mapping, mapping_errors = load_mapping(mapping_path)
    result.errors += mapping_errors
    ids = {report.id for _, report in reports}
    if whole:
        result.errors += unclaimed(ids, mapping, mapping_path, overrides_dir, failed=bool(result.errors))
    else:
        stale = [report_id for report_id in mapping if report_id not in ids]
        result.warnings += [f"{mapping_path.name}: {report_id} names no report parsed here" for report_id in stale]
    try:
        check_years(link((report for _, report in reports), mapping))
    except Exception as error:  # a bug in the cross-year step must not keep the records from being written
        result.errors.append(ReportError("cross-year checks", f"failed ({internal(error)})"))
    for path, report in drained(reports):
        try:
            record = to_record(report)
            result.written.append((path, write_record(record, out_dir), keep(record)))
        except Exception as error:
            result.errors.append(ReportError(path, f"could not be written ({internal(error)})"))
    return result


def finished_reports(
    paths: list[Path],
    cache_dir: Path | None,
    overrides_dir: Path | None,
    progress: Callable[[Path], None],
    workers: Workers,
    result: ParseResult,
) -> list[tuple[Path, Report]]:
    """Each department-year's report, its files read, merged, corrected and checked alone, with its main file; the
    outcome of each file goes into `result` as it comes."""
    parts: list[Part] = []
    with executor(workers, len(paths)) as pool:
        for read in read_all(paths, cache_dir, pool):
            progress(read.path)
            if read.reparsed:
                result.reparsed.append(read.path)
            if read.error is not None:
                result.errors.append(read.error)
            if read.report is not None:
                parts.append(Part(read.path, read.report))
                result.warnings += [f"{read.path.name}: {warning}" for warning in read.report.warnings]
        combined = merged_reports(parts, cache_dir, result, pool)
    reports: list[tuple[Path, Report]] = []
    for merged in combined:
        result.warnings += merged.warnings
        result.errors += merged.errors
        if merged.report is None:
            continue
        main = merged.paths[0]
        try:
            report = finish_report(merged.report, partial(cache.document, cache_dir, main), overrides_dir)
        except Exception as error:  # a bug in a check must not stop the other reports
            result.errors.append(ReportError(main, f"internal error ({internal(error)})"))
            continue
        reports.append((main, report))
        result.files[report.id] = merged.paths
        result.errors += report.override_errors
    return reports


def drained(items: list[T]) -> Iterator[T]:
    """The items in order, each dropped from the list as it is handed out: a batch's reports are let go one by one
    as their records are written, so the two are never all held at once."""
    items.reverse()
    while items:
        yield items.pop()


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
