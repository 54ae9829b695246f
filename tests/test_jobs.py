"""Parsing in parallel (`--jobs N`): the same records, messages and errors for any number of processes."""

from __future__ import annotations

import pickle
from pathlib import Path

from generator.errors import ReportError


def test_a_report_error_crosses_processes_whole():
    """Errors come back from the workers pickled: file, line and message survive, and so does the text shown."""
    error = ReportError(Path("reports/a.pdf"), "no budget figures", line=12)
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.path, copy.line, copy.message, str(copy)) == (
        Path("reports/a.pdf"),
        12,
        "no budget figures",
        str(error),
    )
