"""The report's id: ASCII, stable across rebuilds and years, readable in a URL (hefei-shushan-zhengfuban-2024).

The department's part is the full pinyin of its name once places and the genre's abbreviations are folded away:
deterministic from the name alone, so a department keeps it every year, and readable. Pinyin initials were shorter
but told apart too little (水务局 and 商务局 are both swj).
"""

from __future__ import annotations

import re
from functools import lru_cache

from pypinyin import lazy_pinyin
from slugify import slugify

from generator.records import Department, Region

# Places whose pinyin would be another's: the official romanisation keeps 陕西 (Shaanxi) apart from 山西 (Shanxi).
OFFICIAL_ROMANISATION = {"陕西": "shaanxi"}
# Administrative suffixes dropped from place names in URLs: 合肥市 → hefei, 蜀山区 → shushan.
PLACE_SUFFIX = re.compile(r"(?:特别行政区|自治区|自治州|自治县|地区|新区|省|市|区|县|旗|盟)$")
# Long forms and abbreviations of the genre, folded to one form in this order (人大常委会办公室 → 人大办公室 → 人大办).
FOLDS = (
    ("中国共产党", "中共"),
    ("人民代表大会", "人大"),
    ("常务委员会", "常委会"),
    ("常委会办公室", "办公室"),
    ("人民政府", "政府"),
    ("委员会", "委"),
    ("办公室", "办"),
)
# 中共X区委 is X区委; a level word left once the place is gone ("区委办", "区政府办") says nothing more.
PARTY = re.compile(r"^中共")
LEVEL_WORD = re.compile(r"^[省市区县](?=委|政府|人大|政协)")


@lru_cache(maxsize=4096)  # a site's reports share a few places
def place_slug(name: str | None) -> str:
    if not name:
        return ""
    stem = PLACE_SUFFIX.sub("", name) or name
    return OFFICIAL_ROMANISATION.get(stem) or slugify("".join(lazy_pinyin(stem)))


def normalised_name(name: str, region: Region | None) -> str:
    """The department's name with its places and the genre's abbreviations folded away (区委办公室 → 委办): the one
    folding that tells two forms of a name apart or together, and that ids and department keys are spelt from."""
    folded = re.sub(r"\s+", "", name)
    if region is not None:
        for place in (region.province, region.city, region.county):
            if place:
                folded = folded.replace(place, "")
        for place in (region.province, region.city):  # a proper name's shortened place: 上海交通职业技术学院
            stem = PLACE_SUFFIX.sub("", place or "")
            if len(stem) >= 2 and folded.startswith(stem):
                folded = folded.removeprefix(stem)
    for long, short in FOLDS:
        folded = folded.replace(long, short)
    return LEVEL_WORD.sub("", PARTY.sub("", folded)) or folded


@lru_cache(maxsize=4096)  # every year of a department, 预算 and 决算, shares its name
def name_slug(name: str) -> str:
    """A normalised name in pinyin, "dept" for a name with no letters (pypinyin is slow: once per name)."""
    return slugify("".join(lazy_pinyin(name))) or "dept"


def report_id(department: Department, year: int | None, kind: str, scope: str) -> str:
    """City and county slugs (a municipality's or a province's own name where it has no city), the department's
    name slug, the year, then -unit for a 单位预算 and -final for a 决算."""
    region = department.region
    parts = [place_slug(region.city), place_slug(region.county)] if region else []
    if region and (region.city == region.province or not region.city):  # a municipality, or a province's own
        parts = [place_slug(region.province), place_slug(region.county)]
    parts += [name_slug(normalised_name(department.name, region)), str(year or "unknown")]
    if scope == "unit":
        parts.append("unit")
    if kind == "final":
        parts.append("final")
    return "-".join(part for part in parts if part)
