"""Small helpers shared by the adapters: input files, date parsing, alias splitting, errors."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import _csv

from proscribe.errors import FormatError
from proscribe.model import PartialDate
from proscribe.model.birth import read_birth_date

_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
# An XML Schema date, year-month, year or date-time with its time zone: `1962-11-09-05:00`,
# `1962-11-09Z`, `1962+01:00`, `1962-11-09T00:00:00-05:00`. The zone says where the day was
# reckoned, not another day: the date is the part before it.
_XS_ZONED = re.compile(r"^(\d{4}(?:-\d{2}(?:-\d{2})?)?)(?:T[\d:.]+)?(?:Z|[+-](?:0\d|1[0-4]):[0-5]\d)$")
_MDY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_ORIGINAL_SCRIPT = re.compile(r"\s*\(original script\)\s*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class InputFile:
    """One input file handed to an adapter: its name (for messages) and its bytes."""

    name: str
    data: bytes


# No list proscribe reads dates a listing or a publication before this year: an earlier one is a
# typing error in the file (the CSL file's `0017-05-26` for 2017, next to "82 FR 24242"), not a date.
EARLIEST_YEAR = 1900


def iso_date(text: str) -> date | None:
    """The date at the start of an ISO 8601 value (`2017-06-30T19:12:08-04:00` -> 2017-06-30), or None
    (also for a year before EARLIEST_YEAR)."""
    match = _ISO.match(text.strip())
    if not match or int(match[1]) < EARLIEST_YEAR:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def without_zone(text: str) -> str:
    """An xs:date (or xs:gYearMonth, xs:gYear, xs:dateTime) value without its time zone
    (`1962-11-09-05:00` -> `1962-11-09`); any other text as given.

    XML formats may write a time zone after any date (the UN's 2017 files date three births
    `1962-11-09-05:00`): a reader of plain ISO dates would take the zone for part of the value.
    """
    value = text.strip()
    found = _XS_ZONED.match(value)
    return found[1] if found else text


def read_stated_birth(text: str) -> PartialDate | None:
    """`read_birth_date` of a list's value, an xs:date's time zone left out (see `without_zone`)."""
    return read_birth_date(without_zone(text))


def dmy_or_mdy(text: str, day_first: bool) -> date | None:
    """Parse `dd/mm/yyyy` (day_first) or `mm/dd/yyyy`; None when the text is not such a date (or its
    year is before EARLIEST_YEAR)."""
    match = _MDY.match(text.strip())
    if not match:
        return None
    first, second, year = int(match[1]), int(match[2]), int(match[3])
    if year < EARLIEST_YEAR:
        return None
    day, month = (first, second) if day_first else (second, first)
    try:
        return date(year, month, day)
    except ValueError:
        return None


def split_alias(text: str) -> list[str]:
    """Split a compound UN alias `X (A; B; C)` into X, A, B, C; any other alias is returned whole.

    The UN writes several spellings into one alias field, e.g. `جبهة النصرة (the Victory Front;
    Jabhat al-Nusrah; Al-Nusra Front)`. Only a trailing parenthesis that holds a `;`-separated list
    is split; `Al-Qaida in Yemen (AQY)` stays as it is.
    """
    value = " ".join(text.split())
    open_at = matching_open(value)
    if open_at <= 0 or ";" not in value[open_at:]:
        return [value] if value else []
    head = value[:open_at].strip()
    inner = value[open_at + 1 : -1]
    parts = [head] + [_ORIGINAL_SCRIPT.sub("", part).strip().rstrip(")").strip() for part in inner.split(";")]
    out: list[str] = []
    for part in parts:
        part = _ORIGINAL_SCRIPT.sub("", part).strip()
        if part.count("(") > part.count(")"):
            part = part[: part.rfind("(")].strip()
        if part and part not in out:
            out.append(part)
    return out


def matching_close(text: str, opening: int) -> int:
    """Index of the `)` that closes the `(` at `opening` in `text`, or -1."""
    depth = 0
    for index, char in enumerate(text[opening:], start=opening):
        depth += (char == "(") - (char == ")")
        if depth == 0:
            return index
    return -1


def matching_open(value: str) -> int:
    """Index of the `(` that the final `)` of `value` closes, or -1."""
    if not value.endswith(")"):
        return -1
    depth = 0
    for index in range(len(value) - 1, -1, -1):
        if value[index] == ")":
            depth += 1
        elif value[index] == "(":
            depth -= 1
            if depth == 0:
                return index
    return -1


def format_error(name: str, where: str, problem: str) -> FormatError:
    """A FormatError naming the file, the element or line, and what was expected."""
    return FormatError(f"{name}: {where}: {problem}")


def csv_preamble(reader: _csv.Reader, name: str) -> list[str]:
    """The first row of a CSV whose header comes second (a date line), or a FormatError on line 1."""
    try:
        return next(reader, [])
    except csv.Error as exc:  # a first "line" of megabytes with no line break, say
        raise format_error(name, "line 1", str(exc)) from None


def csv_table(
    reader: _csv.Reader, name: str, required: Sequence[str]
) -> Iterator[tuple[int, dict[str, str]]]:
    """(line, cells by column) for each non-blank row after the header, the reader's next line.

    The header must name every `required` column and each row have as many cells as it; cells and
    column names are trimmed. Drift (a missing column, a row cut short, a cell the csv module
    refuses) is a FormatError naming the file and the line.
    """
    try:
        header = [column.strip() for column in next(reader, [])]
        missing = [column for column in required if column not in header]
        if missing:
            raise format_error(
                name, f"line {reader.line_num}", f"header lacks column(s) {', '.join(missing)}"
            )
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                raise format_error(
                    name, f"line {reader.line_num}", f"expected {len(header)} columns, got {len(row)}"
                )
            yield reader.line_num, dict(zip(header, (cell.strip() for cell in row), strict=True))
    except csv.Error as exc:  # a cell over the csv module's size limit, say
        raise format_error(name, f"line {reader.line_num}", str(exc)) from None


# The numbers opening the items of a list in one cell: `(1) Somali (2) Swedish`, `1) Uzbek 2) Afghan`.
_ITEM_NUMBER = re.compile(r"(?:^|\s)\(?\d{1,2}\)\s*")


def numbered_items(text: str) -> list[str]:
    """The items of a cell that numbers them (`(1) Somali (2) Swedish` -> Somali, Swedish), else
    the cell whole; a bracketed remark after an item stays with it (`(2) USSR (until 1991)`)."""
    if not _ITEM_NUMBER.match(text):
        return [text] if text.strip() else []
    return [part.strip() for part in _ITEM_NUMBER.split(text) if part.strip()]
