"""The whole build: reports → YAML records → Markdown pages → the static site, one bad report left out."""

from __future__ import annotations

import logging
import subprocess
import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from generator import cache
from generator.batch import parse_reports
from generator.overrides import DEFAULT_OVERRIDES
from generator.publish import write_open_data
from generator.records import BuildResult
from generator.render.site import Charts, drawn_charts, render_site
from generator.write import read_record

ROOT = Path(__file__).resolve().parents[1]
MKDOCS_CONFIG = ROOT / "mkdocs.yml"
# What a rebuild reuses, each in its own folder: parsed reports, drawn charts, pages' search words.
CACHES = Path(".cache")


def build_site(content_dir: Path, site_dir: Path, config_file: Path = MKDOCS_CONFIG) -> None:
    """`mkdocs build --strict` with this build's folders (raises on any warning), then the search index."""
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    config = load_config(
        config_file=str(config_file), docs_dir=str(content_dir.resolve()), site_dir=str(site_dir.resolve()), strict=True
    )
    config.mdx_configs["pymdownx.snippets"]["base_path"] = [str(content_dir.resolve())]
    mkdocs_build(config)
    index_search(site_dir)


def index_search(site_dir: Path) -> None:
    """Pagefind's chunked index of the built pages (its extended build segments Chinese words)."""
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site_dir), "--silent"], check=True)


def parse_all(
    reports: list[Path],
    budgets_dir: Path,
    progress: Callable[[Path], None] = lambda path: None,
    caches: Path = CACHES,
    overrides_dir: Path = DEFAULT_OVERRIDES,
    whole: bool = False,
    jobs: int = 1,
) -> BuildResult:
    """Parse every report into budgets_dir (dropping records of reports no longer given), with a maintainer's
    overrides applied; failures are kept. Reports unchanged since an earlier build come from the cache (cache.py).
    `whole`: the reports are all the site has, so overrides and links naming none of them are errors. `jobs`
    processes read the reports (batch.py)."""
    parsed = parse_reports(
        reports,
        budgets_dir,
        overrides_dir=overrides_dir,
        cache_dir=caches / "reports",
        progress=progress,
        whole=whole,
        jobs=jobs,
    )
    result = BuildResult(failed=parsed.errors, warnings=parsed.warnings, reparsed=len(parsed.reparsed))
    for source, _, record in parsed.written:
        result.built.append(record)
        result.report_files[record["id"]] = source
        result.more_files[record["id"]] = parsed.files.get(record["id"], [source])[1:]
    for stale in {p.stem for p in budgets_dir.glob("*.yaml")} - set(result.report_files):
        (budgets_dir / f"{stale}.yaml").unlink()
    return result


def publish(
    result: BuildResult,
    budgets_dir: Path,
    content_dir: Path,
    site_dir: Path,
    charts: Charts | None = None,
    stage: Callable[[str], None] = lambda message: None,
    caches: Path = CACHES,
) -> None:
    """Render the parsed records' YAML into content_dir and build site_dir from it, then its open data (site/data/:
    written after mkdocs, which empties site_dir)."""
    records = [read_record(budgets_dir / f"{r['id']}.yaml") for r in result.built]
    stage(f"渲染页面和图表（{len(records)} 份报告）")
    drawn = drawn_charts(caches / "charts") if charts is None else charts
    result.pages = render_site(
        records,
        result.report_files,
        content_dir,
        drawn,
        caches / "search-terms",
        read_source=partial(cache.document, caches / "reports"),
        more_files=result.more_files,
    )
    stage(f"构建网站（mkdocs build --strict，{result.pages} 页）并建立搜索索引")
    build_site(content_dir, site_dir)
    stage("写出开放数据（SQLite 数据库与数据包）")
    write_open_data(records, site_dir)


def build(
    reports: list[Path],
    budgets_dir: Path,
    content_dir: Path,
    site_dir: Path,
    charts: Charts | None = None,
    caches: Path = CACHES,
    overrides_dir: Path = DEFAULT_OVERRIDES,
) -> BuildResult:
    """Parse every report into budgets_dir, render content_dir, build site_dir; failed reports are left out."""
    result = parse_all(reports, budgets_dir, caches=caches, overrides_dir=overrides_dir)
    publish(result, budgets_dir, content_dir, site_dir, charts, caches=caches)
    return result
