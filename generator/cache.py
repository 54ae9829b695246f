"""Reports parsed by an earlier build, kept so a rebuild parses only what changed.

An entry is keyed by the report's name and bytes and by the generator's own code and tables, so a changed report
or a new parser rule parses it again. Corrections and checks are not cached: they are redone on every build, as
a maintainer's overrides change on their own. Entries are pickles that only this program writes, in a folder of
its own; an unreadable entry is parsed again, never trusted.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from functools import cache
from pathlib import Path

from generator.read import Document, read_report
from generator.records import Report

DEFAULT_CACHE = Path(".cache/reports")
PACKAGE = Path(__file__).resolve().parent


@cache
def generator_fingerprint() -> str:
    """A hash of every source and data file of the generator: any change to the parser empties the cache."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*")):
        if path.suffix in {".py", ".csv"}:
            digest.update(path.relative_to(PACKAGE).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def entry_path(folder: Path, report: Path) -> Path:
    digest = hashlib.sha256(generator_fingerprint().encode())
    digest.update(report.name.encode())
    digest.update(report.read_bytes())
    return folder / f"{digest.hexdigest()}.pickle"


def load(folder: Path, report: Path) -> tuple[Report, Document] | None:
    try:
        with entry_path(folder, report).open("rb") as file:
            entry: tuple[Report, Document] = pickle.load(file)  # written by store() below, never from outside
            return entry
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
        return None


def store(folder: Path, report: Path, parsed: tuple[Report, Document]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    target = entry_path(folder, report)
    with tempfile.NamedTemporaryFile(dir=folder, delete=False) as file:  # another build never sees half a file
        pickle.dump(parsed, file, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(file.name, target)


def document(folder: Path | None, report: Path) -> Document:
    """A report's text as its parse read it: from the cache where an earlier parse kept it, so a PDF or a .doc is
    not converted again for its source page; otherwise read anew."""
    cached = load(folder, report) if folder is not None else None
    return cached[1] if cached is not None else read_report(report)
