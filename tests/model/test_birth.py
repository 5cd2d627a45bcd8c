"""Dates of birth: the spellings lists use, read into intervals, compared and put in words."""

from __future__ import annotations

import pytest

from proscribe.model.birth import birth_label, births_agree, read_birth_date, unique_births


@pytest.mark.parametrize(
    ("text", "stored"),
    [
        ("1962-01-12", "1962-01-12"),
        ("1962-01-12T00:00:00", "1962-01-12"),
        ("1962-01", "1962-01"),
        ("1962", "1962"),
        ("12 Jan 1962", "1962-01-12"),
        ("12 January 1962", "1962-01-12"),
        ("January 12, 1962", "1962-01-12"),
        ("Sep. 1958", "1958-09"),
        ("Sept 1958", "1958-09"),
        (" Nov.  1973 ", "1973-11"),
        ("12/01/1962", "1962-01-12"),  # day first, as lists outside the US write it
        ("12.01.1962", "1962-01-12"),
        ("00/01/1962", "1962-01"),
        ("00/00/1962", "1962"),
        ("1960-1962", "1960-01-01/1962-12-31"),
        ("1960 to 1962", "1960-01-01/1962-12-31"),
        ("Between 1955 and 1958", "1955-01-01/1958-12-31"),
        ("Between Aug. and Sep. 1977", "1977-08-01/1977-09-30"),
        ("circa 1966", "1965-01-01/1967-12-31"),
        ("approximately 1966", "1965-01-01/1967-12-31"),
        ("c. 1966", "1965-01-01/1967-12-31"),
        ("circa 07 Jul 1966", "1965-01-01/1967-12-31"),  # no more exact than "circa 1966"
        ("circa 1979-1982", "1978-01-01/1983-12-31"),
    ],
)
def test_spellings_lists_use_are_read(text: str, stored: str) -> None:
    found = read_birth_date(text)
    assert found is not None and found.iso() == stored


@pytest.mark.parametrize(
    "text",
    [
        "",
        "24/06/1402 (Hijri Calendar)",  # not a Gregorian year
        "30-35 years old",
        "31/02/1970",  # no such day
        "00/12/0000",
        "1962 to 1960",  # backwards
        "Between Sep. and Aug. 1977",
        "9999",
        "sometime in the sixties",
    ],
)
def test_what_is_not_a_date_of_birth_is_read_as_nothing(text: str) -> None:
    assert read_birth_date(text) is None


def test_dates_agree_when_they_can_be_the_same_birth() -> None:
    assert births_agree("1962", "1962-01-12")
    assert births_agree("1966-05", "1965-01-01/1967-12-31")  # "circa 1966"
    assert births_agree("1958-09-30", "1958-09")
    assert not births_agree("1975", "1965-01-01/1967-12-31")
    assert not births_agree("1962-01-13", "1962-01-12")


def test_labels_and_repeats() -> None:
    assert birth_label("1965-01-01/1967-12-31") == "1965 to 1967"
    assert birth_label("1977-08-01/1977-09-30") == "1977-08-01 to 1977-09-30"
    assert birth_label("1958-09") == "1958-09"
    assert unique_births([read_birth_date("1962"), None, read_birth_date("00/00/1962")]) == ("1962",)
