"""The command line: `python -m generator parse [PATH ...] [--out DIR]`, `check [PATH ...]` and `build`."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

import click

from generator.batch import parse_reports
from generator.read import REPORT_SUFFIXES
from generator.records import ParseResult
from generator.render.shards import LEVELS, Sharding
from generator.workers import Workers, usable_cpus

DEFAULT_REPORTS = Path("site_data/reports")
DEFAULT_BUDGETS = Path("site_data/budgets")
DEFAULT_CONTENT = Path("content")
DEFAULT_SITE = Path("site")


def report_files(paths: tuple[Path, ...]) -> tuple[list[Path], list[str]]:
    """Report files named directly or found in the folders given, in a stable order, and a warning for each other
    file of those folders, which is left out (a README or a source list beside the reports). A file named directly
    is always tried: one of an unknown type is an error."""
    files: list[Path] = []
    skipped: list[str] = []
    for path in paths or (DEFAULT_REPORTS,):
        if path.is_dir():
            for found in sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith(".")):
                if found.suffix.lower() in REPORT_SUFFIXES:
                    files.append(found)
                else:
                    skipped.append(
                        f"{found.name}: left out, not a report file ({found.suffix or 'no suffix'}; "
                        f"reports are {', '.join(REPORT_SUFFIXES)})"
                    )
        else:
            files.append(path)
    return files, skipped


def for_workers(paths: list[Path], scheduler: str | None) -> list[Path]:
    """Paths as the workers must be given them: absolute for a cluster's, which run in folders (and on machines) of
    their own; as given for local processes, which share this one's folder and so name files as the user did."""
    return [path.resolve() for path in paths] if scheduler else paths


def is_whole(paths: tuple[Path, ...]) -> bool:
    """Whether the reports asked for are all the site has (the default folder), so that an overrides file or a
    department link naming none of them is stale; a subset leaves most of them unnamed by design."""
    return all(path.resolve() == DEFAULT_REPORTS.resolve() for path in paths)


def summary(record: dict[str, Any]) -> str:
    totals = record.get("totals", {})
    findings = record.get("findings", [])
    errors = sum(1 for finding in findings if finding.get("severity") == "error")
    parts = [
        record.get("department", {}).get("name") or "?",
        str(record.get("year", "?")),
        f"支出 {totals['expenditure']}" if "expenditure" in totals else "支出 ?",
        f"{len(record.get('line_items', []))} 项",
        f"{len(record.get('projects', []))} 个项目",
        f"{len(findings)} 条检查发现（{errors} 个错误）",
    ]
    return " · ".join(parts)


# Every command that parses reads its files in this many processes, or on a Dask cluster's workers; the output is
# the same for any number, and wherever the work was done.
jobs_option = click.option(
    "--jobs",
    type=click.IntRange(min=1),
    default=usable_cpus,
    show_default="all usable CPUs",
    help="Processes reading reports (and, for build, rendering and building shards) in parallel.",
)
scheduler_option = click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="A Dask scheduler (tcp://HOST:8786) whose workers do the work instead of local processes; every path must "
    "be on a file system they all see.",
)


@click.group()
def main() -> None:
    """Budget disclosures (部门预算/决算) → YAML → a searchable website."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path),
    default=DEFAULT_BUDGETS,
    show_default=True,
    help="Folder for one YAML file per report.",
)
@jobs_option
@scheduler_option
def parse(paths: tuple[Path, ...], out_dir: Path, jobs: int, scheduler: str | None) -> None:
    """Parse report files or folders (default site_data/reports/) into YAML records."""
    files, skipped = report_files(paths)
    files, [out_dir] = for_workers(files, scheduler), for_workers([out_dir], scheduler)
    report_outcome(parse_reports(files, out_dir, whole=is_whole(paths), workers=Workers(jobs, scheduler)), skipped)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@jobs_option
@scheduler_option
def check(paths: tuple[Path, ...], jobs: int, scheduler: str | None) -> None:
    """Check reports (default site_data/reports/), their overrides and the department mapping; writes nothing."""
    files, skipped = report_files(paths)
    files, workers = for_workers(files, scheduler), Workers(jobs, scheduler)
    with tempfile.TemporaryDirectory() as scratch:
        report_outcome(parse_reports(files, Path(scratch), whole=is_whole(paths), workers=workers), skipped)


def report_outcome(result: ParseResult, skipped: list[str]) -> None:
    """One line per report, then every warning and error; exit status 1 if anything failed."""
    for source, written, record in result.written:
        click.echo(f"ok    {source.name} → {written.name}: {summary(record)}")
    for warning in skipped + result.warnings:
        click.echo(f"warning {warning}", err=True)
    for error in result.errors:
        click.echo(f"error {error}", err=True)
    click.echo(f"{len(result.written)} parsed, {len(result.errors)} failed")
    sys.exit(1 if result.errors else 0)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--budgets", "budgets_dir", type=click.Path(path_type=Path), default=DEFAULT_BUDGETS, show_default=True,
              help="Folder for the YAML records.")
@click.option("--content", "content_dir", type=click.Path(path_type=Path), default=DEFAULT_CONTENT, show_default=True,
              help="Folder of the site's Markdown pages (hand-written pages are kept).")
@click.option("--site", "site_dir", type=click.Path(path_type=Path), default=DEFAULT_SITE, show_default=True,
              help="Folder for the built static site.")
@click.option("--shard-by", type=click.Choice(sorted(LEVELS)), default="province", show_default=True,
              help="The region folders built as separate MkDocs sites.")
@jobs_option
@scheduler_option
def build(
    paths: tuple[Path, ...],
    budgets_dir: Path,
    content_dir: Path,
    site_dir: Path,
    shard_by: str,
    jobs: int,
    scheduler: str | None,
) -> None:
    """Parse reports (default site_data/reports/), render pages into content/ and build the site into site/."""
    from generator import build as site_build  # MkDocs and the charts load only for a build

    files, skipped = report_files(paths)
    sharding = Sharding(LEVELS[shard_by])
    inputs = site_build.build_inputs(files, (budgets_dir, content_dir, site_dir), sharding)
    last = site_build.last_build(inputs, site_dir)
    if last is not None:
        click.echo("与上次构建相比没有任何变化（报告、更正、页面、代码和设置都相同），网站保持不变。", err=True)
        for message in last.messages:
            click.echo(message, err=True)
        click.echo(last.summary)
        sys.exit(last.status)
    workers = Workers(jobs, scheduler)
    files = for_workers(files, scheduler)
    budgets, content, site, caches = for_workers([budgets_dir, content_dir, site_dir, site_build.CACHES], scheduler)
    with click.progressbar(files, label="解析报告", file=sys.stderr) as bar:
        result = site_build.parse_apart(
            files, budgets, lambda path: bar.update(1), caches, whole=is_whole(paths), workers=workers,
            sharding=sharding,
        )
    site_build.publish(
        result,
        budgets,
        content,
        site,
        stage=lambda message: click.echo(message, err=True),
        caches=caches,
        workers=workers,
        sharding=sharding,
    )
    messages = [f"warning {warning}" for warning in skipped + result.warnings]
    messages += [f"error {error}" for error in result.failed]
    summary_line = (
        f"{len(result.built)} reports built, {len(result.failed)} failed, {result.findings} findings, "
        f"{result.pages} pages → {site_dir}/ ({result.reparsed} of {len(files)} files parsed anew, "
        "the others unchanged since the last build)"
    )
    for message in messages:
        click.echo(message, err=True)
    click.echo(summary_line)
    status = 1 if result.failed else 0
    site_build.remember_build(site_build.LastBuild(inputs, messages, summary_line, status))
    sys.exit(status)
