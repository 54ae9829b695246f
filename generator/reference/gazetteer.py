"""Which 省/市/县 a department is in, from its name or the opening of its report.

The divisions are 国家统计局's 2023 统计用区划代码 (see admin-divisions/README.md). Reports name their region in
every form: "合肥市蜀山区人民政府办公室", a bare county ("蜀山区政府办公室"), a 党委 name ("中共洛阳市西工区委办公室",
where 区委 shares the county's 区), or only a municipality ("重庆市水利局"). 28 county names occur more than
once in the country (鼓楼区 ×4, 朝阳区 in 北京 and 长春 …): the city or province named beside them decides, and
without one they resolve to nothing rather than to a guess.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

DIVISIONS = Path(__file__).parent / "admin-divisions"
# City rows that are not cities: a municipality's 市辖区/县 and the 省直辖 county groups.
NOT_A_CITY = ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划")
MUNICIPALITIES = ("11", "12", "31", "50")
# Province names reports shorten: "安徽", "内蒙古", "广西" …
PROVINCE_SUFFIXES = ("维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "省", "市")
# A county name this short ("东区", "城区", "新县") is also an ordinary word: it counts only right after its city.
SHORT_COUNTY = 2


@dataclass(frozen=True)
class Region:
    province: str  # 安徽省
    city: str | None  # 合肥市; a municipality's own name (上海市) for its districts; None for 省直辖 counties
    county: str | None  # 蜀山区
    code: str  # the most specific code: 6 digits with a county, 4 with a city, 2 for a province alone


@dataclass(frozen=True)
class _Place:
    level: str  # "province", "city" or "county"
    code: str
    province: str  # 2-digit code
    city: str | None  # 4-digit code, None for a province
    full: bool  # named in full ("合肥市"), not shortened ("合肥")


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    places: tuple[_Place, ...]


@dataclass(frozen=True)
class _Index:
    names: dict[str, tuple[_Place, ...]]
    by_first_two: dict[str, tuple[str, ...]]  # names by their first two characters (every name has two), longest first
    province_names: dict[str, str]
    city_names: dict[str, str]
    county_names: dict[str, str]


def _rows(filename: str) -> Iterator[dict[str, str]]:
    with (DIVISIONS / filename).open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def _short(name: str, suffixes: tuple[str, ...]) -> str | None:
    """ "安徽" for "安徽省", "合肥" for "合肥市": None when nothing or under two characters would remain."""
    for suffix in suffixes:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return None


@cache
def _index() -> _Index:
    """Every province, city and county name (and the shortened province and city names) with its places."""
    names: dict[str, list[_Place]] = {}

    def add(name: str | None, place: _Place) -> None:
        if name:
            names.setdefault(name, []).append(place)

    province_names = {row["code"]: row["name"] for row in _rows("provinces.csv")}
    for code, name in province_names.items():
        add(name, _Place("province", code, code, None, True))
        add(_short(name, PROVINCE_SUFFIXES), _Place("province", code, code, None, False))
    city_names: dict[str, str] = {}
    for row in _rows("cities.csv"):
        code, name, province = row["code"], row["name"], row["provinceCode"]
        if name in NOT_A_CITY:
            continue
        city_names[code] = name
        add(name, _Place("city", code, province, code, True))
        add(_short(name, ("地区", "盟", "市")), _Place("city", code, province, code, False))
    county_names: dict[str, str] = {}
    for row in _rows("areas.csv"):
        code, name = row["code"], row["name"]
        county_names[code] = name
        add(name, _Place("county", code, row["provinceCode"], row["cityCode"], True))
    by_first_two: dict[str, list[str]] = {}
    for name in names:
        by_first_two.setdefault(name[:2], []).append(name)
    return _Index(
        names={name: tuple(places) for name, places in names.items()},
        by_first_two={start: tuple(sorted(group, key=len, reverse=True)) for start, group in by_first_two.items()},
        province_names=province_names,
        city_names=city_names,
        county_names=county_names,
    )


def _mentions(text: str, index: _Index) -> list[_Mention]:
    """Place names in the text, leftmost-longest and not overlapping: "长沙市区" is 长沙市, not 沙市区."""
    found: list[_Mention] = []
    names_starting = index.by_first_two.get
    position = 0
    while position < len(text):
        starting = names_starting(text[position : position + 2])  # most positions: no name starts so
        name = next((n for n in starting if text.startswith(n, position)), None) if starting else None
        if name is None:
            position += 1
            continue
        places = index.names[name]
        # "城北区域", "光明区域": a county name that runs into 域 is the word 区域/县域, not the county.
        if text.startswith("域", position + len(name)) and all(place.level == "county" for place in places):
            places = ()
        if places:
            found.append(_Mention(position, position + len(name), places))
        position += len(name)
    return found


def _city_of(place: _Place) -> str | None:
    """The city code a place counts as in, a municipality's districts all counting as the municipality."""
    if place.province in MUNICIPALITIES:
        return place.province
    return place.city if place.level != "province" else None


def _region(place: _Place, index: _Index) -> Region:
    province = index.province_names[place.province]
    if place.province in MUNICIPALITIES:
        city: str | None = province
    else:
        city = index.city_names.get(place.city) if place.city else None
    county = index.county_names[place.code] if place.level == "county" else None
    return Region(province=province, city=city, county=county, code=place.code)


@lru_cache(maxsize=4096)  # a site's reports name the same departments year after year
def resolve(text: str) -> Region | None:
    """The region a department's name or report text is in, or None when it cannot be told for sure.

    A county is taken when its name fits one place in a province and (if any is) a city named in full, and a
    county right after a city or province name must lie in it; a county whose city is also named wins over one
    whose is not, then the first. Without a county: the first city or municipality named in full, then the
    first province.
    """
    index = _index()
    mentions = _mentions(text, index)
    named = [place for mention in mentions for place in mention.places if place.level != "county"]
    # Named in full, a city names its province too ("合肥市" is in 安徽省) and a municipality is its own city.
    provinces = {place.province for place in named if place.full}
    cities = {_city_of(place) for place in named if place.full} - {None}
    cities_any = {_city_of(place) for place in named} - {None}

    best: tuple[int, int, _Place] | None = None
    for number, mention in enumerate(mentions):
        counties = [place for place in mention.places if place.level == "county"]
        if not counties:
            continue
        before = mentions[number - 1] if number and mentions[number - 1].end == mention.start else None
        adjacent = [place for place in before.places if place.level != "county"] if before else []
        if adjacent:
            counties = [c for c in counties if any(_within(c, place) for place in adjacent)]
        elif mention.end - mention.start <= SHORT_COUNTY:
            continue
        counties = [
            c for c in counties if (not provinces or c.province in provinces) and (not cities or _city_of(c) in cities)
        ]
        supported = [c for c in counties if _city_of(c) in cities_any] or counties
        if len(supported) != 1:
            continue
        support = 1 if adjacent or _city_of(supported[0]) in cities_any else 0
        if best is None or support > best[0]:
            best = (support, mention.start, supported[0])
    if best is not None:
        return _region(best[2], index)
    in_full = [place for place in named if place.full]
    city = next((place for place in in_full if place.level == "city" or place.province in MUNICIPALITIES), None)
    return _region(city or in_full[0], index) if in_full else None


def _within(county: _Place, place: _Place) -> bool:
    """Whether the county lies in the named city or province."""
    if place.level == "province":
        return county.province == place.province
    return county.city == place.city


@lru_cache(maxsize=4096)
def leading(name: str) -> Region | None:
    """The province or city a body's name starts with, shortened as a proper name has it ("上海交通职业技术学院",
    "福州经济技术开发区生态环境局", "北京城市副中心…"), or None where the short name fits more than one place."""
    index = _index()
    mentions = _mentions(name, index)
    if not mentions or mentions[0].start != 0:
        return None
    places = [place for place in mentions[0].places if place.level != "county"]
    return _region(places[0], index) if len(places) == 1 else None
