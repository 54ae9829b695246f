"""One department, many years: reports linked by region and a normalised name, then checked against each other.

A department names itself differently from year to year (蜀山区政府办, 合肥市蜀山区人民政府办公室): the key folds
the region's names and the genre's abbreviations away by rule, never from a list of departments. A 单位预算 is
another entity than its department's 部门预算; a 决算 is the same department as its 预算, another kind of report.
A maintainer forces or splits a link in `site_data/departments.yaml` (report id → department key).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.check.figures import labelled_figures
from generator.check.stated import Stated, finding
from generator.errors import ReportError
from generator.extract.report_id import name_slug, normalised_name, place_slug
from generator.records import Figure, Finding, LineItemChange, Region, Report
from generator.tolerance import pct_off, pct_text, sum_tolerance, value, wan

DEFAULT_MAPPING = Path("site_data/departments.yaml")
KEY = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def is_unit_budget(report_id: str) -> bool:
    """A 单位预算's id ends in -unit (before -final): see extract/report_id.py."""
    return "unit" in report_id.split("-")


def department_key(name: str, region: Region | None, report_id: str) -> str:
    """A stable ASCII key for the department: region slugs, the normalised name in pinyin, -unit for a 单位预算."""
    parts: list[str] = []
    if region is not None:
        city = [] if region.city == region.province else [region.city]
        parts += [place_slug(place) for place in (region.province, *city, region.county) if place]
    parts.append(name_slug(normalised_name(name, region)))
    if is_unit_budget(report_id):
        parts.append("unit")
    return "-".join(part for part in parts if part)


def region_of(record: dict[str, Any]) -> Region | None:
    region = (record.get("department") or {}).get("region")
    if not isinstance(region, dict) or not region.get("province"):
        return None
    return Region(province=region["province"], city=region.get("city"), county=region.get("county"))


def record_key(record: dict[str, Any]) -> str:
    department = record.get("department") or {}
    return department.get("key") or department_key(department.get("name", ""), region_of(record), record["id"])


def load_mapping(path: Path = DEFAULT_MAPPING) -> tuple[dict[str, str], list[ReportError]]:
    """The maintainer's links (report id → department key) and every bad entry, each by file and line."""
    if not path.exists():
        return {}, []
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        return {}, [ReportError(path, f"not valid YAML: {error}", mark.line + 1 if mark else None)]
    if root is None:
        return {}, []
    if not isinstance(root, yaml.MappingNode):
        return {}, [ReportError(path, "expected a mapping of report id → department key", root.start_mark.line + 1)]
    mapping: dict[str, str] = {}
    errors: list[ReportError] = []
    for key_node, value_node in root.value:
        line = key_node.start_mark.line + 1
        report, key = key_node.value, value_node.value
        if not isinstance(key_node, yaml.ScalarNode) or not isinstance(value_node, yaml.ScalarNode):
            errors.append(ReportError(path, "each entry is `report-id: department-key`", line))
        elif not KEY.fullmatch(str(key)):
            errors.append(
                ReportError(path, f"department key {key!r} for {report} must be lowercase ASCII words and -", line)
            )
        elif report in mapping:
            errors.append(ReportError(path, f"{report} is mapped twice", line))
        else:
            mapping[str(report)] = str(key)
    return mapping, errors


@dataclass(frozen=True)
class YearView:
    """What the check across years reads of a report: its department-year and the figures that may state a change.
    A batch keeps this of each report once written, not the report (batch.py)."""

    id: str
    key: str  # its department's: the maintainer's link, else the rule's (department_key)
    kind: str
    year: int | None
    source_file: str
    figures: tuple[tuple[str, str, str, Figure], ...]  # stated_changes

    @staticmethod
    def of(report: Report) -> YearView:
        key = report.department.key or ""
        return YearView(report.id, key, report.kind, report.year, report.source_file, tuple(stated_changes(report)))


def departments(records: Iterable[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Records grouped by department key, each department's years oldest first: what the site's pages list."""
    by_key: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for record in records:
        by_key[record_key(record)].append(record)
    return {
        key: sorted(found, key=lambda r: (r.get("year") or 0, r.get("kind") or ""))
        for key, found in sorted(by_key.items())
    }


def stated_changes(report: Report) -> Iterator[tuple[str, str, str, Figure]]:
    """(amount path, change path, label, figure) for every figure that may carry a change, totals included."""
    for path, label, amount, _, change in labelled_figures(report):
        yield f"{path}.amount", f"{path}.change", label, Figure(amount=amount, change=change)
    for key, label in (("expenditure", "支出总额"), ("income", "收入总额")):
        amount = getattr(report.totals, key)
        if amount is not None:  # the totals' change is of 支出总额 where stated, else of 收入总额
            yield f"totals.{key}", "totals.change", label, Figure(amount=amount, change=report.totals.change)
            return


def cross_year_change(report: YearView, previous: YearView) -> Iterator[Finding]:
    """A change stated in year N against the figure year N−1's report publishes for the same thing."""
    published = {path: figure.amount for path, _, _, figure in previous.figures}
    other = f"该部门{previous.year}年的报告（{previous.source_file}）"
    for path, change_path, label, figure in report.figures:
        change = figure.change
        now, then = value(figure.amount), value(published.get(path))
        if change is None or figure.amount is None or now is None or then is None:
            continue
        delta, pct = value(change.amount), value(change.pct)
        if delta is not None and change.amount is not None:
            implied = now - delta
            if abs(implied - then) <= sum_tolerance(2):
                continue
            direction = "增加" if delta >= 0 else "减少"
            message = (
                f"{label}{report.year}年为{wan(now)}，报告称比上年{direction}{wan(abs(delta))}，即上年为{wan(implied)}；"
                f"但{other}中{label}为{wan(then)}，相差{wan(abs(implied - then))}"
            )
            changed = Stated(f"{change_path}.amount", f"{label}变动", change.amount, delta)
        elif pct is not None and change.pct is not None and pct_off(pct, now - then, then) == "beyond":
            message = (
                f"{label}{report.year}年为{wan(now)}，报告称比上年变动{pct_text(pct)}；"
                f"但{other}中{label}为{wan(then)}，按此应为{pct_text(100 * (now - then) / then)}"
            )
            changed = Stated(f"{change_path}.pct", f"{label}变动率", change.pct, pct)
        else:
            continue
        found = finding("cross-year-change", "error", message, [changed, Stated(path, label, figure.amount, now)])
        found.with_ = previous.source_file
        yield found


def check_years(views: Iterable[YearView]) -> dict[str, list[Finding]]:
    """The findings of each report (by id) against the same department's report of the year before, same kind."""
    by_key: dict[str, list[YearView]] = defaultdict(list)
    for view in views:
        by_key[view.key].append(view)
    found: dict[str, list[Finding]] = {}
    for department in by_key.values():
        by_year = {(view.kind, view.year): view for view in sorted(department, key=lambda v: (v.year or 0, v.kind))}
        for (kind, year), view in by_year.items():
            previous = by_year.get((kind, year - 1)) if year else None
            if previous is not None:
                found[view.id] = list(cross_year_change(view, previous))
    return {report_id: findings for report_id, findings in found.items() if findings}


def item_amounts(record: dict[str, Any]) -> dict[str, tuple[str, float | None]]:
    items: dict[str, tuple[str, float | None]] = {}
    for item in record.get("line_items") or []:
        key = item.get("code") or f"{item.get('section')}/{item.get('item')}"
        name = " / ".join(str(item.get(part)) for part in ("class", "section", "item") if item.get(part))
        amount = item.get("amount")
        items[key] = (name, float(amount) if isinstance(amount, int | float) else None)
    return items


def compare_line_items(older: dict[str, Any], newer: dict[str, Any]) -> list[LineItemChange]:
    """Two years of one department, 项 by 项 (by code): which grew, shrank, appeared or disappeared."""
    before, after = item_amounts(older), item_amounts(newer)
    changes: list[LineItemChange] = []
    for key in sorted(set(before) | set(after)):
        name = (after.get(key) or before[key])[0]
        then = before[key][1] if key in before else None
        now = after[key][1] if key in after else None
        if key not in before:
            status = "appeared"
        elif key not in after:
            status = "disappeared"
        elif then is None or now is None or abs(now - then) < 0.005:
            status = "unchanged"
        else:
            status = "grew" if now > then else "shrank"
        changes.append(LineItemChange(key=key, name=name, status=status, before=then, after=now))
    return changes
