"""Pages across all reports: the home page's lists, the glossary, the downloads and the findings."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from pypinyin import lazy_pinyin

from generator import labels
from generator.publish import DATA_DIR, DATABASE, DESCRIPTOR
from generator.render.contexts import (
    Download,
    DownloadRow,
    DownloadsPage,
    FindingFilter,
    FindingGroup,
    FindingSection,
    FindingsPage,
    FindingView,
    GlossaryEntry,
    GlossaryPage,
    HomeLists,
)
from generator.render.pages.common import (
    ALL_LINE_ITEMS,
    DOWNLOADS_DIR,
    FORMATS,
    SEVERITY_ORDER,
    Page,
    department_file,
    download_file,
    finding_view,
    link,
    most_severe_first,
    newest_first,
    page_url_link,
    record_citer,
    report_file,
    report_link,
    report_title,
    sources,
)
from generator.render.urls import name_anchor, region_names, report_path

LATEST_COUNT = 10


def home_lists(records: list[dict[str, Any]], path: str, page_path: str) -> Page:
    """The home page's generated lists; links are relative to the page that includes them."""
    provinces: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for record in records:
        provinces[report_path(record).regions[0]].append(record)
    regions = tuple(
        (region_names(group[0])[0] if region_names(group[0]) else slug, link(page_path, f"{slug}/index.md"), len(group))
        for slug, group in sorted(provinces.items())
    )
    return Page(
        path=path,
        template="home-lists.md.j2",
        context=HomeLists(
            regions=regions,
            latest=tuple(report_link(r, page_path) for r in newest_first(records)[:LATEST_COUNT]),
            report_count=len(records),
            department_count=len({department_file(r) for r in records}),
        ),
    )


def glossary_page(records: list[dict[str, Any]], path: str = "glossary/index.md") -> Page:
    definitions: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    for record in records:
        for entry in record.get("glossary") or ():
            definitions[entry["term"]][entry.get("definition", "")].append(record)
    entries = tuple(
        GlossaryEntry(
            term=term,
            definitions=tuple(
                (text, tuple(report_link(r, path) for r in newest_first(group)))
                for text, group in sorted(definitions[term].items())
            ),
        )
        for term in sorted(definitions, key=lambda t: (lazy_pinyin(t), t))
    )
    return Page(path=path, template="glossary.md.j2", context=GlossaryPage(entries=entries))


def downloads_page(records: list[dict[str, Any]], path: str = f"{DOWNLOADS_DIR}/index.md") -> Page:
    rows = tuple(
        DownloadRow(
            report=report_link(record, path),
            files=tuple(Download(label=label, link=link(path, download_file(record, ext))) for label, ext in FORMATS),
        )
        for record in sorted(records, key=lambda r: r["id"])
    )
    return Page(
        path=path,
        template="downloads.md.j2",
        context=DownloadsPage(
            all_line_items=link(path, ALL_LINE_ITEMS),
            database=page_url_link(path, f"{DATA_DIR}/{DATABASE}"),
            data_package=page_url_link(path, f"{DATA_DIR}/{DESCRIPTOR}"),
            rows=rows,
        ),
    )


def findings_page(records: list[dict[str, Any]], path: str = "findings/index.md") -> Page:
    """Every finding, grouped by severity then region; a table of links to the groups filters them without script."""
    by_source = sources(records)
    groups: dict[tuple[str, tuple[str, ...]], list[FindingView]] = defaultdict(list)
    regions: dict[tuple[str, ...], str] = {}
    for record in sorted(records, key=lambda r: r["id"]):
        citer = record_citer(record, path)
        slugs = report_path(record).regions
        regions[slugs] = " ".join(region_names(record)) or "地区不详"
        for finding in most_severe_first(record):
            view = finding_view(
                finding,
                citer,
                by_source,
                path,
                report_title=report_title(record),
                report_link=link(path, report_file(record)),
            )
            groups[(str(finding.get("severity", "")), slugs)].append(view)
    unknown = len(SEVERITY_ORDER)
    severities = sorted({severity for severity, _ in groups}, key=lambda s: (SEVERITY_ORDER.get(s, unknown), s))

    def anchor(severity: str, slugs: tuple[str, ...] = ()) -> str:
        return "-".join(("findings", slug_of(severity), *slugs))

    sections = tuple(
        FindingSection(
            severity=labels.SEVERITIES.get(severity, severity),
            anchor=anchor(severity),
            count=sum(len(found) for (of, _), found in groups.items() if of == severity),
            groups=tuple(
                FindingGroup(
                    anchor=anchor(severity, slugs),
                    severity=labels.SEVERITIES.get(severity, severity),
                    region=regions[slugs],
                    findings=tuple(groups[(severity, slugs)]),
                )
                for slugs in sorted(regions)
                if (severity, slugs) in groups
            ),
        )
        for severity in severities
    )
    filters = tuple(
        FindingFilter(
            region=regions[slugs],
            counts=tuple(
                (len(groups[(s, slugs)]), anchor(s, slugs)) if (s, slugs) in groups else (0, "") for s in severities
            ),
        )
        for slugs in sorted(regions)
        if any((s, slugs) in groups for s in severities)
    )
    return Page(path=path, template="findings.md.j2", context=FindingsPage(sections=sections, filters=filters))


def slug_of(word: str) -> str:
    """An HTML id part from a rule's or severity's word: ASCII as it is, anything else by its pinyin."""
    return name_anchor("x", word).removeprefix("x-")
