"""PDF reports: the text layer as `pdftotext -layout` lays it out, pages separated by form feeds.

The parser's table and prose rules are tuned to this layout (the corpus reports were made exactly this way).
"""

from __future__ import annotations

from pathlib import Path

from generator.errors import ReportError
from generator.read.external import last_message, run_tool

MAGIC = b"%PDF-"


def pdf_text(path: Path, data: bytes) -> str:
    if MAGIC not in data[:1024]:
        raise ReportError(path, "the file is not a PDF (no %PDF- header): check the file, or save it as .txt")
    result = run_tool(path, ["pdftotext", "-layout", "-enc", "UTF-8", str(path.resolve()), "-"], "poppler-utils")
    if result.returncode != 0:
        message = last_message(result)
        if "password" in message.lower():
            raise ReportError(path, "the PDF is encrypted: save an unprotected copy, or its text as .txt")
        raise ReportError(path, f"the PDF is damaged ({message}): download it again, or save its text as .txt")
    text = result.stdout.decode("utf-8", "replace")
    if not text.replace("\f", "").strip():
        raise ReportError(path, "the PDF has no text layer (a scan?): run OCR on it, or supply its text as .txt")
    return text
