"""Adapter for Canada's consolidated Special Economic Measures Act (SEMA) list XML (`sema-lmes.xml`).

Structure relied on (asserted; drift raises FormatError naming file and line): `data-set` >
`record`, each field a child element. Global Affairs Canada has written the file three ways, all
read here alike:
- the 2020 file: `Country` (the regime, e.g. `Burma / Birmanie`), `Entity` or `LastName` /
  `GivenName`, `Title`, `Aliases` (comma-separated), `DateOfBirth`, `Schedule`, `Item`;
- later English tags, ships listed beside people and entities: `EntityOrShip`, `TitleOrShip`
  (a person's title or a ship's type), `ShipIMONumber`, `DateOfBirthOrShipBuildDate`, and
  `DateOfListing`;
- the bilingual tags of the newest files (`Country-Pays`, `EntityOrShip-EntiteOuNavire`,
  `TitleOrShipType-TitreOuTypeDeNavire`, ...), read by their English part, before the hyphen.
A tag namespace is ignored. An element the adapter does not know is counted under `element`.

The record key is `<regime code>-<schedule>-<item>`, the regime code coming from the
`regime_code` lookup, by the whole `Country` text or else by its English part (before ` / `), so
a regime keeps its code whichever way a year's file spells it; an unknown regime is counted and
keyed by its text. The file states no date: pass the snapshot date. `DateOfListing` is the
record's listing date (an unreadable one is counted).

A record naming a person (`LastName`, `GivenName`) is a person; one naming an entity is a vessel
when it carries a ship's IMO number or type, an organisation otherwise. A valid IMO number (seven
digits whose last is their check digit) is kept as an `imo` identifier (`IMO_SCHEME`); text that is none (the
list has some on people) is counted. A person's `DateOfBirth` (`DateOfBirthOrShipBuildDate` in
later files) gives the record's dates of birth: ISO, to the day, month or year (`1962-01-12`,
`1964-03`, `1962`), two of them joined by `or` (`1972-08-10 or 1972-08-11`) where the list is not
sure which. A value that cannot be read, or one on an organisation, is counted under its tag.
Titles and a ship's build date and type describe the designee but are no designation fact; they
are not kept.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TypeVar

from lxml import etree

from proscribe.model import IMO_SCHEME, EntityKind, Identifier, PartialDate
from proscribe.model.birth import unique_births
from proscribe.sources.common import InputFile, format_error, iso_date, read_stated_birth
from proscribe.sources.imo import read_imo
from proscribe.sources.meta import SourceMeta
from proscribe.sources.records import Counter, ListRecord, ParsedList, clean, dedupe, make_names
from proscribe.sources.xmlsafe import parse_xml

T = TypeVar("T")
_SLUG = re.compile(r"[^A-Za-z0-9]+")
# The fields a record may have, by English tag: each year's names for the same thing.
_FIELDS = frozenset(
    {
        "Country",
        "LastName",
        "GivenName",
        "Entity",
        "EntityOrShip",
        "Title",
        "TitleOrShip",
        "TitleOrShipType",
        "ShipIMONumber",
        "Aliases",
        "DateOfBirth",
        "DateOfBirthOrShipBuildDate",
        "Schedule",
        "Item",
        "DateOfListing",
    }
)
_ENTITY_TAGS = ("Entity", "EntityOrShip")
_SHIP_TYPE_TAGS = ("TitleOrShip", "TitleOrShipType")
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
    if etree.QName(root).localname != "data-set":
        raise format_error(source.name, f"line {root.sourceline}", f"root is <{root.tag}>, not data-set")
    counter = Counter()
    records = []
    for element in root:
        if not isinstance(element.tag, str):
            continue
        if etree.QName(element).localname != "record":
            raise format_error(
                source.name, f"line {element.sourceline}", f"expected <record>, got <{element.tag}>"
            )
        records.append(_record(meta, source.name, element, counter))
    warnings: list[str] = []
    return ParsedList(meta.id, None, dedupe(records, warnings, source.name), counter.counts, tuple(warnings))


def _field(element: etree._Element) -> str:
    """The English name of an element: its local tag, up to a bilingual tag's hyphen (`Country-Pays`)."""
    return etree.QName(element).localname.split("-", 1)[0]


def _fields(name: str, element: etree._Element, counter: Counter) -> dict[str, str]:
    """A record's fields by English tag; an unknown one counted, a field stated twice apart refused."""
    fields: dict[str, str] = {}
    for child in element:
        if not isinstance(child.tag, str):
            continue
        tag = _field(child)
        if tag not in _FIELDS:
            counter.add("element", tag)
            continue
        value = clean(child.text)
        if fields.get(tag, value) != value:
            raise format_error(
                name,
                f"line {child.sourceline} <{child.tag}>",
                f"{tag} stated twice: {fields[tag]!r}, {value!r}",
            )
        fields[tag] = value
    return fields


def _record(meta: SourceMeta, name: str, element: etree._Element, counter: Counter) -> ListRecord:
    fields = _fields(name, element, counter)
    where = f"line {element.sourceline} <record>"
    regime = fields.get("Country", "")
    item = fields.get("Item", "")
    if not regime or not item:
        raise format_error(name, where, "missing Country or Item")
    code = meta.lookup("regime_code", regime) or meta.lookup("regime_code", regime.split(" / ", 1)[0])
    if code is None:
        counter.add("Country", regime)
        code = _SLUG.sub("-", regime).strip("-")
    key = f"{code}-{fields.get('Schedule') or '0'}-{item}"
    person = clean(f"{fields.get('GivenName', '')} {fields.get('LastName', '')}")
    entity = next((fields[tag] for tag in _ENTITY_TAGS if fields.get(tag)), "")
    if entity and person:
        raise format_error(name, where, f"names both a person ({person!r}) and an entity ({entity!r})")
    if not entity and not person:
        raise format_error(name, where, "missing Entity or LastName/GivenName")
    imo = _read_or_count("ShipIMONumber", fields.get("ShipIMONumber", ""), read_imo, counter)
    kind: EntityKind = "person"
    if entity:
        ship = imo is not None or any(fields.get(tag) for tag in _SHIP_TYPE_TAGS)
        kind = "vessel" if ship else "organisation"
    aliases = [(part, "alias") for part in fields.get("Aliases", "").split(", ") if part.strip()]
    births: list[PartialDate | None] = []
    for tag in _BIRTH_TAGS:
        births.extend(_births(tag, fields.get(tag, ""), kind, counter))
    identifiers = [Identifier(meta.scheme, key)]
    if imo is not None and kind == "vessel":
        identifiers.append(Identifier(IMO_SCHEME, imo))
    elif imo is not None:
        counter.add("ShipIMONumber", f"{imo} on a {kind}")
    return ListRecord(
        key=key,
        kind=kind,
        list_ids=(meta.list,),
        names=make_names(entity or person, aliases),
        identifiers=tuple(identifiers),
        listed_on=_read_or_count("DateOfListing", fields.get("DateOfListing", ""), iso_date, counter),
        birth_dates=unique_births(births),
    )


def _read_or_count(tag: str, text: str, read: Callable[[str], T | None], counter: Counter) -> T | None:
    """A field's value as `read` reads it (an IMO number, an ISO date), or None; text it cannot read
    is counted under the tag, not kept: a mistyped ship number would join ships that are not one."""
    if not text:
        return None
    value = read(text)
    if value is None:
        counter.add(tag, text)
    return value


def _births(tag: str, value: str, kind: EntityKind, counter: Counter) -> list[PartialDate | None]:
    """The dates of birth one tag states for a person, each of its `or`-joined dates read apart.

    An empty tag states nothing; on a vessel the later files' shared tag is its build date, not
    kept. A date that cannot be read, and a value on an organisation (which has no birth), is
    counted under the tag so the import report shows it.
    """
    if not value or (kind == "vessel" and tag == "DateOfBirthOrShipBuildDate"):
        return []
    if kind != "person":
        counter.add(tag, value)
        return []
    found = []
    for part in _ALTERNATIVES.split(value):
        read = read_stated_birth(part)
        if read is None and part.strip():
            counter.add(tag, part)
        found.append(read)
    return found
