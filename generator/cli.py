"""The command line: `python -m generator parse [PATH ...] [--out DIR]`."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from generator.errors import ReportError
from generator.pipeline import parse_file
from generator.write import write_record

DEFAULT_REPORTS = Path("site_data/reports")
DEFAULT_BUDGETS = Path("site_data/budgets")
REPORT_SUFFIXES = {".txt"}


def report_files(paths: tuple[Path, ...]) -> list[Path]:
    """Report files named directly or found in the folders given, in a stable order."""
    files: list[Path] = []
    for path in paths or (DEFAULT_REPORTS,):
        if path.is_dir():
            files += sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith("."))
        else:
            files.append(path)
    return files


def summary(record: dict) -> str:
    totals = record.get("totals", {})
    parts = [
        record.get("department", {}).get("name") or "?",
        str(record.get("year", "?")),
        f"支出 {totals['expenditure']}" if "expenditure" in totals else "支出 ?",
        f"{len(record.get('line_items', []))} 项",
        f"{len(record.get('projects', []))} 个项目",
    ]
    return " · ".join(parts)


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
def parse(paths: tuple[Path, ...], out_dir: Path) -> None:
    """Parse report files or folders (default site_data/reports/) into YAML records."""
    failed = 0
    seen: dict[str, Path] = {}
    for path in report_files(paths):
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
            written = write_record(record, out_dir)
            click.echo(f"ok    {path.name} → {written.name}: {summary(record)}")
        except ReportError as error:
            failed += 1
            click.echo(f"error {error}", err=True)
        except Exception as error:  # a parser bug must not stop the other reports
            failed += 1
            reason = f"{type(error).__name__}: {error}"
            click.echo(f"error {path.name}: internal error ({reason}); please report it", err=True)
    click.echo(f"{len(seen)} parsed, {failed} failed")
    sys.exit(1 if failed else 0)
