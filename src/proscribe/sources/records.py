"""What an adapter reads from one list file: records with names, identifiers and dates, before identity.

Adapters are pure (bytes in, `ParsedList` out). A `ListRecord` keeps everything the rest of the
pipeline needs: its normalised key (unique within the file), the list it belongs to, names with
script, identifiers, the listing date when the file states one, and a fingerprint of its names
(used by the snapshot diff to detect amendments). Values an adapter cannot map are counted in
`ParsedList.unmapped` under `field=value`, never dropped silently. A delta file (a source whose
metadata says `mode: delta`) also names the record keys it `removed`.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from proscribe.errors import FormatError
from proscribe.model import EntityKind, Identifier, Name, detect_script
from proscribe.model.entity import NameKind

_SPACES = re.compile(r"\s+")

# Facets of a record a file set may leave out (ParsedList.unstated): the names other than the
# primary one, and the addresses (where the country comes from).
FACETS = ("aliases", "addresses")

# The name kinds lookups may map to (metadata is validated against these keys).
NAME_KINDS: dict[str, NameKind] = {
    "primary": "primary",
    "alias": "alias",
    "weak_alias": "weak_alias",
    "former": "former",
    "translation": "translation",
}

# Names repeat across snapshots of the same list; detecting the script once per distinct name is
# most of an adapter's time otherwise.
_script = lru_cache(maxsize=262_144)(detect_script)


def clean(value: str | None) -> str:
    """Collapse runs of whitespace and strip, and drop control characters: `' CHO  CHUN '` -> `'CHO CHUN'`.

    A hyphen that ends a line inside a word was the file's line wrap: the 2020-03-20 UN file has
    `ISIL-` and `K` on two lines for QDe.161's "ISIL-K", which read "ISIL- K" and a renaming.
    A control character is no part of a name (see `without_controls`); while `noting_controls`
    runs, each value that held one is noted, so the import report can say what was removed.
    """
    if not value:
        return ""
    if value.isprintable() and "  " not in value:
        # Most values: every whitespace character but the space is unprintable, and a line break
        # is one, so there is nothing to collapse, join or remove.
        return value.strip()
    kept = _drop_controls(value)
    text = _SPACES.sub(" ", _WRAPPED_HYPHEN.sub("-", kept)).strip()
    if kept != value:
        _note(value, text)
    return text


_WRAPPED_HYPHEN = re.compile(r"(?<=\w)-[ \t]*\r?\n\s*(?=\w)")

# Terminal escape sequences (ECMA-48), removed whole: a control sequence (ESC [, parameter and
# intermediate bytes, a final byte: `ESC[2J` clears the screen, `ESC[31m` turns text red), a
# control string (OSC, DCS, SOS, PM, APC, up to BEL or the string terminator: `ESC]0;title BEL`
# retitles the window) or an escape with intermediate bytes (`ESC(B`, which `tput sgr0` writes).
# Any other escape loses the escape only: the letter or digit after it (`ESC7` saves the cursor,
# `ESCc` resets the terminal) may be the name's own, and a name must not lose one on a guess;
# without its escape, it does nothing to a terminal.
_ESCAPE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[\]PX^_][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[!-/]+[0-~]")
# The C0 control characters that are not white space, DEL and the C1 characters: no list writes one
# in a value on purpose, and kept, one hides the name from screening ("EVIL \x1b[31mRED CORP"
# matches no query "EVIL RED CORP") and acts on the terminal that shows it. White space (tab, line
# breaks and the information separators, which Python's `\s` counts as such) becomes a space.
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1b\x7f-\x9f]")
_C0_AND_DEL = re.compile(r"[\x00-\x08\x0e-\x1b\x7f]")
_SPACE_CONTROLS = re.compile(r"[\t-\r\x1c-\x1f]")


# Each C1 character as the character Windows-1252 gives its byte (None, removed, for the five bytes
# it leaves undefined). A C1 character in a list is, in practice, a Windows-1252 character read as
# Latin-1 on its way (the US Consolidated Screening List of February 2025 writes "CAST Xi\x92an
# Spaceflight Engine Factory" for "Xi'an", with U+2019), not a terminal control: read as meant,
# "\x8aE\x8aELJ" is "ŠEŠELJ", where removing it would leave "EELJ" and hide the name from screening.
_C1_AS_WINDOWS_1252 = {code: bytes([code]).decode("cp1252", "ignore") or None for code in range(0x80, 0xA0)}


def _drop_controls(value: str) -> str:
    """`value` without terminal escape sequences, the C0 control characters that are not white space
    and DEL, and with each C1 character read as Windows-1252 (`_C1_AS_WINDOWS_1252`)."""
    if _CONTROLS.search(value) is None:
        return value
    return _C0_AND_DEL.sub("", _ESCAPE.sub("", value)).translate(_C1_AS_WINDOWS_1252)


def without_controls(value: str) -> str:
    """`value` without terminal escape sequences and control characters, white space ones as a space;
    nothing else changed (no collapsing): for record keys and identifiers, which `clean` does not read.

    `'EVIL \\x1b[2J\\x1b[31mRED\\x1b[0m CORP'` -> `'EVIL RED CORP'`. A stray control character in a
    published list must not hide an entry from screening, so the value is kept, without it, rather
    than the record refused; the import report names every value changed so (`noting_controls`).
    """
    if value.isprintable():
        return value
    kept = _drop_controls(value)
    text = _SPACE_CONTROLS.sub(" ", kept)
    if kept != value:
        _note(value, text)
    return text


# The values `clean` and `without_controls` removed control characters from, while `noting_controls`
# runs: about forty calls in a dozen adapters read values through `clean`, and none should have to
# carry a collector for what is, in real lists, a rare defect.
_NOTED: ContextVar[list[tuple[str, str]] | None] = ContextVar("proscribe_controls_noted", default=None)


def _note(before: str, after: str) -> None:
    noted = _NOTED.get()
    if noted is not None:
        noted.append((before, after))


@contextmanager
def noting_controls() -> Iterator[list[tuple[str, str]]]:
    """Collect, as (value as read, value kept), each value control characters are removed from
    while the block runs (see `controls_warning`)."""
    noted: list[tuple[str, str]] = []
    token = _NOTED.set(noted)
    try:
        yield noted
    finally:
        _NOTED.reset(token)


def controls_warning(where: str, noted: Sequence[tuple[str, str]], limit: int = 5) -> str | None:
    """A warning naming the values control characters were removed from (None when none was).

    Values are shown escaped (`repr`), so the warning itself holds none.
    """
    first: dict[str, str] = {}
    for before, after in noted:
        first.setdefault(before, after)
    distinct = list(first.items())
    if not distinct:
        return None
    shown = "; ".join(f"{before.strip()!r} read as {after!r}" for before, after in distinct[:limit])
    more = f" and {len(distinct) - limit} more" if len(distinct) > limit else ""
    return (
        f"{where}: {len(distinct)} value(s) held control characters, kept without them (escape "
        f"sequences and C0 controls removed, C1 characters read as Windows-1252): {shown}{more}"
    )


def join_countries(values: Iterable[str | None]) -> str | None:
    """The distinct countries of a record's addresses, cleaned, in order: `"Iraq; Jordan"` (or None)."""
    found: list[str] = []
    for value in values:
        text = clean(value).replace(";", ",")
        if text and text not in found:
            found.append(text)
    return "; ".join(found) or None


# What a few lists write where they know no nationality (the UN's SDi.001: "na"): it states none.
_NO_NATIONALITY = frozenset({"na", "n/a"})


def unique_nationalities(values: Iterable[str | None]) -> tuple[str, ...]:
    """A person's nationalities as stored: each value cleaned, once (whatever its case), in order.

    An empty value, or one saying that none is known ("na"), states nothing.
    """
    found: dict[str, str] = {}
    for value in values:
        text = clean(value)
        if text and text.casefold() not in _NO_NATIONALITY:
            found.setdefault(text.casefold(), text)
    return tuple(found.values())


@dataclass(frozen=True, slots=True)
class ListRecord:
    """One entry of an official list as the file states it."""

    key: str
    kind: EntityKind
    list_ids: tuple[str, ...]
    names: tuple[Name, ...]
    identifiers: tuple[Identifier, ...] = ()
    listed_on: date | None = None
    # The countries of the record's addresses as the file writes them, in file order, "; " between
    # two (`join_countries`); compared through `proscribe.vocab.country_codes`.
    country: str | None = None
    note: str | None = None
    # Digest of the record's bytes in the file, when the adapter can tell (see `ParsedList.unchanged`).
    raw: str | None = None
    # Listing dates of single lists, where the file dates them apart (OFAC's enhanced XML dates the
    # SDN and the non-SDN listing of one entry; a UK group has a "Listed On" per regime). None: the
    # file does not date that list (an OFAC program list among several programs). A list not named
    # here was listed on `listed_on`.
    list_dates: tuple[tuple[str, date | None], ...] = ()
    # False where the file does not say which name is the entry's own: OFAC's old text list prints
    # an entry under each of its names alike, so the first is only the first alphabetically. Its
    # first name is then no stronger evidence of identity than the others (proscribe.resolve.identity).
    primary_stated: bool = True
    # The dates of birth the file states for a person, as stored (`PartialDate` ISO text, read by
    # proscribe.model.birth), in file order.
    birth_dates: tuple[str, ...] = ()
    # The nationalities and citizenships the file states for a person, as it writes them (a name,
    # an adjective or a code: "Afghanistan", "Afghan", "af"), cleaned, once each, in file order
    # (`unique_nationalities`); compared through `proscribe.vocab.nationality_codes`.
    nationalities: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.key or self.key != self.key.strip():
            raise ValueError(f"record key must be non-empty and trimmed, got {self.key!r}")
        if not self.names:
            raise ValueError(f"record {self.key} has no name")
        if not self.list_ids:
            raise ValueError(f"record {self.key} is on no list")

    @property
    def name(self) -> str:
        """The record's primary name."""
        return self.names[0].value

    def details(self) -> tuple[tuple[str, str], ...]:
        """What the record states beyond its names, as (kind, value): each identifier it gives
        (`identifier`, `scheme:value`: its own number and the other lists' it cites), then its
        countries (`country`, as the file writes them), then its dates of birth (`birth_date`), then
        its nationalities (`nationality`). Splits and withdrawals read these to tell what a record
        alone lent its entity (proscribe.ingest.lent); screening reads the dates of birth
        (Reader.birth_dates), identity suggestions both (Reader.nationalities)."""
        found = tuple(("identifier", identifier.key()) for identifier in self.identifiers)
        countries = (("country", self.country),) if self.country else ()
        births = tuple(("birth_date", value) for value in self.birth_dates)
        return found + countries + births + tuple(("nationality", value) for value in self.nationalities)

    def listed_on_for(self, list_id: str) -> date | None:
        """The day the file says the entry was put on `list_id` (None when it does not say)."""
        return dict(self.list_dates).get(list_id, self.listed_on)

    def fingerprint(self) -> str:
        """A hash of the lists and the names; a change between snapshots is an amendment."""
        parts = [*self.list_ids, *sorted({f"{n.kind}:{n.value}" for n in self.names})]
        return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:16]

    def content(self) -> str:
        """A hash of everything the record states (a change ends a run of identical snapshots)."""
        parts = [
            self.kind,
            *self.list_ids,
            *(f"{n.kind}:{n.script}:{n.lang or ''}:{n.value}" for n in self.names),
            *(identifier.key() for identifier in self.identifiers),
            self.listed_on.isoformat() if self.listed_on else "",
            self.country or "",
            self.note or "",
            # Only when stated, so records of files that date no list apart keep their content hash.
            *(f"{list_id}={day.isoformat() if day else ''}" for list_id, day in self.list_dates),
            # Part of what a run holds unchanged: withdrawing the snapshot that first stated a date
            # of birth must take it back (proscribe.ingest.lent), as it does an identifier.
            *(f"born={value}" for value in self.birth_dates),
            # Likewise, and only when stated, so a record stating none keeps its content hash.
            *(f"nationality={value}" for value in self.nationalities),
        ]
        return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class ParsedList:
    """The records of one list file (or file set) with its date and what could not be mapped."""

    source_name: str
    snapshot_date: date | None
    records: tuple[ListRecord, ...]
    unmapped: dict[str, int] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    # Keys of records whose bytes match the digest the caller already holds (`known`), so the
    # adapter did not build them again: the caller carries their earlier reading forward.
    unchanged: tuple[str, ...] = ()
    # The part of the list the file holds, as the file states it (e.g. `lists: Consolidated List`),
    # when it is not the whole publication; None for the whole list.
    scope: str | None = None
    # True when the file is a selection whose absences prove nothing (an export filtered by
    # sanctions program, an excerpt): its records are evidence of presence only.
    partial: bool = False
    # Facets of the records the input does not state (see FACETS): a set without its alias file
    # states no aliases, which is not the same as stating that there are none.
    unstated: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        unknown = self.unstated - set(FACETS)
        if unknown:
            raise ValueError(f"unknown facets {sorted(unknown)}; known: {', '.join(FACETS)}")


def scrub_controls(parsed: ParsedList, where: str) -> ParsedList:
    """`parsed` with no control character left in any record's key, names, identifiers, country,
    note or nationalities, in the keys it removes or in its unmapped values.

    Names and most values are read through `clean`, which removes them already; this is the net
    under every adapter for what is not (record keys and identifiers, read as the file writes
    them). Records whose keys become one are merged, as repeated keys are (`dedupe`).
    """
    records = tuple(_scrubbed(record, where) for record in parsed.records)
    unmapped: dict[str, int] = {}
    for value, count in parsed.unmapped.items():
        scrubbed = without_controls(value)
        unmapped[scrubbed] = unmapped.get(scrubbed, 0) + count
    removed = tuple(
        dict.fromkeys(without_controls(key).strip() if _has_controls(key) else key for key in parsed.removed)
    )
    if records == parsed.records and unmapped == parsed.unmapped and removed == parsed.removed:
        return parsed
    warnings = list(parsed.warnings)
    if len({record.key for record in records}) < len(records):
        records = dedupe(records, warnings, where)
    return dataclasses.replace(
        parsed, records=records, unmapped=unmapped, removed=removed, warnings=tuple(warnings)
    )


def _scrubbed(record: ListRecord, where: str) -> ListRecord:
    """`record` with control characters removed from the values that hold any; the others (and
    so the record's content hash) untouched."""
    values = (
        record.key,
        *(n.value for n in record.names),
        *(i.value for i in record.identifiers),
        record.country or "",
        record.note or "",
        *record.nationalities,
    )
    if not any(map(_has_controls, values)):
        return record
    key = without_controls(record.key).strip() if _has_controls(record.key) else record.key
    if not key:
        raise FormatError(f"{where}: record key {record.key!r} holds nothing but control characters")
    names = record.names
    if any(_has_controls(n.value) for n in names):
        kept: dict[str, Name] = {}
        for name in names:
            value = clean(name.value)
            if value and value.casefold() not in kept:
                kind = name.kind if kept else "primary"
                kept[value.casefold()] = Name(value, kind, _script(value), name.lang)
        names = tuple(kept.values())
    identifiers = tuple(
        dict.fromkeys(
            Identifier(i.scheme, without_controls(i.value).strip()) if _has_controls(i.value) else i
            for i in record.identifiers
        )
    )
    country = (
        clean(record.country) or None if record.country and _has_controls(record.country) else record.country
    )
    note = without_controls(record.note) if record.note and _has_controls(record.note) else record.note
    nationalities = record.nationalities
    if any(map(_has_controls, nationalities)):
        nationalities = unique_nationalities(nationalities)
    return dataclasses.replace(
        record,
        key=key,
        names=names,
        identifiers=identifiers,
        country=country,
        note=note,
        nationalities=nationalities,
    )


def _has_controls(value: str) -> bool:
    """True when `value` holds a control character, white space ones (a tab, a line break) included."""
    return not value.isprintable() and (_CONTROLS.search(value) or _SPACE_CONTROLS.search(value)) is not None


def make_names(primary: str, aliases: Iterable[tuple[str, str]] = ()) -> tuple[Name, ...]:
    """Build a record's names: the primary first, then (value, kind) aliases, cleaned and deduplicated."""
    out: list[Name] = []
    seen: set[str] = set()
    for value, kind in ((primary, "primary"), *aliases):
        text = clean(value)
        folded = text.casefold()
        if not text or folded in seen:
            continue
        seen.add(folded)
        out.append(Name(text, "primary" if not out else NAME_KINDS.get(kind, "alias"), _script(text)))
    return tuple(out)


class Counter:
    """Counts unmapped `field=value` pairs for the import report."""

    def __init__(self) -> None:
        self.counts: dict[str, int] = {}

    def add(self, field_name: str, value: str) -> None:
        """Count one occurrence of an unmapped value."""
        key = f"{field_name}={value}"
        self.counts[key] = self.counts.get(key, 0) + 1


def dedupe(records: Iterable[ListRecord], warnings: list[str], name: str) -> tuple[ListRecord, ...]:
    """Keep the first record per key; identical repeats are dropped with a warning, conflicts merged.

    Real files repeat rows (58 exact duplicates in a 2024 OFAC sdn.csv); a repeat with other
    names is merged into the first record so no name is lost.
    """
    by_key: dict[str, ListRecord] = {}
    repeats = 0
    for record in records:
        first = by_key.get(record.key)
        if first is None:
            by_key[record.key] = record
            continue
        repeats += 1
        if record != first:
            known = {m.value for m in first.names}
            extra = tuple(
                Name(n.value, "alias" if n.kind == "primary" else n.kind, n.script)
                for n in record.names
                if n.value not in known
            )
            ids = tuple(i for i in record.identifiers if i not in first.identifiers)
            by_key[record.key] = ListRecord(
                first.key,
                first.kind,
                first.list_ids + tuple(i for i in record.list_ids if i not in first.list_ids),
                first.names + extra,
                first.identifiers + ids,
                first.listed_on or record.listed_on,
                first.country or record.country,
                first.note,
                first.raw,
                first.list_dates + tuple(d for d in record.list_dates if d[0] not in dict(first.list_dates)),
                first.primary_stated,
                first.birth_dates + tuple(d for d in record.birth_dates if d not in first.birth_dates),
                first.nationalities + tuple(n for n in record.nationalities if n not in first.nationalities),
            )
    if repeats:
        warnings.append(f"{name}: {repeats} repeated record key(s) merged")
    return tuple(by_key.values())


LOST_CHARACTER = "\ufffd"


def lost_characters(records: Sequence[ListRecord], limit: int = 5) -> str | None:
    """A warning naming the records whose names hold lost characters, or None when none does.

    The publisher's file already had characters replaced (in the UN consolidated list of
    2025-11-20, an Arabic alias of TAi.068 has two letters replaced): the name is kept as
    published, since it is what the list says, but an analyst must know that it is damaged.
    """
    damaged = [(r.key, n.value) for r in records for n in r.names if _lost_in(n.value)]
    if not damaged:
        return None
    shown = "; ".join(f"{key}: {value!r}" for key, value in damaged[:limit])
    more = f" and {len(damaged) - limit} more" if len(damaged) > limit else ""
    return (
        f"{len(damaged)} name(s) with characters the publisher's file already lost "
        f"(U+FFFD, or '?' touching a letter), kept as published: {shown}{more}"
    )


# A question mark touching a letter, or two in a row, is a character an encoding step lost (no
# name on a list asks a question): the EU's CSV v1.0 writes "Revolu?n", "Czarny Wrzesie?" and a
# name in Arabic or Cyrillic as "???? ????"; the CSL file "?Gazprom Transgaz Kazan?".
_LOST_AS_QUESTION_MARK = re.compile(r"\w\?|\?\w|\?\?")


def _lost_in(name: str) -> bool:
    # The pattern needs a question mark: most names have none, and are not searched.
    return LOST_CHARACTER in name or ("?" in name and _LOST_AS_QUESTION_MARK.search(name) is not None)
