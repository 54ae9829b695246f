"""Figures of a record as a reader sees them: formatted in 万元, each with the lines that state it."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from generator import labels
from generator.render.contexts import Cite, Cited, CorrectionNote, FigureRow

UNIT = "万元"
# How a page's figure tables set a row off from its name: a sum over the rows below it, or a part of the row above.
ROW_FORMS = {
    "fiscal": "{}（合计）",
    "total": "{}合计",
    "personnel": "　其中：{}",
    "public": "　其中：{}",
    "vehicle_purchase": "　{}",
    "vehicle_operation": "　{}",
}


def table_labels(names: dict[str, str]) -> dict[str, str]:
    """A figure group's row labels in a page's table, made from the keys' one name (generator.labels)."""
    return {key: ROW_FORMS.get(key, "{}").format(name) for key, name in names.items()}


TOTAL_LABELS = table_labels(labels.TOTALS)
INCOME_LABELS = table_labels(labels.INCOME)
SPENDING_LABELS = table_labels(labels.EXPENDITURE)
THREE_PUBLIC_LABELS = table_labels(labels.THREE_PUBLIC)
PROCUREMENT_LABELS = table_labels(labels.PROCUREMENT)
ASSET_LABELS = table_labels(labels.ASSETS)
STAFFING_LABELS = table_labels(labels.STAFFING)


def number(value: float | int) -> str:
    """A stated number with its own digits: 123.45, 255, 1,234.5."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}"


def signed(value: float | int) -> str:
    return ("+" if value > 0 else "") + number(value)


# A 决算's figure beside its budget: 年初预算, 调整预算 and the completion rate.
FINAL_PARTS = (
    ("initial_budget", "年初预算 {} 万元"),
    ("adjusted_budget", "调整预算 {} 万元"),
    ("execution_rate", "完成 {}%"),
)


def kind_name(kind: str | None) -> str:
    """预算 or 决算 for a record's kind; empty for a kind it does not state or one unknown."""
    return labels.KINDS.get(kind or "", "")


def amount_text(figure: dict[str, Any] | float | int | None, unit: str = UNIT) -> str:
    """`123.45 万元（占 48.15%）` from a figure dict or a bare number; empty where nothing is stated."""
    if isinstance(figure, dict):
        text = f"{number(figure['amount'])} {unit}" if figure.get("amount") is not None else ""
        if figure.get("share") is not None:
            text += f"（占 {number(figure['share'])}%）"
        budget = [template.format(number(figure[key])) for key, template in FINAL_PARTS if figure.get(key) is not None]
        if budget:
            text += f"（{'，'.join(budget)}）"
        return text
    return "" if figure is None else f"{number(figure)} {unit}".strip()


def change_text(change: dict[str, Any] | None) -> str:
    """`+12.34 万元，+2.15%`; `持平` for a stated zero change; empty where nothing is stated."""
    if not change:
        return ""
    amount, pct = change.get("amount"), change.get("pct")
    if amount == 0 and pct in (0, None):
        return "持平"
    parts = []
    if amount is not None:
        parts.append(f"{signed(amount)} {UNIT}")
    if pct is not None:
        parts.append(f"{signed(pct)}%")
    return "，".join(parts)


def beside(cited: Cited, *earlier: Cited) -> Cited:
    """A figure in the same table row as others: its lines not already cited in that row are shown."""
    shown = {cite.href for other in earlier for cite in other.cites}
    return replace(cited, cites=tuple(cite for cite in cited.cites if cite.href not in shown))


def cited_entries(entry: dict[str, Any] | None) -> list[dict[str, Any]]:
    """An evidence entry and the standard table's row stating the same figure, where there is one (`table`)."""
    if not entry:
        return []
    return [entry, entry["table"]] if isinstance(entry.get("table"), dict) else [entry]


class Citer:
    """Looks up the source lines of figure paths in one record's evidence, and the corrections made to them."""

    def __init__(
        self,
        evidence: dict[str, Any],
        source_link: str,
        corrections: Iterable[dict[str, Any]] = (),
        file_links: dict[str, str] | None = None,
    ) -> None:
        self.evidence = evidence or {}
        self.source_link = source_link
        # The source page of each other input file, where a report is published as several (evidence `file`).
        self.file_links = file_links or {}
        self.corrections = {str(entry.get("path")): entry for entry in corrections or ()}
        self.shown: set[str] = set()
        # A PDF's lines by file and page, as a reader of the original finds them: 第3页第12行.
        self.on_page = {
            (entry.get("file"), int(entry["line"])): f"第{entry['page']}页第{entry['page_line']}行"
            for figure_entry in self.evidence.values()
            for entry in cited_entries(figure_entry)
            if "page_line" in entry
        }

    def cites(self, paths: Iterable[str], shown: bool = True) -> tuple[Cite, ...]:
        """The lines stating these paths; `shown` marks the figures as having their own row on the page (a finding or
        a correction only refers to figures, which then still get a row of their own)."""
        found: dict[tuple[str | None, int], Cite] = {}
        for path in paths:
            if shown:
                self.shown.add(path)
            for entry in cited_entries(self.evidence.get(path)):
                if entry.get("line") and (entry.get("file"), entry["line"]) not in found:
                    where = (entry.get("file"), int(entry["line"]))
                    found[where] = self.cite(where[1], str(entry.get("quote", "")), where[0])
        return tuple(found.values())

    def lines(self, lines: Iterable[int]) -> tuple[Cite, ...]:
        """Cites for lines named directly (a finding's `lines`), quoting nothing."""
        return tuple(self.cite(int(line), "") for line in lines)

    def cite(self, line: int, quote: str, file: str | None = None) -> Cite:
        """A link to the line (in `file`, where it is not the report's main file); a PDF's line also by its page, as a
        reader of the original finds it."""
        where = self.on_page.get((file, line), f"第{line}行")
        if file in self.file_links:
            return Cite(line=line, quote=quote, href=f"{self.file_links[file]}#L{line}", where=f"{file} {where}")
        return Cite(line=line, quote=quote, href=f"{self.source_link}#L{line}", where=where)

    def corrected(self, paths: Iterable[str]) -> tuple[CorrectionNote, ...]:
        """What a maintainer corrected among these paths: the report's own figure and the note."""
        found = (self.corrections[path] for path in dict.fromkeys(paths) if path in self.corrections)
        return tuple(
            CorrectionNote(was=plain_text(entry.get("was")), note=str(entry.get("note") or ""))
            for entry in found
        )

    def cited(self, text: str, *paths: str) -> Cited:
        if not text:
            return Cited(text=text)
        return Cited(text=text, cites=self.cites(paths), corrections=self.corrected(paths))

    def figure(self, path: str, figure: dict[str, Any] | float | int | None, unit: str = UNIT) -> Cited:
        """A figure dict (amount, share) at `path`, or a bare number stated at `path` itself."""
        if isinstance(figure, dict):
            parts = [f"{path}.{key}" for key, _ in FINAL_PARTS]
            return self.cited(amount_text(figure, unit), f"{path}.amount", f"{path}.share", *parts, path)
        return self.cited(amount_text(figure, unit), path)

    def change(self, path: str, change: dict[str, Any] | None) -> Cited:
        return self.cited(change_text(change), f"{path}.amount", f"{path}.pct", path)

    def rows(
        self, prefix: str, figures: dict[str, Any], labels: dict[str, str], unit: str = UNIT
    ) -> tuple[FigureRow, ...]:
        """Rows for the stated keys of a figure group, in the labels' order, unknown keys last."""
        keys = [key for key in labels if key in figures] + sorted(key for key in figures if key not in labels)
        rows = []
        for key in keys:
            figure = figures[key]
            if figure is None:
                continue
            path = f"{prefix}.{key}"
            change = figure.get("change") if isinstance(figure, dict) else None
            amount = self.figure(path, figure, unit)
            rows.append(
                FigureRow(
                    label=labels.get(key, key),
                    amount=amount,
                    change=beside(self.change(f"{path}.change", change), amount) if change else None,
                )
            )
        return tuple(rows)


# Words of an evidence path, for figures no section of the page shows (a newer key, a 决算's extra columns).
PATH_WORDS = {
    "totals": "收支总计", "income": "收入", "expenditure": "支出", "functions": "功能分类", "line_items": "支出明细",
    "economic": "经济分类", "economic_detail": "经济分类明细", "three_public": labels.THREE_PUBLIC["total"],
    "operating_costs": labels.OPERATING_COSTS, "procurement": labels.PROCUREMENT["total"],
    "assets": "资产", "staffing": "人员", "projects": "项目", "indicators": "绩效指标",
    "performance_managed": "绩效目标管理", "amount": "金额", "share": "占比", "change": "比上年", "pct": "增减幅度",
    "count": "个数", "reason": "原因", "initial_budget": "年初预算", "adjusted_budget": "调整预算",
    "execution_rate": "完成率",
}
# A figure's key names different things in different groups (three_public.total, procurement.total).
GROUP_WORDS = {
    "totals": labels.TOTALS, "income": labels.INCOME, "expenditure": labels.EXPENDITURE,
    "three_public": labels.THREE_PUBLIC, "procurement": labels.PROCUREMENT, "staffing": labels.STAFFING,
    "assets": labels.ASSETS,
}
PATH_TOKEN = re.compile(r"([^.\[\]]+)|\[([^\]]+)\]")
PERCENT_WORDS = {"share", "pct", "execution_rate"}


def path_tokens(path: str) -> list[tuple[str, bool]]:
    """`line_items[2010301].change.pct` → [(line_items, False), (2010301, True), (change, False), (pct, False)]."""
    return [(name or key, bool(key)) for name, key in PATH_TOKEN.findall(path)]


def path_label(path: str) -> str:
    """`performance_managed.amount` → `绩效目标管理 · 金额`; keys in brackets stay as the report wrote them."""
    tokens = path_tokens(path)
    group = GROUP_WORDS.get(tokens[0][0], {})
    words = [
        token if keyed else (group.get(token) if index == 1 else None) or PATH_WORDS.get(token, token)
        for index, (token, keyed) in enumerate(tokens)
    ]
    return " · ".join(words)


def entry_key(entry: object) -> set[str]:
    if not isinstance(entry, dict):
        return set()
    keys = {str(entry.get(name)) for name in ("code", "name") if entry.get(name)}
    keys.add(f"{entry.get('section')}/{entry.get('item')}")
    keys.add(f"{entry.get('code')}/{entry.get('gov_code') or ''}")
    return keys


def resolve(record: dict[str, Any], path: str) -> object:
    """The value an evidence path names in a record, or None where the path cannot be followed."""
    node: object = record
    for token, keyed in path_tokens(path):
        if keyed and isinstance(node, list):
            node = node[int(token)] if token.isdigit() and int(token) < len(node) else next(
                (entry for entry in node if token in entry_key(entry)), None
            )
        elif isinstance(node, dict):
            node = node.get(token)
        else:
            return None
    return node


def plain_text(value: object) -> str:
    """A corrected value as stated, without a unit (the figure beside it gives one); empty for nothing."""
    if isinstance(value, bool) or value is None:
        return "" if value is None else str(value)
    if isinstance(value, int | float):
        return number(value)
    return "、".join(map(str, value)) if isinstance(value, list) else str(value)


def value_text(path: str, value: object) -> str:
    last = path_tokens(path)[-1][0]
    if isinstance(value, bool) or not isinstance(value, int | float):
        return "" if value is None or isinstance(value, dict | list) else str(value)
    if last in PERCENT_WORDS:
        return f"{number(value)}%"
    return f"{number(value)} 个" if last == "count" else f"{number(value)} {UNIT}"
