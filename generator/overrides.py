"""A maintainer's corrections, applied on top of every parse and never written back.

`site_data/overrides/<report id>.yaml` holds, for one report:

    corrections:
      - path: line_items[2010301].amount   # an evidence path, as in the record's `evidence`
        from: 32.56                        # what the parser reads today: a re-issued report that changed it is caught
        to: 32.65
        note: 表3为32.65万元，正文笔误
    explained:
      - rule: basic-plus-project           # a finding's rule id
        note: 差额20万元为上年结转，见说明第三部分

A correction whose `from` no longer matches the parse, or whose path names nothing, is reported and left out,
never applied to a figure it was not written for. A figure the parser missed is added with `from: null` and the
`line` of the report that states it, which becomes its evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, is_dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.errors import ReportError
from generator.read import Document
from generator.records import Correction, Evidence, Fact, Report

DEFAULT_OVERRIDES = Path("site_data/overrides")
STEP = re.compile(r"(?P<name>[a-z_]+)(?:\[(?P<key>[^\]]+)\])?")
MISSING = object()
NEEDED = {"corrections": {"path", "from", "to"}, "explained": {"rule", "note"}}


@dataclass(frozen=True)
class Overrides:
    source: Path
    corrections: list[dict[str, Any]]
    explained: dict[str, str]


def load_overrides(folder: Path, report_id: str) -> Overrides | None:
    """The overrides file of one report, checked entry by entry; ReportError names the file and line."""
    path = folder / f"{report_id}.yaml"
    if not path.is_file():
        return None
    try:
        text = path.read_text(encoding="utf-8")
        data, root = yaml.safe_load(text) or {}, yaml.compose(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else None
        raise ReportError(path, f"not valid YAML ({getattr(error, 'problem', error)})", line) from error
    except UnicodeDecodeError as error:
        raise ReportError(path, "not UTF-8 text: save the overrides file as UTF-8") from error
    if not isinstance(data, dict) or set(data) - {"corrections", "explained"}:
        raise ReportError(path, "expected a mapping with `corrections:` and/or `explained:` lists (see the README)")
    for key, needed in NEEDED.items():
        entries = data.get(key) or []
        if not isinstance(entries, list):
            raise ReportError(path, f"`{key}:` must be a list of entries", entry_line(root, key))
        for index, entry in enumerate(entries):
            if not isinstance(entry, dict) or not needed <= {name for name, value in entry.items() if value != ""}:
                needs = ", ".join(f"`{name}`" for name in sorted(needed))
                raise ReportError(path, f"an entry of `{key}:` needs {needs}", entry_line(root, key, index))
    explained = {str(entry["rule"]): str(entry["note"]) for entry in data.get("explained") or []}
    return Overrides(path, data.get("corrections") or [], explained)


def entry_line(root: yaml.Node | None, key: str, index: int | None = None) -> int | None:
    """The 1-based line of `key` or of its index-th entry, for an error message; None when the file has no document."""
    if root is None:
        return None
    node = next(value for name, value in root.value if name.value == key)
    entry: yaml.Node = node.value[index] if index is not None else node
    mark: yaml.Mark = entry.start_mark
    return mark.line + 1


def apply_corrections(report: Report, overrides: Overrides, document: Document) -> list[ReportError]:
    """Each correction that still fits, applied and recorded in `report.corrections`; the others as errors."""
    errors = []
    for entry in overrides.corrections:
        path, wanted, new = str(entry["path"]), entry["from"], entry["to"]
        try:
            parent, attribute = resolve(report, path)
        except LookupError as error:
            errors.append(ReportError(overrides.source, f"correction of {path}: {error}; remove or update it"))
            continue
        current = getattr(parent, attribute) if not isinstance(parent, dict) else parent.get(attribute)
        was = current.value if isinstance(current, Fact) else current
        if was != wanted:
            errors.append(
                ReportError(
                    overrides.source,
                    f"correction of {path} no longer fits: it corrects {wanted!r}, the report now gives {was!r}; "
                    "check the re-issued report and update or remove the correction",
                )
            )
            continue
        if isinstance(current, Fact):
            current.value = new
        elif current is None and not holds_fact(parent, attribute):
            errors.append(ReportError(overrides.source, f"correction of {path}: only a figure can be added"))
            continue
        elif current is None and "line" in entry:
            line = int(entry["line"])
            if not 1 <= line <= len(document.lines):
                errors.append(ReportError(overrides.source, f"correction of {path}: the report has no line {line}"))
                continue
            set_value(parent, attribute, Fact(new, Evidence(line, document.text(line).strip())))
        elif current is None:
            message = f"correction of {path} adds a figure: give the `line` of the report stating it"
            errors.append(ReportError(overrides.source, message))
            continue
        else:
            set_value(parent, attribute, new)
        report.corrections.append(Correction(path=path, was=was, value=new, note=str(entry.get("note") or "")))
    return errors


def explain_findings(report: Report, overrides: Overrides) -> list[ReportError]:
    """Findings a maintainer explained carry the note; an explanation matching no finding is reported."""
    errors = []
    for rule, note in overrides.explained.items():
        matching = [finding for finding in report.findings if finding.rule == rule]
        if not matching:
            errors.append(ReportError(overrides.source, f"explains finding {rule}, which this report no longer has"))
        for finding in matching:
            finding.explained = note
    return errors


def resolve(report: Report, path: str) -> tuple[Any, str]:
    """The object holding the last step of `path`, and that step's attribute or key."""
    steps = path.split(".")
    node: Any = report
    for index, step in enumerate(steps):
        match = STEP.fullmatch(step)
        if match is None:
            raise LookupError(f"{step!r} is not a step of an evidence path")
        name = attribute_name(node, match["name"])
        if index == len(steps) - 1 and match["key"] is None:
            return node, name
        node = node.get(name, MISSING) if isinstance(node, dict) else getattr(node, name, MISSING)
        if node is MISSING or node is None:
            raise LookupError(f"the record has no {'.'.join(steps[: index + 1])}")
        if match["key"] is not None:
            node = next((entry for entry in node if getattr(entry, "key", None) == match["key"]), None)
            if node is None:
                raise LookupError(f"the record has no {'.'.join(steps[: index + 1])}")
    raise LookupError("a path ends with a figure's name")


def attribute_name(node: Any, name: str) -> str:
    """`class` is stored as `class_`; dict keys are themselves."""
    return f"{name}_" if is_dataclass(node) and hasattr(node, f"{name}_") else name


def holds_fact(parent: Any, attribute: str) -> bool:
    """Whether the attribute is a figure's (a Fact) or a dict of figures, so a missed figure may be added there."""
    if isinstance(parent, dict):
        return False
    annotation = next((item.type for item in fields(parent) if item.name == attribute), "")
    return str(annotation).startswith("Fact")


def set_value(parent: Any, attribute: str, value: Any) -> None:
    if isinstance(parent, dict):
        parent[attribute] = value
    else:
        setattr(parent, attribute, value)
