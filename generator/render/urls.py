"""Stable, readable ASCII paths for every page, from the record's region and id.

A department-year page lives at `<province>/<city>/<county>/<department>/<year>[-unit][-final]/`,
so a link to one department, one year or one line item keeps working after a rebuild.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from pypinyin import lazy_pinyin
from slugify import slugify

from generator.extract.report_id import place_slug

YEAR_TOKEN = re.compile(r"^(?:\d{4}|unknown)$")


@dataclass(frozen=True)
class ReportPath:
    """Where one report's pages live: the region folders, the department folder and the year folder."""

    regions: tuple[str, ...]
    department: str
    year: str

    @property
    def department_dir(self) -> str:
        return "/".join((*self.regions, self.department))

    @property
    def report_dir(self) -> str:
        return f"{self.department_dir}/{self.year}"


def region_names(record: dict[str, Any]) -> tuple[str, ...]:
    """The record's province, city and county, without repeats (a municipality is its own province)."""
    region = record.get("department", {}).get("region") or {}
    names: list[str] = []
    for level in ("province", "city", "county"):
        name = region.get(level)
        if name and name not in names:
            names.append(name)
    return tuple(names)


def region_slugs(names: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(place_slug(name) or "unknown" for name in names)


def without_regions(tokens: list[str], regions: tuple[str, ...]) -> str:
    while tokens and tokens[0] in regions:
        tokens = tokens[1:]
    return "-".join(tokens)


def report_path(record: dict[str, Any]) -> ReportPath:
    """The page folders of a record: its department (by the department key that links its years, else by its id
    `city-county-dept-year[-unit][-final]`) and its year folder from the id, e.g. `2024` or `2024-final`."""
    tokens = record["id"].split("-")
    year_at = next((i for i, token in enumerate(tokens) if YEAR_TOKEN.match(token)), len(tokens) - 1)
    regions = region_slugs(region_names(record))
    key = (record.get("department") or {}).get("key")
    department = without_regions(key.split("-") if key else tokens[:year_at], regions) or "dept"
    year = "-".join(tokens[year_at:]) or "unknown"
    return ReportPath(regions=regions or ("unknown",), department=department, year=year)


def name_anchor(prefix: str, name: str) -> str:
    """An HTML id from a name that stays the same across rebuilds: `project-ban-gong-jing-fei` for 办公经费."""
    return f"{prefix}-{slugify(' '.join(lazy_pinyin(name)), max_length=80) or 'x'}"


def code_anchor(code: str) -> str:
    """An HTML id from a classification code: `x2010301` (an id must not start with a digit)."""
    return f"x{slugify(code)}"
