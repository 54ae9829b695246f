"""The one error type the pipeline raises for bad input, so callers can report it and go on."""

from __future__ import annotations

from pathlib import Path


class ReportError(Exception):
    """A report that cannot be parsed: names the file, the line where known, and what was expected."""

    def __init__(self, path: Path | str, message: str, line: int | None = None) -> None:
        self.path = Path(path)
        self.line = line
        self.message = message
        where = f"{self.path.name}:{line}" if line else self.path.name
        super().__init__(f"{where}: {message}")

    def __reduce__(self) -> tuple[type[ReportError], tuple[Path, str, int | None]]:
        """Rebuilt from its parts, not its text: a parallel parse sends errors back from its worker processes."""
        return ReportError, (self.path, self.message, self.line)
