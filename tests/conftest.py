"""Shared fixtures: the real reports, and small documents built from real sentences."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.read import read_report
from generator.segment.layout import layout
from generator.segment.prose import Passage
from generator.write import read_record
from tests.sites import copy_hand_written

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "site_data" / "reports"
SHARED = ROOT.parent / "shared"


@pytest.fixture
def make_report(tmp_path):
    """Write text to a report file and read it back as a Document."""

    def make(text: str, name: str = "report.txt", encoding: str = "utf-8"):
        path = tmp_path / name
        path.write_bytes(text.encode(encoding))
        return read_report(path)

    return make


@pytest.fixture
def passage(make_report):
    """The prose passage of a report made from the given text."""

    def make(text: str) -> Passage:
        return layout(make_report(text)).prose

    return make


def seed(name_prefix: str) -> Path:
    return next(SEEDS.glob(f"{name_prefix}*.txt"))


def figure_values(figure):
    """A Figure as (amount, share, change amount, change pct), None where not stated."""
    change = figure.change
    return (
        figure.amount.value if figure.amount else None,
        figure.share.value if figure.share else None,
        change.amount.value if change and change.amount else None,
        change.pct.value if change and change.pct else None,
    )


def build_into(root: Path, reports: list[Path], **options):
    """Build the site from reports into folders under root, as `python -m generator build` does."""
    from generator.build import build

    content = copy_hand_written(root / "content")
    result = build(reports, root / "budgets", content, root / "site", caches=root / "cache", **options)
    return result, content, root / "site"


def built_records(result) -> list[dict]:
    """The whole records a build wrote (its result holds only what the site-wide pages read of each)."""
    return [read_record(result.budgets_dir / f"{record['id']}.yaml") for record in result.built]


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory):
    """The five seeds built once per session: (BuildResult, content dir, site dir)."""
    return build_into(tmp_path_factory.mktemp("seed-site"), sorted(SEEDS.glob("*.txt")))


@pytest.fixture(scope="session")
def corpus_site(tmp_path_factory):
    """The ten corpus reports (budgets and final accounts of other places) built once per session."""
    return build_into(tmp_path_factory.mktemp("corpus-site"), sorted((SHARED / "corpus").glob("*.txt")))
