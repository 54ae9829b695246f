"""A figure as a report writes it ("9,101.68", "91,016,775.35" in 元) converted to a number in 万元."""

from __future__ import annotations

SCALE = {"元": 0.0001, "万元": 1.0, "万": 1.0, "亿元": 10000.0}
# Below 2**32 a double is within 5e-7 of the decimal it was read from: rounding to 6 places gives that decimal back.
EXACT_BELOW = 2.0**32
DECIMALS = 6


def number(text: str) -> float:
    return float(text.replace(",", ""))


def clean(value: float) -> float | int:
    """Rounded past float noise (6 places keep a 元 figure's fen) and written as an int when whole."""
    value = float(value)
    if not value.is_integer():  # a whole number has no noise to round away, and round() is costly
        value = round(value, DECIMALS)
    return int(value) if value.is_integer() else value


def to_wan(num: str, unit: str) -> float | int:
    """An amount in 万元, keeping every digit the report gives: `clean(number(num) * SCALE[unit])`, without the
    rounding where it cannot change the number (a 万元 figure written with at most 6 decimals)."""
    text = num.replace(",", "")
    value = float(text) * SCALE[unit]
    if value.is_integer():
        return int(value)
    if SCALE[unit] == 1.0 and abs(value) < EXACT_BELOW and plain_decimal(text):
        return value
    return clean(value)


def plain_decimal(text: str) -> bool:
    """Digits, a minus sign perhaps, and at most DECIMALS digits after a point (no exponent, no spaces)."""
    whole, _, fraction = text.partition(".")
    return len(fraction) <= DECIMALS and fraction.isdecimal() and whole.lstrip("-").isdecimal()
