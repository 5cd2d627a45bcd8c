"""Adapter for Canada's consolidated Special Economic Measures Act (SEMA) list XML (`sema-lmes.xml`).

Structure relied on (asserted; drift raises FormatError naming file and line): `data-set` >
`record` with `Country` (the regime, e.g. `Burma / Birmanie`), either `Entity` or `LastName` /
`GivenName`, optional `Aliases` (comma-separated), `Schedule` and `Item`. The record key is
`<regime code>-<schedule>-<item>`, the regime code coming from the `regime_code` lookup (an unknown
regime is counted and keyed by its text). The file states no date: pass the snapshot date.

A person's `DateOfBirth` (`DateOfBirthOrShipBuildDate` in later files) gives the record's dates of
birth: ISO, to the day, month or year (`1962-01-12`, `1964-03`, `1962`), two of them joined by
`or` (`1972-08-10 or 1972-08-11`) where the list is not sure which. A value that cannot be read,
or one on an entity (a ship's build date is no birth), is counted under its tag, not kept.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from lxml import etree

from proscribe.model import EntityKind, Identifier, PartialDate
from proscribe.model.birth import read_birth_date, unique_births
from proscribe.sources.common import InputFile, format_error
from proscribe.sources.meta import SourceMeta
from proscribe.sources.records import Counter, ListRecord, ParsedList, clean, dedupe, make_names
from proscribe.sources.xmlsafe import parse_xml

_SLUG = re.compile(r"[^A-Za-z0-9]+")
# The tags a record's date of birth comes in: the 2020 file's, and the later files' (shared with ships).
_BIRTH_TAGS = ("DateOfBirth", "DateOfBirthOrShipBuildDate")
# Between two dates of birth the list gives for one person ("1972-08-10 or 1972-08-11").
_ALTERNATIVES = re.compile(r"\s+or\s+", re.IGNORECASE)


def parse(meta: SourceMeta, files: Sequence[InputFile]) -> ParsedList:
    """Read one SEMA consolidated-list XML file into records."""
    if len(files) != 1:
        raise format_error(meta.id, "input", f"expects exactly one XML file, got {len(files)}")
    source = files[0]
    root = parse_xml(source.data, source.name)
    if root.tag != "data-set":
        raise format_error(source.name, f"line {root.sourceline}", f"root is <{root.tag}>, not data-set")
    counter = Counter()
    records = []
    for element in root:
        if not isinstance(element.tag, str):
            continue
        if element.tag != "record":
            raise format_error(
                source.name, f"line {element.sourceline}", f"expected <record>, got <{element.tag}>"
            )
        records.append(_record(meta, source.name, element, counter))
    warnings: list[str] = []
    return ParsedList(meta.id, None, dedupe(records, warnings, source.name), counter.counts, tuple(warnings))


def _record(meta: SourceMeta, name: str, element: etree._Element, counter: Counter) -> ListRecord:
    fields = {child.tag: clean(child.text) for child in element if isinstance(child.tag, str)}
    where = f"line {element.sourceline} <record>"
    regime = fields.get("Country", "")
    item = fields.get("Item", "")
    if not regime or not item:
        raise format_error(name, where, "missing Country or Item")
    code = meta.lookup("regime_code", regime)
    if code is None:
        counter.add("Country", regime)
        code = _SLUG.sub("-", regime).strip("-")
    key = f"{code}-{fields.get('Schedule') or '0'}-{item}"
    kind: EntityKind
    if "Entity" in fields:
        primary, kind = fields["Entity"], "organisation"
    else:
        primary, kind = clean(f"{fields.get('GivenName', '')} {fields.get('LastName', '')}"), "person"
    if not primary:
        raise format_error(name, where, "missing Entity or LastName/GivenName")
    aliases = [(part, "alias") for part in fields.get("Aliases", "").split(", ") if part.strip()]
    births: list[PartialDate | None] = []
    for tag in _BIRTH_TAGS:
        births.extend(_births(tag, fields.get(tag, ""), kind, counter))
    return ListRecord(
        key=key,
        kind=kind,
        list_ids=(meta.list,),
        names=make_names(primary, aliases),
        identifiers=(Identifier(meta.scheme, key),),
        birth_dates=unique_births(births),
    )


def _births(tag: str, value: str, kind: EntityKind, counter: Counter) -> list[PartialDate | None]:
    """The dates of birth one tag states for a person, each of its `or`-joined dates read apart.

    An empty tag states nothing. A date that cannot be read, and any value on an entity (which
    has no birth), is counted under the tag so the import report shows it.
    """
    if not value:
        return []
    if kind != "person":
        counter.add(tag, value)
        return []
    found = []
    for part in _ALTERNATIVES.split(value):
        read = read_birth_date(part)
        if read is None and part.strip():
            counter.add(tag, part)
        found.append(read)
    return found
