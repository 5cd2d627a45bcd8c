"""IMO ship numbers: read as lists write them, and refused when their check digit fails."""

from __future__ import annotations

import pytest

from proscribe.sources.imo import imo_checks, read_imo


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("9300104", "9300104"),
        ("IMO 9512343", "9512343"),
        ("IMO No. 8700553", "8700553"),
        (" imo: 9300104 ", "9300104"),
        # 9*7 + 3*6 + 0*5 + 0*4 + 1*3 + 0*2 = 84: the check digit is 4, not 5.
        ("9300105", None),
        ("930010", None),
        ("93001044", None),
        ("IMO 93OO104", None),
        ("Not applicable", None),
        # Seven zeros pass the check digit (0 = 0 mod 10) but are a placeholder, no ship.
        ("IMO 0000000", None),
        ("", None),
    ],
)
def test_read_imo(text: str, expected: str | None) -> None:
    assert read_imo(text) == expected


def test_only_seven_digits_can_check() -> None:
    assert (imo_checks("9300104"), imo_checks("930010"), imo_checks("930010x")) == (True, False, False)
