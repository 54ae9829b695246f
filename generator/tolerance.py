"""Rounding: when two figures a report states are the same number as far as its printed precision allows.

A report prints amounts to 0.01 万元, so each summed term may be off by up to 0.005 either way: 0.01 per term is
the tolerance of a sum. A percentage is within rounding if some pair of amounts within ±0.005 of the stated ones
gives it, printed to the decimals the report prints it with.
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

from generator.records import Fact

AMOUNT_ROUNDING = 0.005
TERM_TOLERANCE = 0.01
EPSILON = 1e-9
TRUNCATED = "truncated"
TRUNCATED_NOTE = "（仅差末位一个单位，像是截去而非四舍五入）"


def value(fact: Fact | None) -> float | None:
    """A stated number, or None where the report states none (or states text)."""
    if fact is None:
        return None
    number = fact.value
    if type(number) is float:  # most figures: the one test every check pays for
        return number
    if isinstance(number, bool) or not isinstance(number, int | float):
        return None
    return float(number)


def sum_tolerance(terms: int) -> float:
    return TERM_TOLERANCE * max(terms, 1) + EPSILON


@lru_cache(maxsize=4096)  # shares are tried against every total a report states
def half_unit(pct: float) -> float:
    """Half a unit of the last decimal printed: 8.3 → 0.05, 12 → 0.5, 17.91 → 0.005."""
    exponent = Decimal(repr(pct)).normalize().as_tuple().exponent
    decimals = max(-int(exponent), 0)
    return 0.5 * 10.0 ** (-decimals)


def pct_off(pct: float, numerator: float, denominator: float) -> str | None:
    """How a stated percentage disagrees with numerator/denominator: None within rounding, "truncated" within
    one unit of its last decimal (cut off rather than rounded: a presentation slip), else "beyond"."""
    # Every percentage numerator/denominator can give with both amounts within ±0.005 (none to check if the base can
    # be 0). Division is monotonic, so the extremes are two of the four corners: the least numerator over the
    # greatest denominator (the least, if that numerator is negative), and the greatest numerator over the least
    # denominator (the greatest, if negative). Worked out here rather than by a helper: shares try every total.
    low_den, high_den = denominator - AMOUNT_ROUNDING, denominator + AMOUNT_ROUNDING
    if low_den <= 0:
        return None
    low_num, high_num = 100 * (numerator - AMOUNT_ROUNDING), 100 * (numerator + AMOUNT_ROUNDING)
    low = low_num / (high_den if low_num >= 0 else low_den)
    high = high_num / (low_den if high_num >= 0 else high_den)
    half = half_unit(pct)
    if low - half - EPSILON <= pct <= high + half + EPSILON:
        return None
    unit = 2 * half
    if low - unit - EPSILON <= pct <= high + unit + EPSILON:
        return TRUNCATED
    return "beyond"


def wan(amount: float) -> str:
    """An amount as a reader expects it: 345.67万元, 20万元."""
    text = f"{amount:.4f}".rstrip("0").rstrip(".")
    return f"{'0' if text == '-0' else text}万元"


def pct_text(pct: float) -> str:
    text = f"{pct:.2f}".rstrip("0").rstrip(".")
    return f"{text}%"


def printed_rounding(amount: float) -> float:
    """Half a unit of an amount's last printed decimal, at least AMOUNT_ROUNDING: 4939 → 0.5, 44.8 → 0.05."""
    return max(half_unit(amount), AMOUNT_ROUNDING)


def agrees(one: Fact, other: Fact) -> bool:
    """Two statements of one figure are the same number as far as the less precise of them is printed."""
    first, second = value(one), value(other)
    if first is None or second is None:
        return False
    return abs(first - second) <= max(printed_rounding(first), printed_rounding(second)) + EPSILON
