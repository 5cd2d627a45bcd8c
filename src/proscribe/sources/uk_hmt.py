"""Adapter for HM Treasury's (OFSI) Consolidated List CSV (`sanctionsconlist.csv` / `ConList.csv`).

Structure relied on (asserted; drift raises FormatError naming file and line): a first line
`Last Updated,dd/mm/yyyy` (the snapshot date), then a header with at least `Name 6`, `Name 1`..
`Name 5`, `Group Type`, `Alias Type`, `Regime`, `Listed On` and `Group ID`. One row is one name
variant; rows are grouped by `Group ID` (the record key). `Name 6` is the surname or the entity
name, written after the given names. `Alias Type` (`Prime Alias`, `AKA`, `FKA`) maps through the
`alias_type` lookup, `Group Type` through `group_type`, `Regime` through `regime` (every record is
on the source's list; counter-terrorism regimes add the registry's `gb-sanctions-ct`). UN reference
numbers in `Other Information` (the source's `references` patterns) add `un` identifiers; the
optional `Country` column of a group's rows gives its countries, the optional `DOB` column a
person's dates of birth (dd/mm/yyyy, `00` for an unknown day or month: `00/00/1962` is 1962), the
optional `Nationality` column a person's nationalities, as written: a word for its nationals
(`Afghan`), a state's name, or free text (`Kuwaiti citizenship withdrawn in 2002`), a numbered
cell (`(1) Somali (2) Swedish`) giving one per item (`numbered_items`). Files are Windows-1252
encoded.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import date

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

_REQUIRED = ("Name 6", "Name 1", "Group Type", "Alias Type", "Regime", "Listed On", "Group ID")
_GIVEN = ("Name 1", "Name 2", "Name 3", "Name 4", "Name 5")
_KINDS: dict[str, EntityKind] = {"person": "person", "organisation": "organisation", "vessel": "vessel"}


class _Group:
    def __init__(self, kind: EntityKind, listed_on: date | None) -> None:
        self.kind = kind
        self.listed_on = listed_on
        self.primary = ""
        self.aliases: list[tuple[str, str]] = []
        self.lists: list[str] = []
        self.identifiers: list[Identifier] = []
        # Each regime list's earliest "Listed On": a group under two regimes was listed on each
        # on its own day (Hassan Dahir Aweys: Al-Qaida 2001, Somalia 2010).
        self.dated: dict[str, date] = {}
        # The countries of its addresses (the `Country` column of its rows), as the file writes them.
        self.countries: list[str] = []
        # Its dates of birth as written, once each: every name row of a person repeats its DOB.
        self.births: dict[str, None] = {}
        # Its nationalities as written, in order: every name row repeats them too.
        self.nationalities: list[str] = []

    def birth_dates(self, counter: Counter) -> tuple[str, ...]:
        """A person's dates of birth, read; each one this cannot read (`29/02/1969`, a day that
        never was) counted once under `DOB`. A group of another kind states none."""
        if self.kind != "person":
            return ()
        found = [read_stated_birth(text) for text in self.births]
        for text, birth in zip(self.births, found, strict=True):
            if birth is None:
                counter.add("DOB", text)
        return unique_births(found)


def parse(meta: SourceMeta, files: Sequence[InputFile]) -> ParsedList:
    """Read one consolidated-list CSV into records grouped by Group ID."""
    if len(files) != 1:
        raise format_error(meta.id, "input", f"expects exactly one CSV file, got {len(files)}")
    source = files[0]
    reader = csv.reader(io.StringIO(decode_text(source.data, source.name, meta.encodings), newline=""))
    first = csv_preamble(reader, source.name)
    snapshot = (
        dmy_or_mdy(first[1], day_first=True) if len(first) >= 2 and first[0] == "Last Updated" else None
    )
    if snapshot is None:
        raise format_error(source.name, "line 1", "expected `Last Updated,dd/mm/yyyy`")
    counter = Counter()
    groups: dict[str, _Group] = {}
    for line, cells in csv_table(reader, source.name, _REQUIRED):
        _add_row(meta, source.name, line, cells, groups, counter)
    records = []
    for key, group in groups.items():
        names = make_names(group.primary or group.aliases[0][0], group.aliases)
        lists = tuple(group.lists) or (meta.list,)
        identifiers = (Identifier(meta.scheme, key), *group.identifiers)
        earliest = min(group.dated.values(), default=group.listed_on)
        apart = tuple(sorted(group.dated.items())) if len(set(group.dated.values())) > 1 else ()
        records.append(
            ListRecord(
                key,
                group.kind,
                lists,
                names,
                identifiers,
                earliest,
                country=join_countries(group.countries),
                list_dates=apart,
                birth_dates=group.birth_dates(counter),
                nationalities=unique_nationalities(group.nationalities) if group.kind == "person" else (),
            )
        )
    return ParsedList(meta.id, snapshot, tuple(records), counter.counts)


def _add_row(
    meta: SourceMeta, name: str, line: int, cells: dict[str, str], groups: dict[str, _Group], counter: Counter
) -> None:
    key = cells["Group ID"]
    if not key.isdigit():
        raise format_error(name, f"line {line}", f"Group ID {key!r} is not a number")
    full = clean(" ".join([*(cells.get(part, "") for part in _GIVEN), cells["Name 6"]]))
    if not full:
        raise format_error(name, f"line {line}", f"Group ID {key} row has no name")
    group = groups.get(key)
    if group is None:
        kind = _KINDS.get(meta.lookup("group_type", cells["Group Type"]) or "")
        if kind is None:
            counter.add("Group Type", cells["Group Type"])
            kind = "other"
        listed = dmy_or_mdy(cells["Listed On"], day_first=True)
        if cells["Listed On"] and listed is None:
            counter.add("Listed On", cells["Listed On"])
        group = groups[key] = _Group(kind, listed)
    group.countries.append(cells.get("Country", ""))
    birth = clean(cells.get("DOB", ""))
    if birth:
        group.births[birth] = None
    group.nationalities.extend(numbered_items(cells.get("Nationality", "")))
    listed = dmy_or_mdy(cells["Listed On"], day_first=True)
    for list_id in (meta.list, meta.lookup("regime", cells["Regime"])):
        if list_id and list_id not in group.lists:
            group.lists.append(list_id)
        if list_id and listed is not None and (list_id not in group.dated or listed < group.dated[list_id]):
            group.dated[list_id] = listed
    if meta.lookup("regime", cells["Regime"]) is None:
        counter.add("Regime", cells["Regime"])
    for field_name in meta.reference_fields:
        for found in meta.references_in(field_name, cells.get(field_name, "")):
            if found not in group.identifiers:
                group.identifiers.append(found)
    alias_kind = meta.lookup("alias_type", cells["Alias Type"])
    if alias_kind is None:
        counter.add("Alias Type", cells["Alias Type"])
        alias_kind = "alias"
    if alias_kind == "primary" and not group.primary:
        group.primary = full
    else:
        group.aliases.append((full, "alias" if alias_kind == "primary" else alias_kind))
