"""Parse many reports into a folder of YAML records: each checked alone, then against its department's other years.

The CLI's `parse` and the site build both call `parse_reports`; one bad report never stops the others. A report
published as several files (a narrative and its tables) is merged into one record before it is checked.

A batch never holds every report: the workers read each file into the parse cache and send back only which
department-year it states (its `Heading`); then each department-year's files are merged, corrected, checked and
written by a worker, which sends back what the check across years needs (`YearView`); the few records that check
adds findings to are written again.
"""

from __future__ import annotations

import contextlib
import dataclasses
import difflib
import tempfile
from collections.abc import Callable, Iterator
from concurrent.futures import BrokenExecutor, Executor, Future
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from generator import cache
from generator.check.years import DEFAULT_MAPPING, YearView, check_years, load_mapping
from generator.errors import ReportError
from generator.merge import Part, combine, placed
from generator.overrides import DEFAULT_OVERRIDES
from generator.pipeline import extract_report, finish_report
from generator.read import REPORT_SUFFIXES
from generator.records import FileRead, Finding, Heading, ParseResult, Report
from generator.workers import ONE_PROCESS, Workers, executor
from generator.write import add_findings, read_record, to_record, write_record

T = TypeVar("T")
R = TypeVar("R")


def whole_record(record: dict[str, Any]) -> dict[str, Any]:
    """What `parse_reports` keeps of each record by default: all of it."""
    return record


def read_one(path: Path, cache_dir: Path) -> FileRead:
    """Which department-year one file states (its parse kept in the cache), or its error naming the file: a report
    of several files is checked once merged."""
    try:
        if not path.exists():
            raise ReportError(path, "no such file")
        if path.suffix.lower() not in REPORT_SUFFIXES:
            raise ReportError(
                path,
                f"unknown file type {path.suffix or '(none)'}: expected a report as {', '.join(REPORT_SUFFIXES)}",
            )
        extracted = cache.load(cache_dir, path)
        reparsed = extracted is None
        if extracted is None:
            extracted = extract_report(path)
            cache.store(cache_dir, path, extracted)
        report = extracted[0]
        return FileRead(path, Heading.of(report), report.warnings, None, reparsed=reparsed)
    except ReportError as error:
        return FileRead(path, None, [], error, reparsed=False)
    except Exception as error:  # a parser bug must not stop the other reports
        return FileRead(path, None, [], ReportError(path, f"internal error ({internal(error)})"), reparsed=False)


def outcomes(
    task: Callable[[T], R], items: list[T], pool: Executor | None, lost: Callable[[T, Exception], R]
) -> Iterator[R]:
    """Each item's outcome in the order given, done by the pool's workers where there is one. A worker lost
    (killed, out of memory) gives its item, and whatever the broken pool still owed, the outcome `lost` makes; an
    item the pool was already broken for is done in this process."""
    if pool is None:
        yield from map(task, items)
        return
    futures: list[Future[R] | None] = []
    for item in items:
        try:
            futures.append(pool.submit(task, item))
        except BrokenExecutor:
            futures.append(None)
    for item, future in zip(items, futures, strict=True):
        if future is None:
            yield task(item)
            continue
        try:
            yield future.result()
        except Exception as error:
            yield lost(item, error)


@dataclass(frozen=True)
class Group:
    """The files of one department-year, for a worker to make into a record: everything it needs as plain values."""

    headings: tuple[tuple[Path, Heading], ...]  # each file and the department-year it was placed in
    key: str | None  # the maintainer's department key for this id (site_data/departments.yaml), if any
    cache_dir: Path
    overrides_dir: Path | None
    out_dir: Path
    keep: Callable[[dict[str, Any]], dict[str, Any]]


@dataclass
class Finished:
    """What became of a group: its record written (and what is kept of it) and its view for the check across
    years, or none where it failed; every warning and error on the way."""

    paths: list[Path]  # the files used, the main one first
    written: tuple[Path, Path, dict[str, Any]] | None = None
    view: YearView | None = None
    warnings: list[str] = field(default_factory=list)
    errors: list[ReportError] = field(default_factory=list)


def finish_group(group: Group) -> Finished:
    """Merge a department-year's files, apply the maintainer's corrections, check it alone and write its record."""
    main = group.headings[0][0]
    done = Finished([path for path, _ in group.headings])
    try:
        parts = [Part(path, placed_report(path, heading, group.cache_dir)) for path, heading in group.headings]
        merged = combine(parts, partial(cache.document, group.cache_dir))
    except Exception as error:  # a bug in one merge must not stop the other reports
        done.errors.append(ReportError(main, f"internal error merging its files ({internal(error)})"))
        return done
    done.warnings += merged.warnings
    done.errors += merged.errors
    done.paths = merged.paths
    if merged.report is None:
        return done
    main = merged.paths[0]
    try:
        report = finish_report(merged.report, partial(cache.document, group.cache_dir, main), group.overrides_dir)
        report.department.key = group.key or report.department.key
    except Exception as error:  # a bug in a check must not stop the other reports
        done.errors.append(ReportError(main, f"internal error ({internal(error)})"))
        return done
    done.errors += report.override_errors
    done.view = YearView.of(report)
    try:
        record = to_record(report)
        done.written = (main, write_record(record, group.out_dir), group.keep(record))
    except Exception as error:
        done.view = None
        done.errors.append(ReportError(main, f"could not be written ({internal(error)})"))
    return done


def placed_report(path: Path, heading: Heading, cache_dir: Path) -> Report:
    """A file's parse, from the cache where its reading put it, in the department-year it was placed in."""
    extracted = cache.load(cache_dir, path) or extract_report(path)
    return dataclasses.replace(extracted[0], id=heading.id, department=heading.department)


def parse_reports(
    paths: list[Path],
    out_dir: Path,
    mapping_path: Path = DEFAULT_MAPPING,
    overrides_dir: Path | None = DEFAULT_OVERRIDES,
    cache_dir: Path | None = None,
    progress: Callable[[Path], None] = lambda path: None,
    whole: bool = False,
    workers: Workers = ONE_PROCESS,
    keep: Callable[[dict[str, Any]], dict[str, Any]] = whole_record,
) -> ParseResult:
    """Parse `paths` into `out_dir/<id>.yaml`, with each report's overrides applied (see overrides.py), linking
    each department's years (see check/years.py). Files of one department-year are merged into one record (see
    merge.py). With a `cache_dir`, a report parsed before is taken from there (see cache.py); `result.reparsed`
    lists the ones that were not (without one, the batch keeps its parses in a temporary folder of this machine,
    which a cluster's workers do not see). When `paths` are `whole`, every report there is, an overrides file or a
    link naming none of them is an error; for a subset, a link is only a warning. The `workers` (workers.py) read
    the files and make the records; the result is the same for any number, and `progress` is told of each file
    once, in order. `keep` (a module's function, for the workers) says what of each record written
    `result.written` holds (all of it by default; a site's build keeps a summary)."""
    result = ParseResult()
    mapping, mapping_errors = load_mapping(mapping_path)
    with contextlib.ExitStack() as scratch:
        if cache_dir is None:
            cache_dir = Path(scratch.enter_context(tempfile.TemporaryDirectory(prefix="parse-")))
        with executor(workers, len(paths)) as pool:
            read = read_headings(paths, cache_dir, progress, pool, result)
            groups: dict[str, list[tuple[Path, Heading]]] = {}
            for (path, _), heading in zip(read, placed([heading for _, heading in read]), strict=True):
                groups.setdefault(heading.id, []).append((path, heading))
            jobs = [
                Group(tuple(group), mapping.get(report_id), cache_dir, overrides_dir, out_dir, keep)
                for report_id, group in groups.items()
            ]
            finished = list(outcomes(finish_group, jobs, pool, lost_group))
    views = []
    for done in finished:
        result.warnings += done.warnings
        result.errors += done.errors
        if done.written is not None:
            result.written.append(done.written)
            result.files[done.written[2]["id"]] = done.paths
        if done.view is not None:
            views.append(done.view)
    result.errors += mapping_errors
    ids = {view.id for view in views}
    if whole:
        result.errors += unclaimed(ids, mapping, mapping_path, overrides_dir, failed=bool(result.errors))
    else:
        stale = [report_id for report_id in mapping if report_id not in ids]
        result.warnings += [f"{mapping_path.name}: {report_id} names no report parsed here" for report_id in stale]
    try:
        across_years = check_years(views)
    except Exception as error:  # a bug in the cross-year step must not keep the records from being written
        result.errors.append(ReportError("cross-year checks", f"failed ({internal(error)})"))
        across_years = {}
    for index, (source, written, _) in enumerate(result.written):
        found = across_years.get(written.stem)
        if found:
            try:
                result.written[index] = (source, written, keep(rewritten(written, found)))
            except Exception as error:
                result.errors.append(ReportError(source, f"could not be written ({internal(error)})"))
    return result


def read_headings(
    paths: list[Path], cache_dir: Path, progress: Callable[[Path], None], pool: Executor | None, result: ParseResult
) -> list[tuple[Path, Heading]]:
    """Each file read (into the cache) and the department-year it states; the outcome of each file goes into
    `result` as it comes."""
    headings = []
    for read in outcomes(partial(read_one, cache_dir=cache_dir), paths, pool, lost_file):
        progress(read.path)
        if read.reparsed:
            result.reparsed.append(read.path)
        if read.error is not None:
            result.errors.append(read.error)
        if read.heading is not None:
            headings.append((read.path, read.heading))
            result.warnings += [f"{read.path.name}: {warning}" for warning in read.warnings]
    return headings


def lost_file(path: Path, error: Exception) -> FileRead:
    return FileRead(path, None, [], ReportError(path, f"internal error ({internal(error)})"), reparsed=False)


def lost_group(group: Group, error: Exception) -> Finished:
    main = group.headings[0][0]
    return Finished([main], errors=[ReportError(main, f"internal error ({internal(error)})")])


def rewritten(path: Path, found: list[Finding]) -> dict[str, Any]:
    """A written record with the findings of the check across years added, written again."""
    record = add_findings(read_record(path), found)
    write_record(record, path.parent)
    return record


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
