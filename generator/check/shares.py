"""A stated share (占…%) against its amount and the total it is a share of.

A report seldom says which total a share is of (支出总额, 本年收入合计, 财政拨款, 基本支出, “三公”经费): a share is
an error only when it agrees with none of the report's own totals, within rounding; a warning when the nearest
is off by one unit of its last decimal (cut off rather than rounded).
"""

from __future__ import annotations

from collections.abc import Iterator

from generator import labels
from generator.check.figures import labelled_figures, total_label
from generator.check.stated import Stated, finding
from generator.records import Fact, Figure, Finding, Report
from generator.tolerance import TRUNCATED, TRUNCATED_NOTE, pct_off, pct_text, value, wan


def amount(figure: Figure | None) -> float:
    return (value(figure.amount) or 0.0) if figure is not None else 0.0


def bases(report: Report) -> list[tuple[str, float]]:
    """Every total a share may be of, named as a reader would name it."""
    named: list[tuple[str, Fact | None]] = [
        (total_label(report, "支出"), report.totals.expenditure),
        (total_label(report, "收入"), report.totals.income),
        # the year's own, apart from balances: "本年收入预算445,059.97万元，其中：财政拨款收入…，占54.98%"
        (labels.TOTALS["current_income"], report.totals.current_income),
        (labels.TOTALS["current_expenditure"], report.totals.current_expenditure),
    ]
    for key in ("fiscal", "general_budget"):
        figure = report.income.get(key)
        named.append((labels.INCOME[key], figure.amount if figure else None))
    for key in ("basic", "project"):
        figure = report.expenditure.get(key)
        named.append((labels.EXPENDITURE[key], figure.amount if figure else None))
    three_public = report.three_public.get("total")
    named.append((labels.THREE_PUBLIC["total"], three_public.amount if three_public else None))
    found = [(label, number) for label, fact in named if (number := value(fact))]
    spending = amount(report.expenditure.get("basic")) + amount(report.expenditure.get("project"))
    skip = labels.FISCAL_PARTS if "fiscal" in report.income else ("fiscal",)
    income = sum(amount(figure) for key, figure in report.income.items() if key not in skip)
    functions = sum(value(entry.amount) or 0.0 for entry in report.functions)
    found += [
        (label, number)
        for label, number in (
            ("基本支出与项目支出之和", spending),
            ("各项收入之和", income),
            ("各功能分类之和", functions),
        )
        if number
    ]
    return found


def disagreements(share: float, number: float, totals: list[tuple[str, float]]) -> list[str] | None:
    """How the share disagrees with each total (see `pct_off`); None as soon as one total gives it."""
    verdicts = []
    for _, total in totals:
        verdict = pct_off(share, number, total)
        if verdict is None:
            return None
        verdicts.append(verdict)
    return verdicts


def share_amount(report: Report) -> Iterator[Finding]:
    totals = bases(report)
    if not totals:
        return
    for path, label, amount_fact, share_fact, _ in labelled_figures(report, shares_only=True):
        if share_fact is None or amount_fact is None:  # most figures state no share
            continue
        number, share = value(amount_fact), value(share_fact)
        if number is None or share is None:
            continue
        verdicts = disagreements(share, number, totals)
        if verdicts is None:
            continue
        name, total = min(totals, key=lambda base: abs(100 * number / base[1] - share))  # the likeliest base
        message = (
            f"{label}{wan(number)}，报告称占{pct_text(share)}，但它占{name}{wan(total)}的"
            f"{pct_text(100 * number / total)}，与报告中的其他总额也对不上"
        )
        figures = [
            Stated(f"{path}.amount", label, amount_fact, number),
            Stated(f"{path}.share", f"{label}占比", share_fact, share),
        ]
        if TRUNCATED in verdicts:
            yield finding("share-amount", "warning", message + TRUNCATED_NOTE, figures)
        else:
            yield finding("share-amount", "error", message, figures)


RULES = (share_amount,)
