"""Stage 1: a report file becomes numbered, normalised lines."""

from generator.read.document import Document, Line, read_report

__all__ = ["Document", "Line", "read_report"]
