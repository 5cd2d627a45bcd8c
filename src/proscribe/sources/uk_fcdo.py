"""Adapter for the FCDO's UK Sanctions List CSV (`UK-Sanctions-List.csv`), the UK's list since 2026.

Structure relied on (asserted; drift raises FormatError naming file and line): a first line
`Report Date: dd-Mon-yyyy` (the snapshot date), then a header with at least `Unique ID`,
`Name 6`, `Name 1`..`Name 5`, `Name type`, `Regime Name`, `Designation Type` and `Date Designated`.
An entry has a row for each of its names and each of its addresses; rows are grouped by
`Unique ID` (the record key). `Name 6` is the surname or the entity's name, written after the
given names; `Name non-latin script` adds the name as written in its own script. `Name type` and
`Alias strength` map through `alias_type` and `alias_quality`, `Designation Type` through
`designation_type`, `Regime Name` through `regime` (every entry is on the source's list; the
counter-terrorism regimes add the registry's `gb-sanctions-ct`). The source's `references` read
`OFSI Group ID` and `UN Reference Number` into identifiers that link an entry to what the OFSI
list and the UN list said of it. `Address Country` (read when the header has it) gives the
record's countries, as written; `D.O.B` (read when the header has it) a person's dates of birth
(dd/mm/yyyy, `00` for an unknown day or month, as on the OFSI list); `Nationality(/ies)` (read
when the header has it) a person's nationalities, as written, a numbered cell (`(1) Russia (2)
Ukraine`) giving one per item (`common.numbered_items`); `Country of birth` is not read. A ship's
`IMO number` (read when the header has it; `IMO9187629` or the bare digits) is kept as an `imo`
identifier, which links it to the ship other lists give that number; one that is no valid IMO number
(`proscribe.sources.imo`) is counted under `IMO number`, once per entry. The column is read on ships
only. Values that map to nothing are counted, never dropped.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from datetime import date
from typing import cast

from proscribe.model import EntityKind, Identifier
from proscribe.model.birth import unique_births
from proscribe.sources.common import (
    InputFile,
    csv_preamble,
    csv_table,
    dmy_or_mdy,
    format_error,
    numbered_items,
    read_stated_birth,
)
from proscribe.sources.imo import imo_identifiers
from proscribe.sources.meta import SourceMeta
from proscribe.sources.records import (
    Counter,
    ListRecord,
    ParsedList,
    clean,
    dedupe,
    join_countries,
    make_names,
    unique_nationalities,
)
from proscribe.sources.textio import decode_text

_REQUIRED = (
    "Unique ID",
    "Name 6",
    "Name 1",
    "Name type",
    "Regime Name",
    "Designation Type",
    "Date Designated",
)
_GIVEN = ("Name 1", "Name 2", "Name 3", "Name 4", "Name 5")
_NON_LATIN = "Name non-latin script"
_COUNTRY = "Address Country"
_BIRTH = "D.O.B"
_NATIONALITY = "Nationality(/ies)"
_IMO = "IMO number"
_REPORT_DATE = re.compile(r"^Report Date:\s*(\d{1,2})-([A-Za-z]{3})-(\d{4})\s*$")
# English month abbreviations, as the file writes them whatever the reader's locale.
_MONTHS = {
    month: number
    for number, month in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1
    )
}
_KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9./-]*$")


class _Entry:
    def __init__(self, kind: EntityKind, designated: date | None) -> None:
        self.kind = kind
        self.designated = designated
        self.primary = ""
        self.names: list[tuple[str, str]] = []
        self.lists: list[str] = []
        self.identifiers: list[Identifier] = []
        self.countries: list[str] = []
        # Its dates of birth as written, once each: each name and address row repeats them.
        self.births: dict[str, None] = {}
        # Its nationalities as written, in order: each name and address row repeats them too.
        self.nationalities: list[str] = []
        # A ship's IMO numbers as written, once each: every row of the entry repeats its number.
        self.imo_numbers: dict[str, None] = {}

    def ship_identifiers(self, counter: Counter) -> tuple[Identifier, ...]:
        """A ship's `imo` identifiers; each number that is no valid IMO number counted once under
        `IMO number`, never kept (it would join ships that are not one). Other kinds have none."""
        if self.kind != "vessel":
            return ()
        return imo_identifiers(self.imo_numbers, counter, _IMO)

    def birth_dates(self, counter: Counter) -> tuple[str, ...]:
        """A person's dates of birth, read; each one this cannot read counted once under `D.O.B`.
        An entry of another kind states none."""
        if self.kind != "person":
            return ()
        found = [read_stated_birth(text) for text in self.births]
        for text, birth in zip(self.births, found, strict=True):
            if birth is None:
                counter.add(_BIRTH, text)
        return unique_births(found)


def report_date(line: Sequence[str]) -> date | None:
    """The date of a `Report Date: 08-Oct-2026` line (the CSV's first row), or None."""
    match = _REPORT_DATE.match(",".join(line).rstrip(","))
    month = _MONTHS.get(match[2].lower()) if match else None
    if match is None or month is None:
        return None
    try:
        return date(int(match[3]), month, int(match[1]))
    except ValueError:
        return None


def parse(meta: SourceMeta, files: Sequence[InputFile]) -> ParsedList:
    """Read one UK Sanctions List CSV into records grouped by Unique ID."""
    if len(files) != 1:
        raise format_error(meta.id, "input", f"expects exactly one CSV file, got {len(files)}")
    source = files[0]
    reader = csv.reader(io.StringIO(decode_text(source.data, source.name, meta.encodings), newline=""))
    snapshot = report_date(csv_preamble(reader, source.name))
    if snapshot is None:
        raise format_error(source.name, "line 1", "expected `Report Date: dd-Mon-yyyy`")
    counter = Counter()
    entries: dict[str, _Entry] = {}
    for line, cells in csv_table(reader, source.name, _REQUIRED):
        _add_row(meta, source.name, line, cells, entries, counter)
    records = []
    warnings: list[str] = []
    for key, entry in entries.items():
        if not entry.primary and not entry.names:
            raise format_error(source.name, f"Unique ID {key}", "no row of this entry has a name")
        names = make_names(entry.primary or entry.names[0][0], entry.names)
        identifiers = (Identifier(meta.scheme, key), *entry.identifiers, *entry.ship_identifiers(counter))
        records.append(
            ListRecord(
                key,
                entry.kind,
                tuple(entry.lists),
                names,
                identifiers,
                entry.designated,
                country=join_countries(entry.countries),
                birth_dates=entry.birth_dates(counter),
                nationalities=unique_nationalities(entry.nationalities) if entry.kind == "person" else (),
            )
        )
    return ParsedList(
        meta.id, snapshot, dedupe(records, warnings, source.name), counter.counts, tuple(warnings)
    )


def _add_row(
    meta: SourceMeta,
    name: str,
    line: int,
    cells: dict[str, str],
    entries: dict[str, _Entry],
    counter: Counter,
) -> None:
    key = cells["Unique ID"]
    if not _KEY.match(key):
        raise format_error(name, f"line {line}", f"Unique ID {key!r} is not an entry reference")
    entry = entries.get(key)
    if entry is None:
        kind = meta.lookup("designation_type", cells["Designation Type"])
        if kind is None:
            counter.add("Designation Type", cells["Designation Type"])
        designated = dmy_or_mdy(cells["Date Designated"], day_first=True)
        if cells["Date Designated"] and designated is None:
            counter.add("Date Designated", cells["Date Designated"])
        # The table's values are entity kinds (checked when the metadata loads).
        entry = entries[key] = _Entry(cast(EntityKind, kind or "other"), designated)
    regime_list = meta.lookup("regime", cells["Regime Name"])
    if regime_list is None and cells["Regime Name"]:
        counter.add("Regime Name", cells["Regime Name"])
    for list_id in (meta.list, regime_list):
        if list_id and list_id not in entry.lists:
            entry.lists.append(list_id)
    for field_name in meta.reference_fields:
        for found in meta.references_in(field_name, cells.get(field_name, "")):
            if found not in entry.identifiers:
                entry.identifiers.append(found)
    entry.countries.append(cells.get(_COUNTRY, ""))
    birth = clean(cells.get(_BIRTH, ""))
    if birth:
        entry.births[birth] = None
    entry.nationalities.extend(numbered_items(cells.get(_NATIONALITY, "")))
    imo = clean(cells.get(_IMO, ""))
    if imo:
        entry.imo_numbers[imo] = None
    full = clean(" ".join([*(cells.get(part, "") for part in _GIVEN), cells["Name 6"]]))
    if full:
        _add_name(meta, entry, full, cells, counter)
    original = clean(cells.get(_NON_LATIN, ""))
    if original:
        entry.names.append((original, "alias"))


def _add_name(meta: SourceMeta, entry: _Entry, full: str, cells: dict[str, str], counter: Counter) -> None:
    kind = meta.lookup("alias_type", cells["Name type"])
    if kind is None:
        counter.add("Name type", cells["Name type"])
        kind = "alias"
    strength = cells.get("Alias strength", "")
    if kind != "primary" and strength:
        weak = meta.lookup("alias_quality", strength)
        if weak is None:
            counter.add("Alias strength", strength)
        elif weak == "weak_alias":
            kind = weak
    if kind == "primary" and not entry.primary:
        entry.primary = full
    else:
        entry.names.append((full, "alias" if kind == "primary" else kind))
