"""Parsing in parallel (`--jobs N`): the same records, messages and errors for any number of processes."""

from __future__ import annotations

import os
import pickle
import shutil
from pathlib import Path

import psutil
from click.testing import CliRunner

from generator import batch
from generator.cli import main
from generator.errors import ReportError
from generator.workers import Workers
from tests.conftest import SEEDS, SHARED, seed
from tests.test_linear import CLAUSES, one_line_report

REAL = SHARED / "corpus" / "real"
# A few real PDFs: two copies of one report (merged after the workers are done) and two units' budgets.
REAL_PDFS = (
    "rw-bj-2026-budget-63c57f03.pdf",
    "rw-bj-2026-budget-cb3bd179.pdf",
    "rw-sh-2026-budget-unit-42ac6739.pdf",
    "rw-sh-2026-budget-unit-ba57124e.pdf",
)


def reports_with_failures(folder: Path) -> Path:
    """The seeds, real PDFs where they and pdftotext are present, and two files that are no report."""
    folder.mkdir()
    for path in SEEDS.glob("*.txt"):
        shutil.copy(path, folder)
    if REAL.is_dir() and shutil.which("pdftotext"):
        for name in REAL_PDFS:
            shutil.copy(REAL / name, folder)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "garbage.pdf").write_bytes(b"%PDF-1.4 not really\n")
    return folder


def test_any_number_of_jobs_gives_byte_identical_records_and_output(tmp_path):
    """`--jobs 1` and `--jobs 2` write the same bytes, print the same lines in the same order (warnings of the
    merged copies among them) and name the same failing files, the others still written."""
    reports = reports_with_failures(tmp_path / "reports")
    outputs = {}
    for jobs in (1, 2):
        result = CliRunner().invoke(
            main, ["parse", str(reports), "--out", str(tmp_path / f"out-{jobs}"), "--jobs", str(jobs)]
        )
        assert result.exit_code == 1
        outputs[jobs] = result.output
    assert outputs[1] == outputs[2]
    assert "error empty.txt" in outputs[2] and "error garbage.pdf" in outputs[2]
    written = {path.name: path.read_bytes() for path in (tmp_path / "out-1").iterdir()}
    assert {path.name: path.read_bytes() for path in (tmp_path / "out-2").iterdir()} == written
    assert len(written) == (8 if (reports / REAL_PDFS[0]).exists() else 5)  # the two copies make one record
    assert f"{len(written)} parsed, 2 failed" in outputs[2]


def test_progress_is_told_once_per_file_in_the_order_given(tmp_path):
    paths = [seed("003"), tmp_path / "missing.txt", seed("000"), seed("002")]
    told: list[Path] = []
    result = batch.parse_reports(
        paths, tmp_path / "out", mapping_path=tmp_path / "none.yaml", progress=told.append, workers=Workers(jobs=2)
    )
    assert told == paths
    assert result.reparsed == [seed("003"), seed("000"), seed("002")]
    assert [str(error) for error in result.errors] == ["missing.txt: no such file"]


def test_a_worker_lost_fails_its_file_by_name_and_the_batch_still_ends(tmp_path):
    """A worker process killed mid-report (out of memory, say) breaks the pool: the file it was reading, and any the
    pool still owed, are errors naming them; what was read before is written."""
    slow = one_line_report(tmp_path, "004", 16 * CLAUSES)  # seconds to parse: still being read when its worker dies
    paths = [seed("000"), slow, *sorted(SEEDS.glob("*.txt"))[1:]]

    def kill_the_workers(path: Path) -> None:
        if path == paths[0]:  # the first file is done; a worker is reading the slow one
            for process in psutil.Process().children(recursive=True):
                if process.ppid() != os.getpid():  # the pool's workers are the fork server's children
                    process.kill()

    result = batch.parse_reports(
        paths, tmp_path / "out", mapping_path=tmp_path / "none.yaml", progress=kill_the_workers,
        workers=Workers(jobs=2),
    )
    failed = {error.path for error in result.errors}
    assert slow in failed
    assert all("BrokenProcessPool" in str(error) for error in result.errors)
    assert paths[0] in {path for files in result.files.values() for path in files}


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
