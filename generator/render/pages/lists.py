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
    GlossaryDefinition,
    GlossaryEntry,
    GlossaryPage,
    HomeLists,
    PartLink,
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
# The glossary grows with the terms, not the reports: each term's most common wordings, each with its newest reports.
GLOSSARY_WORDINGS = 3
GLOSSARY_REPORTS = 5
FINDINGS_PAGE = "findings/index.md"
DOWNLOADS_PAGE = f"{DOWNLOADS_DIR}/index.md"


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
    entries = []
    for term in sorted(definitions, key=lambda t: (lazy_pinyin(t), t)):
        wordings = sorted(definitions[term].items(), key=lambda item: (-len(item[1]), item[0]))
        shown = tuple(
            GlossaryDefinition(
                text=text,
                reports=tuple(report_link(r, path) for r in newest_first(group)[:GLOSSARY_REPORTS]),
                count=len(group),
            )
            for text, group in wordings[:GLOSSARY_WORDINGS]
        )
        entries.append(GlossaryEntry(term=term, definitions=shown, others=len(wordings) - len(shown)))
    return Page(path=path, template="glossary.md.j2", context=GlossaryPage(entries=tuple(entries)))


def downloads_page(
    records: list[dict[str, Any]],
    path: str = DOWNLOADS_PAGE,
    region: str = "",
    parts: dict[str, list[dict[str, Any]]] | None = None,
) -> Page:
    """The downloads of `records`: a region's list (`region`, with a link back), or the site-wide page, which links
    the lists of the regions in `parts` (shard folder → its records) and lists the reports of none."""
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
            region=region,
            overview=link(path, DOWNLOADS_PAGE) if region else "",
            all_line_items=link(path, ALL_LINE_ITEMS),
            database=page_url_link(path, f"{DATA_DIR}/{DATABASE}"),
            data_package=page_url_link(path, f"{DATA_DIR}/{DESCRIPTOR}"),
            parts=tuple(
                PartLink(
                    region=part_name(shard, group),
                    link=link(path, part_page(shard, DOWNLOADS_PAGE)),
                    counts=(len(group),),
                )
                for shard, group in sorted((parts or {}).items())
            ),
            rows=rows,
        ),
    )


def part_page(shard: str, page: str) -> str:
    """Where a shard's own list of a site-wide page lives: `anhui/findings/index.md`."""
    return f"{shard}/{page}"


def part_name(shard: str, records: list[dict[str, Any]]) -> str:
    """A shard's region by name: as many of its records' region names as the folder is deep (安徽省 合肥市)."""
    return " ".join(region_names(records[0])[: shard.count("/") + 1]) or "地区不详"


def findings_page(
    records: list[dict[str, Any]],
    path: str = FINDINGS_PAGE,
    region: str = "",
    parts: dict[str, list[dict[str, Any]]] | None = None,
) -> Page:
    """The findings of `records`, grouped by severity then region; a table of links to the groups filters them
    without script. A region's list (`region`) links back to the site-wide page, which links the lists of the
    regions in `parts` (shard folder → its records) with their counts and lists the findings of reports in none."""
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
    found = (finding for group in (parts or {}).values() for r in group for finding in r.get("findings") or ())
    counted = sorted({str(f.get("severity", "")) for f in found}, key=lambda s: (SEVERITY_ORDER.get(s, unknown), s))
    part_links = tuple(
        PartLink(
            region=part_name(shard, group),
            link=link(path, part_page(shard, FINDINGS_PAGE)),
            counts=tuple(
                sum(1 for r in group for f in r.get("findings") or () if f.get("severity") == s) for s in counted
            ),
        )
        for shard, group in sorted((parts or {}).items())
    )
    return Page(
        path=path,
        template="findings.md.j2",
        context=FindingsPage(
            region=region,
            overview=link(path, FINDINGS_PAGE) if region else "",
            part_severities=tuple(labels.SEVERITIES.get(s, s) for s in counted),
            parts=part_links,
            sections=sections,
            filters=filters,
        ),
    )


def slug_of(word: str) -> str:
    """An HTML id part from a rule's or severity's word: ASCII as it is, anything else by its pinyin."""
    return name_anchor("x", word).removeprefix("x-")
