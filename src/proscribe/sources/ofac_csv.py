"""Adapter for OFAC's legacy CSV sets: SDN (`sdn.csv`, `alt.csv`, `add.csv`, `sdn_comments.csv`)
and the non-SDN consolidated list (`cons_prim.csv`, `cons_alt.csv`, `cons_add.csv`, `cons_comments.csv`).
OFAC publishes the same sets pipe- (`.pip`) and @-delimited (`.del`), and fixed-field (`.ff`): those
are read with the column widths the source's metadata gives (`fixed_fields`), and every line must
have exactly the layout's length.

Structure relied on (asserted per line; drift raises FormatError naming file and line):
- primary file: 12 columns `ent_num, SDN_Name, SDN_Type, Program, Title, Call_Sign, Vess_type,
  Tonnage, GRT, Vess_flag, Vess_owner, Remarks`; `-0-` is OFAC's null; `ent_num` is an integer and
  the record key; `Program` holds one or more tags `SDGT] [FTO` mapped through the `program` lookup
  to extra lists (every record is on the source's own list);
- alias file: 5 columns `ent_num, alt_num, alt_type, alt_name, alt_remarks`; `alt_type` mapped by
  the `alt_type` lookup;
- address file: 6 columns `ent_num, add_num, address, city, country, add_remarks` (country only);
- comments file: 2 columns, remarks overflow (rows are checked; an individual's overflow is read
  for dates of birth only, as the rest of its remarks).
A person's dates of birth are the `;`-separated items of the remarks that read `DOB 12 Jan 1962`,
`alt. DOB 1963`, `DOB circa 1962`, `DOB 1960 to 1962` or `DOB 01 Jan 1953 to 31 Dec 1954`
(`remark_birth_texts`, `read_ofac_birth`, shared with OFAC's other adapters); one this cannot
read is counted under `DOB`. Other kinds of entries have no date of birth. A person's nationalities
are the remark items `nationality Somalia`, `citizen Mexico`, `alt. nationality Pakistan`, read as
written (`remark_nationalities`, shared with OFAC's text list); an item opening so in another form
(`nationality: Eritrean` inside a note, `nationality possibly Palestinian`) is counted under
`nationality`, not guessed. `Citizen's Card Number` is an identity document, not a citizenship.
A vessel's IMO number is the remark item `Vessel Registration Identification IMO 9187629`
(`remark_vessel_ids`, `vessel_imo`, shared with OFAC's other adapters), kept as an `imo`
identifier; one that is no valid IMO number (`IMO 15411`, `RS 150443 (Russia)`) is counted under
`Vessel Registration Identification`. OFAC writes the same item on a few shipping companies,
where it is their IMO company number, not a ship's: it is read on vessels only.
Only the primary file is required. A set without its alias or address file does not state
aliases or addresses (`ParsedList.unstated`, with a warning): the snapshot diff then compares
primary names only, rather than reading every alias as removed.
The files carry no date: the snapshot date comes from the caller (`--date`).
"""

from __future__ import annotations

import calendar
import csv
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from datetime import date

from proscribe.model import EntityKind, Identifier, PartialDate
from proscribe.model.birth import unique_births
from proscribe.sources.common import InputFile, format_error, read_stated_birth
from proscribe.sources.imo import imo_identifiers
from proscribe.sources.meta import SourceMeta, all_sources
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

_NULL = "-0-"
_DOS_EOF = "\x1a"
_WIDTH = {"primary": 12, "alt": 5, "add": 6, "comments": 2}
# OFAC ships the same set comma-, pipe- and @-delimited, and fixed-field (no delimiter).
_DELIMITER = {"csv": ",", "pip": "|", "del": "@", "ff": ""}
# The facet of a record each optional file states: a set without it does not state that facet.
_FACET_OF_ROLE = {"alt": "aliases", "add": "addresses"}
_KINDS: dict[str, EntityKind] = {
    "organisation": "organisation",
    "person": "person",
    "vessel": "vessel",
    "aircraft": "aircraft",
}


def _role(meta: SourceMeta, name: str) -> tuple[str, str]:
    """The file's role in the set and its delimiter, from its name (`cons_alt.pip` -> alt, `|`).

    OFAC's SDN and non-SDN sets differ only in their file names (`alt.csv`, `cons_alt.csv`): a
    file whose name belongs to another source's set is refused, naming that source, since read
    as this one it would put every entry on the wrong list.
    """
    stem, _, extension = name.lower().rsplit("/", 1)[-1].rpartition(".")
    if extension not in _DELIMITER:
        raise format_error(name, "file name", f"extension .{extension} is not one of .csv, .pip, .del, .ff")
    if not meta.set_files:
        raise format_error(meta.id, "metadata", "no set_files: the names of the set's files are not known")
    matches = [
        (len(member), other.id, role)
        for other in _sets(meta.format)
        for role, member in other.set_files.items()
        if stem == member or stem.endswith(member)
    ]
    longest = max((length for length, _, _ in matches), default=0)
    best = [(source_id, role) for length, source_id, role in matches if length == longest]
    own = [role for source_id, role in best if source_id == meta.id]
    if own:
        return own[0], _DELIMITER[extension]
    if best:
        others = ", ".join(sorted({source_id for source_id, _ in best}))
        raise format_error(name, "file name", f"belongs to the file set of {others}, not of {meta.id}")
    expected = ", ".join(f"{member}.{extension}" for member in meta.set_files.values())
    raise format_error(name, "file name", f"not one of {meta.id}'s set ({expected})")


def _sets(fmt: str) -> list[SourceMeta]:
    """Every source of this format that names its file set."""
    return [meta for meta in all_sources().values() if meta.format == fmt and meta.set_files]


def _rows(meta: SourceMeta, source: InputFile, role: str, warnings: list[str]) -> list[tuple[int, list[str]]]:
    text = decode_text(source.data, source.name, meta.encodings)
    delimiter = _role(meta, source.name)[1]
    lines = (
        _fixed_lines(meta, source.name, role, text)
        if not delimiter
        else _delimited(source.name, text, delimiter)
    )
    out: list[tuple[int, list[str]]] = []
    for number, row in lines:
        if not row or all(not cell.strip() for cell in row):
            continue
        if row[0].lstrip().startswith(_DOS_EOF):
            first = [row[0].lstrip().lstrip(_DOS_EOF), *row[1:]]
            rest = [r for r in (first, *(r for _, r in lines)) if any(c.strip() for c in r)]
            if rest:
                _report_after_end(source.name, number, role, rest, warnings)
            break
        if len(row) != _WIDTH[role]:
            raise format_error(
                source.name, f"line {number}", f"expected {_WIDTH[role]} columns, got {len(row)}"
            )
        cells = [cell.strip() for cell in row]
        if not cells[0].isdigit():
            raise format_error(source.name, f"line {number}", f"ent_num {cells[0]!r} is not a number")
        out.append((number, ["" if cell == _NULL else cell for cell in cells]))
    return out


def _report_after_end(name: str, number: int, role: str, rest: list[list[str]], warnings: list[str]) -> None:
    """Say what follows OFAC's end-of-file byte, which is not read: the file ends at that byte.

    The 2024-04 sdn.csv goes on after it with 449 rows of the non-SDN Consolidated list (programs
    UKRAINE-EO13662, NS-PLC, CMIC-EO13959...): read as SDN rows, they put 391 entities on the SDN
    list that are not on it.
    """
    programs: dict[str, int] = {}
    if role == "primary":
        for row in rest:
            for tag in (row[3] if len(row) > 3 else "").strip("[] ").split("] ["):
                if tag.strip():
                    programs[tag.strip()] = programs.get(tag.strip(), 0) + 1
    listed = ", ".join(
        f"{tag} {count}" for tag, count in sorted(programs.items(), key=lambda p: (-p[1], p[0]))
    )
    warnings.append(
        f"{name}: line {number}: the file ends at OFAC's end-of-file byte; the {len(rest)} row(s) after it "
        f"are not part of it and were not read" + (f" (programs: {listed})" if listed else "")
    )


def _delimited(name: str, text: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """Rows of a delimited file with the line each ends on."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for row in reader:
            yield reader.line_num, row
    except csv.Error as exc:  # a cell over the csv module's size limit, say
        raise format_error(name, f"line {reader.line_num}", str(exc)) from None


def _fixed_lines(meta: SourceMeta, name: str, role: str, text: str) -> Iterator[tuple[int, list[str]]]:
    """Rows of a fixed-field file, cut at the widths of the source's layout for `role`."""
    widths = meta.fixed_fields.get(role)
    if widths is None:
        raise format_error(name, "file name", f"{meta.id} has no fixed-field layout for its {role} file")
    if len(widths) != _WIDTH[role]:
        raise format_error(name, "layout", f"{meta.id} gives {len(widths)} widths for {_WIDTH[role]} columns")
    fixed = [w for w in widths if w is not None]
    length = sum(fixed)
    open_ended = widths[-1] is None
    for number, line in enumerate(text.split("\n"), 1):
        line = line.removesuffix("\r")
        if not line.strip():
            yield number, []
            continue
        # A row after a stray end-of-file byte is read, with the byte kept for _rows to report.
        stray = line[: len(line) - len(line.lstrip(_DOS_EOF))]
        line = line[len(stray) :]
        if len(line) < length if open_ended else len(line) != length:
            expected = f"at least {length}" if open_ended else str(length)
            raise format_error(name, f"line {number}", f"expected {expected} characters, got {len(line)}")
        cells, start = [], 0
        for width in fixed:
            cells.append(line[start : start + width])
            start += width
        if open_ended:
            cells.append(line[start:])
        cells[0] = stray + cells[0].strip()
        yield number, cells


def parse(meta: SourceMeta, files: Sequence[InputFile]) -> ParsedList:
    """Read one OFAC CSV set (the primary file plus optional alias/address/comment files)."""
    by_role: dict[str, InputFile] = {}
    for source in files:
        role = _role(meta, source.name)[0]
        if role in by_role:
            raise format_error(source.name, "input", f"two {role} files in one set")
        by_role[role] = source
    if "primary" not in by_role:
        stem = meta.set_files["primary"]
        raise format_error(meta.id, "input", f"the set has no primary file ({stem}.csv or its like)")
    counter = Counter()
    warnings: list[str] = []
    aliases: dict[str, list[tuple[str, str]]] = {}
    if "alt" in by_role:
        for _, cells in _rows(meta, by_role["alt"], "alt", warnings):
            kind = meta.lookup("alt_type", cells[2])
            if kind is None:
                counter.add("alt_type", cells[2])
                kind = "alias"
            if cells[3]:
                aliases.setdefault(cells[0], []).append((cells[3], kind))
    addresses: dict[str, list[str]] = {}
    if "add" in by_role:
        for _, cells in _rows(meta, by_role["add"], "add", warnings):
            if cells[4]:
                addresses.setdefault(cells[0], []).append(cells[4])
    countries = {key: join_countries(values) for key, values in addresses.items()}
    overflow: dict[str, str] = {}
    if "comments" in by_role:
        for _, cells in _rows(meta, by_role["comments"], "comments", warnings):
            overflow[cells[0]] = overflow.get(cells[0], "") + cells[1]
    primary = by_role["primary"]
    records = [
        _record(meta, primary.name, number, cells, aliases, countries, overflow, counter)
        for number, cells in _rows(meta, primary, "primary", warnings)
    ]
    primary_keys = {record.key for record in records}
    for role, keyed in (("alt", aliases), ("add", countries)):
        orphans = sorted(set(keyed) - primary_keys, key=lambda key: (len(key), key))
        if not orphans:
            continue
        shown = ", ".join(orphans[:5]) + (f" and {len(orphans) - 5} more" if len(orphans) > 5 else "")
        if len(orphans) > MIXED_SET_ORPHANS:
            # The files of one publication agree; many strays mean another publication's file,
            # whose aliases or addresses would be read as changes of every entry they differ on.
            raise format_error(
                by_role[role].name,
                "input",
                f"rows of {len(orphans)} ent_num(s) not in {primary.name} ({shown}): the files look to "
                "come from different publications; import the files of one download together (or "
                f"leave out {by_role[role].name}, and its {_FACET_OF_ROLE[role]} are not stated)",
            )
        # Rows of an ent_num the primary file does not hold name or place nobody: say so, not drop them.
        warnings.append(
            f"{by_role[role].name}: rows of {len(orphans)} ent_num(s) not in {primary.name} "
            f"were not read ({shown})"
        )
    unstated = frozenset(facet for role, facet in _FACET_OF_ROLE.items() if role not in by_role)
    if unstated:
        missing = " or ".join(role for role in _FACET_OF_ROLE if role not in by_role)
        warnings.append(
            f"{primary.name}: the set has no {missing} file, so it states no "
            f"{' or '.join(sorted(unstated))}: no change to them is read from this snapshot"
        )
    return ParsedList(
        meta.id,
        None,
        dedupe(records, warnings, primary.name),
        counter.counts,
        tuple(warnings),
        unstated=unstated,
    )


# More alias or address rows of ent_nums the primary file lacks than this: a set mixed from two
# publications (the real sets of 2019-01, 2021-07 and 2025-12 have none; the 2019 sdn.csv with the
# 2021 alt.csv has 993, the 2021 sdn.csv with the 2019 alt.csv 60).
MIXED_SET_ORPHANS = 5


def _record(
    meta: SourceMeta,
    name: str,
    number: int,
    cells: list[str],
    aliases: dict[str, list[tuple[str, str]]],
    countries: dict[str, str | None],
    overflow: dict[str, str],
    counter: Counter,
) -> ListRecord:
    key = cells[0]
    if not clean(cells[1]):
        raise format_error(name, f"line {number}", f"ent_num {key} has no SDN_Name")
    kind = _KINDS.get(meta.lookup("sdn_type", cells[2] or _NULL) or "")
    if kind is None:
        counter.add("SDN_Type", cells[2])
        kind = "other"
    list_ids = [meta.list]
    for tag in cells[3].strip("[] ").split("] ["):
        tag = tag.strip()
        if not tag:
            continue
        mapped = meta.lookup("program", tag)
        if mapped is None:
            counter.add("Program", tag)
        elif mapped != meta.list and mapped not in list_ids:
            list_ids.append(mapped)
    births: list[PartialDate | None] = []
    # The comments file goes on with the remarks where OFAC cut them, mid-word at times.
    remarks = cells[11] + overflow.get(key, "")
    if kind == "person":
        for text in remark_birth_texts(remarks):
            births.append(read_ofac_birth(text))
            if births[-1] is None:
                counter.add("DOB", text)
    ships = vessel_imo(remark_vessel_ids(remarks), counter) if kind == "vessel" else ()
    return ListRecord(
        key=key,
        kind=kind,
        list_ids=tuple(list_ids),
        names=make_names(cells[1], aliases.get(key, ())),
        identifiers=(Identifier(meta.scheme, key), *ships),
        country=countries.get(key),
        birth_dates=unique_births(births),
        nationalities=remark_nationalities(remarks, counter) if kind == "person" else (),
    )


# One remark item stating a date of birth: `DOB 12 Jan 1962`, `alt. DOB circa 1962`, and once after
# a note's colon (`(Following data derived from an Eritrean passport ...: Alt. DOB: 10 October
# 1969`, SDN 11313). Otherwise it opens the item: `SWIFT/BIC DOBAATWW` and `... DE CORDOBA` are not.
_DOB_ITEM = re.compile(r"(?:^|:\s+)(?:[Aa]lt\.\s+)?DOB:?\s+(?P<value>\S.*)$", re.DOTALL)
# Two dates joined by "to": `01 Jan 1953 to 31 Dec 1954`, `Mar 1962 to Feb 1963`.
_DATE_SPAN = re.compile(r"^(?P<first>.+?)\s+to\s+(?P<last>.+)$", re.IGNORECASE)


def remark_birth_texts(remarks: str) -> list[str]:
    """The dates of birth OFAC's remarks state, as written (`12 Jan 1962`, `circa 1962`), in order.

    OFAC's CSV remarks and its text list's entries separate their items with `;` and state each
    date of birth as an item of its own (`DOB 1969; alt. DOB 10 Oct 1969; POB Xudur, Somalia`).
    The period that ends the remarks is not part of the date.
    """
    found: list[str] = []
    for item in remarks.split(";"):
        match = _DOB_ITEM.search(" ".join(item.split()))
        if match:
            value = match["value"].rstrip(" .")
            if value:
                found.append(value)
    return found


# A remark item about a person's nationality or citizenship: it opens with the word (after `alt.`);
# `Citizen's Card Number` (a Chinese identity card) does not. What follows is read only as
# `nationality Somalia`: a space, then a name with a capital letter and no colon.
_NATIONALITY_ITEM = re.compile(r"^(?:alt\.\s+)?(?:nationality|citizen)(?![\w'])(?P<rest>.*)$", re.IGNORECASE)
_NATIONALITY_VALUE = re.compile(r"^\s+(?P<value>[A-Z][^:]*)$")


def remark_nationalities(remarks: str, counter: Counter) -> tuple[str, ...]:
    """The nationalities and citizenships OFAC's remarks state for a person, as written, once each.

    Each is a `;`-separated item of its own, as a date of birth is (`nationality Somalia; citizen
    Somalia`); the period that ends the remarks is not part of it. An item about a nationality in
    another form (`nationality: Eritrean` in a note quoting a passport, `nationality possibly
    Palestinian`) is counted under `nationality`, as written.
    """
    found: list[str] = []
    for item in remarks.split(";"):
        match = _NATIONALITY_ITEM.match(" ".join(item.split()))
        if match is None:
            continue
        value = _NATIONALITY_VALUE.match(match["rest"].rstrip(" ."))
        if value is None or value["value"].startswith("possibly"):
            counter.add("nationality", match[0].rstrip(" ."))
        else:
            found.append(value["value"])
    return unique_nationalities(found)


# The label OFAC gives a vessel's IMO number: a remark item's opening in the CSV and text lists, the
# `idType` of the sdnList XML and the identity document type of the enhanced XML.
VESSEL_ID = "Vessel Registration Identification"
_VESSEL_ID_ITEM = re.compile(r"\bVessel Registration Identification:?\s+(?P<value>\S.*)$", re.DOTALL)


def remark_vessel_ids(remarks: str) -> list[str]:
    """The vessel registration identifications OFAC's remarks state, as written (`IMO 9187629`), in order.

    Each is a `;`-separated item of its own, as a date of birth is (`Vessel Registration
    Identification IMO 9187629; MMSI 422023900`); the period that ends the remarks is not part of it.
    """
    found: list[str] = []
    for item in remarks.split(";"):
        match = _VESSEL_ID_ITEM.search(" ".join(item.split()))
        if match:
            value = match["value"].rstrip(" .")
            if value:
                found.append(value)
    return found


def vessel_imo(texts: Iterable[str], counter: Counter, field: str = VESSEL_ID) -> tuple[Identifier, ...]:
    """The `imo` identifiers of a vessel's registration identifications as OFAC writes them
    (`IMO 9187629`, at times `IMO 9256860 (Russia)`); see `proscribe.sources.imo.imo_identifiers`."""
    return imo_identifiers(texts, counter, field)


def read_ofac_birth(text: str) -> PartialDate | None:
    """A date of birth as OFAC writes it, or None when it is not one this reads.

    What `read_stated_birth` reads, and a span of two dates OFAC writes for a birth known only
    within bounds (`01 Jan 1953 to 31 Dec 1954`, `26 Sep 1946 to 07 Dec 1946`, `Mar 1962 to Feb
    1963`), which runs from the first one's earliest day to the last one's latest.
    """
    found = read_stated_birth(text)
    if found is not None:
        return found
    match = _DATE_SPAN.match(" ".join(text.split()))
    if match is None:
        return None
    first, last = read_stated_birth(match["first"]), read_stated_birth(match["last"])
    if first is None or last is None or first.earliest is None or last.latest is None:
        return None
    return birth_between(first.earliest, last.latest)


def birth_between(low: date, high: date) -> PartialDate | None:
    """A birth known to lie between two days, inclusive, as precise as they allow (None backwards).

    `01 Jan 1970 to 31 Dec 1970` is the year 1970, the way a list writing `1970` says it: two
    spellings of one interval must store as one text to be read as one date of birth.
    """
    if low > high:
        return None
    if low.year == high.year and (low.month, low.day, high.month, high.day) == (1, 1, 12, 31):
        return PartialDate.year(low.year)
    last_day = calendar.monthrange(high.year, high.month)[1]
    if (low.year, low.month) == (high.year, high.month) and (low.day, high.day) == (1, last_day):
        return PartialDate.month(low.year, low.month)
    return PartialDate.between(low, high)
