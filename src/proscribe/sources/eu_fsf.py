"""Adapter for the EU Financial Sanctions Files XML: the legacy `<WHOLE Date=...>` and v1.1 `<export>`.

The root element decides: v1.1 files are read by proscribe.sources.eu_fsf_v11 (same record keys),
so one snapshot series can span the format change. For the legacy file:

Structure relied on (asserted; drift raises FormatError naming file and line): `WHOLE[@Date]`
(dd/mm/yyyy, the snapshot date) > `ENTITY[@Id, @Type, @programme]` with `NAME` children (each
with `WHOLENAME`, or `LASTNAME` / `FIRSTNAME` / `MIDDLENAME`, and `LANGUAGE`) and other children
(`BIRTH`, `PASSPORT`, `CITIZEN`, `ADDRESS`). `ADDRESS/COUNTRY` gives the record's countries as
the file writes them (an ISO 3166 alpha-3 code: `IRQ`); `BIRTH/DATE` gives a person's dates of
birth (`read_fsf_birth`) and `CITIZEN/COUNTRY` a person's nationalities, as written (`IRQ`); the
other children (a birth's country among them) are not used for claims. `Id` is the record key;
`Type` (`P` person, `E` entity) maps through `entity_type`, `programme` through `programme`
(every record is on the source's list; `TERR`, the Common Position 2001/931 list, adds the
registry's `eu-terrorist`). The first name is the primary one; names with a LANGUAGE are
translations.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from lxml import etree

from proscribe.model import EntityKind, Identifier, PartialDate
from proscribe.model.birth import unique_births
from proscribe.sources.common import InputFile, dmy_or_mdy, format_error, read_stated_birth
from proscribe.sources.eu_fsf_v11 import parse_export
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
from proscribe.sources.xmlsafe import local, parse_xml, text_of

_KINDS: dict[str, EntityKind] = {"person": "person", "organisation": "organisation"}
_KNOWN_CHILDREN = frozenset({"NAME", "BIRTH", "PASSPORT", "CITIZEN", "ADDRESS"})
# The FSF's mark of an approximate birth: `1957 (approximative)`, `1958 - 1963 (approximative)`.
_APPROXIMATIVE = re.compile(r"\s*\(approximative\)$", re.IGNORECASE)
# What the CSV v1.0 of 2018 writes where the legacy XML had a year alone: it states no date.
_NOT_AVAILABLE = frozenset({"n/a"})


def read_fsf_birth(text: str) -> tuple[PartialDate | None, bool]:
    """One FSF birth date as the legacy XML and the CSV v1.0 write it, and whether it stated one.

    Shared by both formats (generated from the same database): ISO (`1924-02-21`), a year
    (`1965`), an approximate year (`1957 (approximative)`, read as that year and one either side,
    as the UN's "approximately" is) and an approximate span (`1958 - 1963 (approximative)`, read
    as the span itself, as the UN's BETWEEN is: the EU marks the UN's spans so). An empty value
    and `N/A` state nothing: `(None, False)`; a stated value this cannot read is `(None, True)`.
    """
    value = clean(text)
    if not value or value.casefold() in _NOT_AVAILABLE:
        return None, False
    marked = _APPROXIMATIVE.search(value)
    if marked:
        stated = read_stated_birth(value[: marked.start()])
        if stated is not None and stated.precision == "range":
            return stated, True  # the UN's BETWEEN, which the EU marks approximative: as stated
        # Anything else marked approximative: a year each side (proscribe.model.birth's "circa").
        return read_stated_birth(f"circa {value[: marked.start()]}"), True
    return read_stated_birth(value), True


def fsf_births(texts: Iterable[str], field_name: str, counter: Counter) -> tuple[str, ...]:
    """A person's distinct birth dates from the FSF texts stated for it, in order.

    A text the person states twice (the same BIRTH under two legal acts, or on two CSV rows) is
    read once; each distinct one this cannot read is counted once under `field_name`.
    """
    found: list[PartialDate | None] = []
    for text in dict.fromkeys(clean(text) for text in texts):
        birth, stated = read_fsf_birth(text)
        if stated and birth is None:
            counter.add(field_name, text)
        found.append(birth)
    return unique_births(found)


def parse(meta: SourceMeta, files: Sequence[InputFile]) -> ParsedList:
    """Read one FSF XML file (legacy or v1.1) into records."""
    if len(files) != 1:
        raise format_error(meta.id, "input", f"expects exactly one XML file, got {len(files)}")
    source = files[0]
    root = parse_xml(source.data, source.name)
    if local(root.tag) == "export":
        return parse_export(meta, source.name, root)
    if root.tag != "WHOLE":
        raise format_error(
            source.name, f"line {root.sourceline}", f"root is <{root.tag}>, not WHOLE or export"
        )
    snapshot = dmy_or_mdy(root.get("Date", ""), day_first=True)
    if snapshot is None:
        raise format_error(source.name, "WHOLE", "missing or malformed Date attribute (dd/mm/yyyy)")
    counter = Counter()
    records = []
    for element in root:
        if not isinstance(element.tag, str):
            continue
        if element.tag != "ENTITY":
            raise format_error(
                source.name, f"line {element.sourceline}", f"expected <ENTITY>, got <{element.tag}>"
            )
        records.append(_record(meta, source.name, element, counter))
    warnings: list[str] = []
    return ParsedList(
        meta.id, snapshot, dedupe(records, warnings, source.name), counter.counts, tuple(warnings)
    )


def _record(meta: SourceMeta, name: str, element: etree._Element, counter: Counter) -> ListRecord:
    where = f"line {element.sourceline} <ENTITY>"
    key = (element.get("Id") or "").strip()
    if not key:
        raise format_error(name, where, "missing Id attribute")
    kind = _KINDS.get(meta.lookup("entity_type", element.get("Type", "")) or "")
    if kind is None:
        counter.add("Type", element.get("Type", ""))
        kind = "other"
    lists = [meta.list]
    programme = element.get("programme", "")
    mapped = meta.lookup("programme", programme)
    if mapped is None:
        counter.add("programme", programme)
    elif mapped not in lists:
        lists.append(mapped)
    names: list[tuple[str, str]] = []
    countries: list[str] = []
    births: list[str] = []
    citizenships: list[str] = []
    for child in element:
        if not isinstance(child.tag, str):
            continue
        if child.tag not in _KNOWN_CHILDREN:
            raise format_error(
                name, f"line {child.sourceline}", f"unexpected element <{child.tag}> in ENTITY {key}"
            )
        if child.tag == "NAME":
            whole = clean(text_of(child.find("WHOLENAME")))
            if not whole:
                parts = (text_of(child.find(tag)) for tag in ("FIRSTNAME", "MIDDLENAME", "LASTNAME"))
                whole = clean(" ".join(parts))
            if whole:
                names.append((whole, "translation" if text_of(child.find("LANGUAGE")) else "alias"))
        elif child.tag == "ADDRESS":
            countries.append(text_of(child.find("COUNTRY")))
        elif child.tag == "BIRTH":
            births.append(text_of(child.find("DATE")))
        elif child.tag == "CITIZEN":
            citizenships.append(text_of(child.find("COUNTRY")))
    if not names:
        raise format_error(name, f"{where} Id {key}", "no NAME with a name")
    return ListRecord(
        key=key,
        kind=kind,
        list_ids=tuple(lists),
        names=make_names(names[0][0], names[1:]),
        identifiers=(Identifier(meta.scheme, key),),
        country=join_countries(countries),
        # Only a person is born: a BIRTH under an entity (none in the real files) is not its founding.
        birth_dates=fsf_births(births, "BIRTH/DATE", counter) if kind == "person" else (),
        nationalities=unique_nationalities(citizenships) if kind == "person" else (),
    )
