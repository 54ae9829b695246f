"""Figures as reports write them, converted to 万元."""

from __future__ import annotations

import pytest

from generator.figures import SCALE, clean, number, to_wan


@pytest.mark.parametrize(
    "num",
    [
        "9,101.68",
        "91,016,775.35",
        "0.005",
        "12.3456789",  # more decimals than a 万元 figure keeps
        "-3.5",
        "20",
        "5.00",
        "4,294,967,295.123456",  # just below where a double holds 6 decimals
        "4,294,967,296.123456",
        "123456789012.34",
    ],
)
@pytest.mark.parametrize("unit", list(SCALE))
def test_to_wan_is_the_cleaned_product(num, unit):
    """The quick paths give the number, and the type, that rounding the product gives."""
    expected = clean(number(num) * SCALE[unit])
    found = to_wan(num, unit)
    assert (found, type(found)) == (expected, type(expected))


def test_a_figure_in_yuan_becomes_wan_with_its_fen():
    assert to_wan("91,016,775.35", "元") == 9101.677535
    assert to_wan("50,000", "元") == 5 and isinstance(to_wan("50,000", "元"), int)
    assert clean(2.0000000000004) == 2 and isinstance(clean(2.0000000000004), int)
