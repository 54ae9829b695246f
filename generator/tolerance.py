"""Rounding: when two figures a report states are the same number as far as its printed precision allows.

A report prints amounts to 0.01 万元, so each summed term may be off by up to 0.005 either way: 0.01 per term is
the tolerance of a sum. A percentage is within rounding if some pair of amounts within ±0.005 of the stated ones
gives it, printed to the decimals the report prints it with. An amount printed coarser than 0.01 万元 (a total of
"723万元" beside parts of 696.3086 and 27) may be off by half a unit of its own last digit.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from generator.records import Fact

AMOUNT_ROUNDING = 0.005
TERM_TOLERANCE = 0.01
EPSILON = 1e-9
TRUNCATED = "truncated"
TRUNCATED_NOTE = "（仅差末位一个单位，像是截去而非四舍五入）"
# A number as a report prints it, thousands separators and all: "2,144", "723", "696.3086".
PRINTED_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


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


def printed_rounding(fact: Fact) -> float:
    """How far the amount may be from what it rounds: half a unit of the last digit its quote prints it with
    ("723万元" → 0.5), or 0.005 where it is printed to 0.01 or finer, or the quote does not show it as such (an
    amount in 元 converted to 万元 is exact)."""
    amount = value(fact)
    quote = fact.evidence.quote if fact.evidence else ""
    if amount is None:
        return AMOUNT_ROUNDING
    for printed in PRINTED_NUMBER.findall(quote):
        number = printed.replace(",", "")
        if abs(float(number) - amount) < EPSILON:
            decimals = len(number.partition(".")[2])
            return max(0.5 * 10.0**-decimals, AMOUNT_ROUNDING)
    return AMOUNT_ROUNDING


def coarse_slack(facts: list[Fact]) -> float:
    """What amounts printed coarser than 0.01 万元 add to a sum's tolerance, beyond the 0.005 each term has."""
    return sum(printed_rounding(fact) - AMOUNT_ROUNDING for fact in facts)


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


def agrees(one: Fact, other: Fact) -> bool:
    """Two statements of one figure are the same number within a unit of the coarser one's last printed digit: a
    total the text prints to 0.01 may be rounded from rounded parts (921.33 万元 in the text, 921.324552 in a table
    to six decimals)."""
    first, second = value(one), value(other)
    if first is None or second is None:
        return False
    return abs(first - second) <= 2 * max(printed_rounding(one), printed_rounding(other)) + EPSILON
