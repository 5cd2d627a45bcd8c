"""Adapter for the EU Financial Sanctions Files CSV v1.0 (semicolons; one row per name x address x ...).

Structure relied on (asserted; drift raises FormatError naming file and line): a header holding
`Date_file`, `Entity_logical_id`, `Subject_type`, `Programme`, `Naal_wholename`, `Naal_lastname`,
`Naal_firstname`, `Naal_middlename` and `Naal_language` (the first column of each name is used:
`Entity_logical_id` repeats per section). Rows are grouped by `Entity_logical_id`, the record key,
shared with the legacy XML's ENTITY `Id`. `Date_file` (dd/mm/yyyy) is the snapshot date. Lookups
as for the legacy XML (`entity_type`, `programme`). `Addr_country`, when the header has it, gives
the record's countries as written (an ISO 3166 alpha-3 code: `PAK`; a birth's or an identity
document's country is not read). `Citi_country`, when the header has it, gives a person's
nationalities as written (`PAK`; `N/A` states none). `Birt_date`, when the header has it, gives a
person's dates of birth, written as in the legacy XML (proscribe.sources.eu_fsf.read_fsf_birth; the
2018 file writes `N/A` where the legacy XML had a year alone, which states nothing). Some copies
in circulation were re-saved with every line wrapped in double quotes and padded with tabs (and
`Date_file` misspelt as `Date_filexxxx`); such lines are unwrapped first and the header read with
a warning. Cells are not quoted in this format: a `"` is part of the value.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from proscribe.model import EntityKind, Identifier
from proscribe.sources.common import InputFile, dmy_or_mdy, format_error
from proscribe.sources.eu_fsf import fsf_births
from proscribe.sources.meta import SourceMeta
from proscribe.sources.records import (
    Counter,
    ListRecord,
    ParsedList,
    clean,
    join_countries,
    make_names,
    unique_nationalities,
)
from proscribe.sources.textio import decode_text

if TYPE_CHECKING:
    import _csv

_COLUMNS = (
    "Date_file",
    "Entity_logical_id",
    "Subject_type",
    "Programme",
    "Naal_wholename",
    "Naal_lastname",
    "Naal_firstname",
    "Naal_middlename",
    "Naal_language",
)
# The address's country: read when the header has it (the name columns are all that is required).
_COUNTRY = "Addr_country"
# A birth's date: read when the header has it, like the country.
_BIRTH = "Birt_date"
_CITIZEN = "Citi_country"
_KINDS: dict[str, EntityKind] = {"person": "person", "organisation": "organisation"}


def _unwrap(line: str) -> str:
    """A line re-saved as one quoted CSV cell (`"a;b;c<tabs>"`, inner quotes doubled) back to `a;b;c`."""
    stripped = line.rstrip("\r")
    if len(stripped) > 1 and stripped.startswith('"') and stripped.endswith('"'):
        try:
            cells = next(csv.reader([stripped]), [])
        except csv.Error:  # not one cell the csv module can read: left as it is, for the reader to judge
            return stripped
        if len(cells) == 1 and ";" in cells[0]:
            return cells[0].rstrip("\t")
    return stripped


def parse(meta: SourceMeta, files: Sequence[InputFile]) -> ParsedList:
    """Read one FSF CSV v1.0 file into records grouped by entity."""
    if len(files) != 1:
        raise format_error(meta.id, "input", f"expects exactly one CSV file, got {len(files)}")
    source = files[0]
    lines = [_unwrap(line) for line in decode_text(source.data, source.name, meta.encodings).split("\n")]
    rows = csv.reader(lines, delimiter=";", quoting=csv.QUOTE_NONE)
    try:
        return _parse_rows(meta, source, rows)
    except csv.Error as exc:  # a cell over the csv module's size limit, say
        raise format_error(source.name, f"line {rows.line_num}", str(exc)) from None


def _parse_rows(meta: SourceMeta, source: InputFile, rows: _csv.Reader) -> ParsedList:
    header = next(rows, [])
    warnings: list[str] = []
    if header and header[0] != "Date_file" and header[0].startswith("Date_file"):
        warnings.append(f"{source.name}: line 1: header column {header[0]!r} read as Date_file")
        header[0] = "Date_file"
    missing = [column for column in _COLUMNS if column not in header]
    if missing:
        raise format_error(source.name, "line 1", f"header lacks column(s) {', '.join(missing)}")
    at = {column: header.index(column) for column in _COLUMNS}
    country_at = header.index(_COUNTRY) if _COUNTRY in header else None
    birth_at = header.index(_BIRTH) if _BIRTH in header else None
    citizen_at = header.index(_CITIZEN) if _CITIZEN in header else None
    counter = Counter()
    snapshot: date | None = None
    groups: dict[str, tuple[EntityKind, list[str], list[tuple[str, str]], list[str]]] = {}
    # Each entity's birth dates as written, one per row that has the birth section filled in.
    births: dict[str, list[str]] = {}
    # Each entity's citizenship countries as written, one per row that has the section filled in.
    citizenships: dict[str, list[str]] = {}
    for number, row in enumerate(rows, start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < len(header):
            raise format_error(
                source.name, f"line {number}", f"expected {len(header)} columns, got {len(row)}"
            )
        cell = {column: row[index].strip() for column, index in at.items()}
        snapshot = snapshot or dmy_or_mdy(cell["Date_file"], day_first=True)
        key = cell["Entity_logical_id"]
        if not key.isdigit():
            raise format_error(source.name, f"line {number}", f"Entity_logical_id {key!r} is not a number")
        if key not in groups:
            kind = _KINDS.get(meta.lookup("entity_type", cell["Subject_type"]) or "")
            if kind is None:
                counter.add("Subject_type", cell["Subject_type"])
                kind = "other"
            lists = [meta.list]
            mapped = meta.lookup("programme", cell["Programme"])
            if mapped is None:
                counter.add("Programme", cell["Programme"])
            elif mapped not in lists:
                lists.append(mapped)
            groups[key] = (kind, lists, [], [])
            births[key] = []
            citizenships[key] = []
        parts = (cell["Naal_firstname"], cell["Naal_middlename"], cell["Naal_lastname"])
        whole = clean(cell["Naal_wholename"]) or clean(" ".join(parts))
        if whole:
            groups[key][2].append((whole, "translation" if cell["Naal_language"] else "alias"))
        if country_at is not None:
            groups[key][3].append(row[country_at])
        if birth_at is not None:
            births[key].append(row[birth_at])
        if citizen_at is not None:
            citizenships[key].append(row[citizen_at])
    if snapshot is None:
        raise format_error(source.name, "Date_file", "no row states a dd/mm/yyyy file date")
    records = []
    for key, (kind, lists, names, countries) in groups.items():
        if not names:
            raise format_error(source.name, f"Entity_logical_id {key}", "no name")
        records.append(
            ListRecord(
                key,
                kind,
                tuple(lists),
                make_names(names[0][0], names[1:]),
                (Identifier(meta.scheme, key),),
                country=join_countries(countries),
                # Only a person is born; its unread dates are counted once per entity.
                birth_dates=fsf_births(births[key], _BIRTH, counter) if kind == "person" else (),
                nationalities=unique_nationalities(citizenships[key]) if kind == "person" else (),
            )
        )
    return ParsedList(meta.id, snapshot, tuple(records), counter.counts, tuple(warnings))
