"""DOCX and XLSX files are zip packages: a damaged one, or one that unpacks to gigabytes, is refused before a
library opens it."""

from __future__ import annotations

import zipfile
from pathlib import Path

from generator.errors import ReportError

MAX_UNPACKED_BYTES = 500_000_000


def check_package(path: Path, kind: str) -> None:
    try:
        with zipfile.ZipFile(path) as package:
            unpacked = sum(member.file_size for member in package.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        message = f"the file is not a readable {kind} (damaged zip package): open and save it again"
        raise ReportError(path, message) from exc
    if unpacked > MAX_UNPACKED_BYTES:
        raise ReportError(path, f"the {kind} unpacks to {unpacked:,} bytes: larger than any budget report")
