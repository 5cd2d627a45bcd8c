"""Adapter for the trade.gov Consolidated Screening List CSV (`consolidated.csv`, often gzipped).

Structure relied on (asserted; drift raises FormatError naming file and line): a header with at
least `_id`, `source`, `entity_number`, `type`, `name`, `start_date` and `alt_names`. `_id` is the
record key (repeated rows are merged); `source` (the federal list the row comes from) maps through
the `source` lookup to the list it comes from (every row is also on the source's own list,
`us-csl`, a compilation); `type` through `type`; `alt_names` is `; `-separated; `start_date`
(ISO) is the listing date on the list the row comes from (the CSL's own is not stated). Rows from
OFAC lists carry the OFAC `entity_number`, kept as an `ofac` identifier so they link to the
entities the OFAC files created. `addresses` (when the header has it) is `; `-separated, each
address's parts `, `-separated and ending with its country's ISO 3166 alpha-2 code (`Basrah, IQ`):
those codes are the record's countries. An address ending otherwise (a ZIP code, a free-text
place: `..., Istanbul, Turkey`) states no country that can be read reliably and is skipped. A person's
`nationalities` then `citizenships` (when the header has them; `; `-separated ISO 3166 alpha-2
codes, `SY; GB`) are its nationalities, as written; `places_of_birth` is not read. `dates_of_birth` (when
the header has it) is `; `-separated, each ISO to the day or the year, a span (`1958 to 1960`) or
approximate (`circa 1967`): a person's dates of birth; a value that cannot be read, or one on a row
that is not a person, is counted, not kept. `ids` (when the header has it) is `; `-separated, each
id its number, then its type after the last comma, a country code before the number at times
(`RU, IMO 9256860, Vessel Registration Identification`): a vessel's `Vessel Registration
Identification` is its IMO number, kept as an `imo` identifier as OFAC's own files give it
(`ofac_csv.vessel_imo`); one that is no valid IMO number is counted under `Vessel Registration
Identification`. On other rows (OFAC's shipping companies) that id is an IMO company number, not
read; no other id is read. Of the `programs`
(`; `-separated, when the header has the column), only the tags of SDN rows naming OFAC programs
that are lists of their own (`sdn_program`: SDGT -> us-sdgt, TCO -> us-tco) are used; the others
name sanctions programs, not lists, and the FTO tag copies the State Department's list late. The
file states no date: pass the snapshot date.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence

from proscribe.model import EntityKind, Identifier, PartialDate
from proscribe.model.birth import unique_births
from proscribe.sources.common import InputFile, format_error, iso_date, read_stated_birth
from proscribe.sources.meta import SourceMeta
from proscribe.sources.ofac_csv import VESSEL_ID, vessel_imo
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

_SDN = "us-sdn"
_REQUIRED = ("_id", "source", "entity_number", "type", "name", "start_date", "alt_names")
# The last part of an address that states its country: an ISO 3166 alpha-2 code, as the CSL writes it.
_COUNTRY_CODE = re.compile(r"[A-Z]{2}")
_KINDS: dict[str, EntityKind] = {
    "person": "person",
    "organisation": "organisation",
    "vessel": "vessel",
    "aircraft": "aircraft",
    "other": "other",
}


def parse(meta: SourceMeta, files: Sequence[InputFile]) -> ParsedList:
    """Read one CSL CSV file into records."""
    if len(files) != 1:
        raise format_error(meta.id, "input", f"expects exactly one CSV file, got {len(files)}")
    source = files[0]
    reader = csv.DictReader(io.StringIO(decode_text(source.data, source.name, meta.encodings), newline=""))
    try:
        missing = [column for column in _REQUIRED if column not in (reader.fieldnames or [])]
        if missing:
            raise format_error(source.name, "line 1", f"header lacks column(s) {', '.join(missing)}")
        counter = Counter()
        records = []
        for row in reader:
            if None in row:
                raise format_error(source.name, f"line {reader.line_num}", "more cells than header columns")
            if None in row.values():
                raise format_error(source.name, f"line {reader.line_num}", "fewer cells than header columns")
            records.append(_record(meta, source.name, reader.line_num, row, counter))
    except csv.Error as exc:  # a cell over the csv module's size limit, say
        raise format_error(source.name, f"line {reader.reader.line_num}", str(exc)) from None
    warnings: list[str] = []
    return ParsedList(meta.id, None, dedupe(records, warnings, source.name), counter.counts, tuple(warnings))


def _record(meta: SourceMeta, name: str, line: int, row: dict[str, str], counter: Counter) -> ListRecord:
    key = row["_id"].strip()
    primary = clean(row["name"])
    if not key or not primary:
        raise format_error(name, f"line {line}", "row without _id or name")
    lists = [meta.list]
    mapped = meta.lookup("source", row["source"])
    if mapped is None:
        counter.add("source", row["source"])
    elif mapped not in lists:
        lists.append(mapped)
    if mapped == _SDN:
        for program in row.get("programs", "").split(";"):
            extra = meta.lookup("sdn_program", program)
            if extra is not None and extra not in lists:
                lists.append(extra)
    kind = _KINDS.get(meta.lookup("type", row["type"]) or "")
    if kind is None:
        counter.add("type", row["type"])
        kind = "other"
    identifiers = [Identifier(meta.scheme, key)]
    number = row["entity_number"].strip()
    if number.isdigit() and meta.lookup("ofac_source", row["source"]) == "yes":
        identifiers.append(Identifier("ofac", number))
    if kind == "vessel":
        identifiers.extend(vessel_imo(_vessel_ids(row.get("ids", "")), counter))
    listed_on = iso_date(row["start_date"]) if row["start_date"].strip() else None
    if row["start_date"].strip() and listed_on is None:
        counter.add("start_date", row["start_date"])
    aliases = [(alias, "alias") for alias in row["alt_names"].split(";") if alias.strip()]
    return ListRecord(
        key,
        kind,
        tuple(lists),
        make_names(primary, aliases),
        tuple(identifiers),
        listed_on,
        country=join_countries(_countries(row.get("addresses", ""))),
        # `start_date` is the gathered list's listing date: the CSL, which republishes it, states none.
        list_dates=((meta.list, None),) if listed_on is not None else (),
        birth_dates=unique_births(_births(row.get("dates_of_birth", ""), kind, counter)),
        nationalities=(
            unique_nationalities(
                part for column in _NATIONALITY_COLUMNS for part in row.get(column, "").split(";")
            )
            if kind == "person"
            else ()
        ),
    )


# The columns stating a person's nationalities, in the order they are read.
_NATIONALITY_COLUMNS = ("nationalities", "citizenships")


def _births(cell: str, kind: EntityKind, counter: Counter) -> list[PartialDate | None]:
    """The dates of birth in a row's `; `-separated `dates_of_birth` (`1973-03-25; circa 1967`).

    An empty cell or part states nothing. A part that cannot be read is counted, and so is any
    value on a row that is not a person (whose dates of birth no record keeps).
    """
    if not cell.strip():
        return []
    if kind != "person":
        counter.add("dates_of_birth", cell.strip())
        return []
    found = []
    for part in cell.split(";"):
        read = read_stated_birth(part)
        if read is None and part.strip():
            counter.add("dates_of_birth", part.strip())
        found.append(read)
    return found


def _vessel_ids(cell: str) -> list[str]:
    """The numbers of the vessel registration identifications in a row's `ids`, as written, in order.

    Each id is `number, type`, or `country, number, type`: the number is the part before the
    type, after any country code.
    """
    found = []
    for part in cell.split(";"):
        head, _, kind = part.rpartition(",")
        number = clean(head.rpartition(",")[2])
        if clean(kind) == VESSEL_ID and number:
            found.append(number)
    return found


def _countries(addresses: str) -> list[str]:
    """The country codes ending the `; `-separated addresses (`Basrah, IQ; SY` -> IQ, SY), in order."""
    found = []
    for address in addresses.split(";"):
        last = address.rsplit(",", 1)[-1].strip()
        if _COUNTRY_CODE.fullmatch(last):
            found.append(last)
    return found
