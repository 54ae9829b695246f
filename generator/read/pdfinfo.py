"""A PDF's own date (poppler's `pdfinfo`): which of two copies of one report was published later."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from generator.errors import ReportError
from generator.read.external import run_tool

# The keys of `pdfinfo -isodates`, the most telling first: a re-issued copy is modified after it was created.
DATE_KEYS = ("ModDate", "CreationDate")


def pdf_date(path: Path) -> datetime | None:
    """The PDF's modification date, else its creation date; None for another format, a PDF without dates, or
    where poppler-utils is missing (a date only breaks a tie between copies, so its absence is no error)."""
    if path.suffix.lower() != ".pdf":
        return None
    try:
        result = run_tool(path, ["pdfinfo", "-isodates", str(path.resolve())], "poppler-utils")
    except ReportError:
        return None
    if result.returncode != 0:
        return None
    fields = dict(line.split(":", 1) for line in result.stdout.decode("utf-8", "replace").splitlines() if ":" in line)
    for key in DATE_KEYS:
        try:
            date = datetime.fromisoformat(fields.get(key, "").strip())
        except ValueError:
            continue
        return date if date.tzinfo is not None else date.replace(tzinfo=UTC)  # comparable with a zoned date
    return None
