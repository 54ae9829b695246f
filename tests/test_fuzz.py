"""Damaged reports never crash the parser: each gives a record or a ReportError naming its file.

A few hundred cases per run here; `python -m benchmarks.fuzz` runs thousands."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.fuzzing import (
    SEED_TEXTS,
    damaged_bytes,
    damaged_package,
    damaged_text,
    docx_bytes,
    parses_or_names_the_file,
    report_file,
    xlsx_bytes,
)

CI_SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@CI_SETTINGS
@given(damaged_text())
def test_damaged_report_text(text):
    """Text-level damage reaches every stage of the parser (no decoding error stops it early)."""
    with report_file(text.encode("utf-8", errors="surrogatepass"), "damaged.txt") as path:
        parses_or_names_the_file(path)


@settings(CI_SETTINGS, max_examples=150)
@given(damaged_bytes())
def test_damaged_report_bytes(data):
    with report_file(data, "damaged.txt") as path:
        parses_or_names_the_file(path)


@pytest.fixture(scope="module")
def packages() -> dict[str, bytes]:
    """Seed 004 as a DOCX and as an XLSX, to be damaged."""
    return {"damaged.docx": docx_bytes(SEED_TEXTS[4]), "damaged.xlsx": xlsx_bytes(SEED_TEXTS[4])}


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), name=st.sampled_from(("damaged.docx", "damaged.xlsx")))
def test_damaged_office_packages(packages, data, name):
    with report_file(data.draw(damaged_package(packages[name])), name) as path:
        parses_or_names_the_file(path)


@settings(max_examples=50, deadline=None)
@given(damaged_text())
def test_damaged_text_inside_a_docx(text):
    """Markup and garbage inside a well-formed Word document reach the same parser as a text report."""
    with report_file(docx_bytes(text), "damaged.docx") as path:
        parses_or_names_the_file(path)
