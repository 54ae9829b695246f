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
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from generator.read import Document, read_report
from generator.render import charts, pages, search_terms
from generator.render.contexts import ChartView
from generator.render.escape import cell, md, spreadsheet_text
from generator.render.shards import BY_PROVINCE, SITE_WIDE, Sharding
from generator.render.urls import region_names
from generator.write import dump

SourceReader = Callable[[Path], Document]
TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
MARKER = ".generated"
HOME_LISTS = "_snippets/home-lists.md"
HOME_PAGE = "index.md"
# Pages found by search; the source texts are excluded (each figure's page already quotes its line).
SEARCHED_TEMPLATES = {"report.md.j2", "department.md.j2", "region.md.j2", "glossary.md.j2", "findings.md.j2"}
# What the site-wide pages read of a record besides its ranked figures and evidence (see `summary`).
SUMMARY_KEYS = ("id", "source", "department", "year", "kind", "unit", "glossary", "findings", "corrections")
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


def clean(content_dir: Path, keep: Collection[Path] = ()) -> None:
    """Remove what earlier builds generated: every folder marked as generated but the paths in `keep` (a kept
    shard's folder, its records' downloads). A folder that cannot be removed (a link to elsewhere) stops the build,
    as its stale pages would be published."""
    holding = {folder for kept in keep for folder in kept.parents}
    for marker in sorted(content_dir.glob(f"*/{MARKER}")):
        remove_all_but(marker.parent, set(keep), holding)


def remove_all_but(folder: Path, keep: set[Path], holding: set[Path]) -> None:
    """Remove folder, or where it holds kept paths, everything else in it."""
    if folder in keep:
        return
    if folder.is_symlink() or folder not in holding:
        shutil.rmtree(folder)
        return
    for entry in sorted(folder.iterdir()):
        if entry in keep or entry.name == MARKER:
            continue
        if entry.is_dir():
            remove_all_but(entry, keep, holding)
        else:
            entry.unlink()


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


def write_record_downloads(record: dict[str, Any], content_dir: Path, as_yaml: str | None = None) -> None:
    """A record as YAML (`as_yaml`, the text parse wrote, where the caller has it), JSON and a CSV of its line
    items."""
    write_file(content_dir, pages.download_file(record, "yaml"), dump(record) if as_yaml is None else as_yaml)
    as_json = json.dumps(record, ensure_ascii=False, indent=1) + "\n"
    write_file(content_dir, pages.download_file(record, "json"), as_json)
    write_file(content_dir, pages.download_file(record, "csv"), csv_text(line_item_csv_rows(record)))


def shard_pages(
    records: list[dict[str, Any]],
    report_files: dict[str, Path],
    drawn: Charts,
    read_source: SourceReader = read_report,
    more_files: dict[str, list[Path]] | None = None,
) -> list[pages.Page]:
    """The pages of these records: each report's page and source text, and their departments' pages. `more_files`
    gives a record's other input files (a report published as several), each of which gets a source page too."""
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
    return result


def site_wide_pages(
    summaries: list[dict[str, Any]], drawn: Charts, site_wide: Callable[[str], bool], sharding: Sharding
) -> list[pages.Page]:
    """The pages over every shard: home lists, glossary, the region pages whose path is `site_wide` (those above
    the shards), and the findings and downloads pages, which link each shard's own and list the records of none."""
    by_shard: dict[str, list[dict[str, Any]]] = {}
    for record in summaries:
        by_shard.setdefault(sharding.of_record(record), []).append(record)
    unsharded = by_shard.pop(SITE_WIDE, [])
    return [
        *pages.region_pages(summaries, drawn.ranking, site_wide),
        pages.home_lists(summaries, HOME_LISTS, HOME_PAGE),
        pages.glossary_page(summaries),
        pages.downloads_page(unsharded, parts=by_shard),
        pages.findings_page(unsharded, parts=by_shard),
    ]


def site_names(records: Iterable[dict[str, Any]]) -> set[str]:
    """Places and department names: whole words for search."""
    names: set[str] = set()
    for record in records:
        names.update(region_names(record))
        names.add(record["department"]["name"])
        names.update(record["department"].get("aliases") or ())
    return names


def where_stated(entry: dict[str, Any]) -> dict[str, Any]:
    """An evidence entry's place in the source without its quote: a finding's bare line is named by its page."""
    kept = {key: entry[key] for key in ("line", "file", "page", "page_line") if key in entry}
    if isinstance(entry.get("table"), dict):
        kept["table"] = where_stated(entry["table"])
    return kept


def summary(record: dict[str, Any], sharding: Sharding = BY_PROVINCE) -> dict[str, Any]:
    """What the site-wide pages read of a record: its names, totals, ranked figures, glossary, findings and
    corrections, and of its evidence only what they cite (a finding's figures and a ranked figure, and where a
    finding names a bare line, that line's place on its page), so every record of a site of any size fits. Of a
    record below the shard level only its findings' severities are kept: its shard lists them, the site-wide page
    counts them."""
    findings = record.get("findings") or ()
    listed = findings if sharding.above_shards(record) else ()
    cited = {path for finding in listed for path in finding.get("figures") or ()}
    cited |= {f"{path}{part}" for path, _, _ in pages.RANKED_FIGURES for part in ("", ".amount")}
    lines = {line for finding in listed for line in finding.get("lines") or ()}
    evidence = {
        path: entry if path in cited else where_stated(entry)
        for path, entry in (record.get("evidence") or {}).items()
        if path in cited or lines & {entry.get("line"), (entry.get("table") or {}).get("line")}
    }
    kept = {key: record[key] for key in SUMMARY_KEYS if key in record}
    if findings and not listed:
        kept["findings"] = [{"severity": finding.get("severity")} for finding in findings]
    for path, _, _ in pages.RANKED_FIGURES:
        section, name = path.split(".")
        if name in (record.get(section) or {}):
            kept.setdefault(section, {})[name] = record[section][name]
    return {**kept, "totals": record.get("totals") or {}, "evidence": evidence}


def render_pages(page_list: list[pages.Page], content_dir: Path, segmenter: search_terms.Segmenter) -> int:
    """Write the pages, each searched page with its hidden search words; returns how many."""
    env = environment()
    for page in page_list:
        text = env.get_template(page.template).render(page=page.context)
        if page.template in SEARCHED_TEMPLATES:
            text += f'\n<div class="search-terms" hidden>{segmenter.terms(html.unescape(text))}</div>\n'
        write_file(content_dir, page.path, text)
    return len(page_list)


def render_shard(
    shard: str,
    records: list[dict[str, Any]],
    report_files: dict[str, Path],
    content_dir: Path,
    drawn: Charts,
    terms_cache: Path | None,
    read_source: SourceReader = read_report,
    more_files: dict[str, list[Path]] | None = None,
    sharding: Sharding = BY_PROVINCE,
    yaml_texts: dict[str, str] | None = None,
) -> int:
    """Write one shard's pages (its records' report, source and department pages, and its region pages) and its
    records' downloads (`yaml_texts`: each record's YAML as parse wrote it, by id, saving a dump). The site-wide
    shard (records whose region stops above the shard level) leaves its region pages to the site-wide pages.
    Returns the number of pages."""
    records = sorted(records, key=lambda r: r["id"])
    page_list = shard_pages(records, report_files, drawn, read_source, more_files)
    if shard != SITE_WIDE:
        owned = frozenset({shard})
        page_list += pages.region_pages(records, drawn.ranking, lambda path: sharding.of_page(path, owned) == shard)
        region = pages.part_name(shard, records)
        page_list.append(pages.findings_page(records, pages.part_page(shard, pages.FINDINGS_PAGE), region))
        page_list.append(pages.downloads_page(records, pages.part_page(shard, pages.DOWNLOADS_PAGE), region))
    count = render_pages(page_list, content_dir, search_terms.Segmenter(site_names(records), terms_cache))
    for record in records:
        write_record_downloads(record, content_dir, (yaml_texts or {}).get(record["id"]))
    return count


def render_site_wide(
    summaries: list[dict[str, Any]],
    content_dir: Path,
    drawn: Charts,
    terms_cache: Path | None,
    sharding: Sharding = BY_PROVINCE,
) -> int:
    """Write the pages over every shard, from the summaries of every record (`summary`), and the table of every
    line item; returns the number of pages."""
    summaries = sorted(summaries, key=lambda r: r["id"])
    shards = frozenset(sharding.of_record(record) for record in summaries)
    page_list = site_wide_pages(
        summaries, drawn, lambda path: sharding.of_page(path, shards) == SITE_WIDE, sharding
    )
    count = render_pages(page_list, content_dir, search_terms.Segmenter(site_names(summaries), terms_cache))
    write_all_line_items([summary["id"] for summary in summaries], content_dir)
    return count


def write_all_line_items(record_ids: list[str], content_dir: Path) -> None:
    """One CSV of every record's line items, in id order: the records' own CSVs (written with their shards) joined
    under one header, so no shard's rows are held in memory."""
    parts = [csv_text([])]
    for record_id in sorted(record_ids):
        own = (content_dir / pages.download_file({"id": record_id}, "csv")).read_text(encoding="utf-8")
        parts.append(own.split("\n", 1)[1])
    write_file(content_dir, pages.ALL_LINE_ITEMS, "".join(parts))


def render_site(
    records: list[dict[str, Any]],
    report_files: dict[str, Path],
    content_dir: Path,
    drawn: Charts | None = None,
    terms_cache: Path | None = search_terms.DEFAULT_CACHE,
    read_source: SourceReader = read_report,
    more_files: dict[str, list[Path]] | None = None,
    sharding: Sharding = BY_PROVINCE,
) -> int:
    """Write every generated page and data file under content_dir in this process, shard by shard as the build does;
    returns the number of pages. `read_source` gives a report's text for its source page (the build takes it from
    the parse cache); `more_files`, a record's other input files."""
    clean(content_dir)
    sharding = sharding.fitted(records)
    by_shard: dict[str, list[dict[str, Any]]] = {}
    for record in records:
        by_shard.setdefault(sharding.of_record(record), []).append(record)
    charts_used = drawn or Charts()
    count = sum(
        render_shard(shard, by_shard[shard], report_files, content_dir, charts_used, terms_cache, read_source,
                     more_files, sharding)
        for shard in sorted(by_shard)
    )
    summaries = [summary(record, sharding) for record in records]
    return count + render_site_wide(summaries, content_dir, charts_used, terms_cache, sharding)
