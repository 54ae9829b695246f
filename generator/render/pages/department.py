"""Department pages: a department's reports across years and the year-by-year comparison of their 项."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from itertools import pairwise
from typing import Any

from generator.check.years import compare_line_items
from generator.render.contexts import ChangeRow, ChartView, DepartmentPage, YearComparison
from generator.render.figures import amount_text, kind_name, signed
from generator.render.pages.common import (
    Page,
    department_file,
    line_item_anchor,
    line_item_key,
    link,
    newest_first,
    record_citer,
    region_trail,
    report_file,
    report_link,
)
from generator.render.urls import region_names

# How two years' amounts of one 项 compare (compare_line_items' statuses), in the order a summary lists them.
STATUS_NAMES = {"grew": "增加", "shrank": "减少", "appeared": "新增", "disappeared": "不再列出", "unchanged": "持平"}
UNSTATED_STATUS = "金额不详"


ChangesChart = Callable[[list[tuple[str, float, float]], str], ChartView | None]


def department_pages(
    records: list[dict[str, Any]],
    trend: Callable[[list[dict[str, Any]]], ChartView | None],
    changes: ChangesChart = lambda rows, caption: None,
) -> list[Page]:
    """One page per department folder; its reports across years share the folder."""
    by_department: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for record in records:
        by_department[department_file(record)].append(record)
    pages = []
    for path, group in sorted(by_department.items()):
        newest = newest_first(group)
        names = tuple(dict.fromkeys(r["department"]["name"] for r in newest))
        pages.append(
            Page(
                path=path,
                template="department.md.j2",
                context=DepartmentPage(
                    title=max(names, key=len),
                    names=names,
                    region=" ".join(region_names(newest[0])),
                    regions=region_trail(newest[0], path),
                    reports=tuple(report_link(r, path) for r in newest),
                    trend=trend(group),
                    comparisons=tuple(
                        year_comparison(older, newer, path, changes) for older, newer in consecutive_years(group)
                    ),
                ),
            )
        )
    return pages


def consecutive_years(records: Iterable[dict[str, Any]]) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """Pairs of one kind's consecutive years, newest pair first; a year with two reports of a kind is left out."""
    by_kind: dict[str, dict[int, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    for record in records:
        if isinstance(record.get("year"), int):
            by_kind[str(record.get("kind"))][record["year"]].append(record)
    pairs = []
    for years in by_kind.values():
        single = sorted(year for year, found in years.items() if len(found) == 1)
        pairs += [(years[a][0], years[b][0]) for a, b in pairwise(single) if b == a + 1]
    return sorted(pairs, key=lambda pair: (-pair[1]["year"], str(pair[1].get("kind"))))


def year_comparison(older: dict[str, Any], newer: dict[str, Any], path: str, changes: ChangesChart) -> YearComparison:
    """Two years 项 by 项: each amount cited from its own report, linked to its row there; differences computed."""
    items = [{line_item_key(item): item for item in record.get("line_items") or ()} for record in (older, newer)]
    citers = [record_citer(record, path) for record in (older, newer)]
    pages_of = [link(path, report_file(record)) for record in (older, newer)]
    found = compare_line_items(older, newer)
    found.sort(key=lambda change: (-abs(change.delta), change.key))
    rows = []
    drawn: list[tuple[str, float, float]] = []
    for change in found:
        amounts = []
        for index, amount in enumerate((change.before, change.after)):
            item = items[index].get(change.key)
            at = f"line_items[{change.key}]"
            amounts.append(
                (
                    citers[index].cited(amount_text(amount), f"{at}.amount", at),
                    f"{pages_of[index]}#{line_item_anchor(item)}" if item else "",
                )
            )
        both = change.before is not None and change.after is not None
        status = STATUS_NAMES.get(change.status, change.status)
        if change.status == "unchanged" and not both:
            status = UNSTATED_STATUS
        stated = items[1].get(change.key) or items[0].get(change.key) or {}
        rows.append(
            ChangeRow(
                code=str(stated.get("code") or ""),
                name=change.name,
                status=status,
                before=amounts[0][0],
                after=amounts[1][0],
                difference=f"{signed(round(change.delta, 4))} 万元" if both else "",
                before_link=amounts[0][1],
                after_link=amounts[1][1],
            )
        )
        if change.before is not None and change.after is not None:
            drawn.append((f"{stated.get('code') or ''} {stated.get('item') or change.name}".strip(), change.before,
                          change.after))
    summary = tuple(
        (name, count)
        for name in (*STATUS_NAMES.values(), UNSTATED_STATUS)
        if (count := sum(row.status == name for row in rows))
    )
    kind = kind_name(newer.get("kind"))
    caption = f"{older['year']}—{newer['year']}年{kind}：变化最大的项（万元，两年都列出金额的项）"
    return YearComparison(
        anchor=f"compare-{older['year']}-{newer['year']}-{newer.get('kind')}",
        older=report_link(older, path),
        newer=report_link(newer, path),
        summary=summary,
        rows=tuple(rows),
        chart=changes(drawn, caption),
    )
