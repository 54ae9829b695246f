"""A figure as a report writes it ("9,101.68", "91,016,775.35" in 元) converted to a number in 万元."""

from __future__ import annotations

SCALE = {"元": 0.0001, "万元": 1.0, "万": 1.0, "亿元": 10000.0}


def number(text: str) -> float:
    return float(text.replace(",", ""))


def clean(value: float) -> float | int:
    """Rounded past float noise (6 places keep a 元 figure's fen) and written as an int when whole."""
    value = round(float(value), 6)
    return int(value) if value.is_integer() else value


def to_wan(num: str, unit: str) -> float | int:
    """An amount in 万元, keeping every digit the report gives: `clean(number(num) * SCALE[unit])` written out,
    as every figure of every report passes here."""
    value = round(float(num.replace(",", "")) * SCALE[unit], 6)
    return int(value) if value.is_integer() else value
