"""parse_reports: parse, link and check many reports; a failure in one report or step never loses the others."""

from __future__ import annotations

import gc

from generator import batch, pipeline
from tests.conftest import SEEDS, SHARED, seed


def test_a_rule_that_crashes_on_one_report_spares_the_others(tmp_path, monkeypatch):
    real_check = pipeline.check_report

    def crash_on_003(report):
        if report.source_file.startswith("003"):
            raise ZeroDivisionError("made-up bug")
        return real_check(report)

    monkeypatch.setattr(pipeline, "check_report", crash_on_003)
    result = batch.parse_reports(sorted(SEEDS.glob("*.txt")), tmp_path, mapping_path=tmp_path / "none.yaml")
    assert len(result.written) == 4
    [error] = result.errors
    assert error.path.name == seed("003").name and "ZeroDivisionError" in str(error)


def test_a_crash_across_years_still_writes_every_record(tmp_path, monkeypatch):
    def crash(linked):
        raise KeyError("made-up bug")

    monkeypatch.setattr(batch, "check_years", crash)
    result = batch.parse_reports([seed("002"), seed("003")], tmp_path, mapping_path=tmp_path / "none.yaml")
    assert len(result.written) == 2 and len(list(tmp_path.glob("*.yaml"))) == 2
    [error] = result.errors
    assert str(error).startswith("cross-year checks: failed (KeyError")


def test_parsing_leaves_no_cyclic_garbage():
    """pipeline.py collects the youngest objects rarely, on the ground that a report's objects are all freed by
    reference counting: a parse that built reference cycles would hold its garbage until the next collection."""
    paths = [*sorted(SEEDS.glob("*.txt")), *sorted((SHARED / "corpus").glob("*.txt"))]
    gc.collect()
    gc.disable()
    try:
        for path in paths:
            pipeline.parse_file(path)
        assert gc.collect() == 0
    finally:
        gc.enable()
