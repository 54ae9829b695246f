"""Every figure of a report with its evidence path and a reader's label, so rules can walk them all."""

from __future__ import annotations

from collections.abc import Iterator

from generator import labels
from generator.records import Change, Fact, Figure, LineItem, Report


def total_label(report: Report, side: str) -> str:
    """支出预算总额 in a 预算, 支出总计 in a 决算 (whose totals also count 结转结余); side is 支出 or 收入."""
    return f"{side}总计" if report.kind == "final" else f"{side}预算总额"


def item_label(item: LineItem) -> str:
    """A 项 as a reader finds it in the report: its name and code ("科目“行政运行”（2010301）")."""
    name = item.item if item.item == item.section else f"{item.section}-{item.item}"
    return f"科目“{name}”（{item.code}）" if item.code else f"科目“{name}”"


# A Figure-shaped entry as rules walk it: (path prefix, label, amount, share, change); its amount is at
# `<prefix>.amount`. Its parts rather than a Figure, which a 类, 项 or economic class would have to build.
Labelled = tuple[str, str, Fact | None, Fact | None, Change | None]


def of_figure(path: str, label: str, figure: Figure) -> Labelled:
    return path, label, figure.amount, figure.share, figure.change


def labelled_figures(report: Report, *, shares_only: bool = False) -> Iterator[Labelled]:
    """Every Figure-shaped entry of the report, with its path prefix and label; with `shares_only`, just the kinds
    that may state a share: a 项 or an economic 类 never does, and naming each of them would be wasted."""
    for key, figure in report.income.items():
        yield of_figure(f"income.{key}", labels.INCOME.get(key, key), figure)
    for key, figure in report.expenditure.items():
        yield of_figure(f"expenditure.{key}", labels.EXPENDITURE.get(key, key), figure)
    for entry in report.functions:
        yield f"functions[{entry.key}]", entry.name, entry.amount, entry.share, entry.change
    if not shares_only:
        for item in report.line_items:
            yield f"line_items[{item.key}]", item_label(item), item.amount, None, item.change
        for economic in report.economic:
            yield f"economic[{economic.key}]", economic.name, economic.amount, None, economic.change
    for key, figure in report.three_public.items():
        yield of_figure(f"three_public.{key}", labels.THREE_PUBLIC.get(key, key), figure)
    if report.operating_costs is not None:
        yield of_figure("operating_costs", labels.OPERATING_COSTS, report.operating_costs)
