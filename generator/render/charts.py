"""Charts for the site's pages, drawn at build time as static SVG that scales to a phone's width.

Why static SVG: vega-embed would send every visitor ~300 KB of JavaScript (Vega, Vega-Lite and the embed
glue, self-hosted since the site works offline) and draw on the phone's CPU, while an SVG rendered here is a
few KB of markup that shows with JavaScript off. Drawing costs ~60 ms a chart at build time, paid once: SVGs are
cached on disk by their spec (benchmarks/charts.py).

Every chart is one layout, chosen for a 360 px screen: one row per figure, its name and its amount on a line,
a bar below. Names keep the whole width that way, long ones are cut with "…" and stand whole in `alt_rows`,
the text alternative the page shows beside the chart. Names are cut here, by an estimate of their width, rather
than by Vega's `limit`: vl-convert measures text by laying it out as SVG, ~3 ms a string, and a limit measures
every name once more.
"""

from __future__ import annotations

import functools
import hashlib
import html
import json
import math
import os
import re
import tempfile
import warnings
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any

import altair as alt
import vl_convert

from generator import labels
from generator.render.figures import amount_text, kind_name, number

DEFAULT_CACHE_DIR = Path(".cache/charts")

# Debian's fonts-noto-cjk; the family list after it serves phones, which draw the SVG's text with their own fonts.
CJK_FONT_FILES = "NotoSansCJK-Regular.*"
FONT_ROOTS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"))
FONT_FAMILY = "'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif"

VEGA_LITE_VERSION = ".".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])

WIDTH = 320  # px of drawing; with Vega's 5 px padding the SVG is 330 wide, about a 360 px phone's column
MAX_WIDTH = 480  # px the SVG may grow to on a wide screen, where text 1.5 times a phone's is big enough
ROW_STEP = 44
BAR_HEIGHT = 12
FONT_SIZE = 14
GAP = 12  # px at least between a name and its amount
# Advance widths at FONT_SIZE (Noto Sans CJK, bold digits), to leave a name the line its amounts do not take.
DIGIT_WIDTH = 8.5
MARK_WIDTH = 4.0  # "," and "."
CJK_WIDTH = FONT_SIZE
LATIN_WIDTH = 0.7 * FONT_SIZE  # at most, for a letter, digit or sign in a name (W and M are the widest)
ELLIPSIS = "…"
TEXT_COLOUR = "#1a202c"
BAR_COLOUR = "#2b6cb0"
TRACK_COLOUR = "#e2e8f0"
FALL_COLOUR = "#c05621"  # a decrease, beside BAR_COLOUR's increase
PLAN_COLOUR = "#90cdf4"  # a plan (年初预算), beside BAR_COLOUR's outcome
AXIS_COLOUR = "#4a5568"
PAIR_HEIGHT = 6  # px of each of a row's two bars (plan over outcome)
LARGEST_COUNT = 10  # rows a comparison chart draws: the largest, the rest stand in the table beside it
# A row's name and amount, on a line above its bar; Altair's mark methods take them as keyword arguments.
ROW_TEXT: dict[str, Any] = {
    "baseline": "middle", "dy": -BAR_HEIGHT / 2 - 2, "fontSize": FONT_SIZE, "color": TEXT_COLOUR
}


SVG_OPEN = re.compile(r"<svg\b[^>]*>")
SVG_SIZE = re.compile(r'\s(?:width|height)="[^"]*"')
PROLOGUE = re.compile(r"\A\s*(?:<\?xml[^>]*\?>\s*)?(?:<!DOCTYPE[^>]*>\s*)?")
ID_DEFINITION = re.compile(r'\bid="([^"]+)"')
ID_REFERENCE = re.compile(r'(url\(#|href="#)([^")]+)')
# A line break in a label would reach the SVG as is; a blank line there ends a Markdown page's raw HTML block.
WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Chart:
    """A chart ready for a page: inline SVG, the sentence that captions it, and its rows as text."""

    svg: str
    caption: str
    alt_rows: list[tuple[str, str]]


def functions_chart(record: dict[str, Any], cache_dir: Path | str = DEFAULT_CACHE_DIR) -> Chart | None:
    """Spending by function (类), largest first; None when no 类 states a positive amount."""
    rows = [
        (item["name"], item["amount"])
        for item in record.get("functions") or []
        if item.get("name") and _positive(item.get("amount"))
    ]
    if not rows:
        return None
    return _rows_chart(_largest_first(rows), f"{_period(record)}支出按功能分类（万元）", Path(cache_dir))


def income_chart(record: dict[str, Any], cache_dir: Path | str = DEFAULT_CACHE_DIR) -> Chart | None:
    """Income by source, largest first; None for fewer than two sources with a positive amount.

    财政拨款收入 (`fiscal`) is drawn only where none of its parts (`labels.FISCAL_PARTS`) has a positive amount,
    so no money is drawn twice; where the parts are stated they are the finer account.
    """
    income = record.get("income") or {}
    stated = {key: income[key]["amount"] for key in labels.INCOME if _positive((income.get(key) or {}).get("amount"))}
    if any(part in stated for part in labels.FISCAL_PARTS):
        stated.pop("fiscal", None)
    if len(stated) < 2:
        return None
    rows = [(labels.INCOME[key], amount) for key, amount in stated.items()]
    return _rows_chart(_largest_first(rows), f"{_period(record)}收入按来源（万元）", Path(cache_dir))


def trend_chart(records: list[dict[str, Any]], cache_dir: Path | str = DEFAULT_CACHE_DIR) -> Chart | None:
    """One department's total spending by year, earliest first; None for fewer than two years stating it.

    Budgets and final accounts are not mixed: the kind most years state is drawn (预算 on a tie). A year
    whose records of that kind disagree (a 部门预算 beside a 单位预算) is left out rather than guessed.
    """
    stated = [
        record
        for record in records
        if isinstance(record.get("year"), int) and _positive((record.get("totals") or {}).get("expenditure"))
    ]
    kinds: Counter[str | None] = Counter(record.get("kind") for record in stated)
    if not kinds:
        return None
    kind = max(kinds, key=lambda k: (kinds[k], k == "budget"))
    by_year: dict[int, set[float]] = {}
    for record in stated:
        if record.get("kind") == kind:
            by_year.setdefault(record["year"], set()).add(record["totals"]["expenditure"])
    years = sorted(year for year, amounts in by_year.items() if len(amounts) == 1)
    if len(years) < 2:
        return None
    rows = [(f"{year}年", next(iter(by_year[year]))) for year in years]
    caption = f"{years[0]}—{years[-1]}年{kind_name(kind)}支出总额（万元）"
    return _rows_chart(rows, caption, Path(cache_dir))


def ranking_chart(
    rows: list[tuple[str, float]], caption: str, cache_dir: Path | str = DEFAULT_CACHE_DIR
) -> Chart | None:
    """Departments by one stated amount, largest first, the first `LARGEST_COUNT` drawn (the caption says so where
    more are ranked: the table beside the chart lists them all); None for fewer than two departments."""
    if len(rows) < 2:
        return None
    if len(rows) > LARGEST_COUNT:
        caption = f"{caption}，前{LARGEST_COUNT}名"
    return _rows_chart(_largest_first(rows)[:LARGEST_COUNT], caption, Path(cache_dir))


def changes_chart(
    rows: list[tuple[str, float, float]], caption: str, cache_dir: Path | str = DEFAULT_CACHE_DIR
) -> Chart | None:
    """The largest changes between two years (name, before, after), rises right and falls left of a middle line.

    None where no row changed; only rows with both years' amounts are drawn, so every bar is a stated difference.
    """
    changed = [(name, round(after - before, 6)) for name, before, after in rows if abs(after - before) >= 0.005]
    if not changed:
        return None
    largest = sorted(changed, key=lambda row: -abs(row[1]))[:LARGEST_COUNT]
    extent = max(abs(delta) for _, delta in largest)
    middle = WIDTH / 2
    values = [
        {
            "name": name,
            "text": signed_amount_text(delta),
            "bars": [(middle, middle + delta / extent * middle, BAR_COLOUR if delta > 0 else FALL_COLOUR)],
        }
        for name, delta in largest
    ]
    key, svg = render_svg(_pixel_spec(values, rule_at=middle), Path(cache_dir))
    return Chart(
        svg=_inline(svg, caption, key[:10]),
        caption=caption,
        alt_rows=[(name, signed_amount_text(delta)) for name, delta in largest],
    )


def plan_chart(
    rows: list[tuple[str, float, float]], caption: str, cache_dir: Path | str = DEFAULT_CACHE_DIR
) -> Chart | None:
    """Plan against outcome (name, plan, outcome) for the largest plans: a light plan bar over a dark outcome bar."""
    drawn = [row for row in rows if _positive(row[1]) or _positive(row[2])]
    if not drawn:
        return None
    largest = sorted(drawn, key=lambda row: -max(row[1], row[2]))[:LARGEST_COUNT]
    extent = max(max(plan, outcome) for _, plan, outcome in largest)
    values = [
        {
            "name": name,
            "text": f"{number(outcome)} / {number(plan)}",
            "bars": [(0, plan / extent * WIDTH, PLAN_COLOUR), (0, outcome / extent * WIDTH, BAR_COLOUR)],
        }
        for name, plan, outcome in largest
    ]
    key, svg = render_svg(_pixel_spec(values), Path(cache_dir))
    return Chart(
        svg=_inline(svg, caption, key[:10]),
        caption=caption,
        alt_rows=[(name, f"预算 {amount_text(plan)}，决算 {amount_text(outcome)}") for name, plan, outcome in largest],
    )


def signed_amount_text(amount: float) -> str:
    """A change as the comparison charts write it, every stated digit kept: +12.34 万元, −5 万元."""
    return ("+" if amount > 0 else "−" if amount < 0 else "") + amount_text(abs(amount))


def render_svg(spec: dict[str, Any], cache_dir: Path) -> tuple[str, str]:
    """vl-convert's SVG for a Vega-Lite spec and its cache key; from the cache when the spec was drawn before."""
    key = _cache_key(spec)
    path = cache_dir / f"{key}.svg"
    if path.exists():
        return key, path.read_text(encoding="utf-8")
    svg = _convert(spec)
    cache_dir.mkdir(parents=True, exist_ok=True)
    # Written beside its final name, then renamed: a reader in another build never sees half a file.
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=cache_dir, suffix=".tmp", delete=False) as handle:
        handle.write(svg)
    os.replace(handle.name, path)
    return key, svg


def _rows_chart(rows: list[tuple[str, float]], caption: str, cache_dir: Path) -> Chart:
    key, svg = render_svg(_rows_spec(rows), cache_dir)
    svg = _inline(svg, caption, key[:10])
    return Chart(svg=svg, caption=caption, alt_rows=[(label, amount_text(amount)) for label, amount in rows])


def _rows_spec(rows: list[tuple[str, float]]) -> dict[str, Any]:
    """The row layout's Vega-Lite with these rows as its data; names get what the widest amount leaves."""
    name_width = WIDTH - GAP - max(_text_width(amount_text(amount)) for _, amount in rows)
    spec: dict[str, Any] = json.loads(_rows_layout())
    spec["data"] = {
        "values": [
            {"row": index, "name": _fitted(label, name_width), "amount": amount, "text": amount_text(amount)}
            for index, (label, amount) in enumerate(rows)
        ]
    }
    return spec


def _row_base() -> alt.Chart:
    """A chart of one row per datum, its data left empty for the spec's caller to fill in."""
    # alt.Data's __init__ is unannotated; the typed InlineData would move the values into top-level "datasets".
    data = alt.Data(values=[])  # type: ignore[no-untyped-call]
    return alt.Chart(data).encode(y=alt.Y("row:O", axis=None))


@functools.cache
def _rows_layout() -> str:
    """Vega-Lite (as JSON) for the row layout: name left and amount right on one line, the bar under them.

    Built once: Altair spends ~70 ms building and validating a chart, as long as vl-convert spends drawing it.
    """
    base = _row_base()
    bar: dict[str, Any] = {"height": BAR_HEIGHT, "yOffset": BAR_HEIGHT}
    track = base.mark_bar(color=TRACK_COLOUR, **bar).encode(x=alt.value(0), x2=alt.value(WIDTH))
    amounts = base.mark_bar(color=BAR_COLOUR, **bar).encode(
        x=alt.X("amount:Q", axis=None, scale=alt.Scale(domainMin=0, nice=False))
    )
    names = base.mark_text(align="left", **ROW_TEXT).encode(x=alt.value(0), text="name:N")
    values = base.mark_text(align="right", fontWeight="bold", **ROW_TEXT).encode(x=alt.value(WIDTH), text="text:N")
    chart = (
        alt.layer(track, amounts, names, values)
        .properties(width=WIDTH, height=alt.Step(ROW_STEP), background="white")
        .configure(font=FONT_FAMILY)
        .configure_view(stroke=None)
        .configure_mark(aria=False)
    )
    return json.dumps(chart.to_dict())


def _pixel_spec(values: list[dict[str, Any]], rule_at: float | None = None) -> dict[str, Any]:
    """The row layout with bars placed in px (one or two a row, each start, end and colour), for charts whose bars
    do not start at zero (a fall drawn leftwards) or share a row (plan and outcome); `rule_at` draws a middle line."""
    name_width = WIDTH - GAP - max(_text_width(row["text"]) for row in values)
    spec: dict[str, Any] = json.loads(_pixel_layout(len(values[0]["bars"]), rule_at))
    data = []
    for index, row in enumerate(values):
        entry = {"row": index, "name": _fitted(row["name"], name_width), "text": row["text"]}
        for bar, (start, end, colour) in enumerate(row["bars"]):
            entry |= {f"start{bar}": round(min(start, end), 2), f"end{bar}": round(max(start, end), 2),
                      f"colour{bar}": colour}
        data.append(entry)
    spec["data"] = {"values": data}
    return spec


@functools.cache
def _pixel_layout(bars: int, rule_at: float | None) -> str:
    """Vega-Lite (as JSON) for rows whose bars are given in px: name and text on a line, the bars under them."""
    base = _row_base()
    height = BAR_HEIGHT if bars == 1 else PAIR_HEIGHT
    layers = [base.mark_bar(color=TRACK_COLOUR, height=BAR_HEIGHT, yOffset=BAR_HEIGHT).encode(
        x=alt.value(0), x2=alt.value(WIDTH)
    )]
    for bar in range(bars):
        layers.append(
            base.mark_bar(height=height, yOffset=BAR_HEIGHT - (bars - 1 - 2 * bar) * height / 2).encode(
                x=alt.X(f"start{bar}:Q", scale=None, axis=None),
                x2=f"end{bar}:Q",
                color=alt.Color(f"colour{bar}:N", scale=None),
            )
        )
    if rule_at is not None:
        layers.append(
            base.mark_tick(color=AXIS_COLOUR, thickness=1, size=BAR_HEIGHT + 4, yOffset=BAR_HEIGHT).encode(
                x=alt.value(rule_at)
            )
        )
    layers.append(base.mark_text(align="left", **ROW_TEXT).encode(x=alt.value(0), text="name:N"))
    layers.append(
        base.mark_text(align="right", fontWeight="bold", **ROW_TEXT).encode(x=alt.value(WIDTH), text="text:N")
    )
    chart = (
        alt.layer(*layers)
        .properties(width=WIDTH, height=alt.Step(ROW_STEP), background="white")
        .configure(font=FONT_FAMILY)
        .configure_view(stroke=None)
        .configure_mark(aria=False)
    )
    return json.dumps(chart.to_dict())


def _inline(svg: str, caption: str, prefix: str) -> str:
    """SVG for inlining in HTML: no prologue, width of its container, ids no other chart on the page shares."""
    svg = PROLOGUE.sub("", svg)
    svg = ID_DEFINITION.sub(lambda match: f'id="c{prefix}-{match[1]}"', svg)
    svg = ID_REFERENCE.sub(lambda match: f"{match[1]}c{prefix}-{match[2]}", svg)
    opening = SVG_OPEN.search(svg)
    if opening is None:
        raise ValueError("vl-convert returned no <svg> element")
    attributes = SVG_SIZE.sub("", opening[0][len("<svg") : -1])
    label = html.escape(caption, quote=True)
    root = f'<svg{attributes} width="100%" style="height:auto;max-width:{MAX_WIDTH}px" role="img" aria-label="{label}">'
    return svg[: opening.start()] + root + svg[opening.end() :]


def _convert(spec: dict[str, Any]) -> str:
    _register_cjk_font()
    return vl_convert.vegalite_to_svg(spec, vl_version=VEGA_LITE_VERSION)


def _cache_key(spec: dict[str, Any]) -> str:
    """Spec, converter, Vega-Lite and font: any of them changed draws a different SVG."""
    parts = [
        json.dumps(spec, sort_keys=True, ensure_ascii=False),
        version("vl-convert-python"),
        VEGA_LITE_VERSION,
        _register_cjk_font(),
    ]
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


@functools.cache
def _register_cjk_font() -> str:
    """Registers a CJK font with vl-convert once, so Chinese labels are measured right; its file name or ""."""
    font = next(_font_files(FONT_ROOTS), None)
    if font is None:
        warnings.warn(
            "no CJK font found (Debian: apt-get install fonts-noto-cjk); Chinese chart labels may be mis-measured",
            stacklevel=3,
        )
        return ""
    vl_convert.register_font_directory(str(font.parent))
    return font.name


def _font_files(roots: Iterable[Path]) -> Iterator[Path]:
    for root in roots:
        if root.is_dir():
            yield from sorted(root.rglob(CJK_FONT_FILES))


def _text_width(text: str) -> float:
    """An amount's width in px, estimated from its characters (digits, marks and spaces, 万元)."""
    return sum(DIGIT_WIDTH if char.isdigit() else MARK_WIDTH if char in ",. " else CJK_WIDTH for char in text)


def _fitted(name: str, width: float) -> str:
    """A name on one line, cut with "…" where its estimated width passes `width` px (an estimate on the wide side:
    a name cut a character early is better than one running into its amount)."""
    name = WHITESPACE.sub(" ", name).strip()
    if _name_width(name) <= width:
        return name
    kept, used = 0, float(CJK_WIDTH)  # the ellipsis
    while used + _name_width(name[kept]) <= width:
        used += _name_width(name[kept])
        kept += 1
    return name[:kept] + ELLIPSIS


def _name_width(text: str) -> float:
    return sum(LATIN_WIDTH if char.isascii() else CJK_WIDTH for char in text)


def _largest_first(rows: list[tuple[str, float]]) -> list[tuple[str, float]]:
    return sorted(rows, key=lambda row: -row[1])


def _period(record: dict[str, Any]) -> str:
    """The period a caption opens with (2024年预算), leaving out the year or the kind where the record lacks it."""
    year = record.get("year")
    return (f"{year}年" if year else "") + kind_name(record.get("kind"))


def _positive(amount: Any) -> bool:
    return isinstance(amount, int | float) and not isinstance(amount, bool) and math.isfinite(amount) and amount > 0
