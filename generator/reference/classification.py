"""政府收支分类科目: functional (支出功能分类) and economic (支出经济分类) subjects, by code and by name.

The tables are the project's own transcription of 财政部's 《政府收支分类科目》 (`functional.csv`, `economic.csv`):
a row per name a code has had, with the budget years it was valid. It holds every 类, most 款 and the 项 that
department reports use; a subject it lacks gives None rather than a guess. Reports print codes beside names that are
truncated by a column ("机关事业单位基本养老保"), letter-spaced, half-width bracketed, shortened ("公共服务") or a
former year's ("医疗卫生与计划生育支出" in 2026); the lookups here accept those forms, so that a code can be
checked against its stated name and a line item named in prose can be given its code.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

# A stated name shorter than this is too weak to count as a truncation or abbreviation of an official one.
MIN_FRAGMENT = 4
SPACES = re.compile(r"\s+")
HERE = Path(__file__).parent
TABLES = ("functional.csv", "economic.csv")


@dataclass(frozen=True)
class Subject:
    """One name of one code, valid from/to a budget year (None: open)."""

    code: str  # "201", "20103", "2010301"
    name: str  # official name
    valid_from: int | None
    valid_to: int | None

    def valid_in(self, year: int) -> bool:
        return (self.valid_from is None or self.valid_from <= year) and (self.valid_to is None or year <= self.valid_to)


Table = dict[str, tuple[Subject, ...]]


def _year(cell: str) -> int | None:
    return int(cell) if cell.strip() else None


@cache
def _load(filename: str) -> Table:
    """A CSV of the package as rows by code, oldest name first."""
    rows: dict[str, list[Subject]] = {}
    with (HERE / filename).open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            subject = Subject(row["code"], row["name"], _year(row["valid_from"]), _year(row["valid_to"]))
            rows.setdefault(subject.code, []).append(subject)
    return {code: tuple(sorted(names, key=lambda s: s.valid_from or 0)) for code, names in rows.items()}


def _functional() -> Table:
    return _load("functional.csv")


def _economic() -> Table:
    return _load("economic.csv")


def _pick(names: tuple[Subject, ...], year: int | None) -> Subject | None:
    """The name valid in `year`, or the newest when no year is given."""
    if year is None:
        return names[-1] if names else None
    return next((subject for subject in names if subject.valid_in(year)), None)


def normalize(name: str) -> str:
    """A name as compared: NFKC (full-width brackets and digits become ASCII) and no whitespace at all."""
    return SPACES.sub("", unicodedata.normalize("NFKC", name))


def _core(name: str) -> str:
    """A normalized name without its trailing 支出: reports write "一般公共服务" for "一般公共服务支出"."""
    name = normalize(name)
    return name[:-2] if name.endswith("支出") and len(name) > 2 else name


@lru_cache(maxsize=1 << 14)  # asked for every coded table cell and line item: a few hundred codes, a few years
def functional(code: str, year: int | None = None) -> Subject | None:
    """The functional subject with this code (类 3, 款 5 or 项 7 digits), as named in `year` (default: newest)."""
    return _pick(_functional().get(code, ()), year)


def functional_history(code: str) -> tuple[Subject, ...]:
    """Every name the code has had, oldest first: reports keep using a former year's name."""
    return _functional().get(code, ())


@cache  # asked once per report, always for one of a few years
def functional_classes(year: int | None = None) -> tuple[Subject, ...]:
    """Every 类 valid in `year` (default: each with its newest name), by code."""
    found = (functional(code, year) for code in sorted(_functional()) if len(code) == 3)
    return tuple(subject for subject in found if subject is not None)


def _matching(codes: Iterable[str], name: str, table: Table, year: int | None) -> Subject | None:
    """The subject among `codes` whose name is `name`, with or without 支出.

    Names valid in `year` are tried first, then any former name; the result carries the code's name for `year`.
    """
    wanted, wanted_core = normalize(name), _core(name)
    candidates = [subject for code in codes for subject in table[code]]
    periods = [[s for s in candidates if s.valid_in(year)], candidates] if year is not None else [candidates]
    tests: tuple[Callable[[Subject], bool], ...] = (
        lambda s: normalize(s.name) == wanted,
        lambda s: _core(s.name) == wanted_core,
    )
    for subjects in periods:
        for test in tests:
            hits = {subject.code: subject for subject in subjects if test(subject)}
            if len(hits) == 1:
                code, hit = hits.popitem()
                return _pick(table[code], year) or hit
    return None


@cache  # reports name the same few subjects over and over
def functional_class_by_name(name: str, year: int | None = None) -> Subject | None:
    """The 类 a report names: official, without 支出, a former name, or shortened so only one 类 fits.

    "公共服务" (a 河南 table's "201 公共服务") is the end of "一般公共服务" and of no other 类, so it is 201;
    a shortening under MIN_FRAGMENT characters, or one that fits two classes, is None rather than a guess.
    """
    table = _functional()
    classes = [code for code in table if len(code) == 3]
    found = _matching(classes, name, table, year)
    core = _core(name)
    if found is not None or len(core) < MIN_FRAGMENT:
        return found
    fits = {
        subject.code
        for code in classes
        for subject in table[code]
        if _core(subject.name).startswith(core) or _core(subject.name).endswith(core)
    }
    return functional(fits.pop(), year) if len(fits) == 1 else None


@cache  # reports name the same few subjects over and over
def functional_section(class_name: str, section_name: str, year: int | None = None) -> Subject | None:
    """The 款 named `section_name` under the 类 named `class_name`; None when the table lacks it."""
    cls = functional_class_by_name(class_name, year)
    if cls is None:
        return None
    table = _functional()
    sections = [code for code in table if len(code) == 5 and code.startswith(cls.code)]
    return _matching(sections, section_name, table, year)


@cache  # reports name the same few subjects over and over
def functional_item(class_name: str, section_name: str, item_name: str, year: int | None = None) -> Subject | None:
    """The 项 named by its 类/款/项 names as a report writes them, e.g. ("一般公共服务支出",
    "政府办公厅（室）及相关机构事务", "行政运行") -> 2010301; None when the table lacks it."""
    section = functional_section(class_name, section_name, year)
    if section is None:
        return None
    table = _functional()
    items = [code for code in table if len(code) == 7 and code.startswith(section.code)]
    return _matching(items, item_name, table, year)


@lru_cache(maxsize=1 << 14)  # asked for every coded table cell: a few hundred codes
def economic(code: str) -> Subject | None:
    """The economic subject with this code: 部门预算 (301, 30101 …) or 政府预算 (501, 50101 …) 支出经济分类."""
    return _pick(_economic().get(code, ()), None)


@cache  # reports name the same few subjects over and over
def economic_class_by_name(name: str) -> Subject | None:
    """The economic 类 a report names, with or without 支出.

    Prose figures are 部门预算 classes, so 303 对个人和家庭的补助 wins over 509, which has the same name.
    """
    table = _economic()
    for first in ("3", "5"):
        found = _matching([code for code in table if len(code) == 3 and code[0] == first], name, table, None)
        if found is not None:
            return found
    return None


@cache
def _official_names(table: str) -> frozenset[str]:
    names = (subject.name for subjects in _load(table).values() for subject in subjects)
    return frozenset(form for name in names for form in (normalize(name), _core(name)))


@lru_cache(maxsize=1 << 14)  # reports name the same few subjects over and over
def name_matches(official: str, stated: str) -> bool:
    """Whether a report's name for a code agrees with the official one, so a code can be checked against it.

    Agreement is equality up to whitespace, bracket width and a trailing 支出, or a stated name of at least
    MIN_FRAGMENT characters that begins the official one (cut off by a column) or ends it ("公共服务") and is not
    itself the name of another subject in the same table ("事业单位离退休" does not match "行政事业单位离退休").
    """
    want, got = normalize(official), normalize(stated)
    if not got:
        return False
    if got == want or _core(got) == _core(want):
        return True
    if len(got) < MIN_FRAGMENT or not (want.startswith(got) or _core(want).endswith(_core(got))):
        return False
    tables = [table for table in TABLES if want in _official_names(table)] or list(TABLES)
    return not any(got in _official_names(t) or _core(got) in _official_names(t) for t in tables)
