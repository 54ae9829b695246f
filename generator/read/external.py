"""Running a Debian tool on a report (pdftotext, LibreOffice) with a time limit, its failures as ReportErrors."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from generator.errors import ReportError

TIMEOUT_SECONDS = 180


def run_tool(path: Path, command: list[str], package: str) -> subprocess.CompletedProcess[bytes]:
    """Run `command` (whose last argument names the report) and return its result, exit status unchecked.

    The report is passed by absolute path, so a file name starting with "-" is never read as an option."""
    if shutil.which(command[0]) is None:
        raise ReportError(path, f"reading this file needs {command[0]}: install the Debian package {package}")
    try:
        return subprocess.run(command, capture_output=True, timeout=TIMEOUT_SECONDS, check=False)
    except subprocess.TimeoutExpired as exc:
        raise ReportError(
            path, f"{command[0]} gave no result within {TIMEOUT_SECONDS} s: save the report as .txt or .docx"
        ) from exc
    except OSError as exc:
        raise ReportError(path, f"cannot run {command[0]}: {exc.strerror}") from exc


def last_message(result: subprocess.CompletedProcess[bytes]) -> str:
    """The tool's last line on stderr, for an error message."""
    lines = result.stderr.decode("utf-8", "replace").strip().splitlines()
    return lines[-1].strip() if lines else f"exit status {result.returncode}"
