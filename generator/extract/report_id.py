"""The report's id: ASCII, stable across rebuilds, readable in a URL (hefei-shushan-zfb-2024)."""

from __future__ import annotations

import re
from functools import lru_cache

from pypinyin import Style, lazy_pinyin
from slugify import slugify

from generator.extract.identity import fold
from generator.records import Department

# Places whose pinyin would be another's: the official romanisation keeps 陕西 (Shaanxi) apart from 山西 (Shanxi).
OFFICIAL_ROMANISATION = {"陕西": "shaanxi"}
# Administrative suffixes dropped from place names in URLs: 合肥市 → hefei, 蜀山区 → shushan.
PLACE_SUFFIX = re.compile(r"(?:特别行政区|自治区|自治州|自治县|地区|新区|省|市|区|县|旗|盟)$")


@lru_cache(maxsize=4096)  # a site's reports share a few places
def place_slug(name: str | None) -> str:
    if not name:
        return ""
    stem = PLACE_SUFFIX.sub("", name) or name
    return OFFICIAL_ROMANISATION.get(stem) or slugify("".join(lazy_pinyin(stem)))


def department_slug(department: Department) -> str:
    """Initials of the department's folded name, with its region words removed (人民政府办公室 → zfb)."""
    name = fold(department.name, department.region)
    if department.region:
        for part in (department.region.province, department.region.city, department.region.county):
            if part:
                name = name.replace(part, "")
    return initials_slug(name)


@lru_cache(maxsize=4096)  # every year of a department, 预算 and 决算, shares its name
def initials_slug(name: str) -> str:
    """The pinyin initials of a name, "dept" for a name with none (pypinyin is slow: once per name)."""
    return slugify("".join(lazy_pinyin(name, style=Style.FIRST_LETTER))) or "dept"


def report_id(department: Department, year: int | None, kind: str, scope: str) -> str:
    region = department.region
    parts = [place_slug(region.city), place_slug(region.county)] if region else []
    if region and (region.city == region.province or not region.city):  # a municipality, or a province's own
        parts = [place_slug(region.province), place_slug(region.county)]
    parts += [department_slug(department), str(year or "unknown")]
    if scope == "unit":
        parts.append("unit")
    if kind == "final":
        parts.append("final")
    return "-".join(part for part in parts if part)
