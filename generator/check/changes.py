"""A stated change against its own amount: "减少6.89万元，下降8.30%" implies last year's figure.

Last year = amount − change; the stated percentage must be change / last year within rounding.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.check.figures import labelled_figures
from generator.check.stated import Stated, finding
from generator.check.tolerance import TRUNCATED, TRUNCATED_NOTE, pct_off, pct_text, value, wan
from generator.records import Change, Fact, Finding, Report


def check_change(
    path: str, label: str, amount: Fact | None, change: Change | None, amount_path: str | None = None
) -> Iterator[Finding]:
    """An error when the stated percentage cannot come from the stated amount and change."""
    if change is None:
        return
    now, delta, pct = value(amount), value(change.amount), value(change.pct)
    if now is None or delta is None or pct is None or amount is None or change.amount is None or change.pct is None:
        return
    before = now - delta
    off = pct_off(pct, delta, before)
    if off is None:
        return
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
        yield finding("change-pct", "warning", message + TRUNCATED_NOTE, figures)
    else:
        yield finding("change-pct", "error", message, figures)


def change_pct(report: Report) -> Iterator[Finding]:
    for path, label, amount, _, change in labelled_figures(report):
        if change is not None:  # most figures state none: no need to start a check
            yield from check_change(path, label, amount, change)
    stated_totals = (("totals.expenditure", report.totals.expenditure), ("totals.income", report.totals.income))
    outcomes = [
        list(check_change("totals", "收支总预算", fact, report.totals.change, amount_path))
        for amount_path, fact in stated_totals
        if fact is not None
    ]
    if outcomes and all(outcomes):  # the change may be of either total
        yield from outcomes[0]


RULES = (change_pct,)
