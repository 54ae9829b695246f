"""One department-year published as several files (北京: 附件1 情况说明 and 附件2 表格) becomes one Report.

`batch.py` hands over the files whose reports share an id. An id two departments share is a collision, not one
report; copies of one report (a re-issue fixing a typo) are reduced to the later one, with a warning naming the
lines that differ; the rest are merged: a figure one file states fills where the others are silent. Where a
narrative and its own tables (a file of almost no sentences) state a figure differently, the narrative's stands
and the tables' is kept beside it for the text-vs-table check, as within one file. Two narratives that state a
figure differently are two versions of the report: an error, and the department-year is not written, since a
record mixing them would be wrong where no check can see it, and a wrong figure is worse than a missing one.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from generator.errors import ReportError
from generator.read import Document
from generator.read.pdfinfo import pdf_date
from generator.records import Department, Evidence, Fact, Heading, Report, SourceFile
from generator.tolerance import agrees, value

# Two files are copies of one report when this share of their non-blank lines is the same (the 北京 re-issue
# differs on 1 line of 174); a narrative and its tables share almost none.
COPY_RATIO = 0.9
# Report fields that name the file or are redone on the merged report (corrections, checks): never merged.
OWN_FIELDS = frozenset(
    {"id", "source_file", "sha256", "page_starts", "year", "kind", "unit", "findings", "corrections", "warnings",
     "override_errors", "sources"}
)  # fmt: skip
# Fields that say where an entry is stated (an indicator's line): its file's, kept with the entry.
WHERE_FIELDS = frozenset({"line", "file"})
SHOWN_DIFFERENCES = 3
# A file of tables beside its narrative: fewer than this share of the narrative's lines hold a sentence.
COMPANION_SHARE = 0.25
# The evidence path of a figure the text-vs-table check knows, and its key there ("income.general_budget").
RESTATED_PATH = re.compile(r"(?P<key>totals\.\w+)|(?P<figure>(?:income|expenditure|three_public)\.\w+)\.amount")
WHITESPACE = re.compile(r"\s+")


@dataclass
class Part:
    """One input file's parse, before it is merged with the other files of its department-year."""

    path: Path
    report: Report


@dataclass
class Merged:
    """What the files of one id became: the report to check and write (None if they cannot be one), its files."""

    report: Report | None
    paths: list[Path]  # the files used, the main one (the narrative) first
    warnings: list[str] = field(default_factory=list)
    errors: list[ReportError] = field(default_factory=list)


@dataclass
class Conflict:
    """A figure two files of one report state with different values."""

    path: str  # its evidence path
    main: Fact
    other: Fact
    other_file: str


def same_department(a: Department, b: Department) -> bool:
    """Both name one department: the same name, one's name among the other's forms, or one's name a 简称 of the
    other's (a narrative's 市城管执法局, its tables' 北京市城市管理综合行政执法局). A report that names no department
    can be merged with nothing: its id is a placeholder."""
    if not a.name or not b.name:
        return False
    if b.name in {a.name, *a.aliases} or a.name in b.aliases:
        return True
    return abbreviates(a.name, b.name) or abbreviates(b.name, a.name)


def placed(headings: Sequence[Heading]) -> list[Heading]:
    """A file that names no place (北京's tables of 首都绿化委员会办公室 name only the body) joins the file of the same
    body, year, kind and scope that does, where exactly one such id is among `headings`: the same department-year."""
    with_region = [heading for heading in headings if heading.department.region is not None]
    result = []
    for heading in headings:
        if heading.department.region is None:
            ids = {other.id: other for other in with_region if same_year_and_body(heading, other)}
            if len(ids) == 1:
                [other] = ids.values()
                department = dataclasses.replace(heading.department, region=other.department.region)
                heading = dataclasses.replace(heading, id=other.id, department=department)
        result.append(heading)
    return result


def same_year_and_body(a: Heading, b: Heading) -> bool:
    return (a.year, a.kind, a.department.scope) == (b.year, b.kind, b.department.scope) and same_department(
        a.department, b.department
    )


def abbreviates(short: str, full: str) -> bool:
    """A 简称 keeps characters of the full name in their order (市国资委 of 北京市人民政府国有资产监督管理委员会), so
    水务局 never abbreviates 商务局, though both are swj in an id."""
    rest = iter(full)
    return len(short) < len(full) and all(char in rest for char in short)


def text_lines(document: Document) -> tuple[list[int], list[str]]:
    """The numbers and texts of the non-blank lines, whitespace removed: a PDF's layout spaces are no difference."""
    numbers, texts = [], []
    for line in document.lines:
        text = WHITESPACE.sub("", line.text)
        if text:
            numbers.append(line.no)
            texts.append(text)
    return numbers, texts


def are_copies(a: Document, b: Document) -> bool:
    """Most lines the same, in the same order: two copies of one report, not two parts of it."""
    matcher = SequenceMatcher(None, text_lines(a)[1], text_lines(b)[1], autojunk=False)
    return matcher.quick_ratio() >= COPY_RATIO and matcher.ratio() >= COPY_RATIO


def differences(a: Document, b: Document) -> list[str]:
    """Where two copies differ: each changed run of lines, by file and line, its first line quoted."""
    (numbers_a, texts_a), (numbers_b, texts_b) = text_lines(a), text_lines(b)

    def side(document: Document, numbers: list[int], texts: list[str], start: int, end: int) -> str:
        if start == end:
            return f"{document.path.name}: none"
        return f"{document.path.name} line {numbers[start]}「{texts[start][:60]}」"

    matcher = SequenceMatcher(None, texts_a, texts_b, autojunk=False)
    return [
        f"{side(a, numbers_a, texts_a, a1, a2)} / {side(b, numbers_b, texts_b, b1, b2)}"
        for tag, a1, a2, b1, b2 in matcher.get_opcodes()
        if tag != "equal"
    ]


def narrative_share(document: Document) -> float:
    """The share of non-blank lines holding a sentence (。): high in a 情况说明, low in a file of tables."""
    texts = text_lines(document)[1]
    return sum("。" in text for text in texts) / max(len(texts), 1)


def later_copy(copies: Sequence[Part]) -> tuple[Part, str]:
    """The copy published last by its PDF date (ModDate, else CreationDate), and why it was chosen; without
    telling dates, the last by file name, so the choice never depends on the order the files were given."""
    dated = [(pdf_date(part.path), part) for part in copies]
    known = [(date, part) for date, part in dated if date is not None]
    latest = max((date for date, _ in known), default=None)
    newest = [part for date, part in known if date == latest]
    if latest is not None and len(newest) == 1 and len(known) == len(copies):
        dates = "，".join(f"{part.path.name} {date:%Y-%m-%d %H:%M}" for date, part in dated)
        return newest[0], f"the later by PDF date ({dates})"
    return copies[-1], "no PDF date tells which is later: the last by file name"


def is_unset(node: Any) -> bool:
    return node is None or (isinstance(node, list | dict) and not node)


def from_file(node: Any, file: str) -> Any:
    """A copy of a part of one file's report whose evidence names that file."""
    if type(node) is Fact:
        return Fact(node.value, in_file(node.evidence, file), in_file(node.also, file))
    if isinstance(node, list):
        return [from_file(entry, file) for entry in node]
    if isinstance(node, dict):
        return {key: from_file(entry, file) for key, entry in node.items()}
    if dataclasses.is_dataclass(node) and not isinstance(node, type):
        changes = {item.name: from_file(getattr(node, item.name), file) for item in dataclasses.fields(node)}
        if getattr(node, "line", None) is not None and getattr(node, "file", "") is None:
            changes["file"] = file
        return dataclasses.replace(node, **changes)
    return node


def in_file(evidence: Evidence | None, file: str) -> Evidence | None:
    if evidence is None or evidence.file is not None:
        return evidence
    return Evidence(evidence.line, evidence.quote, file)


def disagree(a: Fact, b: Fact) -> bool:
    """Two numbers beyond the rounding of the coarser one (4704.24 万元 in the text is 47,042,399.12 元 in a
    table); text (a reason, a name) never disagrees: the main file's is kept."""
    return value(a) is not None and value(b) is not None and not agrees(a, b)


def same_entry(a: Any, b: Any) -> bool:
    """One list entry in two files: the same key, or, where one file gives no code, the same names."""
    if a.key == b.key:
        return True
    if getattr(a, "code", None) and getattr(b, "code", None):
        return False
    names = ("class_", "section", "item", "name")
    return all(getattr(a, name, None) == getattr(b, name, None) for name in names)


def merged(main: Any, other: Any, file: str, path: str, conflicts: list[Conflict]) -> Any:
    """`main` with what only `other` (stated in `file`) has filled in; figures both state are compared."""
    if is_unset(main):
        return main if is_unset(other) else from_file(other, file)
    if is_unset(other):
        return main
    if type(main) is Fact:
        if type(other) is Fact and disagree(main, other):
            conflicts.append(Conflict(path, main, other, file))
        elif type(other) is Fact and main.also is None and other.evidence is not None:
            return Fact(main.value, main.evidence, in_file(other.evidence, file))  # the other file's line agrees
        return main
    if isinstance(main, list):
        if not all(hasattr(entry, "key") for entry in (*main, *other)):
            return main  # items (duties, indicators) have no identity to match: one file's list, whole
        entries = list(main)
        for entry in other:
            index = next((i for i, mine in enumerate(main) if same_entry(mine, entry)), None)
            if index is None:
                entries.append(from_file(entry, file))
            else:
                entries[index] = merged(entries[index], entry, file, f"{path}[{entries[index].key}]", conflicts)
        return entries
    if isinstance(main, dict):
        keys = dict.fromkeys([*main, *other])
        both = {key: merged(main.get(key), other.get(key), file, f"{path}.{key}", conflicts) for key in keys}
        return {key: entry for key, entry in both.items() if entry is not None}
    if dataclasses.is_dataclass(main) and not isinstance(main, type) and type(other) is type(main):
        changes = {
            name: merged(getattr(main, name), getattr(other, name), file, f"{path}.{name}", conflicts)
            for name in (item.name for item in dataclasses.fields(main))
            if name not in WHERE_FIELDS
        }
        return dataclasses.replace(main, **changes)
    return main  # a name, a code, a count's text: the main file's words


def merge_reports(main: Report, others: Sequence[Report]) -> tuple[Report, list[Conflict]]:
    """One report from the files of one department-year: `main`'s figures, and each other file's where `main` is
    silent, its evidence naming that file."""
    conflicts: list[Conflict] = []
    report = dataclasses.replace(main)
    report.sources = [SourceFile(part.source_file, part.sha256, part.page_starts) for part in (main, *others)]
    for other in others:
        for item in dataclasses.fields(Report):
            if item.name not in OWN_FIELDS:
                combined = merged(
                    getattr(report, item.name), getattr(other, item.name), other.source_file, item.name, conflicts
                )
                setattr(report, item.name, combined)
        report.department = named_fully(report.department, other.department.name)
    return report, conflicts


def named_fully(department: Department, name: str) -> Department:
    """The department with another file's name for it: its name where that is the fuller form (the data model's
    name is the fullest form the report uses), else one of its aliases."""
    if name == department.name or name in department.aliases:
        return department
    if abbreviates(department.name, name):
        aliases = [department.name, *(alias for alias in department.aliases if alias != name)]
        return dataclasses.replace(department, name=name, aliases=aliases)
    return dataclasses.replace(department, aliases=[*department.aliases, name])


def stated(fact: Fact, file: str) -> str:
    line = f" 第{fact.evidence.line}行" if fact.evidence is not None else ""
    return f"{fact.value}（{file}{line}）"


def conflict_error(main: Path, others: Sequence[Path], report_id: str, conflicts: Sequence[Conflict]) -> ReportError:
    figures = "; ".join(
        f"{conflict.path}: {stated(conflict.main, main.name)} ≠ {stated(conflict.other, conflict.other_file)}"
        for conflict in conflicts
    )
    files = ", ".join(path.name for path in others)
    return ReportError(
        main,
        f"and {files} are one department-year (id {report_id}) but state different figures: {figures}; neither is "
        "written: remove the file that is wrong, or give it another year or department",
    )


def combine(parts: Sequence[Part], read: Callable[[Path], Document]) -> Merged:
    """The files of one id as one report: other departments' files refused, copies reduced to the later one, the
    rest merged into the narrative's. The result does not depend on the order of `parts`."""
    parts = sorted(parts, key=lambda part: (part.path.name, str(part.path)))
    first = parts[0]
    mine = [
        part for part in parts if part is first or same_department(first.report.department, part.report.department)
    ]
    errors = [
        ReportError(
            part.path,
            f"claims the same department and year as {first.path.name} (id {first.report.id}): remove one, or mark "
            "one as 单位预算",
        )
        for part in parts
        if part not in mine
    ]
    if len(mine) == 1:
        return Merged(first.report, [first.path], errors=errors)
    documents = {part.path: read(part.path) for part in mine}
    warnings: list[str] = []
    groups: list[list[Part]] = []
    for part in mine:  # each file joins the copies it is one of, or stands alone
        copies = next((group for group in groups if are_copies(documents[group[0].path], documents[part.path])), None)
        if copies is None:
            groups.append([part])
        else:
            copies.append(part)
    remaining = []
    for group in groups:
        if len(group) == 1:
            remaining.append(group[0])
            continue
        chosen, why = later_copy(group)
        remaining.append(chosen)
        for copy in group:
            if copy is not chosen:
                changed = differences(documents[copy.path], documents[chosen.path])
                shown = "; ".join(changed[:SHOWN_DIFFERENCES]) + ("…" if len(changed) > SHOWN_DIFFERENCES else "")
                warnings.append(
                    f"{copy.path.name} and {chosen.path.name} are two copies of one report (id {first.report.id}): "
                    f"using {chosen.path.name}, {why}; they differ on {len(changed)} run(s) of lines: {shown or 'none'}"
                )
    main = max(remaining, key=lambda part: narrative_share(documents[part.path]))  # the first of equals: by name
    others = [part for part in remaining if part is not main]
    paths = [main.path, *(part.path for part in others)]
    if not others:
        return Merged(main.report, paths, warnings, errors)
    report, conflicts = merge_reports(main.report, [part.report for part in others])
    share = narrative_share(documents[main.path])
    tables_only = all(narrative_share(documents[part.path]) < COMPANION_SHARE * share for part in others)
    if conflicts and not tables_only:
        errors.append(conflict_error(main.path, paths[1:], report.id, conflicts))
        return Merged(None, paths, warnings, errors)
    for conflict in conflicts:
        match = RESTATED_PATH.fullmatch(conflict.path)
        if match:
            report.restated[match["key"] or match["figure"]] = from_file(conflict.other, conflict.other_file)
        else:
            warnings.append(
                f"{main.path.name} and {conflict.other_file} state {conflict.path} differently: "
                f"{stated(conflict.main, main.path.name)} ≠ {stated(conflict.other, conflict.other_file)}; "
                "the narrative's is used"
            )
    return Merged(report, paths, warnings, errors)
