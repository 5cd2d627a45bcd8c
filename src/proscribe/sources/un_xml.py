"""Adapter for the UN Security Council Consolidated List XML (`CONSOLIDATED_LIST`).

Structure relied on (asserted; drift raises FormatError naming file and line):
`CONSOLIDATED_LIST[@dateGenerated]` > `INDIVIDUALS/INDIVIDUAL` and `ENTITIES/ENTITY`, each with
`REFERENCE_NUMBER` (the record key, trimmed: the UN ships `KPi.034 ` with a trailing space),
`UN_LIST_TYPE` (mapped to a list id by the `list_type` lookup), `FIRST_NAME`..`FOURTH_NAME`,
optional `NAME_ORIGINAL_SCRIPT`, `LISTED_ON`, and `*_ALIAS` (`QUALITY`, `ALIAS_NAME`; quality
mapped by the `alias_quality` lookup), and `*_ADDRESS/COUNTRY` (the record's countries, as
written). An individual's `INDIVIDUAL_DATE_OF_BIRTH` gives its dates of birth (`_birth`), and the
`VALUE`s of its `NATIONALITY` its nationalities, as written ("Afghanistan"; "na", which the UN
writes where it knows none, states none). Both the 2016 and the current schema share these
elements.

Each record carries a digest of its bytes in the file (and of the source's metadata, which decides
the mapping). Given the digests held from the last snapshot (`known`), records whose digest is
the same are not built again: a routine daily file differs from yesterday's in a few entries.
A record's bytes run from its start tag to the next record's start tag (or the end of the file),
so they hold the whole element; when the start tags found in the bytes do not pair one to one
with the elements parsed (another encoding, nested or unusual markup), each element is
serialised instead. Either way equal digests mean equal records.
"""

from __future__ import annotations

import collections
import hashlib
import re
from collections.abc import Mapping, Sequence

from lxml import etree

from proscribe.model import EntityKind, Identifier, PartialDate
from proscribe.model.birth import unique_births
from proscribe.sources.common import (
    InputFile,
    format_error,
    iso_date,
    read_stated_birth,
    split_alias,
    without_zone,
)
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
from proscribe.sources.xmlsafe import parse_xml, text_of

_SECTIONS: dict[str, tuple[str, EntityKind]] = {
    "INDIVIDUALS": ("INDIVIDUAL", "person"),
    "ENTITIES": ("ENTITY", "organisation"),
}
# Bump when the reading of an element (or how its digest is taken) changes, so held digests stop matching.
_VERSION = 7
# A record's start tag: `<` is followed directly by the name in XML, so every real one matches.
_RECORD_START = re.compile(rb"<(?:INDIVIDUAL|ENTITY)(?=[\s/>])")
_NAME_PARTS = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")


def parse(meta: SourceMeta, files: Sequence[InputFile], known: Mapping[str, str] | None = None) -> ParsedList:
    """Read one UN consolidated list file into records (skipping those `known` by digest)."""
    if len(files) != 1:
        raise format_error(meta.id, "input", f"expects exactly one XML file, got {len(files)}")
    source = files[0]
    root = parse_xml(source.data, source.name)
    if root.tag != "CONSOLIDATED_LIST":
        raise format_error(
            source.name, f"line {root.sourceline}", f"root is <{root.tag}>, not CONSOLIDATED_LIST"
        )
    generated = iso_date(root.get("dateGenerated", ""))
    if generated is None:
        raise format_error(source.name, "CONSOLIDATED_LIST", "missing or malformed dateGenerated attribute")
    counter = Counter()
    elements: list[tuple[etree._Element, EntityKind]] = []
    for section in root:
        if section.tag not in _SECTIONS:
            raise format_error(
                source.name, f"line {section.sourceline}", f"unexpected section <{section.tag}>"
            )
        tag, kind = _SECTIONS[section.tag]
        for element in section:
            if element.tag != tag:
                raise format_error(
                    source.name, f"line {element.sourceline}", f"expected <{tag}>, got <{element.tag}>"
                )
            elements.append((element, kind))
    digests = _digests(source.data, [element for element, _ in elements], _salt(meta))
    # A held digest names its record key: the bytes include the key, so equal bytes, equal key.
    held = {raw: key for key, raw in (known or {}).items()}
    repeated = {raw for raw, times in collections.Counter(digests).items() if times > 1}
    skip = [held.get(raw) if raw not in repeated else None for raw in digests]
    records = [
        _record(meta, source.name, element, kind, counter, raw)
        for (element, kind), raw, key in zip(elements, digests, skip, strict=True)
        if key is None
    ]
    unchanged = [key for key in skip if key is not None]
    if {record.key for record in records}.intersection(unchanged):
        # A key repeated with other content beside its held copy: read every record, so the
        # repeats merge in file order exactly as without digests.
        counter = Counter()
        records = [
            _record(meta, source.name, element, kind, counter, raw)
            for (element, kind), raw in zip(elements, digests, strict=True)
        ]
        unchanged = []
    warnings: list[str] = []
    return ParsedList(
        meta.id,
        generated,
        dedupe(records, warnings, source.name),
        counter.counts,
        tuple(warnings),
        unchanged=tuple(unchanged),
    )


def _digests(data: bytes, elements: Sequence[etree._Element], salt: bytes) -> list[str]:
    """A salted digest of each record's bytes: sliced from the file, or serialised as a fallback."""
    if not elements:
        return []
    starts = [match.start() for match in _RECORD_START.finditer(data)]
    if len(starts) == len(elements):
        ends = [*starts[1:], len(data)]
        return [
            hashlib.blake2b(data[start:end], key=salt, digest_size=16).hexdigest()
            for start, end in zip(starts, ends, strict=True)
        ]
    return [
        hashlib.blake2b(etree.tostring(element, with_tail=False), key=salt, digest_size=16).hexdigest()
        for element in elements
    ]


def _salt(meta: SourceMeta) -> bytes:
    """What else decides a record's reading: this adapter's version and the source's metadata."""
    return hashlib.blake2b(f"{_VERSION}|{meta!r}".encode(), digest_size=16).digest()


def _record(
    meta: SourceMeta, name: str, element: etree._Element, kind: EntityKind, counter: Counter, raw: str
) -> ListRecord:
    where = f"line {element.sourceline} <{element.tag}>"
    fields: dict[str, etree._Element] = {}
    alias_elements: list[etree._Element] = []
    alias_tag = f"{element.tag}_ALIAS"
    address_tag = f"{element.tag}_ADDRESS"
    countries: list[str] = []
    births: list[PartialDate | None] = []
    nationalities: list[str] = []
    for child in element:
        tag = child.tag  # lxml builds the string anew on each read
        if tag == alias_tag:
            alias_elements.append(child)
        elif tag == address_tag:
            countries.append(text_of(_first_children(child).get("COUNTRY")))
        elif tag == "INDIVIDUAL_DATE_OF_BIRTH":
            births.append(_birth(child, counter))
        elif tag == "NATIONALITY" and kind == "person":
            nationalities.extend(text_of(value) for value in child if value.tag == "VALUE")
        elif isinstance(tag, str):
            fields.setdefault(tag, child)
    key = clean(text_of(fields.get("REFERENCE_NUMBER")))
    if not key:
        raise format_error(name, where, "missing REFERENCE_NUMBER")
    list_type = text_of(fields.get("UN_LIST_TYPE"))
    list_id = meta.lookup("list_type", list_type)
    if list_id is None:
        counter.add("UN_LIST_TYPE", list_type)
        list_id = meta.list
    primary = clean(" ".join(text_of(fields.get(part)) for part in _NAME_PARTS))
    if not primary:
        raise format_error(name, f"{where} {key}", "missing FIRST_NAME")
    aliases: list[tuple[str, str]] = []
    original = clean(text_of(fields.get("NAME_ORIGINAL_SCRIPT")))
    if original:
        aliases.append((original, "alias"))
    for alias in alias_elements:
        parts = _first_children(alias)
        value = text_of(parts.get("ALIAS_NAME"))
        if not value:
            continue
        quality = text_of(parts.get("QUALITY"))
        alias_kind = meta.lookup("alias_quality", quality)
        if alias_kind is None:
            counter.add("QUALITY", quality)
            alias_kind = "alias"
        aliases.extend((part, alias_kind) for part in split_alias(value))
    listed_text = text_of(fields.get("LISTED_ON"))
    listed_on = iso_date(listed_text)
    if listed_text and listed_on is None:
        counter.add("LISTED_ON", listed_text)
    return ListRecord(
        key=key,
        kind=kind,
        list_ids=(list_id,),
        names=make_names(primary, aliases),
        identifiers=(Identifier(meta.scheme, key),),
        listed_on=listed_on,
        country=join_countries(countries),
        raw=raw,
        birth_dates=unique_births(births),
        nationalities=unique_nationalities(nationalities),
    )


def _first_children(element: etree._Element) -> dict[str, etree._Element]:
    """The first child element of each tag, as `element.find(tag)` gives it for a plain tag name.

    One pass over the children instead of a path search per field: lxml's `find` costs more than
    the rest of reading a record.
    """
    found: dict[str, etree._Element] = {}
    for child in element:
        tag = child.tag
        if isinstance(tag, str):  # comments and processing instructions have no name
            found.setdefault(tag, child)
    return found


def _birth(element: etree._Element, counter: Counter) -> PartialDate | None:
    """One `INDIVIDUAL_DATE_OF_BIRTH`: `DATE`, `YEAR` (with a month in `NOTE`: "Sep."), `FROM_YEAR` /
    `TO_YEAR` for BETWEEN, a year given APPROXIMATELY, or a date in `NOTE` ("Nov. 1973").

    A time zone after a date or year (`1962-11-09-05:00`, as XML Schema allows) is left out: the
    day is the one written. An empty element states nothing. A value this cannot read
    ("24/06/1402 (Hijri Calendar)", "30-35 years old") is counted under `DATE_OF_BIRTH` in the import report.
    """
    parts = _first_children(element)
    kind = text_of(parts.get("TYPE_OF_DATE")).upper()
    # xs:date and xs:gYear values, which may end in a time zone (`1962-11-09-05:00`).
    day, year, first, last = (
        without_zone(text_of(parts.get(tag))) for tag in ("DATE", "YEAR", "FROM_YEAR", "TO_YEAR")
    )
    note = text_of(parts.get("NOTE"))
    found: PartialDate | None = None
    if day:
        found = read_stated_birth(day)
    elif first and last:
        found = read_stated_birth(f"{first}-{last}")
    elif year:
        month = read_stated_birth(f"{note} {year}") if note else None
        found = month or read_stated_birth(f"circa {year}" if kind == "APPROXIMATELY" else year)
    elif note:
        found = read_stated_birth(note)
    else:
        return None
    if found is None:
        counter.add("DATE_OF_BIRTH", " ".join(v for v in (day, first, last, year, note) if v))
    return found
