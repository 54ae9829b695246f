"""Stage 1: a report file (text, PDF, Word or spreadsheet) becomes numbered, normalised lines."""

from generator.read.document import REPORT_SUFFIXES, Document, Line, read_report

__all__ = ["REPORT_SUFFIXES", "Document", "Line", "read_report"]
