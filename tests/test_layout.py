"""Segmenting is one stage: each report is laid out once, and the extractors read the layout, never the text."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from generator import pipeline
from generator.read import read_report
from generator.segment import layout as layout_module
from generator.segment.layout import LaidLine
from generator.segment.prose import is_table_row
from generator.segment.tables import line_units
from tests.conftest import ROOT, seed


def layout_builders() -> set[str]:
    """The functions layout() builds its views with, each a scan of the whole report: the ones it imports."""
    tree = ast.parse(Path(layout_module.__file__).read_text(encoding="utf-8"))
    return {
        alias.name
        for node in tree.body
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("generator.segment.")
        for alias in node.names
        if alias.name.islower()  # functions; not classes nor constants
    }


def test_the_builders_are_the_segment_scans():
    assert layout_builders() == {"non_blank", "prose_of", "outline", "coded_rows", "line_units", "standard_tables"}


@pytest.mark.parametrize("path", sorted((ROOT / "generator" / "extract").glob("*.py")), ids=lambda path: path.name)
def test_no_extractor_scans_the_document(path):
    """An extractor takes the layout (or a part of it): it imports no builder of the layout, nor the Document."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    imported = {
        (node.module, alias.name)
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("generator.")
        for alias in node.names
    }
    scans = {name for module, name in imported if module.startswith("generator.segment.")} & (
        layout_builders() | {"layout"}
    )
    assert scans == set()
    assert ("generator.read", "Document") not in imported


def test_a_report_is_laid_out_once(monkeypatch):
    """Each builder runs once per report, whatever the extractors read."""
    calls: dict[str, int] = {}

    def counted(name, function):
        def wrapper(*args, **kwargs):
            calls[name] = calls.get(name, 0) + 1
            return function(*args, **kwargs)

        return wrapper

    for name in layout_builders():
        monkeypatch.setattr(layout_module, name, counted(name, getattr(layout_module, name)))
    monkeypatch.setattr(pipeline, "layout", counted("layout", pipeline.layout))
    pipeline.extract_report(seed("000"))
    assert calls == dict.fromkeys([*layout_builders(), "layout"], 1)


@pytest.mark.parametrize("path", sorted((ROOT / "site_data" / "reports").glob("*.txt")), ids=lambda path: path.name[:3])
def test_laid_lines_are_each_line_with_its_unit_and_kind(path):
    """The layout's lines, built without a Python call per line, are what LaidLine gives line by line."""
    segmented = layout_module.layout(read_report(path))
    lines = segmented.document.lines
    units = line_units(segmented.text, len(lines))
    plain = tuple(LaidLine(no, text, unit, is_table_row(text)) for (no, text), unit in zip(lines, units, strict=True))
    assert segmented.lines == plain
