"""Region pages: the regions and departments in a province, city or county, and its departments ranked by figure."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any

from generator import labels
from generator.render.contexts import ChartView, Ranking, RankRow, RegionEntry, RegionPage
from generator.render.figures import amount_text
from generator.render.pages.common import (
    Page,
    department_file,
    link,
    newest_first,
    record_citer,
    report_file,
    report_link,
    stated_amount,
    unit_mark,
)
from generator.render.urls import region_names, report_path

# Figures a region ranks its departments by: evidence path, words, and the anchor's name.
RANKED_FIGURES = (
    ("totals.expenditure", labels.TOTALS["expenditure"], "expenditure"),
    ("three_public.total", labels.THREE_PUBLIC["total"], "three-public"),
    ("expenditure.project", labels.EXPENDITURE["project"], "project"),
)


RankingChart = Callable[[list[tuple[str, float]], str], ChartView | None]


def region_pages(
    records: list[dict[str, Any]],
    ranking: RankingChart = lambda rows, caption: None,
    wanted: Callable[[str], bool] = lambda path: True,
) -> list[Page]:
    """One page per province, city and county folder (those whose path is `wanted`), listing the regions below and
    departments in it, and ranking the departments in it or below by the figures their reports state."""
    children: dict[tuple[str, ...], dict[tuple[str, ...], str]] = defaultdict(dict)
    names: dict[tuple[str, ...], tuple[str, ...]] = {}
    departments: dict[tuple[str, ...], dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    within: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
    for record in records:
        region = region_names(record)
        slugs = report_path(record).regions
        for depth in range(1, len(slugs) + 1):
            names[slugs[:depth]] = region[:depth]
            within[slugs[:depth]].append(record)
            if depth > 1:
                children[slugs[: depth - 1]][slugs[:depth]] = region[depth - 1]
        departments[slugs][department_file(record)].append(record)
    pages = []
    for slugs, region in sorted(names.items()):
        path = "/".join((*slugs, "index.md"))
        if not wanted(path):
            continue
        entries = tuple(
            RegionEntry(
                name=newest_first(group)[0]["department"]["name"],
                link=link(path, department_path),
                reports=tuple(report_link(r, path) for r in newest_first(group)),
            )
            for department_path, group in sorted(departments[slugs].items())
        )
        ranked, unranked = rankings(within[slugs], path, ranking)
        pages.append(
            Page(
                path=path,
                template="region.md.j2",
                context=RegionPage(
                    title=" ".join(region) or "地区不详",
                    children=tuple(
                        (name, link(path, "/".join((*child, "index.md"))))
                        for child, name in sorted(children[slugs].items())
                    ),
                    departments=entries,
                    rankings=ranked,
                    unranked=unranked,
                ),
            )
        )
    return pages


def rankings(
    records: list[dict[str, Any]], path: str, chart: RankingChart
) -> tuple[tuple[Ranking, ...], tuple[str, ...]]:
    """Departments of one year and kind ranked by each figure at least two of them state (like with like only),
    and the figures of a year and kind with several departments that fewer than two of them state."""
    periods: dict[tuple[int, str], list[dict[str, Any]]] = defaultdict(list)
    for record in records:
        if isinstance(record.get("year"), int) and record.get("kind") in labels.KINDS:
            periods[(record["year"], record["kind"])].append(record)
    result, unranked = [], []
    for (year, kind), group in sorted(periods.items(), key=lambda item: (-item[0][0], item[0][1])):
        period = f"{year}年{labels.KINDS[kind]}"
        for figure_path, words, name in RANKED_FIGURES:
            amounts = ((record, stated_amount(record, figure_path)) for record in group)
            stated = [(record, amount) for record, amount in amounts if amount is not None]
            if len(stated) < 2:
                if len(group) > 1:
                    unranked.append(f"{period} · {words}")
                continue
            stated.sort(key=lambda pair: (-pair[1], pair[0]["id"]))
            rows = tuple(
                RankRow(
                    rank=1 + sum(other > amount for _, other in stated),
                    department=ranked_name(record),
                    link=link(path, report_file(record)),
                    amount=record_citer(record, path).cited(
                        amount_text(amount), f"{figure_path}.amount", figure_path
                    ),
                )
                for record, amount in stated
            )
            shown = {id(record) for record, _ in stated}
            result.append(
                Ranking(
                    anchor=f"rank-{year}-{kind}-{name}",
                    figure=words,
                    period=period,
                    rows=rows,
                    left_out=tuple(sorted(ranked_name(r) for r in group if id(r) not in shown)),
                    chart=chart([(row.department, amount) for row, (_, amount) in zip(rows, stated, strict=True)],
                                f"{period}{words}排名（万元）"),
                )
            )
    return tuple(result), tuple(unranked)


def ranked_name(record: dict[str, Any]) -> str:
    return f"{record['department']['name']}{unit_mark(record)}"
