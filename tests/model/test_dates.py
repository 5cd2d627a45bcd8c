"""PartialDate: parsing, rendering and the interval-aware comparison rules."""

from __future__ import annotations

from datetime import date

import pytest

from proscribe.errors import InputError
from proscribe.model import PartialDate, parse_day


@pytest.mark.parametrize(
    ("text", "earliest", "latest", "precision"),
    [
        ("2024-05-27", date(2024, 5, 27), date(2024, 5, 27), "day"),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29), "month"),
        ("2003", date(2003, 1, 1), date(2003, 12, 31), "year"),
        ("2017-07-01/2017-07-03", date(2017, 7, 1), date(2017, 7, 3), "range"),
        ("../2023-12-31", None, date(2023, 12, 31), "range"),
        ("2003-03/..", date(2003, 3, 1), None, "range"),
        ("unknown", None, None, "unknown"),
    ],
)
def test_parse_and_render_round_trip(
    text: str, earliest: date | None, latest: date | None, precision: str
) -> None:
    value = PartialDate.parse(text)
    assert (value.earliest, value.latest, value.precision) == (earliest, latest, precision)
    assert PartialDate.parse(value.iso()) == value


@pytest.mark.parametrize(
    "text", ["2024-13-01", "24-05-01", "May 2024", "2024-02-30", "2024-06-05/2024-06-01"]
)
def test_malformed_dates_name_the_text(text: str) -> None:
    with pytest.raises(InputError, match="malformed date"):
        PartialDate.parse(text)


def test_parse_day_requires_a_full_date() -> None:
    assert parse_day("2025-06-01") == date(2025, 6, 1)
    with pytest.raises(InputError, match="full date"):
        parse_day("2025-06")
    # A day that does not exist gets the same advice, not the partial forms a claim may use.
    with pytest.raises(InputError, match=r"^malformed date '2025-02-30': expected a full date YYYY-MM-DD$"):
        parse_day("2025-02-30")


def test_before_after_overlap_are_interval_aware() -> None:
    month = PartialDate.parse("2023-12")
    day = PartialDate.parse("2023-12-29")
    june = PartialDate.parse("2024-06-03")
    assert month.overlaps(day) and day.overlaps(month)
    assert not month.before(day) and not day.after(month)
    assert day.before(june) and june.after(day)
    assert day.gap_days(june) == 157
    assert month.gap_days(day) == 0


def test_open_bounds_are_unknown_not_errors() -> None:
    by_end_2023 = PartialDate.parse("../2023-12-31")
    assert by_end_2023.contains(date(1990, 1, 1))
    assert by_end_2023.before(PartialDate.parse("2024"))
    assert not PartialDate.unknown().before(PartialDate.parse("2024"))
    assert PartialDate.unknown().overlaps(PartialDate.parse("2024"))
    assert by_end_2023.width_days is None


def test_sort_key_puts_open_earliest_first() -> None:
    values = [PartialDate.parse(t) for t in ("2024", "2023-12-29", "../2024-01-31", "2023-12")]
    assert [v.iso() for v in sorted(values, key=PartialDate.sort_key)] == [
        "../2024-01-31",
        "2023-12",
        "2023-12-29",
        "2024",
    ]


def test_intersect_keeps_the_more_precise_value() -> None:
    assert PartialDate.parse("2005-03").intersect(PartialDate.parse("2005-03-15")).iso() == "2005-03-15"
