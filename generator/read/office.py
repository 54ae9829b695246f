"""Legacy Word (.doc) reports: LibreOffice converts them to DOCX, which the DOCX reader then reads."""

from __future__ import annotations

import tempfile
from pathlib import Path

from generator.errors import ReportError
from generator.read.external import last_message, run_tool
from generator.read.word import docx_text

# Word 97–2003 files are OLE compound documents; Word also saves RTF under a .doc name.
SIGNATURES = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"{\\rtf")


def doc_text(path: Path, data: bytes) -> str:
    if not data.startswith(SIGNATURES):
        raise ReportError(path, "the file is not a Word .doc (no OLE or RTF header): check it, or save it as .docx")
    with tempfile.TemporaryDirectory(prefix="report-doc-") as folder:
        work = Path(folder)
        # A profile of its own: LibreOffice refuses to run twice on one profile, and builds may run side by side.
        command = [
            "soffice",
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(work / "out"),
            str(path.resolve()),
        ]
        result = run_tool(path, command, "libreoffice-writer-nogui")
        converted = work / "out" / f"{path.stem}.docx"
        if result.returncode != 0 or not converted.exists():
            raise ReportError(
                path, f"LibreOffice could not convert the .doc ({last_message(result)}): save it as .docx or .txt"
            )
        try:
            return docx_text(converted)
        except ReportError as error:  # name the report, not LibreOffice's copy of it
            raise ReportError(path, error.message) from error
