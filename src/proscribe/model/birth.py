"""Dates of birth as lists state them: read from their many spellings, compared as intervals.

A list rarely knows a birth to the day: "1962", "Sep. 1958", "between 1955 and 1958", "circa
1966", "00/00/1970". Each is kept as a `PartialDate` (the interval of days the birth may fall on)
and stored as its ISO text (`1962-01-12`, `1958-09`, `1955-01-01/1958-12-31`). A date given as
approximate ("circa", "approximately") widens by one year each side: a list that says "about 1966"
does not rule out 1965, and "circa 07 Jul 1966" is no more exact. Two dates of birth *agree* when
their intervals overlap; screening uses that to tell a namesake from the listed person
(proscribe.screen.births).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from datetime import date
from typing import NamedTuple

from proscribe.errors import InputError
from proscribe.model.dates import PartialDate

_MONTHS = {name.casefold(): number for number, name in enumerate(calendar.month_name) if name} | {
    name.casefold(): number for number, name in enumerate(calendar.month_abbr) if name
}
_MONTHS["sept"] = 9
_APPROXIMATE = re.compile(r"^(?:circa|ca\.?|c\.|approx(?:imately|\.)?|about|around)\s+", re.IGNORECASE)
_YEAR_SPAN = re.compile(r"^(?:between\s+)?(\d{4})\s*(?:-|–|to|and)\s*(\d{4})$", re.IGNORECASE)
_NUMERIC_DMY = re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{4})$")
_WORDS_DMY = re.compile(r"^(?:(\d{1,2})\s+)?([A-Za-z]+)\.?,?\s+(\d{4})$")
_MONTH_SPAN = re.compile(r"^between\s+([A-Za-z]+)\.?\s+and\s+([A-Za-z]+)\.?\s+(\d{4})$", re.IGNORECASE)
_WORDS_MDY = re.compile(r"^([A-Za-z]+)\.?\s+(\d{1,2}),\s*(\d{4})$")
_ISO_TIME = re.compile(r"^(\d{4}-\d{2}-\d{2})T[\d:.]+Z?$")
# Bounds of a plausible birth year: a Hijri year (1402) or a typed 9999 is read as nothing.
_EARLIEST_YEAR, _LATEST_YEAR = 1850, 2100


class BirthStatement(NamedTuple):
    """One date of birth one list record states (`value` as stored, see the module docstring)."""

    value: str
    source_name: str
    record_key: str


def approximate_year(year: int) -> PartialDate:
    """A birth year a list gives as approximate: that year and one either side."""
    return PartialDate.between(date(year - 1, 1, 1), date(year + 1, 12, 31))


def year_span(first: int, last: int) -> PartialDate | None:
    """A birth "between" two years, inclusive (None when they run backwards)."""
    if first > last:
        return None
    return (
        PartialDate.between(date(first, 1, 1), date(last, 12, 31))
        if first < last
        else PartialDate.year(first)
    )


def read_birth_date(text: str) -> PartialDate | None:
    """The birth date a list writes as `text`, or None when it is not one this reads.

    Reads ISO (`1962-01-12`, `1962-01`, `1962`, with or without a time), day-first numbers with
    zeros for the unknown parts (`12/01/1962`, `00/01/1962`, `00/00/1962`, `12.01.1962`), words
    (`12 Jan 1962`, `12 January 1962`, `Sep. 1958`, `January 12, 1962`), spans of years
    (`1960-1962`, `1960 to 1962`, `between 1960 and 1962`), spans of months (`Between Aug. and
    Sep. 1977`) and approximate years (`circa 1966`, `approximately 1966`, `c. 1966`). A year
    outside 1850..2100 is nobody's birth year (a Hijri year such as 1402 is read as nothing, not
    as a Gregorian one).
    """
    value = " ".join(text.split()).strip(" ;,")
    if not value:
        return None
    approximate = _APPROXIMATE.match(value)
    if approximate:
        value = value[approximate.end() :]
    try:
        found = _read(value)
    except (ValueError, InputError):
        return None
    if found is None or not approximate or found.earliest is None or found.latest is None:
        return found
    # "circa 07 Jul 1966" is no more exact than "circa 1966": a year each side of what it names.
    return PartialDate.between(date(found.earliest.year - 1, 1, 1), date(found.latest.year + 1, 12, 31))


def _read(value: str) -> PartialDate | None:
    if match := _ISO_TIME.match(value):
        value = match[1]
    if re.fullmatch(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", value):
        parsed = PartialDate.parse(value)
        return parsed if _plausible_date(parsed) else None
    if match := _YEAR_SPAN.match(value):
        first, last = int(match[1]), int(match[2])
        return year_span(first, last) if _plausible(first) and _plausible(last) else None
    if match := _MONTH_SPAN.match(value):
        opens, closes = _MONTHS.get(match[1].casefold()), _MONTHS.get(match[2].casefold())
        year = int(match[3])
        if not (opens and closes and opens <= closes and _plausible(year)):
            return None
        return PartialDate.between(
            PartialDate.month(year, opens).earliest, PartialDate.month(year, closes).latest
        )
    if match := _NUMERIC_DMY.match(value):
        return _day_month_year(int(match[1]), int(match[2]), int(match[3]))
    if match := _WORDS_DMY.match(value):
        month = _MONTHS.get(match[2].casefold())
        if month is None:
            return None
        return _day_month_year(int(match[1] or 0), month, int(match[3]))
    if match := _WORDS_MDY.match(value):
        month = _MONTHS.get(match[1].casefold())
        return _day_month_year(int(match[2]), month, int(match[3])) if month else None
    return None


def _day_month_year(day: int, month: int, year: int) -> PartialDate | None:
    """A date from its numbers, 0 standing for an unknown day or month."""
    if not _plausible(year) or (month == 0 and day != 0):
        return None
    if month == 0:
        return PartialDate.year(year)
    if day == 0:
        return PartialDate.month(year, month)
    return PartialDate.day(date(year, month, day))


def _plausible(year: int) -> bool:
    return _EARLIEST_YEAR <= year <= _LATEST_YEAR


def _plausible_date(value: PartialDate) -> bool:
    return value.earliest is not None and _plausible(value.earliest.year)


def unique_births(values: Iterable[PartialDate | None]) -> tuple[str, ...]:
    """The distinct birth dates among `values`, as stored (ISO text), in the order first given."""
    return tuple(dict.fromkeys(value.iso() for value in values if value is not None))


def births_agree(stated: str, listed: str) -> bool:
    """Whether two stored birth dates can be the same person's (their intervals overlap)."""
    return PartialDate.parse(stated).overlaps(PartialDate.parse(listed))


def birth_label(stored: str) -> str:
    """A stored birth date in words for people: `1962-01-12`, `1958-09`, `1965 to 1967`."""
    value = PartialDate.parse(stored)
    low, high = value.earliest, value.latest
    if (
        value.precision == "range"
        and low
        and high
        and (low.month, low.day, high.month, high.day) == (1, 1, 12, 31)
    ):
        return f"{low.year} to {high.year}"
    if value.precision == "range" and low and high:
        return f"{low.isoformat()} to {high.isoformat()}"
    return value.iso()
