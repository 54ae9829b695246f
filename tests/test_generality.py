"""generator/ holds rules for the genre: it names no seed's department, place or figure, even in an example."""

from __future__ import annotations

import re

import pytest
import yaml

from tests.conftest import ROOT, SHARED


def stated_decimals(node: object) -> set[str]:
    """The non-whole figures of a record part, as a report prints them (123.45, 2.15)."""
    if isinstance(node, dict):
        return set().union(*map(stated_decimals, node.values())) if node else set()
    if isinstance(node, list):
        return set().union(*map(stated_decimals, node)) if node else set()
    return {f"{node:g}"} if isinstance(node, float) and not node.is_integer() else set()


@pytest.mark.skipif(not (SHARED / "gold").is_dir(), reason="../shared/gold is not beside the repository")
def test_generator_code_names_no_seed():
    """Departments, cities and counties of the seeds' hand-checked answers, and their headline figures."""
    names, figures = set(), set()
    for gold in sorted((SHARED / "gold").glob("*.yaml")):
        record = yaml.safe_load(gold.read_text(encoding="utf-8"))
        department = record["department"]
        names |= {department["name"], *(department.get("aliases") or ())}
        names |= {department["region"][level] for level in ("city", "county") if department["region"].get(level)}
        figures |= stated_decimals([record.get(part) for part in ("totals", "income", "expenditure")])
    assert names and figures
    found = []
    for path in sorted((ROOT / "generator").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        found += [(path.name, name) for name in names if name in text]
        found += [(path.name, figure) for figure in figures if re.search(rf"(?<![\d.]){re.escape(figure)}(?!\d)", text)]
    assert found == []
