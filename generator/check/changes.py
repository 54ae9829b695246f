"""A stated change against its own amount: "减少6.89万元，下降8.30%" implies last year's figure.

Last year = amount − change; the stated percentage must be change / last year within rounding.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.check.figures import labelled_figures
from generator.check.stated import Stated, finding
from generator.records import Change, Fact, Finding, Report
from generator.tolerance import TRUNCATED, TRUNCATED_NOTE, pct_off, pct_text, value, wan


def check_change(
    path: str, label: str, amount: Fact | None, change: Change | None, amount_path: str | None = None
) -> Finding | None:
    """An error when the stated percentage cannot come from the stated amount and change (a function, not a
    generator: it finds one thing at most, and is asked for every figure that states a change)."""
    if change is None:
        return None
    now, delta, pct = value(amount), value(change.amount), value(change.pct)
    if now is None or delta is None or pct is None or amount is None or change.amount is None or change.pct is None:
        return None
    before = now - delta
    off = pct_off(pct, delta, before)
    if off is None:
        return None
    figures = [
        Stated(amount_path or f"{path}.amount", label, amount, now),
        Stated(f"{path}.change.amount", f"{label}变动", change.amount, delta),
        Stated(f"{path}.change.pct", f"{label}变动率", change.pct, pct),
    ]
    direction = "增加" if delta >= 0 else "减少"
    message = (
        f"{label}为{wan(now)}，比上年{direction}{wan(abs(delta))}，则上年为{wan(before)}，"
        f"变动率应为{pct_text(100 * delta / before)}，但报告称{pct_text(pct)}"
    )
    if off == TRUNCATED:
        return finding("change-pct", "warning", message + TRUNCATED_NOTE, figures)
    return finding("change-pct", "error", message, figures)


def change_pct(report: Report) -> Iterator[Finding]:
    for path, label, amount, _, change in labelled_figures(report):
        # most figures state no change: no need to start a check
        if change is not None and (found := check_change(path, label, amount, change)):
            yield found
    stated_totals = (("totals.expenditure", report.totals.expenditure), ("totals.income", report.totals.income))
    outcomes = [
        check_change("totals", "收支总预算", fact, report.totals.change, amount_path)
        for amount_path, fact in stated_totals
        if fact is not None
    ]
    first = outcomes[0] if outcomes else None
    if first is not None and all(outcomes):  # the change may be of either total
        yield first


RULES = (change_pct,)
