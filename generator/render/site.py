"""Records → Markdown pages and data files under content/, in folders the generator owns.

A folder the generator writes holds a `.generated` marker; each build removes those folders and
writes them again, so generated pages are reproducible and never hand-edited, and a hand-written
page (home, about, how to read a budget) is never overwritten: writing over one is an error.
"""

from __future__ import annotations

import csv
import html
import io
import json
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from generator.read import Document, read_report
from generator.render import charts, pages, search_terms
from generator.render.contexts import ChartView
from generator.render.escape import cell, md, spreadsheet_text
from generator.render.urls import region_names
from generator.write import dump

SourceReader = Callable[[Path], Document]
TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
MARKER = ".generated"
HOME_LISTS = "_snippets/home-lists.md"
HOME_PAGE = "index.md"
# Pages found by search; the source texts are excluded (each figure's page already quotes its line).
SEARCHED_TEMPLATES = {"report.md.j2", "department.md.j2", "region.md.j2", "glossary.md.j2", "findings.md.j2"}
LINE_ITEM_COLUMNS = (
    "report_id", "department", "year", "kind", "code", "class", "section", "item", "amount_wan_yuan",
    "change_amount", "change_pct", "reason", "source_line",
)


@dataclass(frozen=True)
class Charts:
    """The chart makers a build uses; each returns None where a record has nothing to draw."""

    functions: Callable[[dict[str, Any]], ChartView | None] = lambda record: None
    income: Callable[[dict[str, Any]], ChartView | None] = lambda record: None
    trend: Callable[[list[dict[str, Any]]], ChartView | None] = lambda records: None
    changes: pages.ChangesChart = lambda rows, caption: None
    ranking: pages.RankingChart = lambda rows, caption: None
    plan: pages.PlanChart = lambda rows, caption: None


def chart_view(chart: charts.Chart | None) -> ChartView | None:
    return None if chart is None else ChartView(svg=chart.svg, caption=chart.caption, rows=tuple(chart.alt_rows))


def drawn_charts(cache_dir: Path = charts.DEFAULT_CACHE_DIR) -> Charts:
    """The site's charts: static SVG drawn at build time, cached on disk by spec."""
    return Charts(
        functions=lambda record: chart_view(charts.functions_chart(record, cache_dir)),
        income=lambda record: chart_view(charts.income_chart(record, cache_dir)),
        trend=lambda records: chart_view(charts.trend_chart(records, cache_dir)),
        changes=lambda rows, caption: chart_view(charts.changes_chart(rows, caption, cache_dir)),
        ranking=lambda rows, caption: chart_view(charts.ranking_chart(rows, caption, cache_dir)),
        plan=lambda rows, caption: chart_view(charts.plan_chart(rows, caption, cache_dir)),
    )


def environment(templates: Path = TEMPLATES) -> Environment:
    """Jinja for Markdown output: no HTML autoescape (Markdown is not HTML), every value escaped by filter."""
    env = Environment(
        loader=FileSystemLoader(templates),
        undefined=StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=False,
    )
    env.filters["md"] = md
    env.filters["cell"] = cell
    return env


def clean(content_dir: Path) -> None:
    """Remove every folder an earlier build generated; a folder that cannot be removed stops the build, as its stale
    pages would be published."""
    for marker in sorted(content_dir.glob(f"*/{MARKER}")):
        shutil.rmtree(marker.parent)


def write_file(content_dir: Path, relative: str, text: str) -> None:
    """Write a generated file, marking its top folder as generated; refuse to overwrite a hand-written file."""
    target = content_dir / relative
    top = content_dir / Path(relative).parts[0]
    if len(Path(relative).parts) < 2:
        raise ValueError(f"generated files live in folders the generator owns, not at the top: {relative}")
    if top.exists() and not (top / MARKER).exists():
        raise FileExistsError(f"{top} holds hand-written pages; the generator does not write into it")
    top.mkdir(parents=True, exist_ok=True)
    (top / MARKER).write_text("Written by `python -m generator build`; removed and rewritten on every build.\n")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")


def line_item_csv_rows(record: dict[str, Any]) -> list[dict[str, Any]]:
    """A record's 项 as rows of the downloads' line-item CSV."""
    evidence = record.get("evidence") or {}
    rows = []
    for item in record.get("line_items") or ():
        change = item.get("change") or {}
        line = (evidence.get(f"line_items[{pages.line_item_key(item)}].amount") or {}).get("line", "")
        rows.append(
            {
                "report_id": record["id"],
                "department": record["department"]["name"],
                "year": record.get("year", ""),
                "kind": record.get("kind", ""),
                "code": item.get("code", ""),
                "class": item.get("class", ""),
                "section": item.get("section", ""),
                "item": item.get("item", ""),
                "amount_wan_yuan": item.get("amount", ""),
                "change_amount": change.get("amount", ""),
                "change_pct": change.get("pct", ""),
                "reason": item.get("reason", ""),
                "source_line": line,
            }
        )
    return rows


def csv_text(rows: Iterable[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=LINE_ITEM_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows({column: spreadsheet_text(value) for column, value in row.items()} for row in rows)
    return buffer.getvalue()


def write_downloads(records: list[dict[str, Any]], content_dir: Path) -> None:
    everything: list[dict[str, Any]] = []
    for record in records:
        write_file(content_dir, pages.download_file(record, "yaml"), dump(record))
        as_json = json.dumps(record, ensure_ascii=False, indent=1)
        write_file(content_dir, pages.download_file(record, "json"), as_json + "\n")
        rows = line_item_csv_rows(record)
        write_file(content_dir, pages.download_file(record, "csv"), csv_text(rows))
        everything += rows
    write_file(content_dir, pages.ALL_LINE_ITEMS, csv_text(everything))


def site_pages(
    records: list[dict[str, Any]],
    report_files: dict[str, Path],
    drawn: Charts,
    read_source: SourceReader = read_report,
    more_files: dict[str, list[Path]] | None = None,
) -> list[pages.Page]:
    """Every generated page of the site, from records sorted by id and each record's report file; `more_files` gives
    a record's other input files (a report published as several), each of which gets a source page too."""
    result: list[pages.Page] = []
    by_source = pages.sources(records)
    counterparts = pages.counterparts(records)
    for record in records:
        result.append(
            pages.report_page(
                record,
                drawn.functions(record),
                drawn.income(record),
                by_source,
                counterparts.get(record["id"]),
                drawn.plan,
            )
        )
        result.append(pages.source_page(record, read_source(report_files[record["id"]])))
        for path in (more_files or {}).get(record["id"], ()):
            result.append(pages.source_page(record, read_source(path), path.name))
    result += pages.department_pages(records, drawn.trend, drawn.changes)
    result += pages.region_pages(records, drawn.ranking)
    result.append(pages.home_lists(records, HOME_LISTS, HOME_PAGE))
    result.append(pages.glossary_page(records))
    result.append(pages.downloads_page(records))
    result.append(pages.findings_page(records))
    return result


def site_names(records: list[dict[str, Any]]) -> set[str]:
    """Places and department names on the site: whole words for search."""
    names = {name for record in records for name in region_names(record)}
    for record in records:
        names.add(record["department"]["name"])
        names.update(record["department"].get("aliases") or ())
    return names


def render_site(
    records: list[dict[str, Any]],
    report_files: dict[str, Path],
    content_dir: Path,
    drawn: Charts | None = None,
    terms_cache: Path | None = search_terms.DEFAULT_CACHE,
    read_source: SourceReader = read_report,
    more_files: dict[str, list[Path]] | None = None,
) -> int:
    """Write every generated page and data file under content_dir; returns the number of pages. `read_source` gives
    a report's text for its source page (the build takes it from the parse cache); `more_files`, a record's other
    input files."""
    records = sorted(records, key=lambda r: r["id"])
    env = environment()
    clean(content_dir)
    all_pages = site_pages(records, report_files, drawn or Charts(), read_source, more_files)
    segmenter = search_terms.Segmenter(site_names(records), terms_cache)
    for page in all_pages:
        text = env.get_template(page.template).render(page=page.context)
        if page.template in SEARCHED_TEMPLATES:
            text += f'\n<div class="search-terms" hidden>{segmenter.terms(html.unescape(text))}</div>\n'
        write_file(content_dir, page.path, text)
    write_downloads(records, content_dir)
    return len(all_pages)
